/* Host-call cost through libgjs (see run.sh for the Lua twin):
 *   script->host: a script loop calling a bound `f64 f(f64)` 10M times;
 *   host->script: 1M gjs_context_call of a small script function.
 * Prints the checksum of each part so both programs can be compared for equality. */
#include <stdio.h>
#include <stdlib.h>
#include "gjs.h"

static gjs_status host_inc(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx;
    (void)ud;
    *(double*)ret = *(double*)args[0] + 1.0;
    return GJS_OK;
}

static void check(gjs_context* ctx, gjs_status st, const char* what) {
    if (st != GJS_OK) {
        fprintf(stderr, "%s failed (%d): %s\n", what, st, gjs_context_error_message(ctx));
        exit(1);
    }
}

int main(int argc, char** argv) {
    const char* part = argc > 1 ? argv[1] : "both";
    gjs_context* ctx = gjs_context_new(NULL);
    check(ctx, gjs_context_bind_function(ctx, NULL, "f64 f(f64 x)", host_inc, NULL, NULL), "bind");
    gjs_module* mod = NULL;
    check(ctx, gjs_context_add_code(ctx, "bench",
        "f64 toHost(i32 n) { f64 acc = 0.0; for (i32 i = 0; i < n; i++) { acc = f(acc); } return acc; }\n"
        "f64 small(f64 x) { return x * 0.5 + 1.0; }\n", &mod), "compile");
    check(ctx, gjs_module_init(mod), "init");
    if (part[0] == 'b' || part[0] == 's') {
        gjs_function* to_host = gjs_module_function(mod, "toHost");
        int32_t n = 10000000;
        double r = 0;
        void* args[1] = {&n};
        check(ctx, gjs_context_call(ctx, to_host, &r, args), "toHost");
        printf("script->host %.1f\n", r);
    }
    if (part[0] == 'b' || part[0] == 'h') {
        gjs_function* small = gjs_module_function(mod, "small");
        double x = 0, r = 0, sum = 0;
        void* args[1] = {&x};
        for (int i = 0; i < 1000000; i++) {
            x = (double)(i & 1023);
            check(ctx, gjs_context_call(ctx, small, &r, args), "small");
            sum += r;
        }
        printf("host->script %.1f\n", sum);
    }
    gjs_context_free(ctx);
    return 0;
}
