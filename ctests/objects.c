/* Class instances and arrays across gjs_context_call: results become gjs_object
 * handles the host owns, arguments pass the host's objects by reference, elements and
 * fields are read and written in place, gjs_object_free destroys as a script would,
 * and objects still held when their context is freed are destroyed with it. */
#include "check.h"

#include <stdlib.h>

static const char* SCRIPT =
    "format Point { f32 x, f32 y }\n"
    "i32 destroyed = 0;\n"
    "class Enemy {\n"
    "    string name;\n"
    "    i32 hp;\n"
    "    Point pos;\n"
    "    const i32 id;\n"
    "    array<i32> tags;\n"
    "    constructor(string name, i32 hp) { this.name = name; this.hp = hp; this.id = 7; }\n"
    "    destructor() { destroyed += 1; print('bye ' + this.name); }\n"
    "}\n"
    "Enemy spawn(string name, i32 hp) { Enemy e = Enemy(name, hp); e.tags.push(hp * 2); return e; }\n"
    "void hurt(Enemy e, i32 d) { e.hp -= d; e.tags.push(d); }\n"
    "string describe(Enemy e) { return e.name + ':' + e.hp + ':' + e.tags.length + '@' + e.pos.x; }\n"
    "i32 destroyed_count() { return destroyed; }\n"
    "array<i32> squares(i32 n) { array<i32> a; for (i32 i = 0; i < n; i++) a.push(i * i); return a; }\n"
    "i32 total(array<i32> a) { i32 t = 0; for (u32 i = 0; i < a.length; i++) t += a[i]; return t; }\n"
    "void grow(array<i32> a) { a.push(a.length); }\n"
    "f64 sum(array<f64> xs) { f64 s = 0.0; for (u32 i = 0; i < xs.length; i++) s += xs[i]; return s; }\n"
    "array<string> words() { array<string> w; w.push('a'); w.push('bb'); w.push('ccc'); return w; }\n"
    "string join(array<string> w) { string s = ''; for (u32 i = 0; i < w.length; i++) s += (i > 0 ? '-' : '') + w[i]; return s; }\n"
    "array<Point> path(i32 n) { array<Point> p; for (i32 i = 0; i < n; i++) p.push(Point({ x: i, y: 2 * i })); return p; }\n"
    "f32 length_sum(array<Point> p) { f32 s = 0.0f; for (u32 i = 0; i < p.length; i++) s += p[i].x + p[i].y; return s; }\n"
    "array<Enemy> squad() { array<Enemy> s; s.push(Enemy('s1', 3)); s.push(Enemy('s2', 4)); return s; }\n"
    "i32 squad_hp(array<Enemy> s) { i32 t = 0; for (u32 i = 0; i < s.length; i++) t += s[i].hp; return t; }\n"
    "Enemy boom(i32 hp) { if (hp > 0) throw Error('boom'); return Enemy('never', hp); }\n";

static gjs_context* new_context(text_buffer* out) {
    gjs_context* ctx = gjs_context_new(NULL);
    if (ctx) gjs_context_set_output(ctx, buffer_write, out);
    return ctx;
}

static const gjs_function* fn(gjs_module* m, const char* name) {
    const gjs_function* f = gjs_module_function(m, name);
    if (!f) printf("no function %s\n", name);
    return f;
}

static int32_t destroyed(gjs_context* ctx, gjs_module* m) {
    int32_t n = -1;
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "destroyed_count"), &n, NULL));
    return n;
}

static gjs_str str(const char* s) {
    gjs_str r;
    r.ptr = s;
    r.len = strlen(s);
    return r;
}

