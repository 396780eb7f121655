//! The safe Rust API: a [`Context`] compiles modules and runs them.
//!
//! A context owns the context-wide symbol tables ([`check::Program`]), one backend with
//! its VM memory, the output sinks and the limits. `add_code` runs the whole pipeline
//! for one module (resolving and compiling its imports first) and registers it only if
//! there is no error; `init_module` runs a module's `__init__` exactly once, after the
//! initialisers of its imports (spec 7.1).

use crate::backend::vm::VmBackend;
use crate::backend::{Backend, Entry, Env, HostHook, Sink, TraceFrame, Trap};
use crate::check::hir::FuncId;
use crate::check::types::{TypeId, Types};
use crate::check::{self, Program};
use crate::diag::{Diagnostic, Diagnostics};
use crate::runtime::Fault;
use crate::runtime::memory::MemoryConfig;
use crate::source::{SourceFile, Span};
use crate::value::Value;
use crate::{ast, ir, parser};
use std::collections::HashMap;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

mod host_types;
mod objects;
pub(crate) use objects::Access;

/// Status values shared with the C ABI and the CLI's exit codes (embedding.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum Status {
    Ok = 0,
    CompileError = 1,
    InvalidArgument = 2,
    RuntimeError = 3,
    OutOfMemory = 4,
    StackOverflow = 5,
    Interrupted = 6,
    TypeMismatch = 7,
    NotFound = 8,
    IoError = 9,
    InternalError = 70,
}

/// Limits and sizes of a context (spec 9.1, embedding.md §7).
#[derive(Clone, Debug)]
pub struct Config {
    /// Bytes of stack (register slots are 8 bytes each).
    pub stack_size: u32,
    /// Initial heap size in bytes (stackvm's MEMORY_SIZE).
    pub memory_size: u32,
    /// Largest heap size in bytes; 0 means no limit but the 32-bit address space.
    pub max_memory_size: u64,
    /// Steps one call from the host may take (a loop back-edge or call is one; string
    /// and array work one per 64 bytes or elements); 0 = unlimited.
    pub steps: u64,
    /// Directories searched for imported files after the importer's own directory.
    pub search_paths: Vec<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        let m = MemoryConfig::default();
        Config {
            stack_size: m.stack_size,
            memory_size: m.memory_size,
            max_memory_size: m.max_memory_size,
            steps: 0,
            search_paths: Vec::new(),
        }
    }
}

/// A compiled module of a context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModuleId(pub(crate) usize);

/// A module that did not compile: every diagnostic found, in source order per module.
#[derive(Clone, Debug)]
pub struct CompileError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            f.write_str(&d.render())?;
        }
        Ok(())
    }
}

impl std::error::Error for CompileError {}

/// A failure to load a module from a file.
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    Compile(CompileError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, error } => write!(f, "{}: cannot read: {error}", path.display()),
            LoadError::Compile(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

/// A call that ended with an uncaught exception, a fault or an interrupt (spec 6.6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    pub status: Status,
    /// The `Error` code (3, 4 or 5); 6 for an interrupt.
    pub code: u32,
    pub type_name: String,
    pub message: String,
    /// Innermost frame first.
    pub backtrace: Vec<TraceFrame>,
}

impl RuntimeError {
    /// An error that is not a script fault (type mismatch, missing function…).
    pub fn status(status: Status, message: impl Into<String>) -> RuntimeError {
        RuntimeError {
            status,
            code: status as u32,
            type_name: String::new(),
            message: message.into(),
            backtrace: Vec::new(),
        }
    }

    fn from_trap(trap: Trap) -> RuntimeError {
        match trap {
            Trap::Interrupted => RuntimeError {
                status: Status::Interrupted,
                code: Status::Interrupted as u32,
                type_name: String::new(),
                message: "interrupted: the host stopped the script or its step budget ran out"
                    .into(),
                backtrace: Vec::new(),
            },
            Trap::Fault(t) => {
                let super::backend::FaultTrap {
                    fault,
                    mut backtrace,
                    ..
                } = *t;
                // A fault inside the built-in vector classes is reported where the script
                // used them: their generated source means nothing to the user.
                let internal =
                    |f: &super::backend::TraceFrame| f.module == crate::builtins::vectors::MODULE;
                if backtrace.len() > 1 && internal(&backtrace[0]) {
                    let keep = backtrace.iter().position(|f| !internal(f)).unwrap_or(0);
                    backtrace.drain(..keep);
                }
                RuntimeError {
                    status: match fault.code {
                        Fault::OUT_OF_MEMORY => Status::OutOfMemory,
                        Fault::STACK_OVERFLOW => Status::StackOverflow,
                        _ => Status::RuntimeError,
                    },
                    code: fault.code,
                    type_name: "Error".into(),
                    message: fault.message,
                    backtrace,
                }
            }
        }
    }

