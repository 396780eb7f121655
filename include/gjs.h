/*
 * gjs.h: the C interface of libgjs, a statically typed, JavaScript-flavoured scripting
 * language for games. Generated from src/ffi by cbindgen; do not edit.
 *
 * OWNERSHIP
 *   - gjs_*_new returns a handle the caller owns and releases with the matching
 *     gjs_*_free exactly once; gjs_*_free(NULL) is a no-op.
 *   - gjs_context_new takes over the backend passed to it.
 *   - Modules, functions and types are borrowed from their context: valid until
 *     gjs_context_free, never freed by the caller (the types of primitives and
 *     string are static).
 *   - Strings returned by the library are borrowed and valid until the next call on the
 *     same object (copy them to keep them longer).
 *
 * ERRORS
 *   Every function that can fail returns a gjs_status (GJS_OK is 0). A NULL or invalid
 *   argument gives GJS_INVALID_ARGUMENT with a message naming the parameter
 *   (gjs_context_error_message, or gjs_last_error when there is no valid context). No
 *   panic crosses the boundary: it becomes GJS_INTERNAL_ERROR and the context stays
 *   usable.
 *
 * THREADS
 *   Different contexts may run on different threads at once. Calls on one context from
 *   two threads are serialised (the second waits); gjs_context_interrupt may be called
 *   from any thread at any time.
 *
 * CALL CONVENTION (gjs_context_call and gjs_host_fn)
 *   args[i] points to the i-th argument in its C representation, ret to storage for
 *   the result:
 *     bool -> bool (1 byte)       i8..u64 -> int8_t..uint64_t
 *     f32  -> float               f64     -> double
 *     string -> gjs_str { const char* ptr; size_t len; } (UTF-8, not NUL-terminated):
 *               copied when passed into a script; a string returned by a script is
 *               borrowed until the next call on the context.
 *     format, host value type -> the C struct with the same fields in the same order,
 *               copied in and out (a host function's object arguments are copied
 *               back to the script's objects when it returns GJS_OK).
 *     host handle type -> void* (the host's own pointer; the host owns the object).
 *     class instance, array<T> -> gjs_object* (args[i] points to the handle, ret to
 *               storage for one). An argument is passed by reference: the script
 *               reads and changes the host's object, which stays the host's. A result
 *               is a new handle the caller owns and frees with gjs_object_free
 *               (which destroys the object as a script would); objects still held
 *               when their context is freed are destroyed with it, and their handles
 *               then only need gjs_object_free. Elements and fields of primitives,
 *               strings, formats and value types are read and written in place with
 *               gjs_array_* and gjs_object_get/gjs_object_set.
 *   For a member of a host type, args[0] points to `this`.
 */


#ifndef GJS_H
#define GJS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GJS_VERSION_MAJOR 0
#define GJS_VERSION_MINOR 1
#define GJS_VERSION_PATCH 0
#define GJS_VERSION_STRING "0.1.0"

/* A backend under construction: the VM's sizes until a context takes it over. */
typedef struct gjs_backend gjs_backend;

/* A context: compiled modules, VM memory, output sinks and limits. */
typedef struct gjs_context gjs_context;

/* A compiled (or host) module, borrowed from its context. */
typedef struct gjs_module gjs_module;

/* A function of a context, borrowed from it. */
typedef struct gjs_function gjs_function;

/* A type. The primitive types and `string` are static and shared by all contexts. */
typedef struct gjs_type gjs_type;

/* A script class instance or array the host holds; the host owns it and frees it
   with gjs_object_free. */
typedef struct gjs_object gjs_object;

/*
 Severity of a diagnostic.
 */
#define GJS_SEVERITY_ERROR 0

/*
 A note attached to an error.
 */
#define GJS_SEVERITY_NOTE 1

/*
 A status code (embedding.md §3): one of the `GJS_*` values; fixed, never renumbered.
 */
typedef int32_t gjs_status;

/*
 Kinds of types, as reported by `gjs_type_kind`.
 */
typedef int32_t gjs_kind;

/*
 What the last runtime error on a context was. Strings are borrowed.
 */
typedef struct gjs_runtime_error {
  /*
   The exception's class, "Error" for runtime faults and host errors ("" for an
   interrupt).
   */
  const char *type_name;
  /*
   The message alone, without location or backtrace.
   */
  const char *message;
  /*
   The `Error` code (3 runtime error, 4 out of memory, 5 stack overflow; 6 for an
   interrupt).
   */
  int32_t code;
} gjs_runtime_error;

/*
 One diagnostic of a failed compile. All strings are borrowed from the context.
 */
