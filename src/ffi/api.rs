//! The exported functions. See the header banner (generated from `cbindgen.toml`) for
//! the ownership rules they share.

use super::handles::{
    BACKEND_MAGIC, Borrowed, CONTEXT_MAGIC, FUNCTION_MAGIC, MODULE_MAGIC, TYPE_MAGIC, TYPES,
    context_type, gjs_backend, gjs_context, gjs_diagnostic, gjs_frame, gjs_function, gjs_module,
    gjs_runtime_error, gjs_str, gjs_type,
};
use super::*;
use crate::check::types::{Prim, TypeId};
use crate::context::{CObject, Config, Context, HostError, HostSignature, LoadError, ModuleId};
use crate::runtime::memory::MemoryConfig;
use crate::{FuncId, Status};
use std::ffi::{c_char, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

/// A host function bound with `gjs_context_bind_function`. `args[i]` points to the
/// i-th argument in its C representation (valid during the call); `ret` points to
/// storage for the result (NULL for `void`); a `gjs_str` result must stay valid until
/// the function returns (it is copied then). Return `GJS_OK`, or call
/// `gjs_context_throw(ctx, message)` and return its status: the script then sees an
/// `Error` it can catch. Returning `GJS_OUT_OF_MEMORY` or `GJS_STACK_OVERFLOW` raises
/// that fault instead; returning `GJS_INTERRUPTED` (for instance after a nested call
/// was interrupted) stops the whole call, which scripts cannot catch.
pub type gjs_host_fn = Option<
    unsafe extern "C" fn(
        ctx: *mut gjs_context,
        ret: *mut c_void,
        args: *mut *mut c_void,
        user_data: *mut c_void,
    ) -> gjs_status,
>;

/// Releases the `user_data` of a bound function when the context is freed.
pub type gjs_free_fn = Option<unsafe extern "C" fn(user_data: *mut c_void)>;

/// Receives script output: `len` bytes at `text` (not NUL-terminated).
pub type gjs_output_fn =
    Option<unsafe extern "C" fn(text: *const c_char, len: usize, user_data: *mut c_void)>;

/// Validates a context pointer.
///
/// # Safety
/// `ctx` is NULL or points to memory that held a `gjs_context`.
unsafe fn context<'a>(ctx: *const gjs_context, name: &str) -> Result<&'a gjs_context, String> {
    if ctx.is_null() {
        return Err(format!("{name} is NULL"));
    }
    // SAFETY: non-null; a freed handle has its magic cleared before release.
    let c = unsafe { &*ctx };
    if c.magic != CONTEXT_MAGIC {
        return Err(format!("{name} does not point to a live gjs_context"));
    }
    Ok(c)
}

/// Runs `f` with a validated context and its lock, turning a panic into
/// `GJS_INTERNAL_ERROR` and a validation failure into `GJS_INVALID_ARGUMENT`.
///
/// # Safety
/// As for [`context`].
pub(super) unsafe fn with_context(
    ctx: *const gjs_context,
    f: impl FnOnce(&gjs_context) -> gjs_status,
) -> gjs_status {
    // SAFETY: forwarded contract.
    let c = match unsafe { context(ctx, "ctx") } {
        Ok(c) => c,
        Err(msg) => {
            set_last_error(&msg);
            return GJS_INVALID_ARGUMENT;
        }
    };
    let _guard = c.lock.lock();
    match catch_unwind(AssertUnwindSafe(|| f(c))) {
        Ok(s) => s,
        Err(p) => {
            let msg = format!("internal error: {}", panic_message(p.as_ref()));
            // SAFETY: lock held; the panicking borrow is gone.
            unsafe { c.ctx() }.recover_after_panic();
            set_last_error(&msg);
            c.fail(GJS_INTERNAL_ERROR, &msg)
        }
    }
}

/// A panic boundary for functions that return a pointer (NULL on failure).
fn or_null<T>(f: impl FnOnce() -> Result<*mut T, String>) -> *mut T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(p)) => p,
        Ok(Err(msg)) => {
            set_last_error(&msg);
            std::ptr::null_mut()
        }
        Err(p) => {
            set_last_error(&format!("internal error: {}", panic_message(p.as_ref())));
            std::ptr::null_mut()
        }
    }
}

/// # Safety
/// `m` is NULL or points to memory that held a `gjs_module`.
pub(super) unsafe fn module_ref<'a>(
    m: *const gjs_module,
    name: &str,
) -> Result<&'a gjs_module, String> {
    if m.is_null() {
        return Err(format!("{name} is NULL"));
    }
    // SAFETY: non-null; module handles live as long as their context.
    let h = unsafe { &*m };
    if h.magic != MODULE_MAGIC {
        return Err(format!("{name} does not point to a gjs_module"));
    }
    Ok(h)
}

/// # Safety
/// `f` is NULL or points to memory that held a `gjs_function`.
unsafe fn function<'a>(f: *const gjs_function, name: &str) -> Result<&'a gjs_function, String> {
    if f.is_null() {
        return Err(format!("{name} is NULL"));
    }
    // SAFETY: non-null; function handles live as long as their context.
    let h = unsafe { &*f };
    if h.magic != FUNCTION_MAGIC {
        return Err(format!("{name} does not point to a gjs_function"));
    }
    Ok(h)
}

/// # Safety
/// `t` is NULL or points to a `gjs_type`.
pub(super) unsafe fn type_ref<'a>(t: *const gjs_type) -> Option<&'a gjs_type> {
    if t.is_null() {
        return None;
    }
    // SAFETY: non-null; types are static.
    let h = unsafe { &*t };
    (h.magic == TYPE_MAGIC).then_some(h)
}

fn module_handle(c: &gjs_context, borrowed: &mut Borrowed, id: ModuleId) -> *mut gjs_module {
    // SAFETY: lock held by the caller; short-lived.
    let name = unsafe { c.ctx() }.module_name(id).to_string();
    let h = borrowed.modules.entry(id.0).or_insert_with(|| {
        Box::new(gjs_module {
            magic: MODULE_MAGIC,
            ctx: c as *const gjs_context,
            id,
            name: to_cstring(&name),
        })
    });
    h.as_mut() as *mut gjs_module
}

fn function_handle(c: &gjs_context, borrowed: &mut Borrowed, id: FuncId) -> *mut gjs_function {
    // SAFETY: lock held by the caller; short-lived.
    let ctx = unsafe { c.ctx() };
    if let Some(h) = borrowed.functions.get_mut(&id.0) {
        return h.as_mut() as *mut gjs_function;
    }
    let info = ctx.function_info(id);
    let ret_type = context_type(ctx, borrowed, info.ret);
    let param_types = info
        .params
        .iter()
        .map(|&t| context_type(ctx, borrowed, t))
        .collect();
    let h = borrowed.functions.entry(id.0).or_insert_with(|| {
        Box::new(gjs_function {
            magic: FUNCTION_MAGIC,
            ctx: c as *const gjs_context,
            id,
            name: to_cstring(&info.name),
            decl: to_cstring(&ctx.declaration(id)),
            ret: info.ret,
            takes_objects: info
                .params
                .iter()
                .chain(std::iter::once(&info.ret))
                .any(|&t| t.is_composite() || t.is_handle()),
            params: info.params.clone(),
            ret_type,
            param_types,
        })
    });
    h.as_mut() as *mut gjs_function
}

/// The bytes of the `gjs_str` at `p` (empty for a NULL or zero-length one).
///
/// # Safety
/// `p` points to a `gjs_str` whose `ptr` is NULL or valid for `len` bytes, for `'a`.
pub(super) unsafe fn str_arg<'a>(p: *const c_void) -> &'a [u8] {
    // SAFETY: forwarded contract.
    unsafe {
        let s = (p as *const gjs_str).read_unaligned();
        if s.ptr.is_null() || s.len == 0 {
            &[]
        } else {
            std::slice::from_raw_parts(s.ptr as *const u8, s.len)
        }
    }
}

