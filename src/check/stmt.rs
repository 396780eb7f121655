//! Statements, scopes and the control-flow rules of spec 5.
//!
//! Checks each function body and the module's top-level code (which becomes `__init__`),
//! opening a scope per block, loop header, loop body and function, and enforcing the
//! rules on `break`/`continue` (E0403/E0404), `return` (E0401, E0402, E0406) and the
//! all-paths-return rule (E0400), which is decided on the checked tree.

use super::hir::{self, Block, ExprKind, FuncId, GlobalId, LocalDecl, LocalId, Stmt};
use super::types::TypeId;
use super::{Checker, FunctionState, MemberKind};
use crate::ast::{self, Item, StmtKind};
use crate::source::Span;
use std::collections::HashMap;

impl Checker<'_> {
    pub(super) fn check_bodies(&mut self, module: &ast::Module) -> Vec<hir::Function> {
        let mut out = Vec::new();
        self.check_queued_bodies(&mut out);
        out.push(self.check_init(module));
        // Template instances first used by top-level code.
        self.check_queued_bodies(&mut out);
        let fini = self.module_fini();
        out.extend(fini);
        let destroyers = self.host_destroyers();
        out.extend(destroyers);
        self.register_error_class(&mut out);
        out.append(&mut self.scope.drop_bodies);
        out
    }

    /// Checks the queued function bodies, including those that template instances
    /// queue while they are checked.
    fn check_queued_bodies(&mut self, out: &mut Vec<hir::Function>) {
        loop {
            let bodies = std::mem::take(&mut self.scope.bodies);
            if bodies.is_empty() {
                return;
            }
            for (id, decl, member) in &bodies {
                out.push(self.check_function(*id, decl, *member));
            }
        }
    }

    fn begin_function(&mut self, ret: TypeId, is_init: bool) {
        self.fun = Some(FunctionState {
            locals: Vec::new(),
            scopes: vec![HashMap::new()],
            scope_locals: vec![Vec::new()],
            consts: Vec::new(),
            ret,
            loop_depth: 0,
            finally_loops: Vec::new(),
            is_init,
            member: None,
            this: None,
        });
    }

    fn check_function(
        &mut self,
        id: FuncId,
        decl: &ast::FunctionDecl,
        member: Option<(usize, MemberKind)>,
    ) -> hir::Function {
        let info = self.program.func(id).clone();
        self.begin_function(info.ret, false);
        let mut params = Vec::new();
        let mut declared = &info.params[..];
        let saved_subtype = self.subtype;
        let saved_lookup = self.lookup_module;
        let first_diag = self.diags.items.len();
        if let Some((class, kind)) = member {
            self.subtype = self.program.classes[class].subtype;
            self.lookup_module = self.program.classes[class].template_module;
            self.fun().member = Some((class, kind));
            if kind != MemberKind::Static {
                let ty = self.program.classes[class].ty;
                let this = self.add_local("this".into(), ty, decl.span, true);
                self.fun().this = Some(this);
                params.push(this);
                declared = &info.params[1..];
            }
        }
        for (p, &ty) in decl.params.iter().zip(declared) {
            if let Some(l) = self.declare_local(&p.name, ty, false) {
                params.push(l);
            } else {
                // Keep parameter positions intact even when the name was refused.
                params.push(self.add_local(p.name.name.clone(), ty, p.name.span, false));
            }
        }
        let body = decl
            .body
            .as_ref()
            .expect("only functions with bodies are checked");
        // Parameters and the body's top-level locals share one scope (spec 5.3).
        let mut stmts = Vec::new();
        for s in &body.stmts {
            if let Some(st) = self.check_stmt(s) {
                stmts.push(st);
            }
        }
        let fun = self.fun.take().expect("function state");
        self.subtype = saved_subtype;
        self.lookup_module = saved_lookup;
        if let Some((class, _)) = member {
            self.relocate_to_instantiation(first_diag, class);
        }
        let mut locals = fun.scope_locals.into_iter().next().unwrap_or_default();
        locals.retain(|l| !params.contains(l));
        let block = Block { stmts, locals };
        if info.ret != TypeId::VOID && info.ret != TypeId::ERROR && block_completes(&block) {
            self.error(
                "E0400",
                decl.name.span,
                format!(
                    "not all paths of '{}' return a value",
                    self.program.signature(id)
                ),
            );
        }
        hir::Function {
            id,
            name: info.name,
            params,
            ret: info.ret,
            locals: fun.locals,
            body: block,
            span: decl.span,
        }
    }

    fn check_init(&mut self, module: &ast::Module) -> hir::Function {
        let id = self.symbols().init.expect("__init__ registered");
        self.begin_function(TypeId::VOID, true);
        let mut stmts = Vec::new();
        let mut static_inits = std::mem::take(&mut self.scope.static_inits)
            .into_iter()
            .peekable();
        for item in &module.items {
            if let Item::Class(c) = item {
                while let Some((at, g, e)) = static_inits.next_if(|(at, ..)| *at == c.name.span) {
                    stmts.push(self.static_init(g, e.as_ref(), at));
                }
                continue;
            }
            let Item::Stmt(s) = item else { continue };
            if let StmtKind::VarDecl(v) = &s.kind {
                let Some(&g) = self.symbols().globals.get(&v.name.name) else {
                    continue;
                };
                let info = self.program.global(g).clone();
                if info.module != self.module || info.span != v.name.span {
                    continue;
                }
                let init = match &v.init {
                    Some(e) => {
                        let e = self.check_expr(e);
                        Some(self.coerce(e, info.ty))
                    }
                    None => self.default_value(info.ty, v.name.span),
                };
                self.note_constructed(g);
                stmts.push(Stmt::InitGlobal { global: g, init });
            } else if let Some(st) = self.check_stmt(s) {
                stmts.push(st);
            }
        }
        // Static fields of template instances are initialised before the module's code.
        let mut early = Vec::new();
        for (at, g, e) in static_inits.chain(std::mem::take(&mut self.scope.static_inits)) {
            early.push(self.static_init(g, e.as_ref(), at));
        }
        stmts.splice(0..0, early);
        let fun = self.fun.take().expect("function state");
        let locals = fun.scope_locals.into_iter().next().unwrap_or_default();
        hir::Function {
            id,
            name: "__init__".into(),
            params: Vec::new(),
            ret: TypeId::VOID,
            locals: fun.locals,
            body: Block { stmts, locals },
            span: Span::default(),
        }
    }

    /// The initialisation of static field `g`: its initialiser, or default construction.
    fn static_init(&mut self, g: GlobalId, e: Option<&ast::Expr>, at: Span) -> Stmt {
        let ty = self.program.global(g).ty;
        let init = match e {
            Some(e) => {
                let e = self.check_expr(e);
                Some(self.coerce(e, ty))
            }
            None => self.default_value(ty, at),
        };
        self.note_constructed(g);
        Stmt::InitGlobal { global: g, init }
    }

    /// Records that `__init__` constructs global `g` (if it is an object, or an array
    /// whose elements are objects: their destructors run when the context is freed).
    fn note_constructed(&mut self, g: GlobalId) {
        let ty = self.program.global(g).ty;
        let is_object = self.program.class_of(ty).is_some() && ty.is_composite();
        let holds_objects = self
            .program
            .types
            .array_elem(ty)
            .is_some_and(|e| e.is_composite());
        if is_object || holds_objects {
            self.scope.constructed.push(g);
        }
    }

    /// The `__fini__` functions: each destroys one global object; they are listed in
    /// reverse order of construction.
    fn module_fini(&mut self) -> Vec<hir::Function> {
        let constructed = std::mem::take(&mut self.scope.constructed);
        constructed
            .into_iter()
            .rev()
            .map(|g| self.fini_for(g))
            .collect()
    }

    /// The `__destroy__` functions that let the host destroy the objects it holds
    /// (embedding.md §5: class instances and arrays cross as object handles): one per
    /// class or array type in the signature of one of this module's functions, unless
    /// an earlier module made one.
    fn host_destroyers(&mut self) -> Vec<hir::Function> {
        let mut types = Vec::new();
        for f in &self.program.funcs {
            if f.module != self.module || f.name.starts_with("__") || f.host {
                continue;
            }
            for &t in f.params.iter().chain(std::iter::once(&f.ret)) {
                if self.program.needs_host_destroyer(t) && !types.contains(&t) {
                    types.push(t);
                }
            }
        }
        types.retain(|t| !self.program.host_destroy.contains_key(t));
        types
            .into_iter()
            .map(|ty| {
                let id = self.hidden_function("__destroy__", vec![ty], vec!["object".into()]);
                self.program.host_destroy.insert(ty, id);
                let object = LocalId(0);
                hir::Function {
                    id,
                    name: "__destroy__".into(),
                    params: vec![object],
                    ret: TypeId::VOID,
                    locals: vec![LocalDecl {
                        name: "object".into(),
                        ty,
                        span: Span::default(),
                    }],
                    body: Block {
                        stmts: vec![Stmt::DestroyObject(object)],
                        locals: Vec::new(),
                    },
                    span: Span::default(),
                }
            })
            .collect()
    }

    fn fini_for(&mut self, g: GlobalId) -> hir::Function {
        let id = self.hidden_function("__fini__", Vec::new(), Vec::new());
        self.program.modules[self.module].fini.push(id);
        let stmts = vec![Stmt::DestroyGlobal(g)];
        hir::Function {
            id,
            name: "__fini__".into(),
            params: Vec::new(),
            ret: TypeId::VOID,
            locals: Vec::new(),
            body: Block {
                stmts,
                locals: Vec::new(),
            },
            span: Span::default(),
        }
    }

    pub(super) fn fun(&mut self) -> &mut FunctionState {
        self.fun.as_mut().expect("inside a function")
    }

    fn add_local(&mut self, name: String, ty: TypeId, span: Span, is_const: bool) -> LocalId {
        let f = self.fun();
        let id = LocalId(f.locals.len() as u32);
        f.locals.push(LocalDecl { name, ty, span });
        f.consts.push(is_const);
        id
    }

    /// Declares a local in the innermost scope; E0201 when the name is taken there.
    pub(super) fn declare_local(
        &mut self,
        name: &ast::Ident,
        ty: TypeId,
        is_const: bool,
    ) -> Option<LocalId> {
        if !self.check_declared_name(name) {
            return None;
        }
        if self
            .fun
            .as_ref()
            .and_then(|f| f.scopes.last())
            .is_some_and(|s| s.contains_key(&name.name))
        {
            self.error(
                "E0201",
                name.span,
                format!("'{}' is already declared in this scope", name.name),
            );
            return None;
        }
        let id = self.add_local(name.name.clone(), ty, name.span, is_const);
        let f = self.fun();
        f.scopes
            .last_mut()
            .expect("scope")
            .insert(name.name.clone(), id);
        f.scope_locals.last_mut().expect("scope").push(id);
        Some(id)
    }

    pub(super) fn local_is_const(&self, l: LocalId) -> bool {
        self.fun.as_ref().is_some_and(|f| f.consts[l.0 as usize])
    }

    pub(super) fn local_type(&self, l: LocalId) -> TypeId {
        self.fun.as_ref().expect("function").locals[l.0 as usize].ty
    }

    pub(super) fn push_scope(&mut self) {
        let f = self.fun();
        f.scopes.push(HashMap::new());
        f.scope_locals.push(Vec::new());
    }

    pub(super) fn pop_scope(&mut self) -> Vec<LocalId> {
        let f = self.fun();
        f.scopes.pop();
        f.scope_locals.pop().unwrap_or_default()
    }

    /// Checks statements in a new scope.
    pub(super) fn check_block_contents(&mut self, stmts: &[ast::Stmt]) -> Block {
        self.push_scope();
        let mut out = Vec::new();
        for s in stmts {
            if let Some(st) = self.check_stmt(s) {
                out.push(st);
            }
        }
        let locals = self.pop_scope();
        Block { stmts: out, locals }
    }

    /// A statement that forms its own scope (a loop body or an `if` branch).
    fn check_scoped(&mut self, s: &ast::Stmt) -> Block {
        match &s.kind {
            StmtKind::Block(b) => self.check_block_contents(&b.stmts),
            _ => self.check_block_contents(std::slice::from_ref(s)),
        }
    }

    fn check_cond(&mut self, e: &ast::Expr) -> hir::Expr {
        let e = self.check_expr(e);
        self.condition_of(e)
    }

    fn check_stmt(&mut self, s: &ast::Stmt) -> Option<Stmt> {
        Some(match &s.kind {
            StmtKind::Empty => return None,
            StmtKind::Block(b) => Stmt::Block(self.check_block_contents(&b.stmts)),
            StmtKind::VarDecl(v) => return self.check_var_decl(v),
            StmtKind::Expr(e) => Stmt::Expr(self.check_expr(e)),
            StmtKind::If {
                cond,
                then,
                otherwise,
            } => {
                let cond = self.check_cond(cond);
                let then = self.check_scoped(then);
                let otherwise = otherwise
                    .as_ref()
                    .map(|o| self.check_scoped(o))
                    .unwrap_or_default();
                Stmt::If {
                    cond,
                    then,
                    otherwise,
                }
            }
            StmtKind::While { cond, body } => {
                let cond = self.check_cond(cond);
                let body = self.check_loop_body(body);
                Stmt::Loop {
                    scope: Block::default(),
                    cond: Some(cond),
                    body,
                    step: None,
                    test_first: true,
                }
            }
            StmtKind::DoWhile { body, cond } => {
                let body = self.check_loop_body(body);
                let cond = self.check_cond(cond);
                Stmt::Loop {
                    scope: Block::default(),
                    cond: Some(cond),
                    body,
                    step: None,
                    test_first: false,
                }
            }
            StmtKind::For {
                init,
                cond,
                step,
                body,
            } => {
                self.push_scope();
                let mut scope_stmts = Vec::new();
                if let Some(init) = init
                    && let Some(st) = self.check_stmt(init)
                {
                    scope_stmts.push(st);
                }
                let cond = cond.as_ref().map(|c| self.check_cond(c));
                let step = step.as_ref().map(|e| self.check_expr(e));
                let body = self.check_loop_body(body);
                let locals = self.pop_scope();
                Stmt::Loop {
                    scope: Block {
                        stmts: scope_stmts,
                        locals,
                    },
                    cond,
                    body,
                    step,
                    test_first: true,
                }
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                if self.fun().loop_depth == 0 {
                    let (code, word) = if is_break {
                        ("E0403", "break")
                    } else {
                        ("E0404", "continue")
                    };
                    self.error(code, s.span, format!("'{word}' outside of a loop"));
                    return None;
                }
                if self.leaves_finally(false, s.span) {
                    return None;
                }
                if is_break {
                    Stmt::Break
                } else {
                    Stmt::Continue
                }
            }
            StmtKind::Return(value) => return self.check_return(value.as_ref(), s.span),
            StmtKind::Delete(e) => return self.check_delete(e),
            StmtKind::Throw(e) => return self.check_throw(e),
            StmtKind::Try {
                body,
                catches,
                finally,
            } => return self.check_try(body, catches, finally.as_ref()),
        })
    }

    fn check_loop_body(&mut self, body: &ast::Stmt) -> Block {
        self.fun().loop_depth += 1;
        let b = self.check_scoped(body);
        self.fun().loop_depth -= 1;
        b
    }

    fn check_var_decl(&mut self, v: &ast::VarDecl) -> Option<Stmt> {
        let ty = self.var_type(v);
        let init = match &v.init {
            Some(e) => {
                let e = self.check_expr(e);
                Some(self.coerce(e, ty))
            }
            None => self.default_value(ty, v.name.span),
        };
        if v.is_const && v.init.is_none() {
            self.error(
                "E0317",
                v.name.span,
                format!("const '{}' needs an initialiser", v.name.name),
            );
        }
        // The name becomes visible after its initialiser, so `i32 x = x;` reads an outer x.
        let local = self.declare_local(&v.name, ty, v.is_const)?;
        Some(Stmt::Let { local, init })
    }

    fn check_return(&mut self, value: Option<&ast::Expr>, span: Span) -> Option<Stmt> {
        if self.fun().is_init {
            self.error("E0406", span, "'return' in module top-level code");
            return None;
        }
        if self.leaves_finally(true, span) {
            return None;
        }
        let ret = self.fun().ret;
        match value {
            Some(e) => {
                let e = self.check_expr(e);
                if ret == TypeId::VOID {
                    self.error("E0401", e.span, "a void function cannot return a value");
                    return Some(Stmt::Return(None));
                }
                Some(Stmt::Return(Some(self.coerce(e, ret))))
            }
            None => {
                if ret != TypeId::VOID && ret != TypeId::ERROR {
                    self.error(
                        "E0402",
                        span,
                        format!("'return' needs a value of type '{}'", self.type_name(ret)),
                    );
                }
                Some(Stmt::Return(None))
            }
        }
    }
}

