/* Calling script functions with every primitive type and gjs_str in and out, the
 * borrowed string result, __init__, module globals, and runtime errors. */
#include "check.h"

#include <float.h>
#include <math.h>

static const char source[] =
    "print('init');\n"
    "i32 calls = 0;\n"
    "bool flip(bool b) { calls++; return !b; }\n"
    "i8 neg8(i8 x) { return -x; }\n"
    "u8 inc8(u8 x) { return x + 1; }\n"
    "i16 neg16(i16 x) { return -x; }\n"
    "u16 inc16(u16 x) { return x + 1; }\n"
    "i32 add(i32 a, i32 b) { return a + b; }\n"
    "u32 inc32(u32 x) { return x + 1; }\n"
    "i64 mul64(i64 a, i64 b) { return a * b; }\n"
    "u64 twice64(u64 x) { return x * 2; }\n"
    "f32 mul(f32 a, f32 b) { return a * b; }\n"
    "f64 half(f64 x) { return x / 2.0; }\n"
    "f64 mix(i8 a, u8 b, i16 c, u16 d, i32 e, u32 f, i64 g, u64 h, f32 i, f64 j, bool k) {\n"
    "    f64 s = a + b + c + d + e + f + g + i + j;\n"
    "    if (k) s = s + h;\n"
    "    return s;\n"
    "}\n"
    "string greet(string who, i32 n) { return 'hi ' + who + n; }\n"
    "u32 len(string s) { return s.length; }\n"
    "string echo(string s) { return s; }\n"
    "string empty() { return ''; }\n"
    "i32 count() { return calls; }\n"
    "void nothing() { }\n"
    "i32 divide(i32 a, i32 b) {\n"
    "    return a / b;\n"
    "}\n"
    "i32 outer(i32 a) { return divide(a, 0); }\n";

static gjs_context* ctx;
static gjs_module* mod;

static gjs_status call(const char* name, void* ret, void** args) {
    gjs_function* f = gjs_module_function(mod, name);
    if (!f) {
        printf("no function %s\n", name);
        failures++;
        return GJS_NOT_FOUND;
    }
    return gjs_context_call(ctx, f, ret, args);
}

static gjs_str str(const char* s) {
    gjs_str r;
    r.ptr = s;
    r.len = strlen(s);
    return r;
}

static int str_equals(gjs_str s, const char* expected) {
    return s.ptr != NULL && s.len == strlen(expected) && memcmp(s.ptr, expected, s.len) == 0;
}

