//! Host types over the C ABI: value types and handle types declared from declaration
//! strings, their members and properties bound to C functions, and type lookup.

use super::api::{CHost, UserData, bind_host, with_context};
use super::handles::context_type;
use super::*;
use crate::check::types::TypeId;
use crate::context::{CompileError, Context};
use std::ffi::c_void;

/// Declares a host **value type** in the host module `module_name`, written like a
/// format: `"vec3 { f32 x, f32 y, f32 z }"`. Fields are primitives or value types
/// declared before; the layout is that of the C struct with the same members in the
/// same order, so `struct vec3 { float x, y, z; }` matches byte for byte. Scripts import
/// it (`import { vec3 } from 'engine';`), copy it like any object, build it with its
/// bound constructors or `vec3({ x: 1.0f })`, and read and write its fields. In calls
/// it is passed as a pointer to that struct (`args[i]`, `ret`), copied in and out.
/// Bind its members with `gjs_context_bind_method`/`gjs_context_bind_property`, all
/// before compiling the scripts that use them.
///
/// `out` (may be NULL) receives the type, borrowed from `ctx`; check its size against
/// your struct with `gjs_type_size`.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL arguments, a declaration that does not parse
/// or names an unknown field type (diagnostics available), a name already declared in
/// the module, or a module name taken by a script module.
///
/// # Safety
/// `ctx` is a live context; strings are NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_bind_value_type(
    ctx: *mut gjs_context,
    module_name: *const c_char,
    decl: *const c_char,
    out: *mut *const gjs_type,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        declare_type(
            ctx,
            module_name,
            decl,
            "decl",
            out,
            Context::bind_value_type,
        )
    }
}

/// Declares a host **handle type** named `name` in the host module `module_name`: an
/// object that stays in host memory (an engine entity) and that scripts hold, copy and
/// pass around without seeing inside. In calls it is passed as a `void*` (`args[i]`
/// points to the pointer; a function returning one writes the pointer to `ret`). A
/// handle that was never set (`Entity e;`) holds NULL; calling a member on it is a
/// null-access error in the script, so members never receive a NULL `this`. The host
/// owns the objects: a handle type has no destructor.
///
/// `out` (may be NULL) receives the type, borrowed from `ctx`.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL arguments, a name that is not an identifier
/// or is already declared in the module, or a module name taken by a script module.
///
/// # Safety
/// `ctx` is a live context; strings are NUL-terminated; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_bind_handle_type(
    ctx: *mut gjs_context,
    module_name: *const c_char,
    name: *const c_char,
    out: *mut *const gjs_type,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        declare_type(
            ctx,
            module_name,
            name,
            "name",
            out,
            Context::bind_handle_type,
        )
    }
}

/// The shared body of the two type declarations.
///
/// # Safety
/// As for `gjs_context_bind_value_type`.
unsafe fn declare_type(
    ctx: *mut gjs_context,
    module_name: *const c_char,
    text: *const c_char,
    text_name: &str,
    out: *mut *const gjs_type,
    declare: fn(&mut Context, &str, &str) -> Result<TypeId, CompileError>,
) -> gjs_status {
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let (module, text) = match (
                arg_str(module_name, "module_name"),
                arg_str(text, text_name),
            ) {
                (Ok(m), Ok(t)) => (m, t),
                (Err(m), _) | (_, Err(m)) => return c.fail(GJS_INVALID_ARGUMENT, &m),
            };
            let ctx = c.ctx();
            let declared = declare(ctx, module, text);
            if let (Ok(ty), false) = (&declared, out.is_null()) {
                *out = context_type(ctx, c.borrowed(), *ty);
            }
            c.bound(declared)
        })
    }
}

