//! `throw`, `try`/`catch`/`finally` and the predeclared `Error` class (spec 6).
//!
//! `Error` is compiled from [`PRELUDE_SOURCE`] into a hidden module before the first
//! module of a context, and every module sees it in its built-in scope. Each class a
//! module throws gets a *drop function* that destroys such an object: the runtime calls
//! it when an exception object is abandoned (replaced while unwinding, or uncaught).

use super::Checker;
use super::hir::{self, Block, Catch, FuncId, Stmt};
use super::types::TypeId;
use crate::ast;
use crate::source::Span;

/// The name of the hidden module that declares `Error`.
pub const PRELUDE: &str = "__prelude";

/// `Error` as spec 6.1 writes it.
pub const PRELUDE_SOURCE: &str = "class Error {
    static const i32 RUNTIME = 3;
    static const i32 OUT_OF_MEMORY = 4;
    static const i32 STACK_OVERFLOW = 5;
    constructor() { }
    constructor(string message) { this.message = message; }
    constructor(string message, i32 code) { this.message = message; this.code = code; }
    string message;
    i32 code;
};
";

impl Checker<'_> {
    /// Makes the prelude's `Error` visible in this module unless the module declares
    /// the name itself (a module-level name hides a built-in one).
    pub(super) fn see_prelude(&mut self) {
        let Some((class, _)) = self.program.error else {
            return;
        };
        let syms = &self.program.modules[self.module];
        let taken = syms.classes.contains_key("Error")
            || syms.templates.contains_key("Error")
            || syms.globals.contains_key("Error")
            || syms.qualifiers.contains_key("Error")
            || syms.enums.contains_key("Error");
        if !taken {
            self.program.modules[self.module]
                .classes
                .insert("Error".into(), class);
        }
    }

    /// In the prelude: registers `Error` and its drop function with the program.
    pub(super) fn register_error_class(&mut self, out: &mut Vec<hir::Function>) {
        if self.program.modules[self.module].name != PRELUDE {
            return;
        }
        let Some(&class) = self.program.modules[self.module].classes.get("Error") else {
            return;
        };
        let drop = self.drop_function(class);
        out.append(&mut self.scope.drop_bodies);
        self.program.error = Some((class, drop));
    }

    /// The function that destroys an object of class `class` (made once per module).
    fn drop_function(&mut self, class: usize) -> FuncId {
        if let Some(&f) = self.scope.drops.get(&class) {
            return f;
        }
        let ty = self.program.classes[class].ty;
        let id = self.hidden_function("__drop__", vec![ty], vec!["object".into()]);
        let object = hir::LocalId(0);
        self.scope.drop_bodies.push(hir::Function {
            id,
            name: "__drop__".into(),
            params: vec![object],
            ret: TypeId::VOID,
            locals: vec![hir::LocalDecl {
                name: "object".into(),
                ty,
                span: Span::default(),
            }],
            body: Block {
                stmts: vec![Stmt::DestroyLocal(object)],
                locals: Vec::new(),
            },
            span: Span::default(),
        });
        self.scope.drops.insert(class, id);
        id
    }

    /// `throw value;` (spec 6.2): a class value (E0320); `throw new T(…)` throws the
    /// object without a heap allocation that could leak.
    pub(super) fn check_throw(&mut self, e: &ast::Expr) -> Option<Stmt> {
        let value = self.check_expr(e);
        if value.ty == TypeId::ERROR {
            return None;
        }
        let value = match value.kind {
            hir::ExprKind::New { class, init } => {
                let ty = self.program.classes[class].ty;
                hir::Expr {
                    kind: hir::ExprKind::Construct { class, init },
                    ty,
                    span: value.span,
                }
            }
            _ if value.ty.is_handle() => {
                let ty = self
                    .program
                    .types
                    .class_type_of_handle(value.ty)
                    .unwrap_or(TypeId::ERROR);
                self.coerce(value, ty)
            }
            _ => value,
        };
        let class = self
            .program
            .types
            .class_of(value.ty)
            .map(|c| c as usize)
            .filter(|&c| !self.program.classes[c].is_format);
        let Some(class) = class else {
            let msg = format!(
                "only class values can be thrown, not '{}'",
                self.type_name(value.ty)
            );
            self.error("E0320", e.span, msg);
            return None;
        };
        let drop = self.drop_function(class);
        Some(Stmt::Throw { value, class, drop })
    }

    /// `try { } catch (T e) { } … finally { }` (spec 6.3).
    pub(super) fn check_try(
        &mut self,
        body: &ast::Block,
        catches: &[ast::CatchClause],
        finally: Option<&ast::Block>,
    ) -> Option<Stmt> {
        let body = self.check_block_contents(&body.stmts);
        let mut checked: Vec<Catch> = Vec::new();
        for clause in catches {
            let ty = self.resolve_type(&clause.ty);
            let class = self
                .program
                .types
                .class_of(ty)
                .map(|c| c as usize)
                .filter(|&c| !self.program.classes[c].is_format);
            let class = match class {
                Some(c) if !clause.ty.handle => Some(c),
                _ if ty == TypeId::ERROR => None,
                _ => {
                    let msg = format!("cannot catch '{}': not a class", self.type_name(ty));
                    self.error("E0321", clause.ty.name.span, msg);
                    None
                }
            };
            if let Some(c) = class
                && checked.iter().any(|k| k.class == c)
            {
                let msg = format!("'{}' is already caught by this 'try'", self.type_name(ty));
                self.error("E0321", clause.ty.name.span, msg);
            }
            self.push_scope();
            let local = self.declare_local(&clause.name, ty, false);
            let block = self.check_block_contents(&clause.body.stmts);
            self.pop_scope();
            if let (Some(class), Some(local)) = (class, local) {
                checked.push(Catch {
                    class,
                    local,
                    body: block,
                });
            }
        }
        let finally = finally.map(|f| {
            let outer = self.fun().finally_loops.len();
            let depth = self.fun().loop_depth;
            self.fun().finally_loops.push(depth);
            let b = self.check_block_contents(&f.stmts);
            self.fun().finally_loops.truncate(outer);
            b
        });
        Some(Stmt::Try {
            body,
            catches: checked,
            finally,
        })
    }

    /// E0405: `return` anywhere in a `finally` block, `break`/`continue` of a loop
    /// outside it.
    pub(super) fn leaves_finally(&mut self, is_return: bool, span: Span) -> bool {
        let f = self.fun();
        let Some(&depth) = f.finally_loops.last() else {
            return false;
        };
        if is_return || f.loop_depth == depth {
            let what = if is_return {
                "'return'"
            } else {
                "'break' or 'continue'"
            };
            self.error(
                "E0405",
                span,
                format!("{what} cannot leave a 'finally' block"),
            );
            return true;
        }
        false
    }
}
