//! Bytecode emission: IR plus a register allocation to VM instructions.
//!
//! Blocks are laid out in allocation order; a jump to the next block is dropped and a
//! two-way branch becomes one conditional jump when either target falls through. Call
//! arguments are moved into the call's argument block only when the allocator could
//! not place them there. Every instruction records the span of the IR instruction it
//! came from, which gives the function's pc→span table.

use super::opcodes::{Addr, BuiltinIx, Func, Kind, Konst, Off, Op, Reg, Target};
use crate::backend::regalloc::Allocation;
use crate::builtins;
use crate::ir::{self, ArrOp, BinaryOp, Class, CmpOp, MemType, TextKind, UnaryOp, VReg};
use crate::source::Span;

/// What emission needs from the VM besides the function.
pub struct EmitEnv<'a> {
    pub consts: &'a mut Vec<u64>,
    /// VM memory offset of each global, by `GlobalId`.
    pub global_addr: &'a [u32],
    /// VM memory offset of each string literal of the unit.
    pub literal_addr: &'a [u32],
}

pub struct Emitted {
    pub code: Vec<Op>,
    pub spans: Vec<Span>,
    /// Protected ranges `start..end` of pcs with the pc of their landing pad.
    pub handlers: Vec<(u32, u32, u32)>,
}

struct Emitter<'a, 'b> {
    env: &'a mut EmitEnv<'b>,
    alloc: &'a Allocation,
    classes: &'a [Class],
    code: Vec<Op>,
    spans: Vec<Span>,
    /// (pc, target block) of jumps to patch.
    fixups: Vec<(usize, u32)>,
}

pub fn emit_function(f: &ir::Function, alloc: &Allocation, env: &mut EmitEnv) -> Emitted {
    let mut e = Emitter {
        env,
        alloc,
        classes: &f.vregs,
        code: Vec::new(),
        spans: Vec::new(),
        fixups: Vec::new(),
    };
    let mut block_pc = vec![u32::MAX; f.blocks.len()];
    // (start, end, landing pad block) of each protected block.
    let mut protected: Vec<(u32, u32, u32)> = Vec::new();
    for (i, &b) in alloc.order.iter().enumerate() {
        block_pc[b.0 as usize] = e.code.len() as u32;
        let start = e.code.len() as u32;
        let blk = &f.blocks[b.0 as usize];
        for (ii, inst) in blk.insts.iter().enumerate() {
            e.inst(&inst.op, inst.span, (b.0, ii as u32));
        }
        let next = alloc.order.get(i + 1).map(|n| n.0);
        if let (ir::Term::Jump(j), Some(n)) = (&blk.term, next)
            && j.0 == n
        {
            e.fuse_loop_step(&f.blocks[n as usize]);
        }
        e.term(&blk.term, blk.term_span, next);
        if let Some(h) = blk.handler {
            protected.push((start, e.code.len() as u32, h.0));
        }
    }
    for (pc, block) in std::mem::take(&mut e.fixups) {
        let t = Target(block_pc[block as usize]);
        set_target(&mut e.code[pc], t);
    }
    let mut handlers: Vec<(u32, u32, u32)> = Vec::new();
    for (start, end, pad) in protected {
        let pad = block_pc[pad as usize];
        match handlers.last_mut() {
            Some(last) if last.1 == start && last.2 == pad => last.1 = end,
            _ if start < end => handlers.push((start, end, pad)),
            _ => {}
        }
    }
    Emitted {
        code: e.code,
        spans: e.spans,
        handlers,
    }
}

