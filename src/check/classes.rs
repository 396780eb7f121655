//! Class declarations (spec 3.4): names first, then layouts and member signatures.
//!
//! Every class of a module is named before any type is resolved, so fields, parameters
//! and bodies may use classes declared later. Layout follows the spec: non-static
//! fields in declaration order, each at the next multiple of its alignment; a class's
//! alignment is its largest field alignment and its size a multiple of it. A class that
//! contains itself by value is E0314. Static fields become globals named `Class.field`;
//! constructors, the destructor and instance methods are functions whose first
//! parameter is `this`.

use super::expr::{Candidate, Target};
use super::hir::{Expr, ExprKind, FuncId, GlobalId, Init, Stmt};
use super::types::TypeId;
use super::{Checker, ClassInfo, FieldInfo, FuncInfo, GlobalInfo, MemberKind};
use crate::ast::{self, BinOp, Item, Member};
use crate::diag::Diagnostic;
use crate::source::Span;
use std::collections::HashMap;

/// Size and alignment of a value of type `ty` stored in an object.
pub(super) fn value_layout(program: &super::Program, ty: TypeId) -> (u32, u32) {
    if let Some(p) = ty.prim() {
        return (p.size(), p.size());
    }
    if ty == TypeId::STRING {
        return (4, 4);
    }
    if ty.is_handle() {
        return (8, 8);
    }
    if program.types.array_elem(ty).is_some() {
        return (crate::runtime::arrays::HEADER, 4);
    }
    match program.class_of(ty) {
        Some(c) => (c.size, c.align),
        None => (8, 8),
    }
}

