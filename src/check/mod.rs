//! The checker: name resolution, types, overloads, control-flow rules.
//!
//! Consumes one module's syntax tree and the context-wide [`Program`] (the functions,
//! globals and enums of the modules compiled before); produces the typed [`hir`] of the
//! module's functions, including its `__init__`. It keeps going after an error: every
//! problem is pushed to the [`Diagnostics`], and an erroneous expression gets the poison
//! type [`TypeId::ERROR`], which silences the errors that would follow from it.
//!
//! If the module has errors, the caller discards it with [`Program::truncate`] so that
//! nothing of it stays registered (spec 10.1).
//!
//! The work is split by phase of a module: `decls` collects every top-level declaration
//! first (functions, classes and enums are visible module-wide, spec 5.3), `expr` types
//! expressions, `stmt` checks statements and the all-paths-return rule.

mod classes;
pub mod consts;
mod decls;
pub mod exceptions;
mod expr;
pub mod hir;
pub mod host;
mod math;
mod stmt;
pub mod types;

use crate::ast;
use crate::diag::Diagnostics;
use crate::source::Span;
use hir::{FuncId, GlobalId, LocalDecl, LocalId};
use std::collections::HashMap;
use types::{TypeId, Types};

/// A function signature known to the context.
#[derive(Clone, Debug)]
pub struct FuncInfo {
    pub name: String,
    pub module: usize,
    pub params: Vec<TypeId>,
    pub param_names: Vec<String>,
    pub ret: TypeId,
    pub span: Span,
    /// False while only a forward declaration has been seen.
    pub defined: bool,
    /// Implemented by the host rather than by script code.
    pub host: bool,
}

#[derive(Clone, Debug)]
pub struct GlobalInfo {
    pub name: String,
    pub ty: TypeId,
    pub is_const: bool,
    pub module: usize,
    /// Byte offset after the declaration: the global is visible from here on.
    pub visible_from: u32,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumInfo {
    pub name: String,
    /// Enumerators in declaration order: name, value bits, type (`i32` or `i64`).
    pub values: Vec<(String, u64, TypeId)>,
}

/// Everything a module exports, by name (spec 7.3).
#[derive(Clone, Debug, Default)]
pub struct ModuleSymbols {
    pub name: String,
    pub functions: HashMap<String, Vec<FuncId>>,
    pub globals: HashMap<String, GlobalId>,
    pub enums: HashMap<String, usize>,
    /// Classes by name → index in `Program::classes`.
    pub classes: HashMap<String, usize>,
    /// Names imported from the built-in `math` module: local name → math name.
    pub math: HashMap<String, &'static str>,
    /// Module qualifiers of `import 'm' as x;` / `import 'm';`.
    pub qualifiers: HashMap<String, Qualified>,
    /// Templates (spec 3.7) by name → index in `Program::templates`.
    pub templates: HashMap<String, usize>,
    pub init: Option<FuncId>,
    /// `__fini__` functions, one per global object in the order they run when the
    /// context is freed (spec 5.8: reverse order of construction). One function each, so
    /// a destructor that faults does not keep the others from running.
    pub fini: Vec<FuncId>,
}

/// A class or format template: its declaration, instantiated per type argument.
#[derive(Clone, Debug)]
pub struct TemplateInfo {
    pub name: String,
    pub module: usize,
    pub decl: ast::ClassDecl,
    pub is_format: bool,
    /// Instances by type argument → class index.
    pub instances: HashMap<TypeId, usize>,
}

/// What a module qualifier names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualified {
    /// A module, by its index in `Program::modules`.
    Module(usize),
    /// The built-in `math` module.
    Math,
}

/// A field of a class.
#[derive(Clone, Debug)]
pub struct FieldInfo {
    pub name: String,
    pub ty: TypeId,
    /// Byte offset in the object.
    pub offset: u32,
    pub is_const: bool,
}

