//! The VM backend: typed register bytecode and its interpreter.
//!
//! `generate` lays out a unit's globals and string literals in VM memory, allocates
//! registers for each function, emits bytecode, verifies it, and keeps it with the
//! function's pc→span table. `call` runs a function on the register stack, whose size
//! follows the context's `stack_size` (8 bytes per register slot).

mod emit;
mod interp;
pub mod opcodes;
mod unwind;
mod verify;

use super::regalloc;
use super::{Backend, GenerateError, HostHook, Trap};
use crate::check::hir::FuncId;
use crate::ir::Unit;
use crate::runtime::memory::{Memory, MemoryConfig};
use crate::runtime::{Fault, strings};
use crate::source::{SourceFile, Span};
use opcodes::{Op, Operand};
use std::fmt::Write as _;
use std::sync::Arc;

/// Register slots one frame may use (the operand field is 16 bits wide).
pub const MAX_FRAME: u32 = u16::MAX as u32;

/// A generated function.
pub(crate) struct VmFunction {
    /// A host function: no code; calling it goes through the host hook.
    pub host: bool,
    pub name: String,
    pub module: String,
    pub source: Arc<SourceFile>,
    pub code: Box<[Op]>,
    pub spans: Box<[Span]>,
    pub frame_size: u32,
    /// Bytes of object storage the frame takes in the VM memory stack region.
    pub obj_size: u32,
    /// Protected pc ranges `start..end` and the pc of their landing pad, in pc order.
    pub handlers: Box<[(u32, u32, u32)]>,
    /// A drop function (the only kind an exception block may name).
    pub drop_function: bool,
}

/// A saved caller frame.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub func: u32,
    /// Where the caller resumes.
    pub pc: u32,
    pub base: u32,
    /// Where the caller's object storage starts.
    pub obase: u32,
}

pub struct VmBackend {
    pub(crate) mem: Memory,
    pub(crate) regs: Box<[u64]>,
    /// Indexed by `FuncId`; None for ids that are not script functions of this VM.
    pub(crate) funcs: Vec<Option<VmFunction>>,
    pub(crate) consts: Vec<u64>,
    pub(crate) global_addr: Vec<u32>,
    pub(crate) frames: Vec<Frame>,
    /// Calls nested deeper than this overflow the stack.
    pub(crate) max_depth: usize,
    /// Register slots used by a call that is waiting on a host function, so that a
    /// re-entrant call starts above them.
    pub(crate) active_top: usize,
    /// Like `active_top`, for object storage in the stack region.
    pub(crate) active_obj_top: usize,
    /// The state of the `math` module's `random` generator.
    pub(crate) rng: u64,
    /// How faults become `Error` objects (None: faults cannot be caught).
    pub(crate) error: Option<unwind::ErrorSupport>,
    /// A block kept free for the `Error` of an out-of-memory fault.
    pub(crate) reserve: Option<u32>,
    /// Where each live exception block was raised.
    pub(crate) traces: std::collections::HashMap<u32, unwind::RawTrace>,
}

impl VmBackend {
    /// The VM's [`super::Entry`].
    ///
    /// # Safety
    /// As for [`super::Entry`]; `hook.reborrow` yields this VM.
    unsafe fn enter(hook: &HostHook, func: FuncId, args: &[u64]) -> Result<u64, Trap> {
        // SAFETY: per contract.
        let (this, env) = unsafe { (hook.reborrow)(hook.data) };
        let this = this as *mut VmBackend;
        let (base, obase, depth) = {
            // SAFETY: per contract; dropped before the run starts.
            let vm = unsafe { &mut *this };
            let base = vm.top_of_stack();
            let (frame, host) = match vm.function(func) {
                Some(f) => (f.frame_size, f.host),
                None => {
                    return Err(Trap::fault(
                        Fault::runtime(format!("function #{} has no code", func.0)),
                        Vec::new(),
                    ));
                }
            };
            if host {
                return Err(Trap::fault(
                    Fault::runtime("host functions are called by the context, not the VM"),
                    Vec::new(),
                ));
            }
            if base + frame.max(args.len() as u32) as usize > vm.regs.len() {
                return Err(Trap::fault(Fault::stack_overflow(), Vec::new()));
            }
            let window = &mut vm.regs[base..base + args.len()];
            // A call with few arguments copies them one by one: LLVM turns any loop into
            // a memcpy call, which costs more than the copy.
            match (window, args) {
                ([], []) => {}
                ([d0], [s0]) => *d0 = *s0,
                ([d0, d1], [s0, s1]) => (*d0, *d1) = (*s0, *s1),
                (d, s) => d.copy_from_slice(s),
            }
            (base, vm.active_obj_top, vm.frames.len())
        };
        // SAFETY: `this` and `env` come from `hook.reborrow` and no reference to either
        // is live.
        unsafe { VmBackend::run(this, env, hook, func.0 as usize, base, obase, depth) }
    }

    /// A VM with `config`'s memory; its register stack has `stack_size / 8` slots.
    pub fn new(config: MemoryConfig) -> Result<VmBackend, Fault> {
        let mem = Memory::new(config)?;
        let obj_stack = mem.stack_region().0 as usize;
        let slots = (config.stack_size as usize / 8).max(256);
        Ok(VmBackend {
            mem,
            regs: vec![0u64; slots].into_boxed_slice(),
            funcs: Vec::new(),
            consts: Vec::new(),
            global_addr: Vec::new(),
            frames: Vec::new(),
            max_depth: slots,
            active_top: 0,
            active_obj_top: obj_stack,
            rng: {
                let mut r = 0;
                crate::builtins::math::seed(&mut r, 0);
                r
            },
            error: None,
            reserve: None,
            traces: std::collections::HashMap::new(),
        })
    }

