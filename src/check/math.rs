//! The built-in `math` module (spec 8.5): its names, overloads and constants.
//!
//! `import { sqrt, PI } from 'math'` binds names of this table in the importing module
//! (unless the host registered a module called `math`, which then wins). Calls resolve
//! through the ordinary overload rules; the integer overloads of the float functions
//! (`f64 sqrt(i32)`, …) convert their argument to `f64`.

use super::Checker;
use super::expr::{Candidate, Target};
use super::hir::{Expr, ExprKind, MathFn};
use super::types::TypeId;
use crate::ast;
use crate::source::Span;

/// Functions of one float argument: name and function.
const UNARY_FLOAT: &[(&str, MathFn)] = &[
    ("sqrt", MathFn::Sqrt),
    ("cbrt", MathFn::Cbrt),
    ("floor", MathFn::Floor),
    ("ceil", MathFn::Ceil),
    ("round", MathFn::Round),
    ("trunc", MathFn::Trunc),
    ("exp", MathFn::Exp),
    ("log", MathFn::Log),
    ("log2", MathFn::Log2),
    ("log10", MathFn::Log10),
    ("log1p", MathFn::Log1p),
    ("sin", MathFn::Sin),
    ("cos", MathFn::Cos),
    ("tan", MathFn::Tan),
    ("asin", MathFn::Asin),
    ("acos", MathFn::Acos),
    ("atan", MathFn::Atan),
    ("sinh", MathFn::Sinh),
    ("cosh", MathFn::Cosh),
    ("tanh", MathFn::Tanh),
    ("asinh", MathFn::Asinh),
    ("acosh", MathFn::Acosh),
    ("atanh", MathFn::Atanh),
    ("degrees", MathFn::Degrees),
    ("radians", MathFn::Radians),
];

/// The other functions: name, function.
const OTHER: &[(&str, MathFn)] = &[
    ("abs", MathFn::Abs),
    ("sign", MathFn::Sign),
    ("pow", MathFn::Pow),
    ("atan2", MathFn::Atan2),
    ("min", MathFn::Min),
    ("max", MathFn::Max),
    ("clamp", MathFn::Clamp),
    ("random", MathFn::Random),
    ("lerp", MathFn::Lerp),
    ("randomSeed", MathFn::RandomSeed),
];

/// The constants (spec 8.5), as correctly rounded `f64` values.
const CONSTANTS: &[(&str, f64)] = &[
    ("E", std::f64::consts::E),
    ("PI", std::f64::consts::PI),
    ("LN2", std::f64::consts::LN_2),
    ("LN10", std::f64::consts::LN_10),
    ("LOG2E", std::f64::consts::LOG2_E),
    ("LOG10E", std::f64::consts::LOG10_E),
    ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
    ("SQRT2", std::f64::consts::SQRT_2),
];

const NUMERIC: [TypeId; 10] = [
    TypeId::I8,
    TypeId::U8,
    TypeId::I16,
    TypeId::U16,
    TypeId::I32,
    TypeId::U32,
    TypeId::I64,
    TypeId::U64,
    TypeId::F32,
    TypeId::F64,
];

/// The `math` name `name` as written in the table, if the module has it.
pub(super) fn lookup(name: &str) -> Option<&'static str> {
    UNARY_FLOAT
        .iter()
        .chain(OTHER)
        .map(|(n, _)| *n)
        .chain(CONSTANTS.iter().map(|(n, _)| *n))
        .find(|n| *n == name)
}

/// The overloads of function `name`.
fn overloads(name: &str) -> Vec<(Vec<TypeId>, TypeId, MathFn)> {
    if let Some(&(_, f)) = UNARY_FLOAT.iter().find(|(n, _)| *n == name) {
        let mut out = vec![
            (vec![TypeId::F32], TypeId::F32, f),
            (vec![TypeId::F64], TypeId::F64, f),
        ];
        for &t in &NUMERIC[..8] {
            out.push((vec![t], TypeId::F64, f));
        }
        return out;
    }
    let Some(&(_, f)) = OTHER.iter().find(|(n, _)| *n == name) else {
        return Vec::new();
    };
    let each = |types: &[TypeId], arity: usize| {
        types
            .iter()
            .map(|&t| (vec![t; arity], t, f))
            .collect::<Vec<_>>()
    };
    match f {
        MathFn::Abs => each(&NUMERIC, 1),
        MathFn::Sign => each(
            &[
                TypeId::I8,
                TypeId::I16,
                TypeId::I32,
                TypeId::I64,
                TypeId::F32,
                TypeId::F64,
            ],
            1,
        ),
        MathFn::Pow | MathFn::Atan2 => each(&[TypeId::F32, TypeId::F64], 2),
        MathFn::Min | MathFn::Max | MathFn::Random => each(&NUMERIC, 2),
        MathFn::Clamp => each(&NUMERIC, 3),
        MathFn::Lerp => each(&[TypeId::F32, TypeId::F64], 3),
        MathFn::RandomSeed => vec![(vec![TypeId::U64], TypeId::VOID, f)],
        _ => Vec::new(),
    }
}

impl Checker<'_> {
    /// `import { … } from 'math'` when no module of that name is registered.
    pub(super) fn declare_math_import(&mut self, items: &[ast::ImportItem], module: &str) {
        for item in items {
            let local = item.alias.as_ref().unwrap_or(&item.name);
            let vector = self
                .imports
                .get(crate::builtins::vectors::MODULE)
                .and_then(|&m| self.program.modules[m].classes.get(&item.name.name))
                .copied();
            if let Some(c) = vector {
                if self.bind_module_name(local) {
                    self.program.modules[self.module]
                        .classes
                        .insert(local.name.clone(), c);
                }
                continue;
            }
            let Some(name) = lookup(&item.name.name) else {
                self.error(
                    "E0211",
                    item.name.span,
                    format!("module '{module}' does not declare '{}'", item.name.name),
                );
                continue;
            };
            if !self.bind_module_name(local) || self.symbols().math.contains_key(&local.name) {
                continue;
            }
            self.program.modules[self.module]
                .math
                .insert(local.name.clone(), name);
        }
    }

    /// A `math` name used as a value: a constant, or E0308 for a function.
    pub(super) fn math_value(&mut self, name: &str, span: Span) -> Expr {
        if let Some(&(_, v)) = CONSTANTS.iter().find(|(n, _)| *n == name) {
            return Expr::new(ExprKind::Float(v), TypeId::F64, span);
        }
        self.error(
            "E0308",
            span,
            format!("function '{name}' is not a value; call it"),
        );
        Expr::error(span)
    }

    /// A call of a `math` function.
    pub(super) fn math_call(&mut self, name: &str, args: Vec<Expr>, span: Span) -> Expr {
        let cands: Vec<Candidate> = overloads(name)
            .into_iter()
            .map(|(params, ret, f)| Candidate {
                params,
                ret,
                target: Target::Math(f),
            })
            .collect();
        if cands.is_empty() {
            return self.math_value(name, span);
        }
        let mut call = self.call_overloaded(name, &cands, args, span);
        // The integer overloads of the float functions compute in f64.
        if let ExprKind::Math { args, .. } = &mut call.kind
            && call.ty.is_float()
        {
            for a in args.iter_mut() {
                if a.ty != call.ty {
                    let e = std::mem::replace(a, Expr::error(span));
                    *a = self.coerce(e, call.ty);
                }
            }
        }
        call
    }
}
