//! Exceptions in the VM: exception blocks, raising and unwinding (spec 6).
//!
//! An exception object lives in a heap block of its own: a class number and the drop
//! function that destroys it (8 bytes), then the object. Registers of landing pads hold
//! the block's address, so an exception that waits for a `finally` block costs nothing
//! outside VM memory. Raising looks the faulting pc up in the function's table of
//! protected ranges: a hit resumes at the landing pad (whose `exc.catch` names the
//! register for the block); a miss pops the frame and looks again at the call in the
//! caller. Nothing is paid on paths that do not raise.
//!
//! A runtime fault becomes an `Error` object when the context has told the VM where
//! `Error` keeps its fields; without that, or for an interrupt, the call ends at once.

use super::VmBackend;
use crate::backend::{ErrorClass, Thrown, TraceFrame, Trap};
use crate::check::hir::FuncId;
use crate::runtime::{Fault, strings};

/// Bytes before the object in an exception block: its class and its drop function.
pub(super) const HEADER: u32 = 8;
/// Frames kept in a backtrace: the innermost ones and the outermost ones.
const TRACE_INNER: usize = 48;
const TRACE_OUTER: usize = 8;

/// Where an exception was raised: the innermost frames first (function, pc), and how
/// many frames there were in all.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawTrace {
    points: Vec<(u32, u32)>,
    total: usize,
}

/// Where unwinding found a landing pad.
pub(super) struct Landing {
    pub fi: usize,
    pub pc: usize,
    pub base: usize,
    pub obase: usize,
}

/// Immortal strings and memory the VM keeps so that faults can become `Error`s even
/// when the heap is full.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ErrorSupport {
    pub class: ErrorClass,
    out_of_memory: u32,
    stack_overflow: u32,
}

impl VmBackend {
    pub(super) fn install_error_class(&mut self, class: ErrorClass) {
        let oom = strings::immortal(&mut self.mem, b"out of memory");
        let so = strings::immortal(&mut self.mem, b"stack overflow");
        if let (Ok(out_of_memory), Ok(stack_overflow)) = (oom, so) {
            self.error = Some(ErrorSupport {
                class,
                out_of_memory,
                stack_overflow,
            });
            self.refill_reserve();
        }
    }

    /// Keeps one block the size of an `Error` exception in reserve for the
    /// out-of-memory fault.
    pub(super) fn refill_reserve(&mut self) {
        if self.reserve.is_none()
            && let Some(e) = self.error
        {
            self.reserve = self.mem.alloc(HEADER + e.class.size).ok();
        }
    }

    /// A new exception block holding a bytewise move of the `size`-byte object at `from`.
    pub(super) fn new_exception(
        &mut self,
        class: u32,
        drop: u32,
        from: u32,
        size: u32,
    ) -> Result<u32, Fault> {
        if !self.mem.contains(from, size) {
            return Err(Fault::runtime("invalid memory access"));
        }
        let block = self.mem.alloc(HEADER + size)?;
        self.mem.write_u32(block, class);
        self.mem.write_u32(block + 4, drop);
        self.mem.bytes_mut().copy_within(
            from as usize..(from + size) as usize,
            (block + HEADER) as usize,
        );
        Ok(block)
    }

    /// The `Error` object for a runtime fault, or None when the fault cannot be caught
    /// (an interrupt, or no `Error` class known).
    pub(super) fn exception_of_fault(&mut self, fault: &Fault) -> Option<u32> {
        if fault.code == Fault::INTERRUPTED {
            return None;
        }
        let e = self.error?;
        let message = match fault.code {
            Fault::OUT_OF_MEMORY => e.out_of_memory,
            Fault::STACK_OVERFLOW => e.stack_overflow,
            _ => strings::new(&mut self.mem, fault.message.as_bytes()).unwrap_or(e.out_of_memory),
        };
        let mut block = self.mem.alloc(HEADER + e.class.size);
        if block.is_err()
            && let Some(r) = self.reserve.take()
        {
            self.mem.free(r);
            block = self.mem.alloc(HEADER + e.class.size);
        }
        let Ok(block) = block else {
            strings::release(&mut self.mem, message);
            return None;
        };
        let object = block + HEADER;
        self.mem.write_u32(block, e.class.class);
        self.mem.write_u32(block + 4, e.class.drop.0);
        self.mem.write_u32(object + e.class.message_at, message);
        self.mem.write_u32(object + e.class.code_at, fault.code);
        Some(block)
    }

