//! The bytecode verifier.
//!
//! The interpreter reads registers, constants and module data without bounds checks;
//! this is what makes that sound. Every register operand must lie inside the frame,
//! every jump target inside the function, every constant inside the pool, every memory
//! address (with the widest access) inside VM memory as it is now (memory never
//! shrinks), every callee must exist, and a built-in's argument window must fit the
//! frame. The last instruction must not fall through.

use super::VmFunction;
use super::opcodes::{Op, Operand};
use crate::builtins;

pub(super) fn verify(
    f: &VmFunction,
    funcs: usize,
    consts: &[u64],
    mem_len: u64,
) -> Result<(), String> {
    let len = f.code.len();
    if len == 0 {
        return Err(format!("{}: empty function", f.name));
    }
    if f.spans.len() != len {
        return Err(format!("{}: span table length", f.name));
    }
    for (pc, op) in f.code.iter().enumerate() {
        for operand in op.operands() {
            let ok = match operand {
                Operand::Reg(r) => (r as u32) < f.frame_size,
                Operand::Imm(_) => true,
                Operand::Target(t) => (t as usize) < len,
                Operand::Konst(k) => (k as usize) < consts.len(),
                Operand::Addr(a) => a as u64 + 8 <= mem_len,
                Operand::Func(fi) => (fi as usize) < funcs,
                Operand::Builtin(b) => (b as usize) < builtins::ALL.len(),
                Operand::Kind(k) => k <= 6,
                // Frame offsets must lie in the frame; sizes are checked when used.
                Operand::Off(o) => match op {
                    Op::FrameAddr { .. } => o < f.obj_size,
                    _ => true,
                },
            };
            if !ok {
                return Err(format!(
                    "{}: pc {pc}: operand {operand:?} of {}",
                    f.name,
                    op.mnemonic()
                ));
            }
        }
        if let Op::CallBuiltin { b, base } = op {
            let (params, _) = builtins::ALL[b.0 as usize].signature();
            if base.0 as u32 + (params.len() as u32).max(1) > f.frame_size {
                return Err(format!(
                    "{}: pc {pc}: argument window outside the frame",
                    f.name
                ));
            }
        }
    }
    for &(start, end, pad) in f.handlers.iter() {
        if start > end
            || end as usize > len
            || !matches!(f.code.get(pad as usize), Some(Op::ExcCatch { .. }))
        {
            return Err(format!("{}: bad handler entry", f.name));
        }
    }
    match f.code[len - 1] {
        Op::Jmp { .. }
        | Op::Ret { .. }
        | Op::RetVoid {}
        | Op::Throw { .. }
        | Op::Rethrow { .. } => Ok(()),
        _ => Err(format!("{}: falls off the end", f.name)),
    }
}
