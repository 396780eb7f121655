//! The objects behind the C handles, and the per-context error state.

use super::lock::ContextLock;
use super::{gjs_status, to_cstring};
use crate::FuncId;
use crate::check::types::TypeId;
use crate::context::{
    CompileError, Config, Context, InterruptHandle, ModuleId, ObjectKind, RuntimeError,
};
use crate::diag::Severity;
use std::cell::{Cell, UnsafeCell};
use std::collections::HashMap;
use std::ffi::{CString, c_char};

pub(super) const CONTEXT_MAGIC: u64 = 0x676a_735f_6374_7821;
pub(super) const BACKEND_MAGIC: u64 = 0x676a_735f_626b_6e64;
pub(super) const MODULE_MAGIC: u64 = 0x676a_735f_6d6f_6421;
pub(super) const FUNCTION_MAGIC: u64 = 0x676a_735f_666e_6321;
pub(super) const TYPE_MAGIC: u64 = 0x676a_735f_7479_7065;
pub(super) const OBJECT_MAGIC: u64 = 0x676a_735f_6f62_6a21;

/// A string crossing the boundary: UTF-8 by convention, not NUL-terminated.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gjs_str {
    pub ptr: *const c_char,
    pub len: usize,
}

/// One diagnostic of a failed compile. All strings are borrowed from the context.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gjs_diagnostic {
    /// `GJS_SEVERITY_ERROR` or `GJS_SEVERITY_NOTE`.
    pub severity: i32,
    /// Stable code such as "E0300".
    pub code: *const c_char,
    pub message: *const c_char,
    /// The module (file stem or registered name) the position is in.
    pub module: *const c_char,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in bytes.
    pub column: u32,
}

/// What the last runtime error on a context was. Strings are borrowed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gjs_runtime_error {
    /// The exception's class, "Error" for runtime faults and host errors ("" for an
    /// interrupt).
    pub type_name: *const c_char,
    /// The message alone, without location or backtrace.
    pub message: *const c_char,
    /// The `Error` code (3 runtime error, 4 out of memory, 5 stack overflow; 6 for an
    /// interrupt).
    pub code: i32,
}

/// One frame of a runtime error's backtrace, innermost first. Strings are borrowed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gjs_frame {
    pub module: *const c_char,
    pub function: *const c_char,
    pub line: u32,
    pub column: u32,
}

/// A backend under construction: the VM's sizes until a context takes it over.
// `repr(C)` with the magic first, so validation reads the same offset in every
// kind of handle.
#[repr(C)]
pub struct gjs_backend {
    pub(super) magic: u64,
    pub(super) config: Config,
}

/// A compiled (or host) module, borrowed from its context.
// `repr(C)` with the magic first, so validation reads the same offset in every
// kind of handle.
#[repr(C)]
pub struct gjs_module {
    pub(super) magic: u64,
    pub(super) ctx: *const gjs_context,
    pub(super) id: ModuleId,
    pub(super) name: CString,
}

/// A function of a context, borrowed from it.
// `repr(C)` with the magic first, so validation reads the same offset in every
// kind of handle.
#[repr(C)]
pub struct gjs_function {
    pub(super) magic: u64,
    pub(super) ctx: *const gjs_context,
    pub(super) id: FuncId,
    pub(super) name: CString,
    pub(super) decl: CString,
    pub(super) ret: TypeId,
    pub(super) params: Vec<TypeId>,
    /// Some parameter or the result is an object (the slow path of a call).
    pub(super) takes_objects: bool,
    pub(super) ret_type: *const gjs_type,
    pub(super) param_types: Vec<*const gjs_type>,
}

/// A type. The primitive types and `string` are static and shared by all contexts.
// `repr(C)` with the magic first, so validation reads the same offset in every
// kind of handle.
#[repr(C)]
pub struct gjs_type {
    pub(super) magic: u64,
    pub(super) id: TypeId,
    /// Points to a static string, or into `owned_name`.
    pub(super) name: *const c_char,
    pub(super) size: usize,
    pub(super) align: usize,
    pub(super) kind: super::gjs_kind,
    /// The name of a context's own type (a class, format or host type).
    pub(super) owned_name: Option<CString>,
    /// Of an array type: the element type.
    pub(super) element: *const gjs_type,
    /// Of a class, format or value type: its fields as the host sees them.
    pub(super) fields: Vec<FieldEntry>,
}

/// A field of a type, with its name kept alive for `gjs_field::name`.
pub(super) struct FieldEntry {
    pub name: CString,
    pub ty: *const gjs_type,
    pub offset: usize,
    pub is_const: bool,
}

