/* Every API function given NULL and nonsense: a zeroed block, a block of garbage,
 * a handle of the wrong kind, a function of another context, bad strings and
 * extreme sizes. Each returns GJS_INVALID_ARGUMENT (or NULL, 0, -1, "") as
 * documented, never crashes, and the contexts stay usable. */
#include "check.h"

#include <stdint.h>

/* Larger than any handle, so that reading a handle's fields stays inside it. */
static union {
    uint64_t align;
    unsigned char bytes[64 * 1024];
} zeroed, garbage;

static int released = 0;

static void release(void* user_data) {
    (void)user_data;
    released++;
}

static gjs_status noop(gjs_context* ctx, void* ret, void** args, void* user_data) {
    (void)ctx;
    (void)ret;
    (void)args;
    (void)user_data;
    return GJS_OK;
}

static void output(const char* text, size_t len, void* user_data) {
    (void)text;
    (void)len;
    (void)user_data;
}

/* The calls that take a context, with a context pointer that is not one. */
static void bad_context(gjs_context* bad, const char* what) {
    gjs_module* mod = (gjs_module*)&zeroed;
    gjs_diagnostic d;
    gjs_frame fr;
    int before = failures;
    int32_t x = 1;
    void* args[1];
    args[0] = &x;
    CHECK(gjs_context_add_code(bad, "m", "i32 x = 1;", &mod) == GJS_INVALID_ARGUMENT);
    CHECK(mod == NULL);
    CHECK(gjs_context_add_code(bad, "m", "i32 x = 1;", NULL) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_add_file(bad, "x.gjs", &mod) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_module(bad, "math") == NULL);
    CHECK(gjs_context_call(bad, NULL, NULL, NULL) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_call(bad, (gjs_function*)&zeroed, NULL, args) == GJS_INVALID_ARGUMENT);
    CHECK_STR(gjs_context_error_message(bad), "");
    CHECK(gjs_context_diagnostic_count(bad) == 0);
    CHECK(gjs_context_diagnostic(bad, 0, &d) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_backtrace_count(bad) == 0);
    CHECK(gjs_context_backtrace_frame(bad, 0, &fr) == GJS_INVALID_ARGUMENT);
    {
        gjs_runtime_error e;
        CHECK(gjs_context_runtime_error(bad, &e) == GJS_INVALID_ARGUMENT);
    }
    CHECK(gjs_context_global_function(bad, "void f()") == NULL);
    released = 0;
    CHECK(gjs_context_bind_function(bad, NULL, "void f()", noop, &released, release) ==
          GJS_INVALID_ARGUMENT);
    CHECK(released == 1); /* a failed bind releases the user data */
    CHECK(gjs_context_bind_value_type(bad, "m", "v { f32 x }", NULL) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_bind_handle_type(bad, "m", "H", NULL) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_bind_method(bad, "m", "H", "void f()", noop, &released, release) ==
          GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_bind_property(bad, "m", "H", "i32 p", noop, noop, &released, release) ==
          GJS_INVALID_ARGUMENT);
    CHECK(released == 3);
    CHECK(gjs_context_throw(bad, "x") == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_set_output(bad, output, NULL) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_set_error_output(bad, output, NULL) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_set_step_limit(bad, 10) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_interrupt(bad) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_clear_interrupt(bad) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_memory_in_use(bad) == 0);
    /* The failure is explained, naming the parameter. */
    CHECK_CONTAINS(gjs_last_error(), "ctx");
    gjs_context_free(bad); /* refused: not a live context */
    if (failures != before) printf("  (with %s as the context)\n", what);
}

static void bad_module(gjs_module* bad, const char* what) {
    int before = failures;
    CHECK(gjs_module_init(bad) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_module_name(bad) == NULL);
    CHECK(gjs_module_function(bad, "f") == NULL);
    CHECK(gjs_module_function(bad, "__init__") == NULL);
    CHECK(gjs_module_function_by_decl(bad, "void f()") == NULL);
    CHECK(gjs_module_function_count(bad) == 0);
    CHECK(gjs_module_function_at(bad, 0) == NULL);
    CHECK(gjs_module_type(bad, "T") == NULL);
    if (failures != before) printf("  (with %s as the module)\n", what);
}

