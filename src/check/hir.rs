//! The checked program: a typed tree that the IR lowering consumes.
//!
//! Every name is resolved (locals to [`LocalId`], globals to [`GlobalId`], calls to a
//! [`FuncId`] or a [`Builtin`]), every implicit conversion is an explicit
//! [`ExprKind::Convert`], and both operands of a binary operator already have the common
//! type. The lowering therefore never looks at a type rule again; it only picks opcodes.

use super::types::TypeId;
use crate::ast::{BinOp, UnOp};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u32);

/// A function of the context (script, built-in or host), numbered across all modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

/// A module global, numbered across all modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalId(pub u32);

#[derive(Clone, Debug)]
pub struct LocalDecl {
    pub name: String,
    pub ty: TypeId,
    pub span: Span,
}

/// One function body ready for lowering.
#[derive(Clone, Debug)]
pub struct Function {
    pub id: FuncId,
    pub name: String,
    pub params: Vec<LocalId>,
    pub ret: TypeId,
    pub locals: Vec<LocalDecl>,
    pub body: Block,
    pub span: Span,
}

/// A scope: its statements and the locals declared directly in it, in declaration
/// order (the lowering releases them in reverse when the scope is left).
#[derive(Clone, Debug, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub locals: Vec<LocalId>,
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// A full expression whose value is discarded.
    Expr(Expr),
    /// A local's declaration; `init` already has the local's type. Without `init` the
    /// local is zero.
    Let {
        local: LocalId,
        init: Option<Expr>,
    },
    /// Storing a global's initialiser when `__init__` reaches its declaration.
    InitGlobal {
        global: GlobalId,
        init: Option<Expr>,
    },
    If {
        cond: Expr,
        then: Block,
        otherwise: Block,
    },
    /// `while` (`test_first`, no `step`), `for` (`test_first`, optional `step`, `cond`
    /// None means true) and `do … while` (not `test_first`). `scope` holds a `for`
    /// header's declarations; it encloses the whole loop.
    Loop {
        scope: Block,
        cond: Option<Expr>,
        body: Block,
        step: Option<Expr>,
        test_first: bool,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Block(Block),
    /// Destroys a global object (module teardown, `__fini__`).
    DestroyGlobal(GlobalId),
    /// `delete h`: destroys and frees the object of class `class` that the handle `value`
    /// refers to (nothing for `null`), then sets `place` to null when it is one.
    Delete {
        value: Expr,
        place: Option<Place>,
        class: usize,
    },
    /// `throw value;`: `value` (an object of class `class`) becomes the exception object;
    /// `drop` destroys such an object when an exception is abandoned.
    Throw {
        value: Expr,
        class: usize,
        drop: FuncId,
    },
    /// `try body catch … finally …` (spec 6.3).
    Try {
        body: Block,
        catches: Vec<Catch>,
        finally: Option<Block>,
    },
    /// Destroys the object a class-typed parameter refers to (the body of a drop
    /// function, which destroys abandoned exception objects).
    DestroyLocal(LocalId),
    /// Destroys the object a parameter refers to and leaves its storage alone (the
    /// body of a `__destroy__` function, which the host calls to destroy an object it
    /// holds).
    DestroyObject(LocalId),
}

/// A `catch (T name) { … }` clause: the exception object, when its class is exactly
/// `class`, moves into `local`, which `body`'s scope encloses.
#[derive(Clone, Debug)]
pub struct Catch {
    pub class: usize,
    pub local: LocalId,
    pub body: Block,
}

/// A place: something assignable that has an address or a register.
#[derive(Clone, Debug)]
pub enum Place {
    Local(LocalId),
    Global(GlobalId),
    /// `array[index]`: `array` evaluates to the array, `index` is an `i64`.
    Index {
        array: Box<Expr>,
        index: Box<Expr>,
    },
    /// A field of an object: `object` evaluates to the object (a class value), the field
    /// lies `offset` bytes into it.
    Field {
        object: Box<Expr>,
        offset: u32,
    },
}

/// The members of `array<T>` that are not operators (spec 8.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArrayMethod {
    Push,
    Pop,
    Insert,
    Remove,
    Clear,
    Resize,
    Reserve,
    IndexOf,
    Includes,
}