/// A class (spec 3.4).
#[derive(Clone, Debug)]
pub struct ClassInfo {
    pub name: String,
    pub module: usize,
    /// The class type and its handle type `T?`.
    pub ty: TypeId,
    pub handle: TypeId,
    pub fields: Vec<FieldInfo>,
    pub size: u32,
    pub align: u32,
    /// Static fields, stored as globals.
    pub statics: HashMap<String, GlobalId>,
    /// Instance methods: their first parameter is `this`.
    pub methods: HashMap<String, Vec<FuncId>>,
    pub static_methods: HashMap<String, Vec<FuncId>>,
    /// Constructors: first parameter `this`, no result.
    pub ctors: Vec<FuncId>,
    pub dtor: Option<FuncId>,
    /// Operator methods by operator text (`+`, `[]`, `+=`, …); first parameter `this`.
    pub operators: HashMap<String, Vec<FuncId>>,
    /// Conversion operators `operator U()`: target type and function.
    pub conversions: Vec<(TypeId, FuncId)>,
    /// Laid out (fields known); false while its layout is being computed.
    pub laid_out: bool,
    /// For a template instance: the type `subtype` stands for.
    pub subtype: Option<TypeId>,
    /// For a template instance: the module whose names its bodies see.
    pub template_module: Option<usize>,
    /// A format (spec 3.5): fields of primitives and formats only, C layout.
    pub is_format: bool,
    /// Declared by the host (embedding.md §6): its members are host functions.
    pub host: Option<host::HostKind>,
    pub span: Span,
}

/// The context-wide symbol tables, shared by every module compiled into one context.
#[derive(Debug, Default)]
pub struct Program {
    pub types: Types,
    pub funcs: Vec<FuncInfo>,
    pub globals: Vec<GlobalInfo>,
    pub enums: Vec<EnumInfo>,
    pub modules: Vec<ModuleSymbols>,
    pub classes: Vec<ClassInfo>,
    pub templates: Vec<TemplateInfo>,
    /// Host functions bound into the global scope, visible in every module after the
    /// module's own names (so a script function hides one, as it hides a built-in).
    pub host_globals: HashMap<String, Vec<FuncId>>,
    /// The predeclared `Error` class and its drop function, once the prelude is compiled.
    pub error: Option<(usize, FuncId)>,
    /// Names of the properties some host type can assign, so that an assignment to any
    /// other member is checked as a field without probing for a setter.
    pub settable_properties: std::collections::HashSet<String>,
    /// The function that destroys a host-held object of a class or array type, for
    /// each such type some function takes or returns.
    pub host_destroy: HashMap<TypeId, FuncId>,
}

/// Table sizes, so a failed module can be removed again.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    funcs: usize,
    globals: usize,
    enums: usize,
    modules: usize,
    classes: usize,
    templates: usize,
}

impl Program {
    pub fn mark(&self) -> Mark {
        Mark {
            funcs: self.funcs.len(),
            globals: self.globals.len(),
            enums: self.enums.len(),
            modules: self.modules.len(),
            classes: self.classes.len(),
            templates: self.templates.len(),
        }
    }

    /// Forgets everything registered since `mark`.
    pub fn truncate(&mut self, mark: Mark) {
        self.funcs.truncate(mark.funcs);
        self.globals.truncate(mark.globals);
        self.enums.truncate(mark.enums);
        self.modules.truncate(mark.modules);
        self.classes.truncate(mark.classes);
        self.templates.truncate(mark.templates);
        let funcs = self.funcs.len() as u32;
        self.host_destroy.retain(|_, f| f.0 < funcs);
        // Instances made by the failed module are gone with it.
        let classes = self.classes.len();
        for t in &mut self.templates {
            t.instances.retain(|_, c| *c < classes);
        }
    }

    /// Whether objects of type `ty` cross the C boundary as object handles, which the
    /// host destroys through a `__destroy__` function: arrays and script classes
    /// (formats and host types cross as C structs).
    pub fn needs_host_destroyer(&self, ty: TypeId) -> bool {
        if self.types.array_elem(ty).is_some() {
            return true;
        }
        self.types
            .class_of(ty)
            .and_then(|c| self.classes.get(c as usize))
            .is_some_and(|c| !c.is_format && c.host.is_none())
    }