impl Checker<'_> {
    /// Pass 1: registers every class and format name of the module.
    pub(super) fn declare_class_names(&mut self, module: &ast::Module) {
        let formats = format_classes(module);
        let all = module
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Class(c) => Some((c, false)),
                _ => None,
            })
            .chain(formats.iter().map(|c| (c, true)));
        for (c, is_format) in all {
            if !self.bind_class_name(&c.name) {
                continue;
            }
            if c.is_template {
                let ti = self.program.templates.len();
                self.program.templates.push(super::TemplateInfo {
                    name: c.name.name.clone(),
                    module: self.module,
                    decl: c.clone(),
                    is_format,
                    instances: HashMap::new(),
                });
                self.program.modules[self.module]
                    .templates
                    .insert(c.name.name.clone(), ti);
                continue;
            }
            // The math vectors have the layout of formats and may be format fields.
            let is_format = is_format
                || self.program.modules[self.module].name == crate::builtins::vectors::MODULE;
            let idx = self.add_class(c.name.name.clone(), is_format, None, c.name.span);
            self.program.modules[self.module]
                .classes
                .insert(c.name.name.clone(), idx);
        }
    }

    fn bind_class_name(&mut self, ident: &ast::Ident) -> bool {
        if !self.check_declared_name(ident) {
            return false;
        }
        let syms = self.symbols();
        if syms.classes.contains_key(&ident.name)
            || syms.enums.contains_key(&ident.name)
            || syms.globals.contains_key(&ident.name)
            || syms.functions.contains_key(&ident.name)
            || syms.templates.contains_key(&ident.name)
        {
            self.error(
                "E0201",
                ident.span,
                format!("'{}' is already declared in this module", ident.name),
            );
            return false;
        }
        true
    }

    /// Pass 2: layouts and member signatures of the module's classes.
    pub(super) fn declare_class_members(&mut self, module: &ast::Module) {
        let formats = format_classes(module);
        let decls: Vec<(usize, &ast::ClassDecl)> = module
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Class(c) => Some(c),
                _ => None,
            })
            .chain(formats.iter())
            .filter_map(|c| {
                self.symbols()
                    .classes
                    .get(&c.name.name)
                    .filter(|&&idx| {
                        let info = &self.program.classes[idx];
                        info.module == self.module && info.span == c.name.span
                    })
                    .map(|&idx| (idx, c))
            })
            .collect();
        let by_index: HashMap<usize, &ast::ClassDecl> = decls.iter().copied().collect();
        let mut in_progress = Vec::new();
        for &(idx, _) in &decls {
            self.layout_class(idx, &by_index, &mut in_progress);
        }
        for &(idx, decl) in &decls {
            self.declare_members(idx, decl);
        }
        for &(idx, decl) in &decls {
            self.check_field_construction(idx, decl);
        }
    }

    /// A field of class type is default-constructed with its object: its class needs a
    /// constructor without parameters when it has constructors (E0307).
    fn check_field_construction(&mut self, idx: usize, decl: &ast::ClassDecl) {
        for m in &decl.members {
            let Member::Field {
                is_static: false,
                ty,
                name,
                ..
            } = m
            else {
                continue;
            };
            let Some(f) = self.program.classes[idx]
                .fields
                .iter()
                .find(|f| f.name == name.name)
            else {
                continue;
            };
            let Some(inner) = self.program.types.class_of(f.ty) else {
                continue;
            };
            let inner = inner as usize;
            let info = &self.program.classes[inner];
            if !info.ctors.is_empty()
                && self.program.default_ctor(inner).is_none()
                && !is_handle_type(info)
            {
                let msg = format!(
                    "field '{}' needs '{}' to have a constructor without parameters",
                    name.name, info.name
                );
                self.error("E0307", ty.span, msg);
            }
        }
    }

    /// Lays out class `idx` (and, first, the classes it contains by value).
    fn layout_class(
        &mut self,
        idx: usize,
        decls: &HashMap<usize, &ast::ClassDecl>,
        in_progress: &mut Vec<usize>,
    ) {
        if self.program.classes[idx].laid_out {
            return;
        }
        let Some(decl) = decls.get(&idx).copied() else {
            return;
        };
        if in_progress.contains(&idx) {
            let name = self.program.classes[idx].name.clone();
            self.error(
                "E0314",
                decl.name.span,
                format!("class '{name}' contains itself by value; use a handle '{name}?'"),
            );
            return;
        }
        in_progress.push(idx);
        let mut fields: Vec<FieldInfo> = Vec::new();
        let mut offset = 0u32;
        let mut align = 1u32;
        for m in &decl.members {
            let Member::Field {
                is_static: false,
                is_const,
                ty,
                name,
                ..
            } = m
            else {
                continue;
            };
            let fty = self.resolve_value_type(ty);
            if fields.iter().any(|f| f.name == name.name) {
                self.error(
                    "E0201",
                    name.span,
                    format!("class already has a field '{}'", name.name),
                );
                continue;
            }
            if fty == TypeId::ERROR {
                continue;
            }
            let is_format = self.program.classes[idx].is_format;
            let inner_format = self
                .program
                .class_of(fty)
                .is_some_and(|c| c.is_format && !fty.is_handle());
            if is_format && !(fty.is_prim() || inner_format) {
                let msg = format!(
                    "a format field must be a primitive or a format, not '{}'",
                    self.type_name(fty)
                );
                self.error("E0315", ty.span, msg);
                continue;
            }
            if let Some(inner) = self.program.types.class_of(fty) {
                self.layout_class(inner as usize, decls, in_progress);
                if !self.program.classes[inner as usize].laid_out {
                    continue;
                }
            }
            let (size, a) = value_layout(self.program, fty);
            offset = offset.div_ceil(a) * a;
            fields.push(FieldInfo {
                name: name.name.clone(),
                ty: fty,
                offset,
                is_const: *is_const,
            });
            offset += size;
            align = align.max(a);
        }
        in_progress.pop();
        let c = &mut self.program.classes[idx];
        c.fields = fields;
        c.align = align;
        c.size = offset.div_ceil(align) * align;
        c.laid_out = true;
    }

    fn declare_members(&mut self, idx: usize, decl: &ast::ClassDecl) {
        let class_ty = self.program.classes[idx].ty;
        let class_name = self.program.classes[idx].name.clone();
        for m in &decl.members {
            match m {
                Member::Field {
                    is_static: true,
                    is_const,
                    ty,
                    name,
                    init,
                    ..
                } => {
                    let fty = self.resolve_value_type(ty);
                    if self.program.classes[idx].statics.contains_key(&name.name)
                        || self.program.classes[idx]
                            .fields
                            .iter()
                            .any(|f| f.name == name.name)
                    {
                        self.error(
                            "E0201",
                            name.span,
                            format!("class already has a member '{}'", name.name),
                        );
                        continue;
                    }
                    if *is_const && init.is_none() {
                        self.error(
                            "E0317",
                            name.span,
                            format!("static const '{}' needs an initialiser", name.name),
                        );
                    }
                    let g = GlobalId(self.program.globals.len() as u32);
                    self.program.globals.push(GlobalInfo {
                        name: format!("{class_name}.{}", name.name),
                        ty: fty,
                        is_const: *is_const,
                        module: self.module,
                        visible_from: 0,
                        span: name.span,
                    });
                    self.program.classes[idx]
                        .statics
                        .insert(name.name.clone(), g);
                    if init.is_some() || self.program.types.class_of(fty).is_some() {
                        self.scope
                            .static_inits
                            .push((decl.name.span, g, init.clone()));
                    }
                }
                Member::Field { .. } => {}
                Member::Constructor { params, body, span } => {
                    let f = self.member_function(
                        idx,
                        &class_name,
                        "constructor",
                        span,
                        Some(class_ty),
                        TypeId::VOID,
                        params,
                    );
                    if let Some(f) = f {
                        self.program.classes[idx].ctors.push(f);
                        self.queue_body(f, params, body, span, idx, MemberKind::Constructor);
                    }
                }
                Member::Destructor { params, body, span } => {
                    if !params.is_empty() {
                        self.error("E0109", *span, "a destructor takes no parameters");
                        continue;
                    }
                    if self.program.classes[idx].dtor.is_some() {
                        self.error("E0109", *span, "a class has at most one destructor");
                        continue;
                    }
                    let f = self.member_function(
                        idx,
                        &class_name,
                        "destructor",
                        span,
                        Some(class_ty),
                        TypeId::VOID,
                        params,
                    );
                    if let Some(f) = f {
                        self.program.classes[idx].dtor = Some(f);
                        self.queue_body(f, params, body, span, idx, MemberKind::Destructor);
                    }
                }
                Member::Method {
                    is_static,
                    ret,
                    name,
                    params,
                    body,
                    span,
                } => {
                    let Some(body) = body else { continue };
                    let rt = self.resolve_type(ret);
                    let this = (!is_static).then_some(class_ty);
                    let f = self.member_function(
                        idx,
                        &class_name,
                        &name.name,
                        &name.span,
                        this,
                        rt,
                        params,
                    );
                    if let Some(f) = f {
                        let c = &mut self.program.classes[idx];
                        let map = if *is_static {
                            &mut c.static_methods
                        } else {
                            &mut c.methods
                        };
                        map.entry(name.name.clone()).or_default().push(f);
                        // The math vectors' properties are methods also read as fields.
                        if !is_static && self.is_vector_property(&name.name) {
                            let getter = super::host::getter_name(&name.name);
                            self.program.classes[idx].methods.insert(getter, vec![f]);
                        }
                        let kind = if *is_static {
                            MemberKind::Static
                        } else {
                            MemberKind::Method
                        };
                        self.queue_body(f, params, body, span, idx, kind);
                    }
                }
                Member::Operator {
                    ret,
                    op,
                    op_span,
                    params,
                    body,
                    span,
                } => {
                    let binary = BINARY_OPERATORS.contains(&op.as_str());
                    let unary = UNARY_OPERATORS.contains(&op.as_str());
                    let arity_ok = (binary && params.len() == 1) || (unary && params.is_empty());
                    if !arity_ok {
                        let msg = format!(
                            "'operator {op}' with {} parameter(s) cannot be overloaded",
                            params.len()
                        );
                        self.error("E0322", *op_span, msg);
                        continue;
                    }
                    let rt = self.resolve_type(ret);
                    let name = format!("operator{op}");
                    let f = self.member_function(
                        idx,
                        &class_name,
                        &name,
                        op_span,
                        Some(class_ty),
                        rt,
                        params,
                    );
                    if let Some(f) = f {
                        self.program.classes[idx]
                            .operators
                            .entry(op.clone())
                            .or_default()
                            .push(f);
                        self.queue_body(f, params, body, span, idx, MemberKind::Method);
                    }
                }
                Member::Conversion {
                    ty,
                    params,
                    body,
                    span,
                } => {
                    if !params.is_empty() {
                        self.error("E0322", *span, "a conversion operator takes no parameters");
                        continue;
                    }
                    let target = self.resolve_value_type(ty);
                    if target == TypeId::ERROR {
                        continue;
                    }
                    let name = format!("operator {}", self.type_name(target));
                    if self.program.classes[idx]
                        .conversions
                        .iter()
                        .any(|&(t, _)| t == target)
                    {
                        self.error("E0202", *span, format!("'{name}' is already defined"));
                        continue;
                    }
                    let f = self.member_function(
                        idx,
                        &class_name,
                        &name,
                        span,
                        Some(class_ty),
                        target,
                        params,
                    );
                    if let Some(f) = f {
                        self.program.classes[idx].conversions.push((target, f));
                        self.queue_body(f, params, body, span, idx, MemberKind::Method);
                    }
                }
            }
        }
    }

    /// Registers a member function; None (after E0202) if its signature repeats one.
    #[allow(clippy::too_many_arguments)]
    fn member_function(
        &mut self,
        class: usize,
        class_name: &str,
        name: &str,
        span: &Span,
        this: Option<TypeId>,
        ret: TypeId,
        params: &[ast::Param],
    ) -> Option<FuncId> {
        let mut types: Vec<TypeId> = this.into_iter().collect();
        let mut names: Vec<String> = this.map(|_| "this".to_string()).into_iter().collect();
        for p in params {
            types.push(self.resolve_value_type(&p.ty));
            names.push(p.name.name.clone());
        }
        let c = &self.program.classes[class];
        let same = match name {
            "constructor" => c.ctors.clone(),
            "destructor" => Vec::new(),
            _ => c
                .methods
                .get(name)
                .into_iter()
                .chain(c.static_methods.get(name))
                .flatten()
                .copied()
                .collect(),
        };
        let display = if name == "constructor" {
            class_name.to_string()
        } else {
            format!("{class_name}.{name}")
        };
        if let Some(&prev) = same.iter().find(|&&f| self.program.func(f).params == types) {
            let prev_span = self.program.func(prev).span;
            self.diags.push(
                Diagnostic::error(
                    "E0202",
                    *span,
                    format!("'{}' is already defined", self.program.signature(prev)),
                )
                .with_label(prev_span, "first definition here"),
            );
            return None;
        }
        let id = FuncId(self.program.funcs.len() as u32);
        self.program.funcs.push(FuncInfo {
            name: display,
            module: self.module,
            params: types,
            param_names: names,
            ret,
            span: *span,
            defined: true,
            host: false,
        });
        Some(id)
    }

    fn queue_body(
        &mut self,
        f: FuncId,
        params: &[ast::Param],
        body: &ast::Block,
        span: &Span,
        class: usize,
        kind: MemberKind,
    ) {
        let decl = ast::FunctionDecl {
            ret: ast::TypeExpr {
                qualifier: None,
                name: ast::Ident {
                    name: "void".into(),
                    span: *span,
                },
                arg: None,
                handle: false,
                span: *span,
            },
            name: ast::Ident {
                name: self.program.func(f).name.clone(),
                span: *span,
            },
            params: params.to_vec(),
            body: Some(body.clone()),
            span: *span,
        };
        self.scope.bodies.push((f, decl, Some((class, kind))));
    }
}

