/* Host functions: global and in a host module imported by a script, every type in
 * and out, errors raised with gjs_context_throw, and callbacks re-entering the
 * context. */
#include "check.h"

#include <ctype.h>

static gjs_status lerp(gjs_context* ctx, void* ret, void** args, void* user_data) {
    float a = *(float*)args[0], b = *(float*)args[1], t = *(float*)args[2];
    (void)ctx;
    (void)user_data;
    *(float*)ret = a + (b - a) * t;
    return GJS_OK;
}

/* Upper-cases its argument; the result must stay valid until the callback returns,
   so it lives in the user data. */
typedef struct {
    char text[256];
} shout_buffer;

static gjs_status shout(gjs_context* ctx, void* ret, void** args, void* user_data) {
    shout_buffer* buf = (shout_buffer*)user_data;
    gjs_str in = *(gjs_str*)args[0];
    gjs_str result;
    size_t i;
    if (in.len >= sizeof buf->text) return gjs_context_throw(ctx, "too long to shout");
    for (i = 0; i < in.len; i++) buf->text[i] = (char)toupper((unsigned char)in.ptr[i]);
    result.ptr = buf->text;
    result.len = in.len;
    *(gjs_str*)ret = result;
    return GJS_OK;
}

static gjs_status counter(gjs_context* ctx, void* ret, void** args, void* user_data) {
    int64_t* n = (int64_t*)user_data;
    (void)ctx;
    (void)args;
    *(int64_t*)ret = ++*n;
    return GJS_OK;
}

/* Checks that each argument arrives as sent; returns their sum. */
static gjs_status every_type(gjs_context* ctx, void* ret, void** args, void* user_data) {
    int8_t a = *(int8_t*)args[0];
    uint8_t b = *(uint8_t*)args[1];
    int16_t c = *(int16_t*)args[2];
    uint16_t d = *(uint16_t*)args[3];
    int32_t e = *(int32_t*)args[4];
    uint32_t f = *(uint32_t*)args[5];
    int64_t g = *(int64_t*)args[6];
    uint64_t h = *(uint64_t*)args[7];
    float i = *(float*)args[8];
    double j = *(double*)args[9];
    bool k = *(bool*)args[10];
    gjs_str s = *(gjs_str*)args[11];
    (void)user_data;
    if (a != -8 || b != 200 || c != -1600 || d != 60000 || e != -2000000000 ||
        f != 4000000000u || g != -5000000000LL || h != 10000000000000000000ULL ||
        i != 1.5f || j != 0.125 || k != true || s.len != 3 || memcmp(s.ptr, "x\0y", 3) != 0) {
        return gjs_context_throw(ctx, "every_type: an argument arrived wrong");
    }
    *(double*)ret = (double)a + b + c + d + e + (double)f + (double)g + (double)h + i + j;
    return GJS_OK;
}

static gjs_status make_bool(gjs_context* ctx, void* ret, void** args, void* user_data) {
    (void)ctx;
    (void)user_data;
    *(bool*)ret = *(int32_t*)args[0] > 10;
    return GJS_OK;
}

static gjs_status fail_with(gjs_context* ctx, void* ret, void** args, void* user_data) {
    gjs_str why = *(gjs_str*)args[0];
    char message[128];
    (void)ret;
    (void)user_data;
    sprintf(message, "engine said %.*s", (int)why.len, why.ptr);
    return gjs_context_throw(ctx, message);
}

static gjs_status fail_silently(gjs_context* ctx, void* ret, void** args, void* user_data) {
    (void)ctx;
    (void)ret;
    (void)args;
    (void)user_data;
    return GJS_IO_ERROR; /* without gjs_context_throw */
}

/* Re-entrancy: the host calls back into the script that called it. */
static gjs_function* twice_fn = NULL;
static int reentry_depth = 0;

static gjs_status via_host(gjs_context* ctx, void* ret, void** args, void* user_data) {
    int32_t v = *(int32_t*)args[0], r = 0;
    void* inner[1];
    gjs_status s;
    (void)user_data;
    inner[0] = &v;
    reentry_depth++;
    s = gjs_context_call(ctx, twice_fn, &r, inner);
    reentry_depth--;
    if (s != GJS_OK) return gjs_context_throw(ctx, gjs_context_error_message(ctx));
    *(int32_t*)ret = r;
    return GJS_OK;
}

/* Recursion that alternates between script and host: fact(n) = n * hostFact(n - 1). */
static gjs_function* fact_fn = NULL;
static int max_depth = 0;

static gjs_status host_fact(gjs_context* ctx, void* ret, void** args, void* user_data) {
    int64_t n = *(int64_t*)args[0], r = 0;
    void* inner[1];
    gjs_status s;
    (void)user_data;
    if (n <= 1) {
        *(int64_t*)ret = 1;
        return GJS_OK;
    }
    inner[0] = &n;
    reentry_depth++;
    if (reentry_depth > max_depth) max_depth = reentry_depth;
    s = gjs_context_call(ctx, fact_fn, &r, inner);
    reentry_depth--;
    if (s != GJS_OK) return gjs_context_throw(ctx, "inner fact failed");
    *(int64_t*)ret = r;
    return GJS_OK;
}

