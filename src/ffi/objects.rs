//! Objects the host holds (embedding.md §5): script class instances and arrays cross
//! the C boundary as `gjs_object` handles. The host owns each handle it is given and
//! frees it with `gjs_object_free`, which destroys the object as a script would
//! (destructor, fields, elements); objects still held when their context is freed are
//! destroyed first, and their handles then only need `gjs_object_free`.
//!
//! Elements and fields are read and written in their C representation (the call
//! convention's table); only primitives, `string` and C-struct types (formats, host
//! value types) can be, since an object inside an object has no handle of its own.

use super::api::{c_to_reg, reg_to_c, str_arg, with_context};
use super::handles::{OBJECT_MAGIC, context_type, gjs_field, gjs_object};
use super::*;
use crate::check::FieldInfo;
use crate::check::types::TypeId;
use crate::context::{Access, Context, RuntimeError};
use std::cell::Cell;
use std::ffi::c_void;

/// Validates an object handle; returns it with its live context.
///
/// # Safety
/// `o` is NULL or points to memory that held a `gjs_object`.
unsafe fn object<'a>(o: *const gjs_object, name: &str) -> Result<&'a gjs_object, String> {
    if o.is_null() {
        return Err(format!("{name} is NULL"));
    }
    // SAFETY: non-null; a freed handle has its magic cleared before release.
    let h = unsafe { &*o };
    if h.magic != OBJECT_MAGIC {
        return Err(format!("{name} does not point to a live gjs_object"));
    }
    if h.ctx.get().is_null() {
        return Err(format!("{name} belongs to a context that was freed"));
    }
    Ok(h)
}

/// Runs `f` on a validated object with its context's lock held.
///
/// # Safety
/// As for [`object`].
unsafe fn with_object(
    o: *const gjs_object,
    f: impl FnOnce(&gjs_context, &gjs_object) -> gjs_status,
) -> gjs_status {
    // SAFETY: forwarded contract.
    match unsafe { object(o, "obj") } {
        // SAFETY: a live object's context is live.
        Ok(h) => unsafe { with_context(h.ctx.get(), |c| f(c, h)) },
        Err(m) => {
            set_last_error(&m);
            GJS_INVALID_ARGUMENT
        }
    }
}

/// A new handle the host owns for the object of `ty` at `at`.
pub(super) fn new_object_handle(c: &gjs_context, at: u32, ty: TypeId) -> *mut gjs_object {
    let h = Box::into_raw(Box::new(gjs_object {
        magic: OBJECT_MAGIC,
        ctx: Cell::new(c as *const gjs_context),
        at,
        ty,
    }));
    // SAFETY: lock held by the caller.
    unsafe { c.borrowed() }.objects.insert(h);
    h
}

/// The object an argument of type `ty` points to (`args[i]` points to a
/// `gjs_object*`): its address in VM memory, or why it cannot be passed.
///
/// # Safety
/// `p` points to a `gjs_object*`.
pub(super) unsafe fn object_arg(
    c: &gjs_context,
    ctx: &Context,
    p: *const c_void,
    ty: TypeId,
    i: usize,
) -> Result<u64, (gjs_status, String)> {
    // SAFETY: per contract.
    let o = unsafe { *(p as *const *const gjs_object) };
    // SAFETY: validated through the magic number.
    let h = unsafe { object(o, &format!("*args[{i}]")) }.map_err(|m| (GJS_INVALID_ARGUMENT, m))?;
    if !std::ptr::eq(h.ctx.get(), c) {
        return Err((
            GJS_INVALID_ARGUMENT,
            format!("*args[{i}] belongs to another context"),
        ));
    }
    if h.ty != ty {
        return Err((
            GJS_TYPE_MISMATCH,
            format!(
                "args[{i}] is a '{}' object where '{}' is expected",
                ctx.type_name(h.ty),
                ctx.type_name(ty)
            ),
        ));
    }
    Ok(h.at as u64)
}