    /// The class of a class type or of a handle type.
    pub fn class_of(&self, ty: TypeId) -> Option<&ClassInfo> {
        let c = self
            .types
            .class_of(ty)
            .or_else(|| self.types.handle_class(ty))?;
        self.classes.get(c as usize)
    }

    /// The constructor without parameters of class `class`, if it declares one.
    pub fn default_ctor(&self, class: usize) -> Option<FuncId> {
        self.classes[class]
            .ctors
            .iter()
            .copied()
            .find(|&f| self.func(f).params.len() == 1)
    }

    pub fn func(&self, id: FuncId) -> &FuncInfo {
        &self.funcs[id.0 as usize]
    }

    pub fn global(&self, id: GlobalId) -> &GlobalInfo {
        &self.globals[id.0 as usize]
    }

    /// Registers a host function `ret name(params)` in host module `module`, or in the
    /// global scope when None. Err describes a clash with an existing overload.
    pub fn declare_host_function(
        &mut self,
        module: Option<usize>,
        name: &str,
        params: Vec<TypeId>,
        param_names: Vec<String>,
        ret: TypeId,
    ) -> Result<FuncId, String> {
        let set = match module {
            Some(m) => self.modules[m].functions.get(name),
            None => self.host_globals.get(name),
        };
        if let Some(existing) = set
            .into_iter()
            .flatten()
            .find(|&&f| self.func(f).params == params)
        {
            return Err(format!("'{}' is already bound", self.signature(*existing)));
        }
        let id = FuncId(self.funcs.len() as u32);
        self.funcs.push(FuncInfo {
            name: name.to_string(),
            module: module.unwrap_or(usize::MAX),
            params,
            param_names,
            ret,
            span: Span::default(),
            defined: true,
            host: true,
        });
        let set = match module {
            Some(m) => self.modules[m]
                .functions
                .entry(name.to_string())
                .or_default(),
            None => self.host_globals.entry(name.to_string()).or_default(),
        };
        set.push(id);
        Ok(id)
    }

    /// `R name(T1 a, T2 b)`: a function's declaration with parameter names.
    pub fn declaration(&self, id: FuncId) -> String {
        let f = self.func(id);
        let params: Vec<String> = f
            .params
            .iter()
            .zip(&f.param_names)
            .map(|(&t, n)| {
                if n.is_empty() {
                    self.types.name(t)
                } else {
                    format!("{} {n}", self.types.name(t))
                }
            })
            .collect();
        format!(
            "{} {}({})",
            self.types.name(f.ret),
            f.name,
            params.join(", ")
        )
    }

    /// `R name(T1, T2)`: a function's declaration as text.
    pub fn signature(&self, id: FuncId) -> String {
        let f = self.func(id);
        let params: Vec<String> = f.params.iter().map(|&t| self.types.name(t)).collect();
        format!(
            "{} {}({})",
            self.types.name(f.ret),
            f.name,
            params.join(", ")
        )
    }
}

/// The result of checking one module.
#[derive(Debug)]
pub struct CheckedModule {
    pub module: usize,
    pub functions: Vec<hir::Function>,
    pub init: FuncId,
    pub fini: Vec<FuncId>,
}

/// Checks `module`, registering its declarations in `program` under the name `name`.
/// Errors go to `diags`; the caller must [`Program::truncate`] when there are any.
/// `imports` maps each import string the context could resolve to the imported
/// module's symbol table; imports missing from it were already reported.
pub fn check_module(
    program: &mut Program,
    name: &str,
    module: &ast::Module,
    imports: &HashMap<String, usize>,
    diags: &mut Diagnostics,
) -> CheckedModule {
    let module_idx = program.modules.len();
    program.modules.push(ModuleSymbols {
        name: name.to_string(),
        ..ModuleSymbols::default()
    });
    let mut checker = Checker {
        program,
        diags,
        module: module_idx,
        scope: ModuleScope::default(),
        fun: None,
        imports,
        subtype: None,
        lookup_module: None,
    };
    checker.collect_declarations(module);
    let functions = checker.check_bodies(module);
    let init = checker.program.modules[module_idx]
        .init
        .expect("collect_declarations registers __init__");
    let fini = checker.program.modules[module_idx].fini.clone();
    CheckedModule {
        module: module_idx,
        functions,
        init,
        fini,
    }
}

