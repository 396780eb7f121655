/*
 * gjs.hpp: a header-only C++17 wrapper over the C interface in gjs.h.
 *
 *   #include "gjs.hpp"
 *   gjs::context ctx{gjs::vm_backend(4096, 4096)};   // or gjs::context ctx; for defaults
 *   gjs::module mod = ctx.add_code("test.gjs", "f32 mul(f32 a, f32 b) { return a * b; }");
 *   mod.init();
 *   float r = ctx.call<float>(mod.function("mul"), 61.0f, 69.0f);
 *   ctx.bind("f32 lerp(f32 a, f32 b, f32 t)",
 *            [](float a, float b, float t) { return a + (b - a) * t; });
 *
 * OWNERSHIP
 *   gjs::vm_backend, gjs::context and gjs::object own their C handles (move-only RAII).
 *   gjs::module, gjs::function and gjs::type are cheap borrowed views, valid while their
 *   context lives (a moved context keeps them valid). A gjs::object may outlive its
 *   context (see OBJECTS).
 *
 * TYPES
 *   C++ types map exactly onto gjs types: bool <-> bool, int8_t..uint64_t <-> i8..u64,
 *   float <-> f32, double <-> f64, std::string / std::string_view / const char* <->
 *   string; a struct or pointer declared with value_type / handle_type <-> that host
 *   type (see HOST TYPES); a struct mapped with format <-> that script format;
 *   gjs::object and std::vector<T> <-> class instances and array<T> in calls (see
 *   OBJECTS). Calls and bindings are checked against the declaration
 *   before anything runs; a mismatch throws gjs::type_mismatch (call<void> of a
 *   function with a result is one too). String results are copied into std::string.
 *   Mind C++ promotions in bound lambdas: `[](int16_t a, int16_t b) { return a + b; }`
 *   returns int (i32);
 *   write `-> int16_t` to bind it as i16.
 *
 * HOST TYPES
 *   A C++ struct maps onto a host value type and a pointer onto a host handle type of
 *   a host module; declare them, bind their members, then compile the scripts:
 *
 *     struct vec3 { float x, y, z; };          // the fields of the declaration, in order
 *     struct Entity;                           // may stay incomplete
 *     ctx.value_type<vec3>("engine", "vec3 { f32 x, f32 y, f32 z }");
 *     ctx.handle_type<Entity>("engine", "Entity");
 *     ctx.method<vec3>("engine", "constructor(f32 x, f32 y, f32 z)",
 *                      [](vec3& self, float x, float y, float z) { self = {x, y, z}; });
 *     ctx.method<vec3>("engine", "f32 dot(vec3 o)",
 *                      [](const vec3& self, const vec3& o) { return self.x * o.x + ...; });
 *     ctx.method<vec3>("engine", "static vec3 zero()", [] { return vec3{}; });
 *     ctx.method<vec3>("engine", "vec3 operator+(vec3 o)", ...);
 *     ctx.property<Entity*>("engine", "i32 health",
 *                           [](Entity* e) { return e->health; },           // getter
 *                           [](Entity* e, int32_t v) { e->health = v; });  // setter
 *     ctx.bind_in("engine", "Entity spawn(string name, vec3 at)",
 *                 [&](std::string_view name, const vec3& at) -> Entity* { ... });
 *     vec3 s = ctx.call<vec3>(game.function("sum"), a, b);
 *
 *   A value type crosses as a copy of the struct, a handle type as the pointer (never
 *   owned by gjs). Non-static members take `self` first: `T&` (modify it: it is written
 *   back), `const T&` or `T` for value types, `T*` for handle types; a constructor's
 *   self is written, so it is `T&` (value) or `T*&` (handle: set the pointer). Other
 *   parameters of value types may be `T&` too: the script's object receives the changes.
 *   Parameters and results are checked by type against the declaration: a C++ struct
 *   or pointer matches exactly the gjs type it was declared as (gjs::type_mismatch
 *   otherwise; an undeclared C++ struct or pointer matches nothing).
 *
 * OBJECTS
 *   Script class instances and arrays cross call<R> as gjs::object, which owns its
 *   object and destroys it (destructor, fields, elements) when it goes:
 *
 *     struct Point { float x, y; };                 // format Point { f32 x, f32 y }
 *     ctx.format<Point>("game", "Point");           // after compiling module "game"
 *     gjs::object orc = ctx.call<gjs::object>(game.function("spawn"), "orc", 30);
 *     orc.set("hp", 25);                            // fields of class instances
 *     std::string name = orc.get<std::string>("name");
 *     ctx.call<void>(game.function("hurt"), orc, 5);  // by reference: orc is changed
 *     gjs::object path = ctx.call<gjs::object>(game.function("path"), 3);
 *     Point p = path.get<Point>(2);                 // elements of arrays
 *     path.set(0, Point{10.0f, 0.5f});
 *     path.push(p);
 *     size_t n = path.size();
 *     double s = ctx.call<double>(game.function("sum"), std::vector<double>{1.5, 2.25});
 *     std::vector<int32_t> sq = ctx.call<std::vector<int32_t>>(game.function("squares"), 5);
 *     gjs::object xs = ctx.new_array(game.function("sum").arg_type(0));  // empty
 *
 *   A gjs::object argument (gjs::object&, const gjs::object& or a temporary) passes
 *   the object itself: the script's changes stay in it. It must be of the context
 *   called (gjs::invalid_argument) and of the declared type, compared by gjs::type
 *   identity (gjs::type_mismatch: an array<f64> is no array<i32>). A std::vector<T>
 *   argument for an array<T> parameter is copied into a temporary array, destroyed
 *   after the call (the script's changes to it are lost); call<std::vector<T>> copies
 *   an array<T> result out. Elements and fields are read and written as the C++ types
 *   of call (strings read as std::string copies); the element or field type is checked
 *   first (gjs::type_mismatch; a `const` field too), a missing field is
 *   gjs::not_found, an index out of range a gjs::runtime_error. Elements and fields
 *   that are objects themselves (arrays of arrays or of class instances, a class's
 *   array field) are out of the host's reach; such arrays still pass as gjs::object.
 *   Objects still held when their context is destroyed are destroyed with it; the
 *   gjs::object is then only freed, any other use throws gjs::invalid_argument.
 *   Handles `T?` do not cross (gjs::type_mismatch from the library).
 *
 * ERRORS
 *   Every failure throws a gjs::error subclass (see the hierarchy below). A C++
 *   exception thrown by a bound callable (a function, member or property accessor)
 *   becomes a script Error with its what() message; if the script does not catch it,
 *   the host call rethrows the original exception object.
 *
 * THREADS
 *   Use a context (and its gjs::objects) from one thread at a time; interrupt() and
 *   clear_interrupt() may be called from any thread.
 */

#ifndef GJS_HPP
#define GJS_HPP

#include "gjs.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace gjs {

// ---------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------

/// The base of every gjs exception: a message and the C status code.
class error : public std::runtime_error {
public:
    error(gjs_status status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    gjs_status status() const noexcept { return status_; }

private:
    gjs_status status_;
};

/// One diagnostic of a failed compile.
struct diagnostic {
    int32_t severity = GJS_SEVERITY_ERROR;  // GJS_SEVERITY_ERROR or GJS_SEVERITY_NOTE
    std::string code;                       // e.g. "E0300"
    std::string message;
    std::string module;
    uint32_t line = 0;    // 1-based
    uint32_t column = 0;  // 1-based, in bytes
};

/// The source did not compile (GJS_COMPILE_ERROR); every diagnostic is kept.
class compile_error : public error {
public:
    compile_error(const std::string& message, std::vector<diagnostic> diagnostics)
        : error(GJS_COMPILE_ERROR, message), diagnostics_(std::move(diagnostics)) {}
    const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
    std::vector<diagnostic> diagnostics_;
};

/// One frame of a runtime error's backtrace (innermost first).
struct frame {
    std::string module;
    std::string function;
    uint32_t line = 0;
    uint32_t column = 0;
};

/// What a runtime error consists of, besides the rendered what() text.
struct runtime_details {
    std::string type_name;  // the exception's class: "Error" ("" for an interrupt)
    std::string message;    // the message alone, without location or backtrace
    int32_t code = 0;       // the Error code: 3 runtime, 4 memory, 5 stack; 6 interrupt
    std::vector<frame> backtrace;
};

/// An uncaught script exception (GJS_RUNTIME_ERROR), and the base of the limits below.
/// what() is the rendered message with its location and backtrace.
class runtime_error : public error {
public:
    runtime_error(const std::string& what, runtime_details details)
        : runtime_error(GJS_RUNTIME_ERROR, what, std::move(details)) {}
    /// The message alone, e.g. "division by zero".
    const std::string& message() const noexcept { return details_.message; }
    /// The class of the uncaught exception ("Error"; "" for an interrupt).
    const std::string& type_name() const noexcept { return details_.type_name; }
    /// The Error code (3, 4 or 5; 6 for an interrupt).
    int32_t code() const noexcept { return details_.code; }
    /// Innermost frame first.
    const std::vector<frame>& backtrace() const noexcept { return details_.backtrace; }

protected:
    runtime_error(gjs_status status, const std::string& what, runtime_details details)
        : error(status, what), details_(std::move(details)) {}

private:
    runtime_details details_;
};

/// The script exceeded its memory cap (GJS_OUT_OF_MEMORY).
class out_of_memory : public runtime_error {
public:
    out_of_memory(const std::string& what, runtime_details details)
        : runtime_error(GJS_OUT_OF_MEMORY, what, std::move(details)) {}
};

/// The script exceeded its stack (GJS_STACK_OVERFLOW).
class stack_overflow : public runtime_error {
public:
    stack_overflow(const std::string& what, runtime_details details)
        : runtime_error(GJS_STACK_OVERFLOW, what, std::move(details)) {}
};

/// The step limit ran out or interrupt() stopped the script (GJS_INTERRUPTED).
class interrupted : public runtime_error {
public:
    interrupted(const std::string& what, runtime_details details)
        : runtime_error(GJS_INTERRUPTED, what, std::move(details)) {}
};

/// C++ types that do not match a declaration (GJS_TYPE_MISMATCH); nothing ran.
class type_mismatch : public error {
public:
    explicit type_mismatch(const std::string& message) : error(GJS_TYPE_MISMATCH, message) {}
};

/// A bad argument: an empty handle, a bad declaration, a handle of another context.
class invalid_argument : public error {
public:
    explicit invalid_argument(const std::string& message)
        : error(GJS_INVALID_ARGUMENT, message) {}
};

/// No such module, function or file (GJS_NOT_FOUND).
class not_found : public error {
public:
    explicit not_found(const std::string& message) : error(GJS_NOT_FOUND, message) {}
};

/// A file could not be read (GJS_IO_ERROR).
class io_error : public error {
public:
    explicit io_error(const std::string& message) : error(GJS_IO_ERROR, message) {}
};

/// A bug inside gjs (GJS_INTERNAL_ERROR); the context stays usable.
class internal_error : public error {
public:
    explicit internal_error(const std::string& message)
        : error(GJS_INTERNAL_ERROR, message) {}
};

class context;
class module;
class function;
class object;

namespace detail {

inline std::string to_string(const char* s) { return s ? std::string(s) : std::string(); }

/// Everything a context wrapper owns besides the C handle. It lives on the heap so
/// that modules, functions and bound callables may keep pointing at it when the
/// gjs::context object itself is moved.
struct state {
    gjs_context* raw = nullptr;
    /// The exception a bound callable threw, on its way through the script.
    std::exception_ptr pending;
    std::string pending_message;
    /// An exception thrown by an output callback, rethrown when the call returns.
    std::exception_ptr sink_error;

