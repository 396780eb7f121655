//! Binding host types (embedding.md §6): value types and handle types declared from
//! declaration strings in a host module, and their members bound to host functions.
//!
//! Declarations are parsed with the language's own parser: a value type's text is
//! parsed as a format body, a member's as a class member, so the host writes exactly
//! what a script would (`"vec3 operator+(vec3 o)"`, `"static vec3 zero()"`,
//! `"constructor(f32 x, f32 y, f32 z)"`).

use super::{Binding, CompileError, Context, RawHostMaker};
use crate::ast;
use crate::check::hir::FuncId;
use crate::check::host::{HostKind, HostMember, getter_name, setter_name};
use crate::check::types::TypeId;
use crate::diag::{Diagnostic, Diagnostics};
use crate::parser;
use crate::source::{SourceFile, Span};
use std::sync::Arc;

impl Context {
    /// Declares the value type `decl` in host module `module`, written like a format
    /// body: `"vec3 { f32 x, f32 y, f32 z }"`. Its fields are primitives or value types
    /// declared before, laid out like the C struct with the same members; scripts copy
    /// it like any object and build it with its constructors or `vec3({ x: 1.0f })`.
    pub(crate) fn bind_value_type(
        &mut self,
        module: &str,
        decl: &str,
    ) -> Result<TypeId, CompileError> {
        let parsed = parse_wrapped("format ", decl, "")?;
        let source = declaration_source(decl);
        let fail = |span: Span, code, msg: String| declaration_error(&source, code, span, msg);
        let format = match parsed.0.items.as_slice() {
            [ast::Item::Format(f)] if !f.is_template => f.clone(),
            _ => {
                let msg = "expected a value type such as 'vec3 { f32 x, f32 y, f32 z }'";
                return Err(fail(whole(decl), "E0101", msg.into()));
            }
        };
        let m = self
            .host_module(module)
            .map_err(|msg| fail(Span::default(), "E0201", msg))?;
        let mut diags = Diagnostics::new(source.clone());
        let fields: Vec<(String, TypeId)> = format
            .fields
            .iter()
            .map(|f| {
                let ty = self.host_type(Some(m), &f.ty, false, &mut diags);
                (f.name.name.clone(), ty)
            })
            .collect();
        relocate(&mut diags.items, parsed.1, &source);
        if diags.has_errors() {
            return Err(CompileError {
                diagnostics: diags.items,
            });
        }
        let name = &format.name.name;
        let span = shifted(format.name.span, parsed.1);
        let c = self
            .program
            .declare_host_type(m, name, HostKind::Value, &fields)
            .map_err(|msg| fail(span, "E0201", msg))?;
        Ok(self.program.classes[c].ty)
    }

    /// Declares the handle type `name` in host module `module`: an object of the host
    /// that scripts hold and pass around (as a `void*` in C) but cannot look into; its
    /// members are host functions. A zero-initialised one (`Entity e;`) holds NULL, and
    /// calling a member on it is a null-access fault.
    pub(crate) fn bind_handle_type(
        &mut self,
        module: &str,
        name: &str,
    ) -> Result<TypeId, CompileError> {
        let source = declaration_source(name);
        let is_ident = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_ident {
            let msg = format!("'{name}' is not a type name");
            return Err(declaration_error(&source, "E0101", whole(name), msg));
        }
        let m = self
            .host_module(module)
            .map_err(|msg| declaration_error(&source, "E0201", Span::default(), msg))?;
        let c = self
            .program
            .declare_host_type(m, name, HostKind::Handle, &[])
            .map_err(|msg| declaration_error(&source, "E0201", whole(name), msg))?;
        Ok(self.program.classes[c].ty)
    }