    /// Where something is raised at `pc` of `fi`: that point, then the calls of the
    /// frames above `depth`, innermost first (the middle of a deep stack left out).
    pub(super) fn raw_trace(&self, fi: usize, pc: usize, depth: usize) -> RawTrace {
        let callers = &self.frames[depth.min(self.frames.len())..];
        let total = callers.len() + 1;
        let mut points = Vec::with_capacity(total.min(TRACE_INNER + TRACE_OUTER));
        let all = std::iter::once((fi as u32, pc as u32)).chain(
            callers
                .iter()
                .rev()
                .map(|fr| (fr.func, fr.pc.saturating_sub(1))),
        );
        for (i, p) in all.enumerate() {
            if total <= TRACE_INNER + TRACE_OUTER || i < TRACE_INNER || i >= total - TRACE_OUTER {
                points.push(p);
            }
        }
        RawTrace { points, total }
    }

    /// Records where exception `block` was raised (see `raw_trace`).
    pub(super) fn record_trace(&mut self, block: u32, fi: usize, pc: usize, depth: usize) {
        let trace = self.raw_trace(fi, pc, depth);
        self.traces.insert(block, trace);
    }

    /// Frees an exception block without destroying its object.
    pub(super) fn forget_exception(&mut self, block: u32) {
        self.traces.remove(&block);
        self.mem.free(block);
        // Freed memory first refills the reserve for out-of-memory faults.
        self.refill_reserve();
    }

    /// The drop function an exception block names, if it is one.
    pub(super) fn drop_of(&self, block: u32) -> Option<usize> {
        let f = self.mem.read_u32(block + 4) as usize;
        self.funcs
            .get(f)
            .and_then(|x| x.as_ref())
            .filter(|x| x.drop_function)
            .map(|_| f)
    }

    /// Finds the landing pad for exception `block` raised at `pc` of function `fi`
    /// (frame at `base`/`obase`), popping frames down to `depth`. Uncaught, the frames
    /// are gone and the trap carries the exception object.
    pub(super) fn unwind(
        &mut self,
        block: u32,
        mut fi: usize,
        mut pc: usize,
        mut base: usize,
        mut obase: usize,
        depth: usize,
    ) -> Result<Landing, Trap> {
        loop {
            if let Some(f) = self.funcs.get(fi).and_then(|f| f.as_ref()) {
                let at = pc as u32;
                let i = f.handlers.partition_point(|h| h.1 <= at);
                if let Some(&(start, _, pad)) = f.handlers.get(i)
                    && start <= at
                    && let Some(super::opcodes::Op::ExcCatch { d }) = f.code.get(pad as usize)
                {
                    self.regs[base + d.0 as usize] = block as u64;
                    return Ok(Landing {
                        fi,
                        pc: pad as usize + 1,
                        base,
                        obase,
                    });
                }
            }
            if self.frames.len() <= depth {
                return Err(self.uncaught(block));
            }
            let fr = self.frames.pop().expect("a caller frame");
            fi = fr.func as usize;
            pc = (fr.pc as usize).saturating_sub(1);
            base = fr.base as usize;
            obase = fr.obase as usize;
        }
    }

    /// The trap for exception `block` that no handler caught.
    fn uncaught(&mut self, block: u32) -> Trap {
        let class = self.mem.read_u32(block);
        let object = block + HEADER;
        let fault = match self.error {
            Some(e) if e.class.class == class => {
                let message = self.mem.read_u32(object + e.class.message_at);
                Fault {
                    code: self.mem.read_u32(object + e.class.code_at),
                    message: String::from_utf8_lossy(strings::bytes(&self.mem, message))
                        .into_owned(),
                }
            }
            _ => Fault::runtime(String::new()),
        };
        let trace = self.traces.remove(&block).unwrap_or_default();
        let backtrace = self.render_trace(&trace);
        let drop = self.drop_of(block).map(|f| FuncId(f as u32));
        if drop.is_none() {
            self.forget_exception(block);
        }
        Trap::Fault(Box::new(crate::backend::FaultTrap {
            fault,
            backtrace,
            thrown: Some(Thrown {
                class,
                object,
                drop,
            }),
        }))
    }

    /// Module, function, line and column of each recorded point.
    pub(super) fn render_trace(&self, trace: &RawTrace) -> Vec<TraceFrame> {
        let mut out = Vec::with_capacity(trace.points.len() + 1);
        for (i, &(f, pc)) in trace.points.iter().enumerate() {
            if trace.total > trace.points.len() && i == TRACE_INNER {
                out.push(TraceFrame {
                    module: String::new(),
                    function: format!("... {} more frames", trace.total - trace.points.len()),
                    line: 0,
                    column: 0,
                });
            }
            let Some(func) = self.funcs.get(f as usize).and_then(|x| x.as_ref()) else {
                continue;
            };
            let span = func.spans.get(pc as usize).copied().unwrap_or_default();
            let (line, column) = func.source.line_col(span.lo);
            out.push(TraceFrame {
                module: func.module.clone(),
                function: func.name.clone(),
                line,
                column,
            });
        }
        out
    }
}