    struct sink {
        state* owner;
        std::function<void(std::string_view)> write;
    };
    std::unique_ptr<sink> output;
    std::unique_ptr<sink> error_output;

    /// A C++ type mapped onto a host type by context::value_type / handle_type, or
    /// onto a script format by context::format.
    struct host_type {
        const void* key;  // the C++ struct, or the class that a handle pointer points to
        gjs_kind kind;    // GJS_TYPE_VALUE, GJS_TYPE_HANDLE or GJS_TYPE_FORMAT
        std::string module;  // "" for a format mapped by its gjs::type alone
        std::string name;
        const gjs_type* type;
        std::string label() const { return module.empty() ? name : module + "." + name; }
        /// Whether a C++ type of `cpp_kind` (GJS_TYPE_VALUE for a struct,
        /// GJS_TYPE_HANDLE for a pointer) is this mapping's C++ side.
        bool taken_as(gjs_kind cpp_kind) const {
            return kind == cpp_kind || (kind == GJS_TYPE_FORMAT && cpp_kind == GJS_TYPE_VALUE);
        }
    };
    std::vector<host_type> host_types;

    /// The mapping of C++ type `key` as a `kind` in module `module`; null if none.
    const host_type* host_in(const void* key, gjs_kind kind, const std::string& module) const {
        for (const host_type& h : host_types) {
            if (h.key == key && h.kind == kind && h.module == module) return &h;
        }
        return nullptr;
    }

    runtime_details runtime() const {
        runtime_details d;
        gjs_runtime_error e{};
        if (gjs_context_runtime_error(raw, &e) == GJS_OK) {
            d.type_name = to_string(e.type_name);
            d.message = to_string(e.message);
            d.code = e.code;
        }
        size_t n = gjs_context_backtrace_count(raw);
        d.backtrace.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            gjs_frame f{};
            if (gjs_context_backtrace_frame(raw, i, &f) == GJS_OK) {
                d.backtrace.push_back(
                    {to_string(f.module), to_string(f.function), f.line, f.column});
            }
        }
        return d;
    }

    std::vector<diagnostic> diagnostics() const {
        std::vector<diagnostic> out;
        size_t n = gjs_context_diagnostic_count(raw);
        out.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            gjs_diagnostic d{};
            if (gjs_context_diagnostic(raw, i, &d) == GJS_OK) {
                out.push_back({d.severity, to_string(d.code), to_string(d.message),
                               to_string(d.module), d.line, d.column});
            }
        }
        return out;
    }

    /// Throws the exception for a failed status, from the context's error state.
    [[noreturn]] void raise(gjs_status status) const {
        std::string message = to_string(gjs_context_error_message(raw));
        if (message.empty()) message = "gjs call failed with status " + std::to_string(status);
        switch (status) {
            case GJS_COMPILE_ERROR: throw compile_error(message, diagnostics());
            case GJS_RUNTIME_ERROR: throw runtime_error(message, runtime());
            case GJS_OUT_OF_MEMORY: throw out_of_memory(message, runtime());
            case GJS_STACK_OVERFLOW: throw stack_overflow(message, runtime());
            case GJS_INTERRUPTED: throw interrupted(message, runtime());
            case GJS_TYPE_MISMATCH: throw type_mismatch(message);
            case GJS_INVALID_ARGUMENT: throw invalid_argument(message);
            case GJS_NOT_FOUND: throw not_found(message);
            case GJS_IO_ERROR: throw io_error(message);
            case GJS_INTERNAL_ERROR: throw internal_error(message);
            default: throw error(status, message);
        }
    }

    /// Runs `body` (which may run script destructors) where no exception can be
    /// thrown: a bound callable's exception or a sink's stays out of the calls around.
    template <typename Body>
    void quietly(Body&& body) noexcept {
        std::exception_ptr outer = std::exchange(pending, nullptr);
        std::string outer_message = std::exchange(pending_message, std::string());
        std::exception_ptr outer_sink = std::exchange(sink_error, nullptr);
        body();
        pending = std::move(outer);
        pending_message = std::move(outer_message);
        sink_error = std::move(outer_sink);
    }

    /// Runs `body` (which calls into the script) and turns its status into an
    /// exception. A callable's exception is rethrown as itself when the script let it
    /// escape: the call failed with an uncaught error whose message is the exception's
    /// (a script that caught it and threw something else gets a gjs::runtime_error).
    /// Pending exceptions are saved and restored around the call so that re-entrant
    /// calls from callables do not see each other's.
    template <typename Body>
    void run(Body&& body) {
        std::exception_ptr outer = std::exchange(pending, nullptr);
        std::string outer_message = std::exchange(pending_message, std::string());
        gjs_status status = body();
        std::exception_ptr mine = std::exchange(pending, std::move(outer));
        std::string mine_message = std::exchange(pending_message, std::move(outer_message));
        if (sink_error) std::rethrow_exception(std::exchange(sink_error, nullptr));
        if (status == GJS_OK) return;
        bool escapes = status == GJS_RUNTIME_ERROR || status == GJS_OUT_OF_MEMORY ||
                       status == GJS_STACK_OVERFLOW;
        if (mine && escapes) {
            gjs_runtime_error e{};
            if (gjs_context_runtime_error(raw, &e) == GJS_OK &&
                to_string(e.message) == mine_message) {
                std::rethrow_exception(mine);
            }
        }
        raise(status);
    }
};

/// A bound callable, type-erased; owned by the C context through user_data.
struct binding_base {
    explicit binding_base(state* st) : owner(st) {}
    virtual ~binding_base() = default;
    binding_base(const binding_base&) = delete;
    binding_base& operator=(const binding_base&) = delete;
    virtual void invoke(void* ret, void** args) = 0;
    /// The setter of a property (which shares its user_data with the getter).
    virtual void invoke_setter(void* ret, void** args) { invoke(ret, args); }
    state* owner;
};

/// Runs a bound callable for the C library. No C++ exception may unwind through it:
/// the exception is carried through the script as an Error with its message, and kept
/// to rethrow if the script lets it out.
inline gjs_status call_guarded(gjs_context* ctx, binding_base* b, void* ret, void** args,
                               bool setter) {
    gjs_status status = GJS_RUNTIME_ERROR;
    try {
        if (setter) {
            b->invoke_setter(ret, args);
        } else {
            b->invoke(ret, args);
        }
        return GJS_OK;
    } catch (const gjs::error& e) {
        b->owner->pending = std::current_exception();
        b->owner->pending_message = e.what();
        // The limits of a nested call stay limits in the calling script.
        if (e.status() == GJS_OUT_OF_MEMORY || e.status() == GJS_STACK_OVERFLOW) {
            status = e.status();
        }
    } catch (const std::exception& e) {
        b->owner->pending = std::current_exception();
        b->owner->pending_message = e.what();
    } catch (...) {
        b->owner->pending = std::current_exception();
        b->owner->pending_message = "unknown C++ exception";
    }
    gjs_context_throw(ctx, b->owner->pending_message.c_str());
    return status;
}

}  // namespace detail
}  // namespace gjs

// The C library calls these; C linkage matches the function pointer types of gjs.h.
extern "C" {

inline gjs_status gjs_hpp_call_binding(gjs_context* ctx, void* ret, void** args,
                                       void* user_data) {
    return gjs::detail::call_guarded(
        ctx, static_cast<gjs::detail::binding_base*>(user_data), ret, args, false);
}

inline gjs_status gjs_hpp_call_setter(gjs_context* ctx, void* ret, void** args,
                                      void* user_data) {
    return gjs::detail::call_guarded(
        ctx, static_cast<gjs::detail::binding_base*>(user_data), ret, args, true);
}

inline void gjs_hpp_free_binding(void* user_data) {
    delete static_cast<gjs::detail::binding_base*>(user_data);
}

inline void gjs_hpp_write_output(const char* text, size_t len, void* user_data) {
    auto* s = static_cast<gjs::detail::state::sink*>(user_data);
    try {
        s->write(std::string_view(text, len));
    } catch (...) {
        if (!s->owner->sink_error) s->owner->sink_error = std::current_exception();
    }
}

}  // extern "C"

