/* Introspection: functions (name, declaration, argument count and types, return
 * type), types (name, size, alignment, kind), iterating a module's functions,
 * overloads, and looking modules up by name. */
#include "check.h"

typedef struct {
    const char* name;
    size_t size;
    size_t alignment;
    gjs_kind kind;
} type_row;

static const type_row types[] = {
    {"void", 0, 1, GJS_TYPE_VOID},
    {"bool", 1, 1, GJS_TYPE_BOOL},
    {"i8", 1, 1, GJS_TYPE_INT},
    {"u8", 1, 1, GJS_TYPE_UINT},
    {"i16", 2, 2, GJS_TYPE_INT},
    {"u16", 2, 2, GJS_TYPE_UINT},
    {"i32", 4, 4, GJS_TYPE_INT},
    {"u32", 4, 4, GJS_TYPE_UINT},
    {"i64", 8, 8, GJS_TYPE_INT},
    {"u64", 8, 8, GJS_TYPE_UINT},
    {"f32", 4, 4, GJS_TYPE_FLOAT},
    {"f64", 8, 8, GJS_TYPE_FLOAT},
    {"string", sizeof(gjs_str), sizeof(void*), GJS_TYPE_STRING},
};

static void check_type(const gjs_type* t, const char* name) {
    size_t i;
    CHECK(t != NULL);
    if (!t) return;
    CHECK_STR(gjs_type_name(t), name);
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (strcmp(types[i].name, name) == 0) {
            CHECK(gjs_type_size(t) == types[i].size);
            CHECK(gjs_type_alignment(t) == types[i].alignment);
            CHECK(gjs_type_kind(t) == types[i].kind);
        }
    }
    /* Types are static and shared: the same handle as the lookup by name. */
    CHECK(t == gjs_type_by_name(name));
}