/// Binds a member of the host type `type_name` of module `module_name` to `host_fn`.
/// `decl` is the member as a class would declare it, without a body:
///
/// | decl | C function receives |
/// |---|---|
/// | `"constructor(f32 x, f32 y, f32 z)"` | `args[0]`: `this` (zeroed storage to fill; for a handle type, a `void*` to set), then the arguments; `ret` NULL |
/// | `"destructor()"` (value types only) | `args[0]`: `this` |
/// | `"f32 dot(vec3 o)"` | `args[0]`: `this`, `args[1]`: `o`; `ret`: the result |
/// | `"static vec3 zero()"` | the arguments only (no `this`) |
/// | `"vec3 operator+(vec3 o)"`, `"vec3 operator-()"`, `"f32 operator[](i32 i)"` | `args[0]`: `this`, then the operand |
/// | `"operator f64()"` (a conversion) | `args[0]`: `this`; `ret`: the value |
///
/// Parameter and result types are primitives, `string` and host types of the same
/// module. Objects are passed by reference: `this` and object arguments point to copies
/// that are written back to the script's objects when the function returns `GJS_OK`, so
/// a method may modify `this`. Overloads differ in their parameter types.
///
/// Ownership and errors as for `gjs_context_bind_function` (`user_data` is released with
/// `free_user_data` when the context is freed, or at once if binding fails).
///
/// # Safety
/// `ctx` is a live context; strings are NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_context_bind_method(
    ctx: *mut gjs_context,
    module_name: *const c_char,
    type_name: *const c_char,
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
            || member_names(module_name, type_name, decl),
            |ctx, (module, ty, decl), make| ctx.bind_member_raw(module, ty, decl, make),
        )
    }
}

/// The module, type and declaration strings of a member binding, each checked.
///
/// # Safety
/// Each pointer is NULL or NUL-terminated.
unsafe fn member_names<'a>(
    module_name: *const c_char,
    type_name: *const c_char,
    decl: *const c_char,
) -> Result<(&'a str, &'a str, &'a str), String> {
    // SAFETY: forwarded contract.
    unsafe {
        Ok((
            arg_str(module_name, "module_name")?,
            arg_str(type_name, "type_name")?,
            arg_str(decl, "decl")?,
        ))
    }
}

/// Binds the property `decl` (`"i32 health"`) of the host type `type_name` of module
/// `module_name`: a script's `e.health` calls `getter` (`args[0]`: `this`; `ret`: the
/// value) and `e.health = v` (or `e.health += v`) calls `setter` (`args[0]`: `this`,
/// `args[1]`: the value; `ret` NULL). Either may be NULL for a write-only or read-only
/// property, not both. The type is a primitive, `string` or a host type of the module.
///
/// Ownership: `user_data` is passed to both and released once with `free_user_data`
/// when the context is freed, or at once if binding fails.
/// Errors: `GJS_INVALID_ARGUMENT` for NULL arguments or both accessors NULL, an unknown
/// module or type, a declaration that does not parse, or a name the type already has.
///
/// # Safety
/// `ctx` is a live context; strings are NUL-terminated.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn gjs_context_bind_property(
    ctx: *mut gjs_context,
    module_name: *const c_char,
    type_name: *const c_char,
    decl: *const c_char,
    getter: gjs_host_fn,
    setter: gjs_host_fn,
    user_data: *mut c_void,
    free_user_data: gjs_free_fn,
) -> gjs_status {
    let data = UserData::new(user_data, free_user_data);
    // SAFETY: forwarded contract.
    unsafe {
        with_context(ctx, |c| {
            let (module, ty, decl) = match member_names(module_name, type_name, decl) {
                Ok(names) => names,
                Err(e) => return c.fail(GJS_INVALID_ARGUMENT, &e),
            };
            if getter.is_none() && setter.is_none() {
                return c.fail(GJS_INVALID_ARGUMENT, "getter and setter are both NULL");
            }
            let get = getter.map(|f| CHost::maker(f, data.clone(), c));
            let set = setter.map(|f| CHost::maker(f, data.clone(), c));
            c.bound(c.ctx().bind_property_raw(module, ty, decl, get, set))
        })
    }
}

/// The type named `name` declared in `module` (a class, format or host type); NULL if
/// there is none.
///
/// Ownership: borrowed from the module's context.
///
/// # Safety
/// `module` is NULL or a module handle; `name` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gjs_module_type(
    module: *mut gjs_module,
    name: *const c_char,
) -> *const gjs_type {
    // SAFETY: forwarded contract.
    let m = match unsafe { super::api::module_ref(module, "module") } {
        Ok(m) => m,
        Err(msg) => {
            set_last_error(&msg);
            return std::ptr::null();
        }
    };
    let mut out = std::ptr::null();
    // SAFETY: the module's context outlives its handles; `name` per contract.
    unsafe {
        with_context(m.ctx, |c| {
            let name = match arg_str(name, "name") {
                Ok(n) => n,
                Err(e) => return c.fail(GJS_INVALID_ARGUMENT, &e),
            };
            let ctx = c.ctx();
            match ctx.type_in_module(m.id, name) {
                Some(ty) => {
                    out = context_type(ctx, c.borrowed(), ty);
                    c.succeed()
                }
                None => c.fail(GJS_NOT_FOUND, &format!("no type named '{name}'")),
            }
        });
    }
    out
}
