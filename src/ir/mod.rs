//! The typed intermediate representation.
//!
//! A three-address code over an unbounded set of virtual registers ([`VReg`]), grouped
//! in basic blocks that end in exactly one [`Term`]inator. Every operation names its
//! machine type (`add.i32`, `lt.u64`, `div.f32`): the checker has proven every type, so a
//! backend only maps operations to instructions and never looks at a language type.
//!
//! Invariants (checked by [`verify`]): every vreg has one register [`Class`]; operands
//! have the class their operation expects; every block ends in a terminator whose
//! targets exist. Values of `bool`, `i8`, `u8`, `i16` and `u16` live in `I32` registers,
//! sign- or zero-extended ("normalised"); an `I32` register's upper 32 bits are
//! unspecified. A `Str` register holds a reference to a string in VM memory; ownership
//! (retain/release) is explicit in the code.

mod lower;
mod print;
mod verify;

pub(crate) use lower::elem_kind;
pub use lower::lower_module;
pub use print::print_function;
pub use verify::verify;

use crate::check::hir::{Builtin, FuncId, GlobalId};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VReg(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// What a virtual register holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    I32,
    I64,
    F32,
    F64,
    /// A string reference (`0` is the empty string).
    Str,
    /// The VM memory address of an object (an array header).
    Obj,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::I32 => "i32",
            Class::I64 => "i64",
            Class::F32 => "f32",
            Class::F64 => "f64",
            Class::Str => "str",
            Class::Obj => "obj",
        }
    }
}

/// One-operand operations, including every conversion between machine types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    NegI32,
    NegI64,
    NegF32,
    NegF64,
    /// `bool` negation: `x ^ 1`.
    NotBool,
    NotI32,
    NotI64,
    /// Normalise an `I32` register to `i8` / `u8` / `i16` / `u16` / `bool`.
    SextI8,
    ZextI8,
    SextI16,
    ZextI16,
    /// `I32` → `I64`.
    SextI32,
    ZextI32,
    /// `I64` → `I32` (keeps the low half).
    WrapI64,
    /// Integer → float: `I32` (signed or unsigned) or `I64` source.
    I32ToF32,
    U32ToF32,
    I64ToF32,
    U64ToF32,
    I32ToF64,
    U32ToF64,
    I64ToF64,
    U64ToF64,
    /// Float → `I64` with spec 3.8's truncation and saturation; the `U` forms saturate
    /// non-negative values to the u64 range (for unsigned targets).
    F32ToI64,
    F32ToU64,
    F64ToI64,
    F64ToU64,
    F32ToF64,
    F64ToF32,
    /// Numeric → `bool` (non-zero, NaN is true).
    I32ToBool,
    I64ToBool,
    F32ToBool,
    F64ToBool,
}

/// Two-operand arithmetic, bitwise and comparison operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    AddI32,
    SubI32,
    MulI32,
    DivS32,
    DivU32,
    RemS32,
    RemU32,
    AndI32,
    OrI32,
    XorI32,
    ShlI32,
    ShrS32,
    ShrU32,
    AddI64,
    SubI64,
    MulI64,
    DivS64,
    DivU64,
    RemS64,
    RemU64,
    AndI64,
    OrI64,
    XorI64,
    ShlI64,
    ShrS64,
    ShrU64,
    AddF32,
    SubF32,
    MulF32,
    DivF32,
    RemF32,
    AddF64,
    SubF64,
    MulF64,
    DivF64,
    RemF64,
}

/// Comparisons; `>` and `>=` are written with swapped operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    EqI32,
    NeI32,
    LtS32,
    LeS32,
    LtU32,
    LeU32,
    EqI64,
    NeI64,
    LtS64,
    LeS64,
    LtU64,
    LeU64,
    EqF32,
    NeF32,
    LtF32,
    LeF32,
    EqF64,
    NeF64,
    LtF64,
    LeF64,
}

impl CmpOp {
    /// The class of both operands.
    pub fn operand_class(self) -> Class {
        use CmpOp::*;
        match self {
            EqI32 | NeI32 | LtS32 | LeS32 | LtU32 | LeU32 => Class::I32,
            EqI64 | NeI64 | LtS64 | LeS64 | LtU64 | LeU64 => Class::I64,
            EqF32 | NeF32 | LtF32 | LeF32 => Class::F32,
            EqF64 | NeF64 | LtF64 | LeF64 => Class::F64,
        }
    }