namespace gjs {
namespace detail {

template <typename T>
struct always_false : std::false_type {};

template <typename T>
constexpr bool is_char_type_v = std::is_same_v<T, char> || std::is_same_v<T, wchar_t> ||
                                std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

/// C++ types that may be passed as a gjs string.
template <typename T>
constexpr bool is_string_v = std::is_same_v<T, std::string> ||
                             std::is_same_v<T, std::string_view> ||
                             std::is_same_v<T, const char*> || std::is_same_v<T, char*>;

/// C++ types that are gjs numbers or bool.
template <typename T>
constexpr bool is_scalar_v = std::is_same_v<T, bool> ||
                             (std::is_integral_v<T> && !is_char_type_v<T>) ||
                             std::is_same_v<T, float> || std::is_same_v<T, double>;

/// How a C++ type shows up on the gjs side.
struct type_info {
    gjs_kind kind;
    size_t size;
    const char* gjs_name;  // "i32"
    const char* cpp_name;  // "int32_t"
};

template <typename T>
constexpr type_info describe() {
    static_assert(sizeof(bool) == 1, "gjs passes bool as one byte");
    if constexpr (std::is_void_v<T>) {
        return {GJS_TYPE_VOID, 0, "void", "void"};
    } else if constexpr (std::is_same_v<T, bool>) {
        return {GJS_TYPE_BOOL, 1, "bool", "bool"};
    } else if constexpr (std::is_same_v<T, float>) {
        return {GJS_TYPE_FLOAT, 4, "f32", "float"};
    } else if constexpr (std::is_same_v<T, double>) {
        return {GJS_TYPE_FLOAT, 8, "f64", "double"};
    } else if constexpr (std::is_same_v<T, std::string>) {
        return {GJS_TYPE_STRING, sizeof(gjs_str), "string", "std::string"};
    } else if constexpr (std::is_same_v<T, std::string_view>) {
        return {GJS_TYPE_STRING, sizeof(gjs_str), "string", "std::string_view"};
    } else if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, char*>) {
        return {GJS_TYPE_STRING, sizeof(gjs_str), "string", "const char*"};
    } else if constexpr (std::is_integral_v<T> && !is_char_type_v<T>) {
        constexpr bool s = std::is_signed_v<T>;
        constexpr gjs_kind k = s ? GJS_TYPE_INT : GJS_TYPE_UINT;
        if constexpr (sizeof(T) == 1) return {k, 1, s ? "i8" : "u8", s ? "int8_t" : "uint8_t"};
        else if constexpr (sizeof(T) == 2) return {k, 2, s ? "i16" : "u16", s ? "int16_t" : "uint16_t"};
        else if constexpr (sizeof(T) == 4) return {k, 4, s ? "i32" : "u32", s ? "int32_t" : "uint32_t"};
        else if constexpr (sizeof(T) == 8) return {k, 8, s ? "i64" : "u64", s ? "int64_t" : "uint64_t"};
        else static_assert(always_false<T>::value, "no gjs integer type of this size");
    } else {
        static_assert(!is_char_type_v<T>,
                      "char is not a gjs type: use int8_t or uint8_t for numbers, "
                      "std::string for text");
        static_assert(!std::is_same_v<T, long double>, "long double is not a gjs type");
        static_assert(is_scalar_v<T> || is_string_v<T>,
                      "gjs passes only bool, integers, float, double, strings, structs "
                      "declared with context::value_type and pointers declared with "
                      "context::handle_type");
        return {-1, 0, "?", "?"};
    }
}

// --- host types: C++ structs and pointers mapped onto value and handle types -------

/// One address per C++ type: names it without RTTI, also while it is incomplete.
template <typename T>
struct type_tag {
    static constexpr char id = 0;
};

template <typename T>
constexpr const void* key_of() {
    return &type_tag<std::remove_cv_t<T>>::id;
}

/// A pointer to a class: the C++ side of a handle type (passed as void*).
template <typename T>
constexpr bool is_handle_v =
    std::is_pointer_v<T> && std::is_class_v<std::remove_cv_t<std::remove_pointer_t<T>>>;

/// gjs::object: a script class instance or array the host holds.
template <typename T>
constexpr bool is_object_v = std::is_same_v<T, gjs::object>;

template <typename T>
struct is_vector : std::false_type {};
template <typename T>
struct is_vector<std::vector<T>> : std::true_type {};

/// std::vector<T>: an array<T> copied in or out.
template <typename T>
constexpr bool is_vector_v = is_vector<T>::value;

/// A struct: the C++ side of a value type or format (passed as the struct).
template <typename T>
constexpr bool is_struct_v =
    std::is_class_v<T> && !is_string_v<T> && !is_object_v<T> && !is_vector_v<T>;

template <typename T>
constexpr bool is_host_v = is_handle_v<T> || is_struct_v<T>;

/// A parameter through which a bound callable writes back (`T&`, not `const T&`).
template <typename P>
constexpr bool is_out_ref_v =
    std::is_lvalue_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>;

/// C++ types an array element or a class field is read as (object::get<T>, a
/// std::vector<T> result): a copy of the value.
template <typename T>
constexpr bool is_readable_v = is_scalar_v<T> || std::is_same_v<T, std::string> || is_host_v<T>;

/// C++ types an array element or a class field is written from (object::set and push,
/// the elements of a std::vector<T> argument).
template <typename T>
constexpr bool is_writable_v = is_scalar_v<T> || is_string_v<T> || is_host_v<T>;

/// A C++ parameter or result type as the checks see it: a primitive or string
/// (`basic`), a struct / pointer that the context maps onto a host type or format
/// (`key`), a gjs::object (`object`) or a std::vector (`element`).
struct cpp_type {
    type_info basic;
    const void* key;     // null for primitives and strings
    gjs_kind host_kind;  // GJS_TYPE_VALUE or GJS_TYPE_HANDLE when `key` is set
    /// std::vector<T>: T as the checks see it (the gjs type is an array of it).
    const cpp_type* element = nullptr;
    /// gjs::object: any class instance or array (the object's own type is checked
    /// against the declaration when it is passed).
    bool object = false;
};

template <typename T>
constexpr cpp_type cpp_type_of();

/// cpp_type_of<T>() with an address: the element of a std::vector<T>.
template <typename T>
inline constexpr cpp_type cpp_type_v = cpp_type_of<T>();

template <typename T>
constexpr cpp_type cpp_type_of() {
    if constexpr (is_object_v<T>) {
        return {{-1, sizeof(void*), "?", "gjs::object"}, nullptr, -1, nullptr, true};
    } else if constexpr (is_vector_v<T>) {
        using element = typename T::value_type;
        static_assert(is_writable_v<element>,
                      "a std::vector crosses into gjs as an array<T> of bool, integers, "
                      "float, double, strings, structs declared with context::value_type "
                      "or context::format, or pointers declared with context::handle_type "
                      "(arrays of arrays or of class instances: gjs::object)");
        return {{-1, sizeof(void*), "?", "std::vector"}, nullptr, -1, &cpp_type_v<element>,
                false};
    } else if constexpr (is_handle_v<T>) {
        return {{-1, sizeof(void*), "?", "a pointer"},
                key_of<std::remove_pointer_t<T>>(),
                GJS_TYPE_HANDLE};
    } else if constexpr (is_struct_v<T>) {
        static_assert(std::is_trivially_copyable_v<T> && std::is_standard_layout_v<T> &&
                          std::is_default_constructible_v<T>,
                      "a struct crosses into gjs as a value type or format: trivially "
                      "copyable, standard layout, default constructible, declared with "
                      "context::value_type or context::format");
        return {{-1, sizeof(T), "?", "a struct"}, key_of<T>(), GJS_TYPE_VALUE};
    } else {
        return {describe<T>(), nullptr, -1};
    }
}

/// Whether the C++ type `c` is the gjs type `t` (for host types and formats: the
/// very type the C++ type was declared as; for gjs::object: any class or array).
inline bool matches(const state& st, const cpp_type& c, const gjs_type* t) {
    if (!t) return false;
    if (c.object) {
        gjs_kind k = gjs_type_kind(t);
        return k == GJS_TYPE_CLASS || k == GJS_TYPE_ARRAY;
    }
    if (c.element) {
        return gjs_type_kind(t) == GJS_TYPE_ARRAY && matches(st, *c.element, gjs_type_element(t));
    }
    if (c.key) {
        for (const state::host_type& h : st.host_types) {
            if (h.key == c.key && h.taken_as(c.host_kind) && h.type == t) return true;
        }
        return false;
    }
    return gjs_type_kind(t) == c.basic.kind && gjs_type_size(t) == c.basic.size;
}

/// The C++ type `c` in a message.
inline std::string cpp_name(const state& st, const cpp_type& c) {
    if (c.element) return "std::vector<" + cpp_name(st, *c.element) + ">";
    if (!c.key) return c.basic.cpp_name;
    bool value = c.host_kind == GJS_TYPE_VALUE;
    std::string mapped;
    for (const state::host_type& h : st.host_types) {
        if (h.key == c.key && h.taken_as(c.host_kind)) {
            mapped += (mapped.empty() ? "" : ", ") + h.label();
        }
    }
    if (mapped.empty()) {
        return value ? "a struct not declared with value_type or format"
                     : "a pointer not declared with handle_type";
    }
    return (value ? "the struct of " : "the pointer of ") + mapped;
}

/// How a parameter of a bound callable takes self, for messages.
inline std::string self_forms(const state::host_type& h, bool constructor) {
    if (h.kind == GJS_TYPE_HANDLE) {
        return constructor ? "T*& (T: the class of " + h.label() + ")"
                           : "T* (T: the class of " + h.label() + ")";
    }
    return constructor ? "T& (T: the struct of " + h.label() + ")"
                       : "T&, const T& or T (T: the struct of " + h.label() + ")";
}

// --- calling scripts: the C representation of each argument ---------------------

template <typename T, typename = void>
struct arg_slot {
    explicit arg_slot(T v) : value(v) {}
    void* ptr() { return &value; }
    T value;
};

// A handle crosses as void*.
template <typename T>
struct arg_slot<T, std::enable_if_t<is_handle_v<T>>> {
    explicit arg_slot(T p) : value(const_cast<void*>(static_cast<const volatile void*>(p))) {}
    void* ptr() { return &value; }
    void* value;
};

template <typename T>
struct arg_slot<T, std::enable_if_t<is_string_v<T>>> {
    explicit arg_slot(const std::string& s) : value{s.data(), s.size()} {}
    explicit arg_slot(std::string_view s) : value{s.data(), s.size()} {}
    explicit arg_slot(const char* s) {
        if (!s) throw invalid_argument("a NULL const char* cannot be passed as a gjs string");
        value = gjs_str{s, std::strlen(s)};
    }
    void* ptr() { return &value; }
    gjs_str value{};
};

/// A value of type `T` that `read(void* out)` writes in its C representation (a
/// result, an element, a field): strings are copied, bool is one byte, a handle a
/// void*.
template <typename T, typename Read>
T read_as(Read&& read) {
    if constexpr (std::is_same_v<T, std::string>) {
        gjs_str s{nullptr, 0};
        read(&s);
        // The bytes are borrowed until the next call on the context: copy them.
        return s.ptr ? std::string(s.ptr, s.len) : std::string();
    } else if constexpr (std::is_same_v<T, bool>) {
        unsigned char b = 0;
        read(&b);
        return b != 0;
    } else if constexpr (is_handle_v<T>) {
        void* p = nullptr;
        read(&p);
        return static_cast<T>(p);
    } else {
        T r{};
        read(&r);
        return r;
    }
}

// --- bound callables: reading arguments and writing the result -----------------

// Numbers and value types: a copy; commit() writes a value type back (a `T&` parameter).
template <typename T, typename = void>
struct param_holder {
    explicit param_holder(void* p) { std::memcpy(&value, p, sizeof(T)); }
    T& get() { return value; }
    void commit(void* p) const { std::memcpy(p, &value, sizeof(T)); }
    T value;
};

// Handles: the void* as the C++ pointer; commit() sets it (a constructor's `T*& self`).
template <typename T>
struct param_holder<T, std::enable_if_t<is_handle_v<T>>> {
    explicit param_holder(void* p) {
        void* v = nullptr;
        std::memcpy(&v, p, sizeof v);
        value = static_cast<T>(v);
    }
    T& get() { return value; }
    void commit(void* p) const {
        void* v = const_cast<void*>(static_cast<const volatile void*>(value));
        std::memcpy(p, &v, sizeof v);
    }
    T value;
};

template <>
struct param_holder<bool> {
    explicit param_holder(void* p) : value(*static_cast<const unsigned char*>(p) != 0) {}
    bool& get() { return value; }
    bool value;
};

inline std::string_view view_of(void* p) {
    gjs_str s;
    std::memcpy(&s, p, sizeof s);
    return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view();
}

template <>
struct param_holder<std::string_view> {
    explicit param_holder(void* p) : value(view_of(p)) {}
    std::string_view& get() { return value; }
    std::string_view value;
};

template <>
struct param_holder<std::string> {
    explicit param_holder(void* p) : value(view_of(p)) {}
    std::string& get() { return value; }
    std::string value;
};

// gjs strings are not NUL-terminated: a const char* parameter gets a copy that is.
template <>
struct param_holder<const char*> {
    explicit param_holder(void* p) : text(view_of(p)) {}
    const char*& get() {
        value = text.c_str();
        return value;
    }
    std::string text;
    const char* value = nullptr;
};

template <typename T>
constexpr bool is_param_type_v = is_scalar_v<T> || std::is_same_v<T, std::string> ||
                                 std::is_same_v<T, std::string_view> ||
                                 std::is_same_v<T, const char*> || is_host_v<T>;

template <typename T>
constexpr bool is_result_type_v = std::is_void_v<T> || is_param_type_v<T>;

/// std::vector<T> as a result of call<R>: an array<T> copied out.
template <typename T>
struct is_vector_result : std::false_type {};
template <typename T>
struct is_vector_result<std::vector<T>> : std::bool_constant<is_readable_v<T>> {};

// --- the signature of a callable -------------------------------------------------

template <typename T>
struct callable_traits : callable_traits<decltype(&T::operator())> {};

template <typename R, typename... A>
struct callable_traits<R (*)(A...)> {
    using result = R;
    using params = std::tuple<A...>;
};
template <typename R, typename... A>
struct callable_traits<R (*)(A...) noexcept> : callable_traits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct callable_traits<R (C::*)(A...)> : callable_traits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct callable_traits<R (C::*)(A...) const> : callable_traits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct callable_traits<R (C::*)(A...) noexcept> : callable_traits<R (*)(A...)> {};
template <typename C, typename R, typename... A>
struct callable_traits<R (C::*)(A...) const noexcept> : callable_traits<R (*)(A...)> {};

template <typename F>
struct binding final : binding_base {
    using traits = callable_traits<F>;
    using result = std::decay_t<typename traits::result>;
    static constexpr size_t arity = std::tuple_size_v<typename traits::params>;