static int str_is(gjs_str s, const char* want) {
    return s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

/* A class instance: made by a script, read and written by the host, passed back by
 * reference, destroyed by gjs_object_free. */
static void class_instances(gjs_context* ctx, gjs_module* m, text_buffer* out) {
    gjs_str name = str("orc");
    int32_t hp = 30;
    void* args[2] = {&name, &hp};
    gjs_object* orc = NULL;
    int32_t before = destroyed(ctx, m);
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "spawn"), &orc, args));
    CHECK(orc != NULL);
    int32_t made = destroyed(ctx, m) - before; /* locals spawn destroyed */

    const gjs_type* t = gjs_object_type(orc);
    CHECK_STR(gjs_type_name(t), "Enemy");
    CHECK(gjs_type_kind(t) == GJS_TYPE_CLASS);
    CHECK(gjs_type_size(t) == sizeof(gjs_object*));
    CHECK(gjs_type_field_count(t) == 5);
    gjs_field f;
    CHECK_OK(ctx, gjs_type_field(t, 1, &f));
    CHECK_STR(f.name, "hp");
    CHECK_STR(gjs_type_name(f.field_type), "i32");
    CHECK(!f.is_const);
    CHECK_OK(ctx, gjs_type_field(t, 3, &f));
    CHECK_STR(f.name, "id");
    CHECK(f.is_const);
    CHECK_OK(ctx, gjs_type_field(t, 2, &f));
    CHECK(gjs_type_kind(f.field_type) == GJS_TYPE_FORMAT);
    CHECK_OK(ctx, gjs_type_field(t, 4, &f));
    CHECK(gjs_type_kind(f.field_type) == GJS_TYPE_ARRAY);
    CHECK_STR(gjs_type_name(gjs_type_element(f.field_type)), "i32");
    CHECK(gjs_type_field(t, 5, &f) == GJS_NOT_FOUND);

    int32_t got = 0;
    CHECK_OK(ctx, gjs_object_get(orc, "hp", &got));
    CHECK(got == 30);
    gjs_str s = {0, 0};
    CHECK_OK(ctx, gjs_object_get(orc, "name", &s));
    CHECK(str_is(s, "orc"));
    CHECK_OK(ctx, gjs_object_get(orc, "id", &got));
    CHECK(got == 7);
    float pos[2] = {-1, -1};
    CHECK_OK(ctx, gjs_object_get(orc, "pos", pos));
    CHECK(pos[0] == 0.0f && pos[1] == 0.0f);
    CHECK_STATUS(ctx, gjs_object_get(orc, "tags", &got), GJS_TYPE_MISMATCH);
    CHECK_STATUS(ctx, gjs_object_get(orc, "nope", &got), GJS_NOT_FOUND);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "'Enemy' has no field 'nope'");
    CHECK_STATUS(ctx, gjs_object_get(orc, NULL, &got), GJS_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, gjs_object_get(orc, "hp", NULL), GJS_INVALID_ARGUMENT);
    size_t len = 0;
    CHECK_STATUS(ctx, gjs_array_length(orc, &len), GJS_TYPE_MISMATCH);

    /* Host writes, then the script sees them through the same object. */
    int32_t hp2 = 25;
    CHECK_OK(ctx, gjs_object_set(orc, "hp", &hp2));
    gjs_str troll = str("troll");
    CHECK_OK(ctx, gjs_object_set(orc, "name", &troll));
    float p[2] = {1.5f, 2.0f};
    CHECK_OK(ctx, gjs_object_set(orc, "pos", p));
    CHECK_STATUS(ctx, gjs_object_set(orc, "id", &hp2), GJS_TYPE_MISMATCH);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "const");

    int32_t damage = 5;
    void* hurt_args[2] = {&orc, &damage};
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "hurt"), NULL, hurt_args));
    CHECK_OK(ctx, gjs_object_get(orc, "hp", &got));
    CHECK(got == 20);
    gjs_str d = {0, 0};
    void* describe_args[1] = {&orc};
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "describe"), &d, describe_args));
    /* tags: 60 from spawn, 5 from hurt; an f32 prints as "%f" does (spec 4.3). */
    CHECK(str_is(d, "troll:20:2@1.500000"));

    /* Destroying the object runs its destructor once. */
    int32_t held = destroyed(ctx, m);
    out->len = 0;
    out->data[0] = '\0';
    gjs_object_free(orc);
    CHECK(destroyed(ctx, m) == held + 1);
    CHECK_STR(out->data, "bye troll\n");

    /* A result the caller discards (ret NULL) is destroyed at once. */
    int32_t start = destroyed(ctx, m);
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "spawn"), NULL, args));
    CHECK(destroyed(ctx, m) == start + made + 1);

    /* A function that raises leaves `ret` alone and leaks nothing. */
    gjs_object* none = NULL;
    int32_t one = 1;
    void* boom_args[1] = {&one};
    CHECK_STATUS(ctx, gjs_context_call(ctx, fn(m, "boom"), &none, boom_args), GJS_RUNTIME_ERROR);
    CHECK(none == NULL);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "boom");
    gjs_object_free(NULL);

    /* The functions that destroy held objects are the library's own: not listed, not
     * callable (calling one would destroy an object its handle still owns). */
    CHECK(gjs_module_function(m, "__destroy__") == NULL);
    for (size_t i = 0; i < gjs_module_function_count(m); i++) {
        const char* n = gjs_function_name(gjs_module_function_at(m, i));
        CHECK(n != NULL && strncmp(n, "__d", 3) != 0 && strncmp(n, "__f", 3) != 0);
    }
    CHECK(gjs_module_function(m, "__init__") != NULL);
}