    /// The comparison that is true exactly when `self` is false, if one exists (for
    /// floats `!(a < b)` is not `b <= a` because of NaN).
    pub fn negate(self) -> Option<CmpOp> {
        use CmpOp::*;
        Some(match self {
            EqI32 => NeI32,
            NeI32 => EqI32,
            EqI64 => NeI64,
            NeI64 => EqI64,
            EqF32 => NeF32,
            NeF32 => EqF32,
            EqF64 => NeF64,
            NeF64 => EqF64,
            _ => return None,
        })
    }
}

/// How a value is stored in VM memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemType {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    F32,
    F64,
    Str,
}

impl MemType {
    pub fn size(self) -> u32 {
        match self {
            MemType::I8 | MemType::U8 => 1,
            MemType::I16 | MemType::U16 => 2,
            MemType::I32 | MemType::U32 | MemType::F32 | MemType::Str => 4,
            MemType::I64 | MemType::F64 => 8,
        }
    }

    pub fn class(self) -> Class {
        match self {
            MemType::I64 => Class::I64,
            MemType::F32 => Class::F32,
            MemType::F64 => Class::F64,
            MemType::Str => Class::Str,
            _ => Class::I32,
        }
    }
}

/// How a primitive is turned into text (spec 4.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextKind {
    Str,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
    Bool,
}

impl TextKind {
    pub fn class(self) -> Class {
        match self {
            TextKind::Str => Class::Str,
            TextKind::I64 | TextKind::U64 => Class::I64,
            TextKind::F32 => Class::F32,
            TextKind::F64 => Class::F64,
            _ => Class::I32,
        }
    }
}

/// Storage operations on arrays whose elements are objects; compiled code constructs,
/// copies and destroys the elements themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SlotOp {
    /// `dst := &arr[i]` (`I64` index, checked)
    Addr,
    /// `dst := address of a new zeroed slot at the end`
    Push,
    /// `dst := address of a new zeroed slot before index i` (`I32`)
    Insert,
    /// close the slot at index i (`I32`), its element destroyed
    Remove,
    /// move the last element's bytes to the object at args[0] and drop the slot
    PopInto,
    /// length := min(length, n) (`I32`), the dropped elements destroyed
    Truncate,
    /// make room for n (`I32`) elements
    Reserve,
    /// free the storage (elements destroyed); the array becomes empty
    Free,
}

impl SlotOp {
    /// Argument classes and result class.
    pub fn signature(self) -> (&'static [Class], Option<Class>) {
        use Class::*;
        match self {
            SlotOp::Addr => (&[Obj, I64], Some(Obj)),
            SlotOp::Push => (&[Obj], Some(Obj)),
            SlotOp::Insert => (&[Obj, I32], Some(Obj)),
            SlotOp::Remove | SlotOp::Truncate | SlotOp::Reserve => (&[Obj, I32], None),
            SlotOp::PopInto => (&[Obj, Obj], None),
            SlotOp::Free => (&[Obj], None),
        }
    }

    /// The operation's number in a VM instruction.
    pub fn code(self) -> u32 {
        self as u32
    }

    pub fn from_code(code: u32) -> Option<SlotOp> {
        use SlotOp::*;
        [Addr, Push, Insert, Remove, PopInto, Truncate, Reserve, Free]
            .get(code as usize)
            .copied()
    }
}

/// Array operations (spec 8.4); operands are listed with [`ArrOp::signature`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArrOp {
    /// `dst = arr.length`
    Len,
    /// `dst = arr[i]` (a string element comes back as a new reference)
    Get,
    /// `arr[i] = v` (a string `v` moves into the array)
    Set,
    Push,
    Pop,
    Insert,
    Remove,
    Clear,
    Resize,
    Reserve,
    IndexOf,
    /// Destroys the contents (scope exit of an array local or temporary).
    Destroy,
    /// `dst_arr = src_arr` element by element.
    Assign,
}