typedef struct gjs_diagnostic {
  /*
   `GJS_SEVERITY_ERROR` or `GJS_SEVERITY_NOTE`.
   */
  int32_t severity;
  /*
   Stable code such as "E0300".
   */
  const char *code;
  const char *message;
  /*
   The module (file stem or registered name) the position is in.
   */
  const char *module;
  /*
   1-based line.
   */
  uint32_t line;
  /*
   1-based column in bytes.
   */
  uint32_t column;
} gjs_diagnostic;

/*
 One frame of a runtime error's backtrace, innermost first. Strings are borrowed.
 */
typedef struct gjs_frame {
  const char *module;
  const char *function;
  uint32_t line;
  uint32_t column;
} gjs_frame;

/*
 A host function bound with `gjs_context_bind_function`. `args[i]` points to the
 i-th argument in its C representation (valid during the call); `ret` points to
 storage for the result (NULL for `void`); a `gjs_str` result must stay valid until
 the function returns (it is copied then). Return `GJS_OK`, or call
 `gjs_context_throw(ctx, message)` and return its status: the script then sees an
 `Error` it can catch. Returning `GJS_OUT_OF_MEMORY` or `GJS_STACK_OVERFLOW` raises
 that fault instead; returning `GJS_INTERRUPTED` (for instance after a nested call
 was interrupted) stops the whole call, which scripts cannot catch.
 */
typedef gjs_status (*gjs_host_fn)(gjs_context *ctx, void *ret, void **args, void *user_data);

/*
 Releases the `user_data` of a bound function when the context is freed.
 */
typedef void (*gjs_free_fn)(void *user_data);

/*
 Receives script output: `len` bytes at `text` (not NUL-terminated).
 */
typedef void (*gjs_output_fn)(const char *text, size_t len, void *user_data);

/*
 A field of a class, format or host value type, as `gjs_type_field` reports it.
 Strings and types are borrowed from the type.
 */
typedef struct gjs_field {
  const char *name;
  const gjs_type *field_type;
  /*
   Byte offset: in the C struct for a format or value type; in the object for a
   class (whose objects the host reaches only through `gjs_object_get`/`set`).
   */
  size_t offset;
  /*
   Declared `const`: `gjs_object_set` refuses it.
   */
  bool is_const;
} gjs_field;

/*
 A string crossing the boundary: UTF-8 by convention, not NUL-terminated.
 */
typedef struct gjs_str {
  const char *ptr;
  size_t len;
} gjs_str;

/*
 Success.
 */
#define GJS_OK 0

/*
 The source did not compile; diagnostics are available.
 */
#define GJS_COMPILE_ERROR 1

/*
 A bad argument to an API function (NULL, unknown name, bad declaration string).
 */
#define GJS_INVALID_ARGUMENT 2

/*
 An uncaught script exception (thrown `Error`, division by zero, index out of range,
 null access, error from a host function).
 */
#define GJS_RUNTIME_ERROR 3

/*
 The script exceeded its memory limit.
 */
#define GJS_OUT_OF_MEMORY 4

/*
 The script exceeded its stack.
 */
#define GJS_STACK_OVERFLOW 5

/*
 The step budget ran out or the host interrupted the script.
 */
#define GJS_INTERRUPTED 6

/*
 A host call's declared return/argument types do not match the function.
 */
#define GJS_TYPE_MISMATCH 7

/*
 No such module, function, type or file.
 */
#define GJS_NOT_FOUND 8

/*
 A file could not be read.
 */
#define GJS_IO_ERROR 9

/*
 A bug inside gjs (a caught panic); the context stays usable.
 */
#define GJS_INTERNAL_ERROR 70

/*
 `void` (only a return type).
 */
#define GJS_TYPE_VOID 0

/*
 `bool`.
 */
#define GJS_TYPE_BOOL 1

/*
 `i8`, `i16`, `i32`, `i64`.
 */
#define GJS_TYPE_INT 2

/*
 `u8`, `u16`, `u32`, `u64`.
 */
#define GJS_TYPE_UINT 3

/*
 `f32`, `f64`.
 */
#define GJS_TYPE_FLOAT 4

/*
 `string` (passed as `gjs_str`).
 */
#define GJS_TYPE_STRING 5

/*
 A format: passed as the C struct with the same fields in the same order.
 */
#define GJS_TYPE_FORMAT 6

/*
 A host value type: passed as its C struct, like a format.
 */
#define GJS_TYPE_VALUE 7

/*
 A host handle type: passed as the host's `void*`.
 */
#define GJS_TYPE_HANDLE 8

/*
 A script class: crosses as a `gjs_object*` (see `gjs_object_get`).
 */
#define GJS_TYPE_CLASS 9

/*
 An `array<T>`: crosses as a `gjs_object*` (see `gjs_array_get`).
 */