/* Arrays: results, elements in place, arrays made by the host, by-reference
 * arguments, strings, formats and arrays of objects. */
static void arrays(gjs_context* ctx, gjs_module* m) {
    int32_t n = 5;
    void* args[1] = {&n};
    gjs_object* sq = NULL;
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "squares"), &sq, args));
    const gjs_type* t = gjs_object_type(sq);
    CHECK_STR(gjs_type_name(t), "array<i32>");
    CHECK(gjs_type_kind(t) == GJS_TYPE_ARRAY);
    CHECK(gjs_type_element(t) == gjs_type_by_name("i32"));
    size_t len = 0;
    CHECK_OK(ctx, gjs_array_length(sq, &len));
    CHECK(len == 5);
    int32_t want[5] = {0, 1, 4, 9, 16};
    for (size_t i = 0; i < 5; i++) {
        int32_t v = -1;
        CHECK_OK(ctx, gjs_array_get(sq, i, &v));
        CHECK(v == want[i]);
    }
    int32_t v = 0;
    CHECK_STATUS(ctx, gjs_array_get(sq, 5, &v), GJS_RUNTIME_ERROR);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "array index 5 is out of range (length 5)");
    int32_t hundred = 100, seven = 7;
    CHECK_OK(ctx, gjs_array_set(sq, 1, &hundred));
    CHECK_OK(ctx, gjs_array_push(sq, &seven));
    CHECK_STATUS(ctx, gjs_array_set(sq, 9, &seven), GJS_RUNTIME_ERROR);
    CHECK_STATUS(ctx, gjs_array_set(sq, 0, NULL), GJS_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, gjs_object_get(sq, "length", &v), GJS_TYPE_MISMATCH);

    /* 0 + 100 + 4 + 9 + 16 + 7 */
    int32_t total = 0;
    void* total_args[1] = {&sq};
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "total"), &total, total_args));
    CHECK(total == 136);
    /* By reference: the script's push lands in the host's array (6 elements, so 6). */
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "grow"), NULL, total_args));
    CHECK_OK(ctx, gjs_array_length(sq, &len));
    CHECK(len == 7);
    CHECK_OK(ctx, gjs_array_get(sq, 6, &v));
    CHECK(v == 6);

    /* An array the host makes, of the type a function takes. */
    const gjs_function* sum = fn(m, "sum");
    gjs_object* xs = NULL;
    CHECK_OK(ctx, gjs_context_new_array(ctx, gjs_function_arg_type(sum, 0), &xs));
    double a = 1.5, b = 2.25, s = 0;
    CHECK_OK(ctx, gjs_array_push(xs, &a));
    CHECK_OK(ctx, gjs_array_push(xs, &b));
    void* sum_args[1] = {&xs};
    CHECK_OK(ctx, gjs_context_call(ctx, sum, &s, sum_args));
    CHECK(s == 3.75);
    /* The wrong array type is refused before anything runs. */
    CHECK_STATUS(ctx, gjs_context_call(ctx, fn(m, "total"), &total, sum_args), GJS_TYPE_MISMATCH);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "'array<f64>' object where 'array<i32>' is expected");
    gjs_object* null_object = NULL;
    void* null_args[1] = {&null_object};
    CHECK_STATUS(ctx, gjs_context_call(ctx, sum, &s, null_args), GJS_INVALID_ARGUMENT);
    gjs_object_free(xs);
    gjs_object* bad = sq;
    CHECK_STATUS(ctx, gjs_context_new_array(ctx, gjs_type_by_name("i32"), &bad), GJS_TYPE_MISMATCH);
    CHECK(bad == NULL);
    CHECK_STATUS(ctx, gjs_context_new_array(ctx, NULL, &bad), GJS_INVALID_ARGUMENT);
    gjs_object_free(sq);

    /* Strings: reads stay valid together until the next call. */
    gjs_object* w = NULL;
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "words"), &w, NULL));
    gjs_str w0 = {0, 0}, w2 = {0, 0};
    CHECK_OK(ctx, gjs_array_get(w, 0, &w0));
    CHECK_OK(ctx, gjs_array_get(w, 2, &w2));
    CHECK(str_is(w0, "a") && str_is(w2, "ccc"));
    gjs_str xy = str("xy");
    CHECK_OK(ctx, gjs_array_set(w, 1, &xy));
    gjs_str last = str("dddd");
    CHECK_OK(ctx, gjs_array_push(w, &last));
    gjs_str joined = {0, 0};
    void* join_args[1] = {&w};
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "join"), &joined, join_args));
    CHECK(str_is(joined, "a-xy-ccc-dddd"));
    gjs_object_free(w);

    /* Formats as elements: C structs. */
    gjs_object* path = NULL;
    int32_t three = 3;
    void* path_args[1] = {&three};
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "path"), &path, path_args));
    CHECK(gjs_type_kind(gjs_type_element(gjs_object_type(path))) == GJS_TYPE_FORMAT);
    float pt[2] = {0, 0};
    CHECK_OK(ctx, gjs_array_get(path, 2, pt));
    CHECK(pt[0] == 2.0f && pt[1] == 4.0f);
    float np[2] = {10.0f, 0.5f};
    CHECK_OK(ctx, gjs_array_set(path, 0, np));
    CHECK_OK(ctx, gjs_array_push(path, np));
    float ls = 0;
    void* ls_args[1] = {&path};
    /* (10 + 0.5) + (1 + 2) + (2 + 4) + (10 + 0.5) */
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "length_sum"), &ls, ls_args));
    CHECK(ls == 30.0f);
    gjs_object_free(path);

    /* Arrays of class instances pass through, their elements are out of reach. */
    gjs_object* sq2 = NULL;
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "squad"), &sq2, NULL));
    int32_t hp = 0;
    void* hp_args[1] = {&sq2};
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "squad_hp"), &hp, hp_args));
    CHECK(hp == 7);
    CHECK_OK(ctx, gjs_array_length(sq2, &len));
    CHECK(len == 2);
    CHECK_STATUS(ctx, gjs_array_get(sq2, 0, &hp), GJS_TYPE_MISMATCH);
    int32_t before = destroyed(ctx, m);
    gjs_object_free(sq2);
    CHECK(destroyed(ctx, m) == before + 2);
}

