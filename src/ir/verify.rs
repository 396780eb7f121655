//! The IR verifier: checks the invariants stated in the module header of [`super`].
//!
//! Run on every function in debug builds and in tests; a failure is a compiler bug, so
//! it is reported as an internal error rather than a user diagnostic.

use super::{ArrOp, BinaryOp, Class, Function, Op, Term, VReg};

/// Returns a description of the first broken invariant.
pub fn verify(f: &Function) -> Result<(), String> {
    let class = |v: VReg| -> Result<Class, String> {
        f.vregs
            .get(v.0 as usize)
            .copied()
            .ok_or_else(|| format!("{}: v{} does not exist", f.name, v.0))
    };
    let expect = |v: VReg, c: Class, what: &str| -> Result<(), String> {
        let got = class(v)?;
        if got != c {
            return Err(format!(
                "{}: {what}: v{} is {} but {} is required",
                f.name,
                v.0,
                got.name(),
                c.name()
            ));
        }
        Ok(())
    };
    if f.blocks.is_empty() {
        return Err(format!("{}: no blocks", f.name));
    }
    for (bi, b) in f.blocks.iter().enumerate() {
        let at = |i: usize| format!("b{bi}[{i}]");
        for (i, inst) in b.insts.iter().enumerate() {
            let w = at(i);
            match &inst.op {
                Op::Const { dst, .. } => {
                    if class(*dst)? == Class::Str {
                        return Err(format!("{}: {w}: const into a string register", f.name));
                    }
                }
                Op::Str { dst, .. } => expect(*dst, Class::Str, &w)?,
                Op::Copy { dst, src } => expect(*src, class(*dst)?, &w)?,
                Op::Unary { op, dst, src } => {
                    let (a, r) = op.classes();
                    expect(*src, a, &w)?;
                    expect(*dst, r, &w)?;
                }
                Op::Binary { op, dst, a, b } => {
                    let c = op.class();
                    expect(*a, c, &w)?;
                    expect(*b, c, &w)?;
                    expect(*dst, c, &w)?;
                }
                Op::BinaryImm { op, dst, a, .. } => {
                    if !matches!(op, BinaryOp::AddI32 | BinaryOp::AddI64) {
                        return Err(format!("{}: {w}: {op:?} has no immediate form", f.name));
                    }
                    expect(*a, op.class(), &w)?;
                    expect(*dst, op.class(), &w)?;
                }
                Op::Compare { op, dst, a, b } => {
                    expect(*a, op.operand_class(), &w)?;
                    expect(*b, op.operand_class(), &w)?;
                    expect(*dst, Class::I32, &w)?;
                }
                Op::LoadGlobal { dst, mem, .. } => expect(*dst, mem.class(), &w)?,
                Op::StoreGlobal { src, mem, .. } => expect(*src, mem.class(), &w)?,
                Op::Call { args, .. } => {
                    for a in args {
                        class(*a)?;
                    }
                }
                Op::Builtin { dst, builtin, args } => {
                    let (params, ret) = builtin.signature();
                    if params.len() != args.len() {
                        return Err(format!("{}: {w}: {builtin:?} arity", f.name));
                    }
                    for (a, p) in args.iter().zip(params) {
                        expect(*a, *p, &w)?;
                    }
                    match (dst, ret) {
                        (Some(d), Some(r)) => expect(*d, r, &w)?,
                        (None, _) => {}
                        (Some(_), None) => {
                            return Err(format!("{}: {w}: {builtin:?} has no result", f.name));
                        }
                    }
                }
                Op::StrShare { dst, src } => {
                    expect(*dst, Class::Str, &w)?;
                    expect(*src, Class::Str, &w)?;
                }
                Op::StrRelease { s } => expect(*s, Class::Str, &w)?,
                Op::StrAppend { s, value, kind } => {
                    expect(*s, Class::Str, &w)?;
                    expect(*value, kind.class(), &w)?;
                }
                Op::ToText { dst, src, kind } => {
                    expect(*dst, Class::Str, &w)?;
                    expect(*src, kind.class(), &w)?;
                }
                Op::StrCompare { dst, a, b } => {
                    expect(*a, Class::Str, &w)?;
                    expect(*b, Class::Str, &w)?;
                    expect(*dst, Class::I32, &w)?;
                }
                Op::FrameSlot { dst, offset } => {
                    expect(*dst, Class::Obj, &w)?;
                    if *offset >= f.frame_bytes {
                        return Err(format!("{}: {w}: frame slot outside the frame", f.name));
                    }
                }
                Op::GlobalAddr { dst, .. } => expect(*dst, Class::Obj, &w)?,
                Op::ObjZero { addr, .. } => expect(*addr, Class::Obj, &w)?,
                Op::LoadField { dst, addr, mem, .. } => {
                    expect(*addr, Class::Obj, &w)?;
                    expect(*dst, mem.class(), &w)?;
                }
                Op::StoreField { src, addr, mem, .. } => {
                    expect(*addr, Class::Obj, &w)?;
                    expect(*src, mem.class(), &w)?;
                }
                Op::AddrOffset { dst, addr, .. } => {
                    expect(*addr, Class::Obj, &w)?;
                    expect(*dst, Class::Obj, &w)?;
                }
                Op::HandleNew { dst, .. } => expect(*dst, Class::I64, &w)?,
                Op::HandleDeref { dst, handle } => {
                    expect(*handle, Class::I64, &w)?;
                    expect(*dst, Class::Obj, &w)?;
                }
                Op::HandleFree { handle } => expect(*handle, Class::I64, &w)?,
                Op::ExcCatch { dst } => {
                    if i != 0 {
                        return Err(format!("{}: {w}: exc.catch inside a block", f.name));
                    }
                    expect(*dst, Class::Obj, &w)?;
                }
                Op::ExcIs { dst, exc, .. } => {
                    expect(*dst, Class::I32, &w)?;
                    expect(*exc, Class::Obj, &w)?;
                }
                Op::ExcTake { exc, addr, .. } => {
                    expect(*exc, Class::Obj, &w)?;
                    expect(*addr, Class::Obj, &w)?;
                }
                Op::ExcObject { dst, exc } => {
                    expect(*dst, Class::Obj, &w)?;
                    expect(*exc, Class::Obj, &w)?;
                }
                Op::ExcDrop { object } | Op::ExcFreeObject { object } => {
                    expect(*object, Class::Obj, &w)?
                }
                Op::ExcForget { exc } => expect(*exc, Class::Obj, &w)?,
                Op::Slots { op, dst, args, .. } => {
                    let (params, ret) = op.signature();
                    if params.len() != args.len() || ret.is_some() != dst.is_some() {
                        return Err(format!("{}: {w}: {op:?} arity", f.name));
                    }
                    for (a, c) in args.iter().zip(params) {
                        expect(*a, *c, &w)?;
                    }
                    if let (Some(d), Some(c)) = (dst, ret) {
                        expect(*d, c, &w)?;
                    }
                }
                Op::Math {
                    kind, dst, args, ..
                } => {
                    if args.is_empty() || args.len() > 2 {
                        return Err(format!("{}: {w}: math arity", f.name));
                    }
                    for a in args {
                        expect(*a, kind.class(), &w)?;
                    }
                    if let Some(d) = dst {
                        expect(*d, kind.class(), &w)?;
                    }
                }
                Op::Arr {
                    op,
                    dst,
                    args,
                    kind,
                } => {
                    let (params, ret) = op.signature(kind.class());
                    if params.len() != args.len() {
                        return Err(format!("{}: {w}: {op:?} arity", f.name));
                    }
                    // Elements are raw bytes: a 4- or 8-byte slot holds an integer or a float.
                    let fits = |v: VReg, want: Class| -> Result<(), String> {
                        let got = class(v)?;
                        let float_in_int = matches!(
                            (want, got),
                            (Class::I32, Class::F32) | (Class::I64, Class::F64)
                        );
                        if float_in_int && want == kind.class() {
                            return Ok(());
                        }
                        expect(v, want, &w)
                    };
                    for (n, (a, p)) in args.iter().zip(&params).enumerate() {
                        // A signed 32-bit index may stand for the i64 one.
                        if n == 1
                            && matches!(op, ArrOp::Get | ArrOp::Set)
                            && class(*a)? == Class::I32
                        {
                            continue;
                        }
                        fits(*a, *p)?;
                    }
                    match (dst, ret) {
                        (Some(d), Some(r)) => fits(*d, r)?,
                        (None, _) => {}
                        (Some(_), None) => {
                            return Err(format!("{}: {w}: {op:?} has no result", f.name));
                        }
                    }
                }
            }
        }
        let w = format!("b{bi} terminator");
        if let Some(h) = b.handler {
            let pad = f.blocks.get(h.0 as usize);
            if !pad.is_some_and(
                |p| matches!(p.insts.first(), Some(i) if matches!(i.op, Op::ExcCatch { .. })),
            ) {
                return Err(format!(
                    "{}: b{bi}: landing pad b{} does not start with exc.catch",
                    f.name, h.0
                ));
            }
        }
        for s in b.successors() {
            if s.0 as usize >= f.blocks.len() {
                return Err(format!("{}: {w}: jumps to missing b{}", f.name, s.0));
            }
        }
        match &b.term {
            Term::Branch { cond, .. } => expect(*cond, Class::I32, &w)?,
            Term::CmpBranch { op, a, b, .. } => {
                expect(*a, op.operand_class(), &w)?;
                expect(*b, op.operand_class(), &w)?;
            }
            Term::CmpBranchImm { op, a, .. } => {
                let c = op.operand_class();
                if !matches!(c, Class::I32 | Class::I64) {
                    return Err(format!("{}: {w}: float compare with an immediate", f.name));
                }
                expect(*a, c, &w)?;
            }
            Term::Return(Some(v)) => match f.ret {
                Some(c) => expect(*v, c, &w)?,
                None => return Err(format!("{}: {w}: value returned from void", f.name)),
            },
            Term::Return(None) | Term::Jump(_) => {}
            Term::Throw { object, .. } => expect(*object, Class::Obj, &w)?,
            Term::Rethrow(e) => expect(*e, Class::Obj, &w)?,
        }
    }
    Ok(())
}