#define GJS_TYPE_ARRAY 10

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/*
 The library version, e.g. "0.1.0".

 Ownership: static; never free it.
 */
const char *gjs_version(void);

/*
 The message of the last failure on this thread that had no context to record it in
 (`gjs_context_new`, `gjs_vm_backend_new`, an invalid `ctx` argument); "" if none.

 Ownership: borrowed; valid until the next failing call on this thread.
 */
const char *gjs_last_error(void);

/*
 Creates a VM backend with a stack of `stack_size` bytes and a memory cap of
 `mem_size` bytes (the most all scripts of the context may use); 0 picks the default
 (1 MiB stack; no memory cap but the 4 GiB address space). The heap starts at
 1,000,000 bytes (or `mem_size` if smaller) and grows up to the cap.

 Ownership: the caller owns the result; pass it to `gjs_context_new` (which takes it
 over) or release it with `gjs_backend_free`.
 Errors: never NULL for these arguments.
 */
gjs_backend *gjs_vm_backend_new(uint32_t stack_size, uint32_t mem_size);

/*
 Creates a VM backend with every size given: `stack_size` bytes of stack,
 `memory_size` bytes of initial heap (stackvm's MEMORY_SIZE) and a heap cap of
 `max_memory_size` bytes (MAX_MEMORY_SIZE; 0 for none). 0 for the first two picks the
 default.

 Ownership: as for `gjs_vm_backend_new`.
 */
gjs_backend *gjs_vm_backend_new_sized(uint32_t stack_size,
                                      uint32_t memory_size,
                                      uint64_t max_memory_size);

/*
 The number of registers a frame of this backend may use for integer values.

 Errors: 0 for NULL or an invalid handle.
 */
uint16_t gjs_backend_gp_count(const gjs_backend *b);

/*
 The number of registers a frame of this backend may use for floating-point values
 (the VM shares one register file between both kinds).

 Errors: 0 for NULL or an invalid handle.
 */
uint16_t gjs_backend_fp_count(const gjs_backend *b);

/*
 Releases a backend that no context took over.

 Ownership: `b` must come from `gjs_vm_backend_new*` and not have been passed to
 `gjs_context_new`; NULL is a no-op.

 # Safety
 `b` is NULL or a live backend handle.
 */
void gjs_backend_free(gjs_backend *b);

/*
 Creates a context over `backend` (NULL: the default VM backend).

 Ownership: takes over `backend` (even on failure); the caller owns the result and
 releases it with `gjs_context_free`.
 Errors: NULL if the VM memory cannot be allocated; `gjs_last_error` says why.

 # Safety
 `backend` is NULL or a live backend handle not yet given to a context.
 */
gjs_context *gjs_context_new(gjs_backend *backend);

/*
 Releases a context with everything it owns: modules, functions, VM memory and the
 user data of bound functions (through their free callbacks).

 Ownership: `ctx` from `gjs_context_new`; NULL is a no-op. Every module, function,
 type and string borrowed from it becomes invalid.
 Errors: refused (nothing happens; see `gjs_last_error`) from inside one of the
 context's own host callbacks.

 # Safety
 `ctx` is NULL or a live context handle.
 */
void gjs_context_free(gjs_context *ctx);

/*
 Compiles `source` as the module `module_name` and registers it; `*out` receives the
 module (NULL on failure). Imports are resolved against registered modules and files
 next to the module's name.

 Ownership: `*out` is borrowed from `ctx`. `out` may be NULL.
 Errors: `GJS_COMPILE_ERROR` with every diagnostic (see `gjs_context_diagnostic`);
 nothing of the module is registered and none of its code runs.
 `GJS_INVALID_ARGUMENT` for a NULL or non-UTF-8 name or source.

 # Safety
 `ctx` is a live context; strings are NUL-terminated; `out` is NULL or writable.
 */
gjs_status gjs_context_add_code(gjs_context *ctx,
                                const char *module_name,
                                const char *source,
                                gjs_module **out);

/*
 Compiles the file at `path` as a module named by its file stem (registered under
 its normalised path; adding the same file again returns the same module).

 Ownership: as for `gjs_context_add_code`.
 Errors: `GJS_NOT_FOUND` if the file does not exist, `GJS_IO_ERROR` if it cannot be
 read, `GJS_COMPILE_ERROR`, `GJS_INVALID_ARGUMENT`.

 # Safety
 As for `gjs_context_add_code`.
 */
gjs_status gjs_context_add_file(gjs_context *ctx, const char *path, gjs_module **out);

