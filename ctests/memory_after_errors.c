/* A call that ends with an uncaught error unwinds every frame and destroys its
 * objects (language.md 6.4), so the VM memory in use returns to what it was: a
 * context stays usable after any number of failures, also under a memory cap. */
#include "check.h"

static const char source[] =
    "i32 answer() { string s = 'forty' + 2; return 40 + s.length - 4; }\n"
    "i32 fault(i32 z) { string s = 'abc' + z; return 1 / z; }\n"
    "i32 nested(i32 z) { string t = 'outer' + z; return fault(z) + t.length; }\n"
    "void grow() { string s = 'x'; while (true) { s = s + s; } }\n"
    "i32 deep(i32 n) { string s = 'frame' + n; return deep(n + 1) + s.length; }\n";

static void check_usable(gjs_context* ctx, gjs_module* mod) {
    int32_t r = 0;
    CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "answer"), &r, NULL));
    CHECK(r == 42);
}

static void check_memory(const char* what, uint64_t before, uint64_t after) {
    if (after != before) {
        printf("after %s: %llu bytes in use, %llu before\n", what, (unsigned long long)after,
               (unsigned long long)before);
        failures++;
    }
}

int main(void) {
    gjs_context* ctx = gjs_context_new(gjs_vm_backend_new(256 * 1024, 200000));
    gjs_module* mod = compile(ctx, "unwind", source);
    if (mod) {
        int32_t zero = 0, r = 0;
        void* args[1];
        uint64_t before;
        int i;
        args[0] = &zero;
        check_usable(ctx, mod);
        before = gjs_context_memory_in_use(ctx);

        CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "fault"), &r, args),
                     GJS_RUNTIME_ERROR);
        check_memory("a runtime error", before, gjs_context_memory_in_use(ctx));

        CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "nested"), &r, args),
                     GJS_RUNTIME_ERROR);
        check_memory("a runtime error two frames deep", before, gjs_context_memory_in_use(ctx));

        /* Out of memory again and again: each time the whole heap is available. */
        for (i = 0; i < 10; i++) {
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "grow"), NULL, NULL),
                         GJS_OUT_OF_MEMORY);
        }
        check_memory("ten out-of-memory errors", before, gjs_context_memory_in_use(ctx));
        check_usable(ctx, mod);
    }
    gjs_context_free(ctx);

    /* A stack overflow, with memory to spare. */
    ctx = gjs_context_new(gjs_vm_backend_new(64 * 1024, 0));
    mod = compile(ctx, "unwind", source);
    if (mod) {
        int32_t zero = 0, r = 0;
        void* args[1];
        uint64_t before;
        args[0] = &zero;
        check_usable(ctx, mod);
        before = gjs_context_memory_in_use(ctx);
        CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "deep"), &r, args),
                     GJS_STACK_OVERFLOW);
        check_memory("a stack overflow", before, gjs_context_memory_in_use(ctx));
        check_usable(ctx, mod);
    }
    gjs_context_free(ctx);
    return finish("memory_after_errors");
}
