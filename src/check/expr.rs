//! Expressions: typing, implicit conversions, overload resolution and constant folding.
//!
//! Every operand is brought to its final type here (spec 3.8, 3.9), so the checked tree
//! says exactly which typed operation runs. Conversions and operators on constants are
//! folded with the run-time rules ([`consts`]), except an integer division by zero,
//! which must fault when executed (spec 4.12).

use super::consts::{self, Const};
use super::hir::{Builtin, Expr, ExprKind, FuncId, Place};
use super::types::{Prim, TypeId};
use super::{Checker, Resolved};
use crate::ast::{self, BinOp, UnOp};
use crate::source::Span;

/// What a resolved call invokes.
#[derive(Clone, Copy, Debug)]
pub(super) enum Target {
    Func(FuncId),
    Builtin(Builtin),
    Math(super::hir::MathFn),
}

/// One member of an overload set.
pub(super) struct Candidate {
    pub(super) params: Vec<TypeId>,
    pub(super) ret: TypeId,
    pub(super) target: Target,
}

/// The built-in string methods (spec 8.3): name, parameters after the receiver, result.
/// `split`, whose result is an array type, is added where methods are looked up.
const STRING_METHODS: &[(&str, &[TypeId], TypeId, Builtin)] = &[
    (
        "charCodeAt",
        &[TypeId::U32],
        TypeId::I32,
        Builtin::StrCharCodeAt,
    ),
    ("charAt", &[TypeId::U32], TypeId::STRING, Builtin::StrCharAt),
    (
        "substring",
        &[TypeId::I32],
        TypeId::STRING,
        Builtin::StrSubstring1,
    ),
    (
        "substring",
        &[TypeId::I32, TypeId::I32],
        TypeId::STRING,
        Builtin::StrSubstring,
    ),
    ("slice", &[TypeId::I32], TypeId::STRING, Builtin::StrSlice1),
    (
        "slice",
        &[TypeId::I32, TypeId::I32],
        TypeId::STRING,
        Builtin::StrSlice,
    ),
    (
        "indexOf",
        &[TypeId::STRING],
        TypeId::I32,
        Builtin::StrIndexOf,
    ),
    (
        "indexOf",
        &[TypeId::STRING, TypeId::I32],
        TypeId::I32,
        Builtin::StrIndexOfFrom,
    ),
    (
        "lastIndexOf",
        &[TypeId::STRING],
        TypeId::I32,
        Builtin::StrLastIndexOf,
    ),
    (
        "includes",
        &[TypeId::STRING],
        TypeId::BOOL,
        Builtin::StrIncludes,
    ),
    (
        "startsWith",
        &[TypeId::STRING],
        TypeId::BOOL,
        Builtin::StrStartsWith,
    ),
    (
        "endsWith",
        &[TypeId::STRING],
        TypeId::BOOL,
        Builtin::StrEndsWith,
    ),
    ("toUpperCase", &[], TypeId::STRING, Builtin::StrToUpper),
    ("toLowerCase", &[], TypeId::STRING, Builtin::StrToLower),
    ("trim", &[], TypeId::STRING, Builtin::StrTrim),
    ("trimStart", &[], TypeId::STRING, Builtin::StrTrimStart),
    ("trimEnd", &[], TypeId::STRING, Builtin::StrTrimEnd),
    ("repeat", &[TypeId::U32], TypeId::STRING, Builtin::StrRepeat),
    (
        "replace",
        &[TypeId::STRING, TypeId::STRING],
        TypeId::STRING,
        Builtin::StrReplace,
    ),
    (
        "replaceAll",
        &[TypeId::STRING, TypeId::STRING],
        TypeId::STRING,
        Builtin::StrReplaceAll,
    ),
];

fn int_literal_type(v: u64) -> TypeId {
    if v <= i32::MAX as u64 {
        TypeId::I32
    } else if v <= i64::MAX as u64 {
        TypeId::I64
    } else {
        TypeId::U64
    }
}

fn as_const(e: &Expr) -> Option<Const> {
    match e.kind {
        ExprKind::Int(b) if e.ty.is_prim() => Some(Const::Int(b)),
        ExprKind::Float(x) => Some(Const::Float(x)),
        _ => None,
    }
}

fn const_expr(c: Const, ty: TypeId, span: Span) -> Expr {
    match c {
        Const::Int(b) => Expr::new(ExprKind::Int(b), ty, span),
        Const::Float(x) => Expr::new(ExprKind::Float(x), ty, span),
    }
}

/// Conversion rank of spec 3.10: 0 exact, 1 promotion, 2 other; None if impossible.
fn conversion_rank(types: &super::types::Types, from: TypeId, to: TypeId) -> Option<u8> {
    if from == to || from == TypeId::ERROR || to == TypeId::ERROR {
        return Some(0);
    }
    // A handle passes as its object; `null` as any handle (spec 5.7).
    if (from.is_handle() && types.class_type_of_handle(from) == Some(to))
        || (from == TypeId::NULL && to.is_handle())
    {
        return Some(0);
    }
    match (from.prim(), to.prim()) {
        (Some(a), Some(b)) => Some(if a.promotes_to(b) { 1 } else { 2 }),
        _ => None,
    }
}