fn set_target(op: &mut Op, target: Target) {
    use Op::*;
    match op {
        Jmp { t }
        | Jnz { t, .. }
        | Jz { t, .. }
        | JEqI32 { t, .. }
        | JNeI32 { t, .. }
        | JLtS32 { t, .. }
        | JLeS32 { t, .. }
        | JLtU32 { t, .. }
        | JLeU32 { t, .. }
        | JEqI64 { t, .. }
        | JNeI64 { t, .. }
        | JLtS64 { t, .. }
        | JLeS64 { t, .. }
        | JLtU64 { t, .. }
        | JLeU64 { t, .. }
        | JEqF32 { t, .. }
        | JNeF32 { t, .. }
        | JLtF32 { t, .. }
        | JLeF32 { t, .. }
        | JNLtF32 { t, .. }
        | JNLeF32 { t, .. }
        | JEqF64 { t, .. }
        | JNeF64 { t, .. }
        | JLtF64 { t, .. }
        | JLeF64 { t, .. }
        | JNLtF64 { t, .. }
        | JNLeF64 { t, .. }
        | JEqImmI32 { t, .. }
        | JNeImmI32 { t, .. }
        | JLtImmS32 { t, .. }
        | JLeImmS32 { t, .. }
        | JGtImmS32 { t, .. }
        | JGeImmS32 { t, .. }
        | JLtImmU32 { t, .. }
        | JLeImmU32 { t, .. }
        | JGtImmU32 { t, .. }
        | JGeImmU32 { t, .. }
        | JEqImmI64 { t, .. }
        | JNeImmI64 { t, .. }
        | JLtImmS64 { t, .. }
        | JLeImmS64 { t, .. }
        | JGtImmS64 { t, .. }
        | JGeImmS64 { t, .. }
        | JLtImmU64 { t, .. }
        | JLeImmU64 { t, .. }
        | JGtImmU64 { t, .. }
        | JGeImmU64 { t, .. }
        | IncJLtS32 { t, .. }
        | IncJLeS32 { t, .. }
        | IncJLtU32 { t, .. }
        | IncJLeU32 { t, .. }
        | IncJLtS64 { t, .. }
        | IncJLeS64 { t, .. } => *t = target,
        _ => unreachable!("only jumps are patched"),
    }
}

/// A conditional jump on `a op b` to a placeholder target.
fn cmp_jump(op: CmpOp, a: Reg, b: Reg) -> Op {
    use CmpOp::*;
    let t = Target(0);
    match op {
        EqI32 => Op::JEqI32 { a, b, t },
        NeI32 => Op::JNeI32 { a, b, t },
        LtS32 => Op::JLtS32 { a, b, t },
        LeS32 => Op::JLeS32 { a, b, t },
        LtU32 => Op::JLtU32 { a, b, t },
        LeU32 => Op::JLeU32 { a, b, t },
        EqI64 => Op::JEqI64 { a, b, t },
        NeI64 => Op::JNeI64 { a, b, t },
        LtS64 => Op::JLtS64 { a, b, t },
        LeS64 => Op::JLeS64 { a, b, t },
        LtU64 => Op::JLtU64 { a, b, t },
        LeU64 => Op::JLeU64 { a, b, t },
        EqF32 => Op::JEqF32 { a, b, t },
        NeF32 => Op::JNeF32 { a, b, t },
        LtF32 => Op::JLtF32 { a, b, t },
        LeF32 => Op::JLeF32 { a, b, t },
        EqF64 => Op::JEqF64 { a, b, t },
        NeF64 => Op::JNeF64 { a, b, t },
        LtF64 => Op::JLtF64 { a, b, t },
        LeF64 => Op::JLeF64 { a, b, t },
    }
}

/// A jump taken exactly when `a op b` is false.
fn cmp_jump_negated(op: CmpOp, a: Reg, b: Reg) -> Op {
    use CmpOp::*;
    let t = Target(0);
    match op {
        LtS32 => Op::JLeS32 { a: b, b: a, t },
        LeS32 => Op::JLtS32 { a: b, b: a, t },
        LtU32 => Op::JLeU32 { a: b, b: a, t },
        LeU32 => Op::JLtU32 { a: b, b: a, t },
        LtS64 => Op::JLeS64 { a: b, b: a, t },
        LeS64 => Op::JLtS64 { a: b, b: a, t },
        LtU64 => Op::JLeU64 { a: b, b: a, t },
        LeU64 => Op::JLtU64 { a: b, b: a, t },
        LtF32 => Op::JNLtF32 { a, b, t },
        LeF32 => Op::JNLeF32 { a, b, t },
        LtF64 => Op::JNLtF64 { a, b, t },
        LeF64 => Op::JNLeF64 { a, b, t },
        eq_or_ne => cmp_jump(eq_or_ne.negate().expect("eq/ne negate"), a, b),
    }
}