/*
 Runs the module's top-level code (`__init__`) once, after its imports'; later calls
 return the first result without running anything.

 Errors: the status of the run (`GJS_RUNTIME_ERROR`, `GJS_OUT_OF_MEMORY`,
 `GJS_STACK_OVERFLOW`, `GJS_INTERRUPTED`), with the message and backtrace available
 from the context; `GJS_INVALID_ARGUMENT` for a bad handle.

 # Safety
 `module` is NULL or a module handle of a live context.
 */
gjs_status gjs_module_init(gjs_module *module);

/*
 The module's name: the name given to `gjs_context_add_code`, a host module's name,
 or a file module's file stem (its registration key is the normalised path).

 Ownership: borrowed from the module's context.
 Errors: NULL for an invalid handle.

 # Safety
 `module` is NULL or a module handle of a live context.
 */
const char *gjs_module_name(const gjs_module *module);

/*
 The module registered as `name` (a name given to `gjs_context_add_code`, a host
 module, or a file's normalised path), or else the file module whose file stem is
 `name`; NULL if there is none.

 Ownership: borrowed from `ctx`.

 # Safety
 `ctx` is a live context; `name` is NUL-terminated.
 */
gjs_module *gjs_context_module(gjs_context *ctx, const char *name);

/*
 The function of the module named `name` (also "__init__"); NULL when there is none or
 when the name is overloaded (use `gjs_module_function_by_decl` then).

 Ownership: borrowed from the module's context.

 # Safety
 `module` is a module handle; `name` is NUL-terminated.
 */
gjs_function *gjs_module_function(gjs_module *module, const char *name);

/*
 The function of the module with declaration `decl`, such as "f32 mul(f32, f32)"
 (parameter names optional and ignored); NULL if there is none.

 Ownership: borrowed from the module's context.

 # Safety
 `module` is a module handle; `decl` is NUL-terminated.
 */
gjs_function *gjs_module_function_by_decl(gjs_module *module, const char *decl);

/*
 The number of functions of the module (script functions and `__init__`, or a host
 module's bound functions); 0 for an invalid handle.

 # Safety
 `module` is NULL or a module handle of a live context.
 */
size_t gjs_module_function_count(gjs_module *module);

/*
 The `index`-th function of the module (in declaration order); NULL when out of range.

 Ownership: borrowed from the module's context.

 # Safety
 `module` is NULL or a module handle of a live context.
 */
gjs_function *gjs_module_function_at(gjs_module *module, size_t index);

/*
 The function's name.

 Ownership: borrowed from the function's context. Errors: NULL for a bad handle.

 # Safety
 `f` is NULL or a function handle of a live context.
 */
const char *gjs_function_name(const gjs_function *f);

/*
 The function's full declaration, e.g. "f32 mul(f32 a, f32 b)".

 Ownership: borrowed from the function's context. Errors: NULL for a bad handle.

 # Safety
 `f` is NULL or a function handle of a live context.
 */
const char *gjs_function_decl(const gjs_function *f);

/*
 The function's return type (the `void` type for none).

 Ownership: static. Errors: NULL for a bad handle.

 # Safety
 `f` is NULL or a function handle of a live context.
 */
const gjs_type *gjs_function_return_type(const gjs_function *f);

/*
 The number of parameters; 0 for a bad handle.

 # Safety
 `f` is NULL or a function handle of a live context.
 */
size_t gjs_function_arg_count(const gjs_function *f);

/*
 The type of parameter `index`; NULL when out of range or for a bad handle.

 Ownership: static.

 # Safety
 `f` is NULL or a function handle of a live context.
 */
const gjs_type *gjs_function_arg_type(const gjs_function *f, size_t index);

/*
 The type named `name` ("i32", "string", "void", …); NULL if there is none.

 Ownership: static.

 # Safety
 `name` is NULL or NUL-terminated.
 */
const gjs_type *gjs_type_by_name(const char *name);

/*
 The type's name ("f32", "string", …); NULL for a bad handle.

 Ownership: static.

 # Safety
 `t` is NULL or a type handle.
 */
const char *gjs_type_name(const gjs_type *t);

/*
 The size in bytes of the type's C representation (16 for `gjs_str` on 64-bit
 targets, 0 for `void`); 0 for a bad handle.

 # Safety
 `t` is NULL or a type handle.
 */
size_t gjs_type_size(const gjs_type *t);

/*
 The alignment in bytes of the type's C representation; 0 for a bad handle.

 # Safety
 `t` is NULL or a type handle.
 */
size_t gjs_type_alignment(const gjs_type *t);

/*
 The type's kind: one of the `GJS_TYPE_*` values; -1 for a bad handle.

 # Safety
 `t` is NULL or a type handle.
 */
gjs_kind gjs_type_kind(const gjs_type *t);

