//! The C ABI: the only module with `extern "C"`. cbindgen turns it into `include/gjs.h`.
//!
//! Handles are Rust objects behind opaque pointers. Every function validates its
//! arguments (NULL, a handle's magic number, a handle from another context) and returns
//! `GJS_INVALID_ARGUMENT` naming the parameter; a Rust panic is caught at the boundary
//! and becomes `GJS_INTERNAL_ERROR`, leaving the context usable.
//!
//! A context handle serialises all use through a re-entrant lock, so one context used
//! from two threads never races (the second thread waits), while a host function may
//! call back into its own context on the same thread. During a host callback the
//! handle routes calls to the `&mut Context` the callback was given, so no two mutable
//! borrows of one context ever coexist.

#![allow(non_camel_case_types)]

mod api;
mod handles;
mod host_types;
mod lock;
mod objects;

pub use api::*;
pub use handles::{
    gjs_backend, gjs_context, gjs_diagnostic, gjs_field, gjs_frame, gjs_function, gjs_module,
    gjs_object, gjs_runtime_error, gjs_str, gjs_type,
};
pub use host_types::*;
pub use objects::*;

use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};

/// A status code (embedding.md §3): one of the `GJS_*` values; fixed, never renumbered.
pub type gjs_status = i32;

/// Success.
pub const GJS_OK: gjs_status = 0;
/// The source did not compile; diagnostics are available.
pub const GJS_COMPILE_ERROR: gjs_status = 1;
/// A bad argument to an API function (NULL, unknown name, bad declaration string).
pub const GJS_INVALID_ARGUMENT: gjs_status = 2;
/// An uncaught script exception (thrown `Error`, division by zero, index out of range,
/// null access, error from a host function).
pub const GJS_RUNTIME_ERROR: gjs_status = 3;
/// The script exceeded its memory limit.
pub const GJS_OUT_OF_MEMORY: gjs_status = 4;
/// The script exceeded its stack.
pub const GJS_STACK_OVERFLOW: gjs_status = 5;
/// The step budget ran out or the host interrupted the script.
pub const GJS_INTERRUPTED: gjs_status = 6;
/// A host call's declared return/argument types do not match the function.
pub const GJS_TYPE_MISMATCH: gjs_status = 7;
/// No such module, function, type or file.
pub const GJS_NOT_FOUND: gjs_status = 8;
/// A file could not be read.
pub const GJS_IO_ERROR: gjs_status = 9;
/// A bug inside gjs (a caught panic); the context stays usable.
pub const GJS_INTERNAL_ERROR: gjs_status = 70;

/// Kinds of types, as reported by `gjs_type_kind`.
pub type gjs_kind = i32;
/// `void` (only a return type).
pub const GJS_TYPE_VOID: gjs_kind = 0;
/// `bool`.
pub const GJS_TYPE_BOOL: gjs_kind = 1;
/// `i8`, `i16`, `i32`, `i64`.
pub const GJS_TYPE_INT: gjs_kind = 2;
/// `u8`, `u16`, `u32`, `u64`.
pub const GJS_TYPE_UINT: gjs_kind = 3;
/// `f32`, `f64`.
pub const GJS_TYPE_FLOAT: gjs_kind = 4;
/// `string` (passed as `gjs_str`).
pub const GJS_TYPE_STRING: gjs_kind = 5;
/// A format: passed as the C struct with the same fields in the same order.
pub const GJS_TYPE_FORMAT: gjs_kind = 6;
/// A host value type: passed as its C struct, like a format.
pub const GJS_TYPE_VALUE: gjs_kind = 7;
/// A host handle type: passed as the host's `void*`.
pub const GJS_TYPE_HANDLE: gjs_kind = 8;
/// A script class: crosses as a `gjs_object*` (see `gjs_object_get`).
pub const GJS_TYPE_CLASS: gjs_kind = 9;
/// An `array<T>`: crosses as a `gjs_object*` (see `gjs_array_get`).
pub const GJS_TYPE_ARRAY: gjs_kind = 10;

/// Severity of a diagnostic.
pub const GJS_SEVERITY_ERROR: i32 = 0;
/// A note attached to an error.
pub const GJS_SEVERITY_NOTE: i32 = 1;

thread_local! {
    /// The last error of a call that had no context to record it in.
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::default());
}

fn set_last_error(message: &str) {
    LAST_ERROR.with(|e| *e.borrow_mut() = to_cstring(message));
}

/// A C string from Rust text; interior NULs (possible in script strings) become `?`.
fn to_cstring(s: &str) -> CString {
    CString::new(s.replace('\0', "?")).unwrap_or_default()
}

/// Reads a required C string argument.
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string.
unsafe fn arg_str<'a>(p: *const c_char, name: &str) -> Result<&'a str, String> {
    if p.is_null() {
        return Err(format!("{name} is NULL"));
    }
    // SAFETY: non-null and NUL-terminated by the caller's contract.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str().map_err(|_| format!("{name} is not valid UTF-8"))
}

/// The text of a caught panic.
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}