/// A conditional jump on `a op imm` (integers only); `negated` jumps when it is false.
fn imm_jump(op: CmpOp, a: Reg, imm: i32, negated: bool) -> Op {
    use CmpOp::*;
    let t = Target(0);
    match (op, negated) {
        (EqI32, false) | (NeI32, true) => Op::JEqImmI32 { a, imm, t },
        (NeI32, false) | (EqI32, true) => Op::JNeImmI32 { a, imm, t },
        (LtS32, false) => Op::JLtImmS32 { a, imm, t },
        (LtS32, true) => Op::JGeImmS32 { a, imm, t },
        (LeS32, false) => Op::JLeImmS32 { a, imm, t },
        (LeS32, true) => Op::JGtImmS32 { a, imm, t },
        (LtU32, false) => Op::JLtImmU32 { a, imm, t },
        (LtU32, true) => Op::JGeImmU32 { a, imm, t },
        (LeU32, false) => Op::JLeImmU32 { a, imm, t },
        (LeU32, true) => Op::JGtImmU32 { a, imm, t },
        (EqI64, false) | (NeI64, true) => Op::JEqImmI64 { a, imm, t },
        (NeI64, false) | (EqI64, true) => Op::JNeImmI64 { a, imm, t },
        (LtS64, false) => Op::JLtImmS64 { a, imm, t },
        (LtS64, true) => Op::JGeImmS64 { a, imm, t },
        (LeS64, false) => Op::JLeImmS64 { a, imm, t },
        (LeS64, true) => Op::JGtImmS64 { a, imm, t },
        (LtU64, false) => Op::JLtImmU64 { a, imm, t },
        (LtU64, true) => Op::JGeImmU64 { a, imm, t },
        (LeU64, false) => Op::JLeImmU64 { a, imm, t },
        (LeU64, true) => Op::JGtImmU64 { a, imm, t },
        _ => unreachable!("float comparisons have no immediate form"),
    }
}

impl Emitter<'_, '_> {
    fn r(&self, v: VReg) -> Reg {
        Reg(self.alloc.slot[v.0 as usize])
    }

    fn push(&mut self, op: Op, span: Span) {
        self.code.push(op);
        self.spans.push(span);
    }

    fn jump_to(&mut self, op: Op, block: u32, span: Span) {
        self.fixups.push((self.code.len(), block));
        self.push(op, span);
    }

    fn mov(&mut self, d: Reg, s: Reg, span: Span) {
        if d != s {
            self.push(Op::Mov { d, s }, span);
        }
    }

    fn konst(&mut self, bits: u64) -> Konst {
        let k = match self.env.consts.iter().position(|&c| c == bits) {
            Some(k) => k,
            None => {
                self.env.consts.push(bits);
                self.env.consts.len() - 1
            }
        };
        Konst(k as u32)
    }

    fn load_bits(&mut self, d: Reg, bits: u64, class: Class, span: Span) {
        let fits = match class {
            // Only the low half of an i32 or f32 register is read.
            Class::I32 | Class::F32 => Some(bits as u32 as i32),
            _ => i32::try_from(bits as i64).ok(),
        };
        match fits {
            Some(imm) => self.push(Op::LoadI { d, imm }, span),
            None => {
                let k = self.konst(bits);
                self.push(Op::LoadK { d, k }, span);
            }
        }
    }

    /// A counted loop's step falls through into its test: `addi r, r, k` followed by a
    /// block that only branches on `r < b` becomes one `incjlt r, b, k → body`. The test
    /// block stays (the loop's entry jumps to it), so falling out of the fused
    /// instruction re-tests once, which is still false.
    fn fuse_loop_step(&mut self, test: &ir::Block) {
        let ir::Term::CmpBranch { op, a, b, then, .. } = &test.term else {
            return;
        };
        if !test.insts.is_empty() {
            return;
        }
        let (counter, bound) = (self.r(*a), self.r(*b));
        let Some(last) = self.code.last_mut() else {
            return;
        };
        let (reg, imm, wide) = match *last {
            Op::AddImmI32 { d, a, imm } if d == a => (d, imm, false),
            Op::AddImmI64 { d, a, imm } if d == a => (d, imm, true),
            _ => return,
        };
        let Ok(imm) = i16::try_from(imm) else {
            return;
        };
        if reg != counter || bound == counter {
            return;
        }
        let (a, b, t) = (reg, bound, Target(0));
        let fused = match (op, wide) {
            (CmpOp::LtS32, false) => Op::IncJLtS32 { a, b, imm, t },
            (CmpOp::LeS32, false) => Op::IncJLeS32 { a, b, imm, t },
            (CmpOp::LtU32, false) => Op::IncJLtU32 { a, b, imm, t },
            (CmpOp::LeU32, false) => Op::IncJLeU32 { a, b, imm, t },
            (CmpOp::LtS64, true) => Op::IncJLtS64 { a, b, imm, t },
            (CmpOp::LeS64, true) => Op::IncJLeS64 { a, b, imm, t },
            _ => return,
        };
        *last = fused;
        self.fixups.push((self.code.len() - 1, then.0));
    }

    fn call_moves(&mut self, args: &[VReg], base: u16, span: Span) {
        for (i, a) in args.iter().enumerate() {
            let target = Reg(base + i as u16);
            let src = self.r(*a);
            self.mov(target, src, span);
        }
    }

