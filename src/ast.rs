//! The syntax tree produced by the parser and consumed by the checker.
//!
//! It mirrors the grammar of language spec sections 3–7 and carries no type information:
//! names are plain strings, and every node has the [`Span`] of the text it came from so
//! that later phases can point at it. The parser never produces a node for text it could
//! not parse; it reports a diagnostic and skips to a recovery point instead.

use crate::source::Span;

/// A name as written, with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A whole source file: its top-level items in source order.
#[derive(Clone, Debug, Default)]
pub struct Module {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub enum Item {
    Function(FunctionDecl),
    Class(ClassDecl),
    Format(FormatDecl),
    Enum(EnumDecl),
    Import(ImportDecl),
    /// A top-level statement; a `VarDecl` here declares a module global.
    Stmt(Stmt),
}

/// A type as written: `i32`, `array<string>`, `Box<i32>`, `lib.Rect`, `Node?`, `void`,
/// `subtype`. `void` and `subtype` appear here as names like any other.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    /// `m` in `m.Rect`: an import qualifier.
    pub qualifier: Option<Ident>,
    pub name: Ident,
    /// The template argument in `Name<T>`.
    pub arg: Option<Box<TypeExpr>>,
    /// `T?`: a handle (spec 5.7).
    pub handle: bool,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub ty: TypeExpr,
    pub name: Ident,
}

/// `R name(params) { body }` or the forward declaration `R name(params);` (`body` None).
#[derive(Clone, Debug)]
pub struct FunctionDecl {
    pub ret: TypeExpr,
    pub name: Ident,
    pub params: Vec<Param>,
    pub body: Option<Block>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ClassDecl {
    pub name: Ident,
    /// Declared as `class Name<subtype>`.
    pub is_template: bool,
    pub members: Vec<Member>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Member {
    Constructor {
        params: Vec<Param>,
        body: Block,
        span: Span,
    },
    /// Parameters are kept so the checker can report E0109 for a destructor with some.
    Destructor {
        params: Vec<Param>,
        body: Block,
        span: Span,
    },
    Field {
        is_static: bool,
        is_const: bool,
        ty: TypeExpr,
        name: Ident,
        init: Option<Expr>,
        span: Span,
    },
    Method {
        is_static: bool,
        ret: TypeExpr,
        name: Ident,
        params: Vec<Param>,
        /// None for a method declared without a body (E0109, reported by the checker).
        body: Option<Block>,
        span: Span,
    },
    /// `R operator OP (params) { }`; `op` is the operator's text: `+`, `==`, `[]`, `+=`, `++`.
    Operator {
        ret: TypeExpr,
        op: String,
        op_span: Span,
        params: Vec<Param>,
        body: Block,
        span: Span,
    },
    /// `operator T() { }`.
    Conversion {
        ty: TypeExpr,
        params: Vec<Param>,
        body: Block,
        span: Span,
    },
}

#[derive(Clone, Debug)]
pub struct FormatField {
    pub ty: TypeExpr,
    pub name: Ident,
}

#[derive(Clone, Debug)]
pub struct FormatDecl {
    pub name: Ident,
    pub is_template: bool,
    pub fields: Vec<FormatField>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Enumerator {
    pub name: Ident,
    pub value: Option<Expr>,
}

#[derive(Clone, Debug)]
pub struct EnumDecl {
    pub name: Ident,
    pub variants: Vec<Enumerator>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct ImportItem {
    pub name: Ident,
    pub alias: Option<Ident>,
}

#[derive(Clone, Debug)]
pub enum ImportKind {
    /// `import { a, b as c } from 'm';`
    Names(Vec<ImportItem>),
    /// `import 'm' as x;` (`Some(x)`) or `import 'm';` (None).
    Module(Option<Ident>),
}

#[derive(Clone, Debug)]
pub struct ImportDecl {
    pub kind: ImportKind,
    /// The module name string, decoded.
    pub module: String,
    pub module_span: Span,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct VarDecl {
    pub is_const: bool,
    pub ty: TypeExpr,
    pub name: Ident,
    pub init: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct CatchClause {
    pub ty: TypeExpr,
    pub name: Ident,
    pub body: Block,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Block(Block),
    VarDecl(VarDecl),
    If {
        cond: Expr,
        then: Box<Stmt>,
        otherwise: Option<Box<Stmt>>,
    },
    While {
        cond: Expr,
        body: Box<Stmt>,
    },
    DoWhile {
        body: Box<Stmt>,
        cond: Expr,
    },
    For {
        /// A `VarDecl` or `Expr` statement, or None for `for (;`.
        init: Option<Box<Stmt>>,
        cond: Option<Expr>,
        step: Option<Expr>,
        body: Box<Stmt>,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Delete(Expr),
    Throw(Expr),
    Try {
        body: Block,
        catches: Vec<CatchClause>,
        finally: Option<Block>,
    },
    Expr(Expr),
    /// A lone `;`.
    Empty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `&&` (short-circuit)
    And,
    /// `||` (short-circuit)
    Or,
}

impl BinOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `!x`
    Not,
    /// `~x`
    BitNot,
}

impl UnOp {
    pub fn as_str(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Plus => "+",
            UnOp::Not => "!",
            UnOp::BitNot => "~",
        }
    }
}

#[derive(Clone, Debug)]
pub struct FieldInit {
    pub name: Ident,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    /// An integer literal's value; its type (i32, i64 or u64) follows from the value.
    Int(u64),
    /// A float literal; `is_f32` when written with the `f` suffix.
    Float {
        value: f64,
        is_f32: bool,
    },
    /// A string literal's bytes, escapes decoded.
    Str(Vec<u8>),
    Bool(bool),
    Null,
    This,
    /// A plain name: variable, function, type (as in `T(x)`, `T.member`), enum, module alias.
    Name(Ident),
    /// `Name<T>` in expression position: a template instance used as `Box<i32>(1)` or
    /// `array<i32>()`, or `Box<i32>.staticMember`.
    TypeApp {
        name: Ident,
        arg: TypeExpr,
    },
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinOp,
        /// The operator token, where a fault such as division by zero is reported.
        op_span: Span,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `target = value` (`op` None) or `target op= value` (`op` Some; `&&=` is `And`).
    Assign {
        op: Option<BinOp>,
        /// The assignment operator token.
        op_span: Span,
        target: Box<Expr>,
        value: Box<Expr>,
    },
    /// `++x`, `--x`, `x++`, `x--`.
    IncDec {
        increment: bool,
        prefix: bool,
        operand: Box<Expr>,
    },
    Cond {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    Member {
        object: Box<Expr>,
        name: Ident,
    },
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    /// `callee(args)`: a function call, method call (`callee` is `Member`), construction or
    /// explicit conversion (`callee` names a type).
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `{ f1: e1, f2: e2 }`: only valid as the single argument of a construction
    /// `T({ … })` or `new T({ … })`.
    ObjectLit(Vec<FieldInit>),
    /// `new T(args)`, `new T({ … })` (`args` holds one `ObjectLit`) or `new T` (`args` None).
    New {
        ty: TypeExpr,
        args: Option<Vec<Expr>>,
    },
}
