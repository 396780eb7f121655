/* A small C host: binds a host function, compiles a script, calls into it, and
 * handles a compile error and a runtime error. Build and run: see README.md. */
#include "gjs.h"

#include <stdio.h>

/* f32 lerp(f32 a, f32 b, f32 t), bound for scripts to call. */
static gjs_status lerp(gjs_context* ctx, void* ret, void** args, void* user_data) {
    float a = *(float*)args[0], b = *(float*)args[1], t = *(float*)args[2];
    (void)ctx;
    (void)user_data;
    if (t < 0.0f || t > 1.0f) return gjs_context_throw(ctx, "lerp: t must be in [0, 1]");
    *(float*)ret = a + (b - a) * t;
    return GJS_OK;
}

static const char game_source[] =
    "f32 health = 100.0f;\n"
    "print('game loaded, health ' + health.toFixed(1));\n"
    "f32 heal(f32 t) {\n"
    "    health = lerp(health, 200.0f, t);\n"
    "    return health;\n"
    "}\n"
    "string status(string who) { return who + ' has ' + health.toFixed(1) + ' hp'; }\n";

/* Script output goes through C's stdio, so it stays in order with the host's. */
static void write_output(const char* text, size_t len, void* user_data) {
    fwrite(text, 1, len, (FILE*)user_data);
}

static void print_diagnostics(gjs_context* ctx) {
    size_t i, n = gjs_context_diagnostic_count(ctx);
    for (i = 0; i < n; i++) {
        gjs_diagnostic d;
        if (gjs_context_diagnostic(ctx, i, &d) == GJS_OK) {
            printf("  %s:%u:%u: %s[%s]: %s\n", d.module, d.line, d.column,
                   d.severity == GJS_SEVERITY_ERROR ? "error" : "note", d.code, d.message);
        }
    }
}

int main(void) {
    gjs_context* ctx = gjs_context_new(gjs_vm_backend_new(0, 1000000));
    gjs_module* game = NULL;
    gjs_status status;
    if (!ctx) {
        printf("cannot create a context: %s\n", gjs_last_error());
        return 1;
    }
    printf("gjs %s\n", gjs_version());
    gjs_context_set_output(ctx, write_output, stdout);

    /* Bind before compiling the scripts that call it. */
    status = gjs_context_bind_function(ctx, NULL, "f32 lerp(f32 a, f32 b, f32 t)", lerp, NULL,
                                       NULL);
    if (status != GJS_OK) {
        printf("bind failed: %s\n", gjs_context_error_message(ctx));
        return 1;
    }

    /* Compile and initialise the script, then call into it. */
    status = gjs_context_add_code(ctx, "game", game_source, &game);
    if (status != GJS_OK) {
        printf("compile failed:\n");
        print_diagnostics(ctx);
        return 1;
    }
    if (gjs_module_init(game) != GJS_OK) {
        printf("init failed: %s\n", gjs_context_error_message(ctx));
        return 1;
    }
    {
        gjs_function* heal = gjs_module_function(game, "heal");
        gjs_function* report = gjs_module_function(game, "status");
        float t = 0.5f, health = 0.0f;
        gjs_str who = {"player", 6}, text;
        void* heal_args[1];
        void* report_args[1];
        heal_args[0] = &t;
        report_args[0] = &who;
        if (gjs_context_call(ctx, heal, &health, heal_args) == GJS_OK) {
            printf("heal(0.5) -> %.1f\n", health);
        }
        /* The string result is borrowed until the next call on the context. */
        if (gjs_context_call(ctx, report, &text, report_args) == GJS_OK) {
            printf("status: %.*s\n", (int)text.len, text.ptr);
        }

        /* A runtime error: the host function refuses t = 2. */
        t = 2.0f;
        status = gjs_context_call(ctx, heal, &health, heal_args);
        if (status == GJS_RUNTIME_ERROR) {
            size_t i, n = gjs_context_backtrace_count(ctx);
            printf("heal(2) failed with status %d:\n%s\n", (int)status,
                   gjs_context_error_message(ctx));
            for (i = 0; i < n; i++) {
                gjs_frame f;
                if (gjs_context_backtrace_frame(ctx, i, &f) == GJS_OK) {
                    printf("  frame %u: %s in %s, line %u column %u\n", (unsigned)i, f.module,
                           f.function, f.line, f.column);
                }
            }
        }
    }

    /* A compile error: every diagnostic, and nothing of the module is registered. */
    status = gjs_context_add_code(ctx, "broken",
                                  "i32 f() { return 'text'; }\n"
                                  "void g() { undefinedThing(); }\n",
                                  NULL);
    if (status == GJS_COMPILE_ERROR) {
        printf("compiling 'broken' failed as expected:\n");
        print_diagnostics(ctx);
    }

    /* The context is still fine. */
    {
        gjs_str who = {"player", 6}, text;
        void* args[1];
        args[0] = &who;
        if (gjs_context_call(ctx, gjs_module_function(game, "status"), &text, args) == GJS_OK) {
            printf("still running: %.*s\n", (int)text.len, text.ptr);
        }
    }

    gjs_context_free(ctx);
    return 0;
}
