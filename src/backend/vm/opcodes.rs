//! The VM's opcode table: one declarative list from which the instruction enum, the
//! mnemonics, the operand lists used by the disassembler and the verifier all follow.
//!
//! Registers are untagged 64-bit slots `R[x]` of the current frame. Every opcode is
//! typed: the checker proved the types, so no opcode ever tests one. `i32` operations
//! read and write the low 32 bits (the high half of an `i32` register is unspecified);
//! narrow types are kept sign- or zero-extended by explicit `ext` opcodes.

/// A frame register index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reg(pub u16);

/// An absolute instruction index in the current function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Target(pub u32);

/// An index into the VM's 64-bit constant pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Konst(pub u32);

/// An offset in VM memory (module data).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Addr(pub u32);

/// A function index (the context-wide `FuncId`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Func(pub u32);

/// A byte offset into the current frame's object storage, or a byte count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Off(pub u32);

/// An array element kind (`runtime::arrays::ElemKind` as its code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Kind(pub u8);

/// A built-in routine index (see `builtins`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BuiltinIx(pub u16);

/// An operand as the disassembler and verifier see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Reg(u16),
    Imm(i32),
    Target(u32),
    Konst(u32),
    Addr(u32),
    Func(u32),
    Builtin(u16),
    Off(u32),
    Kind(u8),
}

pub trait AsOperand {
    fn operand(self) -> Operand;
}

impl AsOperand for Reg {
    fn operand(self) -> Operand {
        Operand::Reg(self.0)
    }
}
impl AsOperand for i32 {
    fn operand(self) -> Operand {
        Operand::Imm(self)
    }
}
impl AsOperand for i16 {
    fn operand(self) -> Operand {
        Operand::Imm(self as i32)
    }
}
impl AsOperand for Target {
    fn operand(self) -> Operand {
        Operand::Target(self.0)
    }
}
impl AsOperand for Konst {
    fn operand(self) -> Operand {
        Operand::Konst(self.0)
    }
}
impl AsOperand for Addr {
    fn operand(self) -> Operand {
        Operand::Addr(self.0)
    }
}
impl AsOperand for Func {
    fn operand(self) -> Operand {
        Operand::Func(self.0)
    }
}
impl AsOperand for Off {
    fn operand(self) -> Operand {
        Operand::Off(self.0)
    }
}
impl AsOperand for Kind {
    fn operand(self) -> Operand {
        Operand::Kind(self.0)
    }
}
impl AsOperand for BuiltinIx {
    fn operand(self) -> Operand {
        Operand::Builtin(self.0)
    }
}

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident = $mn:literal { $($field:ident : $fty:ty),* } )*) => {
        /// One VM instruction.
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub enum Op {
            $( $(#[doc = $doc])* $name { $($field: $fty),* }, )*
        }

        impl Op {
            /// The assembler name, e.g. `add.i32`.
            pub fn mnemonic(&self) -> &'static str {
                match self {
                    $( Op::$name { .. } => $mn, )*
                }
            }

            /// The operands in declaration order.
            pub fn operands(&self) -> Vec<Operand> {
                match *self {
                    $( Op::$name { $($field),* } => vec![$( AsOperand::operand($field) ),*], )*
                }
            }
        }
    };
}

