//! Host types (embedding.md §6): classes a host declares for its scripts.
//!
//! A *value type* (a `vec3`, a colour) has fields laid out like the C struct with the same
//! members and lives in script memory; it is copied like any object. A *handle type* (an
//! engine entity) is one hidden pointer-sized field holding the host's pointer, so a
//! script can pass it around but never forge or read it. Both get their constructors,
//! destructor, methods, static methods, operators, conversions and properties from host
//! functions, registered here as members whose first parameter is `this`, so the checker
//! and the lowering treat them exactly like script members.

use super::classes::{BINARY_OPERATORS, UNARY_OPERATORS};
use super::{ClassInfo, FuncId, FuncInfo, Program, TypeId, Types};
use crate::source::Span;
use std::collections::HashMap;

/// What a host type is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    /// Fields in script memory, copied in and out as a C struct.
    Value,
    /// A host pointer (`void*` in C) the script only holds.
    Handle,
}

/// The hidden field of a handle type (scripts cannot name fields starting with `__`).
pub const HANDLE_FIELD: &str = "__handle";

/// The method names under which a property's getter and setter are registered: a
/// space cannot occur in an identifier, so scripts cannot call them by name.
pub fn getter_name(property: &str) -> String {
    format!("get {property}")
}

pub fn setter_name(property: &str) -> String {
    format!("set {property}")
}

/// A member a host binds on one of its types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMember {
    Constructor,
    Destructor,
    Method(String),
    Static(String),
    /// `R operator OP(…)` by operator text.
    Operator(String),
    /// `operator T()`: the target type is the result type.
    Conversion,
    Getter(String),
    Setter(String),
}

impl Program {
    /// Declares host type `name` in module `module` with `fields` (for a value type:
    /// primitives and value types or formats laid out before; a handle type has none of
    /// its own). Returns the class index.
    pub fn declare_host_type(
        &mut self,
        module: usize,
        name: &str,
        kind: HostKind,
        fields: &[(String, TypeId)],
    ) -> Result<usize, String> {
        if name.starts_with("__") {
            return Err(format!(
                "'{name}' is reserved: names starting with '__' belong to the implementation"
            ));
        }
        if Types::builtin_named(name).is_some() || name == "array" || name == "Error" {
            return Err(format!("'{name}' is a type name and cannot be declared"));
        }
        let syms = &self.modules[module];
        if syms.classes.contains_key(name)
            || syms.functions.contains_key(name)
            || syms.templates.contains_key(name)
        {
            return Err(format!(
                "'{name}' is already declared in module '{}'",
                syms.name
            ));
        }
        let handle_field = [(HANDLE_FIELD.to_string(), TypeId::U64)];
        let fields = match kind {
            HostKind::Value if fields.is_empty() => {
                return Err(format!("value type '{name}' needs at least one field"));
            }
            HostKind::Value => fields,
            HostKind::Handle => &handle_field[..],
        };
        let mut laid = Vec::new();
        let (mut size, mut align) = (0u32, 1u32);
        for (field, ty) in fields {
            if field.starts_with("__") && kind == HostKind::Value {
                return Err(format!(
                    "'{field}' is reserved: names starting with '__' belong to the implementation"
                ));
            }
            if laid.iter().any(|f: &super::FieldInfo| &f.name == field) {
                return Err(format!("field '{field}' is declared twice"));
            }
            let Some((fsize, falign)) = self.c_layout(*ty) else {
                return Err(format!(
                    "field '{field}' of a host value type must be a primitive or a value type, not '{}'",
                    self.types.name(*ty)
                ));
            };
            let offset = size.next_multiple_of(falign);
            laid.push(super::FieldInfo {
                name: field.clone(),
                ty: *ty,
                offset,
                is_const: false,
            });
            size = offset + fsize;
            align = align.max(falign);
        }
        let idx = self.classes.len();
        let (ty, handle) = self.types.declare_class(idx as u32, name);
        self.classes.push(ClassInfo {
            name: name.to_string(),
            module,
            ty,
            handle,
            fields: laid,
            size: size.next_multiple_of(align),
            align,
            statics: HashMap::new(),
            methods: HashMap::new(),
            static_methods: HashMap::new(),
            ctors: Vec::new(),
            dtor: None,
            operators: HashMap::new(),
            conversions: Vec::new(),
            laid_out: true,
            subtype: None,
            template_module: None,
            is_format: false,
            host: Some(kind),
            span: Span::default(),
        });
        self.modules[module].classes.insert(name.to_string(), idx);
        Ok(idx)
    }

    /// Size and alignment of a value with the same bytes in script memory and in C:
    /// primitives, formats and host value and handle types.
    pub fn c_layout(&self, ty: TypeId) -> Option<(u32, u32)> {
        if let Some(p) = ty.prim() {
            return (ty != TypeId::VOID).then(|| (p.size(), p.size()));
        }
        if ty.is_handle() {
            return None;
        }
        let c = self.class_of(ty)?;
        (c.is_format || c.host.is_some()).then_some((c.size, c.align))
    }