/// The library version, e.g. "0.1.0".
///
/// Ownership: static; never free it.
#[unsafe(no_mangle)]
pub extern "C" fn gjs_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}

/// The message of the last failure on this thread that had no context to record it in
/// (`gjs_context_new`, `gjs_vm_backend_new`, an invalid `ctx` argument); "" if none.
///
/// Ownership: borrowed; valid until the next failing call on this thread.
#[unsafe(no_mangle)]
pub extern "C" fn gjs_last_error() -> *const c_char {
    LAST_ERROR.with(|e| e.borrow().as_ptr())
}

/// Creates a VM backend with a stack of `stack_size` bytes and a memory cap of
/// `mem_size` bytes (the most all scripts of the context may use); 0 picks the default
/// (1 MiB stack; no memory cap but the 4 GiB address space). The heap starts at
/// 1,000,000 bytes (or `mem_size` if smaller) and grows up to the cap.
///
/// Ownership: the caller owns the result; pass it to `gjs_context_new` (which takes it
/// over) or release it with `gjs_backend_free`.
/// Errors: never NULL for these arguments.
#[unsafe(no_mangle)]
pub extern "C" fn gjs_vm_backend_new(stack_size: u32, mem_size: u32) -> *mut gjs_backend {
    let initial = MemoryConfig::default().memory_size;
    gjs_vm_backend_new_sized(
        stack_size,
        if mem_size == 0 {
            initial
        } else {
            mem_size.min(initial)
        },
        mem_size as u64,
    )
}

/// Creates a VM backend with every size given: `stack_size` bytes of stack,
/// `memory_size` bytes of initial heap (stackvm's MEMORY_SIZE) and a heap cap of
/// `max_memory_size` bytes (MAX_MEMORY_SIZE; 0 for none). 0 for the first two picks the
/// default.
///
/// Ownership: as for `gjs_vm_backend_new`.
#[unsafe(no_mangle)]
pub extern "C" fn gjs_vm_backend_new_sized(
    stack_size: u32,
    memory_size: u32,
    max_memory_size: u64,
) -> *mut gjs_backend {
    let d = Config::default();
    Box::into_raw(Box::new(gjs_backend {
        magic: BACKEND_MAGIC,
        config: Config {
            stack_size: if stack_size == 0 {
                d.stack_size
            } else {
                stack_size
            },
            memory_size: if memory_size == 0 {
                d.memory_size
            } else {
                memory_size
            },
            max_memory_size,
            ..d
        },
    }))
}

fn backend_ref<'a>(b: *const gjs_backend) -> Option<&'a gjs_backend> {
    if b.is_null() {
        return None;
    }
    // SAFETY: non-null; validated by magic.
    let h = unsafe { &*b };
    (h.magic == BACKEND_MAGIC).then_some(h)
}

/// The number of registers a frame of this backend may use for integer values.
///
/// Errors: 0 for NULL or an invalid handle.
#[unsafe(no_mangle)]
pub extern "C" fn gjs_backend_gp_count(b: *const gjs_backend) -> u16 {
    backend_ref(b).map_or(0, |_| crate::backend::vm::MAX_FRAME as u16)
}

/// The number of registers a frame of this backend may use for floating-point values
/// (the VM shares one register file between both kinds).
///
/// Errors: 0 for NULL or an invalid handle.
#[unsafe(no_mangle)]
pub extern "C" fn gjs_backend_fp_count(b: *const gjs_backend) -> u16 {
    backend_ref(b).map_or(0, |_| crate::backend::vm::MAX_FRAME as u16)
}

/// Releases a backend that no context took over.
///
/// Ownership: `b` must come from `gjs_vm_backend_new*` and not have been passed to
/// `gjs_context_new`; NULL is a no-op.
///
/// # Safety
/// `b` is NULL or a live backend handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_backend_free(b: *mut gjs_backend) {
    if backend_ref(b).is_some() {
        // SAFETY: a live handle from Box::into_raw; its magic is cleared first so a
        // second free is detected instead of freeing twice.
        unsafe {
            (*b).magic = 0;
            drop(Box::from_raw(b));
        }
    }
}

/// Creates a context over `backend` (NULL: the default VM backend).
///
/// Ownership: takes over `backend` (even on failure); the caller owns the result and
/// releases it with `gjs_context_free`.
/// Errors: NULL if the VM memory cannot be allocated; `gjs_last_error` says why.
///
/// # Safety
/// `backend` is NULL or a live backend handle not yet given to a context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_new(backend: *mut gjs_backend) -> *mut gjs_context {
    or_null(|| {
        let config = match backend_ref(backend) {
            Some(b) => {
                let config = b.config.clone();
                // SAFETY: as in gjs_backend_free.
                unsafe { gjs_backend_free(backend) };
                config
            }
            None if backend.is_null() => Config::default(),
            None => return Err("backend does not point to a live gjs_backend".into()),
        };
        let ctx = Context::try_new(config).map_err(|e| e.to_string())?;
        Ok(Box::into_raw(Box::new(gjs_context::new(ctx))))
    })
}

/// Releases a context with everything it owns: modules, functions, VM memory and the
/// user data of bound functions (through their free callbacks).
///
/// Ownership: `ctx` from `gjs_context_new`; NULL is a no-op. Every module, function,
/// type and string borrowed from it becomes invalid.
/// Errors: refused (nothing happens; see `gjs_last_error`) from inside one of the
/// context's own host callbacks.
///
/// # Safety
/// `ctx` is NULL or a live context handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_free(ctx: *mut gjs_context) {
    if ctx.is_null() {
        return;
    }
    // SAFETY: validated below through the magic number.
    let Ok(c) = (unsafe { context(ctx, "ctx") }) else {
        set_last_error("gjs_context_free: ctx does not point to a live gjs_context");
        return;
    };
    {
        let _guard = c.lock.lock();
        if !c.current.get().is_null() {
            set_last_error("gjs_context_free: cannot free a context from its own host callback");
            return;
        }
        // SAFETY: lock held; no callback runs.
        unsafe { super::objects::destroy_held_objects(c) };
    }
    // SAFETY: live handle from Box::into_raw; the lock is released and no callback runs.
    unsafe {
        (*ctx).magic = 0;
        drop(Box::from_raw(ctx));
    }
}

/// Compiles `source` as the module `module_name` and registers it; `*out` receives the
/// module (NULL on failure). Imports are resolved against registered modules and files
/// next to the module's name.
///
/// Ownership: `*out` is borrowed from `ctx`. `out` may be NULL.
/// Errors: `GJS_COMPILE_ERROR` with every diagnostic (see `gjs_context_diagnostic`);
/// nothing of the module is registered and none of its code runs.
/// `GJS_INVALID_ARGUMENT` for a NULL or non-UTF-8 name or source.
///
/// # Safety
/// `ctx` is a live context; strings are NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_add_code(
    ctx: *mut gjs_context,
    module_name: *const c_char,
    source: *const c_char,
    out: *mut *mut gjs_module,
) -> gjs_status {
    if !out.is_null() {
        // SAFETY: writable by contract.
        unsafe { *out = std::ptr::null_mut() };
    }
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let name = match arg_str(module_name, "module_name") {
                Ok(s) => s,
                Err(m) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            let src = match arg_str(source, "source") {
                Ok(s) => s,
                Err(m) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            let r = c.ctx().add_code(name, src);
            match r {
                Ok(m) => {
                    let h = module_handle(c, c.borrowed(), m);
                    if !out.is_null() {
                        *out = h;
                    }
                    c.succeed()
                }
                Err(e) => c.fail_compile(&e),
            }
        })
    }
}