/// Destroys every object the host still holds; their handles only need freeing now.
/// Called when the context is freed, before its module objects are destroyed.
///
/// # Safety
/// The caller holds the lock; no host callback runs.
pub(super) unsafe fn destroy_held_objects(c: &gjs_context) {
    loop {
        // SAFETY: lock held; short-lived.
        let Some(&h) = unsafe { c.borrowed() }.objects.iter().next() else {
            return;
        };
        // SAFETY: lock held; short-lived.
        unsafe { c.borrowed() }.objects.remove(&h);
        // SAFETY: a registered handle is live (removed from the set when freed).
        let o = unsafe { &*h };
        o.ctx.set(std::ptr::null());
        // SAFETY: lock held, no callback running.
        unsafe { c.ctx() }.destroy_held(o.at, o.ty);
    }
}

/// Destroys the object (as a script would: its destructor, then its fields; an
/// array's elements) and frees the handle. A fault in a destructor is written to the
/// context's error output. If the context was freed already (which destroyed the
/// object), only the handle is freed. NULL is a no-op.
///
/// Do not free an object while a call that was passed it is running (from a host
/// function that call reached).
///
/// # Safety
/// `obj` is NULL or a handle not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_object_free(obj: *mut gjs_object) {
    if obj.is_null() {
        return;
    }
    // SAFETY: validated through the magic number.
    let h = unsafe { &*obj };
    if h.magic != OBJECT_MAGIC {
        set_last_error("gjs_object_free: obj does not point to a live gjs_object");
        return;
    }
    if !h.ctx.get().is_null() {
        // SAFETY: a live object's context is live.
        unsafe {
            with_context(h.ctx.get(), |c| {
                c.borrowed().objects.remove(&obj);
                c.ctx().destroy_held(h.at, h.ty);
                GJS_OK
            })
        };
    }
    // SAFETY: from Box::into_raw in `new_object_handle`; never freed before.
    unsafe {
        (*obj).magic = 0;
        drop(Box::from_raw(obj));
    }
}

/// The object's type (kind `GJS_TYPE_CLASS` or `GJS_TYPE_ARRAY`); NULL for a bad
/// handle or one whose context was freed.
///
/// Ownership: borrowed from the context.
///
/// # Safety
/// `obj` is NULL or a handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_object_type(obj: *const gjs_object) -> *const gjs_type {
    let mut out = std::ptr::null();
    // SAFETY: forwarded contract.
    unsafe {
        with_object(obj, |c, h| {
            out = context_type(c.ctx(), c.borrowed(), h.ty);
            GJS_OK
        })
    };
    out
}

/// A new empty array of `array_type` (an array type from `gjs_function_arg_type` or
/// `gjs_function_return_type`, or the element type of one), to fill and pass to a
/// script function; `*out` receives it.
///
/// Ownership: the caller owns `*out` and frees it with `gjs_object_free`.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL arguments or a type of another context;
/// `GJS_TYPE_MISMATCH` if `array_type` is not an array type, or its elements are
/// objects no function of the context takes or returns in an array;
/// `GJS_OUT_OF_MEMORY`.
///
/// # Safety
/// `ctx` is a live context; `array_type` a type handle; `out` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_new_array(
    ctx: *mut gjs_context,
    array_type: *const gjs_type,
    out: *mut *mut gjs_object,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            if out.is_null() {
                return c.fail(GJS_INVALID_ARGUMENT, "out is NULL");
            }
            *out = std::ptr::null_mut();
            let Some(t) = super::api::type_ref(array_type) else {
                return c.fail(GJS_INVALID_ARGUMENT, "array_type is not a gjs_type");
            };
            let inner = c.ctx();
            if context_type(inner, c.borrowed(), t.id) != array_type {
                return c.fail(
                    GJS_INVALID_ARGUMENT,
                    "array_type is not a type of this context",
                );
            }
            if inner.element_type(t.id).is_none() {
                return c.fail(
                    GJS_TYPE_MISMATCH,
                    &format!("'{}' is not an array type", inner.type_name(t.id)),
                );
            }
            if !inner.can_hold(t.id) {
                return c.fail(
                    GJS_TYPE_MISMATCH,
                    &format!(
                        "no function takes or returns '{}', so the context cannot destroy one",
                        inner.type_name(t.id)
                    ),
                );
            }
            match inner.new_held(t.id) {
                Ok(at) => {
                    *out = new_object_handle(c, at, t.id);
                    c.succeed()
                }
                Err(e) => c.fail_runtime(&e),
            }
        })
    }
}