    /// The first line of the report: `uncaught Error: division by zero (code 3)`.
    pub fn headline(&self) -> String {
        if self.type_name.is_empty() {
            return self.message.clone();
        }
        format!(
            "uncaught {}: {} (code {})",
            self.type_name, self.message, self.code
        )
    }
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        for fr in &self.backtrace {
            if fr.line == 0 {
                write!(f, "\n    {}", fr.function)?;
            } else {
                write!(
                    f,
                    "\n    at {}:{}:{} in {}",
                    fr.module, fr.line, fr.column, fr.function
                )?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for RuntimeError {}

/// An error a host function raises into the script (spec 6.5: code 3 unless given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError {
    pub message: String,
    pub code: u32,
}

impl HostError {
    pub fn new(message: impl Into<String>) -> HostError {
        HostError {
            message: message.into(),
            code: Fault::RUNTIME,
        }
    }
}

/// A function the host binds for scripts to call. It receives the context, so it may
/// call back into scripts, and the arguments converted to [`Value`]s.
pub type HostFn = Arc<dyn Fn(&mut Context, &[Value]) -> Result<Value, HostError> + Send + Sync>;

/// A host function at the register level: it receives the argument slots (taking over
/// their string references) and returns the result slot (a new reference for a string).
/// [`Context::bind_function`] adapts a [`HostFn`] to this; the C binding uses it
/// directly, so a call from a script to C converts nothing it need not.
pub(crate) type RawHostFn = Arc<RawHostBody>;

/// The callable behind a [`RawHostFn`].
pub(crate) type RawHostBody = dyn Fn(&mut Context, &[u64]) -> Result<u64, HostError> + Send + Sync;

/// Makes a [`RawHostFn`] from the declaration's types.
pub(crate) type RawHostMaker = Box<dyn FnOnce(&HostSignature) -> RawHostFn>;

/// The types of a bound host function as its C form sees them. For a member of a host
/// type, `params[0]` is `this`. An object result is built in storage whose address is
/// the hidden first register argument.
#[derive(Clone, Debug)]
pub(crate) struct HostSignature {
    pub params: Vec<TypeId>,
    pub ret: TypeId,
    /// Per parameter: the C struct an object argument is copied to and from.
    pub objects: Vec<Option<CObject>>,
    pub ret_object: Option<CObject>,
    /// `params[0]` is the `this` of a member other than a constructor, so it holds a
    /// built object (for a handle type: a pointer that must not be NULL).
    pub this_must_be_set: bool,
}

/// The kinds of object types, as the C API reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ObjectKind {
    Format,
    /// A host value type.
    Value,
    /// A host handle type.
    Handle,
    /// A script class (no C representation).
    Class,
    Array,
}

/// An object that crosses to the host as a C struct: a format or host value type, or a
/// host handle type (a `void*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CObject {
    pub size: u32,
    pub handle: bool,
}

/// Arguments of most calls fit on the stack; longer lists spill to the heap.
const INLINE_ARGS: usize = 8;

/// The most parameters a host function may declare.
const MAX_HOST_PARAMS: usize = 16;

enum Binding {
    Values(HostFn),
    /// Makes the function once the declaration's parameter and result types are known.
    Raw(RawHostMaker),
}

/// Adapts a function on [`Value`]s to the register level.
fn values_adapter(f: HostFn, params: Vec<TypeId>, ret: TypeId, name: String) -> RawHostFn {
    Arc::new(move |ctx: &mut Context, args: &[u64]| {
        let mem = ctx.backend.memory();
        let mut convert = |(&t, &r): (&TypeId, &u64)| {
            let v = Value::from_reg(t, r, mem);
            if t == TypeId::STRING {
                crate::runtime::strings::release(mem, r as u32);
            }
            v
        };
        const INLINE_VALUES: usize = 4;
        let n = params.len().min(args.len());
        let result = if n <= INLINE_VALUES {
            let mut values: [Value; INLINE_VALUES] = Default::default();
            for (slot, pair) in values.iter_mut().zip(params.iter().zip(args)) {
                *slot = convert(pair);
            }
            f(ctx, &values[..n])
        } else {
            let values: Vec<Value> = params.iter().zip(args).map(convert).collect();
            f(ctx, &values)
        }?;
        if result.type_id() != ret {
            return Err(HostError::new(format!(
                "host function '{name}' returned '{}' instead of '{}'",
                ctx.program.types.name(result.type_id()),
                ctx.program.types.name(ret)
            )));
        }
        result
            .to_reg(ctx.backend.memory())
            .map_err(|fault| HostError {
                message: fault.message,
                code: fault.code,
            })
    })
}

/// Stops a running call from any thread (the call ends with [`Status::Interrupted`]).
#[derive(Clone, Debug)]
pub struct InterruptHandle(Arc<AtomicBool>);