    fn function(&self, id: FuncId) -> Option<&VmFunction> {
        self.funcs.get(id.0 as usize).and_then(|f| f.as_ref())
    }
}

impl Backend for VmBackend {
    fn generate(&mut self, unit: &Unit) -> Result<(), GenerateError> {
        let oom = |what: &str| GenerateError {
            function: String::from("__init__"),
            span: Span::default(),
            message: format!("out of memory while laying out {what}"),
        };
        // Globals: zeroed slots in module data.
        for g in &unit.globals {
            let addr = self.mem.alloc(g.size).map_err(|_| oom("globals"))?;
            let i = g.id.0 as usize;
            if self.global_addr.len() <= i {
                self.global_addr.resize(i + 1, 0);
            }
            self.global_addr[i] = addr;
        }
        let mut literal_addr = Vec::with_capacity(unit.strings.len());
        for s in &unit.strings {
            literal_addr.push(strings::immortal(&mut self.mem, s).map_err(|_| oom("strings"))?);
        }
        let mut generated = Vec::new();
        for f in &unit.functions {
            debug_assert_eq!(crate::ir::verify(f), Ok(()));
            let alloc = regalloc::allocate(f, MAX_FRAME).map_err(|need| GenerateError {
                function: f.name.clone(),
                span: f.span,
                message: format!(
                    "function '{}' needs {need} registers; the limit is {MAX_FRAME}",
                    f.name
                ),
            })?;
            let mut env = emit::EmitEnv {
                consts: &mut self.consts,
                global_addr: &self.global_addr,
                literal_addr: &literal_addr,
            };
            let out = emit::emit_function(f, &alloc, &mut env);
            generated.push((
                f.id,
                VmFunction {
                    host: false,
                    name: f.name.clone(),
                    module: unit.module_name.clone(),
                    source: unit.source.clone(),
                    code: out.code.into_boxed_slice(),
                    spans: out.spans.into_boxed_slice(),
                    frame_size: alloc.frame_size.max(1),
                    obj_size: f.frame_bytes,
                    handlers: out.handlers.into_boxed_slice(),
                    drop_function: f.drop_function,
                },
            ));
        }
        let total = generated
            .iter()
            .map(|(id, _)| id.0 as usize + 1)
            .max()
            .unwrap_or(0)
            .max(self.funcs.len());
        for (_, f) in &generated {
            verify::verify(f, total, &self.consts, self.mem.len()).map_err(|message| {
                GenerateError {
                    function: f.name.clone(),
                    span: Span::default(),
                    message: format!("internal error: invalid bytecode: {message}"),
                }
            })?;
        }
        if self.funcs.len() < total {
            self.funcs.resize_with(total, || None);
        }
        for (id, f) in generated {
            self.funcs[id.0 as usize] = Some(f);
        }
        Ok(())
    }

    fn gp_count(&self) -> u16 {
        MAX_FRAME as u16
    }

    fn fp_count(&self) -> u16 {
        MAX_FRAME as u16
    }

    fn entry(&self) -> super::Entry {
        VmBackend::enter
    }

    fn set_error_class(&mut self, error: super::ErrorClass) {
        self.install_error_class(error);
    }

    fn reset(&mut self) {
        self.traces.clear();
        self.frames.clear();
        self.active_top = 0;
        self.active_obj_top = self.mem.stack_region().0 as usize;
    }

    fn declare_host(&mut self, func: FuncId, params: usize) {
        let i = func.0 as usize;
        if self.funcs.len() <= i {
            self.funcs.resize_with(i + 1, || None);
        }
        self.funcs[i] = Some(VmFunction {
            host: true,
            name: String::new(),
            module: String::new(),
            source: SourceFile::new("", ""),
            code: Box::new([]),
            spans: Box::new([]),
            frame_size: params.max(1) as u32,
            obj_size: 0,
            handlers: Box::new([]),
            drop_function: false,
        });
    }

    fn memory(&mut self) -> &mut Memory {
        &mut self.mem
    }

    fn disassemble(&self, func: FuncId) -> Option<String> {
        let f = self.function(func)?;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "function {} (frame {} registers)",
            f.name, f.frame_size
        );
        let mut last_line = 0;
        for (pc, (op, span)) in f.code.iter().zip(f.spans.iter()).enumerate() {
            let (line, _) = f.source.line_col(span.lo);
            if *span != Span::default() && line != last_line {
                let text = String::from_utf8_lossy(f.source.line_text(line));
                let _ = writeln!(out, "  ; {}:{line}: {}", f.module, text.trim());
                last_line = line;
            }
            let operands: Vec<String> = op
                .operands()
                .iter()
                .map(|o| match o {
                    Operand::Reg(r) => format!("r{r}"),
                    Operand::Imm(i) => format!("{i}"),
                    Operand::Target(t) => format!("@{t}"),
                    Operand::Konst(k) => format!("k{k}({:#x})", self.consts[*k as usize]),
                    Operand::Addr(a) => format!("[{a}]"),
                    Operand::Func(fi) => match self.function(FuncId(*fi)) {
                        Some(callee) => callee.name.clone(),
                        None => format!("f{fi}"),
                    },
                    Operand::Builtin(b) => format!("{:?}", crate::builtins::ALL[*b as usize]),
                    Operand::Off(o) => format!("+{o}"),
                    Operand::Kind(k) => {
                        format!("{:?}", crate::runtime::arrays::ElemKind::from_code(*k))
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "  {pc:5}  {:<12} {}",
                op.mnemonic(),
                operands.join(", ")
            );
        }
        for &(start, end, pad) in f.handlers.iter() {
            let _ = writeln!(out, "  unwind {start}..{end} -> {pad}");
        }
        Some(out)
    }
}
