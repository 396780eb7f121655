//! A textual form of IR functions, for tests and `gjs disasm --ir`.
//!
//! ```text
//! fn fib(v0: i32) -> i32
//! b0:
//!     br.lt.s32 v0, 2 -> b1, b2
//! ```

use super::{Block, Function, Op, Term};
use std::fmt::Write as _;

pub fn print_function(f: &Function) -> String {
    let mut out = String::new();
    let params: Vec<String> = f
        .params
        .iter()
        .map(|p| format!("v{}: {}", p.0, f.vregs[p.0 as usize].name()))
        .collect();
    let ret = f
        .ret
        .map(|c| format!(" -> {}", c.name()))
        .unwrap_or_default();
    let _ = writeln!(out, "fn {}({}){ret}", f.name, params.join(", "));
    for (i, b) in f.blocks.iter().enumerate() {
        match b.handler {
            Some(h) => {
                let _ = writeln!(out, "b{i}: (unwinds to b{})", h.0);
            }
            None => {
                let _ = writeln!(out, "b{i}:");
            }
        }
        print_block(&mut out, b);
    }
    out
}

fn print_block(out: &mut String, b: &Block) {
    for inst in &b.insts {
        let _ = writeln!(out, "    {}", op_text(&inst.op));
    }
    let _ = writeln!(out, "    {}", term_text(&b.term));
}

fn regs(rs: &[super::VReg]) -> String {
    rs.iter()
        .map(|r| format!("v{}", r.0))
        .collect::<Vec<_>>()
        .join(", ")
}

fn op_text(op: &Op) -> String {
    match op {
        Op::Const { dst, bits } => format!("v{} = const {bits:#x}", dst.0),
        Op::Str { dst, lit } => format!("v{} = str #{lit}", dst.0),
        Op::Copy { dst, src } => format!("v{} = v{}", dst.0, src.0),
        Op::Unary { op, dst, src } => format!("v{} = {op:?} v{}", dst.0, src.0),
        Op::Binary { op, dst, a, b } => format!("v{} = {op:?} v{}, v{}", dst.0, a.0, b.0),
        Op::BinaryImm { op, dst, a, imm } => format!("v{} = {op:?} v{}, {imm}", dst.0, a.0),
        Op::Compare { op, dst, a, b } => format!("v{} = {op:?} v{}, v{}", dst.0, a.0, b.0),
        Op::LoadGlobal { dst, global, mem } => format!("v{} = load.{mem:?} g{}", dst.0, global.0),
        Op::StoreGlobal { src, global, mem } => format!("store.{mem:?} g{}, v{}", global.0, src.0),
        Op::Call { dst, func, args } => match dst {
            Some(d) => format!("v{} = call f{}({})", d.0, func.0, regs(args)),
            None => format!("call f{}({})", func.0, regs(args)),
        },
        Op::Builtin { dst, builtin, args } => match dst {
            Some(d) => format!("v{} = {builtin:?}({})", d.0, regs(args)),
            None => format!("{builtin:?}({})", regs(args)),
        },
        Op::StrShare { dst, src } => format!("v{} = share v{}", dst.0, src.0),
        Op::StrRelease { s } => format!("release v{}", s.0),
        Op::StrAppend { s, value, kind } => format!("append.{kind:?} v{}, v{}", s.0, value.0),
        Op::ToText { dst, src, kind } => format!("v{} = text.{kind:?} v{}", dst.0, src.0),
        Op::StrCompare { dst, a, b } => format!("v{} = strcmp v{}, v{}", dst.0, a.0, b.0),
        Op::FrameSlot { dst, offset } => format!("v{} = frame+{offset}", dst.0),
        Op::GlobalAddr { dst, global } => format!("v{} = &g{}", dst.0, global.0),
        Op::ObjZero { addr, size } => format!("zero v{}, {size}", addr.0),
        Op::LoadField {
            dst,
            addr,
            offset,
            mem,
        } => format!("v{} = load.{mem:?} v{}+{offset}", dst.0, addr.0),
        Op::StoreField {
            src,
            addr,
            offset,
            mem,
        } => format!("store.{mem:?} v{}+{offset}, v{}", addr.0, src.0),
        Op::AddrOffset { dst, addr, offset } => format!("v{} = v{}+{offset}", dst.0, addr.0),
        Op::HandleNew { dst, size } => format!("v{} = new {size}", dst.0),
        Op::HandleDeref { dst, handle } => format!("v{} = deref v{}", dst.0, handle.0),
        Op::HandleFree { handle } => format!("free v{}", handle.0),
        Op::Slots {
            op,
            dst,
            args,
            size,
        } => match dst {
            Some(d) => format!("v{} = slots.{op:?}[{size}]({})", d.0, regs(args)),
            None => format!("slots.{op:?}[{size}]({})", regs(args)),
        },
        Op::Math {
            func,
            kind,
            dst,
            args,
        } => match dst {
            Some(d) => format!("v{} = math.{func:?}.{kind:?}({})", d.0, regs(args)),
            None => format!("math.{func:?}.{kind:?}({})", regs(args)),
        },
        Op::Arr {
            op,
            dst,
            args,
            kind,
        } => match dst {
            Some(d) => format!("v{} = arr.{op:?}.{kind:?}({})", d.0, regs(args)),
            None => format!("arr.{op:?}.{kind:?}({})", regs(args)),
        },
        Op::ExcCatch { dst } => format!("v{} = exc.catch", dst.0),
        Op::ExcIs { dst, exc, class } => format!("v{} = exc.is v{}, class {class}", dst.0, exc.0),
        Op::ExcTake { exc, addr, size } => format!("exc.take v{} -> [v{}] {size}", exc.0, addr.0),
        Op::ExcObject { dst, exc } => format!("v{} = exc.object v{}", dst.0, exc.0),
        Op::ExcDrop { object } => format!("exc.drop v{}", object.0),
        Op::ExcForget { exc } => format!("exc.forget v{}", exc.0),
        Op::ExcFreeObject { object } => format!("exc.free_object v{}", object.0),
    }
}

fn term_text(t: &Term) -> String {
    match t {
        Term::Jump(b) => format!("jump b{}", b.0),
        Term::Branch {
            cond,
            then,
            otherwise,
        } => format!("br v{} -> b{}, b{}", cond.0, then.0, otherwise.0),
        Term::CmpBranch {
            op,
            a,
            b,
            then,
            otherwise,
        } => format!(
            "br.{op:?} v{}, v{} -> b{}, b{}",
            a.0, b.0, then.0, otherwise.0
        ),
        Term::CmpBranchImm {
            op,
            a,
            imm,
            then,
            otherwise,
        } => format!("br.{op:?} v{}, {imm} -> b{}, b{}", a.0, then.0, otherwise.0),
        Term::Return(Some(v)) => format!("ret v{}", v.0),
        Term::Return(None) => "ret".into(),
        Term::Throw {
            object,
            size,
            class,
            drop,
        } => format!(
            "throw [v{}] {size} class {class} drop f{}",
            object.0, drop.0
        ),
        Term::Rethrow(e) => format!("rethrow v{}", e.0),
    }
}