/*
 Calls the script (or host) function `f`. `args[i]` points to the i-th argument in
 its C representation (see the table in the header banner); `ret` points to storage
 for the result (NULL to discard it; ignored for `void`). The function's module is
 initialised first if it has not been. Calling `__init__` initialises its module.

 A format (`format F { … }`, and the math vectors) and a host value type are passed
 and returned as the C struct with the same fields in the same order: `args[i]`
 points to such a struct, `ret` to storage for one. A host handle type is passed as
 the host's `void*`: `args[i]` points to the pointer, `ret` to storage for one. A
 script class instance or `array<T>` is passed as a `gjs_object*`: `args[i]` points
 to the handle, `ret` to storage for one.

 Ownership: argument strings, formats and value types are copied in (the script
 works on its own copy; the caller's struct is not written). An object argument is
 passed by reference: the script works on the caller's object, which stays the
 caller's. A string result is borrowed: its bytes stay valid until the next call on
 `ctx` (they are NUL-terminated for convenience); a format or value-type result is
 copied into `ret`; an object result is a new `gjs_object*` the caller owns and
 frees with `gjs_object_free` (with `ret` NULL it is destroyed at once).
 Errors: `GJS_INVALID_ARGUMENT` for a NULL `f`, a function of another context, a
 NULL `args`/`args[i]` when the function has parameters, or an object argument that
 is not a live object of this context; `GJS_TYPE_MISMATCH` for an object argument of
 another type, or a function taking or returning `T?` handles (not passed across);
 the run's status otherwise, with the message and backtrace available from the
 context (`*ret` is not written).

 # Safety
 `ctx` is a live context; `args` has one valid pointer per parameter; `ret` is NULL
 or points to storage for the return type.
 */
gjs_status gjs_context_call(gjs_context *ctx, const gjs_function *f, void *ret, void **args);

/*
 The function bound into the global scope with declaration `decl` (parameter names
 optional and ignored), e.g. "f64 twice(f64)"; NULL if there is none.

 Ownership: borrowed from `ctx`.

 # Safety
 `ctx` is a live context; `decl` is NUL-terminated.
 */
gjs_function *gjs_context_global_function(gjs_context *ctx, const char *decl);

/*
 Copies the type name, message and code of the last runtime error on `ctx` into
 `*out` (the parts that `gjs_context_error_message` renders with the location and
 backtrace).

 Ownership: the strings in `*out` are borrowed; valid until the next call on `ctx`.
 Errors: `GJS_INVALID_ARGUMENT` for NULL `out`; `GJS_NOT_FOUND` when the last call
 did not end with a runtime error.

 # Safety
 `ctx` is a live context; `out` is NULL or writable.
 */
gjs_status gjs_context_runtime_error(const gjs_context *ctx, struct gjs_runtime_error *out);

/*
 The message of the last failed call on `ctx`: the rendered diagnostics of a compile
 error, or a runtime error's message with its location and backtrace ("" after a
 successful call).

 Ownership: borrowed; valid until the next call on `ctx`.
 Errors: "" for an invalid `ctx`.

 # Safety
 `ctx` is NULL or a live context.
 */
const char *gjs_context_error_message(const gjs_context *ctx);

/*
 The number of diagnostics of the last failed compile on `ctx` (0 otherwise).

 # Safety
 `ctx` is NULL or a live context.
 */
size_t gjs_context_diagnostic_count(const gjs_context *ctx);

/*
 Copies diagnostic `i` of the last failed compile into `*out`.

 Ownership: the strings in `*out` are borrowed; valid until the next call on `ctx`.
 Errors: `GJS_INVALID_ARGUMENT` for NULL `out`; `GJS_NOT_FOUND` for `i` out of range.

 # Safety
 `ctx` is a live context; `out` is NULL or writable.
 */
gjs_status gjs_context_diagnostic(const gjs_context *ctx, size_t i, struct gjs_diagnostic *out);

/*
 The number of backtrace frames of the last runtime error on `ctx` (0 otherwise).

 # Safety
 `ctx` is NULL or a live context.
 */
size_t gjs_context_backtrace_count(const gjs_context *ctx);

/*
 Copies backtrace frame `i` (0 is the innermost: the fault or `throw`) of the last
 runtime error into `*out`.

 Ownership: the strings in `*out` are borrowed; valid until the next call on `ctx`.
 Errors: `GJS_INVALID_ARGUMENT` for NULL `out`; `GJS_NOT_FOUND` for `i` out of range.

 # Safety
 `ctx` is a live context; `out` is NULL or writable.
 */
gjs_status gjs_context_backtrace_frame(const gjs_context *ctx, size_t i, struct gjs_frame *out);

