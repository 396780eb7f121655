//! Module-level declarations: imports, enums, function signatures and globals.
//!
//! Runs before any body is checked, because functions and enums are visible in the
//! whole module (spec 5.3) and a function may be called before its definition. Globals
//! are registered here too, with the source position from which they are visible.

use super::consts::{self, Const};
use super::hir::{FuncId, GlobalId};
use super::types::{Prim, TypeId};
use super::{Checker, EnumInfo, FuncInfo, GlobalInfo};
use crate::ast::{self, ExprKind, Item, StmtKind};
use crate::source::Span;

impl Checker<'_> {
    pub(super) fn collect_declarations(&mut self, module: &ast::Module) {
        for item in &module.items {
            match item {
                Item::Import(imp) => self.declare_import(imp),
                Item::Enum(e) => self.declare_enum(e),
                _ => {}
            }
        }
        self.declare_class_names(module);
        self.see_prelude();
        self.declare_class_members(module);
        for item in &module.items {
            match item {
                Item::Function(f) => self.declare_function(f),
                Item::Class(_) => {}
                Item::Format(_) => {}
                Item::Stmt(s) => {
                    if let StmtKind::VarDecl(v) = &s.kind {
                        self.declare_global(v);
                    }
                }
                Item::Import(_) | Item::Enum(_) => {}
            }
        }
        self.check_forward_declarations();
        let init = self.hidden_function("__init__", Vec::new(), Vec::new());
        self.program.modules[self.module].init = Some(init);
    }

    fn declare_import(&mut self, imp: &ast::ImportDecl) {
        let source = self.imports.get(&imp.module).copied();
        let target = match source {
            Some(m) => super::Qualified::Module(m),
            None if imp.module == "math" => super::Qualified::Math,
            None => return,
        };
        let items = match &imp.kind {
            ast::ImportKind::Names(items) => items,
            ast::ImportKind::Module(alias) => {
                self.declare_qualifier(alias.as_ref(), imp, target);
                return;
            }
        };
        let Some(source) = source else {
            self.declare_math_import(items, &imp.module);
            return;
        };
        for item in items {
            let local = item.alias.as_ref().unwrap_or(&item.name);
            let from = &self.program.modules[source];
            let name = item.name.name.as_str();
            if let Some(fs) = from.functions.get(name).cloned() {
                let entry = self.program.modules[self.module]
                    .functions
                    .entry(local.name.clone())
                    .or_default();
                entry.extend(fs);
            } else if let Some(&g) = from.globals.get(name) {
                if !self.bind_module_name(local) {
                    continue;
                }
                self.program.modules[self.module]
                    .globals
                    .insert(local.name.clone(), g);
            } else if let Some(&e) = from.enums.get(name) {
                if !self.bind_module_name(local) {
                    continue;
                }
                self.program.modules[self.module]
                    .enums
                    .insert(local.name.clone(), e);
            } else if let Some(&t) = from.templates.get(name) {
                if !self.bind_module_name(local) {
                    continue;
                }
                self.program.modules[self.module]
                    .templates
                    .insert(local.name.clone(), t);
            } else if let Some(&c) = from.classes.get(name) {
                if !self.bind_module_name(local) {
                    continue;
                }
                self.program.modules[self.module]
                    .classes
                    .insert(local.name.clone(), c);
            } else {
                self.error(
                    "E0211",
                    item.name.span,
                    format!("module '{}' does not declare '{name}'", imp.module),
                );
            }
        }
    }

    /// `import 'm' as x;` / `import 'm';` (the qualifier is the name's last path segment
    /// without `.gjs`; E0216 when that is not an identifier).
    fn declare_qualifier(
        &mut self,
        alias: Option<&ast::Ident>,
        imp: &ast::ImportDecl,
        target: super::Qualified,
    ) {
        let ident = match alias {
            Some(a) => a.clone(),
            None => {
                let last = imp.module.rsplit(['/', '\\']).next().unwrap_or("");
                let stem = last.strip_suffix(".gjs").unwrap_or(last);
                let is_ident = stem
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !is_ident {
                    self.error(
                        "E0216",
                        imp.module_span,
                        format!(
                            "'{stem}' is not an identifier; write 'import '{}' as name;'",
                            imp.module
                        ),
                    );
                    return;
                }
                ast::Ident {
                    name: stem.to_string(),
                    span: imp.module_span,
                }
            }
        };
        if !self.bind_module_name(&ident) {
            return;
        }
        self.program.modules[self.module]
            .qualifiers
            .insert(ident.name.clone(), target);
    }

    /// Checks that `ident` is free at module level (E0201) and usable (E0206).
    pub(super) fn bind_module_name(&mut self, ident: &ast::Ident) -> bool {
        if !self.check_declared_name(ident) {
            return false;
        }
        let syms = self.symbols();
        let name = ident.name.as_str();
        if syms.globals.contains_key(name)
            || syms.enums.contains_key(name)
            || syms.functions.contains_key(name)
            || syms.classes.contains_key(name)
            || syms.qualifiers.contains_key(name)
            || syms.templates.contains_key(name)
        {
            self.error(
                "E0201",
                ident.span,
                format!("'{name}' is already declared in this module"),
            );
            return false;
        }
        true
    }

    fn declare_enum(&mut self, e: &ast::EnumDecl) {
        if !self.bind_module_name(&e.name) {
            return;
        }
        let mut values: Vec<(String, u64, TypeId)> = Vec::new();
        let mut next: i64 = 0;
        for v in &e.variants {
            if values.iter().any(|(n, _, _)| *n == v.name.name) {
                self.error(
                    "E0201",
                    v.name.span,
                    format!(
                        "enum '{}' already has a value '{}'",
                        e.name.name, v.name.name
                    ),
                );
                continue;
            }
            let value = match &v.value {
                None => next,
                Some(expr) => match self.eval_enum_const(expr, &values) {
                    Some(x) => x,
                    None => next,
                },
            };
            let ty = if i32::try_from(value).is_ok() {
                TypeId::I32
            } else {
                TypeId::I64
            };
            values.push((v.name.name.clone(), value as u64, ty));
            next = value.wrapping_add(1);
        }
        let idx = self.program.enums.len();
        self.program.enums.push(EnumInfo {
            name: e.name.name.clone(),
            values,
        });
        self.program.modules[self.module]
            .enums
            .insert(e.name.name.clone(), idx);
    }

    /// Evaluates an enum initialiser (spec 3.6, 4.12); reports E0312 and returns None
    /// when it is not a constant integer expression.
    fn eval_enum_const(
        &mut self,
        expr: &ast::Expr,
        earlier: &[(String, u64, TypeId)],
    ) -> Option<i64> {
        match self.const_eval(expr, earlier) {
            Ok((Const::Int(bits), p)) if p.is_int() || p == Prim::Bool => Some(bits as i64),
            Ok(_) => {
                self.error(
                    "E0312",
                    expr.span,
                    "enum value must be a constant integer expression",
                );
                None
            }
            Err((span, msg)) => {
                self.error("E0312", span, msg);
                None
            }
        }
    }

    fn const_eval(
        &self,
        expr: &ast::Expr,
        earlier: &[(String, u64, TypeId)],
    ) -> Result<(Const, Prim), (Span, String)> {
        let not_const = || {
            (
                expr.span,
                "enum value must be a constant integer expression".to_string(),
            )
        };
        match &expr.kind {
            ExprKind::Int(v) => Ok(if *v <= i32::MAX as u64 {
                (Const::Int(*v), Prim::I32)
            } else if *v <= i64::MAX as u64 {
                (Const::Int(*v), Prim::I64)
            } else {
                (Const::Int(*v), Prim::U64)
            }),
            ExprKind::Float { value, is_f32 } => Ok((
                Const::Float(*value),
                if *is_f32 { Prim::F32 } else { Prim::F64 },
            )),
            ExprKind::Bool(b) => Ok((Const::Int(*b as u64), Prim::Bool)),
            ExprKind::Name(id) => {
                let (_, bits, ty) =
                    earlier
                        .iter()
                        .find(|(n, _, _)| *n == id.name)
                        .ok_or_else(|| {
                            (
                                id.span,
                                format!("'{}' is not an earlier value of this enum", id.name),
                            )
                        })?;
                Ok((Const::Int(*bits), ty.prim().unwrap_or(Prim::I64)))
            }
            ExprKind::Member { object, name } => {
                let ExprKind::Name(en) = &object.kind else {
                    return Err(not_const());
                };
                let idx = *self.symbols().enums.get(&en.name).ok_or_else(not_const)?;
                let (_, bits, ty) = self.program.enums[idx]
                    .values
                    .iter()
                    .find(|(n, _, _)| *n == name.name)
                    .ok_or_else(not_const)?;
                Ok((Const::Int(*bits), ty.prim().unwrap_or(Prim::I64)))
            }
            ExprKind::Unary { op, operand } => {
                let (c, p) = self.const_eval(operand, earlier)?;
                let p = if *op == ast::UnOp::Not {
                    let c = consts::convert(c, p, Prim::Bool);
                    return consts::unary(*op, c, Prim::Bool)
                        .map(|c| (c, Prim::Bool))
                        .ok_or_else(not_const);
                } else {
                    p.promoted()
                };
                let c = consts::convert(c, p, p);
                consts::unary(*op, c, p)
                    .map(|c| (c, p))
                    .ok_or_else(not_const)
            }
            ExprKind::Binary { op, lhs, rhs, .. } => {
                let (a, pa) = self.const_eval(lhs, earlier)?;
                let (b, pb) = self.const_eval(rhs, earlier)?;
                use ast::BinOp::*;
                match op {
                    And | Or => {
                        let a = consts::convert(a, pa, Prim::Bool) == Const::Int(1);
                        let b = consts::convert(b, pb, Prim::Bool) == Const::Int(1);
                        let r = if *op == And { a && b } else { a || b };
                        Ok((Const::Int(r as u64), Prim::Bool))
                    }
                    Shl | Shr => {
                        let p = pa.promoted();
                        let a = consts::convert(a, pa, p);
                        consts::binary(*op, a, b, p)
                            .map(|c| (c, p))
                            .ok_or_else(not_const)
                    }
                    _ => {
                        let p = Prim::common(pa, pb);
                        let a = consts::convert(a, pa, p);
                        let b = consts::convert(b, pb, p);
                        let is_cmp = matches!(op, Eq | Ne | Lt | Le | Gt | Ge);
                        match consts::binary(*op, a, b, p) {
                            Some(c) => Ok((c, if is_cmp { Prim::Bool } else { p })),
                            None if matches!(op, Div | Rem) => {
                                Err((expr.span, "division by zero in an enum value".into()))
                            }
                            None => Err(not_const()),
                        }
                    }
                }
            }
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => {
                let (c, pc) = self.const_eval(cond, earlier)?;
                let (a, pa) = self.const_eval(then, earlier)?;
                let (b, pb) = self.const_eval(otherwise, earlier)?;
                let p = Prim::common(pa, pb);
                let pick = consts::convert(c, pc, Prim::Bool) == Const::Int(1);
                Ok(if pick {
                    (consts::convert(a, pa, p), p)
                } else {
                    (consts::convert(b, pb, p), p)
                })
            }
            _ => Err(not_const()),
        }
    }

    fn declare_function(&mut self, f: &ast::FunctionDecl) {
        let ret = self.resolve_type(&f.ret);
        let mut params = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for p in &f.params {
            params.push(self.resolve_value_type(&p.ty));
            names.push(p.name.name.clone());
        }
        let name = f.name.name.as_str();
        let name_ok = self.check_declared_name(&f.name);
        if name_ok
            && (self.symbols().globals.contains_key(name)
                || self.symbols().enums.contains_key(name))
        {
            self.error(
                "E0203",
                f.name.span,
                format!("function '{name}' conflicts with an earlier declaration of '{name}'"),
            );
        }
        // A definition or declaration with the same parameter types as an earlier one of
        // this module is the same function.
        let existing = self
            .symbols()
            .functions
            .get(name)
            .into_iter()
            .flatten()
            .copied()
            .find(|&id| {
                let info = &self.program.funcs[id.0 as usize];
                info.module == self.module && info.params == params
            });
        let id = match existing {
            Some(id) => {
                let info = &self.program.funcs[id.0 as usize];
                if info.ret != ret && ret != TypeId::ERROR && info.ret != TypeId::ERROR {
                    let msg = format!(
                        "'{}' was declared with return type '{}'",
                        name,
                        self.type_name(info.ret)
                    );
                    let prev = info.span;
                    self.diags.push(
                        crate::diag::Diagnostic::error("E0203", f.name.span, msg)
                            .with_label(prev, "earlier declaration here"),
                    );
                }
                if f.body.is_some() {
                    if info.defined {
                        let prev = info.span;
                        self.diags.push(
                            crate::diag::Diagnostic::error(
                                "E0202",
                                f.name.span,
                                format!(
                                    "function '{}' is already defined",
                                    self.program.signature(id)
                                ),
                            )
                            .with_label(prev, "first definition here"),
                        );
                        return;
                    }
                    let info = &mut self.program.funcs[id.0 as usize];
                    info.defined = true;
                    info.span = f.name.span;
                    info.param_names = names;
                }
                id
            }
            None => {
                let id = FuncId(self.program.funcs.len() as u32);
                self.program.funcs.push(FuncInfo {
                    name: name.to_string(),
                    module: self.module,
                    params,
                    param_names: names,
                    ret,
                    span: f.name.span,
                    defined: f.body.is_some(),
                    host: false,
                });
                self.program.modules[self.module]
                    .functions
                    .entry(name.to_string())
                    .or_default()
                    .push(id);
                id
            }
        };
        if f.body.is_some() {
            self.scope.bodies.push((id, f.clone(), None));
        }
    }

    fn check_forward_declarations(&mut self) {
        let mut missing = Vec::new();
        for fs in self.symbols().functions.values() {
            for &id in fs {
                let info = &self.program.funcs[id.0 as usize];
                if info.module == self.module && !info.defined {
                    missing.push((info.span, id));
                }
            }
        }
        missing.sort_by_key(|(s, _)| s.lo);
        for (span, id) in missing {
            let sig = self.program.signature(id);
            self.error(
                "E0204",
                span,
                format!("function '{sig}' is declared but never defined"),
            );
        }
    }

    /// The type of a declared variable: `T x = new T(…)` and `T x = null` declare a
    /// handle `T?` (spec 5.7, compatibility rule).
    pub(super) fn var_type(&mut self, v: &ast::VarDecl) -> TypeId {
        let ty = self.resolve_value_type(&v.ty);
        let initialised_as_handle = matches!(
            v.init.as_ref().map(|e| &e.kind),
            Some(ExprKind::New { .. } | ExprKind::Null)
        );
        if initialised_as_handle && let Some(h) = self.program.types.handle_of(ty) {
            return h;
        }
        ty
    }

    fn declare_global(&mut self, v: &ast::VarDecl) {
        let ty = self.var_type(v);
        if !self.check_declared_name(&v.name) {
            return;
        }
        let name = v.name.name.as_str();
        if self.symbols().functions.contains_key(name) {
            self.error(
                "E0203",
                v.name.span,
                format!("global '{name}' conflicts with the function '{name}'"),
            );
            return;
        }
        if self.symbols().globals.contains_key(name) || self.symbols().enums.contains_key(name) {
            self.error(
                "E0201",
                v.name.span,
                format!("'{name}' is already declared in this module"),
            );
            return;
        }
        if v.is_const && v.init.is_none() {
            self.error(
                "E0317",
                v.name.span,
                format!("const '{name}' needs an initialiser"),
            );
        }
        let id = GlobalId(self.program.globals.len() as u32);
        self.program.globals.push(GlobalInfo {
            name: name.to_string(),
            ty,
            is_const: v.is_const,
            module: self.module,
            visible_from: v.span.hi,
            span: v.name.span,
        });
        self.program.modules[self.module]
            .globals
            .insert(name.to_string(), id);
    }
}