    fn inst(&mut self, op: &ir::Op, span: Span, at: (u32, u32)) {
        match op {
            ir::Op::Const { dst, bits } => {
                let class = self.classes[dst.0 as usize];
                let d = self.r(*dst);
                self.load_bits(d, *bits, class, span);
            }
            ir::Op::Str { dst, lit } => {
                let addr = self.env.literal_addr[*lit as usize];
                let d = self.r(*dst);
                self.load_bits(d, addr as u64, Class::I64, span);
            }
            ir::Op::Copy { dst, src } => {
                let (d, s) = (self.r(*dst), self.r(*src));
                self.mov(d, s, span);
            }
            ir::Op::Unary { op, dst, src } => {
                let (d, s) = (self.r(*dst), self.r(*src));
                self.push(unary(*op, d, s), span);
            }
            ir::Op::Binary { op, dst, a, b } => {
                let (d, a, b) = (self.r(*dst), self.r(*a), self.r(*b));
                self.push(binary(*op, d, a, b), span);
            }
            ir::Op::BinaryImm { op, dst, a, imm } => {
                let (d, a) = (self.r(*dst), self.r(*a));
                let o = if *op == BinaryOp::AddI32 {
                    Op::AddImmI32 { d, a, imm: *imm }
                } else {
                    Op::AddImmI64 { d, a, imm: *imm }
                };
                self.push(o, span);
            }
            ir::Op::Compare { op, dst, a, b } => {
                let (d, a, b) = (self.r(*dst), self.r(*a), self.r(*b));
                self.push(compare(*op, d, a, b), span);
            }
            ir::Op::LoadGlobal { dst, global, mem } => {
                let d = self.r(*dst);
                let addr = Addr(self.env.global_addr[global.0 as usize]);
                let o = match mem {
                    MemType::I8 => Op::LoadS8 { d, addr },
                    MemType::U8 => Op::LoadU8 { d, addr },
                    MemType::I16 => Op::LoadS16 { d, addr },
                    MemType::U16 => Op::LoadU16 { d, addr },
                    MemType::I32 | MemType::U32 | MemType::F32 | MemType::Str => {
                        Op::Load32 { d, addr }
                    }
                    MemType::I64 | MemType::F64 => Op::Load64 { d, addr },
                };
                self.push(o, span);
            }
            ir::Op::StoreGlobal { src, global, mem } => {
                let s = self.r(*src);
                let addr = Addr(self.env.global_addr[global.0 as usize]);
                let o = match mem.size() {
                    1 => Op::Store8 { s, addr },
                    2 => Op::Store16 { s, addr },
                    4 => Op::Store32 { s, addr },
                    _ => Op::Store64 { s, addr },
                };
                self.push(o, span);
            }
            ir::Op::Call { dst, func, args } => {
                let base = self.alloc.call_base[&at];
                self.call_moves(args, base, span);
                self.push(
                    Op::Call {
                        f: Func(func.0),
                        base: Reg(base),
                    },
                    span,
                );
                if let Some(d) = dst {
                    let d = self.r(*d);
                    self.mov(d, Reg(base), span);
                }
            }
            ir::Op::Builtin { dst, builtin, args } => {
                let base = self.alloc.call_base[&at];
                self.call_moves(args, base, span);
                self.push(
                    Op::CallBuiltin {
                        b: BuiltinIx(builtins::index_of(*builtin)),
                        base: Reg(base),
                    },
                    span,
                );
                if let Some(d) = dst {
                    let d = self.r(*d);
                    self.mov(d, Reg(base), span);
                }
            }
            ir::Op::StrShare { dst, src } => {
                let (d, s) = (self.r(*dst), self.r(*src));
                self.push(Op::StrShare { d, s }, span);
            }
            ir::Op::ExcCatch { dst } => {
                let d = self.r(*dst);
                self.push(Op::ExcCatch { d }, span);
            }
            ir::Op::ExcIs { dst, exc, class } => {
                let (d, e) = (self.r(*dst), self.r(*exc));
                self.push(
                    Op::ExcIs {
                        d,
                        e,
                        class: Off(*class),
                    },
                    span,
                );
            }
            ir::Op::ExcTake { exc, addr, size } => {
                let (e, a) = (self.r(*exc), self.r(*addr));
                self.push(
                    Op::ExcTake {
                        e,
                        a,
                        size: Off(*size),
                    },
                    span,
                );
            }
            ir::Op::ExcObject { dst, exc } => {
                let (d, e) = (self.r(*dst), self.r(*exc));
                self.push(Op::ExcObject { d, e }, span);
            }
            ir::Op::ExcDrop { object } => {
                let base = self.alloc.call_base[&at];
                self.call_moves(std::slice::from_ref(object), base, span);
                self.push(Op::ExcDrop { base: Reg(base) }, span);
            }
            ir::Op::ExcForget { exc } => {
                let e = self.r(*exc);
                self.push(Op::ExcForget { e }, span);
            }
            ir::Op::ExcFreeObject { object } => {
                let o = self.r(*object);
                self.push(Op::ExcFreeObject { o }, span);
            }
            ir::Op::StrRelease { s } => {
                let s = self.r(*s);
                self.push(Op::StrRelease { s }, span);
            }
            ir::Op::StrAppend { s, value, kind } => {
                let (s, v) = (self.r(*s), self.r(*value));
                let o = match kind {
                    TextKind::Str => Op::AppendStr { s, v },
                    TextKind::I32 => Op::AppendI32 { s, v },
                    TextKind::U32 => Op::AppendU32 { s, v },
                    TextKind::I64 => Op::AppendI64 { s, v },
                    TextKind::U64 => Op::AppendU64 { s, v },
                    TextKind::F32 => Op::AppendF32 { s, v },
                    TextKind::F64 => Op::AppendF64 { s, v },
                    TextKind::Bool => Op::AppendBool { s, v },
                };
                self.push(o, span);
            }
            ir::Op::ToText { dst, src, kind } => {
                let (d, s) = (self.r(*dst), self.r(*src));
                let o = match kind {
                    TextKind::Str => Op::StrShare { d, s },
                    TextKind::I32 => Op::TextI32 { d, s },
                    TextKind::U32 => Op::TextU32 { d, s },
                    TextKind::I64 => Op::TextI64 { d, s },
                    TextKind::U64 => Op::TextU64 { d, s },
                    TextKind::F32 => Op::TextF32 { d, s },
                    TextKind::F64 => Op::TextF64 { d, s },
                    TextKind::Bool => Op::TextBool { d, s },
                };
                self.push(o, span);
            }
            ir::Op::StrCompare { dst, a, b } => {
                let (d, a, b) = (self.r(*dst), self.r(*a), self.r(*b));
                self.push(Op::StrCmp { d, a, b }, span);
            }
            ir::Op::FrameSlot { dst, offset } => {
                let d = self.r(*dst);
                self.push(
                    Op::FrameAddr {
                        d,
                        off: Off(*offset),
                    },
                    span,
                );
            }
            ir::Op::GlobalAddr { dst, global } => {
                let d = self.r(*dst);
                let addr = self.env.global_addr[global.0 as usize];
                self.load_bits(d, addr as u64, Class::I64, span);
            }
            ir::Op::ObjZero { addr, size } => {
                let a = self.r(*addr);
                self.push(
                    Op::ObjZero {
                        a,
                        size: Off(*size),
                    },
                    span,
                );
            }
            ir::Op::LoadField {
                dst,
                addr,
                offset,
                mem,
            } => {
                let (d, a, off) = (self.r(*dst), self.r(*addr), Off(*offset));
                let o = match mem {
                    MemType::I8 => Op::FieldS8 { d, a, off },
                    MemType::U8 => Op::FieldU8 { d, a, off },
                    MemType::I16 => Op::FieldS16 { d, a, off },
                    MemType::U16 => Op::FieldU16 { d, a, off },
                    MemType::I32 | MemType::U32 | MemType::F32 | MemType::Str => {
                        Op::Field32 { d, a, off }
                    }
                    MemType::I64 | MemType::F64 => Op::Field64 { d, a, off },
                };
                self.push(o, span);
            }
            ir::Op::StoreField {
                src,
                addr,
                offset,
                mem,
            } => {
                let (s, a, off) = (self.r(*src), self.r(*addr), Off(*offset));
                let o = match mem.size() {
                    1 => Op::SetField8 { s, a, off },
                    2 => Op::SetField16 { s, a, off },
                    4 => Op::SetField32 { s, a, off },
                    _ => Op::SetField64 { s, a, off },
                };
                self.push(o, span);
            }
            ir::Op::AddrOffset { dst, addr, offset } => {
                let (d, a) = (self.r(*dst), self.r(*addr));
                self.push(
                    Op::AddrOff {
                        d,
                        a,
                        off: Off(*offset),
                    },
                    span,
                );
            }
            ir::Op::HandleNew { dst, size } => {
                let d = self.r(*dst);
                self.push(
                    Op::HandleNew {
                        d,
                        size: Off(*size),
                    },
                    span,
                );
            }
            ir::Op::HandleDeref { dst, handle } => {
                let (d, h) = (self.r(*dst), self.r(*handle));
                self.push(Op::HandleDeref { d, h }, span);
            }
            ir::Op::Math {
                func,
                kind,
                dst,
                args,
            } => {
                let a = self.r(args[0]);
                let b = args.get(1).map_or(a, |&v| self.r(v));
                // `randomSeed` has no result: its operand register doubles as the target.
                let d = dst.map_or(a, |v| self.r(v));
                let o = match (func, kind) {
                    (crate::check::hir::MathFn::Sqrt, ir::MathKind::F64) => Op::SqrtF64 { d, s: a },
                    (crate::check::hir::MathFn::Sqrt, ir::MathKind::F32) => Op::SqrtF32 { d, s: a },
                    _ => Op::Math {
                        d,
                        a,
                        b,
                        code: crate::builtins::math::code(*func, *kind),
                    },
                };
                self.push(o, span);
            }
            ir::Op::Slots {
                op,
                dst,
                args,
                size,
            } => {
                let a = self.r(args[0]);
                let b = args.get(1).map_or(a, |&v| self.r(v));
                let d = dst.map_or(a, |v| self.r(v));
                self.push(
                    Op::Slots {
                        d,
                        a,
                        b,
                        code: Off(size << 4 | op.code()),
                    },
                    span,
                );
            }
            ir::Op::HandleFree { handle } => {
                let h = self.r(*handle);
                self.push(Op::HandleFree { h }, span);
            }
            ir::Op::Arr {
                op,
                dst,
                args,
                kind,
            } => {
                let k = Kind(kind.code());
                let r: Vec<Reg> = args.iter().map(|a| self.r(*a)).collect();
                let d = dst.map(|d| self.r(d)).unwrap_or(Reg(0));
                use crate::runtime::arrays::ElemKind as K;
                let narrow_index = matches!(op, ArrOp::Get | ArrOp::Set)
                    && self.classes[args[1].0 as usize] == Class::I32;
                let o = match (op, kind) {
                    (ArrOp::Get, K::W32) if narrow_index => Op::ArrGet32I {
                        d,
                        a: r[0],
                        i: r[1],
                    },
                    (ArrOp::Get, K::W64) if narrow_index => Op::ArrGet64I {
                        d,
                        a: r[0],
                        i: r[1],
                    },
                    (ArrOp::Set, K::W32) if narrow_index => Op::ArrSet32I {
                        a: r[0],
                        i: r[1],
                        v: r[2],
                    },
                    (ArrOp::Set, K::W64) if narrow_index => Op::ArrSet64I {
                        a: r[0],
                        i: r[1],
                        v: r[2],
                    },
                    (ArrOp::Get, K::W32) => Op::ArrGet32 {
                        d,
                        a: r[0],
                        i: r[1],
                    },
                    (ArrOp::Get, K::W64) => Op::ArrGet64 {
                        d,
                        a: r[0],
                        i: r[1],
                    },
                    (ArrOp::Set, K::W32) => Op::ArrSet32 {
                        a: r[0],
                        i: r[1],
                        v: r[2],
                    },
                    (ArrOp::Set, K::W64) => Op::ArrSet64 {
                        a: r[0],
                        i: r[1],
                        v: r[2],
                    },
                    (ArrOp::Push, K::W32) => Op::ArrPush32 { a: r[0], v: r[1] },
                    (ArrOp::Push, K::W64) => Op::ArrPush64 { a: r[0], v: r[1] },
                    _ => match op {
                        ArrOp::Len => Op::ArrLen { d, a: r[0] },
                        ArrOp::Get => Op::ArrGet {
                            d,
                            a: r[0],
                            i: r[1],
                            k,
                        },
                        ArrOp::Set => Op::ArrSet {
                            a: r[0],
                            i: r[1],
                            v: r[2],
                            k,
                        },
                        ArrOp::Push => Op::ArrPush {
                            a: r[0],
                            v: r[1],
                            k,
                        },
                        ArrOp::Pop => Op::ArrPop { d, a: r[0], k },
                        ArrOp::Insert => Op::ArrInsert {
                            a: r[0],
                            i: r[1],
                            v: r[2],
                            k,
                        },
                        ArrOp::Remove => Op::ArrRemove {
                            a: r[0],
                            i: r[1],
                            k,
                        },
                        ArrOp::Clear => Op::ArrClear { a: r[0], k },
                        ArrOp::Resize => Op::ArrResize {
                            a: r[0],
                            n: r[1],
                            k,
                        },
                        ArrOp::Reserve => Op::ArrReserve {
                            a: r[0],
                            n: r[1],
                            k,
                        },
                        ArrOp::IndexOf => Op::ArrIndexOf {
                            d,
                            a: r[0],
                            v: r[1],
                            k,
                        },
                        ArrOp::Destroy => Op::ArrDestroy { a: r[0], k },
                        ArrOp::Assign => Op::ArrAssign {
                            a: r[0],
                            b: r[1],
                            k,
                        },
                    },
                };
                self.push(o, span);
            }
        }
    }

