/* Threads: contexts on different threads run at the same time without interfering,
 * and one context used from two threads at once serialises the calls. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <pthread.h>

static const char source[] =
    "i64 total = 0;\n"
    "i64 sum(i32 n) { i64 s = 0; for (i32 i = 1; i <= n; i++) { s += i; } return s; }\n"
    "i64 accumulate(i32 n) { total += sum(n); return total; }\n"
    "string label(i32 id) { return 'worker ' + id; }\n";

typedef struct {
    gjs_context* ctx; /* shared, or NULL to make an own one */
    int id;
    int rounds;
    int errors;
    int64_t last_total;
} worker;

static void* run_worker(void* arg) {
    worker* w = (worker*)arg;
    gjs_context* ctx = w->ctx ? w->ctx : gjs_context_new(NULL);
    gjs_module* mod = NULL;
    int i;
    if (!ctx) {
        w->errors++;
        return NULL;
    }
    if (w->ctx) {
        mod = gjs_context_module(ctx, "shared");
    } else if (gjs_context_add_code(ctx, "own", source, &mod) != GJS_OK) {
        w->errors++;
    }
    for (i = 0; mod && i < w->rounds; i++) {
        int32_t n = 1000, id = w->id;
        int64_t s = 0;
        gjs_str text;
        void* args[1];
        args[0] = &n;
        if (gjs_context_call(ctx, gjs_module_function(mod, "sum"), &s, args) != GJS_OK ||
            s != 500500) {
            w->errors++;
        }
        if (gjs_context_call(ctx, gjs_module_function(mod, "accumulate"), &w->last_total,
                             args) != GJS_OK) {
            w->errors++;
        }
        /* A string result is borrowed until the next call on the context; with a
           shared context another thread may call in between, so only an own
           context's result is compared after the call. */
        args[0] = &id;
        if (gjs_context_call(ctx, gjs_module_function(mod, "label"), &text, args) != GJS_OK) {
            w->errors++;
        } else if (!w->ctx) {
            char expected[32];
            sprintf(expected, "worker %d", w->id);
            if (text.len != strlen(expected) || memcmp(text.ptr, expected, text.len) != 0) {
                w->errors++;
            }
        }
    }
    if (!w->ctx) gjs_context_free(ctx);
    return NULL;
}

int main(void) {
    enum { WORKERS = 4, ROUNDS = 50 };
    pthread_t threads[WORKERS];
    worker workers[WORKERS];
    int i;

    /* One context per thread. */
    for (i = 0; i < WORKERS; i++) {
        memset(&workers[i], 0, sizeof workers[i]);
        workers[i].id = i;
        workers[i].rounds = ROUNDS;
        CHECK(pthread_create(&threads[i], NULL, run_worker, &workers[i]) == 0);
    }
    for (i = 0; i < WORKERS; i++) {
        pthread_join(threads[i], NULL);
        CHECK(workers[i].errors == 0);
        /* Each context kept its own global. */
        CHECK(workers[i].last_total == (int64_t)ROUNDS * 500500);
    }

    /* One context shared by every thread: the calls take turns, none is lost. */
    {
        gjs_context* ctx = gjs_context_new(NULL);
        gjs_module* mod = compile(ctx, "shared", source);
        int64_t total = 0;
        if (mod) {
            for (i = 0; i < WORKERS; i++) {
                memset(&workers[i], 0, sizeof workers[i]);
                workers[i].ctx = ctx;
                workers[i].id = i;
                workers[i].rounds = ROUNDS;
                CHECK(pthread_create(&threads[i], NULL, run_worker, &workers[i]) == 0);
            }
            for (i = 0; i < WORKERS; i++) {
                pthread_join(threads[i], NULL);
                CHECK(workers[i].errors == 0);
            }
            {
                int32_t zero = 0;
                void* args[1];
                args[0] = &zero;
                CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "accumulate"), &total, args));
                CHECK(total == (int64_t)WORKERS * ROUNDS * 500500);
            }
        }
        gjs_context_free(ctx);
    }

    return finish("threads");
}