    binding(F f, state* st) : binding_base(st), fn(std::move(f)) {}

    void invoke(void* ret, void** args) override {
        invoke_with(ret, args, std::make_index_sequence<arity>{});
    }

    template <size_t... I>
    void invoke_with(void* ret, void** args, std::index_sequence<I...>) {
        (void)args;  // unused without parameters
        using params = typename traits::params;
        // Each holder is built in place from its argument pointer.
        std::tuple<param_holder<std::decay_t<std::tuple_element_t<I, params>>>...> holders{
            args[I]...};
        (void)holders;
        if constexpr (std::is_void_v<result>) {
            fn(std::forward<std::tuple_element_t<I, params>>(std::get<I>(holders).get())...);
        } else {
            store(ret, fn(std::forward<std::tuple_element_t<I, params>>(
                          std::get<I>(holders).get())...));
        }
        // Objects taken as `T&` go back to the script (gjs copies them back on success).
        (write_back<std::tuple_element_t<I, params>>(std::get<I>(holders), args[I]), ...);
    }

    template <typename P, typename H>
    static void write_back(const H& holder, void* arg) {
        if constexpr (is_host_v<std::decay_t<P>> && is_out_ref_v<P>) {
            holder.commit(arg);
        } else {
            (void)holder;
            (void)arg;
        }
    }

    template <typename V>
    void store(void* ret, V&& v) {
        if (!ret) return;
        if constexpr (std::is_same_v<result, std::string> ||
                      std::is_same_v<result, std::string_view>) {
            // gjs copies the bytes when the callable returns; keep them until then.
            returned.assign(v.data(), v.size());
            write_str(ret);
        } else if constexpr (std::is_same_v<result, const char*>) {
            returned.assign(v ? v : "");
            write_str(ret);
        } else if constexpr (std::is_same_v<result, bool>) {
            unsigned char b = v ? 1 : 0;
            std::memcpy(ret, &b, 1);
        } else if constexpr (is_handle_v<result>) {
            void* p = const_cast<void*>(static_cast<const volatile void*>(v));
            std::memcpy(ret, &p, sizeof p);
        } else {
            result r = v;
            std::memcpy(ret, &r, sizeof r);
        }
    }

    void write_str(void* ret) {
        gjs_str s{returned.data(), returned.size()};
        std::memcpy(ret, &s, sizeof s);
    }

    F fn;
    std::string returned;
};

/// A parameter of a bound callable: its type and whether it is a `T&` to write back.
struct param_type {
    cpp_type type;
    bool out_ref;
};

/// The parameter and result types of a callable, for the checks against declarations.
template <typename F>
struct shape {
    using traits = callable_traits<F>;
    using param_tuple = typename traits::params;
    using result_type = std::decay_t<typename traits::result>;
    static_assert(is_result_type_v<result_type>,
                  "a bound callable returns void, bool, an integer, float, double, "
                  "std::string, std::string_view, const char*, a value type's struct or a "
                  "handle type's pointer");

    static std::vector<param_type> params() {
        return params_of(std::make_index_sequence<std::tuple_size_v<param_tuple>>{});
    }
    static cpp_type result() { return cpp_type_of<result_type>(); }

    template <size_t... I>
    static std::vector<param_type> params_of(std::index_sequence<I...>) {
        static_assert((is_param_type_v<std::decay_t<std::tuple_element_t<I, param_tuple>>> &&
                       ...),
                      "a bound callable takes bool, integers, float, double, std::string, "
                      "std::string_view, const char*, value types' structs or handle "
                      "types' pointers");
        return {param_type{cpp_type_of<std::decay_t<std::tuple_element_t<I, param_tuple>>>(),
                           is_out_ref_v<std::tuple_element_t<I, param_tuple>>}...};
    }
};

/// The getter and setter of a property: one user_data for both accessors.
struct property_binding final : binding_base {
    explicit property_binding(state* st) : binding_base(st) {}
    void invoke(void* ret, void** args) override { getter->invoke(ret, args); }
    void invoke_setter(void* ret, void** args) override { setter->invoke(ret, args); }
    std::unique_ptr<binding_base> getter;
    std::unique_ptr<binding_base> setter;
};

// --- reading a declaration string ------------------------------------------------

/// `ret name(type [name], ...)` as written for gjs_context_bind_function.
struct signature {
    std::string ret;
    std::string name;
    std::vector<std::string> params;
};

inline bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

/// The characters of operator tokens (`+`, `[]`, `<<=`, ...).
inline bool is_op_char(char c) {
    return c != '\0' && std::strchr("+-*/%&|^~!=<>[]", c) != nullptr;
}

/// Splits a declaration into identifiers, operator runs and the punctuation
/// `( ) , { } ;`; false for anything else.
inline bool tokenize(std::string_view s, std::vector<std::string>& out) {
    size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            ++i;
        } else if (s.substr(i, 2) == "//") {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (s.substr(i, 2) == "/*") {
            size_t end = s.find("*/", i + 2);
            if (end == std::string_view::npos) return false;
            i = end + 2;
        } else if (c == '(' || c == ')' || c == ',' || c == '{' || c == '}' || c == ';') {
            out.emplace_back(1, c);
            ++i;
        } else if (is_ident_start(c)) {
            size_t start = i;
            while (i < s.size() && is_ident_char(s[i])) ++i;
            out.emplace_back(s.substr(start, i - start));
        } else if (is_op_char(c)) {
            size_t start = i;
            while (i < s.size() && is_op_char(s[i]) && s.substr(i, 2) != "//" &&
                   s.substr(i, 2) != "/*") {
                ++i;
            }
            out.emplace_back(s.substr(start, i - start));
        } else {
            return false;
        }
    }
    return true;
}

inline bool is_ident(const std::vector<std::string>& t, size_t i) {
    return i < t.size() && is_ident_start(t[i][0]);
}

/// `( [type [name] {, type [name]}] )` from token `i` to the end.
inline bool parse_params(const std::vector<std::string>& t, size_t i,
                         std::vector<std::string>& params) {
    if (i >= t.size() || t[i] != "(") return false;
    ++i;
    if (i < t.size() && t[i] == ")") return i + 1 == t.size();
    for (;;) {
        if (!is_ident(t, i)) return false;
        params.push_back(t[i++]);
        if (is_ident(t, i)) ++i;  // the optional parameter name
        if (i >= t.size()) return false;
        if (t[i] == ")") return i + 1 == t.size();
        if (t[i] != ",") return false;
        ++i;
    }
}

inline bool parse_signature(std::string_view decl, signature& sig) {
    std::vector<std::string> t;
    if (!tokenize(decl, t)) return false;
    if (!is_ident(t, 0) || !is_ident(t, 1)) return false;
    sig.ret = t[0];
    sig.name = t[1];
    return parse_params(t, 2, sig.params);
}

/// A member of a host type as written for gjs_context_bind_method: its result
/// ("void" for constructors and the destructor) and parameter types, without self.
struct member_signature {
    bool is_static = false;
    bool is_constructor = false;
    std::string ret = "void";
    std::vector<std::string> params;
};

/// `constructor(...)`, `destructor()`, `[static] R name(...)`, `R operator OP(...)` or
/// `operator T()`; the library checks the rest (which operators, how many operands).
inline bool parse_member(std::string_view decl, member_signature& sig) {
    std::vector<std::string> t;
    if (!tokenize(decl, t) || t.empty()) return false;
    if (t[0] == "constructor" || t[0] == "destructor") {
        sig.is_constructor = t[0] == "constructor";
        return parse_params(t, 1, sig.params);
    }
    if (t[0] == "operator") {  // a conversion: `operator f64()`
        if (!is_ident(t, 1)) return false;
        sig.ret = t[1];
        return parse_params(t, 2, sig.params);
    }
    size_t i = 0;
    if (t[0] == "static") {
        sig.is_static = true;
        i = 1;
    }
    if (!is_ident(t, i)) return false;
    sig.ret = t[i++];
    if (i < t.size() && t[i] == "operator") {
        size_t start = ++i;
        while (i < t.size() && is_op_char(t[i][0])) ++i;
        if (i == start) return false;
    } else if (is_ident(t, i)) {
        ++i;
    } else {
        return false;
    }
    return parse_params(t, i, sig.params);
}

/// A property as written for gjs_context_bind_property: `type name`.
inline bool parse_property(std::string_view decl, std::string& type) {
    std::vector<std::string> t;
    if (!tokenize(decl, t) || t.size() != 2 || !is_ident(t, 0) || !is_ident(t, 1)) {
        return false;
    }
    type = t[0];
    return true;
}

/// A value type declaration `name { type field, ... }`: its name and field types;
/// false when it is not of that simple form (the library then judges it alone).
inline bool parse_value_type(std::string_view decl, std::string& name,
                             std::vector<std::string>& fields) {
    std::vector<std::string> t;
    if (!tokenize(decl, t) || !is_ident(t, 0) || t.size() < 3 || t[1] != "{") return false;
    name = t[0];
    size_t i = 2;
    while (i < t.size() && t[i] != "}") {
        if (!is_ident(t, i) || !is_ident(t, i + 1)) return false;
        fields.push_back(t[i]);
        i += 2;
        if (i < t.size() && t[i] == ",") ++i;
        else if (i >= t.size() || t[i] != "}") return false;
    }
    if (i >= t.size()) return false;
    ++i;
    if (i < t.size() && t[i] == ";") ++i;
    return i == t.size();
}

inline bool is_builtin_type(const std::string& name) {
    static const char* const names[] = {"void", "bool", "i8",  "u8",  "i16", "u16", "i32",
                                        "u32",  "i64",  "u64", "f32", "f64", "string"};
    for (const char* n : names) {
        if (name == n) return true;
    }
    return false;
}

}  // namespace detail

// ---------------------------------------------------------------------------------
// Handles
// ---------------------------------------------------------------------------------

struct field;

