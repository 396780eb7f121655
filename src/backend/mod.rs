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

/// How the interpreter calls a host function in place, without leaving its loop. The
/// host may use the whole context meanwhile (a nested call, a new module), so the
/// interpreter keeps no reference into the context across the call and derives its
/// pointers afresh from `data` afterwards.
#[derive(Clone, Copy)]
pub struct HostHook {
    /// The context, as the raw pointer every access during a call derives from.
    pub data: *mut (),
    /// Calls host function `func` on argument slots `args` (a private copy; string
    /// references are taken over), returning its result slot or the fault it raised.
    pub call: unsafe fn(data: *mut (), func: FuncId, args: &[u64]) -> Result<u64, Fault>,
    /// The backend (the object whose `entry` is running, as a thin pointer) and the
    /// `Env`, derived from `data`.
    pub reborrow: unsafe fn(data: *mut ()) -> (*mut (), *mut Env),
}

/// A backend's entry: calls `func` with `args` (one 64-bit slot per parameter, in the
/// register representation: integers extended, floats as bits, strings as references
/// the callee takes over) and returns its result slot.
///
/// # Safety
/// `hook.data` is the context that owns the backend; nothing else uses the context
/// until the entry returns.
pub type Entry = unsafe fn(hook: &HostHook, func: FuncId, args: &[u64]) -> Result<u64, Trap>;

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
    /// How to call functions: the entry that runs them (see [`Entry`]).
    fn entry(&self) -> Entry;
    /// Makes `func` a host function: calling it goes through [`HostHook::call`].
    fn declare_host(&mut self, func: FuncId, params: usize);
    /// Forgets every running call (after a panic unwound through one).
    fn reset(&mut self);
    /// Makes runtime faults catchable: they become objects of class `Error`.
    fn set_error_class(&mut self, error: ErrorClass);
    /// The context's VM memory.
    fn memory(&mut self) -> &mut Memory;
    /// A listing of a generated function, with source lines.
    fn disassemble(&self, func: FuncId) -> Option<String>;
}