int main(void) {
    gjs_context* ctx = gjs_context_new(NULL);
    size_t i;

    /* Every type by name, with the sizes of the C representations in gjs.h. */
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        const gjs_type* t = gjs_type_by_name(types[i].name);
        check_type(t, types[i].name);
    }
    CHECK(gjs_type_size(gjs_type_by_name("bool")) == sizeof(bool));
    CHECK(gjs_type_size(gjs_type_by_name("f64")) == sizeof(double));
    CHECK(gjs_type_by_name("i128") == NULL);
    CHECK(gjs_type_by_name("") == NULL);
    CHECK(gjs_type_by_name("I32") == NULL);

    {
        gjs_module* mod = compile(ctx, "shapes",
                                  "i32 total = 0;\n"
                                  "f32 mul(f32 a, f32 b) { return a * b; }\n"
                                  "void log(string message, bool loud) { }\n"
                                  "u64 big() { return 1; }\n"
                                  "string describe(i32 v) { return 'i32:' + v; }\n"
                                  "string describe(f64 v) { return 'f64:' + v; }\n"
                                  "i8 all(i8 a, u8 b, i16 c, u16 d, i32 e, u32 f, i64 g, u64 h,\n"
                                  "       f32 i, f64 j, bool k, string s) { return a; }\n");
        if (mod) {
            gjs_function* mul = gjs_module_function(mod, "mul");
            gjs_function* log = gjs_module_function(mod, "log");
            gjs_function* all = gjs_module_function(mod, "all");
            size_t count = gjs_module_function_count(mod);
            static const char* const all_types[] = {"i8",  "u8",  "i16", "u16", "i32", "u32",
                                                     "i64", "u64", "f32", "f64", "bool", "string"};

            CHECK_STR(gjs_module_name(mod), "shapes");
            CHECK(gjs_context_module(ctx, "shapes") == mod);

            CHECK(mul != NULL);
            CHECK_STR(gjs_function_name(mul), "mul");
            CHECK_STR(gjs_function_decl(mul), "f32 mul(f32 a, f32 b)");
            CHECK(gjs_function_arg_count(mul) == 2);
            check_type(gjs_function_arg_type(mul, 0), "f32");
            check_type(gjs_function_arg_type(mul, 1), "f32");
            CHECK(gjs_function_arg_type(mul, 2) == NULL);
            check_type(gjs_function_return_type(mul), "f32");
            /* The same handle every time. */
            CHECK(gjs_module_function(mod, "mul") == mul);

            CHECK_STR(gjs_function_decl(log), "void log(string message, bool loud)");
            check_type(gjs_function_return_type(log), "void");
            check_type(gjs_function_arg_type(log, 0), "string");
            check_type(gjs_function_arg_type(log, 1), "bool");

            CHECK(gjs_function_arg_count(all) == 12);
            for (i = 0; i < 12; i++) check_type(gjs_function_arg_type(all, i), all_types[i]);
            check_type(gjs_function_return_type(all), "i8");

            /* Overloads: no single function by name, each one by declaration. */
            CHECK(gjs_module_function(mod, "describe") == NULL);
            {
                gjs_function* d_i32 = gjs_module_function_by_decl(mod, "string describe(i32 v)");
                gjs_function* d_f64 = gjs_module_function_by_decl(mod, "string describe(f64)");
                CHECK(d_i32 != NULL && d_f64 != NULL && d_i32 != d_f64);
                check_type(gjs_function_arg_type(d_i32, 0), "i32");
                check_type(gjs_function_arg_type(d_f64, 0), "f64");
                if (d_i32) {
                    int32_t v = 5;
                    gjs_str r;
                    void* args[1];
                    args[0] = &v;
                    CHECK_OK(ctx, gjs_context_call(ctx, d_i32, &r, args));
                    CHECK(r.len == 5 && memcmp(r.ptr, "i32:5", 5) == 0);
                }
                CHECK(gjs_module_function_by_decl(mod, "string describe(u8)") == NULL);
                CHECK(gjs_module_function_by_decl(mod, "i32 describe(i32)") == NULL);
                CHECK(gjs_module_function_by_decl(mod, "f32 mul(f32, f32)") == mul);
                CHECK(gjs_module_function_by_decl(mod, "f32 mul(f32 x, f32 y)") == mul);
                CHECK(gjs_module_function_by_decl(mod, "not a declaration") == NULL);
            }

            /* Iteration: script functions in declaration order, then __init__. */
            {
                static const char* const order[] = {"mul", "log", "big", "describe",
                                                    "describe", "all", "__init__"};
                CHECK(count == 7);
                for (i = 0; i < count && i < 7; i++) {
                    gjs_function* f = gjs_module_function_at(mod, i);
                    CHECK(f != NULL);
                    CHECK_STR(gjs_function_name(f), order[i]);
                }
                CHECK(gjs_module_function_at(mod, count) == NULL);
                CHECK(gjs_module_function_at(mod, (size_t)-1) == NULL);
                CHECK(gjs_module_function_at(mod, 0) == mul);
            }

            CHECK(gjs_module_function(mod, "missing") == NULL);
            CHECK(gjs_module_function(mod, "total") == NULL); /* a global, not a function */
        }
    }

    /* Module lookup: registered names, host modules, misses. */
    {
        gjs_module* a = compile(ctx, "game/a", "i32 one() { return 1; }");
        gjs_module* b = compile(ctx, "b", "import { one } from 'game/a'; i32 two() { return one() + 1; }");
        CHECK(gjs_context_module(ctx, "game/a") == a);
        CHECK(gjs_context_module(ctx, "b") == b);
        CHECK_STR(gjs_module_name(a), "game/a");
        CHECK(gjs_context_module(ctx, "c") == NULL);
        CHECK(gjs_context_module(ctx, "") == NULL);
        if (b) {
            int32_t r = 0;
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(b, "two"), &r, NULL));
            CHECK(r == 2);
        }
    }

    gjs_context_free(ctx);
    return finish("introspection");
}