/// A gjs type (static): name, size and alignment of its C representation, kind.
class type {
public:
    type() = default;
    explicit type(const gjs_type* t) : t_(t) {}
    std::string name() const { return detail::to_string(gjs_type_name(t_)); }
    size_t size() const { return gjs_type_size(t_); }
    size_t alignment() const { return gjs_type_alignment(t_); }
    gjs_kind kind() const { return gjs_type_kind(t_); }
    /// The element type of an array type; an empty type for other types.
    type element() const { return type(gjs_type_element(t_)); }
    /// The fields of a class, format or value type in declaration order (none for
    /// other types).
    std::vector<field> fields() const;
    const gjs_type* handle() const noexcept { return t_; }
    explicit operator bool() const noexcept { return t_ != nullptr; }
    friend bool operator==(type a, type b) noexcept { return a.t_ == b.t_; }
    friend bool operator!=(type a, type b) noexcept { return a.t_ != b.t_; }

    /// The type named `name` ("i32", "string", "void"); throws gjs::not_found.
    static type named(const std::string& name) {
        const gjs_type* t = gjs_type_by_name(name.c_str());
        if (!t) throw not_found("no gjs type named '" + name + "'");
        return type(t);
    }

private:
    const gjs_type* t_ = nullptr;
};

/// A field of a class, format or value type (gjs::type::fields).
struct field {
    std::string name;
    gjs::type type;
    /// Byte offset: in the C struct for a format or value type, in the object for a
    /// class (whose fields the host reaches through gjs::object::get and set).
    size_t offset = 0;
    /// Declared `const`: gjs::object::set refuses it.
    bool is_const = false;
};

inline std::vector<field> type::fields() const {
    std::vector<field> out;
    size_t n = gjs_type_field_count(t_);
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        gjs_field f{};
        if (gjs_type_field(t_, i, &f) == GJS_OK) {
            out.push_back({detail::to_string(f.name), type(f.field_type), f.offset, f.is_const});
        }
    }
    return out;
}

/// A function of a context (borrowed). Call it with context::call.
class function {
public:
    function() = default;
    std::string name() const { return detail::to_string(gjs_function_name(f_)); }
    /// The full declaration, e.g. "f32 mul(f32 a, f32 b)".
    std::string decl() const { return detail::to_string(gjs_function_decl(f_)); }
    size_t arg_count() const { return gjs_function_arg_count(f_); }
    type arg_type(size_t i) const { return type(gjs_function_arg_type(f_, i)); }
    type return_type() const { return type(gjs_function_return_type(f_)); }
    const gjs_function* handle() const noexcept { return f_; }
    explicit operator bool() const noexcept { return f_ != nullptr; }

private:
    friend class module;
    friend class context;
    function(detail::state* st, const gjs_function* f) : st_(st), f_(f) {}
    detail::state* st_ = nullptr;
    const gjs_function* f_ = nullptr;
};

/// A compiled or host module (borrowed from its context).
class module {
public:
    module() = default;

    /// Runs the module's top-level code once (later calls do nothing).
    void init() {
        if (!m_) throw invalid_argument("init() of an empty gjs::module");
        st_->run([&] { return gjs_module_init(m_); });
    }

    /// The function named `name` (also "__init__"); throws gjs::not_found when there
    /// is none or when the name is overloaded.
    gjs::function function(const std::string& name) const {
        if (!m_) throw invalid_argument("function() of an empty gjs::module");
        if (const gjs_function* f = gjs_module_function(m_, name.c_str())) {
            return gjs::function(st_, f);
        }
        size_t same = 0;
        for (const gjs::function& f : functions()) same += f.name() == name;
        if (same > 1) {
            throw not_found("'" + name + "' is overloaded in module '" + this->name() +
                            "'; use function_by_decl");
        }
        throw not_found("module '" + this->name() + "' has no function '" + name + "'");
    }

    /// The function with declaration `decl`, e.g. "f32 mul(f32, f32)"; throws
    /// gjs::not_found.
    gjs::function function_by_decl(const std::string& decl) const {
        if (!m_) throw invalid_argument("function_by_decl() of an empty gjs::module");
        if (const gjs_function* f = gjs_module_function_by_decl(m_, decl.c_str())) {
            return gjs::function(st_, f);
        }
        throw not_found("module '" + name() + "' has no function '" + decl + "'");
    }

    /// The type `name` declared in the module (a class, format or host type); throws
    /// gjs::not_found.
    gjs::type type(const std::string& name) const {
        if (!m_) throw invalid_argument("type() of an empty gjs::module");
        if (const gjs_type* t = gjs_module_type(m_, name.c_str())) return gjs::type(t);
        throw not_found("module '" + this->name() + "' has no type '" + name + "'");
    }

    /// Every function of the module in declaration order (with `__init__`).
    std::vector<gjs::function> functions() const {
        std::vector<gjs::function> out;
        size_t n = gjs_module_function_count(m_);
        for (size_t i = 0; i < n; ++i) {
            if (const gjs_function* f = gjs_module_function_at(m_, i)) {
                out.push_back(gjs::function(st_, f));
            }
        }
        return out;
    }

    std::string name() const { return detail::to_string(gjs_module_name(m_)); }
    gjs_module* handle() const noexcept { return m_; }
    explicit operator bool() const noexcept { return m_ != nullptr; }

private:
    friend class context;
    module(detail::state* st, gjs_module* m) : st_(st), m_(m) {}
    detail::state* st_ = nullptr;
    gjs_module* m_ = nullptr;
};

/// A script class instance or array that the host holds (embedding.md §5): the result
/// of call<gjs::object> or context::new_array. Move-only; destroying it destroys the
/// script object as a script would (its destructor, fields and elements; a fault
/// there goes to the context's error output). Passed to context::call, it goes by
/// reference: the script reads and changes this very object. Objects still held when
/// their context is destroyed are destroyed with it; the gjs::object then only frees
/// its handle, and any other use throws gjs::invalid_argument.
///
/// Elements (arrays) and fields (classes) are read and written in place as the C++
/// types of call: bool, integers, float, double, strings (read as a std::string
/// copy; written from std::string, std::string_view or const char*), the structs of
/// value types and formats, the pointers of handle types. They are checked against
/// the element or field type (gjs::type_mismatch); elements or fields that are
/// themselves objects are out of reach (arrays of arrays, of class instances).
class object {
public:
    object() = default;
    object(object&& o) noexcept : st_(std::move(o.st_)), h_(std::exchange(o.h_, nullptr)) {}
    object& operator=(object&& o) noexcept {
        if (this != &o) {
            reset();
            st_ = std::move(o.st_);
            h_ = std::exchange(o.h_, nullptr);
        }
        return *this;
    }
    object(const object&) = delete;
    object& operator=(const object&) = delete;
    ~object() { reset(); }

    /// The object's type (kind GJS_TYPE_CLASS or GJS_TYPE_ARRAY), the very gjs::type
    /// of the declarations that name it; an empty type when the gjs::object is empty
    /// or its context was destroyed.
    gjs::type type() const { return gjs::type(h_ ? gjs_object_type(h_) : nullptr); }

    // --- arrays --------------------------------------------------------------------

    /// The number of elements; gjs::type_mismatch for a class instance.
    size_t size() const {
        std::shared_ptr<detail::state> st = lock("size()");
        return length(*st);
    }

    /// Element `index` as a `T` (std::string for strings: a copy); an index out of
    /// range is a gjs::runtime_error.
    template <typename T>
    T get(size_t index) const {
        static_assert(detail::is_readable_v<T>,
                      "get<T>(index): T is bool, an integer, float, double, std::string, a "
                      "value type's or format's struct or a handle type's pointer");
        std::shared_ptr<detail::state> st = lock("get()");
        check_element(*st, detail::cpp_type_of<T>());
        return element<T>(*st, index);
    }

    /// Sets element `index` (a string is copied); an index out of range is a
    /// gjs::runtime_error.
    template <typename V>
    void set(size_t index, V&& value) {
        using T = std::decay_t<V>;
        static_assert(detail::is_writable_v<T>,
                      "set(index, value): value is bool, an integer, float, double, a "
                      "string, a value type's or format's struct or a handle type's pointer");
        std::shared_ptr<detail::state> st = lock("set()");
        check_element(*st, detail::cpp_type_of<T>());
        detail::arg_slot<T> slot(value);
        status(*st, gjs_array_set(h_, index, slot.ptr()));
    }

    /// Appends an element (a string is copied).
    template <typename V>
    void push(V&& value) {
        using T = std::decay_t<V>;
        static_assert(detail::is_writable_v<T>,
                      "push(value): value is bool, an integer, float, double, a string, a "
                      "value type's or format's struct or a handle type's pointer");
        std::shared_ptr<detail::state> st = lock("push()");
        check_element(*st, detail::cpp_type_of<T>());
        push_unchecked(*st, static_cast<const T&>(value));
    }

    /// Every element, copied into a std::vector<T>.
    template <typename T>
    std::vector<T> to_vector() const {
        static_assert(detail::is_readable_v<T>,
                      "to_vector<T>(): T is bool, an integer, float, double, std::string, a "
                      "value type's or format's struct or a handle type's pointer");
        std::shared_ptr<detail::state> st = lock("to_vector()");
        check_element(*st, detail::cpp_type_of<T>());
        size_t n = length(*st);
        std::vector<T> out;
        out.reserve(n);
        for (size_t i = 0; i < n; ++i) out.push_back(element<T>(*st, i));
        return out;
    }

    // --- class instances -----------------------------------------------------------

    /// Field `name` as a `T`; gjs::not_found when the class has no such field.
    template <typename T>
    T get(const std::string& name) const {
        static_assert(detail::is_readable_v<T>,
                      "get<T>(field): T is bool, an integer, float, double, std::string, a "
                      "value type's or format's struct or a handle type's pointer");
        std::shared_ptr<detail::state> st = lock("get()");
        check_field(*st, name, detail::cpp_type_of<T>(), false);
        return detail::read_as<T>(
            [&](void* out) { status(*st, gjs_object_get(h_, name.c_str(), out)); });
    }

    /// Sets field `name` (a string is copied); a `const` field is a gjs::type_mismatch.
    template <typename V>
    void set(const std::string& name, V&& value) {
        using T = std::decay_t<V>;
        static_assert(detail::is_writable_v<T>,
                      "set(field, value): value is bool, an integer, float, double, a "
                      "string, a value type's or format's struct or a handle type's pointer");
        std::shared_ptr<detail::state> st = lock("set()");
        check_field(*st, name, detail::cpp_type_of<T>(), true);
        detail::arg_slot<T> slot(value);
        status(*st, gjs_object_set(h_, name.c_str(), slot.ptr()));
    }

    // --------------------------------------------------------------------------------

    /// Destroys the script object now (the destructor does otherwise); the gjs::object
    /// is empty afterwards. Not while a call that was passed it runs (from a bound
    /// callable that call reached).
    void reset() noexcept {
        if (!h_) return;
        gjs_object* h = std::exchange(h_, nullptr);
        std::shared_ptr<detail::state> st = std::exchange(st_, {}).lock();
        if (st) {
            st->quietly([&] { gjs_object_free(h); });
        } else {
            gjs_object_free(h);  // only the handle: the context destroyed the object
        }
    }