/// A field of a class, format or host value type, as `gjs_type_field` reports it.
/// Strings and types are borrowed from the type.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gjs_field {
    pub name: *const c_char,
    pub field_type: *const gjs_type,
    /// Byte offset: in the C struct for a format or value type; in the object for a
    /// class (whose objects the host reaches only through `gjs_object_get`/`set`).
    pub offset: usize,
    /// Declared `const`: `gjs_object_set` refuses it.
    pub is_const: bool,
}

/// An object the host holds: a script class instance or an array in the context's
/// memory. Made by `gjs_context_call` (a result) or `gjs_context_new_array`; the host
/// owns the handle and frees it with `gjs_object_free`.
// `repr(C)` with the magic first, so validation reads the same offset in every
// kind of handle.
#[repr(C)]
pub struct gjs_object {
    pub(super) magic: u64,
    /// The context the object lives in; NULL once that context was freed (which
    /// destroyed the object).
    pub(super) ctx: Cell<*const gjs_context>,
    /// Its block in VM memory.
    pub(super) at: u32,
    pub(super) ty: TypeId,
}

// SAFETY: the fields are plain data; `name` points to a static string or into
// `owned_name`, which is never changed.
unsafe impl Sync for gjs_type {}

macro_rules! ty {
    ($id:expr, $name:literal, $size:expr, $align:expr, $kind:expr) => {
        gjs_type {
            magic: TYPE_MAGIC,
            id: $id,
            name: $name.as_ptr(),
            size: $size,
            align: $align,
            kind: $kind,
            owned_name: None,
            element: std::ptr::null(),
            fields: Vec::new(),
        }
    };
}

pub(super) static TYPES: [gjs_type; 13] = [
    ty!(TypeId::VOID, c"void", 0, 1, super::GJS_TYPE_VOID),
    ty!(TypeId::BOOL, c"bool", 1, 1, super::GJS_TYPE_BOOL),
    ty!(TypeId::I8, c"i8", 1, 1, super::GJS_TYPE_INT),
    ty!(TypeId::U8, c"u8", 1, 1, super::GJS_TYPE_UINT),
    ty!(TypeId::I16, c"i16", 2, 2, super::GJS_TYPE_INT),
    ty!(TypeId::U16, c"u16", 2, 2, super::GJS_TYPE_UINT),
    ty!(TypeId::I32, c"i32", 4, 4, super::GJS_TYPE_INT),
    ty!(TypeId::U32, c"u32", 4, 4, super::GJS_TYPE_UINT),
    ty!(TypeId::I64, c"i64", 8, 8, super::GJS_TYPE_INT),
    ty!(TypeId::U64, c"u64", 8, 8, super::GJS_TYPE_UINT),
    ty!(TypeId::F32, c"f32", 4, 4, super::GJS_TYPE_FLOAT),
    ty!(TypeId::F64, c"f64", 8, 8, super::GJS_TYPE_FLOAT),
    ty!(
        TypeId::STRING,
        c"string",
        std::mem::size_of::<gjs_str>(),
        std::mem::align_of::<gjs_str>(),
        super::GJS_TYPE_STRING
    ),
];

/// The handle of type `id` of context `ctx`: static for primitives and `string`, made
/// once per context for its object types.
pub(super) fn context_type(ctx: &Context, borrowed: &mut Borrowed, id: TypeId) -> *const gjs_type {
    let shared = type_handle(id);
    if !shared.is_null() {
        return shared;
    }
    if let Some(h) = borrowed.types.get(&id.0) {
        return h.as_ref() as *const gjs_type;
    }
    let h = borrowed.types.entry(id.0).or_insert_with(|| {
        let (kind, size, align) = match ctx.object_kind(id) {
            // Crosses as a `gjs_object*`.
            Some((kind @ (ObjectKind::Class | ObjectKind::Array), _, _)) => {
                let kind = if kind == ObjectKind::Array {
                    super::GJS_TYPE_ARRAY
                } else {
                    super::GJS_TYPE_CLASS
                };
                let ptr = std::mem::size_of::<*const gjs_object>();
                (kind, ptr, ptr)
            }
            Some((kind, size, align)) => {
                let kind = match kind {
                    ObjectKind::Format => super::GJS_TYPE_FORMAT,
                    ObjectKind::Value => super::GJS_TYPE_VALUE,
                    ObjectKind::Handle => super::GJS_TYPE_HANDLE,
                    ObjectKind::Class => super::GJS_TYPE_CLASS,
                    ObjectKind::Array => super::GJS_TYPE_ARRAY,
                };
                (kind, size as usize, align as usize)
            }
            None => (super::GJS_TYPE_CLASS, 0, 0),
        };
        let name = super::to_cstring(&ctx.type_name(id));
        Box::new(gjs_type {
            magic: TYPE_MAGIC,
            id,
            name: name.as_ptr(),
            size,
            align,
            kind,
            owned_name: Some(name),
            element: std::ptr::null(),
            fields: Vec::new(),
        })
    });
    let handle = h.as_mut() as *mut gjs_type;
    // Filled in after the entry exists, so a type that contains itself (a class with
    // an array of its own type) finds its handle instead of recursing forever.
    let element = ctx
        .element_type(id)
        .map_or(std::ptr::null(), |e| context_type(ctx, borrowed, e));
    let fields: Vec<_> = ctx
        .visible_fields(id)
        .map(|f| (f.name.clone(), f.ty, f.offset, f.is_const))
        .collect();
    let fields = fields
        .into_iter()
        .map(|(name, ty, offset, is_const)| FieldEntry {
            name: super::to_cstring(&name),
            ty: context_type(ctx, borrowed, ty),
            offset: offset as usize,
            is_const,
        })
        .collect();
    // SAFETY: the box lives in `borrowed.types` and is never removed; no other
    // reference to it is live.
    unsafe {
        (*handle).element = element;
        (*handle).fields = fields;
    }
    handle
}