/// Whether the end of `b` is reachable (spec 5.5 "cannot complete", inverted).
pub(super) fn block_completes(b: &Block) -> bool {
    b.stmts.iter().all(stmt_completes)
}

fn stmt_completes(s: &Stmt) -> bool {
    match s {
        Stmt::Return(_) | Stmt::Throw { .. } => false,
        Stmt::Try {
            body,
            catches,
            finally,
        } => {
            finally.as_ref().is_none_or(block_completes)
                && (block_completes(body) || catches.iter().any(|c| block_completes(&c.body)))
        }
        Stmt::Block(b) => block_completes(b),
        Stmt::If {
            then, otherwise, ..
        } => block_completes(then) || block_completes(otherwise),
        Stmt::Loop {
            scope,
            cond,
            body,
            test_first,
            ..
        } => {
            if !block_completes(scope) {
                return false;
            }
            let always = cond.as_ref().is_none_or(is_const_true);
            let breaks = contains_jump(body, true);
            if *test_first {
                !always || breaks
            } else {
                let body_stops = !block_completes(body) && !contains_jump(body, false);
                !(!breaks && (always || body_stops))
            }
        }
        _ => true,
    }
}

fn is_const_true(e: &hir::Expr) -> bool {
    matches!(e.kind, ExprKind::Int(v) if v != 0) && e.ty == TypeId::BOOL
}

/// Whether `b` has a `break` (or `continue`) that belongs to the loop whose body it is.
fn contains_jump(b: &Block, want_break: bool) -> bool {
    b.stmts.iter().any(|s| stmt_jumps(s, want_break))
}

fn stmt_jumps(s: &Stmt, want_break: bool) -> bool {
    match s {
        Stmt::Break => want_break,
        Stmt::Continue => !want_break,
        Stmt::Block(b) => contains_jump(b, want_break),
        Stmt::If {
            then, otherwise, ..
        } => contains_jump(then, want_break) || contains_jump(otherwise, want_break),
        Stmt::Try {
            body,
            catches,
            finally,
        } => {
            contains_jump(body, want_break)
                || catches.iter().any(|c| contains_jump(&c.body, want_break))
                || finally
                    .as_ref()
                    .is_some_and(|f| contains_jump(f, want_break))
        }
        // Jumps inside a nested loop belong to that loop.
        _ => false,
    }
}