    gjs_object* handle() const noexcept { return h_; }
    /// Gives up ownership of the C handle (free it with gjs_object_free).
    gjs_object* release() noexcept {
        st_.reset();
        return std::exchange(h_, nullptr);
    }
    explicit operator bool() const noexcept { return h_ != nullptr; }

private:
    friend class context;
    explicit object(std::weak_ptr<detail::state> st) : st_(std::move(st)) {}

    /// The context's state, for checks and errors; throws when there is none to use.
    std::shared_ptr<detail::state> lock(const char* what) const {
        if (!h_) throw invalid_argument(std::string(what) + " of an empty gjs::object");
        std::shared_ptr<detail::state> st = st_.lock();
        if (!st) {
            throw invalid_argument(std::string(what) +
                                   " of a gjs::object whose context was destroyed");
        }
        return st;
    }

    static void status(const detail::state& st, gjs_status s) {
        if (s != GJS_OK) st.raise(s);
    }

    size_t length(const detail::state& st) const {
        size_t n = 0;
        status(st, gjs_array_length(h_, &n));
        return n;
    }

    /// Checks that the object is an array whose elements are the C++ type `c`.
    void check_element(const detail::state& st, const detail::cpp_type& c) const {
        gjs::type t = type();
        gjs::type e = t.element();
        if (!e) throw type_mismatch("a '" + t.name() + "' object is not an array");
        if (!detail::matches(st, c, e.handle())) {
            throw type_mismatch("the elements of '" + t.name() + "' are " + e.name() + ", not " +
                                detail::cpp_name(st, c));
        }
    }

    /// Checks that the object has a field `name` of the C++ type `c` (and, to write
    /// it, not `const`).
    void check_field(const detail::state& st, const std::string& name,
                     const detail::cpp_type& c, bool write) const {
        gjs::type t = type();
        if (t.kind() != GJS_TYPE_CLASS) {
            throw type_mismatch("a '" + t.name() + "' object has elements, not fields");
        }
        size_t n = gjs_type_field_count(t.handle());
        for (size_t i = 0; i < n; ++i) {
            gjs_field f{};
            if (gjs_type_field(t.handle(), i, &f) != GJS_OK || name != detail::to_string(f.name)) {
                continue;
            }
            if (!detail::matches(st, c, f.field_type)) {
                throw type_mismatch("field '" + name + "' of '" + t.name() + "' is " +
                                    gjs::type(f.field_type).name() + ", not " +
                                    detail::cpp_name(st, c));
            }
            if (write && f.is_const) {
                throw type_mismatch("field '" + name + "' of '" + t.name() + "' is const");
            }
            return;
        }
        throw not_found("'" + t.name() + "' has no field '" + name + "'");
    }

    template <typename T>
    T element(const detail::state& st, size_t index) const {
        return detail::read_as<T>(
            [&](void* out) { status(st, gjs_array_get(h_, index, out)); });
    }

    template <typename T>
    void push_unchecked(const detail::state& st, const T& value) {
        detail::arg_slot<T> slot(value);
        status(st, gjs_array_push(h_, slot.ptr()));
    }

    std::weak_ptr<detail::state> st_;
    gjs_object* h_ = nullptr;
};

namespace detail {

// A gjs::object argument: its handle, by reference (context::call checks the object).
template <>
struct arg_slot<gjs::object> {
    explicit arg_slot(const gjs::object& o) : source(&o), value(o.handle()) {}
    void* ptr() { return &value; }
    const gjs::object* source;
    gjs_object* value;
};

// A std::vector argument: a temporary array that context::call fills before the call
// and destroys after it.
template <typename T>
struct arg_slot<std::vector<T>> {
    explicit arg_slot(const std::vector<T>& v) : source(&v) {}
    void* ptr() { return &value; }
    const std::vector<T>* source;
    gjs::object array;
    gjs_object* value = nullptr;
};

}  // namespace detail

/// The VM backend's sizes, handed over to a context.
class vm_backend {
public:
    /// `stack_size` bytes of stack and a memory cap of `mem_size` bytes; 0 picks the
    /// default.
    explicit vm_backend(uint32_t stack_size = 0, uint32_t mem_size = 0)
        : b_(gjs_vm_backend_new(stack_size, mem_size)) {
        if (!b_) throw error(GJS_INTERNAL_ERROR, detail::to_string(gjs_last_error()));
    }

    /// Every size given: stack, initial heap and heap cap (0: none).
    static vm_backend sized(uint32_t stack_size, uint32_t memory_size,
                            uint64_t max_memory_size) {
        gjs_backend* b = gjs_vm_backend_new_sized(stack_size, memory_size, max_memory_size);
        if (!b) throw error(GJS_INTERNAL_ERROR, detail::to_string(gjs_last_error()));
        return vm_backend(b);
    }

    vm_backend(vm_backend&& o) noexcept : b_(std::exchange(o.b_, nullptr)) {}
    vm_backend& operator=(vm_backend&& o) noexcept {
        if (this != &o) {
            gjs_backend_free(b_);
            b_ = std::exchange(o.b_, nullptr);
        }
        return *this;
    }
    vm_backend(const vm_backend&) = delete;
    vm_backend& operator=(const vm_backend&) = delete;
    ~vm_backend() { gjs_backend_free(b_); }

    uint16_t gp_count() const { return gjs_backend_gp_count(b_); }
    uint16_t fp_count() const { return gjs_backend_fp_count(b_); }
    gjs_backend* handle() const noexcept { return b_; }
    /// Gives up ownership of the C handle.
    gjs_backend* release() noexcept { return std::exchange(b_, nullptr); }

private:
    explicit vm_backend(gjs_backend* b) : b_(b) {}
    gjs_backend* b_;
};

/// A script context: compiled modules, VM memory, output sinks, limits and bound
/// host functions.
class context {
public:
    /// A context over the default VM backend.
    context() : context(nullptr) {}

    /// A context over `backend` (taken over).
    explicit context(vm_backend backend) : context(backend.release()) {}

    context(context&&) noexcept = default;
    context& operator=(context&& o) noexcept {
        if (this != &o) {
            reset();
            st_ = std::move(o.st_);
        }
        return *this;
    }
    context(const context&) = delete;
    context& operator=(const context&) = delete;
    ~context() { reset(); }

    /// Compiles `source` as the module `name`; throws gjs::compile_error.
    gjs::module add_code(const std::string& name, const std::string& source) {
        if (name.find('\0') != std::string::npos || source.find('\0') != std::string::npos) {
            throw invalid_argument("module name and source may not contain NUL bytes");
        }
        gjs_module* m = nullptr;
        gjs_status s = gjs_context_add_code(raw(), name.c_str(), source.c_str(), &m);
        if (s != GJS_OK) st_->raise(s);
        return gjs::module(st_.get(), m);
    }

    /// Compiles the file at `path` (module named by its file stem); throws
    /// gjs::not_found, gjs::io_error or gjs::compile_error.
    gjs::module add_file(const std::string& path) {
        gjs_module* m = nullptr;
        gjs_status s = gjs_context_add_file(raw(), path.c_str(), &m);
        if (s != GJS_OK) st_->raise(s);
        return gjs::module(st_.get(), m);
    }

    /// The module registered as `name`; throws gjs::not_found.
    gjs::module module(const std::string& name) {
        gjs_module* m = gjs_context_module(raw(), name.c_str());
        if (!m) throw not_found("no module named '" + name + "'");
        return gjs::module(st_.get(), m);
    }

    /// The function bound into the global scope with declaration `decl` (parameter
    /// names optional), e.g. "f32 lerp(f32, f32, f32)"; throws gjs::not_found.
    gjs::function global_function(const std::string& decl) {
        const gjs_function* f = gjs_context_global_function(raw(), decl.c_str());
        if (!f) throw not_found("no global function '" + decl + "'");
        return gjs::function(st_.get(), f);
    }

    /// Calls `f` with `args` and returns its result as `R`. The C++ types must match
    /// the declaration exactly (gjs::type_mismatch otherwise, before anything runs).
    /// Class instances and arrays: a gjs::object argument passes that object by
    /// reference (it must be of this context and of the declared type); a
    /// std::vector<T> argument for an array<T> passes a temporary copy; R =
    /// gjs::object takes the result over, R = std::vector<T> copies an array<T>
    /// result out (and destroys it).
    template <typename R, typename... Args>
    R call(const gjs::function& f, Args&&... args) {
        static_assert((detail::is_result_type_v<R> && !std::is_same_v<R, std::string_view> &&
                       !std::is_same_v<R, const char*>) ||
                          detail::is_object_v<R> || detail::is_vector_result<R>::value,
                      "call<R>: R is void, bool, an integer, float, double, std::string, a "
                      "value type's or format's struct, a handle type's pointer, gjs::object, "
                      "or a std::vector of bool, numbers, std::string, structs or pointers");
        if (!f) throw invalid_argument("call of an empty gjs::function");
        check_call<R, std::decay_t<Args>...>(f);
        std::tuple<detail::arg_slot<std::decay_t<Args>>...> slots{
            detail::arg_slot<std::decay_t<Args>>(args)...};
        return call_with<R>(f, slots, std::index_sequence_for<Args...>{});
    }

    /// The seed's form: stores the result in `*result`.
    template <typename R, typename... Args>
    void call(const gjs::function& f, R* result, Args&&... args) {
        if (!result) throw invalid_argument("call: result is NULL");
        *result = call<R>(f, std::forward<Args>(args)...);
    }

    // --- objects (embedding.md §5) -----------------------------------------------------

    /// A new empty array of `array_type` (an array type of a declaration, e.g.
    /// `f.arg_type(0)`, or the element type of one), to fill and pass to a function.
    gjs::object new_array(gjs::type array_type) {
        gjs_context* ctx = raw();
        gjs::object out(st_);
        check(gjs_context_new_array(ctx, array_type.handle(), &out.h_));
        return out;
    }

    /// A new array of `array_type` holding copies of `values`; gjs::type_mismatch when
    /// the elements are not `T`.
    template <typename T>
    gjs::object new_array(gjs::type array_type, const std::vector<T>& values) {
        raw();
        const detail::cpp_type c = detail::cpp_type_of<std::vector<T>>();
        if (!detail::matches(*st_, c, array_type.handle())) {
            throw type_mismatch("'" + array_type.name() + "' cannot hold a " +
                                detail::cpp_name(*st_, c));
        }
        return make_array(array_type.handle(), values);
    }

    /// Maps the C++ struct `T` onto the format (or math vector) `name` of the compiled
    /// module `module_name`, as value_type does for host value types: `T` is then
    /// accepted wherever the declarations say that type (call arguments and results,
    /// elements and fields of gjs::object). `T` has the format's fields in the same
    /// order (its size and alignment are checked: gjs::type_mismatch). Mapping the same
    /// pair again does nothing. Returns the gjs type.
    template <typename T>
    gjs::type format(const std::string& module_name, const std::string& name) {
        return map_format<T>(module(module_name).type(name), module_name);
    }

    /// The same for a format type at hand, e.g. `f.arg_type(0)` or an instance of a
    /// format template.
    template <typename T>
    gjs::type format(gjs::type t) {
        return map_format<T>(t, std::string());
    }

    /// Binds a C++ callable as the global host function `decl`, e.g.
    /// "f32 lerp(f32 a, f32 b, f32 t)". Its signature must match (gjs::type_mismatch);
    /// bind before compiling the scripts that call it.
    template <typename F>
    void bind(const std::string& decl, F&& fn) {
        bind_into(nullptr, decl, std::forward<F>(fn));
    }