    fn term(&mut self, t: &ir::Term, span: Span, next: Option<u32>) {
        match t {
            ir::Term::Return(Some(v)) => {
                let s = self.r(*v);
                self.push(Op::Ret { s }, span);
            }
            ir::Term::Return(None) => self.push(Op::RetVoid {}, span),
            ir::Term::Throw {
                object,
                size,
                class,
                drop,
            } => {
                let a = self.r(*object);
                let k = self.konst(((*class as u64) << 32) | drop.0 as u64);
                self.push(
                    Op::Throw {
                        a,
                        size: Off(*size),
                        k,
                    },
                    span,
                );
            }
            ir::Term::Rethrow(exc) => {
                let e = self.r(*exc);
                self.push(Op::Rethrow { e }, span);
            }
            ir::Term::Jump(b) => {
                if Some(b.0) != next {
                    self.jump_to(Op::Jmp { t: Target(0) }, b.0, span);
                }
            }
            ir::Term::Branch {
                cond,
                then,
                otherwise,
            } => {
                let c = self.r(*cond);
                self.two_way(
                    Op::Jnz { c, t: Target(0) },
                    Op::Jz { c, t: Target(0) },
                    then.0,
                    otherwise.0,
                    next,
                    span,
                );
            }
            ir::Term::CmpBranch {
                op,
                a,
                b,
                then,
                otherwise,
            } => {
                let (a, b) = (self.r(*a), self.r(*b));
                self.two_way(
                    cmp_jump(*op, a, b),
                    cmp_jump_negated(*op, a, b),
                    then.0,
                    otherwise.0,
                    next,
                    span,
                );
            }
            ir::Term::CmpBranchImm {
                op,
                a,
                imm,
                then,
                otherwise,
            } => {
                let a = self.r(*a);
                self.two_way(
                    imm_jump(*op, a, *imm, false),
                    imm_jump(*op, a, *imm, true),
                    then.0,
                    otherwise.0,
                    next,
                    span,
                );
            }
        }
    }