pub(super) fn type_handle(id: TypeId) -> *const gjs_type {
    TYPES
        .iter()
        .find(|t| t.id == id)
        .map(|t| t as *const gjs_type)
        .unwrap_or(std::ptr::null())
}

/// What the last failed call on a context left for the host to read.
#[derive(Default)]
pub(super) struct ErrorState {
    pub message: CString,
    /// (severity, code, message, module, line, column)
    pub diagnostics: Vec<(i32, CString, CString, CString, u32, u32)>,
    pub backtrace: Vec<(CString, CString, u32, u32)>,
    /// The message a host function passed to `gjs_context_throw`.
    pub thrown: Option<String>,
    /// Of the last runtime error: the exception's type name, message and code.
    pub runtime: Option<(CString, CString, i32)>,
}

impl ErrorState {
    #[cold]
    fn clear(&mut self) {
        self.message = CString::default();
        self.diagnostics.clear();
        self.backtrace.clear();
        self.runtime = None;
    }
}

/// Per-context strings and handles that the C side borrows.
#[derive(Default)]
pub(super) struct Borrowed {
    /// The bytes of the last string result, NUL-terminated for convenience.
    pub returned: Vec<u8>,
    pub modules: HashMap<usize, Box<gjs_module>>,
    pub functions: HashMap<u32, Box<gjs_function>>,
    /// Handles of the context's own types, by type id.
    pub types: HashMap<u32, Box<gjs_type>>,
    /// The strings read by `gjs_array_get`/`gjs_object_get` since the last call.
    pub reads: Vec<Box<[u8]>>,
    /// The live object handles the host holds (destroyed with the context).
    pub objects: std::collections::HashSet<*mut gjs_object>,
}

/// A context: compiled modules, VM memory, output sinks and limits.
// `repr(C)` with the magic first, so validation reads the same offset in every
// kind of handle.
#[repr(C)]
pub struct gjs_context {
    pub(super) magic: u64,
    pub(super) lock: ContextLock,
    inner: UnsafeCell<Context>,
    /// During a host callback: the context the callback was given.
    pub(super) current: Cell<*mut Context>,
    pub(super) interrupt: InterruptHandle,
    pub(super) errors: UnsafeCell<ErrorState>,
    pub(super) borrowed: UnsafeCell<Borrowed>,
}

// SAFETY: every use of the cells happens with `lock` held (see `Guarded`), which
// serialises threads; `interrupt` is an atomic flag.
unsafe impl Sync for gjs_context {}
// SAFETY: `Context` is Send, and the raw pointer in `current` is only set while a
// callback runs on the thread that holds the lock.
unsafe impl Send for gjs_context {}

impl gjs_context {
    pub(super) fn new(ctx: Context) -> gjs_context {
        let interrupt = ctx.interrupt_handle();
        gjs_context {
            magic: CONTEXT_MAGIC,
            lock: ContextLock::new(),
            inner: UnsafeCell::new(ctx),
            current: Cell::new(std::ptr::null_mut()),
            interrupt,
            errors: UnsafeCell::new(ErrorState::default()),
            borrowed: UnsafeCell::new(Borrowed::default()),
        }
    }