    /// Binds into the host module `module_name`, which scripts import.
    template <typename F>
    void bind_in(const std::string& module_name, const std::string& decl, F&& fn) {
        bind_into(module_name.c_str(), decl, std::forward<F>(fn));
    }

    // --- host types (embedding.md §6) ---------------------------------------------

    /// Declares the host value type `decl` in the host module `module_name`, e.g.
    /// "vec3 { f32 x, f32 y, f32 z }", with the C++ struct `T` as its C++ side: `T` is
    /// then accepted wherever the declarations say `vec3` (call arguments and results,
    /// parameters and results of bound callables). `T` must have the declared fields in
    /// the same order (only the size and alignment can be checked: gjs::type_mismatch
    /// otherwise, before anything is declared when the field types are known, else
    /// after, with the gjs type left declared but unmapped). Returns the gjs type.
    template <typename T>
    gjs::type value_type(const std::string& module_name, const std::string& decl) {
        static_assert(detail::is_struct_v<T> && std::is_trivially_copyable_v<T> &&
                          std::is_standard_layout_v<T> && std::is_default_constructible_v<T>,
                      "value_type<T>: T is a trivially copyable, standard-layout, default "
                      "constructible struct with the declared fields in the same order");
        gjs_context* ctx = raw();
        refuse_second_mapping(detail::key_of<T>(), GJS_TYPE_VALUE, module_name);
        size_t size = 0, align = 0;
        if (layout_of(module_name, decl, size, align) &&
            (size != sizeof(T) || align != alignof(T))) {
            throw type_mismatch(layout_message(decl, size, align, sizeof(T), alignof(T)));
        }
        const gjs_type* t = nullptr;
        check(gjs_context_bind_value_type(ctx, module_name.c_str(), decl.c_str(), &t));
        if (gjs_type_size(t) != sizeof(T) || gjs_type_alignment(t) != alignof(T)) {
            throw type_mismatch(layout_message(decl, gjs_type_size(t), gjs_type_alignment(t),
                                               sizeof(T), alignof(T)));
        }
        st_->host_types.push_back({detail::key_of<T>(), GJS_TYPE_VALUE, module_name,
                                   detail::to_string(gjs_type_name(t)), t});
        return gjs::type(t);
    }

    /// Declares the host handle type `name` in the host module `module_name` with
    /// `T*` as its C++ side (`T` may be incomplete; `handle_type<T*>` means the same):
    /// scripts hold and pass the host's pointers without seeing inside, and gjs never
    /// owns or frees them. A handle the script never set is nullptr; members are never
    /// called on one. Returns the gjs type.
    template <typename T>
    gjs::type handle_type(const std::string& module_name, const std::string& name) {
        using object = std::remove_cv_t<std::remove_pointer_t<T>>;
        static_assert(std::is_class_v<object>,
                      "handle_type<T>: T is a class (or a pointer to one); scripts hold T*");
        gjs_context* ctx = raw();
        refuse_second_mapping(detail::key_of<object>(), GJS_TYPE_HANDLE, module_name);
        const gjs_type* t = nullptr;
        check(gjs_context_bind_handle_type(ctx, module_name.c_str(), name.c_str(), &t));
        st_->host_types.push_back({detail::key_of<object>(), GJS_TYPE_HANDLE, module_name,
                                   detail::to_string(gjs_type_name(t)), t});
        return gjs::type(t);
    }

    /// Binds a member of the host type that `T` was declared as in `module_name` (`T`
    /// is the struct of a value type, or the pointer of a handle type: `Entity*`, also
    /// `Entity`) to a C++ callable. `decl` is the member as a class declares it, without
    /// a body; the callable takes self first, except for static methods:
    ///
    ///   "constructor(f32 x, f32 y, f32 z)"  [](vec3& self, float x, float y, float z)
    ///                                        [](Entity*& self, std::string name)
    ///   "destructor()"  (value types)        [](vec3& self)
    ///   "f32 dot(vec3 o)"                    [](const vec3& self, const vec3& o) -> float
    ///   "void scale(f32 k)"                  [](vec3& self, float k)   (self written back)
    ///   "static vec3 zero()"                 []() -> vec3
    ///   "vec3 operator+(vec3 o)", "vec3 operator-()", "f32 operator[](i32 i)"
    ///   "operator f64()"                     [](const vec3& self) -> double
    ///
    /// Types are checked as for bind (gjs::type_mismatch, nothing bound); bind members
    /// before compiling the scripts that use them.
    template <typename T, typename F>
    void method(const std::string& module_name, const std::string& decl, F&& fn) {
        using callable = std::decay_t<F>;
        using shape = detail::shape<callable>;
        gjs_context* ctx = raw();
        detail::state::host_type self = host_of<T>(module_name);
        detail::member_signature sig;
        if (!detail::parse_member(decl, sig)) {
            throw invalid_argument("cannot read the member declaration '" + decl +
                                   "' (expected e.g. 'f32 dot(vec3 o)', 'constructor(f32 x)', "
                                   "'static vec3 zero()', 'vec3 operator+(vec3 o)' or "
                                   "'operator f64()')");
        }
        check_signature("'" + decl + "'", module_name.c_str(), sig.params, sig.ret,
                        shape::params(), shape::result(), sig.is_static ? nullptr : &self,
                        sig.is_constructor);
        auto b = std::make_unique<detail::binding<callable>>(callable(std::forward<F>(fn)),
                                                              st_.get());
        // The context owns the binding from here on, and frees it even on failure.
        check(gjs_context_bind_method(ctx, module_name.c_str(), self.name.c_str(),
                                      decl.c_str(), &gjs_hpp_call_binding, b.release(),
                                      &gjs_hpp_free_binding));
    }

    /// Binds the property `decl` ("i32 health") of the host type that `T` was declared
    /// as in `module_name` (see method): scripts read `obj.health` through `getter`,
    /// `[](Entity* self) -> int32_t` (or `const vec3& self` for a value type), and
    /// assign it (also `obj.health += v`) through `setter`,
    /// `[](Entity* self, int32_t value)` (`vec3& self` to change a value type). Pass
    /// nullptr as the getter for a write-only property; leave out the setter (or pass
    /// nullptr) for a read-only one. Types are checked as for bind.
    template <typename T, typename G, typename S = std::nullptr_t>
    void property(const std::string& module_name, const std::string& decl, G&& getter,
                  S&& setter = nullptr) {
        using getter_type = std::decay_t<G>;
        using setter_type = std::decay_t<S>;
        constexpr bool has_getter = !std::is_same_v<getter_type, std::nullptr_t>;
        constexpr bool has_setter = !std::is_same_v<setter_type, std::nullptr_t>;
        static_assert(has_getter || has_setter, "property: a getter, a setter or both");
        gjs_context* ctx = raw();
        detail::state::host_type self = host_of<T>(module_name);
        std::string type;
        if (!detail::parse_property(decl, type)) {
            throw invalid_argument("cannot read the property declaration '" + decl +
                                   "' (expected e.g. 'i32 health')");
        }
        auto b = std::make_unique<detail::property_binding>(st_.get());
        if constexpr (has_getter) {
            using shape = detail::shape<getter_type>;
            check_signature("the getter of '" + decl + "'", module_name.c_str(), {}, type,
                            shape::params(), shape::result(), &self, false);
            b->getter = std::make_unique<detail::binding<getter_type>>(
                getter_type(std::forward<G>(getter)), st_.get());
        }
        if constexpr (has_setter) {
            using shape = detail::shape<setter_type>;
            check_signature("the setter of '" + decl + "'", module_name.c_str(), {type},
                            "void", shape::params(), shape::result(), &self, false);
            b->setter = std::make_unique<detail::binding<setter_type>>(
                setter_type(std::forward<S>(setter)), st_.get());
        }
        check(gjs_context_bind_property(ctx, module_name.c_str(), self.name.c_str(),
                                        decl.c_str(), has_getter ? &gjs_hpp_call_binding : nullptr,
                                        has_setter ? &gjs_hpp_call_setter : nullptr,
                                        b.release(), &gjs_hpp_free_binding));
    }

    /// Sends `print` / `console.log` output to `sink` (an empty function restores
    /// stdout). An exception from the sink is rethrown when the call returns.
    void set_output(std::function<void(std::string_view)> sink) {
        set_sink(std::move(sink), st_->output, gjs_context_set_output);
    }

    /// Sends `console.warn` / `console.error` output to `sink` (empty: stderr).
    void set_error_output(std::function<void(std::string_view)> sink) {
        set_sink(std::move(sink), st_->error_output, gjs_context_set_error_output);
    }

    /// Limits each later call to `steps` steps (0: no limit): a loop back-edge or call is
    /// one, string and array work one per 64 bytes or elements.
    void set_step_limit(uint64_t steps) { check(gjs_context_set_step_limit(raw(), steps)); }

    /// Stops the running script with gjs::interrupted; callable from any thread. If
    /// nothing runs, the next call stops at once (see clear_interrupt).
    void interrupt() const { gjs_context_interrupt(st_ ? st_->raw : nullptr); }

    /// Withdraws an interrupt that no script has consumed yet (one raised while
    /// nothing ran would otherwise stop the next call); callable from any thread.
    void clear_interrupt() const { gjs_context_clear_interrupt(st_ ? st_->raw : nullptr); }

    /// Bytes of VM heap in use.
    uint64_t memory_in_use() const { return gjs_context_memory_in_use(st_ ? st_->raw : nullptr); }

    gjs_context* handle() const noexcept { return st_ ? st_->raw : nullptr; }

private:
    explicit context(gjs_backend* backend) : st_(std::make_shared<detail::state>()) {
        st_->raw = gjs_context_new(backend);
        if (!st_->raw) {
            throw out_of_memory(
                "cannot create a gjs context: " + detail::to_string(gjs_last_error()),
                runtime_details{});
        }
    }

    void reset() noexcept {
        if (st_) gjs_context_free(st_->raw);
        st_.reset();
    }

    gjs_context* raw() const {
        if (!st_) throw invalid_argument("use of a moved-from gjs::context");
        return st_->raw;
    }

    void check(gjs_status s) const {
        if (s != GJS_OK) st_->raise(s);
    }

    template <typename R, typename... Args>
    void check_call(const gjs::function& f) const {
        constexpr size_t n = sizeof...(Args);
        size_t want = f.arg_count();
        if (want != n) {
            throw type_mismatch("'" + f.decl() + "' takes " + std::to_string(want) +
                                " argument" + (want == 1 ? "" : "s") + ", not " +
                                std::to_string(n));
        }
        const detail::cpp_type given[] = {detail::cpp_type_of<Args>()...,
                                          detail::cpp_type_of<void>()};
        for (size_t i = 0; i < n; ++i) {
            gjs::type t = f.arg_type(i);
            if (!detail::matches(*st_, given[i], t.handle())) {
                throw type_mismatch("argument " + std::to_string(i + 1) + " of '" + f.decl() +
                                    "' is " + t.name() + ", but the C++ argument is " +
                                    detail::cpp_name(*st_, given[i]));
            }
        }
        const detail::cpp_type result = detail::cpp_type_of<R>();
        gjs::type rt = f.return_type();
        if (!detail::matches(*st_, result, rt.handle())) {
            throw type_mismatch("'" + f.decl() + "' returns " + rt.name() + ", not " +
                                detail::cpp_name(*st_, result));
        }
    }