    /// Binds a member of host type `type_name` of module `module`, declared as a class
    /// member without its body: a constructor, the destructor (value types only), a
    /// method, a `static` method, an operator or a conversion operator. The C function
    /// gets `this` as its first argument (except static methods).
    pub(crate) fn bind_member_raw(
        &mut self,
        module: &str,
        type_name: &str,
        decl: &str,
        make: RawHostMaker,
    ) -> Result<FuncId, CompileError> {
        let source = declaration_source(decl);
        let (class, m) = self.host_class(module, type_name, &source)?;
        let (parsed, shift) = parse_wrapped("class X { ", decl, " {} }")?;
        let member = match parsed.items.as_slice() {
            [ast::Item::Class(c)] if c.members.len() == 1 => c.members[0].clone(),
            _ => {
                let msg = "expected one member declaration, such as 'f32 dot(vec3 o)'";
                return Err(declaration_error(&source, "E0101", whole(decl), msg.into()));
            }
        };
        let mut diags = Diagnostics::new(source.clone());
        let void = || ast::TypeExpr {
            qualifier: None,
            name: ast::Ident {
                name: "void".into(),
                span: Span::default(),
            },
            arg: None,
            handle: false,
            span: Span::default(),
        };
        let (kind, ret, params, span) = match &member {
            ast::Member::Constructor { params, span, .. } => {
                (HostMember::Constructor, void(), params, *span)
            }
            ast::Member::Destructor { params, span, .. } => {
                (HostMember::Destructor, void(), params, *span)
            }
            ast::Member::Method {
                is_static,
                ret,
                name,
                params,
                span,
                ..
            } => {
                let n = name.name.clone();
                let kind = if *is_static {
                    HostMember::Static(n)
                } else {
                    HostMember::Method(n)
                };
                (kind, ret.clone(), params, *span)
            }
            ast::Member::Operator {
                ret,
                op,
                params,
                span,
                ..
            } => (HostMember::Operator(op.clone()), ret.clone(), params, *span),
            ast::Member::Conversion {
                ty, params, span, ..
            } => (HostMember::Conversion, ty.clone(), params, *span),
            ast::Member::Field { span, .. } => {
                let msg = "fields of host types are declared with the type; bind properties with getters and setters";
                return Err(declaration_error(
                    &source,
                    "E0101",
                    shifted(*span, shift),
                    msg.into(),
                ));
            }
        };
        let ret = self.host_type(Some(m), &ret, true, &mut diags);
        let types: Vec<TypeId> = params
            .iter()
            .map(|p| self.host_type(Some(m), &p.ty, false, &mut diags))
            .collect();
        let names = params.iter().map(|p| p.name.name.clone()).collect();
        let name = ast::Ident {
            name: String::new(),
            span,
        };
        self.check_host_arity(&types, &name, &mut diags);
        relocate(&mut diags.items, shift, &source);
        if diags.has_errors() {
            return Err(CompileError {
                diagnostics: diags.items,
            });
        }
        let id = self
            .program
            .declare_host_member(class, &kind, types, names, ret)
            .map_err(|msg| declaration_error(&source, "E0202", shifted(span, shift), msg))?;
        self.install_host(id, Binding::Raw(make));
        Ok(id)
    }

    /// Binds property `decl` (`"i32 health"`) of host type `type_name`: scripts read
    /// `obj.health` through `getter` (`this` in, the value out) and assign it through
    /// `setter` (`this` and the value in); either may be absent, but not both.
    pub(crate) fn bind_property_raw(
        &mut self,
        module: &str,
        type_name: &str,
        decl: &str,
        getter: Option<RawHostMaker>,
        setter: Option<RawHostMaker>,
    ) -> Result<(), CompileError> {
        let source = declaration_source(decl);
        let (class, m) = self.host_class(module, type_name, &source)?;
        let (parsed, shift) = parse_wrapped("class X { ", decl, "; }")?;
        let (ty, name, span) = match parsed.items.as_slice() {
            [ast::Item::Class(c)] if c.members.len() == 1 => match &c.members[0] {
                ast::Member::Field {
                    is_static: false,
                    is_const: false,
                    ty,
                    name,
                    init: None,
                    span,
                } => (ty.clone(), name.name.clone(), shifted(*span, shift)),
                _ => {
                    let msg = "expected a property declaration such as 'i32 health'";
                    return Err(declaration_error(&source, "E0101", whole(decl), msg.into()));
                }
            },
            _ => {
                let msg = "expected a property declaration such as 'i32 health'";
                return Err(declaration_error(&source, "E0101", whole(decl), msg.into()));
            }
        };
        if getter.is_none() && setter.is_none() {
            let msg = format!("property '{name}' needs a getter or a setter");
            return Err(declaration_error(&source, "E0101", span, msg));
        }
        let mut diags = Diagnostics::new(source.clone());
        let ty = self.host_type(Some(m), &ty, false, &mut diags);
        relocate(&mut diags.items, shift, &source);
        if diags.has_errors() {
            return Err(CompileError {
                diagnostics: diags.items,
            });
        }
        let fail = |msg| declaration_error(&source, "E0202", span, msg);
        // Refuse a repeated accessor before binding either, so no half-bound property
        // stays behind (the other checks pass for both accessors or for neither).
        let methods = &self.program.classes[class].methods;
        if (getter.is_some() && methods.contains_key(&getter_name(&name)))
            || (setter.is_some() && methods.contains_key(&setter_name(&name)))
        {
            return Err(fail(format!("property '{name}' is already bound")));
        }
        if let Some(make) = getter {
            let id = self
                .program
                .declare_host_member(class, &HostMember::Getter(name.clone()), vec![], vec![], ty)
                .map_err(fail)?;
            self.install_host(id, Binding::Raw(make));
        }
        if let Some(make) = setter {
            let id = self
                .program
                .declare_host_member(
                    class,
                    &HostMember::Setter(name.clone()),
                    vec![ty],
                    vec!["value".into()],
                    TypeId::VOID,
                )
                .map_err(fail)?;
            self.install_host(id, Binding::Raw(make));
        }
        Ok(())
    }