/*
 Binds the host function `host_fn` under the declaration `decl` (e.g.
 "f32 lerp(f32 a, f32 b, f32 t)"; parameters and result are primitives or `string`)
 into the global scope (`module_name` NULL) or into the host module `module_name`,
 which scripts import (`import { spawn } from 'engine';`). Bind before compiling the
 scripts that use it.

 Ownership: `user_data` is passed to every call; `free_user_data` (may be NULL) is
 called with it when the context is freed, or at once if binding fails.
 Errors: `GJS_INVALID_ARGUMENT` for NULL `host_fn`/`decl`, a declaration that does not
 parse (diagnostics available) or that repeats a bound signature, or a module name
 taken by a script module.

 # Safety
 `ctx` is a live context; strings are NUL-terminated or NULL.
 */
gjs_status gjs_context_bind_function(gjs_context *ctx,
                                     const char *module_name,
                                     const char *decl,
                                     gjs_host_fn host_fn,
                                     void *user_data,
                                     gjs_free_fn free_user_data);

/*
 Raises an error with `message` from inside a host function; return its result from
 the host function. The script sees an `Error` (code 3) it can catch; uncaught, the
 host gets `GJS_RUNTIME_ERROR`.

 Errors: always returns `GJS_RUNTIME_ERROR` (`GJS_INVALID_ARGUMENT` for a bad `ctx`).

 # Safety
 `ctx` is a live context; `message` is NULL or NUL-terminated.
 */
gjs_status gjs_context_throw(gjs_context *ctx, const char *message);

/*
 Sends `print` and `console.log` output to `host_fn(text, len, user_data)` instead of
 stdout (NULL `host_fn` restores stdout).

 Ownership: `user_data` stays the caller's; it must stay valid while the context
 may print.

 # Safety
 `ctx` is a live context.
 */
gjs_status gjs_context_set_output(gjs_context *ctx, gjs_output_fn host_fn, void *user_data);

/*
 Sends `console.warn` and `console.error` output to `host_fn` instead of stderr (NULL
 restores stderr).

 Ownership: as for `gjs_context_set_output`.

 # Safety
 `ctx` is a live context.
 */
gjs_status gjs_context_set_error_output(gjs_context *ctx, gjs_output_fn host_fn, void *user_data);

/*
 Limits every later call from the host to `steps` steps (0: no limit): a loop
 back-edge or call is one step, string and array work one per 64 bytes or elements.
 A call that runs out ends with `GJS_INTERRUPTED`.

 # Safety
 `ctx` is a live context.
 */
gjs_status gjs_context_set_step_limit(gjs_context *ctx, uint64_t steps);

/*
 Stops the script running in `ctx` at its next loop back-edge or call, with
 `GJS_INTERRUPTED`; scripts cannot catch it. Safe to call from any thread, also while
 another thread runs the context. If nothing runs, the next call stops at once.

 Errors: `GJS_INVALID_ARGUMENT` for a bad `ctx`.

 # Safety
 `ctx` is NULL or a live context.
 */
gjs_status gjs_context_interrupt(const gjs_context *ctx);

/*
 Withdraws an interrupt raised with `gjs_context_interrupt` that no script has
 consumed yet (one raised while nothing ran would otherwise stop the next call).
 Safe to call from any thread.

 Errors: `GJS_INVALID_ARGUMENT` for a bad `ctx`.

 # Safety
 `ctx` is NULL or a live context.
 */
gjs_status gjs_context_clear_interrupt(const gjs_context *ctx);

/*
 Bytes of VM heap memory in use by live objects and strings; 0 for a bad `ctx`.

 # Safety
 `ctx` is NULL or a live context.
 */
uint64_t gjs_context_memory_in_use(gjs_context *ctx);

/*
 Declares a host **value type** in the host module `module_name`, written like a
 format: `"vec3 { f32 x, f32 y, f32 z }"`. Fields are primitives or value types
 declared before; the layout is that of the C struct with the same members in the
 same order, so `struct vec3 { float x, y, z; }` matches byte for byte. Scripts import
 it (`import { vec3 } from 'engine';`), copy it like any object, build it with its
 bound constructors or `vec3({ x: 1.0f })`, and read and write its fields. In calls
 it is passed as a pointer to that struct (`args[i]`, `ret`), copied in and out.
 Bind its members with `gjs_context_bind_method`/`gjs_context_bind_property`, all
 before compiling the scripts that use them.

 `out` (may be NULL) receives the type, borrowed from `ctx`; check its size against
 your struct with `gjs_type_size`.
 Errors: `GJS_INVALID_ARGUMENT` for NULL arguments, a declaration that does not parse
 or names an unknown field type (diagnostics available), a name already declared in
 the module, or a module name taken by a script module.

 # Safety
 `ctx` is a live context; strings are NUL-terminated; `out` is NULL or writable.
 */
gjs_status gjs_context_bind_value_type(gjs_context *ctx,
                                       const char *module_name,
                                       const char *decl,
                                       const gjs_type **out);