/// Compiles the file at `path` as a module named by its file stem (registered under
/// its normalised path; adding the same file again returns the same module).
///
/// Ownership: as for `gjs_context_add_code`.
/// Errors: `GJS_NOT_FOUND` if the file does not exist, `GJS_IO_ERROR` if it cannot be
/// read, `GJS_COMPILE_ERROR`, `GJS_INVALID_ARGUMENT`.
///
/// # Safety
/// As for `gjs_context_add_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_add_file(
    ctx: *mut gjs_context,
    path: *const c_char,
    out: *mut *mut gjs_module,
) -> gjs_status {
    if !out.is_null() {
        // SAFETY: writable by contract.
        unsafe { *out = std::ptr::null_mut() };
    }
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let path = match arg_str(path, "path") {
                Ok(s) => s,
                Err(m) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            let r = c.ctx().add_file(std::path::Path::new(path));
            match r {
                Ok(m) => {
                    let h = module_handle(c, c.borrowed(), m);
                    if !out.is_null() {
                        *out = h;
                    }
                    c.succeed()
                }
                Err(LoadError::Io { path, error }) => {
                    let status = if error.kind() == std::io::ErrorKind::NotFound {
                        GJS_NOT_FOUND
                    } else {
                        GJS_IO_ERROR
                    };
                    c.fail(status, &format!("{}: {error}", path.display()))
                }
                Err(LoadError::Compile(e)) => c.fail_compile(&e),
            }
        })
    }
}

/// Runs the module's top-level code (`__init__`) once, after its imports'; later calls
/// return the first result without running anything.
///
/// Errors: the status of the run (`GJS_RUNTIME_ERROR`, `GJS_OUT_OF_MEMORY`,
/// `GJS_STACK_OVERFLOW`, `GJS_INTERRUPTED`), with the message and backtrace available
/// from the context; `GJS_INVALID_ARGUMENT` for a bad handle.
///
/// # Safety
/// `module` is NULL or a module handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_module_init(module: *mut gjs_module) -> gjs_status {
    // SAFETY: forwarded contract.
    let m = match unsafe { module_ref(module, "module") } {
        Ok(m) => m,
        Err(msg) => {
            set_last_error(&msg);
            return GJS_INVALID_ARGUMENT;
        }
    };
    let id = m.id;
    // SAFETY: the module's context outlives its handles.
    unsafe {
        with_context(m.ctx, |c| match c.ctx().init_module(id) {
            Ok(()) => c.succeed(),
            Err(e) => c.fail_runtime(&e),
        })
    }
}

/// The module's name: the name given to `gjs_context_add_code`, a host module's name,
/// or a file module's file stem (its registration key is the normalised path).
///
/// Ownership: borrowed from the module's context.
/// Errors: NULL for an invalid handle.
///
/// # Safety
/// `module` is NULL or a module handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_module_name(module: *const gjs_module) -> *const c_char {
    // SAFETY: forwarded contract.
    match unsafe { module_ref(module, "module") } {
        Ok(m) => m.name.as_ptr(),
        Err(msg) => {
            set_last_error(&msg);
            std::ptr::null()
        }
    }
}

/// The module registered as `name` (a name given to `gjs_context_add_code`, a host
/// module, or a file's normalised path), or else the file module whose file stem is
/// `name`; NULL if there is none.
///
/// Ownership: borrowed from `ctx`.
///
/// # Safety
/// `ctx` is a live context; `name` is NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_module(
    ctx: *mut gjs_context,
    name: *const c_char,
) -> *mut gjs_module {
    let mut out = std::ptr::null_mut();
    // SAFETY: forwarded contract.
    let status = unsafe {
        with_context(ctx, |c| {
            let name = match arg_str(name, "name") {
                Ok(s) => s,
                Err(m) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            match c.ctx().module_by_name(name) {
                Some(m) => {
                    out = module_handle(c, c.borrowed(), m);
                    GJS_OK
                }
                None => c.fail(GJS_NOT_FOUND, &format!("no module named '{name}'")),
            }
        })
    };
    if status == GJS_OK {
        out
    } else {
        std::ptr::null_mut()
    }
}

/// Looks up a function of a module by name, through a validated module handle.
///
/// # Safety
/// `module` is NULL or a module handle of a live context.
unsafe fn lookup(
    module: *mut gjs_module,
    find: impl FnOnce(&Context, ModuleId) -> Result<Option<FuncId>, String>,
) -> *mut gjs_function {
    // SAFETY: forwarded contract.
    let m = match unsafe { module_ref(module, "module") } {
        Ok(m) => m,
        Err(msg) => {
            set_last_error(&msg);
            return std::ptr::null_mut();
        }
    };
    let id = m.id;
    let mut out = std::ptr::null_mut();
    // SAFETY: the module's context outlives its handles.
    unsafe {
        with_context(m.ctx, |c| match find(c.ctx(), id) {
            Ok(Some(f)) => {
                out = function_handle(c, c.borrowed(), f);
                GJS_OK
            }
            Ok(None) => c.fail(GJS_NOT_FOUND, "no such function"),
            Err(msg) => c.fail(GJS_INVALID_ARGUMENT, &msg),
        });
    }
    out
}

/// The function of the module named `name` (also "__init__"); NULL when there is none or
/// when the name is overloaded (use `gjs_module_function_by_decl` then).
///
/// Ownership: borrowed from the module's context.
///
/// # Safety
/// `module` is a module handle; `name` is NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_module_function(
    module: *mut gjs_module,
    name: *const c_char,
) -> *mut gjs_function {
    // SAFETY: forwarded contract.
    unsafe {
        lookup(module, |ctx, m| {
            let name = arg_str(name, "name")?;
            Ok(ctx.function(m, name))
        })
    }
}

/// The function of the module with declaration `decl`, such as "f32 mul(f32, f32)"
/// (parameter names optional and ignored); NULL if there is none.
///
/// Ownership: borrowed from the module's context.
///
/// # Safety
/// `module` is a module handle; `decl` is NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_module_function_by_decl(
    module: *mut gjs_module,
    decl: *const c_char,
) -> *mut gjs_function {
    // SAFETY: forwarded contract.
    unsafe {
        lookup(module, |ctx, m| {
            let decl = arg_str(decl, "decl")?;
            Ok(ctx.function_by_decl(m, decl))
        })
    }
}

/// The number of functions of the module (script functions and `__init__`, or a host
/// module's bound functions); 0 for an invalid handle.
///
/// # Safety
/// `module` is NULL or a module handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_module_function_count(module: *mut gjs_module) -> usize {
    // SAFETY: forwarded contract.
    let Ok(m) = (unsafe { module_ref(module, "module") }) else {
        return 0;
    };
    let id = m.id;
    let mut n = 0;
    // SAFETY: the module's context outlives its handles.
    unsafe {
        with_context(m.ctx, |c| {
            n = c.ctx().functions(id).len();
            GJS_OK
        });
    }
    n
}

/// The `index`-th function of the module (in declaration order); NULL when out of range.
///
/// Ownership: borrowed from the module's context.
///
/// # Safety
/// `module` is NULL or a module handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_module_function_at(
    module: *mut gjs_module,
    index: usize,
) -> *mut gjs_function {
    // SAFETY: forwarded contract.
    unsafe { lookup(module, |ctx, m| Ok(ctx.functions(m).get(index).copied())) }
}

/// The function's name.
///
/// Ownership: borrowed from the function's context. Errors: NULL for a bad handle.
///
/// # Safety
/// `f` is NULL or a function handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_function_name(f: *const gjs_function) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { function(f, "f") }.map_or(std::ptr::null(), |h| h.name.as_ptr())
}

/// The function's full declaration, e.g. "f32 mul(f32 a, f32 b)".
///
/// Ownership: borrowed from the function's context. Errors: NULL for a bad handle.
///
/// # Safety
/// `f` is NULL or a function handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_function_decl(f: *const gjs_function) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { function(f, "f") }.map_or(std::ptr::null(), |h| h.decl.as_ptr())
}