/// Runtime services that calls reach without a script function behind them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `print(string)`: bytes and `\n` to the output sink.
    Print,
    /// `console.log(string)`.
    ConsoleLog,
    /// `console.warn(string)` / `console.error(string)`: to the error sink.
    ConsoleError,
    /// `assert(bool)`.
    Assert,
    /// `assert(bool, string)`.
    AssertMessage,
    /// `x.toFixed(u32)` with `x` already converted to `f64`.
    ToFixed,
    /// `s.length`.
    StrLength,
    /// `s[i]` (one-byte string, faults out of range).
    StrIndex,
    StrCharCodeAt,
    StrCharAt,
    StrSubstring,
    StrSubstring1,
    StrSlice,
    StrSlice1,
    StrIndexOf,
    StrIndexOfFrom,
    StrLastIndexOf,
    StrIncludes,
    StrStartsWith,
    StrEndsWith,
    StrToUpper,
    StrToLower,
    StrTrim,
    StrTrimStart,
    StrTrimEnd,
    StrRepeat,
    StrReplace,
    StrReplaceAll,
    /// `s.split(sep)`: builds its `array<string>` in the empty array passed as its
    /// first argument (it has no register result).
    StrSplit,
    StrFromCharCode,
    /// The fault of a math vector's `[]` out of range (index, length); used by the
    /// built-in vector classes only.
    VectorIndexFault,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: TypeId,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// An integer or bool constant of type `ty`, as the bits of its value sign- or
    /// zero-extended to 64 bits.
    Int(u64),
    /// A float constant (`ty` is `f32` or `f64`; an `f32` value is exactly representable).
    Float(f64),
    /// A string literal.
    Str(Vec<u8>),
    Local(LocalId),
    Global(GlobalId),
    /// A primitive converted to the primitive `ty` (spec 3.8).
    Convert(Box<Expr>),
    /// A primitive converted to text (`string(x)`).
    ToString(Box<Expr>),
    /// `-x`, `~x` on the promoted type `ty`, and `!x` on a `bool`.
    Unary(UnOp, Box<Expr>),
    /// Arithmetic, bitwise, shift or comparison; operands have the common type (for
    /// shifts: the left operand's promoted type, and the count any integer type).
    /// Comparisons have type `bool`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A comparison of two strings (`==` … `>=`), type `bool`.
    StrCompare(BinOp, Box<Expr>, Box<Expr>),
    /// Short-circuit `&&` (`and`) or `||` on `bool` operands.
    Logical {
        and: bool,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Cond {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// `place = value`; `value` has the place's type; yields the new value.
    Assign {
        place: Place,
        value: Box<Expr>,
    },
    /// `place op= value`: `place = T(place op value)` computed in `op_ty`; `value` is
    /// already converted to `op_ty` (for shifts: any integer). `&&=` and `||=` appear as
    /// `And`/`Or` with `op_ty` bool and evaluate `value` only when needed.
    CompoundAssign {
        place: Place,
        op: BinOp,
        op_ty: TypeId,
        value: Box<Expr>,
    },
    /// `s += v` for a string place: appends a string or primitive `v`.
    StrAppend {
        place: Place,
        value: Box<Expr>,
    },
    /// `++x`, `x--`, …: adds or subtracts one in the place's type.
    IncDec {
        place: Place,
        increment: bool,
        prefix: bool,
    },
    Call {
        func: FuncId,
        args: Vec<Expr>,
    },
    Builtin {
        builtin: Builtin,
        args: Vec<Expr>,
    },
    /// String concatenation left to right: each piece is a string or a primitive.
    Concat(Vec<Expr>),
    /// `array[index]` read (`index` is an `i64`).
    Index {
        array: Box<Expr>,
        index: Box<Expr>,
    },
    /// `array.length`.
    ArrayLen(Box<Expr>),
    /// `array.method(args)`; `args` already have the parameter types.
    ArrayMethod {
        method: ArrayMethod,
        array: Box<Expr>,
        args: Vec<Expr>,
    },
    /// An empty array of type `ty` (`array<T>()`), a temporary.
    NewArray,
    /// Reading a field (see [`Place::Field`]).
    Field {
        object: Box<Expr>,
        offset: u32,
    },
    /// `T(args)` or `T({ … })`: a temporary object of class (or format) `class`.
    Construct {
        class: usize,
        init: Init,
    },
    /// `new T(args)` / `new T({ … })`: a heap object; the value is its handle.
    New {
        class: usize,
        init: Init,
    },
    /// The object a handle refers to (null-object fault when there is none).
    Deref(Box<Expr>),
    /// `place = func(place, args…)` with the place evaluated once: `a op= b` on an object
    /// through its `operator op`; yields the new value.
    UpdateObject {
        place: Place,
        func: FuncId,
        args: Vec<Expr>,
    },
    /// Postfix `++`/`--` on an object: a copy of `object`, then `func` (the operator
    /// method) called on it; the value is the copy.
    PostfixObject {
        object: Box<Expr>,
        func: FuncId,
    },
    /// A `math` module function (spec 8.5) on arguments of the result's type (`clamp`
    /// and `lerp` have three, `pow`, `atan2`, `min`, `max` and `random` two).
    Math {
        func: MathFn,
        args: Vec<Expr>,
    },
}

/// How a new object gets its value after its storage is zeroed and its object fields
/// are default-constructed.
#[derive(Clone, Debug)]
pub enum Init {
    /// Run a constructor (None: the class has none) on these arguments.
    Ctor(Option<FuncId>, Vec<Expr>),
    /// `T({ f: v, … })`: assign fields (by offset) in the order written.
    Fields(Vec<(u32, Expr)>),
}

impl Init {
    /// The expressions the initialisation evaluates, in order.
    pub fn exprs(&self) -> Vec<&Expr> {
        match self {
            Init::Ctor(_, args) => args.iter().collect(),
            Init::Fields(fields) => fields.iter().map(|(_, e)| e).collect(),
        }
    }
}

/// The functions of the built-in `math` module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MathFn {
    Sqrt,
    Cbrt,
    Floor,
    Ceil,
    Round,
    Trunc,
    Exp,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Degrees,
    Radians,
    Abs,
    Sign,
    Pow,
    Atan2,
    Min,
    Max,
    Random,
    Clamp,
    Lerp,
    RandomSeed,
}

impl Expr {
    pub fn new(kind: ExprKind, ty: TypeId, span: Span) -> Expr {
        Expr { kind, ty, span }
    }

    /// The poison expression that follows a diagnostic.
    pub fn error(span: Span) -> Expr {
        Expr::new(ExprKind::Int(0), TypeId::ERROR, span)
    }
}