/*
 Declares a host **handle type** named `name` in the host module `module_name`: an
 object that stays in host memory (an engine entity) and that scripts hold, copy and
 pass around without seeing inside. In calls it is passed as a `void*` (`args[i]`
 points to the pointer; a function returning one writes the pointer to `ret`). A
 handle that was never set (`Entity e;`) holds NULL; calling a member on it is a
 null-access error in the script, so members never receive a NULL `this`. The host
 owns the objects: a handle type has no destructor.

 `out` (may be NULL) receives the type, borrowed from `ctx`.
 Errors: `GJS_INVALID_ARGUMENT` for NULL arguments, a name that is not an identifier
 or is already declared in the module, or a module name taken by a script module.

 # Safety
 `ctx` is a live context; strings are NUL-terminated; `out` is NULL or writable.
 */
gjs_status gjs_context_bind_handle_type(gjs_context *ctx,
                                        const char *module_name,
                                        const char *name,
                                        const gjs_type **out);

/*
 Binds a member of the host type `type_name` of module `module_name` to `host_fn`.
 `decl` is the member as a class would declare it, without a body:

 | decl | C function receives |
 |---|---|
 | `"constructor(f32 x, f32 y, f32 z)"` | `args[0]`: `this` (zeroed storage to fill; for a handle type, a `void*` to set), then the arguments; `ret` NULL |
 | `"destructor()"` (value types only) | `args[0]`: `this` |
 | `"f32 dot(vec3 o)"` | `args[0]`: `this`, `args[1]`: `o`; `ret`: the result |
 | `"static vec3 zero()"` | the arguments only (no `this`) |
 | `"vec3 operator+(vec3 o)"`, `"vec3 operator-()"`, `"f32 operator[](i32 i)"` | `args[0]`: `this`, then the operand |
 | `"operator f64()"` (a conversion) | `args[0]`: `this`; `ret`: the value |

 Parameter and result types are primitives, `string` and host types of the same
 module. Objects are passed by reference: `this` and object arguments point to copies
 that are written back to the script's objects when the function returns `GJS_OK`, so
 a method may modify `this`. Overloads differ in their parameter types.

 Ownership and errors as for `gjs_context_bind_function` (`user_data` is released with
 `free_user_data` when the context is freed, or at once if binding fails).

 # Safety
 `ctx` is a live context; strings are NUL-terminated.
 */
gjs_status gjs_context_bind_method(gjs_context *ctx,
                                   const char *module_name,
                                   const char *type_name,
                                   const char *decl,
                                   gjs_host_fn host_fn,
                                   void *user_data,
                                   gjs_free_fn free_user_data);

/*
 Binds the property `decl` (`"i32 health"`) of the host type `type_name` of module
 `module_name`: a script's `e.health` calls `getter` (`args[0]`: `this`; `ret`: the
 value) and `e.health = v` (or `e.health += v`) calls `setter` (`args[0]`: `this`,
 `args[1]`: the value; `ret` NULL). Either may be NULL for a write-only or read-only
 property, not both. The type is a primitive, `string` or a host type of the module.

 Ownership: `user_data` is passed to both and released once with `free_user_data`
 when the context is freed, or at once if binding fails.
 Errors: `GJS_INVALID_ARGUMENT` for NULL arguments or both accessors NULL, an unknown
 module or type, a declaration that does not parse, or a name the type already has.

 # Safety
 `ctx` is a live context; strings are NUL-terminated.
 */
gjs_status gjs_context_bind_property(gjs_context *ctx,
                                     const char *module_name,
                                     const char *type_name,
                                     const char *decl,
                                     gjs_host_fn getter,
                                     gjs_host_fn setter,
                                     void *user_data,
                                     gjs_free_fn free_user_data);

/*
 The type named `name` declared in `module` (a class, format or host type); NULL if
 there is none.

 Ownership: borrowed from the module's context.

 # Safety
 `module` is NULL or a module handle; `name` is NULL or NUL-terminated.
 */
const gjs_type *gjs_module_type(gjs_module *module, const char *name);

/*
 Destroys the object (as a script would: its destructor, then its fields; an
 array's elements) and frees the handle. A fault in a destructor is written to the
 context's error output. If the context was freed already (which destroyed the
 object), only the handle is freed. NULL is a no-op.

 Do not free an object while a call that was passed it is running (from a host
 function that call reached).

 # Safety
 `obj` is NULL or a handle not freed before.
 */
void gjs_object_free(gjs_object *obj);

/*
 The object's type (kind `GJS_TYPE_CLASS` or `GJS_TYPE_ARRAY`); NULL for a bad
 handle or one whose context was freed.

 Ownership: borrowed from the context.

 # Safety
 `obj` is NULL or a handle.
 */