/// The function's return type (the `void` type for none).
///
/// Ownership: static. Errors: NULL for a bad handle.
///
/// # Safety
/// `f` is NULL or a function handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_function_return_type(f: *const gjs_function) -> *const gjs_type {
    // SAFETY: forwarded contract.
    unsafe { function(f, "f") }.map_or(std::ptr::null(), |h| h.ret_type)
}

/// The number of parameters; 0 for a bad handle.
///
/// # Safety
/// `f` is NULL or a function handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_function_arg_count(f: *const gjs_function) -> usize {
    // SAFETY: forwarded contract.
    unsafe { function(f, "f") }.map_or(0, |h| h.params.len())
}

/// The type of parameter `index`; NULL when out of range or for a bad handle.
///
/// Ownership: static.
///
/// # Safety
/// `f` is NULL or a function handle of a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_function_arg_type(
    f: *const gjs_function,
    index: usize,
) -> *const gjs_type {
    // SAFETY: forwarded contract.
    unsafe { function(f, "f") }
        .ok()
        .and_then(|h| h.param_types.get(index))
        .map_or(std::ptr::null(), |&t| t)
}

/// The type named `name` ("i32", "string", "void", …); NULL if there is none.
///
/// Ownership: static.
///
/// # Safety
/// `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_by_name(name: *const c_char) -> *const gjs_type {
    // SAFETY: forwarded contract.
    let Ok(name) = (unsafe { arg_str(name, "name") }) else {
        return std::ptr::null();
    };
    TYPES
        .iter()
        // SAFETY: the static types' names are static C strings.
        .find(|t| unsafe { std::ffi::CStr::from_ptr(t.name) }.to_bytes() == name.as_bytes())
        .map_or(std::ptr::null(), |t| t as *const gjs_type)
}

/// The type's name ("f32", "string", …); NULL for a bad handle.
///
/// Ownership: static.
///
/// # Safety
/// `t` is NULL or a type handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_name(t: *const gjs_type) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { type_ref(t) }.map_or(std::ptr::null(), |h| h.name)
}

/// The size in bytes of the type's C representation (16 for `gjs_str` on 64-bit
/// targets, 0 for `void`); 0 for a bad handle.
///
/// # Safety
/// `t` is NULL or a type handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_size(t: *const gjs_type) -> usize {
    // SAFETY: forwarded contract.
    unsafe { type_ref(t) }.map_or(0, |h| h.size)
}

/// The alignment in bytes of the type's C representation; 0 for a bad handle.
///
/// # Safety
/// `t` is NULL or a type handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_alignment(t: *const gjs_type) -> usize {
    // SAFETY: forwarded contract.
    unsafe { type_ref(t) }.map_or(0, |h| h.align)
}

/// The type's kind: one of the `GJS_TYPE_*` values; -1 for a bad handle.
///
/// # Safety
/// `t` is NULL or a type handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_kind(t: *const gjs_type) -> gjs_kind {
    // SAFETY: forwarded contract.
    unsafe { type_ref(t) }.map_or(-1, |h| h.kind)
}

/// Calls the script (or host) function `f`. `args[i]` points to the i-th argument in
/// its C representation (see the table in the header banner); `ret` points to storage
/// for the result (NULL to discard it; ignored for `void`). The function's module is
/// initialised first if it has not been. Calling `__init__` initialises its module.
///
/// A format (`format F { … }`, and the math vectors) and a host value type are passed
/// and returned as the C struct with the same fields in the same order: `args[i]`
/// points to such a struct, `ret` to storage for one. A host handle type is passed as
/// the host's `void*`: `args[i]` points to the pointer, `ret` to storage for one. A
/// script class instance or `array<T>` is passed as a `gjs_object*`: `args[i]` points
/// to the handle, `ret` to storage for one.
///
/// Ownership: argument strings, formats and value types are copied in (the script
/// works on its own copy; the caller's struct is not written). An object argument is
/// passed by reference: the script works on the caller's object, which stays the
/// caller's. A string result is borrowed: its bytes stay valid until the next call on
/// `ctx` (they are NUL-terminated for convenience); a format or value-type result is
/// copied into `ret`; an object result is a new `gjs_object*` the caller owns and
/// frees with `gjs_object_free` (with `ret` NULL it is destroyed at once).
/// Errors: `GJS_INVALID_ARGUMENT` for a NULL `f`, a function of another context, a
/// NULL `args`/`args[i]` when the function has parameters, or an object argument that
/// is not a live object of this context; `GJS_TYPE_MISMATCH` for an object argument of
/// another type, or a function taking or returning `T?` handles (not passed across);
/// the run's status otherwise, with the message and backtrace available from the
/// context (`*ret` is not written).
///
/// # Safety
/// `ctx` is a live context; `args` has one valid pointer per parameter; `ret` is NULL
/// or points to storage for the return type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_call(
    ctx: *mut gjs_context,
    f: *const gjs_function,
    ret: *mut c_void,
    args: *mut *mut c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let h = match function(f, "f") {
                Ok(h) => h,
                Err(m) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            if !std::ptr::eq(h.ctx, c) {
                return c.fail(GJS_INVALID_ARGUMENT, "f belongs to another context");
            }
            if !h.params.is_empty() && args.is_null() {
                return c.fail(
                    GJS_INVALID_ARGUMENT,
                    "args is NULL but the function has parameters",
                );
            }
            let reads = &mut c.borrowed().reads;
            if !reads.is_empty() {
                reads.clear();
            }
            // Objects take the slow path: formats are copied in and out, class instances
            // and arrays pass as object handles, anything else is refused before any
            // argument is converted (strings would be made). Functions of primitives and
            // strings never look further.
            if h.takes_objects {
                if let Some(e) = c.ctx().objects_not_supported(h.id, true) {
                    return c.fail_runtime(&e);
                }
                return call_with_objects(c, h, ret, args);
            }
            const INLINE: usize = 8;
            let n = h.params.len();
            let mut inline = [0u64; INLINE];
            let mut spilled = Vec::new();
            let regs: &mut [u64] = if n <= INLINE {
                &mut inline[..n]
            } else {
                spilled.resize(n, 0);
                &mut spilled
            };
            let ctx = c.ctx();
            for (i, &t) in h.params.iter().enumerate() {
                let p = *args.add(i);
                if p.is_null() {
                    for (r, &t) in regs[..i].iter().zip(&h.params) {
                        if t == TypeId::STRING {
                            ctx.release_string(*r);
                        }
                    }
                    return c.fail(GJS_INVALID_ARGUMENT, &format!("args[{i}] is NULL"));
                }
                regs[i] = if t == TypeId::STRING {
                    match ctx.new_string(str_arg(p)) {
                        Ok(r) => r,
                        Err(e) => return c.fail_runtime(&e),
                    }
                } else {
                    c_to_reg(t, p)
                };
            }
            let (id, rt) = (h.id, h.ret);
            match ctx.call_prepared(id, regs) {
                Ok(r) => {
                    if rt == TypeId::STRING {
                        string_result(c, ctx, r, ret);
                    } else if !ret.is_null() && rt != TypeId::VOID {
                        reg_to_c(rt, r, ret);
                    }
                    c.succeed()
                }
                Err(e) => c.fail_runtime(&e),
            }
        })
    }
}
/// [`gjs_context_call`] of a function that takes or returns objects: formats and host
/// value types are copied from their C structs into VM memory for the call and the
/// result back out; class instances and arrays pass as the host's object handles (by
/// reference, like any object argument), and an object result becomes a new handle.
///
/// # Safety
/// As for `gjs_context_call`; called with the lock held.
unsafe fn call_with_objects(
    c: &gjs_context,
    h: &gjs_function,
    ret: *mut c_void,
    args: *mut *mut c_void,
) -> gjs_status {
    // SAFETY: called inside `with_context`, which holds the lock.
    let ctx = unsafe { c.ctx() };
    let ret_size = ctx.c_struct_size(h.ret);
    let ret_held = ctx.is_held_object(h.ret);
    let hidden = usize::from(ret_size.is_some() || ret_held);
    let mut regs = vec![0u64; hidden + h.params.len()];
    // Blocks made for the call (copies of C structs, the result's storage).
    let mut blocks = Vec::new();
    let mut strings = Vec::new();
    let mut failure = None;
    for (i, &t) in h.params.iter().enumerate() {
        // SAFETY: `args` has one entry per parameter (checked non-NULL above).
        let p = unsafe { *args.add(i) };
        if p.is_null() {
            failure = Some((GJS_INVALID_ARGUMENT, format!("args[{i}] is NULL")));
            break;
        }
        let made = if let Some(size) = ctx.c_struct_size(t) {
            // SAFETY: the caller passes a C struct of the format's size.
            let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, size as usize) };
            ctx.new_object(bytes).inspect(|&at| blocks.push(at))
        } else if ctx.is_held_object(t) {
            // SAFETY: the caller passes a `gjs_object*`.
            match unsafe { super::objects::object_arg(c, ctx, p, t, i) } {
                Ok(at) => Ok(at),
                Err(f) => {
                    failure = Some(f);
                    break;
                }
            }
        } else if t == TypeId::STRING {
            // SAFETY: a `gjs_str` argument.
            ctx.new_string(unsafe { str_arg(p) })
                .inspect(|&r| strings.push(r))
        } else {
            // SAFETY: a primitive argument.
            Ok(unsafe { c_to_reg(t, p) })
        };
        match made {
            Ok(r) => regs[hidden + i] = r,
            Err(e) => {
                failure = Some((GJS_OUT_OF_MEMORY, e.message.clone()));
                break;
            }
        }
    }
    if failure.is_none() && hidden == 1 {
        let storage = match ret_size {
            Some(size) => ctx.new_zeroed(size),
            None => ctx.new_held(h.ret),
        };
        match storage {
            Ok(at) => {
                blocks.push(at as u64);
                regs[0] = at as u64;
            }
            Err(e) => failure = Some((GJS_OUT_OF_MEMORY, e.message.clone())),
        }
    }
    if let Some((status, message)) = failure {
        for s in strings {
            ctx.release_string(s);
        }
        for o in blocks {
            ctx.free_object(o);
        }
        return c.fail(status, &message);
    }
    let result = ctx.call_prepared(h.id, &regs);
    // SAFETY: as above.
    let ctx = unsafe { c.ctx() };
    if let Ok(r) = &result {
        if ret_held {
            // The constructed result now belongs to the host's new handle, or is
            // destroyed at once if the caller discards it.
            blocks.pop();
            if ret.is_null() {
                ctx.destroy_held(regs[0] as u32, h.ret);
            } else {
                let handle = super::objects::new_object_handle(c, regs[0] as u32, h.ret);
                // SAFETY: `ret` has room for a `gjs_object*`.
                unsafe { (ret as *mut *mut gjs_object).write_unaligned(handle) };
            }
        } else if h.ret == TypeId::STRING {
            // SAFETY: `ret` is NULL or has room for a `gjs_str`.
            unsafe { string_result(c, ctx, *r, ret) };
        } else if !ret.is_null() {
            match ret_size {
                Some(size) => {
                    let bytes = ctx.object_bytes(regs[0], size);
                    // SAFETY: `ret` has room for the format's C struct.
                    unsafe {
                        std::ptr::copy_nonoverlapping(bytes.as_ptr(), ret as *mut u8, bytes.len())
                    };
                }
                // SAFETY: `ret` has room for the primitive result.
                None if h.ret != TypeId::VOID => unsafe { reg_to_c(h.ret, *r, ret) },
                None => {}
            }
        }
    }
    for o in blocks {
        ctx.free_object(o);
    }
    match result {
        Ok(_) => c.succeed(),
        Err(e) => c.fail_runtime(&e),
    }
}

