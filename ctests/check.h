/* Shared helpers of the C tests: checks that report and count failures instead of
 * stopping at the first one, and an output buffer for the print sinks. */
#ifndef GJS_CTEST_CHECK_H
#define GJS_CTEST_CHECK_H

#include "gjs.h"

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);           \
            failures++;                                                               \
        }                                                                             \
    } while (0)

/* A status, and on mismatch the context's error message. */
#define CHECK_STATUS(ctx, expr, want)                                                 \
    do {                                                                              \
        gjs_status got_ = (expr);                                                     \
        if (got_ != (want)) {                                                         \
            printf("%s:%d: %s gave status %d, expected %d (%s)\n  message: %s\n",      \
                   __FILE__, __LINE__, #expr, (int)got_, (int)(want), #want,          \
                   gjs_context_error_message(ctx));                                   \
            failures++;                                                               \
        }                                                                             \
    } while (0)

#define CHECK_OK(ctx, expr) CHECK_STATUS(ctx, expr, GJS_OK)

#define CHECK_STR(actual, expected)                                                   \
    do {                                                                              \
        const char* a_ = (actual);                                                    \
        const char* e_ = (expected);                                                  \
        if (a_ == NULL || strcmp(a_, e_) != 0) {                                      \
            printf("%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__,      \
                   #actual, a_ ? a_ : "(null)", e_);                                  \
            failures++;                                                               \
        }                                                                             \
    } while (0)

#define CHECK_CONTAINS(actual, needle)                                                \
    do {                                                                              \
        const char* a_ = (actual);                                                    \
        const char* n_ = (needle);                                                    \
        if (a_ == NULL || strstr(a_, n_) == NULL) {                                   \
            printf("%s:%d: %s is \"%s\", which lacks \"%s\"\n", __FILE__, __LINE__,   \
                   #actual, a_ ? a_ : "(null)", n_);                                  \
            failures++;                                                               \
        }                                                                             \
    } while (0)

/* Ends a test program: 0 when every check passed. */
static inline int finish(const char* name) {
    if (failures) {
        printf("%s: %d check(s) failed\n", name, failures);
        return 1;
    }
    return 0;
}

/* Collects what a script prints, NUL-terminated for comparisons. */
typedef struct {
    char data[8192];
    size_t len;
    int calls;
} text_buffer;

static inline void buffer_write(const char* text, size_t len, void* user_data) {
    text_buffer* b = (text_buffer*)user_data;
    b->calls++;
    if (len > sizeof b->data - 1 - b->len) len = sizeof b->data - 1 - b->len;
    memcpy(b->data + b->len, text, len);
    b->len += len;
    b->data[b->len] = '\0';
}

static inline void buffer_clear(text_buffer* b) {
    b->len = 0;
    b->calls = 0;
    b->data[0] = '\0';
}

/* Compiles `source` as `name`, reporting a failure; the module or NULL. */
static inline gjs_module* compile(gjs_context* ctx, const char* name, const char* source) {
    gjs_module* mod = NULL;
    gjs_status s = gjs_context_add_code(ctx, name, source, &mod);
    if (s != GJS_OK) {
        printf("compiling %s failed with status %d:\n%s\n", name, (int)s,
               gjs_context_error_message(ctx));
        failures++;
    }
    return mod;
}

/* The function `name` of `mod`, reporting a failure when it is missing. */
static inline gjs_function* lookup(gjs_module* mod, const char* name) {
    gjs_function* f = gjs_module_function(mod, name);
    if (f == NULL) {
        printf("no function %s\n", name);
        failures++;
    }
    return f;
}

#endif /* GJS_CTEST_CHECK_H */
