/* Limits: the step budget and an interrupt from another thread stop an infinite loop
 * with GJS_INTERRUPTED; deep recursion gives GJS_STACK_OVERFLOW; a memory cap gives
 * GJS_OUT_OF_MEMORY. After each failure the context still works. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <pthread.h>
#include <time.h>

/* Calls `name` in `mod`, which must return i32 `expected`. */
static void check_usable(gjs_context* ctx, gjs_module* mod, int32_t expected) {
    int32_t r = 0;
    gjs_function* f = gjs_module_function(mod, "answer");
    CHECK(f != NULL);
    CHECK_OK(ctx, gjs_context_call(ctx, f, &r, NULL));
    CHECK(r == expected);
}

/* The script announces that it is about to spin; the watcher thread waits for that
   and then interrupts it. */
typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int started;
    gjs_context* ctx;
    gjs_status interrupt_status;
} spin_state;

static spin_state spin;

static gjs_status started(gjs_context* ctx, void* ret, void** args, void* user_data) {
    spin_state* s = (spin_state*)user_data;
    (void)ctx;
    (void)ret;
    (void)args;
    pthread_mutex_lock(&s->lock);
    s->started = 1;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
    return GJS_OK;
}

static void* watcher(void* arg) {
    spin_state* s = (spin_state*)arg;
    struct timespec pause;
    pthread_mutex_lock(&s->lock);
    while (!s->started) pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
    /* Let the loop run for a moment first. */
    pause.tv_sec = 0;
    pause.tv_nsec = 50 * 1000 * 1000;
    nanosleep(&pause, NULL);
    s->interrupt_status = gjs_context_interrupt(s->ctx);
    return NULL;
}

static const char spin_source[] =
    "i32 answer() { return 42; }\n"
    "void spin() { while (true) { } }\n"
    "void spinAfterStart() { started(); while (true) { } }\n"
    "i32 loop(i32 n) { i32 s = 0; for (i32 i = 0; i < n; i++) { s += i; } return s; }\n";

int main(void) {
    /* Step limit. */
    {
        gjs_context* ctx = gjs_context_new(NULL);
        gjs_module* mod;
        CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "void started()", started, &spin,
                                                NULL));
        mod = compile(ctx, "spin", spin_source);
        if (mod) {
            int32_t n = 100, r = 0;
            void* args[1];
            args[0] = &n;
            CHECK_OK(ctx, gjs_context_set_step_limit(ctx, 10000));
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "spin"), NULL, NULL),
                         GJS_INTERRUPTED);
            CHECK(strlen(gjs_context_error_message(ctx)) > 0);
            {
                gjs_runtime_error e;
                CHECK_OK(ctx, gjs_context_runtime_error(ctx, &e));
                CHECK(e.code == 6);
                CHECK_STR(e.type_name, "");
            }
            /* The budget is per call: a short call fits, a long one does not. */
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "loop"), &r, args));
            CHECK(r == 4950);
            n = 1000000;
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "loop"), &r, args),
                         GJS_INTERRUPTED);
            check_usable(ctx, mod, 42);
            /* 0 lifts the limit. */
            CHECK_OK(ctx, gjs_context_set_step_limit(ctx, 0));
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "loop"), &r, args));
            CHECK(r == 1783293664); /* 499999500000 wrapped to i32 */
        }
        gjs_context_free(ctx);
    }

    /* An interrupt from another thread while the script runs. */
    {
        gjs_context* ctx = gjs_context_new(NULL);
        gjs_module* mod;
        pthread_t thread;
        pthread_mutex_init(&spin.lock, NULL);
        pthread_cond_init(&spin.cond, NULL);
        spin.started = 0;
        spin.ctx = ctx;
        spin.interrupt_status = -1;
        CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "void started()", started, &spin,
                                                NULL));
        mod = compile(ctx, "spin", spin_source);
        if (mod) {
            CHECK(pthread_create(&thread, NULL, watcher, &spin) == 0);
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "spinAfterStart"), NULL, NULL),
                         GJS_INTERRUPTED);
            pthread_join(thread, NULL);
            CHECK(spin.interrupt_status == GJS_OK);
            check_usable(ctx, mod, 42);

            /* Interrupting when nothing runs stops the next call at once; the one after
               runs normally. */
            CHECK_OK(ctx, gjs_context_interrupt(ctx));
            {
                int32_t r = 0;
                CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "answer"), &r, NULL),
                             GJS_INTERRUPTED);
            }
            check_usable(ctx, mod, 42);
            /* An interrupt withdrawn before the next call does not stop it. */
            CHECK_OK(ctx, gjs_context_interrupt(ctx));
            CHECK_OK(ctx, gjs_context_clear_interrupt(ctx));
            check_usable(ctx, mod, 42);
            CHECK_OK(ctx, gjs_context_clear_interrupt(ctx)); /* nothing to withdraw */
            check_usable(ctx, mod, 42);
        }
        gjs_context_free(ctx);
        pthread_cond_destroy(&spin.cond);
        pthread_mutex_destroy(&spin.lock);
    }

    /* Stack overflow, with a small stack and with the default one. */
    {
        static const char source[] =
            "i32 answer() { return 42; }\n"
            "i32 depth(i32 n) { return depth(n + 1) + 1; }\n";
        gjs_context* small = gjs_context_new(gjs_vm_backend_new(64 * 1024, 0));
        gjs_context* normal = gjs_context_new(NULL);
        gjs_module* mod = compile(small, "deep", source);
        int32_t n = 0, r = 0;
        void* args[1];
        args[0] = &n;
        if (mod) {
            CHECK_STATUS(small, gjs_context_call(small, lookup(mod, "depth"), &r, args),
                         GJS_STACK_OVERFLOW);
            CHECK_CONTAINS(gjs_context_error_message(small), "stack overflow");
            CHECK(gjs_context_backtrace_count(small) > 10);
            check_usable(small, mod, 42);
            CHECK_STATUS(small, gjs_context_call(small, lookup(mod, "depth"), &r, args),
                         GJS_STACK_OVERFLOW);
            check_usable(small, mod, 42);
        }
        mod = compile(normal, "deep", source);
        if (mod) {
            CHECK_STATUS(normal, gjs_context_call(normal, lookup(mod, "depth"), &r, args),
                         GJS_STACK_OVERFLOW);
            check_usable(normal, mod, 42);
        }
        gjs_context_free(small);
        gjs_context_free(normal);
    }

    /* Out of memory: a string that doubles until it no longer fits the cap. */
    {
        gjs_context* ctx = gjs_context_new(gjs_vm_backend_new(0, 200000));
        gjs_module* mod = compile(ctx, "hungry",
                                  "i32 answer() { string s = 'ok'; return 40 + s.length; }\n"
                                  "void grow() { string s = 'x'; while (true) { s = s + s; } }\n"
                                  "u32 fill(u32 n) { string s = ''; while (s.length < n) {\n"
                                  "    s += 'y'; } return s.length; }\n");
        if (mod) {
            uint32_t n = 50000, got = 0;
            void* args[1];
            args[0] = &n;
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "grow"), NULL, NULL),
                         GJS_OUT_OF_MEMORY);
            CHECK_CONTAINS(gjs_context_error_message(ctx), "out of memory");
            check_usable(ctx, mod, 42);
            /* Memory below the cap is still usable. */
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "fill"), &got, args));
            CHECK(got == 50000);
            CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "grow"), NULL, NULL),
                         GJS_OUT_OF_MEMORY);
            check_usable(ctx, mod, 42);
        }
        gjs_context_free(ctx);
    }

    return finish("limits");
}