const gjs_type *gjs_object_type(const gjs_object *obj);

/*
 A new empty array of `array_type` (an array type from `gjs_function_arg_type` or
 `gjs_function_return_type`, or the element type of one), to fill and pass to a
 script function; `*out` receives it.

 Ownership: the caller owns `*out` and frees it with `gjs_object_free`.
 Errors: `GJS_INVALID_ARGUMENT` for NULL arguments or a type of another context;
 `GJS_TYPE_MISMATCH` if `array_type` is not an array type, or its elements are
 objects no function of the context takes or returns in an array;
 `GJS_OUT_OF_MEMORY`.

 # Safety
 `ctx` is a live context; `array_type` a type handle; `out` writable.
 */
gjs_status gjs_context_new_array(gjs_context *ctx, const gjs_type *array_type, gjs_object **out);

/*
 The number of elements of an array object.

 Errors: `GJS_INVALID_ARGUMENT` for a bad handle or NULL `out`; `GJS_TYPE_MISMATCH`
 if `array` is not an array.

 # Safety
 `array` is NULL or a handle; `out` is NULL or writable.
 */
gjs_status gjs_array_length(const gjs_object *array, size_t *out);

/*
 Copies element `index` of an array object to `out`, in its C representation: a
 primitive, a `gjs_str` (borrowed, valid until the next `gjs_context_call` or
 `gjs_module_init` on the context), or a format or value type's C struct.

 Errors: `GJS_INVALID_ARGUMENT` for a bad handle or NULL `out`; `GJS_TYPE_MISMATCH`
 if `array` is not an array or its elements are objects of other kinds;
 `GJS_RUNTIME_ERROR` for an index out of range.

 # Safety
 `array` is NULL or a handle; `out` is NULL or has room for the element type.
 */
gjs_status gjs_array_get(const gjs_object *array, size_t index, void *out);

/*
 Sets element `index` of an array object from `value`, which points to the element
 in its C representation (a `gjs_str` is copied; a C struct is copied, for formats
 and host value types without a destructor).

 Errors: as `gjs_array_get`; also `GJS_TYPE_MISMATCH` for elements of a value type
 with a destructor.

 # Safety
 `array` is NULL or a handle; `value` is NULL or points to an element.
 */
gjs_status gjs_array_set(gjs_object *array, size_t index, const void *value);

/*
 Appends an element (`value` as for `gjs_array_set`).

 Errors: as `gjs_array_set`, and `GJS_OUT_OF_MEMORY`.

 # Safety
 `array` is NULL or a handle; `value` is NULL or points to an element.
 */
gjs_status gjs_array_push(gjs_object *array, const void *value);

/*
 Copies field `field` of a class object to `out` in its C representation (as for
 `gjs_array_get`).

 Errors: `GJS_INVALID_ARGUMENT` for a bad handle, NULL `field` or `out`;
 `GJS_NOT_FOUND` if the class has no such field; `GJS_TYPE_MISMATCH` for a field
 holding an object other than a format or value type, or if `obj` is an array.

 # Safety
 `obj` is NULL or a handle; `field` is NULL or NUL-terminated; `out` is NULL or has
 room for the field's type.
 */
gjs_status gjs_object_get(const gjs_object *obj, const char *field, void *out);

/*
 Sets field `field` of a class object from `value` (as for `gjs_array_set`).

 Errors: as `gjs_object_get`; also `GJS_TYPE_MISMATCH` for a `const` field or a
 field of a value type with a destructor.

 # Safety
 `obj` is NULL or a handle; `field` is NULL or NUL-terminated; `value` is NULL or
 points to a value of the field's type.
 */
gjs_status gjs_object_set(gjs_object *obj, const char *field, const void *value);

/*
 The element type of an array type; NULL if `t` is not an array type.

 Ownership: borrowed from the context.

 # Safety
 `t` is NULL or a type handle.
 */
const gjs_type *gjs_type_element(const gjs_type *t);

/*
 The number of fields of a class, format or host value type the host can see; 0 for
 other types and a bad handle.

 # Safety
 `t` is NULL or a type handle.
 */
size_t gjs_type_field_count(const gjs_type *t);

/*
 Field `index` (in declaration order) of a class, format or host value type.

 Ownership: the strings and types in `*out` are borrowed from the context.
 Errors: `GJS_INVALID_ARGUMENT` for a bad handle or NULL `out`; `GJS_NOT_FOUND` when
 `index` is out of range.

 # Safety
 `t` is NULL or a type handle; `out` is NULL or writable.
 */
gjs_status gjs_type_field(const gjs_type *t, size_t index, struct gjs_field *out);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* GJS_H */