/// Names declared at module level that are not exported symbols of `ModuleSymbols`.
#[derive(Debug, Default)]
struct ModuleScope {
    /// Every function of the module with its body, by FuncId; member functions also
    /// name their class and kind.
    bodies: Vec<(FuncId, ast::FunctionDecl, Option<MemberOf>)>,
    /// Static field initialisers: the class's position, the field, the value.
    /// (None: default construction of a static field of class type).
    static_inits: Vec<(Span, GlobalId, Option<ast::Expr>)>,
    /// Global objects in the order `__init__` constructs them.
    constructed: Vec<GlobalId>,
    /// Drop functions of the classes this module throws (see `exceptions`).
    drops: HashMap<usize, FuncId>,
    drop_bodies: Vec<hir::Function>,
}

/// The class (index in `Program::classes`) and kind of a member function.
type MemberOf = (usize, MemberKind);

/// What kind of class member a function body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MemberKind {
    Constructor,
    Destructor,
    Method,
    Static,
}

/// The state of the function body being checked.
struct FunctionState {
    locals: Vec<LocalDecl>,
    /// Innermost last: name → local.
    scopes: Vec<HashMap<String, LocalId>>,
    /// Locals declared in each open scope, in order, parallel to `scopes`.
    scope_locals: Vec<Vec<LocalId>>,
    consts: Vec<bool>,
    ret: TypeId,
    loop_depth: u32,
    /// `loop_depth` at each enclosing `finally` block (E0405).
    finally_loops: Vec<u32>,
    is_init: bool,
    /// In a member function: its class, kind and the `this` parameter (instance members).
    member: Option<(usize, MemberKind)>,
    this: Option<LocalId>,
}

struct Checker<'a> {
    program: &'a mut Program,
    diags: &'a mut Diagnostics,
    module: usize,
    scope: ModuleScope,
    fun: Option<FunctionState>,
    imports: &'a HashMap<String, usize>,
    /// The type `subtype` means here (inside a template instance), if any.
    subtype: Option<TypeId>,
    /// Set while a template instance from another module is declared or checked: its
    /// bodies see the names of the template's module (spec 3.7, 7.3).
    lookup_module: Option<usize>,
}

/// A name as the checker resolves it.
enum Resolved {
    Local(LocalId),
    Global(GlobalId),
    Functions(Vec<FuncId>),
    Enum(usize),
    Class(usize),
    Type(TypeId),
    BuiltinFunction(&'static str),
    /// A function or constant of the built-in `math` module.
    Math(&'static str),
    /// A module qualifier (`x` of `import 'm' as x`): not a value.
    Module(Qualified),
    Console,
    /// A global of this module used before its declaration.
    GlobalNotYetVisible,
    Undefined,
}

impl Checker<'_> {
    /// The module whose names are in scope: this one, or a template's own module while
    /// one of its instances is declared or checked.
    fn symbols(&self) -> &ModuleSymbols {
        &self.program.modules[self.lookup_module.unwrap_or(self.module)]
    }

    fn type_name(&self, ty: TypeId) -> String {
        self.program.types.name(ty)
    }

    /// Registers a function the implementation adds to this module (`__init__`,
    /// `__fini__`, `__drop__`): void, defined, with no place in the source.
    fn hidden_function(
        &mut self,
        name: &str,
        params: Vec<TypeId>,
        param_names: Vec<String>,
    ) -> FuncId {
        let id = FuncId(self.program.funcs.len() as u32);
        self.program.funcs.push(FuncInfo {
            name: name.into(),
            module: self.module,
            params,
            param_names,
            ret: TypeId::VOID,
            span: Span::default(),
            defined: true,
            host: false,
        });
        id
    }

    fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        self.diags.error(code, span, message);
    }

