//! Backends: what turns IR into something that runs.
//!
//! The [`Backend`] trait has the four operations of the original design (`generate`,
//! `gp_count`, `fp_count`, `call`) plus the accessors a context needs around them.
//! [`vm::VmBackend`] compiles to typed register bytecode for the interpreter in
//! [`vm`]; a native backend would implement the same trait.
//!
//! A call runs inside an [`Env`]: the output sinks, the step budget and the interrupt
//! flag, which belong to the context rather than to the generated code.

pub mod regalloc;
pub mod vm;

use crate::check::hir::FuncId;
use crate::ir::Unit;
use crate::runtime::Fault;
use crate::runtime::memory::Memory;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Where `print`, `console.log` (out) and `console.warn/error` (err) write.
pub type Sink = Box<dyn FnMut(&[u8]) + Send>;

/// The per-context run-time environment handed to every call.
pub struct Env {
    pub out: Sink,
    pub err: Sink,
    /// Steps (loop back-edges, calls, and one per 64 bytes or elements that string
    /// and array operations process) left before the running call is stopped; None for
    /// no budget.
    pub steps_left: Option<u64>,
    /// Set by any thread to stop the running call at its next back-edge or call.
    pub interrupt: Arc<AtomicBool>,
    /// Reused buffer for assembling output lines.
    pub scratch: Vec<u8>,
    /// Steps left in the chunk the running call took from `steps_left`; it carries
    /// across host calls and is handed back when the outermost call ends.
    pub fuel: u32,
}

/// One frame of a backtrace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceFrame {
    pub module: String,
    pub function: String,
    pub line: u32,
    pub column: u32,
}

/// A runtime fault that ended a call, with where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultTrap {
    pub fault: Fault,
    /// Innermost frame first.
    pub backtrace: Vec<TraceFrame>,
    /// For an uncaught exception: the exception object, which the caller must still
    /// destroy (see [`Thrown`]).
    pub thrown: Option<Thrown>,
}

/// An uncaught exception object, still in VM memory after its frames were unwound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thrown {
    /// Its class (index in the program's class table).
    pub class: u32,
    /// The object's address.
    pub object: u32,
    /// The drop function that destroys the object and frees its storage; called with
    /// `object` as its one argument.
    pub drop: Option<FuncId>,
}

/// Where the predeclared `Error` class keeps its fields, so that runtime faults can
/// become `Error` objects (spec 6.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorClass {
    pub class: u32,
    pub drop: FuncId,
    pub size: u32,
    pub message_at: u32,
    pub code_at: u32,
}

/// Why a call did not return normally. Small on purpose: it travels through every
/// return of the interpreter, also on the hot host-call path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trap {
    /// A runtime fault, uncaught.
    Fault(Box<FaultTrap>),
    /// The host interrupted the call or the step budget ran out.
    Interrupted,
}

impl Trap {
    pub fn fault(fault: Fault, backtrace: Vec<TraceFrame>) -> Trap {
        Trap::Fault(Box::new(FaultTrap {
            fault,
            backtrace,
            thrown: None,
        }))
    }
}

/// How a call (or its resumption) left the backend.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The called function returned this result slot.
    Return(u64),
    /// The script called host function `func` with `nargs` argument slots, readable
    /// with [`Backend::host_args`] at `base`. The call is suspended until
    /// [`Backend::resume`] hands back the result; meanwhile the host may make further
    /// (nested) calls.
    Host { func: FuncId, base: u32, nargs: u32 },
}

// Small enough to come back in registers from every return of the interpreter.
const _: () = assert!(std::mem::size_of::<Result<Exit, Trap>>() <= 16);

/// Failure to generate code for a unit (an implementation limit such as too many
/// registers in one function), with the function it concerns.
#[derive(Clone, Debug)]
pub struct GenerateError {
    pub function: String,
    pub span: crate::source::Span,
    pub message: String,
}

pub trait Backend: Send {
    /// Generates code for every function of `unit` and lays out its globals.
    fn generate(&mut self, unit: &Unit) -> Result<(), GenerateError>;
    /// Registers a frame may use for integer values.
    fn gp_count(&self) -> u16;
    /// Registers a frame may use for floating-point values.
    fn fp_count(&self) -> u16;
    /// Calls `func` with `args` (one 64-bit slot per parameter, in the register
    /// representation: integers extended, floats as bits, strings as references the
    /// callee takes over). Returns when the function returns or calls the host.
    fn call(&mut self, env: &mut Env, func: FuncId, args: &[u64]) -> Result<Exit, Trap>;
    /// Continues the innermost call suspended at a host function, with the host's
    /// result slot or the fault it raised at the call.
    fn resume(&mut self, env: &mut Env, result: Result<u64, Fault>) -> Result<Exit, Trap>;
    /// The argument slots of a suspended host call (see [`Exit::Host`]).
    fn host_args(&self, base: usize, nargs: usize) -> &[u64];
    /// Makes `func` a host function: calling it suspends the script (see [`Exit::Host`]).
    fn declare_host(&mut self, func: FuncId, params: usize);
    /// Forgets every running and suspended call (after a panic unwound through one).
    fn reset(&mut self);
    /// Makes runtime faults catchable: they become objects of class `Error`.
    fn set_error_class(&mut self, error: ErrorClass);
    /// The context's VM memory.
    fn memory(&mut self) -> &mut Memory;
    /// A listing of a generated function, with source lines.
    fn disassemble(&self, func: FuncId) -> Option<String>;
}