    /// Emits a two-way branch given the jump-if-true and jump-if-false forms.
    fn two_way(
        &mut self,
        if_true: Op,
        if_false: Op,
        then: u32,
        otherwise: u32,
        next: Option<u32>,
        span: Span,
    ) {
        if Some(otherwise) == next {
            self.jump_to(if_true, then, span);
        } else if Some(then) == next {
            self.jump_to(if_false, otherwise, span);
        } else {
            self.jump_to(if_true, then, span);
            self.jump_to(Op::Jmp { t: Target(0) }, otherwise, span);
        }
    }
}

fn unary(op: UnaryOp, d: Reg, s: Reg) -> Op {
    use UnaryOp as U;
    match op {
        U::NegI32 => Op::NegI32 { d, s },
        U::NegI64 => Op::NegI64 { d, s },
        U::NegF32 => Op::NegF32 { d, s },
        U::NegF64 => Op::NegF64 { d, s },
        U::NotBool => Op::NotBool { d, s },
        U::NotI32 => Op::NotI32 { d, s },
        U::NotI64 => Op::NotI64 { d, s },
        U::SextI8 => Op::SextI8 { d, s },
        U::ZextI8 => Op::ZextI8 { d, s },
        U::SextI16 => Op::SextI16 { d, s },
        U::ZextI16 => Op::ZextI16 { d, s },
        U::SextI32 => Op::SextI32 { d, s },
        U::ZextI32 => Op::ZextI32 { d, s },
        U::WrapI64 => Op::WrapI64 { d, s },
        U::I32ToF32 => Op::I32ToF32 { d, s },
        U::U32ToF32 => Op::U32ToF32 { d, s },
        U::I64ToF32 => Op::I64ToF32 { d, s },
        U::U64ToF32 => Op::U64ToF32 { d, s },
        U::I32ToF64 => Op::I32ToF64 { d, s },
        U::U32ToF64 => Op::U32ToF64 { d, s },
        U::I64ToF64 => Op::I64ToF64 { d, s },
        U::U64ToF64 => Op::U64ToF64 { d, s },
        U::F32ToI64 => Op::F32ToI64 { d, s },
        U::F32ToU64 => Op::F32ToU64 { d, s },
        U::F64ToI64 => Op::F64ToI64 { d, s },
        U::F64ToU64 => Op::F64ToU64 { d, s },
        U::F32ToF64 => Op::F32ToF64 { d, s },
        U::F64ToF32 => Op::F64ToF32 { d, s },
        U::I32ToBool => Op::I32ToBool { d, s },
        U::I64ToBool => Op::I64ToBool { d, s },
        U::F32ToBool => Op::F32ToBool { d, s },
        U::F64ToBool => Op::F64ToBool { d, s },
    }
}