/// Hands the script's string result `r` to the caller: its bytes are kept in the
/// context until the next call (NUL-terminated for convenience) and described in `ret`
/// if it is not NULL; the script's reference is released.
///
/// # Safety
/// `ret` is NULL or points to storage for a `gjs_str`; the context lock is held.
unsafe fn string_result(c: &gjs_context, ctx: &mut Context, r: u64, ret: *mut c_void) {
    // SAFETY: lock held by the caller.
    let keep = &mut unsafe { c.borrowed() }.returned;
    keep.clear();
    keep.extend_from_slice(ctx.string_bytes(r));
    keep.push(0);
    ctx.release_string(r);
    if !ret.is_null() {
        // SAFETY: per contract.
        unsafe {
            (ret as *mut gjs_str).write_unaligned(gjs_str {
                ptr: keep.as_ptr() as *const c_char,
                len: keep.len() - 1,
            })
        };
    }
}

/// The function bound into the global scope with declaration `decl` (parameter names
/// optional and ignored), e.g. "f64 twice(f64)"; NULL if there is none.
///
/// Ownership: borrowed from `ctx`.
///
/// # Safety
/// `ctx` is a live context; `decl` is NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_global_function(
    ctx: *mut gjs_context,
    decl: *const c_char,
) -> *mut gjs_function {
    let mut out = std::ptr::null_mut();
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let decl = match arg_str(decl, "decl") {
                Ok(s) => s,
                Err(m) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            match c.ctx().global_function_by_decl(decl) {
                Some(f) => {
                    out = function_handle(c, c.borrowed(), f);
                    c.succeed()
                }
                None => c.fail(GJS_NOT_FOUND, &format!("no global function '{decl}'")),
            }
        });
    }
    out
}

/// Copies the type name, message and code of the last runtime error on `ctx` into
/// `*out` (the parts that `gjs_context_error_message` renders with the location and
/// backtrace).
///
/// Ownership: the strings in `*out` are borrowed; valid until the next call on `ctx`.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL `out`; `GJS_NOT_FOUND` when the last call
/// did not end with a runtime error.
///
/// # Safety
/// `ctx` is a live context; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_runtime_error(
    ctx: *const gjs_context,
    out: *mut gjs_runtime_error,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            if out.is_null() {
                set_last_error("out is NULL");
                return GJS_INVALID_ARGUMENT;
            }
            let Some((t, m, code)) = &c.errors().runtime else {
                set_last_error("the last call did not end with a runtime error");
                return GJS_NOT_FOUND;
            };
            *out = gjs_runtime_error {
                type_name: t.as_ptr(),
                message: m.as_ptr(),
                code: *code,
            };
            GJS_OK
        })
    }
}

/// The message of the last failed call on `ctx`: the rendered diagnostics of a compile
/// error, or a runtime error's message with its location and backtrace ("" after a
/// successful call).
///
/// Ownership: borrowed; valid until the next call on `ctx`.
/// Errors: "" for an invalid `ctx`.
///
/// # Safety
/// `ctx` is NULL or a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_error_message(ctx: *const gjs_context) -> *const c_char {
    let mut out: *const c_char = c"".as_ptr();
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            out = c.errors().message.as_ptr();
            GJS_OK
        });
    }
    out
}

/// The number of diagnostics of the last failed compile on `ctx` (0 otherwise).
///
/// # Safety
/// `ctx` is NULL or a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_diagnostic_count(ctx: *const gjs_context) -> usize {
    let mut n = 0;
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            n = c.errors().diagnostics.len();
            GJS_OK
        });
    }
    n
}

/// Copies diagnostic `i` of the last failed compile into `*out`.
///
/// Ownership: the strings in `*out` are borrowed; valid until the next call on `ctx`.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL `out`; `GJS_NOT_FOUND` for `i` out of range.
///
/// # Safety
/// `ctx` is a live context; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_diagnostic(
    ctx: *const gjs_context,
    i: usize,
    out: *mut gjs_diagnostic,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            if out.is_null() {
                set_last_error("out is NULL");
                return GJS_INVALID_ARGUMENT;
            }
            let Some(d) = c.errors().diagnostics.get(i) else {
                set_last_error("diagnostic index out of range");
                return GJS_NOT_FOUND;
            };
            *out = gjs_diagnostic {
                severity: d.0,
                code: d.1.as_ptr(),
                message: d.2.as_ptr(),
                module: d.3.as_ptr(),
                line: d.4,
                column: d.5,
            };
            GJS_OK
        })
    }
}