impl Checker<'_> {
    /// Converts a primitive expression to another primitive type, folding constants.
    fn convert_prim(&self, e: Expr, to: TypeId) -> Expr {
        if e.ty == to || e.ty == TypeId::ERROR || to == TypeId::ERROR {
            return Expr { ty: to, ..e };
        }
        let (Some(from), Some(top)) = (e.ty.prim(), to.prim()) else {
            return e;
        };
        if let Some(c) = as_const(&e) {
            return const_expr(consts::convert(c, from, top), to, e.span);
        }
        let span = e.span;
        Expr::new(ExprKind::Convert(Box::new(e)), to, span)
    }

    /// Implicit conversion to `to` (spec 3.8); E0300 when there is none.
    pub(super) fn coerce(&mut self, e: Expr, to: TypeId) -> Expr {
        if e.ty == to || e.ty == TypeId::ERROR || to == TypeId::ERROR {
            return e;
        }
        if e.ty == TypeId::VOID {
            self.error("E0316", e.span, "a call of a 'void' function has no value");
            return Expr::error(e.span);
        }
        if e.ty.is_prim() && to.is_prim() {
            return self.convert_prim(e, to);
        }
        if e.ty.is_handle() && self.program.types.class_type_of_handle(e.ty) == Some(to) {
            let span = e.span;
            // A `new` object that no handle keeps is a temporary of its full expression
            // (spec 5.7): it is built as one, so it cannot leak.
            if let ExprKind::New { class, init } = e.kind {
                return Expr::new(ExprKind::Construct { class, init }, to, span);
            }
            return Expr::new(ExprKind::Deref(Box::new(e)), to, span);
        }
        if e.ty == TypeId::NULL && to.is_handle() {
            return Expr::new(ExprKind::Int(0), to, e.span);
        }
        if let Some(func) = self.user_conversion(e.ty, to) {
            let span = e.span;
            return Expr::new(
                ExprKind::Call {
                    func,
                    args: vec![e],
                },
                to,
                span,
            );
        }
        if let Some((ctor, param)) = self.converting_constructor(e.ty, to) {
            let span = e.span;
            let class = self.program.types.class_of(to).expect("a class") as usize;
            let arg = self.coerce(e, param);
            return Expr::new(
                ExprKind::Construct {
                    class,
                    init: super::hir::Init::Ctor(Some(ctor), vec![arg]),
                },
                to,
                span,
            );
        }
        let msg = format!(
            "cannot convert '{}' to '{}'",
            self.type_name(e.ty),
            self.type_name(to)
        );
        self.error("E0300", e.span, msg);
        Expr::error(e.span)
    }

    /// Reports E0316 when `e` is a call of a `void` function used as a value.
    fn reject_void(&mut self, e: &Expr) -> bool {
        if e.ty == TypeId::VOID {
            self.error("E0316", e.span, "a call of a 'void' function has no value");
            return true;
        }
        false
    }

    /// A condition (spec 4.4): `bool`, or numeric tested against zero; E0304 otherwise.
    pub(super) fn condition_of(&mut self, e: Expr) -> Expr {
        if e.ty == TypeId::BOOL || e.ty == TypeId::ERROR {
            return e;
        }
        if self.reject_void(&e) {
            return Expr::error(e.span);
        }
        if e.ty.is_numeric() {
            return self.convert_prim(e, TypeId::BOOL);
        }
        let msg = format!(
            "a condition must be 'bool' or numeric, not '{}'",
            self.type_name(e.ty)
        );
        self.error("E0304", e.span, msg);
        Expr::error(e.span)
    }

    pub(super) fn check_expr(&mut self, e: &ast::Expr) -> Expr {
        let span = e.span;
        match &e.kind {
            ast::ExprKind::Int(v) => Expr::new(ExprKind::Int(*v), int_literal_type(*v), span),
            ast::ExprKind::Float { value, is_f32 } => Expr::new(
                ExprKind::Float(*value),
                if *is_f32 { TypeId::F32 } else { TypeId::F64 },
                span,
            ),
            ast::ExprKind::Str(bytes) => {
                Expr::new(ExprKind::Str(bytes.clone()), TypeId::STRING, span)
            }
            ast::ExprKind::Bool(b) => Expr::new(ExprKind::Int(*b as u64), TypeId::BOOL, span),
            ast::ExprKind::Null => Expr::new(ExprKind::Int(0), TypeId::NULL, span),
            ast::ExprKind::This => match self.fun.as_ref().and_then(|f| f.this) {
                Some(l) => Expr::new(ExprKind::Local(l), self.local_type(l), span),
                None => {
                    self.error(
                        "E0215",
                        span,
                        "'this' outside a constructor, destructor or method",
                    );
                    Expr::error(span)
                }
            },
            ast::ExprKind::Name(id) => self.check_name(id),
            ast::ExprKind::TypeApp { name, .. } => {
                self.error(
                    "E0308",
                    name.span,
                    format!("'{}<…>' is a type, not a value", name.name),
                );
                Expr::error(span)
            }
            ast::ExprKind::Unary { op, operand } => self.check_unary(*op, operand, span),
            ast::ExprKind::Binary {
                op,
                op_span,
                lhs,
                rhs,
            } => {
                // An integer division faults at its operator, so that is where it points.
                let at = if matches!(op, BinOp::Div | BinOp::Rem) {
                    *op_span
                } else {
                    span
                };
                self.check_binary(*op, lhs, rhs, at)
            }
            ast::ExprKind::Assign {
                op,
                op_span,
                target,
                value,
            } => {
                let span = if matches!(op, Some(BinOp::Div | BinOp::Rem)) {
                    *op_span
                } else {
                    span
                };
                self.check_assign(*op, target, value, span)
            }
            ast::ExprKind::IncDec {
                increment,
                prefix,
                operand,
            } => self.check_incdec(*increment, *prefix, operand, span),
            ast::ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => self.check_cond_expr(cond, then, otherwise, span),
            ast::ExprKind::Member { object, name } => self.check_member(object, name, span),
            ast::ExprKind::Index { object, index } => self.check_index(object, index, span),
            ast::ExprKind::Call { callee, args } => self.check_call(callee, args, span),
            ast::ExprKind::ObjectLit(_) => {
                self.error(
                    "E0101",
                    span,
                    "an object literal is only allowed as the argument of a construction",
                );
                Expr::error(span)
            }
            ast::ExprKind::New { ty, args } => self.check_new(ty, args.as_deref(), span),
        }
    }

    fn check_name(&mut self, id: &ast::Ident) -> Expr {
        let span = id.span;
        match self.resolve_name(&id.name, id.span.lo) {
            Resolved::Local(l) => Expr::new(ExprKind::Local(l), self.local_type(l), span),
            Resolved::Global(g) => Expr::new(ExprKind::Global(g), self.program.global(g).ty, span),
            Resolved::Undefined | Resolved::GlobalNotYetVisible => {
                let extra = if matches!(
                    self.resolve_name(&id.name, id.span.lo),
                    Resolved::GlobalNotYetVisible
                ) {
                    " (the global is declared later in the module)"
                } else {
                    ""
                };
                self.error(
                    "E0200",
                    span,
                    format!("undefined identifier '{}'{extra}", id.name),
                );
                Expr::error(span)
            }
            Resolved::Functions(_) | Resolved::BuiltinFunction(_) => {
                self.error(
                    "E0308",
                    span,
                    format!("function '{}' is not a value; call it", id.name),
                );
                Expr::error(span)
            }
            Resolved::Math(name) => self.math_value(name, span),
            Resolved::Module(_) => {
                self.error(
                    "E0308",
                    span,
                    format!("'{}' is a module qualifier, not a value", id.name),
                );
                Expr::error(span)
            }
            Resolved::Enum(_) | Resolved::Type(_) | Resolved::Console | Resolved::Class(_) => {
                self.error("E0308", span, format!("'{}' is not a value", id.name));
                Expr::error(span)
            }
        }
    }

    fn check_unary(&mut self, op: UnOp, operand: &ast::Expr, span: Span) -> Expr {
        let e = self.check_expr(operand);
        if e.ty == TypeId::ERROR || self.reject_void(&e) {
            return Expr::error(span);
        }
        if self.has_operator(e.ty, op.as_str(), 0) {
            return self.operator_call(e, op.as_str(), Vec::new(), span);
        }
        if op == UnOp::Not {
            let e = self.condition_of(e);
            if let Some(c) = as_const(&e) {
                let r = consts::unary(op, c, Prim::Bool).expect("! folds on bool");
                return const_expr(r, TypeId::BOOL, span);
            }
            return Expr::new(ExprKind::Unary(op, Box::new(e)), TypeId::BOOL, span);
        }
        let Some(p) = e.ty.prim() else {
            return self.bad_unary(op, e.ty, span);
        };
        if op == UnOp::BitNot && p.is_float() {
            return self.bad_unary(op, e.ty, span);
        }
        let pt = p.promoted();
        let e = self.convert_prim(e, pt.type_id());
        if op == UnOp::Plus {
            return Expr { span, ..e };
        }
        if let Some(c) = as_const(&e) {
            let r = consts::unary(op, c, pt).expect("unary folds on numbers");
            return const_expr(r, pt.type_id(), span);
        }
        Expr::new(ExprKind::Unary(op, Box::new(e)), pt.type_id(), span)
    }

    fn bad_unary(&mut self, op: UnOp, ty: TypeId, span: Span) -> Expr {
        let msg = format!(
            "operator '{}' is not defined for '{}'",
            op.as_str(),
            self.type_name(ty)
        );
        self.error("E0301", span, msg);
        Expr::error(span)
    }

    fn bad_binary(&mut self, op: BinOp, a: TypeId, b: TypeId, span: Span) -> Expr {
        let msg = format!(
            "operator '{}' is not defined for '{}' and '{}'",
            op.as_str(),
            self.type_name(a),
            self.type_name(b)
        );
        self.error("E0301", span, msg);
        Expr::error(span)
    }

    fn check_binary(&mut self, op: BinOp, lhs: &ast::Expr, rhs: &ast::Expr, span: Span) -> Expr {
        if matches!(op, BinOp::And | BinOp::Or) {
            let l = self.check_expr(lhs);
            let l = self.condition_of(l);
            let r = self.check_expr(rhs);
            let r = self.condition_of(r);
            return Expr::new(
                ExprKind::Logical {
                    and: op == BinOp::And,
                    lhs: Box::new(l),
                    rhs: Box::new(r),
                },
                TypeId::BOOL,
                span,
            );
        }
        let l = self.check_expr(lhs);
        let r = self.check_expr(rhs);
        if self.program.types.class_of(l.ty).is_some() && r.ty != TypeId::ERROR {
            return self.class_binary(op, l, r, span);
        }
        let is_ref = |t: TypeId| t.is_handle() || t == TypeId::NULL;
        if is_ref(l.ty) || is_ref(r.ty) {
            return self.handle_compare(op, l, r, span);
        }
        self.binary_of(op, l, r, span)
    }

    /// `l op r` for a class value `l`: its operator method; `!=` falls back to `!(l == r)`.
    fn class_binary(&mut self, op: BinOp, l: Expr, r: Expr, span: Span) -> Expr {
        if self.has_operator(l.ty, op.as_str(), 1) {
            return self.operator_call(l, op.as_str(), vec![r], span);
        }
        if op == BinOp::Ne && self.has_operator(l.ty, "==", 1) {
            let eq = self.operator_call(l, "==", vec![r], span);
            let eq = self.condition_of(eq);
            return Expr::new(ExprKind::Unary(UnOp::Not, Box::new(eq)), TypeId::BOOL, span);
        }
        self.bad_binary(op, l.ty, r.ty, span)
    }

    /// Types `l op r` for already checked operands (also used by compound assignment).
    fn binary_of(&mut self, op: BinOp, l: Expr, r: Expr, span: Span) -> Expr {
        use BinOp::*;
        if l.ty == TypeId::ERROR || r.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        if self.reject_void(&l) | self.reject_void(&r) {
            return Expr::error(span);
        }
        let is_cmp = matches!(op, Eq | Ne | Lt | Le | Gt | Ge);
        if op == Add && (l.ty == TypeId::STRING || r.ty == TypeId::STRING) {
            let ok = |t: TypeId| t == TypeId::STRING || t.is_prim();
            if !ok(l.ty) || !ok(r.ty) {
                return self.bad_binary(op, l.ty, r.ty, span);
            }
            let mut pieces = match l.kind {
                ExprKind::Concat(p) => p,
                _ => vec![l],
            };
            pieces.push(r);
            return Expr::new(ExprKind::Concat(pieces), TypeId::STRING, span);
        }
        if is_cmp && l.ty == TypeId::STRING && r.ty == TypeId::STRING {
            return Expr::new(
                ExprKind::StrCompare(op, Box::new(l), Box::new(r)),
                TypeId::BOOL,
                span,
            );
        }
        let (Some(pl), Some(pr)) = (l.ty.prim(), r.ty.prim()) else {
            return self.bad_binary(op, l.ty, r.ty, span);
        };
        let (operand, result) = match op {
            Add | Sub | Mul | Div | Rem => {
                let c = Prim::common(pl, pr);
                (c, c)
            }
            BitAnd | BitOr | BitXor => {
                if pl.is_float() || pr.is_float() {
                    return self.bad_binary(op, l.ty, r.ty, span);
                }
                if pl == Prim::Bool && pr == Prim::Bool {
                    (Prim::Bool, Prim::Bool)
                } else {
                    let c = Prim::common(pl, pr);
                    (c, c)
                }
            }
            Shl | Shr => {
                if pl.is_float() || pr.is_float() {
                    return self.bad_binary(op, l.ty, r.ty, span);
                }
                let p = pl.promoted();
                let l = self.convert_prim(l, p.type_id());
                // Only the count's low bits matter, so it may share the left operand's type.
                let r = self.convert_prim(r, p.type_id());
                return self.fold_binary(op, l, r, p, p.type_id(), span);
            }
            _ => (Prim::common(pl, pr), Prim::Bool),
        };
        let l = self.convert_prim(l, operand.type_id());
        let r = self.convert_prim(r, operand.type_id());
        self.fold_binary(op, l, r, operand, result.type_id(), span)
    }

    fn fold_binary(
        &mut self,
        op: BinOp,
        l: Expr,
        r: Expr,
        p: Prim,
        ty: TypeId,
        span: Span,
    ) -> Expr {
        if let (Some(a), Some(b)) = (as_const(&l), as_const(&r))
            && let Some(c) = consts::binary(op, a, b, p)
        {
            return const_expr(c, ty, span);
        }
        Expr::new(ExprKind::Binary(op, Box::new(l), Box::new(r)), ty, span)
    }

    /// Resolves an assignable expression (spec 4.1); reports E0302 / E0303.
    pub(super) fn check_place(&mut self, e: &ast::Expr) -> Option<(Place, TypeId)> {
        match &e.kind {
            ast::ExprKind::Name(id) => match self.resolve_name(&id.name, id.span.lo) {
                Resolved::Local(l) => {
                    if self.local_is_const(l) {
                        self.error(
                            "E0303",
                            e.span,
                            format!("cannot assign to const '{}'", id.name),
                        );
                        return None;
                    }
                    Some((Place::Local(l), self.local_type(l)))
                }
                Resolved::Global(g) => {
                    let info = self.program.global(g);
                    if info.is_const {
                        self.error(
                            "E0303",
                            e.span,
                            format!("cannot assign to const '{}'", id.name),
                        );
                        return None;
                    }
                    Some((Place::Global(g), info.ty))
                }
                _ => {
                    self.check_name(id);
                    None
                }
            },
            ast::ExprKind::Member { object, name } => {
                let checked = self.check_expr(e);
                if checked.ty == TypeId::ERROR {
                    return None;
                }
                if let ExprKind::Global(g) = checked.kind {
                    if self.program.global(g).is_const {
                        self.error(
                            "E0303",
                            e.span,
                            format!("cannot assign to const '{}'", self.program.global(g).name),
                        );
                        return None;
                    }
                    return Some((Place::Global(g), checked.ty));
                }
                let ExprKind::Field {
                    object: obj,
                    offset,
                } = checked.kind
                else {
                    self.error("E0302", e.span, "expression is not assignable");
                    return None;
                };
                if self.field_is_const(&obj, &name.name) {
                    self.error(
                        "E0303",
                        e.span,
                        format!("cannot assign to const field '{}'", name.name),
                    );
                    return None;
                }
                if !matches!(object.kind, ast::ExprKind::This) && self.is_const_variable(object) {
                    self.error(
                        "E0303",
                        e.span,
                        "cannot assign to a field of a const object",
                    );
                    return None;
                }
                Some((
                    Place::Field {
                        object: obj,
                        offset,
                    },
                    checked.ty,
                ))
            }
            ast::ExprKind::Index { object, .. } => {
                let checked = self.check_expr(e);
                let ExprKind::Index { array, index } = checked.kind else {
                    if checked.ty != TypeId::ERROR {
                        self.error("E0302", e.span, "expression is not assignable");
                    }
                    return None;
                };
                if self.is_const_variable(object) {
                    self.error(
                        "E0303",
                        e.span,
                        "cannot assign to an element of a const array",
                    );
                    return None;
                }
                Some((Place::Index { array, index }, checked.ty))
            }
            _ => {
                let checked = self.check_expr(e);
                if checked.ty != TypeId::ERROR {
                    self.error("E0302", e.span, "expression is not assignable");
                }
                None
            }
        }
    }

    /// Whether `e` names a `const` local or global (whose elements are read-only too).
    pub(super) fn is_const_variable(&self, e: &ast::Expr) -> bool {
        let ast::ExprKind::Name(id) = &e.kind else {
            return false;
        };
        match self.resolve_name(&id.name, id.span.lo) {
            Resolved::Local(l) => self.local_is_const(l),
            Resolved::Global(g) => self.program.global(g).is_const,
            _ => false,
        }
    }

    fn check_assign(
        &mut self,
        op: Option<BinOp>,
        target: &ast::Expr,
        value: &ast::Expr,
        span: Span,
    ) -> Expr {
        if let Some(call) = self.property_assign(op, target, value, span) {
            return call;
        }
        let place = self.check_place(target);
        let v = self.check_expr(value);
        let Some((place, ty)) = place else {
            return Expr::error(span);
        };
        if self.program.types.class_of(ty).is_some() && v.ty != TypeId::ERROR {
            let op_name = format!("{}=", op.map_or("", BinOp::as_str));
            // `operator =` is used for values of other types; a same-class value is
            // copied field by field.
            let same_class_assign = op.is_none()
                && self.program.types.class_of(ty).is_some_and(|c| {
                    self.program.classes[c as usize]
                        .operators
                        .get("=")
                        .into_iter()
                        .flatten()
                        .any(|&f| self.program.func(f).params.get(1) == Some(&ty))
                });
            if self.has_operator(ty, &op_name, 1)
                && (op.is_some() || v.ty != ty || same_class_assign)
            {
                let recv = self.check_expr(target);
                return self.operator_call(recv, &op_name, vec![v], span);
            }
            let has_const_field = self
                .program
                .class_of(ty)
                .is_some_and(|c| c.fields.iter().any(|f| f.is_const));
            if op.is_none() && has_const_field {
                let msg = format!(
                    "'{}' has a const field and no 'operator =', so it cannot be assigned",
                    self.type_name(ty)
                );
                self.error("E0303", span, msg);
                return Expr::error(span);
            }
            if let Some(op) = op {
                // `a op= b` is `a = a op b`.
                let recv = self.check_expr(target);
                let value = self.class_binary(op, recv, v, span);
                // The place is evaluated once: the operator gets the object it holds.
                if value.ty == ty
                    && let ExprKind::Call { func, mut args } = value.kind
                {
                    args.remove(0);
                    return Expr::new(ExprKind::UpdateObject { place, func, args }, ty, span);
                }
                let value = self.coerce(value, ty);
                return Expr::new(
                    ExprKind::Assign {
                        place,
                        value: Box::new(value),
                    },
                    ty,
                    span,
                );
            }
        }
        let Some(op) = op else {
            let v = self.coerce(v, ty);
            return Expr::new(
                ExprKind::Assign {
                    place,
                    value: Box::new(v),
                },
                ty,
                span,
            );
        };
        if ty == TypeId::ERROR || v.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        if matches!(op, BinOp::And | BinOp::Or) {
            if ty != TypeId::BOOL {
                return self.bad_binary(op, ty, v.ty, span);
            }
            let v = self.condition_of(v);
            return Expr::new(
                ExprKind::CompoundAssign {
                    place,
                    op,
                    op_ty: TypeId::BOOL,
                    value: Box::new(v),
                },
                ty,
                span,
            );
        }
        if ty == TypeId::STRING {
            if op != BinOp::Add || !(v.ty == TypeId::STRING || v.ty.is_prim()) {
                return self.bad_binary(op, ty, v.ty, span);
            }
            return Expr::new(
                ExprKind::StrAppend {
                    place,
                    value: Box::new(v),
                },
                ty,
                span,
            );
        }
        let (Some(pt), Some(pv)) = (ty.prim(), v.ty.prim()) else {
            return self.bad_binary(op, ty, v.ty, span);
        };
        let op_ty = match op {
            BinOp::Shl | BinOp::Shr => {
                if pt.is_float() || pv.is_float() {
                    return self.bad_binary(op, ty, v.ty, span);
                }
                pt.promoted()
            }
            BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
                if pt.is_float() || pv.is_float() {
                    return self.bad_binary(op, ty, v.ty, span);
                }
                if pt == Prim::Bool && pv == Prim::Bool {
                    Prim::Bool
                } else {
                    Prim::common(pt, pv)
                }
            }
            _ => Prim::common(pt, pv),
        };
        let v = self.convert_prim(v, op_ty.type_id());
        Expr::new(
            ExprKind::CompoundAssign {
                place,
                op,
                op_ty: op_ty.type_id(),
                value: Box::new(v),
            },
            ty,
            span,
        )
    }

    /// `obj.p = v` and `obj.p op= v` for a property `p` of a host type: a setter call
    /// (with the getter's value combined first). None when `target` is not a property.
    fn property_assign(
        &mut self,
        op: Option<BinOp>,
        target: &ast::Expr,
        value: &ast::Expr,
        span: Span,
    ) -> Option<Expr> {
        let ast::ExprKind::Member { object, name } = &target.kind else {
            return None;
        };
        if !self.program.settable_properties.contains(&name.name) {
            return None;
        }
        let mark = self.diags.items.len();
        let obj = self.check_expr(object);
        let class = self
            .program
            .types
            .class_of(obj.ty)
            .or_else(|| self.program.types.handle_class(obj.ty));
        let info = class.map(|c| &self.program.classes[c as usize]);
        let setter = super::host::setter_name(&name.name);
        let Some(info) = info.filter(|i| i.methods.contains_key(&setter)) else {
            // Not a property: the caller checks the target again, so forget what this
            // check reported.
            self.diags.items.truncate(mark);
            return None;
        };
        let getter = super::host::getter_name(&name.name);
        let has_getter = info.methods.contains_key(&getter);
        let ident = |name: String| ast::Ident {
            name,
            span: name_span(target),
        };
        let mut v = self.check_expr(value);
        if let Some(op) = op {
            if !has_getter {
                let msg = format!("property '{}' is write-only", name.name);
                self.error("E0207", name.span, msg);
                return Some(Expr::error(span));
            }
            if !is_simple_path(object) {
                let msg = "a compound assignment to a property needs an object named by a variable";
                self.error("E0302", target.span, msg);
                return Some(Expr::error(span));
            }
            let again = self.check_expr(object);
            let current = self.method_call(again, &ident(getter), Vec::new(), span);
            let ty = current.ty;
            v = self.binary_of(op, current, v, span);
            if ty.is_prim() && v.ty.is_prim() {
                v = self.convert_prim(v, ty);
            }
        }
        Some(self.method_call(obj, &ident(setter), vec![v], span))
    }

    fn check_incdec(
        &mut self,
        increment: bool,
        prefix: bool,
        operand: &ast::Expr,
        span: Span,
    ) -> Expr {
        let Some((place, ty)) = self.check_place(operand) else {
            return Expr::error(span);
        };
        if ty == TypeId::ERROR {
            return Expr::error(span);
        }
        let op_name = if increment { "++" } else { "--" };
        if self.has_operator(ty, op_name, 0) {
            let _ = place;
            let recv = self.check_expr(operand);
            let call = self.operator_call(recv, op_name, Vec::new(), span);
            if prefix {
                return call;
            }
            // `x++` on an object yields a copy taken before the call (spec 4.11); the
            // operand is evaluated once.
            let ExprKind::Call { func, mut args } = call.kind else {
                return call;
            };
            let object = args.remove(0);
            return Expr::new(
                ExprKind::PostfixObject {
                    object: Box::new(object),
                    func,
                },
                ty,
                span,
            );
        }
        if !ty.is_numeric() {
            let op = if increment { UnOp::Plus } else { UnOp::Neg };
            let msg = format!(
                "operator '{}{}' is not defined for '{}'",
                op.as_str(),
                op.as_str(),
                self.type_name(ty)
            );
            self.error("E0301", span, msg);
            return Expr::error(span);
        }
        Expr::new(
            ExprKind::IncDec {
                place,
                increment,
                prefix,
            },
            ty,
            span,
        )
    }

    fn check_cond_expr(
        &mut self,
        cond: &ast::Expr,
        then: &ast::Expr,
        otherwise: &ast::Expr,
        span: Span,
    ) -> Expr {
        let c = self.check_expr(cond);
        let c = self.condition_of(c);
        let a = self.check_expr(then);
        let b = self.check_expr(otherwise);
        if a.ty == TypeId::ERROR || b.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        let ty = match (a.ty.prim(), b.ty.prim()) {
            (Some(pa), Some(pb)) => {
                if pa == Prim::Bool && pb == Prim::Bool {
                    TypeId::BOOL
                } else {
                    Prim::common(pa, pb).type_id()
                }
            }
            _ if a.ty == b.ty && a.ty == TypeId::STRING => a.ty,
            // Objects of one class, format or array type; handles of one class (or
            // `null`).
            _ if a.ty == b.ty && (a.ty.is_composite() || a.ty.is_handle()) => a.ty,
            _ if a.ty.is_handle() && b.ty == TypeId::NULL => a.ty,
            _ if b.ty.is_handle() && a.ty == TypeId::NULL => b.ty,
            _ => {
                let msg = format!(
                    "the branches of '?:' have incompatible types '{}' and '{}'",
                    self.type_name(a.ty),
                    self.type_name(b.ty)
                );
                self.error("E0300", b.span, msg);
                return Expr::error(span);
            }
        };
        let a = self.coerce(a, ty);
        let b = self.coerce(b, ty);
        Expr::new(
            ExprKind::Cond {
                cond: Box::new(c),
                then: Box::new(a),
                otherwise: Box::new(b),
            },
            ty,
            span,
        )
    }

    fn check_member(&mut self, object: &ast::Expr, name: &ast::Ident, span: Span) -> Expr {
        if let Some((resolved, path)) = self.path_of(object) {
            match resolved {
                Resolved::Enum(e) => {
                    let info = &self.program.enums[e];
                    if let Some((_, bits, ty)) =
                        info.values.iter().find(|(n, _, _)| *n == name.name)
                    {
                        return Expr::new(ExprKind::Int(*bits), *ty, span);
                    }
                    let msg = format!("enum '{}' has no value '{}'", info.name, name.name);
                    self.error("E0209", name.span, msg);
                    return Expr::error(span);
                }
                Resolved::Console | Resolved::Type(_) => {
                    self.error(
                        "E0308",
                        span,
                        format!("'{}.{}' is not a value", path, name.name),
                    );
                    return Expr::error(span);
                }
                Resolved::Class(c) => return self.static_field(c, name, span),
                Resolved::Module(q) => return self.qualified_value(q, &path, name, span),
                _ => {}
            }
        }
        let obj = self.check_expr(object);
        if obj.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        if self.program.class_of(obj.ty).is_some() {
            return self.field_of(obj, name, span);
        }
        if self.program.types.array_elem(obj.ty).is_some() && name.name == "length" {
            return Expr::new(ExprKind::ArrayLen(Box::new(obj)), TypeId::U32, span);
        }
        if obj.ty == TypeId::STRING && name.name == "length" {
            return Expr::new(
                ExprKind::Builtin {
                    builtin: Builtin::StrLength,
                    args: vec![obj],
                },
                TypeId::U32,
                span,
            );
        }
        let msg = format!(
            "type '{}' has no field or property '{}'",
            self.type_name(obj.ty),
            name.name
        );
        self.error("E0207", name.span, msg);
        Expr::error(span)
    }

    fn check_index(&mut self, object: &ast::Expr, index: &ast::Expr, span: Span) -> Expr {
        let obj = self.check_expr(object);
        let idx = self.check_expr(index);
        if obj.ty == TypeId::ERROR || idx.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        if !idx.ty.is_integer() {
            let msg = format!(
                "an index must be an integer, not '{}'",
                self.type_name(idx.ty)
            );
            self.error("E0313", idx.span, msg);
            return Expr::error(span);
        }
        if self.has_operator(obj.ty, "[]", 1) {
            return self.operator_call(obj, "[]", vec![idx], span);
        }
        if obj.ty == TypeId::STRING {
            let idx = self.convert_prim(idx, TypeId::I64);
            return Expr::new(
                ExprKind::Builtin {
                    builtin: Builtin::StrIndex,
                    args: vec![obj, idx],
                },
                TypeId::STRING,
                span,
            );
        }
        if let Some(elem) = self.program.types.array_elem(obj.ty) {
            let idx = self.convert_prim(idx, TypeId::I64);
            return Expr::new(
                ExprKind::Index {
                    array: Box::new(obj),
                    index: Box::new(idx),
                },
                elem,
                span,
            );
        }
        let msg = format!("type '{}' cannot be indexed", self.type_name(obj.ty));
        self.error("E0301", span, msg);
        Expr::error(span)
    }

    pub(super) fn check_args(&mut self, args: &[ast::Expr]) -> Vec<Expr> {
        args.iter().map(|a| self.check_expr(a)).collect()
    }

    fn check_call(&mut self, callee: &ast::Expr, args: &[ast::Expr], span: Span) -> Expr {
        match &callee.kind {
            ast::ExprKind::Name(id) => {
                let resolved = self.resolve_name(&id.name, id.span.lo);
                self.call_resolved(resolved, id, args, span)
            }
            ast::ExprKind::Member { object, name } => {
                self.check_method_call(object, name, args, span)
            }
            ast::ExprKind::TypeApp { name, arg } if name.name != "array" => {
                let ty = self.type_app(name, arg, callee.span);
                match self.program.types.class_of(ty) {
                    Some(c) => self.call_resolved(Resolved::Class(c as usize), name, args, span),
                    None => {
                        self.check_args(args);
                        Expr::error(span)
                    }
                }
            }
            ast::ExprKind::TypeApp { name, arg } if name.name == "array" => {
                let ty = self.type_app(name, arg, callee.span);
                let args = self.check_args(args);
                if ty == TypeId::ERROR {
                    return Expr::error(span);
                }
                if !args.is_empty() {
                    self.error("E0305", span, "'array<T>()' takes no arguments");
                    return Expr::error(span);
                }
                Expr::new(ExprKind::NewArray, ty, span)
            }
            _ => {
                let c = self.check_expr(callee);
                self.check_args(args);
                if c.ty != TypeId::ERROR {
                    self.error("E0308", callee.span, "this expression is not a function");
                }
                Expr::error(span)
            }
        }
    }

    /// A call of the name `id` resolved to `resolved`.
    fn call_resolved(
        &mut self,
        resolved: Resolved,
        id: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
    ) -> Expr {
        match resolved {
            Resolved::Functions(fs) => {
                let args = self.check_args(args);
                let cands = fs
                    .iter()
                    .map(|&f| {
                        let info = self.program.func(f);
                        Candidate {
                            params: info.params.clone(),
                            ret: info.ret,
                            target: Target::Func(f),
                        }
                    })
                    .collect::<Vec<_>>();
                self.call_overloaded(&id.name, &cands, args, span)
            }
            Resolved::BuiltinFunction(name) => {
                let args = self.check_args(args);
                self.call_builtin_function(name, args, span)
            }
            Resolved::Type(t) => {
                let args = self.check_args(args);
                self.explicit_conversion(t, args, span)
            }
            Resolved::Class(c) => {
                if let [
                    ast::Expr {
                        kind: ast::ExprKind::ObjectLit(fields),
                        ..
                    },
                ] = args
                {
                    let ty = self.program.classes[c].ty;
                    return match self.literal_init(c, fields, span) {
                        Some(init) => Expr::new(ExprKind::Construct { class: c, init }, ty, span),
                        None => Expr::error(span),
                    };
                }
                let args = self.check_args(args);
                self.construct(c, args, span)
            }
            Resolved::Math(name) => {
                let args = self.check_args(args);
                self.math_call(name, args, span)
            }
            Resolved::Undefined | Resolved::GlobalNotYetVisible => {
                self.check_name(id);
                self.check_args(args);
                Expr::error(span)
            }
            _ => {
                self.error("E0308", id.span, format!("'{}' is not a function", id.name));
                self.check_args(args);
                Expr::error(span)
            }
        }
    }

    /// The type `name<arg>` written in an expression.
    fn type_app(&mut self, name: &ast::Ident, arg: &ast::TypeExpr, span: Span) -> TypeId {
        let t = ast::TypeExpr {
            qualifier: None,
            name: name.clone(),
            arg: Some(Box::new(arg.clone())),
            handle: false,
            span,
        };
        self.resolve_value_type(&t)
    }

    /// The name a path denotes: `a`, or `x.a` with `x` a module qualifier; with its text.
    fn path_of(&mut self, e: &ast::Expr) -> Option<(Resolved, String)> {
        match &e.kind {
            ast::ExprKind::TypeApp { name, arg } if name.name != "array" => {
                let ty = self.type_app(name, arg, e.span);
                let c = self.program.types.class_of(ty)?;
                Some((
                    Resolved::Class(c as usize),
                    self.program.classes[c as usize].name.clone(),
                ))
            }
            ast::ExprKind::Name(id) => {
                Some((self.resolve_name(&id.name, id.span.lo), id.name.clone()))
            }
            ast::ExprKind::Member { object, name } => {
                let ast::ExprKind::Name(x) = &object.kind else {
                    return None;
                };
                let Resolved::Module(q) = self.resolve_name(&x.name, x.span.lo) else {
                    return None;
                };
                Some((
                    self.resolve_qualified(q, &name.name),
                    format!("{}.{}", x.name, name.name),
                ))
            }
            _ => None,
        }
    }

    /// `x.name` as a value, for a module qualifier `x`.
    fn qualified_value(
        &mut self,
        q: super::Qualified,
        path: &str,
        name: &ast::Ident,
        span: Span,
    ) -> Expr {
        match self.resolve_qualified(q, &name.name) {
            Resolved::Global(g) => Expr::new(ExprKind::Global(g), self.program.global(g).ty, span),
            Resolved::Math(n) => self.math_value(n, span),
            Resolved::Undefined => {
                self.not_exported(path, name);
                Expr::error(span)
            }
            _ => {
                self.error(
                    "E0308",
                    span,
                    format!("'{path}.{}' is not a value", name.name),
                );
                Expr::error(span)
            }
        }
    }

    fn not_exported(&mut self, qualifier: &str, name: &ast::Ident) {
        self.error(
            "E0211",
            name.span,
            format!("module '{qualifier}' does not declare '{}'", name.name),
        );
    }

    fn check_method_call(
        &mut self,
        object: &ast::Expr,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
    ) -> Expr {
        if let Some((resolved, path)) = self.path_of(object) {
            match resolved {
                Resolved::Console => {
                    let args = self.check_args(args);
                    return self.call_console(name, args, span);
                }
                Resolved::Type(TypeId::STRING) if name.name == "fromCharCode" => {
                    let args = self.check_args(args);
                    let cands = [Candidate {
                        params: vec![TypeId::I32],
                        ret: TypeId::STRING,
                        target: Target::Builtin(Builtin::StrFromCharCode),
                    }];
                    return self.call_overloaded("string.fromCharCode", &cands, args, span);
                }
                Resolved::Class(c) => {
                    let args = self.check_args(args);
                    return self.static_call(c, name, args, span);
                }
                Resolved::Module(q) => {
                    let resolved = self.resolve_qualified(q, &name.name);
                    if matches!(resolved, Resolved::Undefined) {
                        self.check_args(args);
                        self.not_exported(&path, name);
                        return Expr::error(span);
                    }
                    return self.call_resolved(resolved, name, args, span);
                }
                Resolved::Enum(_) | Resolved::Type(_) => {
                    self.check_args(args);
                    self.error(
                        "E0208",
                        name.span,
                        format!("'{}' has no method '{}'", path, name.name),
                    );
                    return Expr::error(span);
                }
                _ => {}
            }
        }
        let recv = self.check_expr(object);
        let args = self.check_args(args);
        if recv.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        if recv.ty.is_numeric() && name.name == "toFixed" {
            let recv = self.convert_prim(recv, TypeId::F64);
            let cands = [Candidate {
                params: vec![TypeId::F64, TypeId::U32],
                ret: TypeId::STRING,
                target: Target::Builtin(Builtin::ToFixed),
            }];
            let mut all = vec![recv];
            all.extend(args);
            return self.call_overloaded("toFixed", &cands, all, span);
        }
        if let Some(elem) = self.program.types.array_elem(recv.ty) {
            return self.array_method(recv, elem, name, args, span);
        }
        if self.program.class_of(recv.ty).is_some() {
            return self.method_call(recv, name, args, span);
        }
        if recv.ty == TypeId::STRING {
            let mut cands: Vec<Candidate> = STRING_METHODS
                .iter()
                .filter(|(n, ..)| *n == name.name)
                .map(|(_, params, ret, b)| Candidate {
                    params: std::iter::once(TypeId::STRING)
                        .chain(params.iter().copied())
                        .collect(),
                    ret: *ret,
                    target: Target::Builtin(*b),
                })
                .collect();
            // Not in the table: its result type is interned per program.
            if name.name == "split" {
                cands.push(Candidate {
                    params: vec![TypeId::STRING, TypeId::STRING],
                    ret: self
                        .program
                        .types
                        .intern(super::types::TypeKind::Array(TypeId::STRING)),
                    target: Target::Builtin(Builtin::StrSplit),
                });
            }
            if !cands.is_empty() {
                let mut all = vec![recv];
                all.extend(args);
                return self.call_overloaded(&name.name, &cands, all, span);
            }
        }
        let msg = format!(
            "type '{}' has no method '{}'",
            self.type_name(recv.ty),
            name.name
        );
        self.error("E0208", name.span, msg);
        Expr::error(span)
    }

    /// `array.method(args)` (spec 8.4).
    fn array_method(
        &mut self,
        array: Expr,
        elem: TypeId,
        name: &ast::Ident,
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        use super::hir::ArrayMethod as M;
        let (method, params, ret): (M, Vec<TypeId>, TypeId) = match name.name.as_str() {
            "push" => (M::Push, vec![elem], TypeId::VOID),
            "pop" => (M::Pop, vec![], elem),
            "insert" => (M::Insert, vec![TypeId::U32, elem], TypeId::VOID),
            "remove" => (M::Remove, vec![TypeId::U32], TypeId::VOID),
            "clear" => (M::Clear, vec![], TypeId::VOID),
            "resize" => (M::Resize, vec![TypeId::U32], TypeId::VOID),
            "reserve" => (M::Reserve, vec![TypeId::U32], TypeId::VOID),
            "indexOf" | "includes" if elem.is_composite() => {
                let msg = format!(
                    "'{}' compares elements; it is not available for arrays of '{}'",
                    name.name,
                    self.type_name(elem)
                );
                self.error("E0208", name.span, msg);
                return Expr::error(span);
            }
            "indexOf" => (M::IndexOf, vec![elem], TypeId::I32),
            "includes" => (M::Includes, vec![elem], TypeId::BOOL),
            _ => {
                let msg = format!(
                    "type '{}' has no method '{}'",
                    self.type_name(array.ty),
                    name.name
                );
                self.error("E0208", name.span, msg);
                return Expr::error(span);
            }
        };
        if args.len() != params.len() {
            let msg = format!(
                "'{}.{}' takes {} argument{}, {} given",
                self.type_name(array.ty),
                name.name,
                params.len(),
                if params.len() == 1 { "" } else { "s" },
                args.len()
            );
            self.error("E0305", span, msg);
            return Expr::error(span);
        }
        let args: Vec<Expr> = args
            .into_iter()
            .zip(params)
            .map(|(a, p)| self.coerce(a, p))
            .collect();
        Expr::new(
            ExprKind::ArrayMethod {
                method,
                array: Box::new(array),
                args,
            },
            ret,
            span,
        )
    }

    /// `console.log/warn/error(v)`: one argument of any primitive type or `string`.
    fn call_console(&mut self, name: &ast::Ident, mut args: Vec<Expr>, span: Span) -> Expr {
        let builtin = match name.name.as_str() {
            "log" => Builtin::ConsoleLog,
            "warn" | "error" => Builtin::ConsoleError,
            _ => {
                self.error(
                    "E0208",
                    name.span,
                    format!("'console' has no method '{}'", name.name),
                );
                return Expr::error(span);
            }
        };
        if args.len() != 1 {
            self.error(
                "E0305",
                span,
                format!(
                    "'console.{}' takes one argument, {} given",
                    name.name,
                    args.len()
                ),
            );
            return Expr::error(span);
        }
        let v = args.pop().expect("one argument");
        if self.reject_void(&v) {
            return Expr::error(span);
        }
        let v = if v.ty.is_prim() {
            let s = v.span;
            Expr::new(ExprKind::ToString(Box::new(v)), TypeId::STRING, s)
        } else {
            self.coerce(v, TypeId::STRING)
        };
        Expr::new(
            ExprKind::Builtin {
                builtin,
                args: vec![v],
            },
            TypeId::VOID,
            span,
        )
    }

    fn call_builtin_function(&mut self, name: &str, args: Vec<Expr>, span: Span) -> Expr {
        let cands = match name {
            "print" => vec![Candidate {
                params: vec![TypeId::STRING],
                ret: TypeId::VOID,
                target: Target::Builtin(Builtin::Print),
            }],
            "__vector_index_fault" => vec![Candidate {
                params: vec![TypeId::I32, TypeId::I32],
                ret: TypeId::VOID,
                target: Target::Builtin(Builtin::VectorIndexFault),
            }],
            _ => vec![
                Candidate {
                    params: vec![TypeId::BOOL, TypeId::STRING],
                    ret: TypeId::VOID,
                    target: Target::Builtin(Builtin::AssertMessage),
                },
                Candidate {
                    params: vec![TypeId::BOOL],
                    ret: TypeId::VOID,
                    target: Target::Builtin(Builtin::Assert),
                },
            ],
        };
        self.call_overloaded(name, &cands, args, span)
    }

    /// `T(args)` for a primitive or `string` `T` (spec 3.8, 4.9).
    fn explicit_conversion(&mut self, t: TypeId, mut args: Vec<Expr>, span: Span) -> Expr {
        if args.len() == 1 && self.user_conversion(args[0].ty, t).is_some() {
            let arg = args.pop().expect("one argument");
            return self.coerce(arg, t);
        }
        let name = self.type_name(t);
        if t == TypeId::VOID {
            self.error("E0316", span, "'void' is not a value");
            return Expr::error(span);
        }
        if args.len() > 1 {
            self.error(
                "E0305",
                span,
                format!(
                    "'{name}(…)' takes at most one argument, {} given",
                    args.len()
                ),
            );
            return Expr::error(span);
        }
        let Some(arg) = args.pop() else {
            return if t == TypeId::STRING {
                Expr::new(ExprKind::Str(Vec::new()), TypeId::STRING, span)
            } else if t.is_float() {
                Expr::new(ExprKind::Float(0.0), t, span)
            } else {
                Expr::new(ExprKind::Int(0), t, span)
            };
        };
        if arg.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        if t == TypeId::STRING {
            if arg.ty == TypeId::STRING {
                return arg;
            }
            if arg.ty.is_prim() {
                return Expr::new(ExprKind::ToString(Box::new(arg)), TypeId::STRING, span);
            }
        } else if arg.ty.is_prim() {
            let e = self.convert_prim(arg, t);
            return Expr { span, ..e };
        }
        let msg = format!("cannot convert '{}' to '{}'", self.type_name(arg.ty), name);
        self.error("E0300", arg.span, msg);
        Expr::error(span)
    }

    /// Overload resolution (spec 3.10) and the call expression for the winner.
    pub(super) fn call_overloaded(
        &mut self,
        name: &str,
        cands: &[Candidate],
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        if args.iter().any(|a| a.ty == TypeId::ERROR) {
            // Don't guess past an earlier error; the result type is known if unique.
            let same_arity: Vec<&Candidate> = cands
                .iter()
                .filter(|c| c.params.len() == args.len())
                .collect();
            if same_arity.len() == 1 && same_arity[0].ret != TypeId::ERROR {
                return Expr::error(span);
            }
            return Expr::error(span);
        }
        let ranks: Vec<Option<Vec<u8>>> = cands
            .iter()
            .map(|c| {
                if c.params.len() != args.len() {
                    return None;
                }
                c.params
                    .iter()
                    .zip(&args)
                    .map(|(&p, a)| {
                        conversion_rank(&self.program.types, a.ty, p)
                            .or_else(|| self.user_conversion(a.ty, p).map(|_| 3))
                            .or_else(|| self.converting_constructor(a.ty, p).map(|_| 3))
                    })
                    .collect()
            })
            .collect();
        let viable: Vec<usize> = (0..cands.len()).filter(|&i| ranks[i].is_some()).collect();
        let arg_list = || {
            args.iter()
                .map(|a| self.type_name(a.ty))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if viable.is_empty() {
            let msg = format!(
                "no overload of '{name}' matches the arguments ({})",
                arg_list()
            );
            let mut d = crate::diag::Diagnostic::error("E0305", span, msg);
            for c in cands {
                if let Target::Func(f) = c.target {
                    let info = self.program.func(f);
                    d = d.with_label(
                        info.span,
                        format!("candidate: {}", self.program.signature(f)),
                    );
                }
            }
            self.diags.push(d);
            return Expr::error(span);
        }
        let better = |a: &[u8], b: &[u8]| {
            a.iter().zip(b).all(|(x, y)| x <= y) && a.iter().zip(b).any(|(x, y)| x < y)
        };
        let best: Vec<usize> = viable
            .iter()
            .copied()
            .filter(|&i| {
                viable.iter().all(|&j| {
                    i == j
                        || better(
                            ranks[i].as_deref().expect("viable"),
                            ranks[j].as_deref().expect("viable"),
                        )
                })
            })
            .collect();
        let chosen = match best.as_slice() {
            [one] => *one,
            _ => {
                let msg = format!("call of '{name}' with ({}) is ambiguous", arg_list());
                self.error("E0306", span, msg);
                return Expr::error(span);
            }
        };
        let c = &cands[chosen];
        let params = c.params.clone();
        let (ret, target) = (c.ret, c.target);
        let args: Vec<Expr> = args
            .into_iter()
            .zip(params)
            .map(|(a, p)| self.coerce(a, p))
            .collect();
        let kind = match target {
            Target::Func(func) => ExprKind::Call { func, args },
            Target::Builtin(builtin) => ExprKind::Builtin { builtin, args },
            Target::Math(func) => ExprKind::Math { func, args },
        };
        Expr::new(kind, ret, span)
    }
}

/// The span of the member name in `obj.name`.
fn name_span(e: &ast::Expr) -> Span {
    match &e.kind {
        ast::ExprKind::Member { name, .. } => name.span,
        _ => e.span,
    }
}

/// Whether `e` is a variable, `this`, or a field path from one: evaluating it twice has
/// no effects.
fn is_simple_path(e: &ast::Expr) -> bool {
    match &e.kind {
        ast::ExprKind::Name(_) | ast::ExprKind::This => true,
        ast::ExprKind::Member { object, .. } => is_simple_path(object),
        _ => false,
    }
}
