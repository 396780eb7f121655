/* Output sinks: print and console.log go to the output sink, console.warn and
 * console.error to the error sink; bytes arrive verbatim; sinks can be replaced and
 * reset; each context has its own. */
#include "check.h"

int main(void) {
    gjs_context* ctx = gjs_context_new(NULL);
    gjs_context* other = gjs_context_new(NULL);
    text_buffer out, err, other_out;
    gjs_module* mod;
    buffer_clear(&out);
    buffer_clear(&err);
    buffer_clear(&other_out);
    CHECK_OK(ctx, gjs_context_set_output(ctx, buffer_write, &out));
    CHECK_OK(ctx, gjs_context_set_error_output(ctx, buffer_write, &err));
    CHECK_OK(other, gjs_context_set_output(other, buffer_write, &other_out));

    mod = compile(ctx, "printer",
                  "void hello() { print('Hello, world!'); }\n"
                  "void logs() { console.log(42); console.log('text'); console.log(true); }\n"
                  "void warns() { console.warn('careful'); console.error(-1); }\n"
                  "void bytes() { print('a\\0b\\x01'); }\n"
                  "void fails() { print('partial'); i32 z = 0; print('' + 1 / z); }\n");
    if (mod) {
        CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "hello"), NULL, NULL));
        CHECK_STR(out.data, "Hello, world!\n");
        CHECK(err.len == 0);

        buffer_clear(&out);
        CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "logs"), NULL, NULL));
        CHECK_STR(out.data, "42\ntext\ntrue\n");

        buffer_clear(&out);
        CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "warns"), NULL, NULL));
        CHECK(out.len == 0);
        CHECK_STR(err.data, "careful\n-1\n");

        /* The sink receives lengths, so NUL bytes pass through. */
        buffer_clear(&out);
        CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "bytes"), NULL, NULL));
        CHECK(out.len == 5 && memcmp(out.data, "a\0b\x01\n", 5) == 0);

        /* Output printed before a runtime error stays printed. */
        buffer_clear(&out);
        CHECK_STATUS(ctx, gjs_context_call(ctx, lookup(mod, "fails"), NULL, NULL),
                     GJS_RUNTIME_ERROR);
        CHECK_STR(out.data, "partial\n");

        /* Another context's sink sees nothing of this one. */
        CHECK(other_out.len == 0);

        /* A replaced sink gets the output from then on; NULL restores stdout. */
        {
            text_buffer second;
            buffer_clear(&second);
            buffer_clear(&out);
            CHECK_OK(ctx, gjs_context_set_output(ctx, buffer_write, &second));
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "hello"), NULL, NULL));
            CHECK(out.len == 0);
            CHECK_STR(second.data, "Hello, world!\n");
            CHECK_OK(ctx, gjs_context_set_output(ctx, NULL, NULL));
            CHECK_OK(ctx, gjs_context_set_error_output(ctx, NULL, NULL));
            buffer_clear(&second);
            /* These lines go to the real stdout and stderr. */
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "hello"), NULL, NULL));
            CHECK_OK(ctx, gjs_context_call(ctx, lookup(mod, "warns"), NULL, NULL));
            fflush(stdout);
            CHECK(second.len == 0);
            CHECK(out.len == 0);
        }
    }

    /* The other context prints into its own sink. */
    {
        gjs_module* m = compile(other, "o", "print('from other');");
        if (m) CHECK_OK(other, gjs_module_init(m));
        CHECK_STR(other_out.data, "from other\n");
    }

    gjs_context_free(ctx);
    gjs_context_free(other);
    return finish("output");
}