/* Many objects made and dropped: memory returns to where it was. */
static void no_leaks(gjs_context* ctx, gjs_module* m) {
    int32_t n = 50;
    void* args[1] = {&n};
    gjs_object* warm = NULL;
    CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "squares"), &warm, args));
    gjs_object_free(warm);
    size_t base = gjs_context_memory_in_use(ctx);
    for (int i = 0; i < 2000; i++) {
        gjs_object* a = NULL;
        gjs_object* w = NULL;
        CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "squares"), &a, args));
        CHECK_OK(ctx, gjs_context_call(ctx, fn(m, "words"), &w, NULL));
        gjs_str s = {0, 0};
        CHECK_OK(ctx, gjs_array_get(w, 1, &s));
        gjs_object_free(a);
        gjs_object_free(w);
    }
    CHECK(gjs_context_memory_in_use(ctx) == base);
}

/* Objects from another context are refused; objects outliving their context are
 * destroyed with it and their handles stay freeable. */
static void lifetimes(gjs_context* ctx, gjs_module* m) {
    text_buffer out2;
    memset(&out2, 0, sizeof out2);
    gjs_context* other = new_context(&out2);
    gjs_module* m2 = NULL;
    CHECK_OK(other, gjs_context_add_code(other, "game", SCRIPT, &m2));
    int32_t n = 2;
    void* args[1] = {&n};
    gjs_object* foreign = NULL;
    CHECK_OK(other, gjs_context_call(other, fn(m2, "squares"), &foreign, args));
    int32_t total = 0;
    void* total_args[1] = {&foreign};
    CHECK_STATUS(ctx, gjs_context_call(ctx, fn(m, "total"), &total, total_args), GJS_INVALID_ARGUMENT);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "belongs to another context");

    gjs_str name = str("ghost");
    int32_t hp = 1;
    void* spawn_args[2] = {&name, &hp};
    gjs_object* ghost = NULL;
    CHECK_OK(other, gjs_context_call(other, fn(m2, "spawn"), &ghost, spawn_args));
    out2.len = 0;
    gjs_context_free(other);
    CHECK_STR(out2.data, "bye ghost\n");
    size_t len = 0;
    CHECK(gjs_array_length(foreign, &len) == GJS_INVALID_ARGUMENT);
    CHECK_CONTAINS(gjs_last_error(), "freed");
    CHECK(gjs_object_type(ghost) == NULL);
    gjs_object_free(foreign);
    gjs_object_free(ghost);
}

int main(void) {
    text_buffer out;
    memset(&out, 0, sizeof out);
    gjs_context* ctx = new_context(&out);
    gjs_module* m = NULL;
    CHECK_OK(ctx, gjs_context_add_code(ctx, "game", SCRIPT, &m));
    CHECK_OK(ctx, gjs_module_init(m));
    class_instances(ctx, m, &out);
    arrays(ctx, m);
    no_leaks(ctx, m);
    lifetimes(ctx, m);
    gjs_context_free(ctx);
    return finish("objects");
}
