/* A failed compile reports every diagnostic with its position, code and module;
 * nothing of the module is registered or run, and the context stays usable. */
#include "check.h"

typedef struct {
    int32_t severity;
    const char* code;
    const char* module;
    uint32_t line;
    uint32_t column;
    const char* message_part;
} expected_diagnostic;

static void check_diagnostics(gjs_context* ctx, const expected_diagnostic* want, size_t n) {
    size_t i, count = gjs_context_diagnostic_count(ctx);
    if (count != n) {
        printf("expected %u diagnostics, got %u:\n%s\n", (unsigned)n, (unsigned)count,
               gjs_context_error_message(ctx));
        failures++;
    }
    for (i = 0; i < n && i < count; i++) {
        gjs_diagnostic d;
        memset(&d, 0, sizeof d);
        CHECK_OK(ctx, gjs_context_diagnostic(ctx, i, &d));
        if (d.severity != want[i].severity || d.line != want[i].line ||
            d.column != want[i].column || !d.code || strcmp(d.code, want[i].code) != 0 ||
            !d.module || strcmp(d.module, want[i].module) != 0 || !d.message ||
            !strstr(d.message, want[i].message_part)) {
            printf("diagnostic %u is %s:%u:%u severity %d [%s] %s\n  expected %s:%u:%u "
                   "severity %d [%s] ...%s...\n",
                   (unsigned)i, d.module ? d.module : "(null)", d.line, d.column,
                   (int)d.severity, d.code ? d.code : "(null)",
                   d.message ? d.message : "(null)", want[i].module, want[i].line,
                   want[i].column, (int)want[i].severity, want[i].code,
                   want[i].message_part);
            failures++;
        }
    }
}