/// The number of backtrace frames of the last runtime error on `ctx` (0 otherwise).
///
/// # Safety
/// `ctx` is NULL or a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_backtrace_count(ctx: *const gjs_context) -> usize {
    let mut n = 0;
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            n = c.errors().backtrace.len();
            GJS_OK
        });
    }
    n
}

/// Copies backtrace frame `i` (0 is the innermost: the fault or `throw`) of the last
/// runtime error into `*out`.
///
/// Ownership: the strings in `*out` are borrowed; valid until the next call on `ctx`.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL `out`; `GJS_NOT_FOUND` for `i` out of range.
///
/// # Safety
/// `ctx` is a live context; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_backtrace_frame(
    ctx: *const gjs_context,
    i: usize,
    out: *mut gjs_frame,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            if out.is_null() {
                set_last_error("out is NULL");
                return GJS_INVALID_ARGUMENT;
            }
            let Some(f) = c.errors().backtrace.get(i) else {
                set_last_error("frame index out of range");
                return GJS_NOT_FOUND;
            };
            *out = gjs_frame {
                module: f.0.as_ptr(),
                function: f.1.as_ptr(),
                line: f.2,
                column: f.3,
            };
            GJS_OK
        })
    }
}

/// The C type of a host function (a non-NULL `gjs_host_fn`).
pub(super) type CHostFn = unsafe extern "C" fn(
    *mut gjs_context,
    *mut c_void,
    *mut *mut c_void,
    *mut c_void,
) -> gjs_status;

/// A host's `user_data` with its release function, shared by the functions bound with
/// it (a property's getter and setter) and released when the last one goes: when the
/// context is freed, or at once if binding fails.
pub(super) struct UserData {
    ptr: *mut c_void,
    free: gjs_free_fn,
}

impl UserData {
    pub(super) fn new(ptr: *mut c_void, free: gjs_free_fn) -> Arc<UserData> {
        Arc::new(UserData { ptr, free })
    }
}

// SAFETY: the host promises its user data may be used from whichever thread uses the
// context (one at a time, as the context lock ensures).
unsafe impl Send for UserData {}
// SAFETY: as above; the struct is only read.
unsafe impl Sync for UserData {}

impl Drop for UserData {
    fn drop(&mut self) {
        if let Some(free) = self.free {
            // SAFETY: the host's own release function for its own pointer.
            unsafe { free(self.ptr) };
        }
    }
}

/// The wrapper that makes a C host function a [`crate::HostFn`].
pub(super) struct CHost {
    f: CHostFn,
    data: Arc<UserData>,
    handle: *const gjs_context,
    sig: HostSignature,
    has_strings: bool,
    has_objects: bool,
    /// `params[0]` is the `this` of a handle type, which must not be NULL.
    this_handle: bool,
}

// SAFETY: the host promises its callback may be called from whichever thread uses the
// context (one at a time, as the context lock ensures).
unsafe impl Send for CHost {}
// SAFETY: as above; the struct is only read.
unsafe impl Sync for CHost {}

impl CHost {
    /// The maker that binds `f` once the declaration's types are known.
    pub(super) fn maker(
        f: CHostFn,
        data: Arc<UserData>,
        handle: *const gjs_context,
    ) -> crate::context::RawHostMaker {
        Box::new(move |sig: &HostSignature| -> crate::context::RawHostFn {
            let plain = !sig.params.contains(&TypeId::STRING)
                && sig.ret != TypeId::STRING
                && sig.objects.iter().all(Option::is_none)
                && sig.ret_object.is_none();
            let host = CHost {
                f,
                data,
                handle,
                has_strings: sig.params.contains(&TypeId::STRING) || sig.ret == TypeId::STRING,
                has_objects: sig.objects.iter().any(Option::is_some) || sig.ret_object.is_some(),
                this_handle: sig.this_must_be_set
                    && sig
                        .objects
                        .first()
                        .is_some_and(|o| o.is_some_and(|o| o.handle)),
                sig: sig.clone(),
            };
            if plain {
                Arc::new(move |ctx, args| host.invoke_plain(ctx, args))
            } else {
                Arc::new(move |ctx, args| host.invoke(ctx, args))
            }
        })
    }

    /// [`CHost::invoke`] for functions of primitives only, the common case of a
    /// per-frame call: each argument is passed as a pointer to its register slot.
    fn invoke_plain(&self, ctx: &mut Context, args: &[u64]) -> Result<u64, HostError> {
        let mut ptrs = [std::mem::MaybeUninit::<*mut c_void>::uninit(); MAX_C_ARGS];
        for (p, a) in ptrs.iter_mut().zip(args) {
            // A primitive's register slot, little-endian, starts with its C
            // representation; `args` is the caller's private copy.
            p.write(a as *const u64 as *mut c_void);
        }
        let mut ret = 0u64;
        self.call_c(
            ctx,
            &mut ret as *mut u64 as *mut c_void,
            ptrs.as_mut_ptr() as *mut *mut c_void,
        )?;
        Ok(normalize_reg(self.sig.ret, ret))
    }

    /// Calls the C function with `ctx` as the context its callbacks re-enter; a status
    /// other than `GJS_OK` becomes the error the script sees.
    fn call_c(
        &self,
        ctx: &mut Context,
        ret: *mut c_void,
        args: *mut *mut c_void,
    ) -> Result<(), HostError> {
        // SAFETY: the handle outlives its bound functions; the lock is held by the
        // thread running the script (this one).
        let h = unsafe { &*self.handle };
        // SAFETY: lock held (we are inside a call on this context).
        let errors = unsafe { h.errors() };
        if errors.thrown.is_some() {
            errors.thrown = None;
        }
        let prev = h.current.replace(ctx as *mut Context);
        // SAFETY: calling the host's function with the documented arguments.
        let status = unsafe { (self.f)(self.handle as *mut gjs_context, ret, args, self.data.ptr) };
        h.current.set(prev);
        if status == GJS_OK {
            return Ok(());
        }
        // SAFETY: lock held; short-lived.
        let thrown = unsafe { h.errors() }.thrown.take();
        let message =
            thrown.unwrap_or_else(|| format!("host function failed with status {status}"));
        let code = match status {
            GJS_OUT_OF_MEMORY => crate::runtime::Fault::OUT_OF_MEMORY,
            GJS_STACK_OVERFLOW => crate::runtime::Fault::STACK_OVERFLOW,
            GJS_INTERRUPTED => crate::runtime::Fault::INTERRUPTED,
            _ => crate::runtime::Fault::RUNTIME,
        };
        Err(HostError { message, code })
    }