opcodes! {
    /// R[d] := R[s]
    Mov = "mov" { d: Reg, s: Reg }
    /// R[d] := imm (sign-extended to 64 bits)
    LoadI = "loadi" { d: Reg, imm: i32 }
    /// R[d] := K[k]
    LoadK = "loadk" { d: Reg, k: Konst }

    /// R[d] := R[a] + R[b]  (i32, wrapping)
    AddI32 = "add.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] - R[b]  (i32, wrapping)
    SubI32 = "sub.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] * R[b]  (i32, wrapping)
    MulI32 = "mul.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] / R[b]  (i32, truncating; faults on zero; MIN / -1 = MIN)
    DivS32 = "div.s32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] / R[b]  (u32; faults on zero)
    DivU32 = "div.u32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] % R[b]  (i32, sign of the dividend; faults on zero)
    RemS32 = "rem.s32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] % R[b]  (u32; faults on zero)
    RemU32 = "rem.u32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] & R[b]  (i32)
    AndI32 = "and.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] | R[b]  (i32)
    OrI32 = "or.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] ^ R[b]  (i32)
    XorI32 = "xor.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] << (R[b] & 31)  (i32)
    ShlI32 = "shl.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] >> (R[b] & 31)  (i32, arithmetic)
    ShrS32 = "shr.s32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] >> (R[b] & 31)  (u32, logical)
    ShrU32 = "shr.u32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] + imm  (i32, wrapping)
    AddImmI32 = "addi.i32" { d: Reg, a: Reg, imm: i32 }

    /// R[d] := R[a] + R[b]  (i64, wrapping)
    AddI64 = "add.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] - R[b]  (i64, wrapping)
    SubI64 = "sub.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] * R[b]  (i64, wrapping)
    MulI64 = "mul.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] / R[b]  (i64, truncating; faults on zero)
    DivS64 = "div.s64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] / R[b]  (u64; faults on zero)
    DivU64 = "div.u64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] % R[b]  (i64; faults on zero)
    RemS64 = "rem.s64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] % R[b]  (u64; faults on zero)
    RemU64 = "rem.u64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] & R[b]  (i64)
    AndI64 = "and.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] | R[b]  (i64)
    OrI64 = "or.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] ^ R[b]  (i64)
    XorI64 = "xor.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] << (R[b] & 63)  (i64)
    ShlI64 = "shl.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] >> (R[b] & 63)  (i64, arithmetic)
    ShrS64 = "shr.s64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] >> (R[b] & 63)  (u64, logical)
    ShrU64 = "shr.u64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] + imm  (i64, wrapping; imm sign-extended)
    AddImmI64 = "addi.i64" { d: Reg, a: Reg, imm: i32 }

    /// R[d] := R[a] + R[b]  (f32)
    AddF32 = "add.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] - R[b]  (f32)
    SubF32 = "sub.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] * R[b]  (f32)
    MulF32 = "mul.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] / R[b]  (f32, IEEE)
    DivF32 = "div.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := fmod(R[a], R[b])  (f32)
    RemF32 = "rem.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] + R[b]  (f64)
    AddF64 = "add.f64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] - R[b]  (f64)
    SubF64 = "sub.f64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] * R[b]  (f64)
    MulF64 = "mul.f64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] / R[b]  (f64, IEEE)
    DivF64 = "div.f64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := fmod(R[a], R[b])  (f64)
    RemF64 = "rem.f64" { d: Reg, a: Reg, b: Reg }

    /// R[d] := -R[s]  (i32, wrapping)
    NegI32 = "neg.i32" { d: Reg, s: Reg }
    /// R[d] := -R[s]  (i64, wrapping)
    NegI64 = "neg.i64" { d: Reg, s: Reg }
    /// R[d] := -R[s]  (f32)
    NegF32 = "neg.f32" { d: Reg, s: Reg }
    /// R[d] := -R[s]  (f64)
    NegF64 = "neg.f64" { d: Reg, s: Reg }
    /// R[d] := R[s] ^ 1  (bool)
    NotBool = "not.bool" { d: Reg, s: Reg }
    /// R[d] := !R[s]  (i32, bitwise)
    NotI32 = "not.i32" { d: Reg, s: Reg }
    /// R[d] := !R[s]  (i64, bitwise)
    NotI64 = "not.i64" { d: Reg, s: Reg }
    /// R[d] := sign-extend low 8 bits of R[s]
    SextI8 = "sext.i8" { d: Reg, s: Reg }
    /// R[d] := zero-extend low 8 bits of R[s]
    ZextI8 = "zext.i8" { d: Reg, s: Reg }
    /// R[d] := sign-extend low 16 bits of R[s]
    SextI16 = "sext.i16" { d: Reg, s: Reg }
    /// R[d] := zero-extend low 16 bits of R[s]
    ZextI16 = "zext.i16" { d: Reg, s: Reg }
    /// R[d] := i32 R[s] as i64
    SextI32 = "sext.i32" { d: Reg, s: Reg }
    /// R[d] := u32 R[s] as u64
    ZextI32 = "zext.i32" { d: Reg, s: Reg }
    /// R[d] := low 32 bits of R[s]
    WrapI64 = "wrap.i64" { d: Reg, s: Reg }
    /// R[d] := i32 R[s] as f32
    I32ToF32 = "cvt.i32.f32" { d: Reg, s: Reg }
    /// R[d] := u32 R[s] as f32
    U32ToF32 = "cvt.u32.f32" { d: Reg, s: Reg }
    /// R[d] := i64 R[s] as f32
    I64ToF32 = "cvt.i64.f32" { d: Reg, s: Reg }
    /// R[d] := u64 R[s] as f32
    U64ToF32 = "cvt.u64.f32" { d: Reg, s: Reg }
    /// R[d] := i32 R[s] as f64
    I32ToF64 = "cvt.i32.f64" { d: Reg, s: Reg }
    /// R[d] := u32 R[s] as f64
    U32ToF64 = "cvt.u32.f64" { d: Reg, s: Reg }
    /// R[d] := i64 R[s] as f64
    I64ToF64 = "cvt.i64.f64" { d: Reg, s: Reg }
    /// R[d] := u64 R[s] as f64
    U64ToF64 = "cvt.u64.f64" { d: Reg, s: Reg }
    /// R[d] := f32 R[s] as i64  (truncating, saturating, NaN = 0)
    F32ToI64 = "cvt.f32.i64" { d: Reg, s: Reg }
    /// R[d] := f32 R[s] as u64 when >= 0, else as i64
    F32ToU64 = "cvt.f32.u64" { d: Reg, s: Reg }
    /// R[d] := f64 R[s] as i64  (truncating, saturating, NaN = 0)
    F64ToI64 = "cvt.f64.i64" { d: Reg, s: Reg }
    /// R[d] := f64 R[s] as u64 when >= 0, else as i64
    F64ToU64 = "cvt.f64.u64" { d: Reg, s: Reg }
    /// R[d] := f32 R[s] as f64
    F32ToF64 = "cvt.f32.f64" { d: Reg, s: Reg }
    /// R[d] := f64 R[s] as f32 (round to nearest)
    F64ToF32 = "cvt.f64.f32" { d: Reg, s: Reg }
    /// R[d] := R[s] != 0  (i32)
    I32ToBool = "bool.i32" { d: Reg, s: Reg }
    /// R[d] := R[s] != 0  (i64)
    I64ToBool = "bool.i64" { d: Reg, s: Reg }
    /// R[d] := !(R[s] == 0.0)  (f32; NaN is true)
    F32ToBool = "bool.f32" { d: Reg, s: Reg }
    /// R[d] := !(R[s] == 0.0)  (f64; NaN is true)
    F64ToBool = "bool.f64" { d: Reg, s: Reg }

    /// R[d] := R[a] == R[b]  (i32)
    EqI32 = "eq.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] != R[b]  (i32)
    NeI32 = "ne.i32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] < R[b]  (i32)
    LtS32 = "lt.s32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] <= R[b]  (i32)
    LeS32 = "le.s32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] < R[b]  (u32)
    LtU32 = "lt.u32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] <= R[b]  (u32)
    LeU32 = "le.u32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] == R[b]  (i64)
    EqI64 = "eq.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] != R[b]  (i64)
    NeI64 = "ne.i64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] < R[b]  (i64)
    LtS64 = "lt.s64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] <= R[b]  (i64)
    LeS64 = "le.s64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] < R[b]  (u64)
    LtU64 = "lt.u64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] <= R[b]  (u64)
    LeU64 = "le.u64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] == R[b]  (f32)
    EqF32 = "eq.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] != R[b]  (f32)
    NeF32 = "ne.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] < R[b]  (f32)
    LtF32 = "lt.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] <= R[b]  (f32)
    LeF32 = "le.f32" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] == R[b]  (f64)
    EqF64 = "eq.f64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] != R[b]  (f64)
    NeF64 = "ne.f64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] < R[b]  (f64)
    LtF64 = "lt.f64" { d: Reg, a: Reg, b: Reg }
    /// R[d] := R[a] <= R[b]  (f64)
    LeF64 = "le.f64" { d: Reg, a: Reg, b: Reg }

    /// pc := t
    Jmp = "jmp" { t: Target }
    /// if R[c] (i32) != 0: pc := t
    Jnz = "jnz" { c: Reg, t: Target }
    /// if R[c] (i32) == 0: pc := t
    Jz = "jz" { c: Reg, t: Target }
    /// if R[a] == R[b] (i32): pc := t
    JEqI32 = "jeq.i32" { a: Reg, b: Reg, t: Target }
    /// if R[a] != R[b] (i32): pc := t
    JNeI32 = "jne.i32" { a: Reg, b: Reg, t: Target }
    /// if R[a] < R[b] (i32): pc := t
    JLtS32 = "jlt.s32" { a: Reg, b: Reg, t: Target }
    /// if R[a] <= R[b] (i32): pc := t
    JLeS32 = "jle.s32" { a: Reg, b: Reg, t: Target }
    /// if R[a] < R[b] (u32): pc := t
    JLtU32 = "jlt.u32" { a: Reg, b: Reg, t: Target }
    /// if R[a] <= R[b] (u32): pc := t
    JLeU32 = "jle.u32" { a: Reg, b: Reg, t: Target }
    /// if R[a] == R[b] (i64): pc := t
    JEqI64 = "jeq.i64" { a: Reg, b: Reg, t: Target }
    /// if R[a] != R[b] (i64): pc := t
    JNeI64 = "jne.i64" { a: Reg, b: Reg, t: Target }
    /// if R[a] < R[b] (i64): pc := t
    JLtS64 = "jlt.s64" { a: Reg, b: Reg, t: Target }
    /// if R[a] <= R[b] (i64): pc := t
    JLeS64 = "jle.s64" { a: Reg, b: Reg, t: Target }
    /// if R[a] < R[b] (u64): pc := t
    JLtU64 = "jlt.u64" { a: Reg, b: Reg, t: Target }
    /// if R[a] <= R[b] (u64): pc := t
    JLeU64 = "jle.u64" { a: Reg, b: Reg, t: Target }
    /// if R[a] == R[b] (f32): pc := t
    JEqF32 = "jeq.f32" { a: Reg, b: Reg, t: Target }
    /// if R[a] != R[b] (f32): pc := t
    JNeF32 = "jne.f32" { a: Reg, b: Reg, t: Target }
    /// if R[a] < R[b] (f32): pc := t
    JLtF32 = "jlt.f32" { a: Reg, b: Reg, t: Target }
    /// if R[a] <= R[b] (f32): pc := t
    JLeF32 = "jle.f32" { a: Reg, b: Reg, t: Target }
    /// if !(R[a] < R[b]) (f32, true for NaN): pc := t
    JNLtF32 = "jnlt.f32" { a: Reg, b: Reg, t: Target }
    /// if !(R[a] <= R[b]) (f32, true for NaN): pc := t
    JNLeF32 = "jnle.f32" { a: Reg, b: Reg, t: Target }
    /// if R[a] == R[b] (f64): pc := t
    JEqF64 = "jeq.f64" { a: Reg, b: Reg, t: Target }
    /// if R[a] != R[b] (f64): pc := t
    JNeF64 = "jne.f64" { a: Reg, b: Reg, t: Target }
    /// if R[a] < R[b] (f64): pc := t
    JLtF64 = "jlt.f64" { a: Reg, b: Reg, t: Target }
    /// if R[a] <= R[b] (f64): pc := t
    JLeF64 = "jle.f64" { a: Reg, b: Reg, t: Target }
    /// if !(R[a] < R[b]) (f64, true for NaN): pc := t
    JNLtF64 = "jnlt.f64" { a: Reg, b: Reg, t: Target }
    /// if !(R[a] <= R[b]) (f64, true for NaN): pc := t
    JNLeF64 = "jnle.f64" { a: Reg, b: Reg, t: Target }

    /// if R[a] == imm (i32): pc := t
    JEqImmI32 = "jeqi.i32" { a: Reg, imm: i32, t: Target }
    /// if R[a] != imm (i32): pc := t
    JNeImmI32 = "jnei.i32" { a: Reg, imm: i32, t: Target }
    /// if R[a] < imm (i32): pc := t
    JLtImmS32 = "jlti.s32" { a: Reg, imm: i32, t: Target }
    /// if R[a] <= imm (i32): pc := t
    JLeImmS32 = "jlei.s32" { a: Reg, imm: i32, t: Target }
    /// if R[a] > imm (i32): pc := t
    JGtImmS32 = "jgti.s32" { a: Reg, imm: i32, t: Target }
    /// if R[a] >= imm (i32): pc := t
    JGeImmS32 = "jgei.s32" { a: Reg, imm: i32, t: Target }
    /// if R[a] < imm (u32): pc := t
    JLtImmU32 = "jlti.u32" { a: Reg, imm: i32, t: Target }
    /// if R[a] <= imm (u32): pc := t
    JLeImmU32 = "jlei.u32" { a: Reg, imm: i32, t: Target }
    /// if R[a] > imm (u32): pc := t
    JGtImmU32 = "jgti.u32" { a: Reg, imm: i32, t: Target }
    /// if R[a] >= imm (u32): pc := t
    JGeImmU32 = "jgei.u32" { a: Reg, imm: i32, t: Target }
    /// if R[a] == imm (i64): pc := t
    JEqImmI64 = "jeqi.i64" { a: Reg, imm: i32, t: Target }
    /// if R[a] != imm (i64): pc := t
    JNeImmI64 = "jnei.i64" { a: Reg, imm: i32, t: Target }
    /// if R[a] < imm (i64): pc := t
    JLtImmS64 = "jlti.s64" { a: Reg, imm: i32, t: Target }
    /// if R[a] <= imm (i64): pc := t
    JLeImmS64 = "jlei.s64" { a: Reg, imm: i32, t: Target }
    /// if R[a] > imm (i64): pc := t
    JGtImmS64 = "jgti.s64" { a: Reg, imm: i32, t: Target }
    /// if R[a] >= imm (i64): pc := t
    JGeImmS64 = "jgei.s64" { a: Reg, imm: i32, t: Target }
    /// if R[a] < imm (u64, imm sign-extended): pc := t
    JLtImmU64 = "jlti.u64" { a: Reg, imm: i32, t: Target }
    /// if R[a] <= imm (u64): pc := t
    JLeImmU64 = "jlei.u64" { a: Reg, imm: i32, t: Target }
    /// if R[a] > imm (u64): pc := t
    JGtImmU64 = "jgti.u64" { a: Reg, imm: i32, t: Target }
    /// if R[a] >= imm (u64): pc := t
    JGeImmU64 = "jgei.u64" { a: Reg, imm: i32, t: Target }

    /// R[a] := R[a] + imm (i32); if R[a] < R[b] (i32): pc := t  (a counted loop's step and test)
    IncJLtS32 = "incjlt.s32" { a: Reg, b: Reg, imm: i16, t: Target }
    /// R[a] := R[a] + imm (i32); if R[a] <= R[b] (i32): pc := t
    IncJLeS32 = "incjle.s32" { a: Reg, b: Reg, imm: i16, t: Target }
    /// R[a] := R[a] + imm (i32); if R[a] < R[b] (u32): pc := t
    IncJLtU32 = "incjlt.u32" { a: Reg, b: Reg, imm: i16, t: Target }
    /// R[a] := R[a] + imm (i32); if R[a] <= R[b] (u32): pc := t
    IncJLeU32 = "incjle.u32" { a: Reg, b: Reg, imm: i16, t: Target }
    /// R[a] := R[a] + imm (i64); if R[a] < R[b] (i64): pc := t
    IncJLtS64 = "incjlt.s64" { a: Reg, b: Reg, imm: i16, t: Target }
    /// R[a] := R[a] + imm (i64); if R[a] <= R[b] (i64): pc := t
    IncJLeS64 = "incjle.s64" { a: Reg, b: Reg, imm: i16, t: Target }

    /// R[d] := load i8 M[addr]  (sign-extended)
    LoadS8 = "load.s8" { d: Reg, addr: Addr }
    /// R[d] := load u8 M[addr]
    LoadU8 = "load.u8" { d: Reg, addr: Addr }
    /// R[d] := load i16 M[addr]  (sign-extended)
    LoadS16 = "load.s16" { d: Reg, addr: Addr }
    /// R[d] := load u16 M[addr]
    LoadU16 = "load.u16" { d: Reg, addr: Addr }
    /// R[d] := load u32 M[addr]
    Load32 = "load.32" { d: Reg, addr: Addr }
    /// R[d] := load u64 M[addr]
    Load64 = "load.64" { d: Reg, addr: Addr }
    /// M[addr] := low 8 bits of R[s]
    Store8 = "store.8" { s: Reg, addr: Addr }
    /// M[addr] := low 16 bits of R[s]
    Store16 = "store.16" { s: Reg, addr: Addr }
    /// M[addr] := low 32 bits of R[s]
    Store32 = "store.32" { s: Reg, addr: Addr }
    /// M[addr] := R[s]
    Store64 = "store.64" { s: Reg, addr: Addr }

    /// Call function f with its frame starting at R[base] (arguments in R[base..]);
    /// the result is left in R[base]. Counts one step.
    Call = "call" { f: Func, base: Reg }
    /// Run built-in b on R[base..] (arguments), result in R[base].
    CallBuiltin = "callb" { b: BuiltinIx, base: Reg }
    /// R[0] := R[s]; return to the caller.
    Ret = "ret" { s: Reg }
    /// Return to the caller.
    RetVoid = "ret.void" { }

    /// R[d] := R[s]; one more reference to the string
    StrShare = "str.share" { d: Reg, s: Reg }
    /// drop one reference to the string R[s]
    StrRelease = "str.release" { s: Reg }
    /// R[s] := R[s] ++ string R[v]  (R[s] owned; copied first when shared)
    AppendStr = "append.str" { s: Reg, v: Reg }
    /// R[s] := R[s] ++ text of i32 R[v]
    AppendI32 = "append.i32" { s: Reg, v: Reg }
    /// R[s] := R[s] ++ text of u32 R[v]
    AppendU32 = "append.u32" { s: Reg, v: Reg }
    /// R[s] := R[s] ++ text of i64 R[v]
    AppendI64 = "append.i64" { s: Reg, v: Reg }
    /// R[s] := R[s] ++ text of u64 R[v]
    AppendU64 = "append.u64" { s: Reg, v: Reg }
    /// R[s] := R[s] ++ text of f32 R[v]  (C "%f")
    AppendF32 = "append.f32" { s: Reg, v: Reg }
    /// R[s] := R[s] ++ text of f64 R[v]  (C "%f")
    AppendF64 = "append.f64" { s: Reg, v: Reg }
    /// R[s] := R[s] ++ "true" / "false"
    AppendBool = "append.bool" { s: Reg, v: Reg }
    /// R[d] := text of the value R[s] of the kind named (a new string)
    TextI32 = "text.i32" { d: Reg, s: Reg }
    /// R[d] := text of u32 R[s]
    TextU32 = "text.u32" { d: Reg, s: Reg }
    /// R[d] := text of i64 R[s]
    TextI64 = "text.i64" { d: Reg, s: Reg }
    /// R[d] := text of u64 R[s]
    TextU64 = "text.u64" { d: Reg, s: Reg }
    /// R[d] := text of f32 R[s]
    TextF32 = "text.f32" { d: Reg, s: Reg }
    /// R[d] := text of f64 R[s]
    TextF64 = "text.f64" { d: Reg, s: Reg }
    /// R[d] := "true" / "false"
    TextBool = "text.bool" { d: Reg, s: Reg }
    /// R[d] := strcmp(R[a], R[b]) as -1, 0, 1
    StrCmp = "str.cmp" { d: Reg, a: Reg, b: Reg }

    /// R[d] := address of the frame's object storage + off
    FrameAddr = "frame.addr" { d: Reg, off: Off }
    /// M[R[a] .. R[a] + size] := 0  (checked)
    ObjZero = "obj.zero" { a: Reg, size: Off }
    /// R[d] := load i8 M[R[a] + off]  (an object field, checked; sign-extended)
    FieldS8 = "fld.s8" { d: Reg, a: Reg, off: Off }
    /// R[d] := load u8 M[R[a] + off]
    FieldU8 = "fld.u8" { d: Reg, a: Reg, off: Off }
    /// R[d] := load i16 M[R[a] + off]  (sign-extended)
    FieldS16 = "fld.s16" { d: Reg, a: Reg, off: Off }
    /// R[d] := load u16 M[R[a] + off]
    FieldU16 = "fld.u16" { d: Reg, a: Reg, off: Off }
    /// R[d] := load u32 M[R[a] + off]
    Field32 = "fld.32" { d: Reg, a: Reg, off: Off }
    /// R[d] := load u64 M[R[a] + off]
    Field64 = "fld.64" { d: Reg, a: Reg, off: Off }
    /// M[R[a] + off] := low 8 bits of R[s]  (checked)
    SetField8 = "fst.8" { s: Reg, a: Reg, off: Off }
    /// M[R[a] + off] := low 16 bits of R[s]
    SetField16 = "fst.16" { s: Reg, a: Reg, off: Off }
    /// M[R[a] + off] := low 32 bits of R[s]
    SetField32 = "fst.32" { s: Reg, a: Reg, off: Off }
    /// M[R[a] + off] := R[s]
    SetField64 = "fst.64" { s: Reg, a: Reg, off: Off }
    /// R[d] := R[a] + off  (the address of an object inside an object)
    AddrOff = "addr.off" { d: Reg, a: Reg, off: Off }
    /// R[d] := handle to a new zeroed heap block of size bytes
    HandleNew = "handle.new" { d: Reg, size: Off }
    /// R[d] := address of the object handle R[h] refers to (faults on null or deleted)
    HandleDeref = "handle.deref" { d: Reg, h: Reg }
    /// free the heap object of handle R[h]
    HandleFree = "handle.free" { h: Reg }
    /// R[d] := math function `code` (see `builtins::math`) of R[a] and R[b]
    Math = "math" { d: Reg, a: Reg, b: Reg, code: i16 }
    /// array-of-objects storage operation `code & 15` (see `ir::SlotOp`) on elements of
    /// `code >> 4` bytes: R[d] := result, R[a] the array (or the destination of a pop),
    /// R[b] the second operand
    Slots = "slots" { d: Reg, a: Reg, b: Reg, code: Off }
    /// R[d] := sqrt(f64 R[s])
    SqrtF64 = "sqrt.f64" { d: Reg, s: Reg }
    /// R[d] := sqrt(f32 R[s])
    SqrtF32 = "sqrt.f32" { d: Reg, s: Reg }
    /// R[d] := length of the array at R[a]
    ArrLen = "arr.len" { d: Reg, a: Reg }
    /// R[d] := R[a][R[i]]  (i64 index, checked; strings retained)
    ArrGet = "arr.get" { d: Reg, a: Reg, i: Reg, k: Kind }
    /// R[a][R[i]] := R[v]  (checked; a string moves in)
    ArrSet = "arr.set" { a: Reg, i: Reg, v: Reg, k: Kind }
    /// append R[v] to the array at R[a]
    ArrPush = "arr.push" { a: Reg, v: Reg, k: Kind }
    /// R[d] := R[a][R[i]] for 4-byte elements (the common case of `arr.get`, inline)
    ArrGet32 = "arr.get32" { d: Reg, a: Reg, i: Reg }
    /// R[d] := R[a][R[i]] for 8-byte elements
    ArrGet64 = "arr.get64" { d: Reg, a: Reg, i: Reg }
    /// R[a][R[i]] := R[v] for 4-byte elements
    ArrSet32 = "arr.set32" { a: Reg, i: Reg, v: Reg }
    /// R[a][R[i]] := R[v] for 8-byte elements
    ArrSet64 = "arr.set64" { a: Reg, i: Reg, v: Reg }
    /// R[d] := R[a][R[i]] for 4-byte elements, with an i32 index
    ArrGet32I = "arr.get32.i" { d: Reg, a: Reg, i: Reg }
    /// R[d] := R[a][R[i]] for 8-byte elements, with an i32 index
    ArrGet64I = "arr.get64.i" { d: Reg, a: Reg, i: Reg }
    /// R[a][R[i]] := R[v] for 4-byte elements, with an i32 index
    ArrSet32I = "arr.set32.i" { a: Reg, i: Reg, v: Reg }
    /// R[a][R[i]] := R[v] for 8-byte elements, with an i32 index
    ArrSet64I = "arr.set64.i" { a: Reg, i: Reg, v: Reg }
    /// append R[v] (4 bytes) to the array at R[a]
    ArrPush32 = "arr.push32" { a: Reg, v: Reg }
    /// append R[v] (8 bytes) to the array at R[a]
    ArrPush64 = "arr.push64" { a: Reg, v: Reg }
    /// R[d] := last element of the array at R[a], removed
    ArrPop = "arr.pop" { d: Reg, a: Reg, k: Kind }
    /// insert R[v] before index R[i] (u32) of the array at R[a]
    ArrInsert = "arr.insert" { a: Reg, i: Reg, v: Reg, k: Kind }
    /// remove element R[i] (u32) of the array at R[a]
    ArrRemove = "arr.remove" { a: Reg, i: Reg, k: Kind }
    /// destroy every element of the array at R[a]
    ArrClear = "arr.clear" { a: Reg, k: Kind }
    /// resize the array at R[a] to R[n] (u32) elements
    ArrResize = "arr.resize" { a: Reg, n: Reg, k: Kind }
    /// make room for R[n] (u32) elements in the array at R[a]
    ArrReserve = "arr.reserve" { a: Reg, n: Reg, k: Kind }
    /// R[d] := index of the first element equal to R[v], or -1
    ArrIndexOf = "arr.indexof" { d: Reg, a: Reg, v: Reg, k: Kind }
    /// destroy the contents of the array at R[a] and free its elements
    ArrDestroy = "arr.destroy" { a: Reg, k: Kind }
    /// the array at R[a] := copy of the array at R[b]
    ArrAssign = "arr.assign" { a: Reg, b: Reg, k: Kind }

    /// A landing pad's first instruction: the unwinder has put the exception block in R[d]
    ExcCatch = "exc.catch" { d: Reg }
    /// R[d] := whether the exception block R[e] holds an object of class `class`
    ExcIs = "exc.is" { d: Reg, e: Reg, class: Off }
    /// move the object of exception block R[e] to size bytes at R[a]; free the block
    ExcTake = "exc.take" { e: Reg, a: Reg, size: Off }
    /// R[d] := address of the object in exception block R[e]
    ExcObject = "exc.object" { d: Reg, e: Reg }
    /// destroy and free the exception whose object is at R[base]: call the drop function
    /// its block names with its frame at R[base] (or just free a block that names none)
    ExcDrop = "exc.drop" { base: Reg }
    /// free exception block R[e] without destroying its object
    ExcForget = "exc.forget" { e: Reg }
    /// free the exception block holding the object at R[o]
    ExcFreeObject = "exc.free.obj" { o: Reg }
    /// throw the size-byte object at R[a]: K[k] holds its class (high half) and its drop
    /// function (low half)
    Throw = "throw" { a: Reg, size: Off, k: Konst }
    /// raise exception block R[e] again
    Rethrow = "rethrow" { e: Reg }
}