impl Checker<'_> {
    /// Registers a new class of this module, not laid out yet; returns its index.
    fn add_class(
        &mut self,
        name: String,
        is_format: bool,
        subtype: Option<TypeId>,
        span: Span,
    ) -> usize {
        let idx = self.program.classes.len();
        let (ty, handle) = self.program.types.declare_class(idx as u32, &name);
        self.program.classes.push(ClassInfo {
            name,
            module: self.module,
            ty,
            handle,
            fields: Vec::new(),
            size: 0,
            align: 1,
            statics: HashMap::new(),
            methods: HashMap::new(),
            static_methods: HashMap::new(),
            ctors: Vec::new(),
            dtor: None,
            subtype,
            template_module: None,
            operators: HashMap::new(),
            conversions: Vec::new(),
            laid_out: false,
            is_format,
            host: None,
            span,
        });
        idx
    }

    /// The class `Name<arg>` of template `ti`, declared and laid out on first use; its
    /// member bodies are checked with the module's (spec 3.7).
    pub(super) fn instantiate(&mut self, ti: usize, arg: TypeId, span: Span) -> usize {
        if let Some(&c) = self.program.templates[ti].instances.get(&arg) {
            return c;
        }
        let t = self.program.templates[ti].clone();
        let name = format!("{}<{}>", t.name, self.type_name(arg));
        let idx = self.add_class(name, t.is_format, Some(arg), span);
        self.program.classes[idx].template_module = Some(t.module);
        self.program.templates[ti].instances.insert(arg, idx);
        let first_diag = self.diags.items.len();
        let saved = self.subtype.replace(arg);
        let saved_lookup = self.lookup_module.replace(t.module);
        let decls: HashMap<usize, &ast::ClassDecl> = [(idx, &t.decl)].into_iter().collect();
        self.layout_class(idx, &decls, &mut Vec::new());
        self.declare_members(idx, &t.decl);
        self.subtype = saved;
        self.lookup_module = saved_lookup;
        self.relocate_to_instantiation(first_diag, idx);
        idx
    }

    /// Moves the diagnostics from index `first` on, found in the template's body while
    /// checking instance `class`, to the instantiation, with a note at the template line
    /// (spec 3.7).
    pub(super) fn relocate_to_instantiation(&mut self, first: usize, class: usize) {
        let info = &self.program.classes[class];
        if info.subtype.is_none() {
            return;
        }
        let (at, name) = (info.span, info.name.clone());
        // A template of another module: its spans belong to that module's source.
        let foreign = info
            .template_module
            .filter(|&m| m != self.module)
            .map(|m| self.program.modules[m].name.clone());
        for d in &mut self.diags.items[first..] {
            if d.span == at {
                continue;
            }
            let template_span = std::mem::replace(&mut d.span, at);
            match &foreign {
                Some(module) => {
                    d.message = format!(
                        "in '{name}' (a template of module '{module}'): {}",
                        d.message
                    );
                    d.labels.clear();
                }
                None => {
                    d.message = format!("in '{name}': {}", d.message);
                    d.labels.insert(
                        0,
                        crate::diag::Label {
                            span: template_span,
                            message: "in the template here".into(),
                        },
                    );
                }
            }
        }
    }
}