    /// Host type `type_name` of host module `module`: its class and the module's symbols.
    fn host_class(
        &mut self,
        module: &str,
        type_name: &str,
        source: &Arc<SourceFile>,
    ) -> Result<(usize, usize), CompileError> {
        let fail = |msg| declaration_error(source, "E0201", Span::default(), msg);
        let m = self.host_module(module).map_err(fail)?;
        match self.program.modules[m].classes.get(type_name) {
            Some(&c) if self.program.classes[c].host.is_some() => Ok((c, m)),
            _ => Err(fail(format!(
                "module '{module}' has no host type '{type_name}'"
            ))),
        }
    }

    /// The type named `name` declared in module `m`: a class, format or host type.
    pub(crate) fn type_in_module(&self, m: super::ModuleId, name: &str) -> Option<TypeId> {
        let syms = &self.program.modules[self.modules.get(m.0)?.symbols];
        syms.classes.get(name).map(|&c| self.program.classes[c].ty)
    }
}

/// The source a declaration's diagnostics point into.
fn declaration_source(decl: &str) -> Arc<SourceFile> {
    SourceFile::new("<declaration>", decl.as_bytes())
}

fn whole(decl: &str) -> Span {
    Span::new(0, decl.len() as u32)
}

fn declaration_error(
    source: &Arc<SourceFile>,
    code: &'static str,
    span: Span,
    msg: String,
) -> CompileError {
    let mut d = Diagnostic::error(code, span, msg);
    d.source = Some(source.clone());
    CompileError {
        diagnostics: vec![d],
    }
}

/// Parses `prefix + decl + suffix` as a module; returns it and the length of `prefix`,
/// by which spans must be moved back to point into `decl`. Syntax errors are reported
/// against `decl`.
fn parse_wrapped(
    prefix: &str,
    decl: &str,
    suffix: &str,
) -> Result<(ast::Module, u32), CompileError> {
    let text = format!("{prefix}{decl}{suffix}");
    let wrapped = SourceFile::new("<declaration>", text.as_bytes());
    let mut diags = Diagnostics::new(wrapped.clone());
    let module = parser::parse_module(&wrapped, &mut diags);
    let shift = prefix.len() as u32;
    if diags.has_errors() {
        let source = declaration_source(decl);
        relocate(&mut diags.items, shift, &source);
        for d in &mut diags.items {
            d.span = clamp(d.span, decl.len() as u32);
        }
        return Err(CompileError {
            diagnostics: diags.items,
        });
    }
    Ok((module, shift))
}

/// Moves diagnostics of a wrapped declaration back into the declaration's text.
fn relocate(items: &mut [Diagnostic], shift: u32, source: &Arc<SourceFile>) {
    for d in items {
        d.span = shifted(d.span, shift);
        d.source = Some(source.clone());
    }
}

fn shifted(span: Span, shift: u32) -> Span {
    Span::new(span.lo.saturating_sub(shift), span.hi.saturating_sub(shift))
}

fn clamp(span: Span, len: u32) -> Span {
    Span::new(span.lo.min(len), span.hi.min(len))
}