    /// Calls the C function on register slots: primitives are passed as pointers to
    /// little-endian copies of their slots (a slot's low bytes are the value's C
    /// representation); strings are copied out of VM memory first, since a nested call
    /// may move it; objects are copied to C structs and back after the call (they are
    /// passed by reference), and an object result is copied into the storage the
    /// caller passed as the hidden first slot.
    fn invoke(&self, ctx: &mut Context, args: &[u64]) -> Result<u64, HostError> {
        let hidden = usize::from(self.sig.ret_object.is_some());
        let (result_at, args) = args.split_at(hidden.min(args.len()));
        let params = &self.sig.params;
        let n = params.len().min(args.len()).min(MAX_C_ARGS);
        // Only the first `n` slots are used; the arrays stay uninitialised beyond.
        let mut slots = [std::mem::MaybeUninit::<[u64; 2]>::uninit(); MAX_C_ARGS];
        let mut ptrs = [std::mem::MaybeUninit::<*mut c_void>::uninit(); MAX_C_ARGS];
        let mut strings: Vec<Vec<u8>> = Vec::new();
        // Objects as C structs, 8-aligned, one after another; the result's last.
        let mut structs: Vec<u64> = Vec::new();
        let mut ret = [0u64; 2];
        let mut ret_ptr = ret.as_mut_ptr() as *mut c_void;
        if self.has_objects {
            let words = |o: &Option<CObject>| o.map_or(0, |o| (o.size as usize).div_ceil(8));
            let total: usize = self.sig.objects[..n].iter().map(words).sum();
            structs.resize(total + words(&self.sig.ret_object), 0);
            let mut at = 0;
            for (i, o) in self.sig.objects[..n].iter().enumerate() {
                let Some(o) = o else { continue };
                let bytes = ctx.object_bytes(args[i], o.size);
                if bytes.len() != o.size as usize {
                    return Err(HostError::new("invalid memory access"));
                }
                let dst = &mut structs[at..at + words(&Some(*o))];
                // SAFETY: `dst` has at least `o.size` bytes.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        bytes.as_ptr(),
                        dst.as_mut_ptr() as *mut u8,
                        bytes.len(),
                    )
                };
                if i == 0 && self.this_handle && dst[0] == 0 {
                    return Err(HostError::new(format!(
                        "null object access: a null '{}' handle",
                        ctx.type_name(params[0])
                    )));
                }
                ptrs[i].write(dst.as_mut_ptr() as *mut c_void);
                at += dst.len();
            }
            if self.sig.ret_object.is_some() {
                ret_ptr = structs[at..].as_mut_ptr() as *mut c_void;
            }
        }
        for i in 0..n {
            if self.has_objects && self.sig.objects[i].is_some() {
                continue;
            }
            if self.has_strings && params[i] == TypeId::STRING {
                let slot = slots[i].as_mut_ptr() as *mut u64;
                let bytes = ctx.string_bytes(args[i]).to_vec();
                ctx.release_string(args[i]);
                // SAFETY: the slot holds 16 aligned bytes; the bytes live in `strings`
                // (moving a Vec does not move its heap buffer).
                unsafe {
                    (slot as *mut gjs_str).write(gjs_str {
                        ptr: bytes.as_ptr() as *const c_char,
                        len: bytes.len(),
                    })
                };
                strings.push(bytes);
                ptrs[i].write(slot as *mut c_void);
            } else {
                // A primitive's register slot, little-endian, starts with its C
                // representation; `args` is the caller's private copy.
                ptrs[i].write(args[i..].as_ptr() as *mut c_void);
            }
        }
        self.call_c(ctx, ret_ptr, ptrs.as_mut_ptr() as *mut *mut c_void)?;
        if self.has_objects {
            self.copy_back(ctx, args, result_at, &structs)?;
            if self.sig.ret_object.is_some() {
                return Ok(result_at[0]);
            }
        }
        if self.sig.ret == TypeId::STRING {
            // SAFETY: the host wrote a `gjs_str` into `ret`.
            let s = unsafe { (ret.as_ptr() as *const gjs_str).read() };
            let bytes: &[u8] = if s.ptr.is_null() || s.len == 0 {
                &[]
            } else {
                // SAFETY: the host's string, valid until it returns (which it has not
                // freed yet by the call convention).
                unsafe { std::slice::from_raw_parts(s.ptr as *const u8, s.len) }
            };
            return ctx.new_string(bytes).map_err(|e| HostError::new(e.message));
        }
        Ok(normalize_reg(self.sig.ret, ret[0]))
    }

    /// Writes the C structs of object arguments back to script memory (they are passed
    /// by reference), and an object result to its storage.
    fn copy_back(
        &self,
        ctx: &mut Context,
        args: &[u64],
        result_at: &[u64],
        structs: &[u64],
    ) -> Result<(), HostError> {
        let bytes_of = |at: usize, size: u32| {
            // SAFETY: `structs` holds the words of every object, `size` bytes each.
            unsafe {
                std::slice::from_raw_parts(structs[at..].as_ptr() as *const u8, size as usize)
            }
        };
        let mut at = 0;
        let n = self.sig.params.len().min(args.len()).min(MAX_C_ARGS);
        for (i, o) in self.sig.objects[..n].iter().enumerate() {
            let Some(o) = o else { continue };
            let dst = ctx.object_bytes_mut(args[i], o.size);
            if dst.len() != o.size as usize {
                return Err(HostError::new("invalid memory access"));
            }
            dst.copy_from_slice(bytes_of(at, o.size));
            at += (o.size as usize).div_ceil(8);
        }
        if let (Some(o), Some(&r)) = (self.sig.ret_object, result_at.first()) {
            let dst = ctx.object_bytes_mut(r, o.size);
            if dst.len() != o.size as usize {
                return Err(HostError::new("invalid memory access"));
            }
            dst.copy_from_slice(bytes_of(at, o.size));
        }
        Ok(())
    }
}

/// The most parameters a C host function may have (the core allows as many).
const MAX_C_ARGS: usize = 16;

/// The register form of a primitive whose C representation was written to the start
/// of a zeroed 64-bit slot (little-endian): narrow integers are extended, `bool`
/// becomes 0 or 1.
fn normalize_reg(ty: TypeId, slot: u64) -> u64 {
    match ty.prim() {
        Some(Prim::Bool) => (slot as u8 != 0) as u64,
        Some(Prim::I8) => slot as i8 as i64 as u64,
        Some(Prim::U8) => slot as u8 as u64,
        Some(Prim::I16) => slot as i16 as i64 as u64,
        Some(Prim::U16) => slot as u16 as u64,
        Some(Prim::I32) => slot as i32 as i64 as u64,
        Some(Prim::U32) | Some(Prim::F32) => slot as u32 as u64,
        _ => slot,
    }
}

/// Reads a primitive in its C representation into register form.
///
/// # Safety
/// `p` points to a valid value of `ty`'s C representation (or `ty` is void).
pub(super) unsafe fn c_to_reg(ty: TypeId, p: *const c_void) -> u64 {
    // SAFETY (all arms): forwarded contract.
    let slot = unsafe {
        match c_width(ty) {
            1 => *(p as *const u8) as u64,
            2 => (p as *const u16).read_unaligned() as u64,
            4 => (p as *const u32).read_unaligned() as u64,
            8 => (p as *const u64).read_unaligned(),
            _ => 0,
        }
    };
    normalize_reg(ty, slot)
}

/// Writes a primitive register value to its C representation: the register's low
/// bytes (little-endian), as many as the type is wide.
///
/// # Safety
/// `p` points to writable storage for `ty`'s C representation.
#[inline]
pub(super) unsafe fn reg_to_c(ty: TypeId, r: u64, p: *mut c_void) {
    // SAFETY (all arms): forwarded contract.
    unsafe {
        match c_width(ty) {
            1 => *(p as *mut u8) = r as u8,
            2 => (p as *mut u16).write_unaligned(r as u16),
            4 => (p as *mut u32).write_unaligned(r as u32),
            8 => (p as *mut u64).write_unaligned(r),
            _ => {}
        }
    }
}

/// The width in bytes of a primitive's C representation (0 for anything else).
fn c_width(ty: TypeId) -> usize {
    match ty.prim() {
        Some(Prim::Bool | Prim::I8 | Prim::U8) => 1,
        Some(Prim::I16 | Prim::U16) => 2,
        Some(Prim::I32 | Prim::U32 | Prim::F32) => 4,
        Some(Prim::I64 | Prim::U64 | Prim::F64) => 8,
        None => 0,
    }
}