int main(void) {
    gjs_context* ctx = gjs_context_new(NULL);
    text_buffer out;
    buffer_clear(&out);
    CHECK_OK(ctx, gjs_context_set_output(ctx, buffer_write, &out));

    /* Three errors in one module: every one is reported, at the offending token. */
    {
        /* Line 2: the string literal starts in column 11; line 3: `y` in column 10;
           line 5: the call `print(1)` starts in column 12. */
        static const char source[] =
            "print('top-level code must not run');\n"
            "i32 f() { i32 x = 'a';\n"
            "  return y;\n"
            "}\n"
            "void g() { print(1); }\n";
        static const expected_diagnostic want[] = {
            {GJS_SEVERITY_ERROR, "E0300", "bad", 2, 19, "cannot convert 'string' to 'i32'"},
            {GJS_SEVERITY_ERROR, "E0200", "bad", 3, 10, "'y'"},
            {GJS_SEVERITY_ERROR, "E0305", "bad", 5, 12, "print"},
        };
        gjs_module* mod = (gjs_module*)&out; /* overwritten with NULL on failure */
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, "bad", source, &mod), GJS_COMPILE_ERROR);
        CHECK(mod == NULL);
        check_diagnostics(ctx, want, sizeof want / sizeof want[0]);
        /* The rendered message names each error. */
        CHECK_CONTAINS(gjs_context_error_message(ctx), "E0300");
        CHECK_CONTAINS(gjs_context_error_message(ctx), "E0200");
        CHECK_CONTAINS(gjs_context_error_message(ctx), "E0305");
        CHECK_CONTAINS(gjs_context_error_message(ctx), "bad:2:19");
        /* Nothing was registered and nothing ran. */
        CHECK(gjs_context_module(ctx, "bad") == NULL);
        CHECK(out.len == 0);
        /* Out of range and NULL. */
        {
            gjs_diagnostic d;
            CHECK_STATUS(ctx, gjs_context_diagnostic(ctx, 3, &d), GJS_NOT_FOUND);
            CHECK_STATUS(ctx, gjs_context_diagnostic(ctx, (size_t)-1, &d), GJS_NOT_FOUND);
            CHECK_STATUS(ctx, gjs_context_diagnostic(ctx, 0, NULL), GJS_INVALID_ARGUMENT);
        }
    }

    /* A syntax error: E0100 at the token found instead of `;`, and a note just after
       the previous token (`1` ends in column 9 of line 1). */
    {
        static const expected_diagnostic want[] = {
            {GJS_SEVERITY_ERROR, "E0100", "syntax", 2, 1, "expected ';'"},
            {GJS_SEVERITY_NOTE, "E0100", "syntax", 1, 10, "after this"},
        };
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, "syntax", "i32 a = 1\ni32 b = 2;\n", NULL),
                     GJS_COMPILE_ERROR);
        check_diagnostics(ctx, want, 2);
    }

    /* An unknown import (E0210 at the module name, column 19). */
    {
        static const expected_diagnostic want[] = {
            {GJS_SEVERITY_ERROR, "E0210", "importer", 1, 19, "nowhere"},
        };
        CHECK_STATUS(ctx,
                     gjs_context_add_code(ctx, "importer",
                                          "import { f } from 'nowhere';\nprint('x');\n", NULL),
                     GJS_COMPILE_ERROR);
        check_diagnostics(ctx, want, 1);
    }

    /* Lexical errors: an unterminated string (E0002) and a bad escape (E0004). */
    {
        size_t i, n;
        int saw_e0002 = 0, saw_e0004 = 0;
        CHECK_STATUS(ctx,
                     gjs_context_add_code(ctx, "lex", "string a = 'x\\q';\nstring b = 'open\n",
                                          NULL),
                     GJS_COMPILE_ERROR);
        n = gjs_context_diagnostic_count(ctx);
        for (i = 0; i < n; i++) {
            gjs_diagnostic d;
            CHECK_OK(ctx, gjs_context_diagnostic(ctx, i, &d));
            if (strcmp(d.code, "E0002") == 0) {
                saw_e0002 = 1;
                CHECK(d.line == 2 && d.column == 12);
            }
            if (strcmp(d.code, "E0004") == 0) {
                saw_e0004 = 1;
                CHECK(d.line == 1 && d.column == 14);
            }
        }
        CHECK(saw_e0002);
        CHECK(saw_e0004);
    }

    /* A missing return (E0400 at the function name, column 5). */
    {
        static const expected_diagnostic want[] = {
            {GJS_SEVERITY_ERROR, "E0400", "flow", 1, 5, ""},
        };
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, "flow", "i32 f(bool b) { if (b) return 1; }",
                                               NULL),
                     GJS_COMPILE_ERROR);
        check_diagnostics(ctx, want, 1);
    }

    /* A bad host declaration is an invalid argument with a diagnostic. */
    {
        CHECK_STATUS(ctx, gjs_context_bind_function(ctx, NULL, "Foo f()", NULL, NULL, NULL),
                     GJS_INVALID_ARGUMENT);
    }

    /* The context is usable after all of that, and a success clears the errors. */
    {
        gjs_module* mod = compile(ctx, "good", "i32 add(i32 a, i32 b) { return a + b; }");
        if (mod) {
            int32_t a = 40, b = 2, r = 0;
            void* args[2];
            args[0] = &a;
            args[1] = &b;
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "add"), &r, args));
            CHECK(r == 42);
        }
        CHECK(gjs_context_diagnostic_count(ctx) == 0);
        CHECK_STR(gjs_context_error_message(ctx), "");
        /* A failed module name can be used again once its code compiles. */
        CHECK(compile(ctx, "bad", "i32 f() { return 1; }") != NULL);
        /* A registered one cannot (E0201), and the first module stays. */
        CHECK_STATUS(ctx, gjs_context_add_code(ctx, "bad", "i32 g() { return 2; }", NULL),
                     GJS_COMPILE_ERROR);
        CHECK(gjs_context_diagnostic_count(ctx) == 1);
        {
            gjs_diagnostic d;
            CHECK_OK(ctx, gjs_context_diagnostic(ctx, 0, &d));
            CHECK_STR(d.code, "E0201");
        }
        CHECK(gjs_module_function(gjs_context_module(ctx, "bad"), "f") != NULL);
    }

    gjs_context_free(ctx);
    return finish("compile_errors");
}