    /// Resolves a written type (spec 5.1 `type`). Unknown names are E0205.
    fn resolve_type(&mut self, t: &ast::TypeExpr) -> TypeId {
        if let Some(q) = &t.qualifier
            && let Resolved::Module(m) = self.resolve_name(&q.name, q.span.lo)
            && let Resolved::Class(c) = self.resolve_qualified(m, &t.name.name)
        {
            let info = &self.program.classes[c];
            return if t.handle { info.handle } else { info.ty };
        }
        if let Some(q) = &t.qualifier {
            self.error(
                "E0205",
                q.span.to(t.name.span),
                format!("unknown type '{}.{}'", q.name, t.name.name),
            );
            return TypeId::ERROR;
        }
        if let Some(&ti) = self.symbols().templates.get(&t.name.name) {
            let Some(arg) = &t.arg else {
                self.error(
                    "E0309",
                    t.name.span,
                    format!(
                        "template '{}' needs a type argument: {}<T>",
                        t.name.name, t.name.name
                    ),
                );
                return TypeId::ERROR;
            };
            let arg = self.resolve_value_type(arg);
            if arg == TypeId::ERROR {
                return TypeId::ERROR;
            }
            let c = self.instantiate(ti, arg, t.span);
            let info = &self.program.classes[c];
            return if t.handle { info.handle } else { info.ty };
        }
        if let Some(&c) = self.symbols().classes.get(&t.name.name) {
            if let Some(arg) = &t.arg {
                self.error(
                    "E0310",
                    arg.span,
                    format!("class '{}' takes no type argument", t.name.name),
                );
            }
            let info = &self.program.classes[c];
            return if t.handle { info.handle } else { info.ty };
        }
        if t.handle {
            self.error(
                "E0205",
                t.span,
                format!(
                    "'{}?' is not a handle type: '{}' is not a class",
                    t.name.name, t.name.name
                ),
            );
            return TypeId::ERROR;
        }
        let name = t.name.name.as_str();
        if let Some(id) = Types::builtin_named(name) {
            if let Some(arg) = &t.arg {
                self.error(
                    "E0310",
                    arg.span,
                    format!("type '{name}' takes no type argument"),
                );
            }
            return id;
        }
        match name {
            "array" => {
                let Some(arg) = &t.arg else {
                    self.error(
                        "E0309",
                        t.name.span,
                        "'array' needs an element type: array<T>",
                    );
                    return TypeId::ERROR;
                };
                let elem = self.resolve_value_type(arg);
                if elem == TypeId::ERROR {
                    return TypeId::ERROR;
                }
                if !(elem.is_prim()
                    || elem == TypeId::STRING
                    || elem.is_handle()
                    || elem.is_composite())
                {
                    self.error(
                        "E0500",
                        arg.span,
                        format!(
                            "arrays of '{}' are not supported by this version of gjs yet",
                            self.type_name(elem)
                        ),
                    );
                    return TypeId::ERROR;
                }
                self.program.types.intern(types::TypeKind::Array(elem))
            }
            "subtype" => match self.subtype {
                Some(t) => t,
                None => {
                    self.error("E0311", t.name.span, "'subtype' used outside a template");
                    TypeId::ERROR
                }
            },
            _ => {
                if self.symbols().enums.contains_key(name) {
                    self.error(
                        "E0308",
                        t.name.span,
                        format!("enum '{name}' is not a type; its values are i32 constants"),
                    );
                } else {
                    self.error("E0205", t.name.span, format!("unknown type '{name}'"));
                }
                TypeId::ERROR
            }
        }
    }

    /// A type for a variable, parameter or field: not `void` (E0316).
    fn resolve_value_type(&mut self, t: &ast::TypeExpr) -> TypeId {
        let ty = self.resolve_type(t);
        if ty == TypeId::VOID {
            self.error("E0316", t.span, "'void' is not a value type");
            return TypeId::ERROR;
        }
        ty
    }