/* A nested call that fails: the host sees the inner error and reports its own. */
static gjs_function* divide_fn = NULL;
static gjs_status inner_status = GJS_OK;
static char inner_message[512];

static gjs_status call_divide(gjs_context* ctx, void* ret, void** args, void* user_data) {
    int32_t r = 0;
    (void)user_data;
    inner_status = gjs_context_call(ctx, divide_fn, &r, args);
    if (inner_status != GJS_OK) {
        strncpy(inner_message, gjs_context_error_message(ctx), sizeof inner_message - 1);
        return gjs_context_throw(ctx, "the nested call failed");
    }
    *(int32_t*)ret = r;
    return GJS_OK;
}

/* Freeing the context from its own callback is refused. */
static gjs_status try_free(gjs_context* ctx, void* ret, void** args, void* user_data) {
    (void)ret;
    (void)args;
    (void)user_data;
    gjs_context_free(ctx);
    return GJS_OK;
}

int main(void) {
    gjs_context* ctx = gjs_context_new(NULL);
    text_buffer out;
    shout_buffer shout_buf;
    int64_t count = 0;
    buffer_clear(&out);
    CHECK_OK(ctx, gjs_context_set_output(ctx, buffer_write, &out));

    /* Global functions and a host module. */
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "f32 lerp(f32 a, f32 b, f32 t)", lerp,
                                            NULL, NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, "engine", "string shout(string s)", shout,
                                            &shout_buf, NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, "engine", "i64 counter()", counter, &count,
                                            NULL));
    CHECK_OK(ctx, gjs_context_bind_function(
                      ctx, NULL,
                      "f64 everyType(i8 a, u8 b, i16 c, u16 d, i32 e, u32 f, i64 g, u64 h, "
                      "f32 i, f64 j, bool k, string s)",
                      every_type, NULL, NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "bool big(i32 v)", make_bool, NULL, NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "void fail(string why)", fail_with,
                                            NULL, NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "void failSilently()", fail_silently,
                                            NULL, NULL));
    {
        gjs_module* game = compile(
            ctx, "game",
            "import { shout, counter } from 'engine';\n"
            "print(lerp(0.0f, 10.0f, 0.25f).toFixed(2));\n"
            "print(shout('hey') + '!');\n"
            "print('' + counter() + counter() + counter());\n"
            "print(everyType(-8, 200, -1600, 60000, -2000000000, 4000000000, -5000000000,\n"
            "                10000000000000000000, 1.5f, 0.125, true, 'x\\0y').toFixed(3));\n"
            "print('' + big(5) + ' ' + big(50));\n"
            "void failing() {\n"
            "    print('before');\n"
            "    fail('no');\n"
            "    print('after');\n"
            "}\n"
            "void silent() { failSilently(); }\n");
        if (game) {
            char expected[256];
            /* The same sum as every_type's, formatted as toFixed(3) does. */
            double sum = (double)-8 + 200 + -1600 + 60000 + -2000000000 + (double)4000000000u +
                         (double)-5000000000LL + (double)10000000000000000000ULL + 1.5f + 0.125;
            sprintf(expected, "2.50\nHEY!\n123\n%.3f\nfalse true\n", sum);
            CHECK_OK(ctx, gjs_module_init(game));
            CHECK_STR(out.data, expected);
            CHECK(count == 3);

            /* gjs_context_throw: a runtime error with the host's message, located at
               the call in the script. */
            buffer_clear(&out);
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(game, "failing"), NULL, NULL),
                         GJS_RUNTIME_ERROR);
            CHECK_CONTAINS(gjs_context_error_message(ctx), "engine said no");
            CHECK_STR(out.data, "before\n");
            {
                gjs_runtime_error e;
                CHECK_OK(ctx, gjs_context_runtime_error(ctx, &e));
                CHECK_STR(e.type_name, "Error");
                CHECK_STR(e.message, "engine said no");
                CHECK(e.code == 3);
            }
            {
                gjs_frame fr;
                CHECK(gjs_context_backtrace_count(ctx) >= 1);
                CHECK_OK(ctx, gjs_context_backtrace_frame(ctx, 0, &fr));
                CHECK_STR(fr.function, "failing");
                CHECK(fr.line == 10);
            }
            /* A failure status without a message still fails the call. */
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(game, "silent"), NULL, NULL),
                         GJS_RUNTIME_ERROR);
            CHECK(strlen(gjs_context_error_message(ctx)) > 0);
        }
    }

    /* Global host functions are found by declaration and can be called directly. */
    {
        gjs_function* f = gjs_context_global_function(ctx, "f32 lerp(f32, f32, f32)");
        CHECK(f != NULL);
        CHECK(gjs_context_global_function(ctx, "f32 lerp(f32 x, f32 y, f32 z)") == f);
        if (f) {
            float a = 2.0f, b = 4.0f, t = 0.5f, r = 0.0f;
            void* args[3];
            args[0] = &a;
            args[1] = &b;
            args[2] = &t;
            CHECK_STR(gjs_function_name(f), "lerp");
            CHECK_STR(gjs_function_decl(f), "f32 lerp(f32 a, f32 b, f32 t)");
            CHECK(gjs_function_arg_count(f) == 3);
            CHECK_OK(ctx, gjs_context_call(ctx, f, &r, args));
            CHECK(r == 3.0f);
        }
        CHECK(gjs_context_global_function(ctx, "f64 lerp(f32, f32, f32)") == NULL);
        CHECK(gjs_context_global_function(ctx, "f32 lerp(f32, f32)") == NULL);
        /* Host-module functions are not global. */
        CHECK(gjs_context_global_function(ctx, "string shout(string)") == NULL);
    }

    /* The host module is a module: it can be looked up and its functions called. */
    {
        gjs_module* engine = gjs_context_module(ctx, "engine");
        CHECK(engine != NULL);
        if (engine) {
            gjs_function* shout_fn = gjs_module_function(engine, "shout");
            gjs_str in, r;
            void* args[1];
            CHECK_STR(gjs_module_name(engine), "engine");
            CHECK(gjs_module_function_count(engine) == 2);
            CHECK(shout_fn != NULL);
            CHECK_STR(gjs_function_decl(shout_fn), "string shout(string s)");
            in.ptr = "direct";
            in.len = 6;
            args[0] = &in;
            CHECK_OK(ctx, gjs_context_call(ctx, shout_fn, &r, args));
            CHECK(r.len == 6 && memcmp(r.ptr, "DIRECT", 6) == 0);
            CHECK(gjs_module_function(engine, "nope") == NULL);
        }
        /* Host functions cannot go into a script module, nor repeat a signature. */
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, "game", "void x()", lerp, NULL, NULL),
                     GJS_INVALID_ARGUMENT);
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, NULL, "f32 lerp(f32 x, f32 y, f32 z)",
                                                    lerp, NULL, NULL),
                     GJS_INVALID_ARGUMENT);
        /* An overload with another signature is fine. */
        CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "f32 lerp(f32 a, f32 b)", lerp,
                                                NULL, NULL));
    }

    /* Re-entrancy: script -> host -> script, and deeper. */
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "i32 viaHost(i32 v)", via_host, NULL,
                                            NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "i64 hostFact(i64 n)", host_fact, NULL,
                                            NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "i32 callDivide(i32 a, i32 b)",
                                            call_divide, NULL, NULL));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "void tryFree()", try_free, NULL, NULL));
    {
        gjs_module* m = compile(ctx, "reenter",
                                "i32 calls = 0;\n"
                                "i32 twice(i32 v) { calls++; return 2 * v; }\n"
                                "i32 run(i32 v) { return viaHost(v) + viaHost(v + 1); }\n"
                                "i64 fact(i64 n) { return n * hostFact(n - 1); }\n"
                                "i32 divide(i32 a, i32 b) { return a / b; }\n"
                                "i32 safe(i32 a, i32 b) { return callDivide(a, b) + 1; }\n"
                                "void freeMe() { tryFree(); print('still here'); }\n");
        if (m) {
            int32_t v = 10, r = 0, calls = 0;
            int64_t n = 10, f = 0;
            void* args[2];
            twice_fn = lookup(m, "twice");
            fact_fn = lookup(m, "fact");
            divide_fn = lookup(m, "divide");
            args[0] = &v;
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(m, "run"), &r, args));
            CHECK(r == 42);
            CHECK(reentry_depth == 0);
            CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(m, "__init__"), NULL, NULL));
            args[0] = &n;
            CHECK_OK(ctx, gjs_context_call(ctx, fact_fn, &f, args));
            CHECK(f == 3628800);
            CHECK(max_depth == 8);

            /* The module's global saw both nested calls. */
            {
                gjs_module* probe = compile(ctx, "probe",
                                            "import { calls } from 'reenter';\n"
                                            "i32 get() { return calls; }\n");
                if (probe) {
                    CHECK_OK(ctx, gjs_context_call(ctx, lookup(probe, "get"), &calls, NULL));
                    CHECK(calls == 2);
                }
            }

            /* A nested call that works and one that fails. */
            {
                int32_t a = 84, b = 2;
                args[0] = &a;
                args[1] = &b;
                CHECK_OK(ctx, gjs_context_call(ctx, lookup(m, "safe"), &r, args));
                CHECK(r == 43);
                b = 0;
                CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(m, "safe"), &r, args),
                             GJS_RUNTIME_ERROR);
                CHECK(inner_status == GJS_RUNTIME_ERROR);
                CHECK_CONTAINS(inner_message, "division by zero");
                CHECK_CONTAINS(gjs_context_error_message(ctx), "the nested call failed");
                /* Still usable. */
                b = 4;
                CHECK_OK(ctx, gjs_context_call(ctx, lookup(m, "safe"), &r, args));
                CHECK(r == 22);
            }

            /* The context refuses to be freed from its own callback. */
            buffer_clear(&out);
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(m, "freeMe"), NULL, NULL));
            CHECK_STR(out.data, "still here\n");
            CHECK(strlen(gjs_last_error()) > 0);
        }
    }

    gjs_context_free(ctx);
    return finish("host_functions");
}