/// The number of elements of an array object.
///
/// Errors: `GJS_INVALID_ARGUMENT` for a bad handle or NULL `out`; `GJS_TYPE_MISMATCH`
/// if `array` is not an array.
///
/// # Safety
/// `array` is NULL or a handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_array_length(array: *const gjs_object, out: *mut usize) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_object(array, |c, h| {
            if out.is_null() {
                return c.fail(GJS_INVALID_ARGUMENT, "out is NULL");
            }
            let ctx = c.ctx();
            if ctx.element_type(h.ty).is_none() {
                return not_an_array(c, ctx, h);
            }
            match ctx.held_len(h.at) {
                Ok(n) => {
                    *out = n as usize;
                    c.succeed()
                }
                Err(e) => c.fail_runtime(&e),
            }
        })
    }
}

/// The element type and how it is accessed, or the failure status.
fn elements(
    c: &gjs_context,
    ctx: &Context,
    h: &gjs_object,
) -> Result<(TypeId, Access), gjs_status> {
    let Some(elem) = ctx.element_type(h.ty) else {
        return Err(not_an_array(c, ctx, h));
    };
    match ctx.access(elem) {
        Some(a) => Ok((elem, a)),
        None => Err(c.fail(
            GJS_TYPE_MISMATCH,
            &format!(
                "the elements of '{}' are objects, which the host cannot read or write in place",
                ctx.type_name(h.ty)
            ),
        )),
    }
}

/// Copies element `index` of an array object to `out`, in its C representation: a
/// primitive, a `gjs_str` (borrowed, valid until the next `gjs_context_call` or
/// `gjs_module_init` on the context), or a format or value type's C struct.
///
/// Errors: `GJS_INVALID_ARGUMENT` for a bad handle or NULL `out`; `GJS_TYPE_MISMATCH`
/// if `array` is not an array or its elements are objects of other kinds;
/// `GJS_RUNTIME_ERROR` for an index out of range.
///
/// # Safety
/// `array` is NULL or a handle; `out` is NULL or has room for the element type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_array_get(
    array: *const gjs_object,
    index: usize,
    out: *mut c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_object(array, |c, h| {
            if out.is_null() {
                return c.fail(GJS_INVALID_ARGUMENT, "out is NULL");
            }
            let ctx = c.ctx();
            let (elem, access) = match elements(c, ctx, h) {
                Ok(e) => e,
                Err(s) => return s,
            };
            let read = ctx
                .held_slot(h.at, index_of(index), access.size())
                .and_then(|at| copy_out(c, ctx, at, elem, access, out));
            outcome(c, read)
        })
    }
}

/// Sets element `index` of an array object from `value`, which points to the element
/// in its C representation (a `gjs_str` is copied; a C struct is copied, for formats
/// and host value types without a destructor).
///
/// Errors: as `gjs_array_get`; also `GJS_TYPE_MISMATCH` for elements of a value type
/// with a destructor.
///
/// # Safety
/// `array` is NULL or a handle; `value` is NULL or points to an element.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_array_set(
    array: *mut gjs_object,
    index: usize,
    value: *const c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe { store_element(array, Some(index), value) }
}