/// Whether the operand at `index` of `op` is written (the others are read).
pub fn writes_operand(op: &Op, index: usize) -> bool {
    index == 0
        && !matches!(
            op,
            Op::Store8 { .. }
                | Op::Store16 { .. }
                | Op::Store32 { .. }
                | Op::Store64 { .. }
                | Op::SetField8 { .. }
                | Op::SetField16 { .. }
                | Op::SetField32 { .. }
                | Op::SetField64 { .. }
                | Op::HandleFree { .. }
                | Op::Jnz { .. }
                | Op::Jz { .. }
                | Op::StrRelease { .. }
                | Op::Ret { .. }
                | Op::ExcTake { .. }
                | Op::ExcDrop { .. }
                | Op::ExcForget { .. }
                | Op::ExcFreeObject { .. }
                | Op::Throw { .. }
                | Op::Rethrow { .. }
        )
        && op
            .operands()
            .first()
            .is_some_and(|o| matches!(o, Operand::Reg(_)))
        && !op.mnemonic().starts_with('j')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_stay_small() {
        assert!(
            std::mem::size_of::<Op>() <= 12,
            "{}",
            std::mem::size_of::<Op>()
        );
    }

    #[test]
    fn operands_follow_the_table() {
        let op = Op::AddI32 {
            d: Reg(1),
            a: Reg(2),
            b: Reg(3),
        };
        assert_eq!(op.mnemonic(), "add.i32");
        assert_eq!(
            op.operands(),
            vec![Operand::Reg(1), Operand::Reg(2), Operand::Reg(3)]
        );
        assert!(writes_operand(&op, 0));
        assert!(!writes_operand(
            &Op::Store32 {
                s: Reg(0),
                addr: Addr(8)
            },
            0
        ));
    }
}