impl ArrOp {
    /// Argument classes and result class, for elements of class `elem`.
    pub fn signature(self, elem: Class) -> (Vec<Class>, Option<Class>) {
        use Class::*;
        match self {
            ArrOp::Len => (vec![Obj], Some(I32)),
            ArrOp::Get => (vec![Obj, I64], Some(elem)),
            ArrOp::Set => (vec![Obj, I64, elem], None),
            ArrOp::Push => (vec![Obj, elem], None),
            ArrOp::Pop => (vec![Obj], Some(elem)),
            ArrOp::Insert => (vec![Obj, I32, elem], None),
            ArrOp::Remove | ArrOp::Resize | ArrOp::Reserve => (vec![Obj, I32], None),
            ArrOp::Clear | ArrOp::Destroy => (vec![Obj], None),
            ArrOp::IndexOf => (vec![Obj, elem], Some(I32)),
            ArrOp::Assign => (vec![Obj, Obj], None),
        }
    }
}

pub use crate::builtins::math::MathKind;

impl MathKind {
    pub fn class(self) -> Class {
        match self {
            MathKind::F32 => Class::F32,
            MathKind::F64 => Class::F64,
            MathKind::S32 | MathKind::U32 => Class::I32,
            MathKind::S64 | MathKind::U64 => Class::I64,
        }
    }
}

/// How an array's elements are stored (re-exported from the runtime).
pub use crate::runtime::arrays::ElemKind;