/// Appends an element (`value` as for `gjs_array_set`).
///
/// Errors: as `gjs_array_set`, and `GJS_OUT_OF_MEMORY`.
///
/// # Safety
/// `array` is NULL or a handle; `value` is NULL or points to an element.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_array_push(
    array: *mut gjs_object,
    value: *const c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe { store_element(array, None, value) }
}

/// `gjs_array_set` (`index` given) or `gjs_array_push`.
///
/// # Safety
/// As for those.
unsafe fn store_element(
    array: *mut gjs_object,
    index: Option<usize>,
    value: *const c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_object(array, |c, h| {
            if value.is_null() {
                return c.fail(GJS_INVALID_ARGUMENT, "value is NULL");
            }
            let ctx = c.ctx();
            let (elem, access) = match elements(c, ctx, h) {
                Ok(e) => e,
                Err(s) => return s,
            };
            let stored = match access {
                Access::Scalar(kind) => read_scalar(ctx, elem, value).and_then(|v| match index {
                    Some(i) => ctx.held_set(h.at, index_of(i), v, kind),
                    None => ctx.held_push(h.at, v, kind),
                }),
                Access::Bytes {
                    size,
                    writable: true,
                } => match index {
                    Some(i) => ctx.held_slot(h.at, index_of(i), size),
                    None => ctx.held_push_slot(h.at, size),
                }
                .map(|at| read_bytes(ctx, at, size, value)),
                Access::Bytes { .. } => return not_writable(c, ctx, elem),
            };
            outcome(c, stored)
        })
    }
}

/// Copies field `field` of a class object to `out` in its C representation (as for
/// `gjs_array_get`).
///
/// Errors: `GJS_INVALID_ARGUMENT` for a bad handle, NULL `field` or `out`;
/// `GJS_NOT_FOUND` if the class has no such field; `GJS_TYPE_MISMATCH` for a field
/// holding an object other than a format or value type, or if `obj` is an array.
///
/// # Safety
/// `obj` is NULL or a handle; `field` is NULL or NUL-terminated; `out` is NULL or has
/// room for the field's type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_object_get(
    obj: *const gjs_object,
    field: *const c_char,
    out: *mut c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_object(obj, |c, h| {
            if out.is_null() {
                return c.fail(GJS_INVALID_ARGUMENT, "out is NULL");
            }
            let ctx = c.ctx();
            let (addr, ty, access, _) = match field_of(c, ctx, h, field) {
                Ok(f) => f,
                Err(s) => return s,
            };
            outcome(c, copy_out(c, ctx, addr, ty, access, out))
        })
    }
}

/// Sets field `field` of a class object from `value` (as for `gjs_array_set`).
///
/// Errors: as `gjs_object_get`; also `GJS_TYPE_MISMATCH` for a `const` field or a
/// field of a value type with a destructor.
///
/// # Safety
/// `obj` is NULL or a handle; `field` is NULL or NUL-terminated; `value` is NULL or
/// points to a value of the field's type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_object_set(
    obj: *mut gjs_object,
    field: *const c_char,
    value: *const c_void,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_object(obj, |c, h| {
            if value.is_null() {
                return c.fail(GJS_INVALID_ARGUMENT, "value is NULL");
            }
            let ctx = c.ctx();
            let (addr, ty, access, is_const) = match field_of(c, ctx, h, field) {
                Ok(f) => f,
                Err(s) => return s,
            };
            if is_const {
                return c.fail(GJS_TYPE_MISMATCH, "the field is const");
            }
            let stored = match access {
                Access::Scalar(kind) => {
                    read_scalar(ctx, ty, value).and_then(|v| ctx.store_scalar(addr, kind, v))
                }
                Access::Bytes {
                    size,
                    writable: true,
                } => {
                    read_bytes(ctx, addr, size, value);
                    Ok(())
                }
                Access::Bytes { .. } => return not_writable(c, ctx, ty),
            };
            outcome(c, stored)
        })
    }
}