int main(void) {
    text_buffer out;
    ctx = gjs_context_new(NULL);
    buffer_clear(&out);
    CHECK_OK(ctx, gjs_context_set_output(ctx, buffer_write, &out));
    mod = compile(ctx, "calls", source);
    if (!mod) return finish("calls");

    /* Compiling runs nothing; the first call initialises the module, once. */
    CHECK(out.len == 0);

    { /* bool */
        bool in = true, r = true;
        void* args[1];
        args[0] = &in;
        CHECK_OK(ctx, call("flip", &r, args));
        CHECK(r == false);
        in = false;
        CHECK_OK(ctx, call("flip", &r, args));
        CHECK(r == true);
        CHECK_STR(out.data, "init\n");
    }
    { /* i8 and u8, with wraparound */
        int8_t a = -128, r8 = 0;
        uint8_t b = 255, ru8 = 1;
        void* args[1];
        args[0] = &a;
        CHECK_OK(ctx, call("neg8", &r8, args));
        CHECK(r8 == -128);
        a = 5;
        CHECK_OK(ctx, call("neg8", &r8, args));
        CHECK(r8 == -5);
        args[0] = &b;
        CHECK_OK(ctx, call("inc8", &ru8, args));
        CHECK(ru8 == 0);
    }
    { /* i16 and u16 */
        int16_t a = 1234, r = 0;
        uint16_t b = 65535, rb = 1;
        void* args[1];
        args[0] = &a;
        CHECK_OK(ctx, call("neg16", &r, args));
        CHECK(r == -1234);
        args[0] = &b;
        CHECK_OK(ctx, call("inc16", &rb, args));
        CHECK(rb == 0);
    }
    { /* i32 and u32 */
        int32_t a = 2147483647, b = 1, r = 0;
        uint32_t u = 4000000000u, ru = 0;
        void* args[2];
        args[0] = &a;
        args[1] = &b;
        CHECK_OK(ctx, call("add", &r, args));
        CHECK(r == INT32_MIN);
        a = -50;
        b = 8;
        CHECK_OK(ctx, call("add", &r, args));
        CHECK(r == -42);
        args[0] = &u;
        CHECK_OK(ctx, call("inc32", &ru, args));
        CHECK(ru == 4000000001u);
    }
    { /* i64 and u64, beyond 32 bits */
        int64_t a = 3000000000LL, b = -3, r = 0;
        uint64_t u = (uint64_t)1 << 62, ru = 0;
        void* args[2];
        args[0] = &a;
        args[1] = &b;
        CHECK_OK(ctx, call("mul64", &r, args));
        CHECK(r == -9000000000LL);
        args[0] = &u;
        CHECK_OK(ctx, call("twice64", &ru, args));
        CHECK(ru == (uint64_t)1 << 63);
        u = UINT64_MAX;
        CHECK_OK(ctx, call("twice64", &ru, args));
        CHECK(ru == UINT64_MAX - 1);
    }
    { /* f32 and f64 */
        float a = 61.0f, b = 69.0f, r = 0;
        double d = 5.0, rd = 0, big = 1e300;
        void* args[2];
        args[0] = &a;
        args[1] = &b;
        CHECK_OK(ctx, call("mul", &r, args));
        CHECK(r == 4209.0f);
        a = FLT_MAX;
        b = 2.0f;
        CHECK_OK(ctx, call("mul", &r, args));
        CHECK(isinf(r));
        args[0] = &d;
        CHECK_OK(ctx, call("half", &rd, args));
        CHECK(rd == 2.5);
        args[0] = &big;
        CHECK_OK(ctx, call("half", &rd, args));
        CHECK(rd == 5e299);
    }
    { /* all of them in one call */
        int8_t a = -1;
        uint8_t b = 2;
        int16_t c = -3;
        uint16_t d = 4;
        int32_t e = -5;
        uint32_t f = 6;
        int64_t g = -7;
        uint64_t h = 1000;
        float i = 0.5f;
        double j = 0.25, r = 0;
        bool k = true;
        void* args[11];
        args[0] = &a;
        args[1] = &b;
        args[2] = &c;
        args[3] = &d;
        args[4] = &e;
        args[5] = &f;
        args[6] = &g;
        args[7] = &h;
        args[8] = &i;
        args[9] = &j;
        args[10] = &k;
        CHECK_OK(ctx, call("mix", &r, args));
        CHECK(r == 996.75);
        k = false;
        CHECK_OK(ctx, call("mix", &r, args));
        CHECK(r == -3.25);
    }
    { /* strings in and out */
        gjs_str who = str("bob"), r;
        int32_t n = 7;
        uint32_t length = 0;
        void* args[2];
        args[0] = &who;
        args[1] = &n;
        memset(&r, 0, sizeof r);
        CHECK_OK(ctx, call("greet", &r, args));
        CHECK(str_equals(r, "hi bob7"));
        /* The result is NUL-terminated for convenience. */
        CHECK(r.ptr && r.ptr[r.len] == '\0');

        /* Bytes, not C strings: an embedded NUL goes in and comes back. */
        who.ptr = "a\0b";
        who.len = 3;
        CHECK_OK(ctx, call("len", &length, args));
        CHECK(length == 3);
        CHECK_OK(ctx, call("echo", &r, args));
        CHECK(r.len == 3 && memcmp(r.ptr, "a\0b", 3) == 0);

        /* NULL with length 0 is the empty string; so is an empty result. */
        who.ptr = NULL;
        who.len = 0;
        CHECK_OK(ctx, call("len", &length, args));
        CHECK(length == 0);
        r.len = 99;
        CHECK_OK(ctx, call("empty", &r, NULL));
        CHECK(r.len == 0);

        /* The input is copied: changing it after the call changes nothing. */
        {
            char buffer[] = "mutable";
            gjs_str first, copy;
            char saved[16];
            who.ptr = buffer;
            who.len = strlen(buffer);
            CHECK_OK(ctx, call("echo", &first, args));
            buffer[0] = 'X';
            CHECK(str_equals(first, "mutable"));
            /* A borrowed result stays valid until the next call on the context; copy
               it to keep it. */
            memcpy(saved, first.ptr, first.len + 1);
            who = str("other");
            CHECK_OK(ctx, call("echo", &copy, args));
            CHECK(str_equals(copy, "other"));
            CHECK_STR(saved, "mutable");
        }

        /* A long string. */
        {
            static char long_text[5001];
            memset(long_text, 'z', 5000);
            long_text[5000] = '\0';
            who = str(long_text);
            CHECK_OK(ctx, call("echo", &r, args));
            CHECK(r.len == 5000 && r.ptr[0] == 'z' && r.ptr[4999] == 'z');
        }
    }
    { /* void results, NULL ret to discard a result, and module globals */
        int32_t count = 0;
        bool in = true;
        void* args[1];
        args[0] = &in;
        CHECK_OK(ctx, call("nothing", NULL, NULL));
        CHECK_OK(ctx, call("flip", NULL, args));
        CHECK_OK(ctx, call("count", &count, NULL));
        CHECK(count == 3);
    }
    { /* __init__ is reachable by name and runs only once */
        gjs_function* init = gjs_module_function(mod, "__init__");
        CHECK(init != NULL);
        CHECK_STR(gjs_function_name(init), "__init__");
        CHECK(gjs_function_arg_count(init) == 0);
        CHECK(gjs_type_kind(gjs_function_return_type(init)) == GJS_TYPE_VOID);
        CHECK_OK(ctx, gjs_context_call(ctx, init, NULL, NULL));
        CHECK_OK(ctx, gjs_module_init(mod));
        CHECK_STR(out.data, "init\n");
    }
    { /* __init__ called first, on a fresh module */
        gjs_module* m2 = compile(ctx, "fresh", "i32 g = 41; g++; print('g=' + g);");
        if (m2) {
            gjs_function* init = gjs_module_function(m2, "__init__");
            buffer_clear(&out);
            CHECK_OK(ctx, gjs_context_call(ctx, init, NULL, NULL));
            CHECK_OK(ctx, gjs_module_init(m2));
            CHECK_OK(ctx, gjs_context_call(ctx, init, NULL, NULL));
            CHECK_STR(out.data, "g=42\n");
        }
    }
    { /* A runtime error: status, message with location, backtrace frames */
        int32_t a = 7, r = 123;
        void* args[1];
        gjs_frame fr;
        args[0] = &a;
        CHECK_STATUS(ctx, call("outer", &r, args), GJS_RUNTIME_ERROR);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "division by zero");
        CHECK_CONTAINS(gjs_context_error_message(ctx), "calls:26:");
        CHECK_CONTAINS(gjs_context_error_message(ctx), "calls:28:27");
        CHECK(gjs_context_backtrace_count(ctx) == 2);
        memset(&fr, 0, sizeof fr);
        CHECK_OK(ctx, gjs_context_backtrace_frame(ctx, 0, &fr));
        CHECK_STR(fr.module, "calls");
        CHECK_STR(fr.function, "divide");
        /* The fault lies in `a / b` (columns 12 to 16). */
        CHECK(fr.line == 26 && fr.column >= 12 && fr.column <= 16);
        CHECK_OK(ctx, gjs_context_backtrace_frame(ctx, 1, &fr));
        CHECK_STR(fr.function, "outer");
        CHECK(fr.line == 28 && fr.column == 27);
        CHECK_STATUS(ctx, gjs_context_backtrace_frame(ctx, 2, &fr), GJS_NOT_FOUND);
        /* The parts of the error, without location and backtrace. */
        {
            gjs_runtime_error e;
            memset(&e, 0, sizeof e);
            CHECK_OK(ctx, gjs_context_runtime_error(ctx, &e));
            CHECK_STR(e.type_name, "Error");
            CHECK_STR(e.message, "division by zero");
            CHECK(e.code == 3);
            CHECK_STATUS(ctx, gjs_context_runtime_error(ctx, NULL), GJS_INVALID_ARGUMENT);
        }
        CHECK_STATUS(ctx, gjs_context_backtrace_frame(ctx, 0, NULL), GJS_INVALID_ARGUMENT);
        /* The context is usable afterwards, and the error is cleared. */
        {
            int32_t x = 1, y = 2, s = 0;
            void* add_args[2];
            add_args[0] = &x;
            add_args[1] = &y;
            CHECK_OK(ctx, call("add", &s, add_args));
            CHECK(s == 3);
            CHECK_STR(gjs_context_error_message(ctx), "");
            CHECK(gjs_context_backtrace_count(ctx) == 0);
            {
                gjs_runtime_error e;
                CHECK_STATUS(ctx, gjs_context_runtime_error(ctx, &e), GJS_NOT_FOUND);
            }
        }
    }
    { /* Strings passed in and out do not stay allocated. */
        gjs_str who = str("someone"), r;
        int32_t n = 1, i;
        uint64_t before;
        void* args[2];
        args[0] = &who;
        args[1] = &n;
        CHECK_OK(ctx, call("greet", &r, args));
        before = gjs_context_memory_in_use(ctx);
        for (i = 0; i < 200; i++) CHECK_OK(ctx, call("greet", &r, args));
        CHECK(gjs_context_memory_in_use(ctx) == before);
    }

    gjs_context_free(ctx);
    return finish("calls");
}