/// Binds the host function `host_fn` under the declaration `decl` (e.g.
/// "f32 lerp(f32 a, f32 b, f32 t)"; parameters and result are primitives or `string`)
/// into the global scope (`module_name` NULL) or into the host module `module_name`,
/// which scripts import (`import { spawn } from 'engine';`). Bind before compiling the
/// scripts that use it.
///
/// Ownership: `user_data` is passed to every call; `free_user_data` (may be NULL) is
/// called with it when the context is freed, or at once if binding fails.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL `host_fn`/`decl`, a declaration that does not
/// parse (diagnostics available) or that repeats a bound signature, or a module name
/// taken by a script module.
///
/// # Safety
/// `ctx` is a live context; strings are NUL-terminated or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_bind_function(
    ctx: *mut gjs_context,
    module_name: *const c_char,
    decl: *const c_char,
    host_fn: gjs_host_fn,
    user_data: *mut c_void,
    free_user_data: gjs_free_fn,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        bind_host(
            ctx,
            host_fn,
            UserData::new(user_data, free_user_data),
            || {
                let decl = arg_str(decl, "decl")?;
                Ok((opt_str(module_name, "module_name")?, decl))
            },
            |ctx, (module, decl), make| ctx.bind_raw(module, decl, make),
        )
    }
}

/// Binds one C function: checks `host_fn` and the names `names` reads, then binds it
/// with `bind`. `data` is released at once if anything fails.
///
/// # Safety
/// `ctx` is NULL or a context handle.
pub(super) unsafe fn bind_host<N>(
    ctx: *mut gjs_context,
    host_fn: gjs_host_fn,
    data: Arc<UserData>,
    names: impl FnOnce() -> Result<N, String>,
    bind: impl FnOnce(
        &mut Context,
        N,
        crate::context::RawHostMaker,
    ) -> Result<FuncId, crate::CompileError>,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let Some(f) = host_fn else {
                return c.fail(GJS_INVALID_ARGUMENT, "fn is NULL");
            };
            let names = match names() {
                Ok(n) => n,
                Err(m) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            let make = CHost::maker(f, data, c);
            c.bound(bind(c.ctx(), names, make))
        })
    }
}

/// A string argument that may be NULL.
///
/// # Safety
/// `p` is NULL or NUL-terminated.
pub(super) unsafe fn opt_str<'a>(p: *const c_char, name: &str) -> Result<Option<&'a str>, String> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { arg_str(p, name) }.map(Some)
}

/// Raises an error with `message` from inside a host function; return its result from
/// the host function. The script sees an `Error` (code 3) it can catch; uncaught, the
/// host gets `GJS_RUNTIME_ERROR`.
///
/// Errors: always returns `GJS_RUNTIME_ERROR` (`GJS_INVALID_ARGUMENT` for a bad `ctx`).
///
/// # Safety
/// `ctx` is a live context; `message` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_throw(
    ctx: *mut gjs_context,
    message: *const c_char,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let msg = if message.is_null() {
                "error in a host function".to_string()
            } else {
                String::from_utf8_lossy(std::ffi::CStr::from_ptr(message).to_bytes()).into_owned()
            };
            c.errors().thrown = Some(msg.clone());
            c.fail(GJS_RUNTIME_ERROR, &msg);
            c.errors().thrown = Some(msg);
            GJS_RUNTIME_ERROR
        })
    }
}

/// A C output callback as a sink.
struct CSink {
    f: unsafe extern "C" fn(*const c_char, usize, *mut c_void),
    user_data: *mut c_void,
}

// SAFETY: the host promises the callback may be used from the thread running the
// context's scripts.
unsafe impl Send for CSink {}

impl CSink {
    fn write(&self, b: &[u8]) {
        // SAFETY: the host's callback with the documented arguments.
        unsafe { (self.f)(b.as_ptr() as *const c_char, b.len(), self.user_data) }
    }
}

fn set_sink(c: &gjs_context, f: gjs_output_fn, user_data: *mut c_void, error: bool) -> gjs_status {
    // SAFETY: lock held by the caller; short-lived.
    let ctx = unsafe { c.ctx() };
    match f {
        None => {
            if error {
                ctx.set_error_output(Box::new(|b: &[u8]| {
                    use std::io::Write;
                    let _ = std::io::stderr().lock().write_all(b);
                }));
            } else {
                ctx.set_output(Box::new(|b: &[u8]| {
                    use std::io::Write;
                    let _ = std::io::stdout().lock().write_all(b);
                }));
            }
        }
        Some(f) => {
            let sink = CSink { f, user_data };
            let call = move |b: &[u8]| sink.write(b);
            if error {
                ctx.set_error_output(Box::new(call));
            } else {
                ctx.set_output(Box::new(call));
            }
        }
    }
    GJS_OK
}

/// Sends `print` and `console.log` output to `host_fn(text, len, user_data)` instead of
/// stdout (NULL `host_fn` restores stdout).
///
/// Ownership: `user_data` stays the caller's; it must stay valid while the context
/// may print.
///
/// # Safety
/// `ctx` is a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_set_output(
    ctx: *mut gjs_context,
    host_fn: gjs_output_fn,
    user_data: *mut c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe { with_context(ctx, |c| set_sink(c, host_fn, user_data, false)) }
}

/// Sends `console.warn` and `console.error` output to `host_fn` instead of stderr (NULL
/// restores stderr).
///
/// Ownership: as for `gjs_context_set_output`.
///
/// # Safety
/// `ctx` is a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_set_error_output(
    ctx: *mut gjs_context,
    host_fn: gjs_output_fn,
    user_data: *mut c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe { with_context(ctx, |c| set_sink(c, host_fn, user_data, true)) }
}

/// Limits every later call from the host to `steps` steps (0: no limit): a loop
/// back-edge or call is one step, string and array work one per 64 bytes or elements.
/// A call that runs out ends with `GJS_INTERRUPTED`.
///
/// # Safety
/// `ctx` is a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_set_step_limit(
    ctx: *mut gjs_context,
    steps: u64,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            c.ctx().set_step_limit(steps);
            GJS_OK
        })
    }
}

/// Stops the script running in `ctx` at its next loop back-edge or call, with
/// `GJS_INTERRUPTED`; scripts cannot catch it. Safe to call from any thread, also while
/// another thread runs the context. If nothing runs, the next call stops at once.
///
/// Errors: `GJS_INVALID_ARGUMENT` for a bad `ctx`.
///
/// # Safety
/// `ctx` is NULL or a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_interrupt(ctx: *const gjs_context) -> gjs_status {
    // SAFETY: forwarded contract; only the atomic flag is touched, without the lock.
    match unsafe { context(ctx, "ctx") } {
        Ok(c) => {
            c.interrupt.interrupt();
            GJS_OK
        }
        Err(msg) => {
            set_last_error(&msg);
            GJS_INVALID_ARGUMENT
        }
    }
}

/// Withdraws an interrupt raised with `gjs_context_interrupt` that no script has
/// consumed yet (one raised while nothing ran would otherwise stop the next call).
/// Safe to call from any thread.
///
/// Errors: `GJS_INVALID_ARGUMENT` for a bad `ctx`.
///
/// # Safety
/// `ctx` is NULL or a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_clear_interrupt(ctx: *const gjs_context) -> gjs_status {
    // SAFETY: forwarded contract; only the atomic flag is touched, without the lock.
    match unsafe { context(ctx, "ctx") } {
        Ok(c) => {
            c.interrupt.clear();
            GJS_OK
        }
        Err(msg) => {
            set_last_error(&msg);
            GJS_INVALID_ARGUMENT
        }
    }
}

/// Bytes of VM heap memory in use by live objects and strings; 0 for a bad `ctx`.
///
/// # Safety
/// `ctx` is NULL or a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_memory_in_use(ctx: *mut gjs_context) -> u64 {
    let mut n = 0;
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            n = c.ctx().memory_in_use();
            GJS_OK
        });
    }
    n
}

// The C status values are the Rust API's.
const _: () = assert!(Status::Ok as i32 == GJS_OK);
const _: () = assert!(Status::TypeMismatch as i32 == GJS_TYPE_MISMATCH);
const _: () = assert!(Status::IoError as i32 == GJS_IO_ERROR);
const _: () = assert!(Status::InternalError as i32 == GJS_INTERNAL_ERROR);