/// Where field `name` of a class object lies, its type, access and constness.
///
/// # Safety
/// `name` is NULL or NUL-terminated.
unsafe fn field_of(
    c: &gjs_context,
    ctx: &Context,
    h: &gjs_object,
    name: *const c_char,
) -> Result<(u32, TypeId, Access, bool), gjs_status> {
    // SAFETY: forwarded contract.
    let name = unsafe { arg_str(name, "field") }.map_err(|m| c.fail(GJS_INVALID_ARGUMENT, &m))?;
    if ctx.element_type(h.ty).is_some() {
        return Err(c.fail(
            GJS_TYPE_MISMATCH,
            &format!(
                "a '{}' object has elements, not fields",
                ctx.type_name(h.ty)
            ),
        ));
    }
    let Some(&FieldInfo {
        ty,
        offset,
        is_const,
        ..
    }) = ctx.visible_field(h.ty, name)
    else {
        return Err(c.fail(
            GJS_NOT_FOUND,
            &format!("'{}' has no field '{name}'", ctx.type_name(h.ty)),
        ));
    };
    let Some(access) = ctx.access(ty) else {
        return Err(c.fail(
            GJS_TYPE_MISMATCH,
            &format!(
                "field '{name}' holds a '{}' object, which the host cannot read or write in place",
                ctx.type_name(ty)
            ),
        ));
    };
    Ok((h.at + offset, ty, access, is_const))
}

/// The status of an element or field access that may have faulted.
fn outcome(c: &gjs_context, result: Result<(), RuntimeError>) -> gjs_status {
    match result {
        Ok(()) => c.succeed(),
        Err(e) => c.fail_runtime(&e),
    }
}

fn not_an_array(c: &gjs_context, ctx: &Context, h: &gjs_object) -> gjs_status {
    c.fail(
        GJS_TYPE_MISMATCH,
        &format!("a '{}' object is not an array", ctx.type_name(h.ty)),
    )
}

fn not_writable(c: &gjs_context, ctx: &Context, ty: TypeId) -> gjs_status {
    c.fail(
        GJS_TYPE_MISMATCH,
        &format!(
            "'{}' has a destructor, so the host cannot overwrite one",
            ctx.type_name(ty)
        ),
    )
}

/// An array index as the runtime takes it (out-of-range ones fault there).
fn index_of(index: usize) -> i64 {
    i64::try_from(index).unwrap_or(i64::MAX)
}

/// Copies the value of type `ty` stored at VM address `at` (an element or a field) to
/// `out`, in its C representation.
///
/// # Safety
/// `out` has room for `ty`'s C representation.
unsafe fn copy_out(
    c: &gjs_context,
    ctx: &mut Context,
    at: u32,
    ty: TypeId,
    access: Access,
    out: *mut c_void,
) -> Result<(), RuntimeError> {
    // SAFETY (both arms): forwarded contract.
    match access {
        Access::Scalar(kind) => ctx
            .load_scalar(at, kind)
            .map(|r| unsafe { write_scalar(c, ctx, ty, r, out) }),
        Access::Bytes { size, .. } => {
            unsafe { write_bytes(ctx, at, size, out) };
            Ok(())
        }
    }
}

/// The register form of the value `p` points to (a string is a new reference).
///
/// # Safety
/// `p` points to a value of `ty`'s C representation.
unsafe fn read_scalar(
    ctx: &mut Context,
    ty: TypeId,
    p: *const c_void,
) -> Result<u64, RuntimeError> {
    if ty == TypeId::STRING {
        // SAFETY: per contract, a `gjs_str`.
        return ctx.new_string(unsafe { str_arg(p) });
    }
    // SAFETY: per contract.
    Ok(unsafe { c_to_reg(ty, p) })
}