    template <typename R, typename Slots, size_t... I>
    R call_with(const gjs::function& f, Slots& slots, std::index_sequence<I...>) {
        // Every object argument is checked before any temporary array is made.
        (check_slot(std::get<I>(slots), f, I), ...);
        (fill_slot(std::get<I>(slots), f, I), ...);
        void* args[] = {std::get<I>(slots).ptr()..., nullptr};
        gjs_context* ctx = raw();
        auto invoke = [&](void* ret) {
            st_->run([&] { return gjs_context_call(ctx, f.handle(), ret, args); });
        };
        if constexpr (std::is_void_v<R>) {
            invoke(nullptr);
        } else if constexpr (detail::is_object_v<R>) {
            gjs::object result(st_);  // owns the handle as soon as the call writes it
            invoke(&result.h_);
            return result;
        } else if constexpr (detail::is_vector_v<R>) {
            gjs::object result(st_);
            invoke(&result.h_);
            return result.to_vector<typename R::value_type>();
        } else {
            return detail::read_as<R>(invoke);
        }
    }

    template <typename Slot>
    void check_slot(const Slot&, const gjs::function&, size_t) const {}

    /// An object argument: this context's, of the declared type.
    void check_slot(const detail::arg_slot<gjs::object>& slot, const gjs::function& f,
                    size_t i) const {
        const gjs::object& o = *slot.source;
        std::string which = "argument " + std::to_string(i + 1) + " of '" + f.decl() + "'";
        if (!o) throw invalid_argument(which + " is an empty gjs::object");
        std::shared_ptr<detail::state> owner = o.st_.lock();
        if (!owner) throw invalid_argument(which + " is a gjs::object whose context was destroyed");
        if (owner != st_) throw invalid_argument(which + " is a gjs::object of another context");
        gjs::type want = f.arg_type(i);
        gjs::type got = o.type();
        if (got != want) {
            throw type_mismatch(which + " is " + want.name() +
                                ", but the C++ argument is a gjs::object of " + got.name());
        }
    }

    template <typename Slot>
    void fill_slot(Slot&, const gjs::function&, size_t) {}

    /// A std::vector argument: copied into a temporary array of the declared type.
    template <typename T>
    void fill_slot(detail::arg_slot<std::vector<T>>& slot, const gjs::function& f, size_t i) {
        slot.array = make_array(f.arg_type(i).handle(), *slot.source);
        slot.value = slot.array.handle();
    }

    /// An array of `array_type` (already checked against `T`) holding `values`.
    template <typename T>
    gjs::object make_array(const gjs_type* array_type, const std::vector<T>& values) {
        gjs::object a = new_array(gjs::type(array_type));
        for (size_t i = 0; i < values.size(); ++i) {
            typename std::vector<T>::const_reference v = values[i];
            a.push_unchecked(*st_, static_cast<const T&>(v));
        }
        return a;
    }

    template <typename T>
    gjs::type map_format(gjs::type t, const std::string& module_name) {
        static_assert(detail::is_struct_v<T> && std::is_trivially_copyable_v<T> &&
                          std::is_standard_layout_v<T> && std::is_default_constructible_v<T>,
                      "format<T>: T is a trivially copyable, standard-layout, default "
                      "constructible struct with the format's fields in the same order");
        raw();
        if (t.kind() != GJS_TYPE_FORMAT) {
            throw invalid_argument("'" + t.name() + "' is not a format");
        }
        if (t.size() != sizeof(T) || t.alignment() != alignof(T)) {
            throw type_mismatch(
                layout_message(t.name(), t.size(), t.alignment(), sizeof(T), alignof(T)));
        }
        for (const detail::state::host_type& h : st_->host_types) {
            if (h.key == detail::key_of<T>() && h.type == t.handle()) return t;
        }
        st_->host_types.push_back(
            {detail::key_of<T>(), GJS_TYPE_FORMAT, module_name, t.name(), t.handle()});
        return t;
    }

    template <typename F>
    void bind_into(const char* module_name, const std::string& decl, F&& fn) {
        using callable = std::decay_t<F>;
        using shape = detail::shape<callable>;
        gjs_context* ctx = raw();
        detail::signature sig;
        if (!detail::parse_signature(decl, sig)) {
            throw invalid_argument("cannot read the declaration '" + decl +
                                   "' (expected e.g. 'f32 lerp(f32 a, f32 b, f32 t)')");
        }
        check_signature("'" + decl + "'", module_name, sig.params, sig.ret, shape::params(),
                        shape::result(), nullptr, false);
        auto b = std::make_unique<detail::binding<callable>>(callable(std::forward<F>(fn)),
                                                              st_.get());
        // The context owns the binding from here on, and frees it even on failure.
        gjs_status s = gjs_context_bind_function(ctx, module_name, decl.c_str(),
                                                 &gjs_hpp_call_binding, b.release(),
                                                 &gjs_hpp_free_binding);
        check(s);
    }

    /// The type a declaration names: a primitive, `string`, `void`, or a type of the
    /// module `module_name` (a host type); null when there is none.
    const gjs_type* declared_type(const std::string& name, const char* module_name) const {
        if (detail::is_builtin_type(name)) return gjs_type_by_name(name.c_str());
        if (!module_name) return nullptr;
        gjs_module* m = gjs_context_module(st_->raw, module_name);
        return m ? gjs_module_type(m, name.c_str()) : nullptr;
    }

    /// Checks a callable (its parameters `given`, its `result`) against a declaration
    /// (`params` and `ret` as written; `self` first unless null, written by a
    /// constructor). Unknown declared types are gjs::invalid_argument; C++ types that
    /// differ are gjs::type_mismatch. `what` names the declaration in messages.
    void check_signature(const std::string& what, const char* module_name,
                         const std::vector<std::string>& params, const std::string& ret,
                         const std::vector<detail::param_type>& given,
                         const detail::cpp_type& result,
                         const detail::state::host_type* self, bool constructor) const {
        std::vector<const gjs_type*> types;
        for (const std::string& t : params) {
            const gjs_type* h = declared_type(t, module_name);
            if (!h || gjs_type_kind(h) == GJS_TYPE_VOID) {
                throw invalid_argument(what + ": '" + t +
                                       "' is not a type a host function can take");
            }
            types.push_back(h);
        }
        const gjs_type* rt = declared_type(ret, module_name);
        if (!rt) {
            throw invalid_argument(what + ": '" + ret +
                                   "' is not a type a host function can return");
        }
        size_t first = self ? 1 : 0;
        if (given.size() != params.size() + first) {
            size_t n = params.size();
            throw type_mismatch(what + " has " + (self ? "self and " : "") +
                                std::to_string(n) + " parameter" + (n == 1 ? "" : "s") +
                                ", but the C++ callable takes " + std::to_string(given.size()));
        }
        if (self) {
            const detail::cpp_type& s = given[0].type;
            if (s.key != self->key || s.host_kind != self->kind) {
                throw type_mismatch("the C++ callable of " + what + " takes " +
                                    detail::cpp_name(*st_, s) + " as self, not " +
                                    detail::self_forms(*self, constructor));
            }
            if (constructor && !given[0].out_ref) {
                throw type_mismatch("a constructor sets self: the C++ callable of " + what +
                                    " takes it as " + detail::self_forms(*self, true));
            }
        }
        for (size_t i = 0; i < params.size(); ++i) {
            const detail::cpp_type& c = given[first + i].type;
            if (!detail::matches(*st_, c, types[i])) {
                throw type_mismatch("parameter " + std::to_string(i + 1) + " of " + what +
                                    " is " + params[i] + ", but the C++ callable takes " +
                                    detail::cpp_name(*st_, c));
            }
        }
        if (!detail::matches(*st_, result, rt)) {
            throw type_mismatch(what + " returns " + ret + ", but the C++ callable returns " +
                                detail::cpp_name(*st_, result));
        }
    }

    /// The mapping of `T` (a struct, or a class or pointer to one) in `module_name`.
    template <typename T>
    detail::state::host_type host_of(const std::string& module_name) const {
        using bare = std::remove_cv_t<std::remove_reference_t<T>>;
        const void* key = detail::key_of<std::remove_pointer_t<bare>>();
        const detail::state::host_type* h = nullptr;
        if (!std::is_pointer_v<bare>) h = st_->host_in(key, GJS_TYPE_VALUE, module_name);
        if (!h) h = st_->host_in(key, GJS_TYPE_HANDLE, module_name);
        if (!h) {
            throw invalid_argument("the C++ type is not declared with value_type or "
                                   "handle_type in module '" + module_name + "'");
        }
        return *h;
    }

    void refuse_second_mapping(const void* key, gjs_kind kind,
                               const std::string& module_name) const {
        if (const detail::state::host_type* h = st_->host_in(key, kind, module_name)) {
            throw invalid_argument("the C++ type is already declared as " + h->label());
        }
    }

    /// The size and alignment a value type declaration gives its C struct, when every
    /// field type is known here: primitives and value types already in the module.
    bool layout_of(const std::string& module_name, const std::string& decl, size_t& size,
                   size_t& align) const {
        std::string name;
        std::vector<std::string> fields;
        if (!detail::parse_value_type(decl, name, fields)) return false;
        size_t offset = 0;
        align = 1;
        for (const std::string& f : fields) {
            const gjs_type* t = declared_type(f, module_name.c_str());
            gjs_kind k = gjs_type_kind(t);
            bool known = k == GJS_TYPE_BOOL || k == GJS_TYPE_INT || k == GJS_TYPE_UINT ||
                         k == GJS_TYPE_FLOAT || k == GJS_TYPE_VALUE;
            size_t a = gjs_type_alignment(t);
            if (!t || !known || a == 0) return false;
            offset = (offset + a - 1) / a * a + gjs_type_size(t);
            if (a > align) align = a;
        }
        size = (offset + align - 1) / align * align;
        return true;
    }

    static std::string layout_message(const std::string& decl, size_t size, size_t align,
                                      size_t cpp_size, size_t cpp_align) {
        return "'" + decl + "' has size " + std::to_string(size) + " and alignment " +
               std::to_string(align) + ", but the C++ struct has size " +
               std::to_string(cpp_size) + " and alignment " + std::to_string(cpp_align);
    }

    void set_sink(std::function<void(std::string_view)> fn,
                  std::unique_ptr<detail::state::sink>& slot,
                  gjs_status (*install)(gjs_context*, gjs_output_fn, void*)) {
        gjs_context* ctx = raw();
        if (!fn) {
            check(install(ctx, nullptr, nullptr));
            slot.reset();
            return;
        }
        auto next = std::make_unique<detail::state::sink>(
            detail::state::sink{st_.get(), std::move(fn)});
        check(install(ctx, &gjs_hpp_write_output, next.get()));
        slot = std::move(next);  // the old sink is no longer referenced
    }

    // Shared only with the gjs::objects' weak references, which see it go.
    std::shared_ptr<detail::state> st_;
};

}  // namespace gjs

#endif  // GJS_HPP