    /// Registers `member` of host type `class`, taking `params` (without `this`) named
    /// `names`, returning `ret`.
    pub fn declare_host_member(
        &mut self,
        class: usize,
        member: &HostMember,
        params: Vec<TypeId>,
        names: Vec<String>,
        ret: TypeId,
    ) -> Result<FuncId, String> {
        let info = &self.classes[class];
        let cname = info.name.clone();
        let kind = info
            .host
            .ok_or_else(|| format!("'{cname}' is not a host type"))?;
        let this = info.ty;
        let member_name_free = |n: &str| {
            !info.fields.iter().any(|f| f.name == n)
                && !info.methods.contains_key(&getter_name(n))
                && !info.methods.contains_key(&setter_name(n))
        };
        let (display, with_this) = match member {
            HostMember::Constructor => {
                if ret != TypeId::VOID {
                    return Err("a constructor returns nothing".into());
                }
                (cname.clone(), true)
            }
            HostMember::Destructor => {
                if kind == HostKind::Handle {
                    return Err(format!(
                        "'{cname}' is a handle type: the host owns its objects, so it has no destructor"
                    ));
                }
                if !params.is_empty() || ret != TypeId::VOID {
                    return Err("a destructor takes no parameters and returns nothing".into());
                }
                if info.dtor.is_some() {
                    return Err(format!("'{cname}' already has a destructor"));
                }
                (format!("{cname}.destructor"), true)
            }
            HostMember::Method(n) | HostMember::Static(n) => {
                if !member_name_free(n) {
                    return Err(format!("'{cname}' already has a field or property '{n}'"));
                }
                let instance = matches!(member, HostMember::Method(_));
                (format!("{cname}.{n}"), instance)
            }
            HostMember::Operator(op) => {
                let binary = BINARY_OPERATORS.contains(&op.as_str());
                let unary = UNARY_OPERATORS.contains(&op.as_str());
                if !((binary && params.len() == 1) || (unary && params.is_empty())) {
                    return Err(format!(
                        "'operator {op}' with {} parameter(s) cannot be overloaded",
                        params.len()
                    ));
                }
                (format!("{cname}.operator{op}"), true)
            }
            HostMember::Conversion => {
                if !params.is_empty() {
                    return Err("a conversion operator takes no parameters".into());
                }
                if info.conversions.iter().any(|&(t, _)| t == ret) {
                    return Err(format!(
                        "'{cname}.operator {}' is already bound",
                        self.types.name(ret)
                    ));
                }
                (format!("{cname}.operator {}", self.types.name(ret)), true)
            }
            HostMember::Getter(n) | HostMember::Setter(n) => {
                if info.fields.iter().any(|f| &f.name == n) || info.methods.contains_key(n) {
                    return Err(format!("'{cname}' already has a field or method '{n}'"));
                }
                let getter = matches!(member, HostMember::Getter(_));
                let shape_ok = if getter {
                    params.is_empty() && ret != TypeId::VOID
                } else {
                    params.len() == 1 && ret == TypeId::VOID
                };
                if !shape_ok {
                    return Err(
                        "a getter takes nothing and returns the value; a setter takes the value"
                            .into(),
                    );
                }
                let value_ty = if getter { ret } else { params[0] };
                let other = if getter {
                    setter_name(n)
                } else {
                    getter_name(n)
                };
                if let Some(&f) = info.methods.get(&other).and_then(|fs| fs.first()) {
                    let f = self.func(f);
                    let other_ty = if getter { f.params[1] } else { f.ret };
                    if other_ty != value_ty {
                        return Err(format!(
                            "property '{n}' is '{}' in its other accessor",
                            self.types.name(other_ty)
                        ));
                    }
                }
                (format!("{cname}.{n}"), true)
            }
        };
        let key = match member {
            HostMember::Getter(n) => getter_name(n),
            HostMember::Setter(n) => setter_name(n),
            HostMember::Method(n) | HostMember::Static(n) => n.clone(),
            HostMember::Operator(op) => op.clone(),
            _ => String::new(),
        };
        let mut all_params: Vec<TypeId> = with_this.then_some(this).into_iter().collect();
        all_params.extend(params);
        let mut all_names: Vec<String> = with_this.then(|| "this".into()).into_iter().collect();
        all_names.extend(names);
        let same: Vec<FuncId> = match member {
            HostMember::Constructor => info.ctors.clone(),
            HostMember::Static(_) => info.static_methods.get(&key).cloned().unwrap_or_default(),
            HostMember::Operator(_) => info.operators.get(&key).cloned().unwrap_or_default(),
            HostMember::Destructor | HostMember::Conversion => Vec::new(),
            _ => info.methods.get(&key).cloned().unwrap_or_default(),
        };
        let clash = match member {
            // A property has one getter and one setter; the others overload on parameters.
            HostMember::Getter(_) | HostMember::Setter(_) => same.first().copied(),
            _ => same
                .iter()
                .copied()
                .find(|&f| self.func(f).params == all_params),
        };
        if let Some(prev) = clash {
            return Err(format!("'{}' is already bound", self.signature(prev)));
        }
        let module = info.module;
        let id = FuncId(self.funcs.len() as u32);
        self.funcs.push(FuncInfo {
            name: display,
            module,
            params: all_params,
            param_names: all_names,
            ret,
            span: Span::default(),
            defined: true,
            host: true,
        });
        if let HostMember::Setter(n) = member {
            self.settable_properties.insert(n.clone());
        }
        let c = &mut self.classes[class];
        match member {
            HostMember::Constructor => c.ctors.push(id),
            HostMember::Destructor => c.dtor = Some(id),
            HostMember::Static(_) => c.static_methods.entry(key).or_default().push(id),
            HostMember::Operator(_) => c.operators.entry(key).or_default().push(id),
            HostMember::Conversion => c.conversions.push((ret, id)),
            _ => c.methods.entry(key).or_default().push(id),
        }
        Ok(id)
    }
}