    /// The context to use now: inside a host callback, the one the callback was given;
    /// otherwise the handle's own.
    ///
    /// # Safety
    /// The caller holds `lock` and does not keep the reference across a host callback
    /// or another call of this method.
    // Interior mutability under the context lock, like a mutex guard.
    #[allow(clippy::mut_from_ref)]
    pub(super) unsafe fn ctx(&self) -> &mut Context {
        let cur = self.current.get();
        if cur.is_null() {
            // SAFETY: exclusive by the lock; no other reference is live (caller contract).
            unsafe { &mut *self.inner.get() }
        } else {
            // SAFETY: set by the callback wrapper from the `&mut Context` it owns for
            // the duration of the callback, which does not use it meanwhile.
            unsafe { &mut *cur }
        }
    }

    /// # Safety
    /// The caller holds `lock`; the reference is short-lived.
    // Interior mutability under the context lock, like a mutex guard.
    #[allow(clippy::mut_from_ref)]
    pub(super) unsafe fn errors(&self) -> &mut ErrorState {
        // SAFETY: as documented.
        unsafe { &mut *self.errors.get() }
    }

    /// # Safety
    /// The caller holds `lock`; the reference is short-lived.
    // Interior mutability under the context lock, like a mutex guard.
    #[allow(clippy::mut_from_ref)]
    pub(super) unsafe fn borrowed(&self) -> &mut Borrowed {
        // SAFETY: as documented.
        unsafe { &mut *self.borrowed.get() }
    }

    /// Records a plain error message; returns `status`.
    pub(super) fn fail(&self, status: gjs_status, message: &str) -> gjs_status {
        // SAFETY: called with the lock held (all entry points take it first).
        let e = unsafe { self.errors() };
        e.message = to_cstring(message);
        e.diagnostics.clear();
        e.backtrace.clear();
        e.runtime = None;
        status
    }

    /// Clears the error state after a successful call (without allocating when it is
    /// already clear, which keeps the call path cheap); returns `GJS_OK`.
    #[inline(always)]
    pub(super) fn succeed(&self) -> gjs_status {
        // SAFETY: called with the lock held.
        let e = unsafe { self.errors() };
        // The common case, a call after a successful one, only looks.
        if !(e.message.is_empty()
            && e.runtime.is_none()
            && e.diagnostics.is_empty()
            && e.backtrace.is_empty())
        {
            e.clear();
        }
        super::GJS_OK
    }

    pub(super) fn fail_compile(&self, err: &CompileError) -> gjs_status {
        // SAFETY: lock held by the caller.
        let e = unsafe { self.errors() };
        e.message = to_cstring(err.to_string().trim_end());
        e.backtrace.clear();
        e.diagnostics.clear();
        e.runtime = None;
        for d in &err.diagnostics {
            let (module, line, col) = d.location();
            let sev = match d.severity {
                Severity::Error => super::GJS_SEVERITY_ERROR,
                Severity::Note => super::GJS_SEVERITY_NOTE,
            };
            let module = to_cstring(&module);
            e.diagnostics.push((
                sev,
                to_cstring(d.code),
                to_cstring(&d.message),
                module.clone(),
                line,
                col,
            ));
            // Each secondary position follows its error as a note.
            for label in &d.labels {
                let (l, c) = d
                    .source
                    .as_ref()
                    .map(|s| s.line_col(label.span.lo))
                    .unwrap_or((0, 0));
                e.diagnostics.push((
                    super::GJS_SEVERITY_NOTE,
                    to_cstring(d.code),
                    to_cstring(&label.message),
                    module.clone(),
                    l,
                    c,
                ));
            }
        }
        super::GJS_COMPILE_ERROR
    }

    /// The status of a binding: `GJS_OK`, or `GJS_INVALID_ARGUMENT` with the
    /// declaration's diagnostics.
    pub(super) fn bound<T>(&self, result: Result<T, CompileError>) -> gjs_status {
        match result {
            Ok(_) => self.succeed(),
            Err(e) => {
                self.fail_compile(&e);
                super::GJS_INVALID_ARGUMENT
            }
        }
    }

    pub(super) fn fail_runtime(&self, err: &RuntimeError) -> gjs_status {
        // SAFETY: lock held by the caller.
        let e = unsafe { self.errors() };
        e.message = to_cstring(&err.to_string());
        e.diagnostics.clear();
        e.runtime = Some((
            to_cstring(&err.type_name),
            to_cstring(&err.message),
            err.code as i32,
        ));
        e.backtrace = err
            .backtrace
            .iter()
            .map(|f| {
                (
                    to_cstring(&f.module),
                    to_cstring(&f.function),
                    f.line,
                    f.column,
                )
            })
            .collect();
        err.status as gjs_status
    }
}