impl ElemKind {
    /// The register class of an element.
    pub fn class(self) -> Class {
        match self {
            ElemKind::W64 => Class::I64,
            ElemKind::Str => Class::Str,
            _ => Class::I32,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// `dst := bits` (raw 64-bit pattern of a constant of `dst`'s class).
    Const {
        dst: VReg,
        bits: u64,
    },
    /// `dst := string literal #lit` (immortal: retain and release do nothing).
    Str {
        dst: VReg,
        lit: u32,
    },
    Copy {
        dst: VReg,
        src: VReg,
    },
    Unary {
        op: UnaryOp,
        dst: VReg,
        src: VReg,
    },
    Binary {
        op: BinaryOp,
        dst: VReg,
        a: VReg,
        b: VReg,
    },
    /// `dst := a op imm`; only `AddI32` and `AddI64`.
    BinaryImm {
        op: BinaryOp,
        dst: VReg,
        a: VReg,
        imm: i32,
    },
    /// `dst := (a op b) as bool`.
    Compare {
        op: CmpOp,
        dst: VReg,
        a: VReg,
        b: VReg,
    },
    LoadGlobal {
        dst: VReg,
        global: GlobalId,
        mem: MemType,
    },
    StoreGlobal {
        src: VReg,
        global: GlobalId,
        mem: MemType,
    },
    Call {
        dst: Option<VReg>,
        func: FuncId,
        args: Vec<VReg>,
    },
    Builtin {
        dst: Option<VReg>,
        builtin: Builtin,
        args: Vec<VReg>,
    },
    /// `dst := src` and one more reference to the string.
    StrShare {
        dst: VReg,
        src: VReg,
    },
    /// Drops one reference to the string in `s`.
    StrRelease {
        s: VReg,
    },
    /// Appends the text of `value` to the string owned by `s` (copying first if it is
    /// shared): `s` is both read and written.
    StrAppend {
        s: VReg,
        value: VReg,
        kind: TextKind,
    },
    /// `dst := text of src` (a new string).
    ToText {
        dst: VReg,
        src: VReg,
        kind: TextKind,
    },
    /// `dst := compare(a, b)` bytewise: -1, 0 or 1 in an `I32`.
    StrCompare {
        dst: VReg,
        a: VReg,
        b: VReg,
    },
    /// `dst := address of the frame's object storage at offset` (see `Function::frame_bytes`).
    FrameSlot {
        dst: VReg,
        offset: u32,
    },
    /// `dst := address of an object-typed global`.
    GlobalAddr {
        dst: VReg,
        global: GlobalId,
    },
    /// Zeroes `size` bytes of object storage at `addr`.
    ObjZero {
        addr: VReg,
        size: u32,
    },
    /// `dst := load mem at addr + offset` (an object field; checked).
    LoadField {
        dst: VReg,
        addr: VReg,
        offset: u32,
        mem: MemType,
    },
    /// `store src as mem at addr + offset` (checked).
    StoreField {
        src: VReg,
        addr: VReg,
        offset: u32,
        mem: MemType,
    },
    /// `dst := addr + offset` (the address of an object inside an object).
    AddrOffset {
        dst: VReg,
        addr: VReg,
        offset: u32,
    },
    /// `dst := handle to a new zeroed heap block of size bytes` (`I64`).
    HandleNew {
        dst: VReg,
        size: u32,
    },
    /// `dst := address of the object handle refers to` (null-object or deleted-object
    /// fault otherwise).
    HandleDeref {
        dst: VReg,
        handle: VReg,
    },
    /// Frees the heap object of a (live) handle.
    HandleFree {
        handle: VReg,
    },
    /// Storage of an array of `size`-byte objects (see [`SlotOp`]).
    Slots {
        op: SlotOp,
        dst: Option<VReg>,
        args: Vec<VReg>,
        size: u32,
    },
    /// A `math` function on one or two operands of `kind` (none for `randomSeed`'s
    /// result).
    Math {
        func: crate::check::hir::MathFn,
        kind: MathKind,
        dst: Option<VReg>,
        args: Vec<VReg>,
    },
    /// An array operation on elements of `kind`.
    Arr {
        op: ArrOp,
        dst: Option<VReg>,
        args: Vec<VReg>,
        kind: ElemKind,
    },
    /// The first instruction of a landing pad: `dst :=` the exception that arrived (an
    /// exception block, see `Term::Throw`).
    ExcCatch {
        dst: VReg,
    },
    /// `dst := (the class of exception exc is class)` (`I32`).
    ExcIs {
        dst: VReg,
        exc: VReg,
        class: u32,
    },
    /// Moves the object of exception `exc` into `size` bytes at `addr` and frees the
    /// exception block.
    ExcTake {
        exc: VReg,
        addr: VReg,
        size: u32,
    },
    /// `dst := address of the object in exception block exc`.
    ExcObject {
        dst: VReg,
        exc: VReg,
    },
    /// Destroys and frees an abandoned exception, given its object: calls the drop
    /// function its block names (a call whose one argument is `object`).
    ExcDrop {
        object: VReg,
    },
    /// Frees exception block `exc` without destroying its object.
    ExcForget {
        exc: VReg,
    },
    /// Frees the exception block that holds `object` (the end of a drop function).
    ExcFreeObject {
        object: VReg,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    pub op: Op,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Jump(BlockId),
    /// To `then` when the `I32` `cond` is non-zero.
    Branch {
        cond: VReg,
        then: BlockId,
        otherwise: BlockId,
    },
    CmpBranch {
        op: CmpOp,
        a: VReg,
        b: VReg,
        then: BlockId,
        otherwise: BlockId,
    },
    /// Integer compare against an immediate (`I32` or `I64` classes).
    CmpBranchImm {
        op: CmpOp,
        a: VReg,
        imm: i32,
        then: BlockId,
        otherwise: BlockId,
    },
    Return(Option<VReg>),
    /// Throws the `size`-byte object of class `class` at `object` (moving it into a new
    /// exception block whose drop function is `drop`).
    Throw {
        object: VReg,
        size: u32,
        class: u32,
        drop: FuncId,
    },
    /// Raises exception block `exc` again from here.
    Rethrow(VReg),
}

impl Term {
    pub fn successors(&self) -> Vec<BlockId> {
        match self {
            Term::Jump(b) => vec![*b],
            Term::Branch {
                then, otherwise, ..
            }
            | Term::CmpBranch {
                then, otherwise, ..
            }
            | Term::CmpBranchImm {
                then, otherwise, ..
            } => vec![*then, *otherwise],
            Term::Return(_) | Term::Throw { .. } | Term::Rethrow(_) => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub insts: Vec<Inst>,
    pub term: Term,
    pub term_span: Span,
    /// Where an exception raised by this block's instructions goes: a landing pad,
    /// whose first instruction is `ExcCatch`. None: it leaves the function.
    pub handler: Option<BlockId>,
}

impl Block {
    /// Successors, the landing pad included.
    pub fn successors(&self) -> Vec<BlockId> {
        let mut s = self.term.successors();
        s.extend(self.handler);
        s
    }
}

#[derive(Clone, Debug)]
pub struct Function {
    pub id: FuncId,
    pub name: String,
    pub params: Vec<VReg>,
    pub ret: Option<Class>,
    /// The class of each vreg, indexed by `VReg.0`.
    pub vregs: Vec<Class>,
    /// Block 0 is the entry.
    pub blocks: Vec<Block>,
    /// Bytes of object storage the frame needs (addressed by `FrameSlot`).
    pub frame_bytes: u32,
    pub span: Span,
    /// A drop function (see `Op::ExcDrop`): the only functions an exception block may name.
    pub drop_function: bool,
}

/// A module's globals, as the backend must lay them out.
#[derive(Clone, Debug)]
pub struct GlobalSlot {
    pub id: GlobalId,
    /// How a primitive or string global is loaded and stored; None for an object,
    /// which is reached by address.
    pub mem: Option<MemType>,
    pub size: u32,
}

/// Everything a backend needs to generate code for one module.
#[derive(Clone, Debug)]
pub struct Unit {
    pub module_name: String,
    pub source: std::sync::Arc<crate::source::SourceFile>,
    pub functions: Vec<Function>,
    pub globals: Vec<GlobalSlot>,
    /// String literals, referenced by `Op::Str`.
    pub strings: Vec<Vec<u8>>,
    pub init: FuncId,
}

impl Op {
    /// The vregs this operation reads.
    pub fn uses(&self) -> Vec<VReg> {
        match self {
            Op::Const { .. } | Op::Str { .. } | Op::LoadGlobal { .. } => Vec::new(),
            Op::Copy { src, .. } | Op::Unary { src, .. } | Op::ToText { src, .. } => vec![*src],
            Op::StrShare { src, .. } => vec![*src],
            Op::Binary { a, b, .. } | Op::Compare { a, b, .. } | Op::StrCompare { a, b, .. } => {
                vec![*a, *b]
            }
            Op::BinaryImm { a, .. } => vec![*a],
            Op::StoreGlobal { src, .. } => vec![*src],
            Op::Call { args, .. } | Op::Builtin { args, .. } => args.clone(),
            Op::StrRelease { s } => vec![*s],
            Op::StrAppend { s, value, .. } => vec![*s, *value],
            Op::FrameSlot { .. } | Op::GlobalAddr { .. } => Vec::new(),
            Op::ObjZero { addr, .. } => vec![*addr],
            Op::Arr { args, .. } | Op::Math { args, .. } | Op::Slots { args, .. } => args.clone(),
            Op::LoadField { addr, .. } | Op::AddrOffset { addr, .. } => vec![*addr],
            Op::StoreField { src, addr, .. } => vec![*src, *addr],
            Op::HandleNew { .. } => Vec::new(),
            Op::HandleDeref { handle, .. } | Op::HandleFree { handle } => vec![*handle],
            Op::ExcCatch { .. } => Vec::new(),
            Op::ExcIs { exc, .. } | Op::ExcObject { exc, .. } | Op::ExcForget { exc } => {
                vec![*exc]
            }
            Op::ExcTake { exc, addr, .. } => vec![*exc, *addr],
            Op::ExcDrop { object } | Op::ExcFreeObject { object } => vec![*object],
        }
    }

    /// The vreg this operation writes, if any.
    pub fn def(&self) -> Option<VReg> {
        match self {
            Op::Const { dst, .. }
            | Op::Str { dst, .. }
            | Op::Copy { dst, .. }
            | Op::Unary { dst, .. }
            | Op::Binary { dst, .. }
            | Op::BinaryImm { dst, .. }
            | Op::Compare { dst, .. }
            | Op::LoadGlobal { dst, .. }
            | Op::StrShare { dst, .. }
            | Op::ToText { dst, .. }
            | Op::StrCompare { dst, .. }
            | Op::FrameSlot { dst, .. }
            | Op::GlobalAddr { dst, .. }
            | Op::LoadField { dst, .. }
            | Op::AddrOffset { dst, .. }
            | Op::HandleNew { dst, .. }
            | Op::HandleDeref { dst, .. }
            | Op::ExcCatch { dst }
            | Op::ExcIs { dst, .. }
            | Op::ExcObject { dst, .. } => Some(*dst),
            Op::Call { dst, .. }
            | Op::Builtin { dst, .. }
            | Op::Arr { dst, .. }
            | Op::Math { dst, .. }
            | Op::Slots { dst, .. } => *dst,
            Op::StrAppend { s, .. } => Some(*s),
            Op::StoreGlobal { .. }
            | Op::StrRelease { .. }
            | Op::ObjZero { .. }
            | Op::StoreField { .. }
            | Op::HandleFree { .. }
            | Op::ExcTake { .. }
            | Op::ExcDrop { .. }
            | Op::ExcForget { .. }
            | Op::ExcFreeObject { .. } => None,
        }
    }
}

impl Term {
    pub fn uses(&self) -> Vec<VReg> {
        match self {
            Term::Jump(_) => Vec::new(),
            Term::Branch { cond, .. } => vec![*cond],
            Term::CmpBranch { a, b, .. } => vec![*a, *b],
            Term::CmpBranchImm { a, .. } => vec![*a],
            Term::Return(v) => v.iter().copied().collect(),
            Term::Throw { object, .. } => vec![*object],
            Term::Rethrow(e) => vec![*e],
        }
    }
}

impl UnaryOp {
    /// Operand and result classes.
    pub fn classes(self) -> (Class, Class) {
        use Class::*;
        use UnaryOp::*;
        match self {
            NegI32 | NotBool | NotI32 | SextI8 | ZextI8 | SextI16 | ZextI16 | I32ToBool => {
                (I32, I32)
            }
            NegI64 | NotI64 => (I64, I64),
            NegF32 => (F32, F32),
            NegF64 => (F64, F64),
            SextI32 | ZextI32 => (I32, I64),
            WrapI64 | I64ToBool => (I64, I32),
            I32ToF32 | U32ToF32 => (I32, F32),
            I64ToF32 | U64ToF32 => (I64, F32),
            I32ToF64 | U32ToF64 => (I32, F64),
            I64ToF64 | U64ToF64 => (I64, F64),
            F32ToI64 | F32ToU64 => (F32, I64),
            F64ToI64 | F64ToU64 => (F64, I64),
            F32ToF64 => (F32, F64),
            F64ToF32 => (F64, F32),
            F32ToBool => (F32, I32),
            F64ToBool => (F64, I32),
        }
    }
}

impl BinaryOp {
    /// The class of both operands and the result.
    pub fn class(self) -> Class {
        use BinaryOp::*;
        match self {
            AddI32 | SubI32 | MulI32 | DivS32 | DivU32 | RemS32 | RemU32 | AndI32 | OrI32
            | XorI32 | ShlI32 | ShrS32 | ShrU32 => Class::I32,
            AddI64 | SubI64 | MulI64 | DivS64 | DivU64 | RemS64 | RemU64 | AndI64 | OrI64
            | XorI64 | ShlI64 | ShrS64 | ShrU64 => Class::I64,
            AddF32 | SubF32 | MulF32 | DivF32 | RemF32 => Class::F32,
            AddF64 | SubF64 | MulF64 | DivF64 | RemF64 => Class::F64,
        }
    }
}

impl Builtin {
    /// Argument classes and result class of a built-in. String arguments are borrowed;
    /// a string result is a new reference owned by the caller. A built-in with an array
    /// result takes the empty array to build it in as its first (`Obj`) argument.
    pub fn signature(self) -> (&'static [Class], Option<Class>) {
        use Builtin::*;
        use Class::*;
        match self {
            Print | ConsoleLog | ConsoleError => (&[Str], None),
            Assert => (&[I32], None),
            AssertMessage => (&[I32, Str], None),
            ToFixed => (&[F64, I32], Some(Str)),
            StrLength => (&[Str], Some(I32)),
            StrIndex => (&[Str, I64], Some(Str)),
            StrCharCodeAt => (&[Str, I32], Some(I32)),
            StrCharAt | StrRepeat => (&[Str, I32], Some(Str)),
            StrSubstring | StrSlice => (&[Str, I32, I32], Some(Str)),
            StrSubstring1 | StrSlice1 => (&[Str, I32], Some(Str)),
            StrIndexOf | StrLastIndexOf => (&[Str, Str], Some(I32)),
            StrIndexOfFrom => (&[Str, Str, I32], Some(I32)),
            StrIncludes | StrStartsWith | StrEndsWith => (&[Str, Str], Some(I32)),
            StrToUpper | StrToLower | StrTrim | StrTrimStart | StrTrimEnd => (&[Str], Some(Str)),
            StrReplace | StrReplaceAll => (&[Str, Str, Str], Some(Str)),
            StrSplit => (&[Obj, Str, Str], None),
            StrFromCharCode => (&[I32], Some(Str)),
            VectorIndexFault => (&[I32, I32], None),
        }
    }
}

#[cfg(test)]
mod tests;