static void bad_function(gjs_context* ctx, const gjs_function* bad, const char* what) {
    int before = failures;
    int32_t x = 1, r = 0;
    void* args[1];
    args[0] = &x;
    CHECK(gjs_function_name(bad) == NULL);
    CHECK(gjs_function_decl(bad) == NULL);
    CHECK(gjs_function_return_type(bad) == NULL);
    CHECK(gjs_function_arg_count(bad) == 0);
    CHECK(gjs_function_arg_type(bad, 0) == NULL);
    CHECK_STATUS(ctx, gjs_context_call(ctx, bad, &r, args), GJS_INVALID_ARGUMENT);
    CHECK(strlen(gjs_context_error_message(ctx)) > 0);
    if (failures != before) printf("  (with %s as the function)\n", what);
}

static void bad_type(const gjs_type* bad, const char* what) {
    int before = failures;
    CHECK(gjs_type_name(bad) == NULL);
    CHECK(gjs_type_size(bad) == 0);
    CHECK(gjs_type_alignment(bad) == 0);
    CHECK(gjs_type_kind(bad) == -1);
    CHECK(gjs_type_element(bad) == NULL);
    CHECK(gjs_type_field_count(bad) == 0);
    {
        gjs_field f;
        CHECK(gjs_type_field(bad, 0, &f) == GJS_INVALID_ARGUMENT);
    }
    if (failures != before) printf("  (with %s as the type)\n", what);
}

static void bad_object(gjs_object* bad, const char* what) {
    int before = failures;
    int32_t v = 1;
    size_t n = 7;
    CHECK(gjs_object_type(bad) == NULL);
    CHECK(gjs_array_length(bad, &n) == GJS_INVALID_ARGUMENT);
    CHECK(n == 7);
    CHECK(gjs_array_get(bad, 0, &v) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_array_set(bad, 0, &v) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_array_push(bad, &v) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_object_get(bad, "x", &v) == GJS_INVALID_ARGUMENT);
    CHECK(gjs_object_set(bad, "x", &v) == GJS_INVALID_ARGUMENT);
    CHECK_CONTAINS(gjs_last_error(), "obj");
    gjs_object_free(bad); /* refused: not a live object */
    if (failures != before) printf("  (with %s as the object)\n", what);
}

static void bad_backend(gjs_backend* bad, const char* what) {
    int before = failures;
    CHECK(gjs_backend_gp_count(bad) == 0);
    CHECK(gjs_backend_fp_count(bad) == 0);
    gjs_backend_free(bad); /* a no-op */
    if (bad != NULL) {
        CHECK(gjs_context_new(bad) == NULL);
        CHECK(strlen(gjs_last_error()) > 0);
    }
    if (failures != before) printf("  (with %s as the backend)\n", what);
}

/* A context with odd sizes either cannot be made (NULL, with a reason) or works:
   calls end in a status, never a crash. */
static void odd_sizes(gjs_backend* backend, const char* what) {
    gjs_context* ctx = gjs_context_new(backend);
    gjs_module* mod = NULL;
    gjs_status s;
    if (!ctx) {
        if (strlen(gjs_last_error()) == 0) {
            printf("gjs_context_new(%s) gave NULL without a reason\n", what);
            failures++;
        }
        return;
    }
    s = gjs_context_add_code(ctx, "m",
                             "i32 depth(i32 n) { return n <= 0 ? 0 : depth(n - 1) + 1; }\n"
                             "string text(i32 n) { return 'n=' + n; }\n",
                             &mod);
    if (s == GJS_OK) {
        int32_t n = 50, r = 0;
        gjs_str str;
        void* args[1];
        args[0] = &n;
        s = gjs_context_call(ctx, gjs_module_function(mod, "depth"), &r, args);
        if (s != GJS_OK && s != GJS_STACK_OVERFLOW && s != GJS_OUT_OF_MEMORY) {
            printf("%s: depth() gave status %d: %s\n", what, (int)s,
                   gjs_context_error_message(ctx));
            failures++;
        }
        CHECK(s != GJS_OK || r == 50);
        s = gjs_context_call(ctx, gjs_module_function(mod, "text"), &str, args);
        if (s != GJS_OK && s != GJS_STACK_OVERFLOW && s != GJS_OUT_OF_MEMORY) {
            printf("%s: text() gave status %d: %s\n", what, (int)s,
                   gjs_context_error_message(ctx));
            failures++;
        }
    } else if (s != GJS_COMPILE_ERROR) {
        printf("%s: add_code gave status %d\n", what, (int)s);
        failures++;
    }
    gjs_context_free(ctx);
}