    /// Checks that a declared name is usable (spec 2.2: not reserved, not a type name).
    fn check_declared_name(&mut self, ident: &ast::Ident) -> bool {
        let name = ident.name.as_str();
        if name.starts_with("__") {
            self.error(
                "E0206",
                ident.span,
                format!(
                    "'{name}' is reserved: names starting with '__' belong to the implementation"
                ),
            );
            return false;
        }
        let prelude = self.program.modules[self.module].name == exceptions::PRELUDE;
        if Types::builtin_named(name).is_some() || name == "array" || (name == "Error" && !prelude)
        {
            self.error(
                "E0206",
                ident.span,
                format!("'{name}' is a type name and cannot be declared"),
            );
            return false;
        }
        true
    }

    /// Looks `name` up among the exports of a qualified module (spec 7.3): its own
    /// declarations, not what it imports.
    fn resolve_qualified(&self, q: Qualified, name: &str) -> Resolved {
        let m = match q {
            Qualified::Math => {
                if let Some(n) = math::lookup(name) {
                    return Resolved::Math(n);
                }
                // The vector classes live in a module of their own.
                match self.imports.get(crate::builtins::vectors::MODULE) {
                    Some(&m) => m,
                    None => return Resolved::Undefined,
                }
            }
            Qualified::Module(m) => m,
        };
        let syms = &self.program.modules[m];
        if let Some(&g) = syms.globals.get(name)
            && self.program.globals[g.0 as usize].module == m
        {
            return Resolved::Global(g);
        }
        if let Some(fs) = syms.functions.get(name) {
            let own: Vec<FuncId> = fs
                .iter()
                .copied()
                .filter(|&f| self.program.func(f).module == m)
                .collect();
            if !own.is_empty() {
                return Resolved::Functions(own);
            }
        }
        if let Some(&e) = syms.enums.get(name) {
            return Resolved::Enum(e);
        }
        if let Some(&c) = syms.classes.get(name)
            && self.program.classes[c].module == m
        {
            return Resolved::Class(c);
        }
        Resolved::Undefined
    }

    /// Looks `name` up: local scopes, the module, then the built-in scope (spec 5.3).
    fn resolve_name(&self, name: &str, at: u32) -> Resolved {
        if let Some(f) = &self.fun {
            for scope in f.scopes.iter().rev() {
                if let Some(&l) = scope.get(name) {
                    return Resolved::Local(l);
                }
            }
        }
        let syms = self.symbols();
        if let Some(&g) = syms.globals.get(name) {
            let info = &self.program.globals[g.0 as usize];
            if info.module != self.module || info.visible_from <= at {
                return Resolved::Global(g);
            }
            return Resolved::GlobalNotYetVisible;
        }
        if let Some(fs) = syms.functions.get(name) {
            return Resolved::Functions(fs.clone());
        }
        if let Some(&e) = syms.enums.get(name) {
            return Resolved::Enum(e);
        }
        if let Some(&c) = syms.classes.get(name) {
            return Resolved::Class(c);
        }
        if let Some(&m) = syms.math.get(name) {
            return Resolved::Math(m);
        }
        if let Some(&q) = syms.qualifiers.get(name) {
            return Resolved::Module(q);
        }
        if let Some(t) = Types::builtin_named(name) {
            return Resolved::Type(t);
        }
        if let Some(fs) = self.program.host_globals.get(name) {
            return Resolved::Functions(fs.clone());
        }
        match name {
            "print" => Resolved::BuiltinFunction("print"),
            "__vector_index_fault"
                if self.program.modules[self.module].name == crate::builtins::vectors::MODULE =>
            {
                Resolved::BuiltinFunction("__vector_index_fault")
            }
            "assert" => Resolved::BuiltinFunction("assert"),
            "console" => Resolved::Console,
            _ => Resolved::Undefined,
        }
    }
}

#[cfg(test)]
mod tests;
