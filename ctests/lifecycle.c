/* Creating and releasing backends and contexts, the free-NULL no-ops, the version,
 * and the release of bound functions' user data. */
#include "check.h"

static int released = 0;

static void release_counter(void* user_data) {
    CHECK(user_data == &released);
    released++;
}

static gjs_status noop(gjs_context* ctx, void* ret, void** args, void* user_data) {
    (void)ctx;
    (void)ret;
    (void)args;
    (void)user_data;
    return GJS_OK;
}

int main(void) {
    CHECK_STR(gjs_version(), GJS_VERSION_STRING);
    {
        char expected[32];
        sprintf(expected, "%d.%d.%d", GJS_VERSION_MAJOR, GJS_VERSION_MINOR, GJS_VERSION_PATCH);
        CHECK_STR(gjs_version(), expected);
    }

    /* *_free(NULL) does nothing. */
    gjs_backend_free(NULL);
    gjs_context_free(NULL);

    /* A backend nobody takes over is released with gjs_backend_free. */
    {
        gjs_backend* b = gjs_vm_backend_new(0, 0);
        CHECK(b != NULL);
        CHECK(gjs_backend_gp_count(b) > 0);
        CHECK(gjs_backend_fp_count(b) > 0);
        gjs_backend_free(b);
        b = gjs_vm_backend_new_sized(64 * 1024, 100000, 1000000);
        CHECK(b != NULL);
        gjs_backend_free(b);
    }

    /* The default backend, and contexts over explicit backends (taken over). */
    {
        gjs_context* ctx = gjs_context_new(NULL);
        CHECK(ctx != NULL);
        CHECK_STR(gjs_context_error_message(ctx), "");
        CHECK(gjs_context_diagnostic_count(ctx) == 0);
        CHECK(gjs_context_backtrace_count(ctx) == 0);
        gjs_context_free(ctx);

        /* The seed's sizes: small stack and memory are enough for a small script. */
        ctx = gjs_context_new(gjs_vm_backend_new(4096, 4096));
        CHECK(ctx != NULL);
        if (ctx) {
            text_buffer out;
            buffer_clear(&out);
            CHECK_OK(ctx, gjs_context_set_output(ctx, buffer_write, &out));
            gjs_module* mod = compile(ctx, "test.gjs",
                                      "string world = 'world!';\n"
                                      "void func() { print('Hello, ' + world); }\n");
            if (mod) {
                CHECK_OK(ctx, gjs_module_init(mod));
                gjs_function* f = lookup(mod, "func");
                CHECK_OK(ctx, gjs_context_call(ctx, f, NULL, NULL));
                CHECK_STR(out.data, "Hello, world!\n");
            }
            gjs_context_free(ctx);
        }

        ctx = gjs_context_new(gjs_vm_backend_new_sized(0, 0, 0));
        CHECK(ctx != NULL);
        gjs_context_free(ctx);
    }

    /* Many contexts, one after the other and several alive at once. */
    {
        gjs_context* live[8];
        int i;
        for (i = 0; i < 8; i++) {
            live[i] = gjs_context_new(gjs_vm_backend_new(0, 300000));
            CHECK(live[i] != NULL);
        }
        for (i = 0; i < 8; i++) {
            gjs_module* mod = compile(live[i], "m", "i32 id(i32 v) { return v; }");
            gjs_function* f = mod ? lookup(mod, "id") : NULL;
            int32_t v = i, r = -1;
            void* args[1];
            args[0] = &v;
            if (f) {
                CHECK_OK(live[i], gjs_context_call(live[i], f, &r, args));
                CHECK(r == i);
            }
        }
        for (i = 0; i < 8; i++) gjs_context_free(live[i]);
        for (i = 0; i < 50; i++) gjs_context_free(gjs_context_new(NULL));
    }

    /* Bound functions' user data is released with the context, exactly once. */
    {
        gjs_context* ctx = gjs_context_new(NULL);
        CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "void a()", noop, &released,
                                                release_counter));
        CHECK_OK(ctx, gjs_context_bind_function(ctx, "engine", "void b(i32 x)", noop,
                                                &released, release_counter));
        /* NULL free_user_data: nothing to release. */
        CHECK_OK(ctx, gjs_context_bind_function(ctx, NULL, "void c()", noop, NULL, NULL));
        CHECK(released == 0);
        gjs_context_free(ctx);
        CHECK(released == 2);

        /* A binding that fails releases its user data at once. */
        released = 0;
        ctx = gjs_context_new(NULL);
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, NULL, "void (", noop, &released,
                                                    release_counter),
                     GJS_INVALID_ARGUMENT);
        CHECK(released == 1);
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, NULL, "void a()", NULL, &released,
                                                    release_counter),
                     GJS_INVALID_ARGUMENT);
        CHECK(released == 2);
        gjs_context_free(ctx);
        CHECK(released == 2);
    }

    return finish("lifecycle");
}
