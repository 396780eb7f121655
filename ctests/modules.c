/* Modules from files: gjs_context_add_file, imports between files and of modules
 * added by name, lookup by path, missing and unreadable files. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[512];

static void write_file(const char* name, const char* text) {
    char path[640];
    FILE* f;
    sprintf(path, "%s/%s", dir, name);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char* name) {
    char path[640];
    sprintf(path, "%s/%s", dir, name);
    remove(path);
}

int main(void) {
    const char* tmp = getenv("TMPDIR");
    gjs_context* ctx = gjs_context_new(NULL);
    text_buffer out;
    char path[640];
    buffer_clear(&out);
    CHECK_OK(ctx, gjs_context_set_output(ctx, buffer_write, &out));

    /* An absolute, normal directory, so that the paths below are what gjs registers. */
    sprintf(dir, "%s/gjs_ctest_XXXXXX", tmp && tmp[0] == '/' && !strstr(tmp, "//") &&
                                                tmp[strlen(tmp) - 1] != '/'
                                            ? tmp
                                            : "/tmp");
    if (!mkdtemp(dir)) {
        printf("cannot create a temporary directory\n");
        return 1;
    }
    write_file("lib_mathx.gjs",
               "i32 calls = 0;\n"
               "i32 square(i32 x) { calls++; return x * x; }\n"
               "print('lib init');\n");
    write_file("main.gjs",
               "import { square, calls } from 'lib_mathx';\n"
               "import { greeting } from 'named';\n"
               "print(greeting() + ' ' + square(7) + ' calls=' + calls);\n"
               "i32 cube(i32 x) { return square(x) * x; }\n");
    write_file("broken.gjs", "i32 x = ;\n");

    /* A module added by name that a file imports. */
    CHECK(compile(ctx, "named", "string greeting() { return 'hello'; }") != NULL);

    {
        gjs_module* main_mod = NULL;
        sprintf(path, "%s/main.gjs", dir);
        CHECK_OK(ctx, gjs_context_add_file(ctx, path, &main_mod));
        CHECK(main_mod != NULL);
        if (main_mod) {
            gjs_module* again = NULL;
            int32_t x = 3, r = 0;
            void* args[1];
            args[0] = &x;
            /* Registered under its (already normal) path, named by its file stem and
               found by either. */
            CHECK(gjs_context_module(ctx, path) == main_mod);
            CHECK_STR(gjs_module_name(main_mod), "main");
            CHECK(gjs_context_module(ctx, "main") == main_mod);
            /* Imports run first, each module once. */
            CHECK_OK(ctx, gjs_module_init(main_mod));
            CHECK_STR(out.data, "lib init\nhello 49 calls=1\n");
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(main_mod, "cube"), &r, args));
            CHECK(r == 27);
            /* Adding the same file again gives the same module. */
            CHECK_OK(ctx, gjs_context_add_file(ctx, path, &again));
            CHECK(again == main_mod);
            CHECK_OK(ctx, gjs_module_init(main_mod));
            CHECK_STR(out.data, "lib init\nhello 49 calls=1\n");
        }
    }

    /* The imported file is a module of its own, found by its path. */
    {
        gjs_module* lib = NULL;
        sprintf(path, "%s/lib_mathx.gjs", dir);
        CHECK_OK(ctx, gjs_context_add_file(ctx, path, &lib));
        if (lib) {
            int32_t x = 5, r = 0;
            void* args[1];
            args[0] = &x;
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(lib, "square"), &r, args));
            CHECK(r == 25);
            CHECK_STR(out.data, "lib init\nhello 49 calls=1\n");
        }
    }

    /* Failures: a missing file, a directory, a file that does not compile. */
    {
        gjs_module* m = (gjs_module*)&out;
        sprintf(path, "%s/missing.gjs", dir);
        CHECK_STATUS(ctx, gjs_context_add_file(ctx, path, &m), GJS_NOT_FOUND);
        CHECK(m == NULL);
        CHECK_CONTAINS(gjs_context_error_message(ctx), "missing.gjs");
        CHECK_STATUS(ctx, gjs_context_add_file(ctx, dir, &m), GJS_IO_ERROR);
        sprintf(path, "%s/broken.gjs", dir);
        CHECK_STATUS(ctx, gjs_context_add_file(ctx, path, &m), GJS_COMPILE_ERROR);
        CHECK(gjs_context_diagnostic_count(ctx) >= 1);
        if (gjs_context_diagnostic_count(ctx) >= 1) {
            gjs_diagnostic d;
            CHECK_OK(ctx, gjs_context_diagnostic(ctx, 0, &d));
            CHECK_STR(d.module, "broken");
            CHECK(d.line == 1 && d.column == 9);
        }
    }

    /* Still usable. */
    {
        gjs_module* m = compile(ctx, "after", "i32 answer() { return 42; }");
        int32_t r = 0;
        if (m) {
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(m, "answer"), &r, NULL));
            CHECK(r == 42);
        }
    }

    gjs_context_free(ctx);
    remove_file("lib_mathx.gjs");
    remove_file("main.gjs");
    remove_file("broken.gjs");
    rmdir(dir);
    return finish("modules");
}