/// Operators a class may define with one parameter (spec 4.11).
pub(super) const BINARY_OPERATORS: &[&str] = &[
    "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "==", "!=", "<", "<=", ">", ">=", "[]",
    "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
];
/// Operators a class may define without parameters.
pub(super) const UNARY_OPERATORS: &[&str] = &["-", "+", "!", "~", "++", "--"];

/// The module's formats as classes with fields only (a format is laid out, copied and
/// built like a class without constructors).
fn format_classes(module: &ast::Module) -> Vec<ast::ClassDecl> {
    module
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Format(f) => Some(ast::ClassDecl {
                name: f.name.clone(),
                is_template: f.is_template,
                members: f
                    .fields
                    .iter()
                    .map(|field| Member::Field {
                        is_static: false,
                        is_const: false,
                        ty: field.ty.clone(),
                        name: field.name.clone(),
                        init: None,
                        span: field.name.span,
                    })
                    .collect(),
                span: f.span,
            }),
            _ => None,
        })
        .collect()
}

impl Checker<'_> {
    /// The class of a class value (not a handle) that defines `operator op` with
    /// `arity` parameters.
    pub(super) fn has_operator(&self, ty: TypeId, op: &str, arity: usize) -> bool {
        self.program.types.class_of(ty).is_some_and(|c| {
            self.program.classes[c as usize]
                .operators
                .get(op)
                .is_some_and(|fs| {
                    fs.iter()
                        .any(|&f| self.program.func(f).params.len() == arity + 1)
                })
        })
    }

    /// `obj OP args…` through the class's operator method (spec 4.11).
    pub(super) fn operator_call(
        &mut self,
        obj: Expr,
        op: &str,
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        let c = self.program.types.class_of(obj.ty).expect("a class value") as usize;
        let info = &self.program.classes[c];
        let display = format!("{}.operator{op}", info.name);
        let fs: Vec<FuncId> = info
            .operators
            .get(op)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&f| self.program.func(f).params.len() == args.len() + 1)
            .collect();
        self.call_member(obj, &display, &fs, args, span)
    }

    /// Calls the member function among `fs` (first parameter `this`) that overload
    /// resolution picks for `args`, with `recv` as `this`.
    fn call_member(
        &mut self,
        recv: Expr,
        display: &str,
        fs: &[FuncId],
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        let cands: Vec<Candidate> = fs
            .iter()
            .map(|&f| Candidate {
                params: self.program.func(f).params[1..].to_vec(),
                ret: self.program.func(f).ret,
                target: Target::Func(f),
            })
            .collect();
        let mut call = self.call_overloaded(display, &cands, args, span);
        if let ExprKind::Call { args, .. } = &mut call.kind {
            args.insert(0, recv);
        }
        call
    }

    /// The constructor of class `to` with exactly one parameter that a `from` converts to
    /// by identity or a numeric conversion (spec 3.8, kind 4), the closest one first;
    /// with that parameter's type.
    pub(super) fn converting_constructor(
        &self,
        from: TypeId,
        to: TypeId,
    ) -> Option<(FuncId, TypeId)> {
        let c = self.program.types.class_of(to)?;
        if from == to || from == TypeId::ERROR || from == TypeId::VOID {
            return None;
        }
        self.program.classes[c as usize]
            .ctors
            .iter()
            .filter_map(|&f| match self.program.func(f).params.as_slice() {
                [_, p] => {
                    let rank = if *p == from {
                        0
                    } else if let (Some(a), Some(b)) = (from.prim(), p.prim()) {
                        if a.promotes_to(b) { 1 } else { 2 }
                    } else {
                        return None;
                    };
                    Some((rank, f, *p))
                }
                _ => None,
            })
            .min_by_key(|&(rank, ..)| rank)
            .map(|(_, f, p)| (f, p))
    }

    /// The conversion operator of class value type `from` to `to`, if it has one.
    pub(super) fn user_conversion(&self, from: TypeId, to: TypeId) -> Option<FuncId> {
        let c = self.program.types.class_of(from)?;
        self.program.classes[c as usize]
            .conversions
            .iter()
            .find(|&&(t, _)| t == to)
            .map(|&(_, f)| f)
    }

    /// `T({ f: v, … })`: a format, or a class without constructors, built field by field
    /// (spec 4.9). A field's value may itself be a bare literal `{ … }` for a field of a
    /// format or class type.
    pub(super) fn literal_init(
        &mut self,
        c: usize,
        fields: &[ast::FieldInit],
        span: Span,
    ) -> Option<Init> {
        let info = &self.program.classes[c];
        if !info.ctors.is_empty() {
            let msg = format!(
                "class '{}' has constructors; '{{ … }}' builds formats and classes without constructors",
                info.name
            );
            self.error("E0305", span, msg);
            return None;
        }
        let mut out = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut ok = true;
        for fi in fields {
            let info = &self.program.classes[c];
            let visible = !fi.name.name.starts_with("__");
            let Some(field) = info
                .fields
                .iter()
                .find(|f| visible && f.name == fi.name.name)
            else {
                let msg = format!(
                    "type '{}' has no field or property '{}'",
                    info.name, fi.name.name
                );
                self.error("E0207", fi.name.span, msg);
                ok = false;
                continue;
            };
            let (offset, fty) = (field.offset, field.ty);
            if seen.contains(&fi.name.name.as_str()) {
                let msg = format!("field '{}' is given twice", fi.name.name);
                self.error("E0201", fi.name.span, msg);
                ok = false;
                continue;
            }
            seen.push(&fi.name.name);
            let value = match (&fi.value.kind, self.program.types.class_of(fty)) {
                (ast::ExprKind::ObjectLit(inner), Some(ic)) => {
                    match self.literal_init(ic as usize, inner, fi.value.span) {
                        Some(init) => Expr::new(
                            ExprKind::Construct {
                                class: ic as usize,
                                init,
                            },
                            fty,
                            fi.value.span,
                        ),
                        None => Expr::error(fi.value.span),
                    }
                }
                _ => {
                    let v = self.check_expr(&fi.value);
                    self.coerce(v, fty)
                }
            };
            if value.ty == TypeId::ERROR {
                ok = false;
            }
            out.push((offset, value));
        }
        ok.then_some(Init::Fields(out))
    }

    /// The value a variable of type `ty` starts with when declared without an initialiser:
    /// a class is built by its constructor without parameters (E0307 if it has
    /// constructors but not that one); other types start zero (None).
    pub(super) fn default_value(&mut self, ty: TypeId, span: Span) -> Option<Expr> {
        let c = self.program.types.class_of(ty)? as usize;
        Some(self.construct(c, Vec::new(), span))
    }

    /// `T(args)`: a temporary object of class `c`.
    pub(super) fn construct(&mut self, c: usize, mut args: Vec<Expr>, span: Span) -> Expr {
        let ty = self.program.classes[c].ty;
        let handle = self.program.classes[c].handle;
        // `T(t)` of a class without constructors is a copy of `t` (spec 4.9).
        if self.program.classes[c].ctors.is_empty()
            && args.len() == 1
            && (args[0].ty == ty || args[0].ty == handle)
        {
            let arg = args.pop().expect("one argument");
            let mut copy = self.coerce(arg, ty);
            copy.span = span;
            return copy;
        }
        match self.resolve_ctor(c, args, span) {
            Some((ctor, args)) => Expr::new(
                ExprKind::Construct {
                    class: c,
                    init: Init::Ctor(ctor, args),
                },
                self.program.classes[c].ty,
                span,
            ),
            None => Expr::error(span),
        }
    }

    /// Picks the constructor of class `c` for `args`; None after a diagnostic.
    fn resolve_ctor(
        &mut self,
        c: usize,
        args: Vec<Expr>,
        span: Span,
    ) -> Option<(Option<FuncId>, Vec<Expr>)> {
        let info = &self.program.classes[c];
        let name = info.name.clone();
        if info.ctors.is_empty() {
            if args.iter().any(|a| a.ty == TypeId::ERROR) {
                return None;
            }
            if !args.is_empty() {
                self.error(
                    "E0305",
                    span,
                    format!("class '{name}' has no constructors, so it takes no arguments"),
                );
                return None;
            }
            return Some((None, Vec::new()));
        }
        let has_default = info
            .ctors
            .iter()
            .any(|&f| self.program.func(f).params.len() == 1);
        // A host handle type starts as a null handle.
        if args.is_empty() && !has_default && is_handle_type(info) {
            return Some((None, Vec::new()));
        }
        if args.is_empty() && !has_default {
            self.error(
                "E0307",
                span,
                format!("class '{name}' has no constructor without parameters"),
            );
            return None;
        }
        let cands: Vec<Candidate> = info
            .ctors
            .iter()
            .map(|&f| Candidate {
                params: self.program.func(f).params[1..].to_vec(),
                ret: TypeId::VOID,
                target: Target::Func(f),
            })
            .collect();
        match self.call_overloaded(&name, &cands, args, span).kind {
            ExprKind::Call { func, args } => Some((Some(func), args)),
            _ => None,
        }
    }

    /// `new T(args)` / `new T`: a heap object; its value is a handle `T?`.
    pub(super) fn check_new(
        &mut self,
        ty: &ast::TypeExpr,
        args: Option<&[ast::Expr]>,
        span: Span,
    ) -> Expr {
        let t = self.resolve_value_type(ty);
        if let (Some([lit]), Some(c)) = (args, self.program.types.class_of(t))
            && let ast::ExprKind::ObjectLit(fields) = &lit.kind
        {
            let c = c as usize;
            return match self.literal_init(c, fields, span) {
                Some(init) => Expr::new(
                    ExprKind::New { class: c, init },
                    self.program.classes[c].handle,
                    span,
                ),
                None => Expr::error(span),
            };
        }
        let args = args.map(|a| self.check_args(a)).unwrap_or_default();
        if t == TypeId::ERROR {
            return Expr::error(span);
        }
        let Some(c) = self.program.types.class_of(t) else {
            let msg = format!(
                "'new' makes objects of classes, not of '{}'",
                self.type_name(t)
            );
            self.error("E0300", ty.span, msg);
            return Expr::error(span);
        };
        let c = c as usize;
        match self.resolve_ctor(c, args, span) {
            Some((ctor, args)) => Expr::new(
                ExprKind::New {
                    class: c,
                    init: Init::Ctor(ctor, args),
                },
                self.program.classes[c].handle,
                span,
            ),
            None => Expr::error(span),
        }
    }

    /// `Type.name` for class `c`: a static field.
    pub(super) fn static_field(&mut self, c: usize, name: &ast::Ident, span: Span) -> Expr {
        let info = &self.program.classes[c];
        if let Some(&g) = info.statics.get(&name.name) {
            return Expr::new(ExprKind::Global(g), self.program.global(g).ty, span);
        }
        let msg = if info.fields.iter().any(|f| f.name == name.name)
            || info.methods.contains_key(&name.name)
        {
            self.error(
                "E0214",
                name.span,
                format!(
                    "'{}' is an instance member of '{}'; use it through an object",
                    name.name, info.name
                ),
            );
            return Expr::error(span);
        } else {
            format!("class '{}' has no static member '{}'", info.name, name.name)
        };
        self.error("E0207", name.span, msg);
        Expr::error(span)
    }

    /// The class value an object or handle expression acts on.
    fn object_value(&mut self, obj: Expr) -> Option<(Expr, usize)> {
        let c = self
            .program
            .types
            .class_of(obj.ty)
            .or_else(|| self.program.types.handle_class(obj.ty))? as usize;
        let ty = self.program.classes[c].ty;
        Some((self.coerce(obj, ty), c))
    }

    /// `object.name` for an object of a class: a field.
    pub(super) fn field_of(&mut self, obj: Expr, name: &ast::Ident, span: Span) -> Expr {
        let Some((obj, c)) = self.object_value(obj) else {
            return Expr::error(span);
        };
        let info = &self.program.classes[c];
        // Hidden fields (a handle type's pointer) have names scripts cannot declare.
        let visible = !name.name.starts_with("__");
        if let Some(f) = info.fields.iter().find(|f| visible && f.name == name.name) {
            let (offset, ty) = (f.offset, f.ty);
            return Expr::new(
                ExprKind::Field {
                    object: Box::new(obj),
                    offset,
                },
                ty,
                span,
            );
        }
        // A property (of a host type or a math vector): its getter.
        let getter = super::host::getter_name(&name.name);
        if visible && info.methods.contains_key(&getter) {
            let getter = ast::Ident {
                name: getter,
                span: name.span,
            };
            return self.method_call(obj, &getter, Vec::new(), span);
        }
        if visible
            && info
                .methods
                .contains_key(&super::host::setter_name(&name.name))
        {
            let msg = format!("property '{}' of '{}' is write-only", name.name, info.name);
            self.error("E0207", name.span, msg);
            return Expr::error(span);
        }
        if info.statics.contains_key(&name.name) {
            let msg = format!(
                "'{}' is a static member; use it as '{}.{}'",
                name.name, info.name, name.name
            );
            self.error("E0214", name.span, msg);
            return Expr::error(span);
        }
        let msg = format!(
            "type '{}' has no field or property '{}'",
            info.name, name.name
        );
        self.error("E0207", name.span, msg);
        Expr::error(span)
    }

    /// Whether field `name` of `obj` is `const` where it is being assigned: const fields
    /// are assignable only in the constructors of their class.
    pub(super) fn field_is_const(&self, obj: &Expr, name: &str) -> bool {
        let Some(c) = self.program.types.class_of(obj.ty) else {
            return false;
        };
        let is_const = self.program.classes[c as usize]
            .fields
            .iter()
            .any(|f| f.name == name && f.is_const);
        let in_ctor = self
            .fun
            .as_ref()
            .is_some_and(|f| f.member == Some((c as usize, MemberKind::Constructor)));
        is_const && !in_ctor
    }

    /// `Type.name(args)`: a static method.
    pub(super) fn static_call(
        &mut self,
        c: usize,
        name: &ast::Ident,
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        let info = &self.program.classes[c];
        let Some(fs) = info.static_methods.get(&name.name) else {
            let code = if info.methods.contains_key(&name.name) {
                "E0214"
            } else {
                "E0208"
            };
            let msg = if code == "E0214" {
                format!(
                    "'{}' is an instance method of '{}'; call it through an object",
                    name.name, info.name
                )
            } else {
                format!("class '{}' has no static method '{}'", info.name, name.name)
            };
            self.error(code, name.span, msg);
            return Expr::error(span);
        };
        let display = format!("{}.{}", info.name, name.name);
        let cands: Vec<Candidate> = fs
            .iter()
            .map(|&f| Candidate {
                params: self.program.func(f).params.clone(),
                ret: self.program.func(f).ret,
                target: Target::Func(f),
            })
            .collect();
        self.call_overloaded(&display, &cands, args, span)
    }

    /// `object.name(args)`: an instance method; the object becomes `this`.
    pub(super) fn method_call(
        &mut self,
        recv: Expr,
        name: &ast::Ident,
        args: Vec<Expr>,
        span: Span,
    ) -> Expr {
        let Some((recv, c)) = self.object_value(recv) else {
            return Expr::error(span);
        };
        let info = &self.program.classes[c];
        let Some(fs) = info.methods.get(&name.name) else {
            let code = if info.static_methods.contains_key(&name.name) {
                "E0214"
            } else {
                "E0208"
            };
            let msg = format!("type '{}' has no method '{}'", info.name, name.name);
            self.error(code, name.span, msg);
            return Expr::error(span);
        };
        let display = format!("{}.{}", info.name, name.name);
        let fs = fs.clone();
        self.call_member(recv, &display, &fs, args, span)
    }

    /// `a == b` / `a != b` where an operand is a handle or `null`: identity.
    pub(super) fn handle_compare(&mut self, op: BinOp, l: Expr, r: Expr, span: Span) -> Expr {
        if l.ty == TypeId::ERROR || r.ty == TypeId::ERROR {
            return Expr::error(span);
        }
        let comparable = matches!(op, BinOp::Eq | BinOp::Ne)
            && (l.ty == r.ty
                || (l.ty == TypeId::NULL && r.ty.is_handle())
                || (r.ty == TypeId::NULL && l.ty.is_handle()));
        if !comparable {
            let msg = format!(
                "operator '{}' cannot be applied to '{}' and '{}'",
                op.as_str(),
                self.type_name(l.ty),
                self.type_name(r.ty)
            );
            self.error("E0301", span, msg);
            return Expr::error(span);
        }
        // Handles compare as their 64-bit values.
        let bits = |e: Expr| Expr {
            ty: TypeId::U64,
            ..e
        };
        Expr::new(
            ExprKind::Binary(op, Box::new(bits(l)), Box::new(bits(r))),
            TypeId::BOOL,
            span,
        )
    }

    /// `delete h;` (spec 5.7).
    pub(super) fn check_delete(&mut self, e: &ast::Expr) -> Option<Stmt> {
        let value = self.check_expr(e);
        if value.ty == TypeId::ERROR {
            return None;
        }
        if value.ty == TypeId::NULL {
            return None;
        }
        let Some(class) = self.program.types.handle_class(value.ty) else {
            let msg = format!(
                "'delete' needs a handle, not '{}'",
                self.type_name(value.ty)
            );
            self.error("E0319", e.span, msg);
            return None;
        };
        let place = match &e.kind {
            ast::ExprKind::Name(_) | ast::ExprKind::Member { .. } | ast::ExprKind::Index { .. } => {
                self.check_place(e).map(|(p, _)| p)
            }
            _ => None,
        };
        Some(Stmt::Delete {
            value,
            place,
            class: class as usize,
        })
    }
}

impl Checker<'_> {
    /// Whether this module is the math vectors' and `method` one of their properties.
    fn is_vector_property(&self, method: &str) -> bool {
        self.program.modules[self.module].name == crate::builtins::vectors::MODULE
            && crate::builtins::vectors::PROPERTIES.contains(&method)
    }
}

/// Whether `info` is a host handle type, which a declaration without initialiser leaves
/// null whatever constructors the host bound.
fn is_handle_type(info: &ClassInfo) -> bool {
    info.host == Some(super::host::HostKind::Handle)
}