fn binary(op: BinaryOp, d: Reg, a: Reg, b: Reg) -> Op {
    use BinaryOp as B;
    match op {
        B::AddI32 => Op::AddI32 { d, a, b },
        B::SubI32 => Op::SubI32 { d, a, b },
        B::MulI32 => Op::MulI32 { d, a, b },
        B::DivS32 => Op::DivS32 { d, a, b },
        B::DivU32 => Op::DivU32 { d, a, b },
        B::RemS32 => Op::RemS32 { d, a, b },
        B::RemU32 => Op::RemU32 { d, a, b },
        B::AndI32 => Op::AndI32 { d, a, b },
        B::OrI32 => Op::OrI32 { d, a, b },
        B::XorI32 => Op::XorI32 { d, a, b },
        B::ShlI32 => Op::ShlI32 { d, a, b },
        B::ShrS32 => Op::ShrS32 { d, a, b },
        B::ShrU32 => Op::ShrU32 { d, a, b },
        B::AddI64 => Op::AddI64 { d, a, b },
        B::SubI64 => Op::SubI64 { d, a, b },
        B::MulI64 => Op::MulI64 { d, a, b },
        B::DivS64 => Op::DivS64 { d, a, b },
        B::DivU64 => Op::DivU64 { d, a, b },
        B::RemS64 => Op::RemS64 { d, a, b },
        B::RemU64 => Op::RemU64 { d, a, b },
        B::AndI64 => Op::AndI64 { d, a, b },
        B::OrI64 => Op::OrI64 { d, a, b },
        B::XorI64 => Op::XorI64 { d, a, b },
        B::ShlI64 => Op::ShlI64 { d, a, b },
        B::ShrS64 => Op::ShrS64 { d, a, b },
        B::ShrU64 => Op::ShrU64 { d, a, b },
        B::AddF32 => Op::AddF32 { d, a, b },
        B::SubF32 => Op::SubF32 { d, a, b },
        B::MulF32 => Op::MulF32 { d, a, b },
        B::DivF32 => Op::DivF32 { d, a, b },
        B::RemF32 => Op::RemF32 { d, a, b },
        B::AddF64 => Op::AddF64 { d, a, b },
        B::SubF64 => Op::SubF64 { d, a, b },
        B::MulF64 => Op::MulF64 { d, a, b },
        B::DivF64 => Op::DivF64 { d, a, b },
        B::RemF64 => Op::RemF64 { d, a, b },
    }
}