impl InterruptHandle {
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Withdraws an interrupt no script has consumed yet.
    pub fn clear(&self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

#[derive(Clone, Debug)]
enum InitState {
    NotRun,
    Running,
    Done,
    Failed(RuntimeError),
}

struct ModuleState {
    /// Index into `Program::modules`.
    symbols: usize,
    /// None for a host module (it has no script code).
    init: Option<FuncId>,
    /// Destroy the module's global objects when the context is freed, in this order.
    fini: Vec<FuncId>,
    imports: Vec<ModuleId>,
    state: InitState,
    source: Arc<SourceFile>,
}

/// One embedding of gjs: modules, VM memory, output sinks and limits.
pub struct Context {
    program: Program,
    backend: Box<dyn Backend>,
    /// `backend.entry()`, fetched once: every call from the host goes through it.
    entry: Entry,
    env: Env,
    config: Config,
    modules: Vec<ModuleState>,
    /// Registered names (host names and normalised file paths) → module.
    by_name: HashMap<String, ModuleId>,
    /// Files being compiled, innermost last (to diagnose cyclic imports).
    loading: Vec<String>,
    /// Bound host functions, indexed by `FuncId`.
    hosts: Vec<Option<RawHostFn>>,
    /// For each entry of `Program::modules`: whether its `__init__` has completed, so a
    /// call needs no search to know its module is ready.
    ready: Vec<bool>,
    /// Nesting of calls from the host (re-entrant calls from host functions count).
    call_depth: usize,
    /// Modules whose `__init__` completed, in that order (teardown runs in reverse).
    initialised: Vec<ModuleId>,
}

fn default_out() -> Sink {
    Box::new(|b: &[u8]| {
        let _ = std::io::stdout().lock().write_all(b);
    })
}

fn default_err() -> Sink {
    Box::new(|b: &[u8]| {
        let _ = std::io::stdout().lock().flush();
        let _ = std::io::stderr().lock().write_all(b);
    })
}

impl Context {
    /// A context with the VM backend. Panics only if the initial memory cannot be had;
    /// [`Context::try_new`] reports that instead.
    pub fn new(config: Config) -> Context {
        Context::try_new(config).expect("the initial VM memory could be allocated")
    }

    pub fn try_new(config: Config) -> Result<Context, RuntimeError> {
        let mem = MemoryConfig {
            stack_size: config.stack_size,
            memory_size: config.memory_size,
            max_memory_size: config.max_memory_size,
        };
        let vm = VmBackend::new(mem)
            .map_err(|fault| RuntimeError::from_trap(Trap::fault(fault, Vec::new())))?;
        Ok(Context::with_backend(Box::new(vm), config))
    }

    /// A context over any backend.
    pub fn with_backend(backend: Box<dyn Backend>, config: Config) -> Context {
        Context {
            program: Program::default(),
            entry: backend.entry(),
            backend,
            env: Env {
                out: default_out(),
                err: default_err(),
                steps_left: None,
                interrupt: Arc::new(AtomicBool::new(false)),
                scratch: Vec::new(),
                fuel: 0,
            },
            config,
            modules: Vec::new(),
            by_name: HashMap::new(),
            loading: Vec::new(),
            hosts: Vec::new(),
            ready: Vec::new(),
            call_depth: 0,
            initialised: Vec::new(),
        }
    }

    /// Replaces the sink of `print` and `console.log`.
    pub fn set_output(&mut self, sink: Sink) {
        self.env.out = sink;
    }

    /// Replaces the sink of `console.warn` and `console.error`.
    pub fn set_error_output(&mut self, sink: Sink) {
        self.env.err = sink;
    }

    pub fn interrupt_handle(&self) -> InterruptHandle {
        InterruptHandle(self.env.interrupt.clone())
    }

    /// Steps each later call from the host may take (0: unlimited).
    pub fn set_step_limit(&mut self, steps: u64) {
        self.config.steps = steps;
    }

    pub fn backend(&self) -> &dyn Backend {
        self.backend.as_ref()
    }

    /// Bytes of VM heap held by live blocks.
    pub fn memory_in_use(&mut self) -> u64 {
        self.backend.memory().in_use()
    }

    /// The module registered as `name`, or else the file module whose stem is `name`.
    pub fn module_by_name(&self, name: &str) -> Option<ModuleId> {
        if let Some(&m) = self.by_name.get(name) {
            return Some(m);
        }
        self.modules
            .iter()
            .position(|m| m.source.path.is_some() && self.program.modules[m.symbols].name == name)
            .map(ModuleId)
    }

    /// The global host function declared as `decl` (parameter names ignored).
    pub fn global_function_by_decl(&self, decl: &str) -> Option<FuncId> {
        let (name, params, ret) = parse_signature(decl)?;
        self.program
            .host_globals
            .get(&name)?
            .iter()
            .copied()
            .find(|&f| {
                let info = self.program.func(f);
                info.params == params && info.ret == ret
            })
    }

    pub fn module_name(&self, m: ModuleId) -> &str {
        &self.program.modules[self.modules[m.0].symbols].name
    }

    /// Compiles `source` as module `name` (spec 7.1). Nothing is registered on error.
    pub fn add_code(&mut self, name: &str, source: &str) -> Result<ModuleId, CompileError> {
        let src = SourceFile::new(name, source.as_bytes());
        if self.by_name.contains_key(name) {
            let mut diags = Diagnostics::new(src);
            diags.error(
                "E0201",
                Span::default(),
                format!("a module named '{name}' is already registered"),
            );
            return Err(CompileError {
                diagnostics: diags.items,
            });
        }
        let dir = Path::new(name).parent().map(Path::to_path_buf);
        self.compile(src, dir, name.to_string())
    }

    /// Compiles the file at `path` as a module named by its file stem, registered under
    /// its normalised path.
    pub fn add_file(&mut self, path: &Path) -> Result<ModuleId, LoadError> {
        let key = normalize(path);
        if let Some(&m) = self.by_name.get(&key) {
            return Ok(m);
        }
        let text = std::fs::read(path).map_err(|error| LoadError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| key.clone());
        let src = SourceFile::with_path(stem, Some(path.display().to_string()), text);
        let dir = path.parent().map(Path::to_path_buf);
        self.compile(src, dir, key).map_err(LoadError::Compile)
    }

    fn compile(
        &mut self,
        src: Arc<SourceFile>,
        dir: Option<PathBuf>,
        key: String,
    ) -> Result<ModuleId, CompileError> {
        if self.program.error.is_none() && key != check::exceptions::PRELUDE {
            self.load_prelude();
        }
        let mut diags = Diagnostics::new(src.clone());
        let module = parser::parse_module(&src, &mut diags);
        let mut extra = Vec::new();
        self.loading.push(key.clone());
        let (imports, import_ids) =
            self.resolve_imports(&module, dir.as_deref(), &mut diags, &mut extra);
        self.loading.pop();
        let mark = self.program.mark();
        let checked =
            check::check_module(&mut self.program, &src.name, &module, &imports, &mut diags);
        let fail = |program: &mut Program, diags: Diagnostics, extra: Vec<Diagnostic>| {
            program.truncate(mark);
            let mut all = extra;
            all.extend(diags.items);
            Err(CompileError { diagnostics: all })
        };
        if diags.has_errors() || !extra.is_empty() {
            return fail(&mut self.program, diags, extra);
        }
        let unit = ir::lower_module(&self.program, &checked, src.clone());
        if let Err(e) = self.backend.generate(&unit) {
            diags.error("E0500", e.span, e.message);
            return fail(&mut self.program, diags, extra);
        }
        let id = ModuleId(self.modules.len());
        self.modules.push(ModuleState {
            symbols: checked.module,
            init: Some(checked.init),
            fini: checked.fini,
            imports: import_ids,
            state: InitState::NotRun,
            source: src,
        });
        self.by_name.insert(key, id);
        Ok(id)
    }

    /// Resolves and compiles the modules `module` imports (spec 7.2). Returns the map
    /// from import string to symbol table for the checker, and the imported modules in
    /// import order for `__init__` ordering.
    fn resolve_imports(
        &mut self,
        module: &ast::Module,
        dir: Option<&Path>,
        diags: &mut Diagnostics,
        extra: &mut Vec<Diagnostic>,
    ) -> (HashMap<String, usize>, Vec<ModuleId>) {
        let mut map = HashMap::new();
        let mut ids = Vec::new();
        for item in &module.items {
            let ast::Item::Import(imp) = item else {
                continue;
            };
            // The built-in `math` module, unless the host registered one of that name.
            if imp.module == "math" && !self.by_name.contains_key("math") {
                // The vector classes of the built-in module, compiled on first use.
                if let Some(v) = self.math_vectors(diags, imp.module_span) {
                    map.insert(
                        crate::builtins::vectors::MODULE.to_string(),
                        self.modules[v.0].symbols,
                    );
                    if !ids.contains(&v) {
                        ids.push(v);
                    }
                }
                continue;
            }
            match self.resolve_one(&imp.module, imp.module_span, dir, diags, extra) {
                Some(m) => {
                    map.insert(imp.module.clone(), self.modules[m.0].symbols);
                    if !ids.contains(&m) {
                        ids.push(m);
                    }
                }
                None => {
                    map.remove(&imp.module);
                }
            }
        }
        (map, ids)
    }

    /// The module of the `math` vector classes, compiled the first time it is needed;
    /// None while it is being compiled (its own `import` of `math`).
    fn math_vectors(&mut self, diags: &mut Diagnostics, span: Span) -> Option<ModuleId> {
        let name = crate::builtins::vectors::MODULE;
        if let Some(&m) = self.by_name.get(name) {
            return Some(m);
        }
        if self.loading.iter().any(|l| l == name) {
            return None;
        }
        self.loading.push(name.to_string());
        let result = self.add_code(name, &crate::builtins::vectors::source());
        self.loading.retain(|l| l != name);
        match result {
            Ok(m) => Some(m),
            Err(e) => {
                let first = e
                    .diagnostics
                    .first()
                    .map(|d| d.message.clone())
                    .unwrap_or_default();
                diags.error(
                    "E0213",
                    span,
                    format!("the math vector classes failed to compile: {first}"),
                );
                None
            }
        }
    }

    fn resolve_one(
        &mut self,
        name: &str,
        span: Span,
        dir: Option<&Path>,
        diags: &mut Diagnostics,
        extra: &mut Vec<Diagnostic>,
    ) -> Option<ModuleId> {
        if let Some(&m) = self.by_name.get(name) {
            return Some(m);
        }
        let file = if name.ends_with(".gjs") {
            name.to_string()
        } else {
            format!("{name}.gjs")
        };
        let mut candidates: Vec<PathBuf> = Vec::new();
        candidates.push(match dir {
            Some(d) => d.join(&file),
            None => PathBuf::from(&file),
        });
        candidates.extend(self.config.search_paths.iter().map(|p| p.join(&file)));
        let path = candidates.into_iter().find(|p| p.is_file());
        let Some(path) = path else {
            diags.error("E0210", span, format!("module '{name}' not found"));
            return None;
        };
        let key = normalize(&path);
        if self.loading.contains(&key) {
            diags.error("E0212", span, format!("cyclic import of '{name}'"));
            return None;
        }
        match self.add_file(&path) {
            Ok(m) => Some(m),
            Err(LoadError::Io { error, .. }) => {
                diags.error(
                    "E0210",
                    span,
                    format!("module '{name}' cannot be read: {error}"),
                );
                None
            }
            Err(LoadError::Compile(e)) => {
                extra.extend(e.diagnostics);
                diags.error(
                    "E0213",
                    span,
                    format!("imported module '{name}' failed to compile"),
                );
                None
            }
        }
    }

    /// Runs a module's `__init__` once, after its imports' (spec 7.1).
    pub fn init_module(&mut self, m: ModuleId) -> Result<(), RuntimeError> {
        match &self.modules[m.0].state {
            InitState::Done | InitState::Running => return Ok(()),
            InitState::Failed(e) => return Err(e.clone()),
            InitState::NotRun => {}
        }
        self.modules[m.0].state = InitState::Running;
        let imports = self.modules[m.0].imports.clone();
        for imp in imports {
            if let Err(e) = self.init_module(imp) {
                self.modules[m.0].state = if e.status == Status::Interrupted {
                    InitState::NotRun
                } else {
                    InitState::Failed(e.clone())
                };
                return Err(e);
            }
        }
        let Some(init) = self.modules[m.0].init else {
            self.modules[m.0].state = InitState::Done;
            self.mark_ready(m);
            return Ok(());
        };
        match self.call_raw(init, &[]) {
            Ok(_) => {
                self.modules[m.0].state = InitState::Done;
                self.mark_ready(m);
                self.initialised.push(m);
                Ok(())
            }
            // An interrupt is not an exception (spec 6.5): the module is not failed, and
            // the next request runs its `__init__` again from the start.
            Err(e) if e.status == Status::Interrupted => {
                self.modules[m.0].state = InitState::NotRun;
                Err(e)
            }
            Err(e) => {
                self.modules[m.0].state = InitState::Failed(e.clone());
                Err(e)
            }
        }
    }

    /// Calls a function with arguments in register form, serving the host functions it
    /// calls on the way.
    pub(crate) fn call_raw(&mut self, func: FuncId, args: &[u64]) -> Result<u64, RuntimeError> {
        if self.call_depth == 0 {
            self.env.steps_left = (self.config.steps > 0).then_some(self.config.steps);
            self.env.fuel = 0;
        }
        self.call_depth += 1;
        let entry = self.entry;
        let hook = HostHook {
            data: self as *mut Context as *mut (),
            call: call_host,
            reborrow: reborrow_context,
        };
        // SAFETY: `hook.data` is this context, which nothing uses through `self` until
        // the entry returns; the VM's host calls reach it only through `hook`.
        let result = unsafe { entry(&hook, func, args) }.map_err(|trap| self.uncaught(trap));
        self.call_depth -= 1;
        if self.call_depth == 0 {
            // Hand unused steps of the last chunk back, so budgets add up across calls.
            if let Some(s) = &mut self.env.steps_left {
                *s += self.env.fuel as u64;
            }
            self.env.fuel = 0;
        }
        result
    }

    /// The error for a call that ended with `trap`. An uncaught exception object is
    /// destroyed here, its frames being gone (spec 6.6).
    fn uncaught(&mut self, mut trap: Trap) -> RuntimeError {
        let thrown = match &mut trap {
            Trap::Fault(t) => t.thrown.take(),
            Trap::Interrupted => None,
        };
        let mut error = RuntimeError::from_trap(trap);
        let Some(thrown) = thrown else {
            return error;
        };
        if self.program.error.map(|e| e.0) != Some(thrown.class as usize) {
            let name = self
                .program
                .classes
                .get(thrown.class as usize)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            error.status = Status::RuntimeError;
            error.code = Fault::RUNTIME;
            error.message = format!("uncaught exception of type {name}");
            error.type_name = name;
        }
        if let Some(drop) = thrown.drop {
            // A drop function catches whatever its destructor raises.
            let _ = self.call_raw(drop, &[thrown.object as u64]);
        }
        error
    }

    /// Compiles the hidden module that declares `Error` and tells the backend where
    /// `Error` keeps its fields, so that runtime faults become catchable `Error`s.
    fn load_prelude(&mut self) {
        let name = check::exceptions::PRELUDE;
        let Ok(m) = self.add_code(name, check::exceptions::PRELUDE_SOURCE) else {
            return;
        };
        let _ = self.init_module(m);
        let Some((class, drop)) = self.program.error else {
            return;
        };
        let info = &self.program.classes[class];
        let field = |n: &str| info.fields.iter().find(|f| f.name == n).map(|f| f.offset);
        if let (Some(message_at), Some(code_at)) = (field("message"), field("code")) {
            let error = super::backend::ErrorClass {
                class: class as u32,
                drop,
                size: info.size,
                message_at,
                code_at,
            };
            self.backend.set_error_class(error);
        }
    }

    /// Runs host function `func` on register arguments (whose string references it
    /// consumes) and returns its result in register form.
    fn invoke_host(&mut self, func: FuncId, args: &[u64]) -> Result<u64, Fault> {
        let Some(host) = self.hosts.get(func.0 as usize).and_then(|h| h.as_ref()) else {
            return Err(Fault::runtime(format!(
                "host function '{}' is not bound",
                self.program.func(func).name
            )));
        };
        // Host entries are never removed or replaced while the context lives, so the
        // closure behind the `Arc` stays put even if a nested `bind_function` grows the
        // table; calling through a pointer avoids two atomic reference-count updates on
        // every host call.
        let f: *const RawHostBody = Arc::as_ptr(host);
        // SAFETY: `f` points into an `Arc` the context keeps for its whole life (above).
        unsafe { (*f)(self, args) }.map_err(|e| Fault {
            code: e.code,
            message: e.message,
        })
    }

    /// Calls `func` with `args`, which must have exactly the declared parameter types
    /// (otherwise [`Status::TypeMismatch`] and nothing runs). The function's module is
    /// initialised first if it has not been (spec 7.1); calling `__init__` initialises
    /// its module.
    pub fn call(&mut self, func: FuncId, args: &[Value]) -> Result<Value, RuntimeError> {
        if self.program.funcs.get(func.0 as usize).is_none() {
            return Err(RuntimeError::status(Status::NotFound, "no such function"));
        }
        if let Some(e) = self.objects_not_supported(func, false) {
            return Err(e);
        }
        let info = &self.program.funcs[func.0 as usize];
        if args.len() != info.params.len()
            || args
                .iter()
                .zip(&info.params)
                .any(|(a, &p)| a.type_id() != p)
        {
            let given: Vec<String> = args
                .iter()
                .map(|a| self.program.types.name(a.type_id()))
                .collect();
            return Err(RuntimeError::status(
                Status::TypeMismatch,
                format!(
                    "'{}' cannot be called with ({})",
                    self.program.declaration(func),
                    given.join(", ")
                ),
            ));
        }
        let (ret, host, sym) = (info.ret, info.host, info.module);
        if !self.ready.get(sym).copied().unwrap_or(false) {
            if let Some(m) = self.modules.iter().position(|m| m.symbols == sym) {
                let is_init = self.modules[m].init == Some(func);
                self.init_module(ModuleId(m))?;
                if is_init {
                    return Ok(Value::Void);
                }
            }
        } else if !host && self.program.funcs[func.0 as usize].name == "__init__" {
            return Ok(Value::Void);
        }
        let mut inline = [0u64; INLINE_ARGS];
        let spilled;
        let regs: &[u64] = if args.len() <= INLINE_ARGS {
            self.values_to_regs(args, &mut inline[..args.len()])?;
            &inline[..args.len()]
        } else {
            let mut v = vec![0u64; args.len()];
            self.values_to_regs(args, &mut v)?;
            spilled = v;
            &spilled
        };
        let r = if host {
            self.invoke_host(func, regs)
                .map_err(|fault| RuntimeError::from_trap(Trap::fault(fault, Vec::new())))?
        } else {
            self.call_raw(func, regs)?
        };
        Ok(self.take_result(ret, r))
    }

    /// The refusal of a call from the host to a function that takes or returns objects
    /// the caller cannot pass: handles `T?` always; with `c_abi` false (the Rust API),
    /// every object (the C layer passes formats and host value types as C structs, and
    /// class instances and arrays as object handles).
    pub(crate) fn objects_not_supported(&self, func: FuncId, c_abi: bool) -> Option<RuntimeError> {
        let info = &self.program.funcs[func.0 as usize];
        let is_object = |t: TypeId| {
            (t.is_composite() || t.is_handle())
                && !(c_abi && (self.c_struct_size(t).is_some() || self.is_held_object(t)))
        };
        if !info.params.iter().any(|&t| is_object(t)) && !is_object(info.ret) {
            return None;
        }
        Some(RuntimeError::status(
            Status::TypeMismatch,
            format!(
                "'{}' takes or returns objects, which cannot be passed between host and script yet",
                self.program.declaration(func)
            ),
        ))
    }

    /// The size of an object type that crosses to the host as a C struct: a format
    /// (spec 3.5), a host value type, or a host handle type (a `void*`).
    pub(crate) fn c_struct_size(&self, ty: TypeId) -> Option<u32> {
        if !ty.is_composite() {
            return None;
        }
        self.program.c_layout(ty).map(|(size, _)| size)
    }

    /// What object type `ty` is, with its C size and alignment (0 when it has no C
    /// representation); None for primitives and `string`.
    pub(crate) fn object_kind(&self, ty: TypeId) -> Option<(ObjectKind, u32, u32)> {
        if self.program.types.array_elem(ty).is_some() {
            return Some((ObjectKind::Array, 0, 0));
        }
        let c = self.program.class_of(ty)?;
        let kind = match c.host {
            Some(check::host::HostKind::Value) => ObjectKind::Value,
            Some(check::host::HostKind::Handle) => ObjectKind::Handle,
            None if c.is_format => ObjectKind::Format,
            None => return Some((ObjectKind::Class, 0, 0)),
        };
        Some((kind, c.size, c.align))
    }

    /// A heap copy of `bytes` in VM memory (a format value passed from the host).
    pub(crate) fn new_object(&mut self, bytes: &[u8]) -> Result<u64, RuntimeError> {
        let mem = self.backend.memory();
        let fault = |f| RuntimeError::from_trap(Trap::fault(f, Vec::new()));
        let at = mem.alloc(bytes.len().max(1) as u32).map_err(fault)?;
        mem.bytes_mut()[at as usize..at as usize + bytes.len()].copy_from_slice(bytes);
        Ok(at as u64)
    }

    /// A zeroed heap block of `size` bytes in VM memory (storage a call constructs its
    /// object result in).
    pub(crate) fn new_zeroed(&mut self, size: u32) -> Result<u32, RuntimeError> {
        let mem = self.backend.memory();
        let fault = |f| RuntimeError::from_trap(Trap::fault(f, Vec::new()));
        let size = size.max(1);
        let at = mem.alloc(size).map_err(fault)?;
        mem.bytes_mut()[at as usize..(at + size) as usize].fill(0);
        Ok(at)
    }

    /// The `size` bytes of the object at `at` (checked: empty if out of range).
    pub(crate) fn object_bytes(&mut self, at: u64, size: u32) -> &[u8] {
        let (at, size) = (at as usize, size as usize);
        self.backend
            .memory()
            .bytes()
            .get(at..at + size)
            .unwrap_or(&[])
    }

    /// The `size` bytes of the object at `at`, writable (checked: empty if out of range).
    pub(crate) fn object_bytes_mut(&mut self, at: u64, size: u32) -> &mut [u8] {
        let (at, size) = (at as usize, size as usize);
        self.backend
            .memory()
            .bytes_mut()
            .get_mut(at..at + size)
            .unwrap_or(&mut [])
    }

    /// Frees an object made by [`Context::new_object`].
    pub(crate) fn free_object(&mut self, at: u64) {
        self.backend.memory().free(at as u32);
    }

    /// Calls `func` with arguments already in register form and of the declared types
    /// (string arguments are references the callee takes over); returns the result slot
    /// (a string result is a reference the caller must release). Initialises the
    /// function's module first, like [`Context::call`].
    pub(crate) fn call_prepared(
        &mut self,
        func: FuncId,
        regs: &[u64],
    ) -> Result<u64, RuntimeError> {
        let info = &self.program.funcs[func.0 as usize];
        let (host, sym) = (info.host, info.module);
        if !self.ready.get(sym).copied().unwrap_or(false) {
            if let Some(m) = self.modules.iter().position(|m| m.symbols == sym) {
                let is_init = self.modules[m].init == Some(func);
                self.init_module(ModuleId(m))?;
                if is_init {
                    return Ok(0);
                }
            }
        } else if !host && self.program.funcs[func.0 as usize].name == "__init__" {
            // Only module initialisers have this (reserved) name; it already ran.
            return Ok(0);
        }
        if host {
            return self
                .invoke_host(func, regs)
                .map_err(|fault| RuntimeError::from_trap(Trap::fault(fault, Vec::new())));
        }
        self.call_raw(func, regs)
    }

    /// A new string reference in VM memory holding `bytes`.
    pub(crate) fn new_string(&mut self, bytes: &[u8]) -> Result<u64, RuntimeError> {
        crate::runtime::strings::new(self.backend.memory(), bytes)
            .map(u64::from)
            .map_err(|fault| RuntimeError::from_trap(Trap::fault(fault, Vec::new())))
    }

    /// The bytes of the string reference `s`.
    pub(crate) fn string_bytes(&mut self, s: u64) -> &[u8] {
        crate::runtime::strings::bytes(self.backend.memory(), s as u32)
    }

    /// Drops one reference to a string in register form.
    pub(crate) fn release_string(&mut self, s: u64) {
        crate::runtime::strings::release(self.backend.memory(), s as u32);
    }

    fn values_to_regs(&mut self, args: &[Value], regs: &mut [u64]) -> Result<(), RuntimeError> {
        let mem = self.backend.memory();
        for (i, a) in args.iter().enumerate() {
            match a.to_reg(mem) {
                Ok(r) => regs[i] = r,
                Err(fault) => {
                    for (r, a) in regs[..i].iter().zip(args) {
                        if matches!(a, Value::Str(_)) {
                            crate::runtime::strings::release(mem, *r as u32);
                        }
                    }
                    return Err(RuntimeError::from_trap(Trap::fault(fault, Vec::new())));
                }
            }
        }
        Ok(())
    }

    /// Converts a result slot to a value, dropping the script's string reference.
    fn take_result(&mut self, ty: TypeId, r: u64) -> Value {
        let mem = self.backend.memory();
        let v = Value::from_reg(ty, r, mem);
        if ty == TypeId::STRING {
            crate::runtime::strings::release(mem, r as u32);
        }
        v
    }

    /// Binds a host function declared as `decl` (e.g. `f32 lerp(f32 a, f32 b, f32 t)`)
    /// into the global scope (`module` None) or into the host module `module`, which
    /// scripts then import. Parameter and result types are primitives or `string`.
    pub fn bind_function(
        &mut self,
        module: Option<&str>,
        decl: &str,
        f: HostFn,
    ) -> Result<FuncId, CompileError> {
        self.bind(module, decl, Binding::Values(f))
    }

    /// [`Context::bind_function`] for a function working on register slots; `make`
    /// receives the declared parameter and result types (it is not called when the
    /// declaration is refused).
    pub(crate) fn bind_raw(
        &mut self,
        module: Option<&str>,
        decl: &str,
        make: RawHostMaker,
    ) -> Result<FuncId, CompileError> {
        self.bind(module, decl, Binding::Raw(make))
    }

    fn bind(
        &mut self,
        module: Option<&str>,
        decl: &str,
        f: Binding,
    ) -> Result<FuncId, CompileError> {
        let src = SourceFile::new("<declaration>", decl.as_bytes());
        let mut diags = Diagnostics::new(src.clone());
        let sig = parser::parse_function_signature(&src, &mut diags);
        let Some(sig) = sig else {
            if !diags.has_errors() {
                diags.error(
                    "E0101",
                    Span::new(0, decl.len() as u32),
                    "expected a function declaration",
                );
            }
            return Err(CompileError {
                diagnostics: diags.items,
            });
        };
        let module_idx = match module {
            None => None,
            Some(name) => match self.host_module(name) {
                Ok(m) => Some(m),
                Err(msg) => {
                    diags.error("E0201", Span::default(), msg);
                    return Err(CompileError {
                        diagnostics: diags.items,
                    });
                }
            },
        };
        let ret = self.host_type(module_idx, &sig.ret, true, &mut diags);
        let params: Vec<TypeId> = sig
            .params
            .iter()
            .map(|p| self.host_type(module_idx, &p.ty, false, &mut diags))
            .collect();
        self.check_host_arity(&params, &sig.name, &mut diags);
        if matches!(f, Binding::Values(_)) && params.iter().chain([&ret]).any(|t| t.is_composite())
        {
            diags.error(
                "E0205",
                sig.span,
                "a Rust host function takes and returns primitives and strings only",
            );
        }
        if diags.has_errors() {
            return Err(CompileError {
                diagnostics: diags.items,
            });
        }
        let names = sig.params.iter().map(|p| p.name.name.clone()).collect();
        let id =
            match self
                .program
                .declare_host_function(module_idx, &sig.name.name, params, names, ret)
            {
                Ok(id) => id,
                Err(msg) => {
                    diags.error("E0202", sig.name.span, msg);
                    return Err(CompileError {
                        diagnostics: diags.items,
                    });
                }
            };
        self.install_host(id, f);
        Ok(id)
    }

    /// A parameter or result type of a host declaration: a primitive, `string`, or a
    /// host type of `module` (E0205 otherwise).
    fn host_type(
        &self,
        module: Option<usize>,
        t: &ast::TypeExpr,
        allow_void: bool,
        diags: &mut Diagnostics,
    ) -> TypeId {
        let plain = t.qualifier.is_none() && t.arg.is_none() && !t.handle;
        let found = match Types::builtin_named(&t.name.name) {
            Some(id) => Some(id).filter(|&id| allow_void || id != TypeId::VOID),
            None => module
                .and_then(|m| self.program.modules[m].classes.get(&t.name.name))
                .map(|&c| &self.program.classes[c])
                .filter(|c| c.host.is_some())
                .map(|c| c.ty),
        };
        match found.filter(|_| plain) {
            Some(id) => id,
            None => {
                diags.error(
                    "E0205",
                    t.span,
                    format!(
                        "'{}' is not a type a host function can take or return",
                        t.name.name
                    ),
                );
                TypeId::ERROR
            }
        }
    }

    fn check_host_arity(&self, params: &[TypeId], name: &ast::Ident, diags: &mut Diagnostics) {
        if params.len() > MAX_HOST_PARAMS {
            diags.error(
                "E0500",
                name.span,
                format!("a host function takes at most {MAX_HOST_PARAMS} parameters"),
            );
        }
    }

    /// Makes host function `id` callable: tells the backend and stores the function.
    fn install_host(&mut self, id: FuncId, f: Binding) {
        let sig = self.host_signature(id);
        let hidden = usize::from(sig.ret_object.is_some());
        self.backend.declare_host(id, sig.params.len() + hidden);
        let i = id.0 as usize;
        if self.hosts.len() <= i {
            self.hosts.resize(i + 1, None);
        }
        let name = self.program.func(id).name.clone();
        self.hosts[i] = Some(match f {
            Binding::Raw(make) => make(&sig),
            Binding::Values(f) => values_adapter(f, sig.params, sig.ret, name),
        });
    }

    /// The C view of host function `id`'s types.
    pub(crate) fn host_signature(&self, id: FuncId) -> HostSignature {
        let info = self.program.func(id);
        let object = |t: TypeId| {
            let c = self.program.class_of(t)?;
            let (size, _) = self.program.c_layout(t)?;
            Some(CObject {
                size,
                handle: c.host == Some(check::host::HostKind::Handle),
            })
        };
        HostSignature {
            params: info.params.clone(),
            ret: info.ret,
            objects: info.params.iter().map(|&t| object(t)).collect(),
            ret_object: object(info.ret),
            this_must_be_set: info.param_names.first().is_some_and(|n| n == "this")
                && !info
                    .params
                    .first()
                    .and_then(|&t| self.program.class_of(t))
                    .is_some_and(|c| c.ctors.contains(&id)),
        }
    }

    /// The symbol table of host module `name`, created on first use.
    fn host_module(&mut self, name: &str) -> Result<usize, String> {
        if let Some(&m) = self.by_name.get(name) {
            let state = &self.modules[m.0];
            if state.init.is_some() {
                return Err(format!(
                    "'{name}' is a script module; host functions go into host modules"
                ));
            }
            return Ok(state.symbols);
        }
        let symbols = self.program.modules.len();
        self.program.modules.push(check::ModuleSymbols {
            name: name.to_string(),
            ..check::ModuleSymbols::default()
        });
        let id = ModuleId(self.modules.len());
        self.modules.push(ModuleState {
            symbols,
            init: None,
            fini: Vec::new(),
            imports: Vec::new(),
            state: InitState::Done,
            source: SourceFile::new(name, ""),
        });
        self.by_name.insert(name.to_string(), id);
        Ok(symbols)
    }

    /// The functions of module `m`: script functions in declaration order and then
    /// `__init__`, or the bound functions of a host module.
    pub fn functions(&self, m: ModuleId) -> Vec<FuncId> {
        let sym = self.modules[m.0].symbols;
        (0..self.program.funcs.len() as u32)
            .map(FuncId)
            .filter(|&f| {
                let info = self.program.func(f);
                // The implementation's own functions (`__fini__`, `__drop__`,
                // `__destroy__`) are not the host's to call; `__init__` is.
                info.module == sym
                    && !matches!(info.name.as_str(), "__fini__" | "__drop__" | "__destroy__")
            })
            .collect()
    }

    /// The function of module `m` named `name`; None if there is none or several.
    pub fn function(&self, m: ModuleId, name: &str) -> Option<FuncId> {
        let mut it = self
            .functions(m)
            .into_iter()
            .filter(|&f| self.program.func(f).name == name);
        let first = it.next()?;
        it.next().is_none().then_some(first)
    }

    /// The function of module `m` whose declaration is `decl` (`f32 mul(f32, f32)`;
    /// parameter names are ignored).
    pub fn function_by_decl(&self, m: ModuleId, decl: &str) -> Option<FuncId> {
        let (name, params, ret) = parse_signature(decl)?;
        self.functions(m).into_iter().find(|&f| {
            let info = self.program.func(f);
            info.name == name && info.params == params && info.ret == ret
        })
    }

    /// What the context knows of a function: name, parameter and result types.
    pub fn function_info(&self, f: FuncId) -> &check::FuncInfo {
        self.program.func(f)
    }

    /// `R name(T1 a, T2 b)`.
    pub fn declaration(&self, f: FuncId) -> String {
        self.program.declaration(f)
    }

    pub fn type_name(&self, t: TypeId) -> String {
        self.program.types.name(t)
    }

    fn mark_ready(&mut self, m: ModuleId) {
        let sym = self.modules[m.0].symbols;
        if self.ready.len() <= sym {
            self.ready.resize(sym + 1, false);
        }
        self.ready[sym] = true;
    }

    /// Brings the context back to a usable state after a panic unwound out of it.
    pub(crate) fn recover_after_panic(&mut self) {
        self.call_depth = 0;
        self.backend.reset();
    }

    /// Destroys the global objects of every initialised module, modules in reverse
    /// order of initialisation (spec 5.8). A fault escaping a destructor is written to the
    /// error sink and the teardown goes on. Runs once; `Drop` calls it.
    pub fn destroy_module_objects(&mut self) {
        while let Some(m) = self.initialised.pop() {
            for fini in self.modules[m.0].fini.clone() {
                self.destroy_with(fini, &[], "module objects");
            }
        }
    }

    /// Runs destroy function `func` on `args`. It gets the configured step budget, or
    /// without one a bounded default, so that a destructor that never ends cannot hang
    /// the host; a fault escaping it is written to the error sink (destruction has no
    /// caller to report to).
    pub(crate) fn destroy_with(&mut self, func: FuncId, args: &[u64], what: &str) {
        let configured = self.config.steps;
        if configured == 0 {
            self.config.steps = TEARDOWN_STEPS;
        }
        if let Err(e) = self.call_raw(func, args) {
            let text = format!("error while destroying {what}: {e}\n");
            (self.env.err)(text.as_bytes());
        }
        self.config.steps = configured;
    }

    /// Every module, in registration order.
    pub fn modules(&self) -> Vec<ModuleId> {
        (0..self.modules.len()).map(ModuleId).collect()
    }

    /// A bytecode listing of every function of module `m`, with source lines.
    pub fn disassemble(&self, m: ModuleId) -> String {
        let sym = self.modules[m.0].symbols;
        let mut out = String::new();
        for (i, f) in self.program.funcs.iter().enumerate() {
            if f.module == sym
                && let Some(text) = self.backend.disassemble(FuncId(i as u32))
            {
                out.push_str(&text);
                out.push('\n');
            }
        }
        out
    }

    /// The source a module was compiled from.
    pub fn module_source(&self, m: ModuleId) -> &Arc<SourceFile> {
        &self.modules[m.0].source
    }
}

/// [`HostHook::call`]: a host function called by a running script.
///
/// # Safety
/// `data` is the `*mut Context` of the running call.
unsafe fn call_host(data: *mut (), func: FuncId, args: &[u64]) -> Result<u64, Fault> {
    // SAFETY: per contract; the VM keeps no reference into the context meanwhile.
    let ctx = unsafe { &mut *(data as *mut Context) };
    ctx.invoke_host(func, args)
}

/// [`HostHook::reborrow`]: the context's backend and `Env`, derived from `data`.
///
/// # Safety
/// `data` is the `*mut Context` of the running call; no reference into the context is
/// live.
unsafe fn reborrow_context(data: *mut ()) -> (*mut (), *mut Env) {
    let ctx = data as *mut Context;
    // SAFETY: per contract.
    unsafe {
        (
            &mut *(*ctx).backend as *mut dyn Backend as *mut (),
            &raw mut (*ctx).env,
        )
    }
}

/// Name, parameter types and result type of a declaration string made of primitive and
/// `string` types.
fn parse_signature(decl: &str) -> Option<(String, Vec<TypeId>, TypeId)> {
    let src = SourceFile::new("<declaration>", decl.as_bytes());
    let mut diags = Diagnostics::new(src.clone());
    let sig = parser::parse_function_signature(&src, &mut diags)?;
    let ty = |t: &ast::TypeExpr| {
        Types::builtin_named(&t.name.name).filter(|_| t.qualifier.is_none() && t.arg.is_none())
    };
    let ret = ty(&sig.ret)?;
    let params = sig
        .params
        .iter()
        .map(|p| ty(&p.ty))
        .collect::<Option<_>>()?;
    Some((sig.name.name, params, ret))
}

/// A path as a registration key: absolute and without `.` or `..` parts where possible.
fn normalize(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The step budget of each module-object destructor call at teardown when the host set
/// none (a fraction of a second of script work).
const TEARDOWN_STEPS: u64 = 100_000_000;

impl Drop for Context {
    fn drop(&mut self) {
        // Never run script code while a call is still on the stack (a panic unwinding
        // out of a host callback, for example).
        if self.call_depth == 0 {
            self.destroy_module_objects();
        }
    }
}