int main(void) {
    gjs_context* ctx = gjs_context_new(NULL);
    gjs_context* other = gjs_context_new(NULL);
    gjs_module* mod;
    gjs_module* other_mod;
    gjs_function* add;
    gjs_function* foreign;
    memset(garbage.bytes, 0xA5, sizeof garbage.bytes);

    mod = compile(ctx, "m", "i32 add(i32 a, i32 b) { return a + b; }\nvoid v() { }\n");
    other_mod = compile(other, "m", "i32 add(i32 a, i32 b) { return a - b; }");
    if (!mod || !other_mod) return finish("invalid_arguments");
    add = lookup(mod, "add");
    foreign = lookup(other_mod, "add");

    /* NULL and nonsense in place of each kind of handle. */
    bad_context(NULL, "NULL");
    bad_context((gjs_context*)&zeroed, "a zeroed block");
    bad_context((gjs_context*)&garbage, "a block of garbage");

    bad_module(NULL, "NULL");
    bad_module((gjs_module*)&zeroed, "a zeroed block");
    bad_module((gjs_module*)&garbage, "a block of garbage");
    bad_module((gjs_module*)ctx, "a context");
    bad_module((gjs_module*)add, "a function");

    bad_function(ctx, NULL, "NULL");
    bad_function(ctx, (gjs_function*)&zeroed, "a zeroed block");
    bad_function(ctx, (gjs_function*)&garbage, "a block of garbage");
    bad_function(ctx, (gjs_function*)ctx, "a context");

    bad_type(NULL, "NULL");
    bad_type((gjs_type*)&zeroed, "a zeroed block");
    bad_type((gjs_type*)&garbage, "a block of garbage");
    bad_type((gjs_type*)ctx, "a context");
    bad_type((gjs_type*)add, "a function");

    bad_object(NULL, "NULL");
    bad_object((gjs_object*)&zeroed, "a zeroed block");
    bad_object((gjs_object*)&garbage, "a block of garbage");
    bad_object((gjs_object*)ctx, "a context");
    bad_object((gjs_object*)add, "a function");
    {
        gjs_object* out = (gjs_object*)&zeroed;
        CHECK(gjs_context_new_array((gjs_context*)&garbage, gjs_type_by_name("i32"), &out) ==
              GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_new_array(ctx, (gjs_type*)&garbage, &out),
                     GJS_INVALID_ARGUMENT);
        CHECK(out == NULL);
        CHECK_STATUS(ctx, gjs_context_new_array(ctx, gjs_type_by_name("i32"), NULL),
                     GJS_INVALID_ARGUMENT);
        CHECK(gjs_type_field(gjs_type_by_name("i32"), 0, NULL) == GJS_INVALID_ARGUMENT);
    }

    bad_backend(NULL, "NULL");
    bad_backend((gjs_backend*)&zeroed, "a zeroed block");
    bad_backend((gjs_backend*)&garbage, "a block of garbage");
    bad_backend((gjs_backend*)ctx, "a context");

    /* A function of another context. */
    {
        int32_t a = 5, b = 3, r = 0;
        void* args[2];
        args[0] = &a;
        args[1] = &b;
        CHECK_STATUS(ctx, gjs_context_call(ctx, foreign, &r, args), GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "another context");
        CHECK(r == 0);
        CHECK_STATUS(other, gjs_context_call(other, add, &r, args), GJS_INVALID_ARGUMENT);
        /* Each works in its own context. */
        CHECK_OK(ctx, gjs_context_call(ctx, add, &r, args));
        CHECK(r == 8);
        CHECK_OK(other, gjs_context_call(other, foreign, &r, args));
        CHECK(r == 2);
    }

    /* NULL arguments of gjs_context_call. */
    {
        int32_t a = 1, r = 0;
        void* args[2];
        args[0] = &a;
        args[1] = NULL;
        CHECK_STATUS(ctx, gjs_context_call(ctx, add, &r, NULL), GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "args");
        CHECK_STATUS(ctx, gjs_context_call(ctx, add, &r, args), GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "args[1]");
        args[0] = NULL;
        args[1] = &a;
        CHECK_STATUS(ctx, gjs_context_call(ctx, add, &r, args), GJS_INVALID_ARGUMENT);
        /* No parameters: args and ret may both be NULL. */
        CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "v"), NULL, NULL));
        /* A result may be discarded. */
        args[0] = &a;
        CHECK_OK(ctx, gjs_context_call(ctx, add, NULL, args));
    }

    /* NULL and bad strings. */
    {
        gjs_module* out = (gjs_module*)&zeroed;
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, NULL, "i32 x = 1;", &out),
                     GJS_INVALID_ARGUMENT);
        CHECK(out == NULL);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "module_name");
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, "n", NULL, &out), GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "source");
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, "\xff\xfe", "i32 x = 1;", &out),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, "n", "string s = '\xff';", &out),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_add_file(ctx, NULL, &out), GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "path");
        CHECK(gjs_context_add_file(ctx, "", &out) != GJS_OK);
        CHECK(gjs_context_add_file(ctx, "\xff.gjs", &out) != GJS_OK);
        CHECK_STATUS(ctx, gjs_context_add_file(ctx, "/nonexistent/dir/x.gjs", &out),
                     GJS_NOT_FOUND);

        CHECK(gjs_context_module(ctx, NULL) == NULL);
        CHECK(gjs_context_module(ctx, "\xff") == NULL);
        CHECK(gjs_module_function(mod, NULL) == NULL);
        CHECK(gjs_module_function(mod, "") == NULL);
        CHECK(gjs_module_function(mod, "\xff") == NULL);
        CHECK(gjs_module_function_by_decl(mod, NULL) == NULL);
        CHECK(gjs_module_function_by_decl(mod, "") == NULL);
        CHECK(gjs_module_function_by_decl(mod, "i32 add(") == NULL);
        CHECK(gjs_module_function_by_decl(mod, "i32 add(i32, i32) { }") == NULL);
        CHECK(gjs_module_function_by_decl(mod, "\xff") == NULL);
        CHECK(gjs_module_function_at(mod, 1000) == NULL);
        CHECK(gjs_function_arg_type(add, 2) == NULL);
        CHECK(gjs_function_arg_type(add, (size_t)-1) == NULL);
        CHECK(gjs_context_global_function(ctx, NULL) == NULL);
        CHECK(gjs_context_global_function(ctx, "") == NULL);
        CHECK(gjs_context_global_function(ctx, "void (") == NULL);
        CHECK(gjs_context_global_function(ctx, "\xff") == NULL);
        CHECK(gjs_context_global_function(ctx, "i32 add(i32, i32)") == NULL); /* not global */
        CHECK(gjs_type_by_name(NULL) == NULL);
        CHECK(gjs_type_by_name("\xff") == NULL);
    }

    /* Diagnostics, frames and runtime errors: out of range and NULL output. */
    {
        gjs_diagnostic d;
        gjs_frame fr;
        gjs_runtime_error e;
        CHECK_STATUS(ctx, gjs_context_runtime_error(ctx, &e), GJS_NOT_FOUND);
        CHECK_STATUS(ctx, gjs_context_runtime_error(ctx, NULL), GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_diagnostic(ctx, 0, &d), GJS_NOT_FOUND);
        CHECK_STATUS(ctx, gjs_context_diagnostic(ctx, 0, NULL), GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_backtrace_frame(ctx, 0, &fr), GJS_NOT_FOUND);
        CHECK_STATUS(ctx, gjs_context_backtrace_frame(ctx, 0, NULL), GJS_INVALID_ARGUMENT);
    }

    /* Binding: NULL function and declaration, declarations that are not ones. */
    {
        static const char* const bad_decls[] = {
            "", "f32", "f32 f(", "f32 f(array<i32> a)", "Foo f()", "void f(void v)",
            "i32? f()", "void f(i32 a, )", "void 1f()", "void f() { }", "\xff f()",
            "void f(i32 a) extra",
        };
        size_t i;
        released = 0;
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, NULL, NULL, noop, &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "decl");
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, NULL, "void f()", NULL, &released,
                                                    release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, "\xff", "void f()", noop, &released,
                                                    release),
                     GJS_INVALID_ARGUMENT);
        CHECK(released == 3);
        for (i = 0; i < sizeof bad_decls / sizeof bad_decls[0]; i++) {
            gjs_status s = gjs_context_bind_function(ctx, NULL, bad_decls[i], noop, &released,
                                                     release);
            if (s != GJS_INVALID_ARGUMENT) {
                printf("binding \"%s\" gave status %d\n", bad_decls[i], (int)s);
                failures++;
            }
        }
        CHECK(released == 3 + (int)(sizeof bad_decls / sizeof bad_decls[0]));
    }

    /* Host types: NULL at every position, and declarations that are not ones. */
    {
        static const char* const bad_types[] = {
            "", "v", "v {", "v { }", "v { f32 }", "v { f32 x, f32 x }", "v { Foo x }",
            "v { string s }", "v { array<i32> a }", "v<subtype> { f32 x }", "i32 { f32 x }",
            "__v { f32 x }", "v { f32 x } extra", "\xff { f32 x }",
        };
        static const char* const bad_members[] = {
            "", "f32", "f32 f(", "void f() { }", "f32 x", "destructor(i32 a)",
            "i32 constructor()", "void f(Foo a)", "vec operator*()", "vec operator+(vec a, vec b)",
            "operator f32(i32 a)", "static", "\xff f()",
        };
        size_t i;
        released = 0;
        CHECK_STATUS(ctx, gjs_context_bind_value_type(ctx, NULL, "v { f32 x }", NULL),
                     GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "module_name");
        CHECK_STATUS(ctx, gjs_context_bind_value_type(ctx, "types", NULL, NULL),
                     GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "decl");
        CHECK_STATUS(ctx, gjs_context_bind_handle_type(ctx, "types", NULL, NULL),
                     GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "name");
        CHECK_STATUS(ctx, gjs_context_bind_handle_type(ctx, "types", "", NULL),
                     GJS_INVALID_ARGUMENT);
        for (i = 0; i < sizeof bad_types / sizeof bad_types[0]; i++) {
            gjs_status s = gjs_context_bind_value_type(ctx, "types", bad_types[i], NULL);
            if (s != GJS_INVALID_ARGUMENT) {
                printf("declaring value type \"%s\" gave status %d\n", bad_types[i], (int)s);
                failures++;
            }
        }
        CHECK_OK(ctx, gjs_context_bind_value_type(ctx, "types", "vec { f32 x }", NULL));
        CHECK_STATUS(ctx, gjs_context_bind_method(ctx, NULL, "vec", "void f()", noop, &released,
                                                  release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "types", NULL, "void f()", noop,
                                                  &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "type_name");
        CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "types", "vec", NULL, noop, &released,
                                                  release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "types", "vec", "void f()", NULL,
                                                  &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "types", "f32", "void f()", noop,
                                                  &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK(released == 5);
        for (i = 0; i < sizeof bad_members / sizeof bad_members[0]; i++) {
            gjs_status s = gjs_context_bind_method(ctx, "types", "vec", bad_members[i], noop,
                                                   &released, release);
            if (s != GJS_INVALID_ARGUMENT) {
                printf("binding member \"%s\" gave status %d\n", bad_members[i], (int)s);
                failures++;
            }
        }
        CHECK(released == 5 + (int)(sizeof bad_members / sizeof bad_members[0]));
        released = 0;
        CHECK_STATUS(ctx, gjs_context_bind_property(ctx, "types", "vec", "f32 p", NULL, NULL,
                                                    &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_property(ctx, NULL, "vec", "f32 p", noop, NULL,
                                                    &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_property(ctx, "types", "vec", "f32 x", noop, NULL,
                                                    &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_property(ctx, "types", "vec", "f32 p()", noop, NULL,
                                                    &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_property(ctx, "types", "vec", "static f32 p", noop,
                                                    NULL, &released, release),
                     GJS_INVALID_ARGUMENT);
        CHECK(released == 5);
        CHECK(gjs_module_type(gjs_context_module(ctx, "types"), NULL) == NULL);
        CHECK(gjs_module_type(gjs_context_module(ctx, "types"), "vec") != NULL);
        /* A module name taken by a script module. */
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, "m", "void f()", noop, NULL, NULL),
                     GJS_INVALID_ARGUMENT);
    }

    /* gjs_context_throw outside a host function does not poison the next call. */
    {
        int32_t a = 2, b = 3, r = 0;
        void* args[2];
        args[0] = &a;
        args[1] = &b;
        CHECK(gjs_context_throw(ctx, "stray") == GJS_RUNTIME_ERROR);
        CHECK(gjs_context_throw(ctx, NULL) == GJS_RUNTIME_ERROR);
        CHECK_OK(ctx, gjs_context_call(ctx, add, &r, args));
        CHECK(r == 5);
    }

    /* Limits and sinks with edge values. */
    CHECK_OK(ctx, gjs_context_set_step_limit(ctx, UINT64_MAX));
    CHECK_OK(ctx, gjs_context_set_step_limit(ctx, 0));
    CHECK_OK(ctx, gjs_context_set_output(ctx, NULL, NULL));
    CHECK_OK(ctx, gjs_context_set_output(ctx, NULL, &zeroed)); /* user data without fn */
    CHECK_OK(ctx, gjs_context_set_error_output(ctx, NULL, NULL));

    /* Odd sizes. */
    odd_sizes(gjs_vm_backend_new(1, 1), "gjs_vm_backend_new(1, 1)");
    odd_sizes(gjs_vm_backend_new(16, 16), "gjs_vm_backend_new(16, 16)");
    odd_sizes(gjs_vm_backend_new(0, 1), "gjs_vm_backend_new(0, 1)");
    odd_sizes(gjs_vm_backend_new(1, 0), "gjs_vm_backend_new(1, 0)");
    odd_sizes(gjs_vm_backend_new(0, UINT32_MAX), "gjs_vm_backend_new(0, UINT32_MAX)");
    odd_sizes(gjs_vm_backend_new_sized(0, 100, 50), "gjs_vm_backend_new_sized(0, 100, 50)");
    odd_sizes(gjs_vm_backend_new_sized(0, 1, 1), "gjs_vm_backend_new_sized(0, 1, 1)");
    odd_sizes(gjs_vm_backend_new_sized(0, 0, UINT64_MAX),
              "gjs_vm_backend_new_sized(0, 0, UINT64_MAX)");

    /* After all of that, both contexts still work. */
    {
        int32_t a = 20, b = 22, r = 0;
        void* args[2];
        args[0] = &a;
        args[1] = &b;
        CHECK_OK(ctx, gjs_context_call(ctx, add, &r, args));
        CHECK(r == 42);
        CHECK_OK(other, gjs_context_call(other, foreign, &r, args));
        CHECK(r == -2);
    }

    gjs_context_free(ctx);
    gjs_context_free(other);
    return finish("invalid_arguments");
}