/// Writes register value `r` of `ty` to `out` (a string reference is consumed; its
/// bytes are kept until the next call into the context).
///
/// # Safety
/// `out` has room for `ty`'s C representation; the lock is held.
unsafe fn write_scalar(c: &gjs_context, ctx: &mut Context, ty: TypeId, r: u64, out: *mut c_void) {
    if ty != TypeId::STRING {
        // SAFETY: per contract.
        unsafe { reg_to_c(ty, r, out) };
        return;
    }
    let bytes: Box<[u8]> = ctx.string_bytes(r).into();
    ctx.release_string(r);
    // SAFETY: lock held; short-lived.
    let reads = &mut unsafe { c.borrowed() }.reads;
    // SAFETY: per contract; the bytes stay in `reads` (a box does not move its heap
    // buffer).
    unsafe {
        (out as *mut gjs_str).write_unaligned(gjs_str {
            ptr: bytes.as_ptr() as *const c_char,
            len: bytes.len(),
        })
    };
    reads.push(bytes);
}

/// Copies `size` bytes at VM address `at` to `out`.
///
/// # Safety
/// `out` has room for `size` bytes.
unsafe fn write_bytes(ctx: &mut Context, at: u32, size: u32, out: *mut c_void) {
    let bytes = ctx.object_bytes(at as u64, size);
    // SAFETY: per contract; `bytes` is at most `size` long.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), out as *mut u8, bytes.len()) };
}

/// Copies `size` bytes from `p` to VM address `at`.
///
/// # Safety
/// `p` points to `size` readable bytes.
unsafe fn read_bytes(ctx: &mut Context, at: u32, size: u32, p: *const c_void) {
    let dst = ctx.object_bytes_mut(at as u64, size);
    // SAFETY: per contract; `dst` is at most `size` long.
    unsafe { std::ptr::copy_nonoverlapping(p as *const u8, dst.as_mut_ptr(), dst.len()) };
}

/// The element type of an array type; NULL if `t` is not an array type.
///
/// Ownership: borrowed from the context.
///
/// # Safety
/// `t` is NULL or a type handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_element(t: *const gjs_type) -> *const gjs_type {
    // SAFETY: forwarded contract.
    unsafe { super::api::type_ref(t) }.map_or(std::ptr::null(), |h| h.element)
}

/// The number of fields of a class, format or host value type the host can see; 0 for
/// other types and a bad handle.
///
/// # Safety
/// `t` is NULL or a type handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_field_count(t: *const gjs_type) -> usize {
    // SAFETY: forwarded contract.
    unsafe { super::api::type_ref(t) }.map_or(0, |h| h.fields.len())
}

/// Field `index` (in declaration order) of a class, format or host value type.
///
/// Ownership: the strings and types in `*out` are borrowed from the context.
/// Errors: `GJS_INVALID_ARGUMENT` for a bad handle or NULL `out`; `GJS_NOT_FOUND` when
/// `index` is out of range.
///
/// # Safety
/// `t` is NULL or a type handle; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_type_field(
    t: *const gjs_type,
    index: usize,
    out: *mut gjs_field,
) -> gjs_status {
    // SAFETY: forwarded contract.
    let Some(h) = (unsafe { super::api::type_ref(t) }) else {
        set_last_error("t is not a gjs_type");
        return GJS_INVALID_ARGUMENT;
    };
    if out.is_null() {
        set_last_error("out is NULL");
        return GJS_INVALID_ARGUMENT;
    }
    let Some(f) = h.fields.get(index) else {
        // SAFETY: a type's name is a NUL-terminated string it owns or a static one.
        let name = unsafe { std::ffi::CStr::from_ptr(h.name) }.to_string_lossy();
        set_last_error(&format!("'{name}' has no field {index}"));
        return GJS_NOT_FOUND;
    };
    // SAFETY: checked non-NULL; writable per contract.
    unsafe {
        out.write(gjs_field {
            name: f.name.as_ptr(),
            field_type: f.ty,
            offset: f.offset,
            is_const: f.is_const,
        })
    };
    GJS_OK
}