fn compare(op: CmpOp, d: Reg, a: Reg, b: Reg) -> Op {
    use CmpOp::*;
    match op {
        EqI32 => Op::EqI32 { d, a, b },
        NeI32 => Op::NeI32 { d, a, b },
        LtS32 => Op::LtS32 { d, a, b },
        LeS32 => Op::LeS32 { d, a, b },
        LtU32 => Op::LtU32 { d, a, b },
        LeU32 => Op::LeU32 { d, a, b },
        EqI64 => Op::EqI64 { d, a, b },
        NeI64 => Op::NeI64 { d, a, b },
        LtS64 => Op::LtS64 { d, a, b },
        LeS64 => Op::LeS64 { d, a, b },
        LtU64 => Op::LtU64 { d, a, b },
        LeU64 => Op::LeU64 { d, a, b },
        EqF32 => Op::EqF32 { d, a, b },
        NeF32 => Op::NeF32 { d, a, b },
        LtF32 => Op::LtF32 { d, a, b },
        LeF32 => Op::LeF32 { d, a, b },
        EqF64 => Op::EqF64 { d, a, b },
        NeF64 => Op::NeF64 { d, a, b },
        LtF64 => Op::LtF64 { d, a, b },
        LeF64 => Op::LeF64 { d, a, b },
    }
}
