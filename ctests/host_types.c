/* Host types: a value type (vec3, a C struct in script memory) with constructors, a
 * destructor, methods, a static method, operators and a property; a handle type
 * (Entity, an engine object in host memory) with properties and methods; both passed
 * to and returned from script functions through gjs_context_call; declaration
 * errors; a member called on a null handle; hidden handle bits out of reach. */
#include "check.h"


typedef struct {
    float x, y, z;
} vec3;

typedef struct {
    char name[32];
    int32_t health;
    vec3 pos;
} entity;

/* The engine's world: what the bound functions reach through user_data. */
typedef struct {
    entity pool[8];
    int count;
    int destroyed_vectors;
    int frees;
    char name_buffer[32];
} world;

static vec3 v3(float x, float y, float z) {
    vec3 v;
    v.x = x;
    v.y = y;
    v.z = z;
    return v;
}

static gjs_status vec3_ctor3(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx, (void)ret, (void)ud;
    *(vec3*)args[0] = v3(*(float*)args[1], *(float*)args[2], *(float*)args[3]);
    return GJS_OK;
}

static gjs_status vec3_ctor0(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx, (void)ret, (void)ud;
    *(vec3*)args[0] = v3(0, 0, 0);
    return GJS_OK;
}

static gjs_status vec3_ctor1(gjs_context* ctx, void* ret, void** args, void* ud) {
    float s = *(float*)args[1];
    (void)ctx, (void)ret, (void)ud;
    *(vec3*)args[0] = v3(s, s, s);
    return GJS_OK;
}

static gjs_status vec3_dtor(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx, (void)ret, (void)args;
    ((world*)ud)->destroyed_vectors++;
    return GJS_OK;
}

static gjs_status vec3_dot(gjs_context* ctx, void* ret, void** args, void* ud) {
    vec3 a = *(vec3*)args[0], b = *(vec3*)args[1];
    (void)ctx, (void)ud;
    *(float*)ret = a.x * b.x + a.y * b.y + a.z * b.z;
    return GJS_OK;
}

static gjs_status vec3_scale(gjs_context* ctx, void* ret, void** args, void* ud) {
    vec3* self = (vec3*)args[0];
    float k = *(float*)args[1];
    (void)ctx, (void)ret, (void)ud;
    self->x *= k;
    self->y *= k;
    self->z *= k;
    return GJS_OK;
}

static gjs_status vec3_add(gjs_context* ctx, void* ret, void** args, void* ud) {
    vec3 a = *(vec3*)args[0], b = *(vec3*)args[1];
    (void)ctx, (void)ud;
    *(vec3*)ret = v3(a.x + b.x, a.y + b.y, a.z + b.z);
    return GJS_OK;
}

static gjs_status vec3_neg(gjs_context* ctx, void* ret, void** args, void* ud) {
    vec3 a = *(vec3*)args[0];
    (void)ctx, (void)ud;
    *(vec3*)ret = v3(-a.x, -a.y, -a.z);
    return GJS_OK;
}

static gjs_status vec3_index(gjs_context* ctx, void* ret, void** args, void* ud) {
    vec3 a = *(vec3*)args[0];
    int32_t i = *(int32_t*)args[1];
    (void)ud;
    if (i < 0 || i > 2) return gjs_context_throw(ctx, "vec3 index out of range");
    *(float*)ret = i == 0 ? a.x : i == 1 ? a.y : a.z;
    return GJS_OK;
}

static gjs_status vec3_zero(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx, (void)args, (void)ud;
    *(vec3*)ret = v3(0, 0, 0);
    return GJS_OK;
}

/* Newton's square root, so the test needs no libm. */
static float root(float v) {
    float r = v > 1 ? v : 1;
    int i;
    for (i = 0; i < 40; i++) r = 0.5f * (r + v / r);
    return v == 0 ? 0 : r;
}

static gjs_status vec3_length(gjs_context* ctx, void* ret, void** args, void* ud) {
    vec3 a = *(vec3*)args[0];
    (void)ctx, (void)ud;
    *(float*)ret = root(a.x * a.x + a.y * a.y + a.z * a.z);
    return GJS_OK;
}

static gjs_status spawn(gjs_context* ctx, void* ret, void** args, void* ud) {
    world* w = (world*)ud;
    gjs_str name = *(gjs_str*)args[0];
    entity* e;
    if (w->count == 8) return gjs_context_throw(ctx, "the world is full");
    e = &w->pool[w->count++];
    memset(e, 0, sizeof *e);
    memcpy(e->name, name.ptr, name.len < 31 ? name.len : 31);
    e->health = 100;
    e->pos = *(vec3*)args[1];
    *(entity**)ret = e;
    return GJS_OK;
}

/* Entity(string name): a constructor of a handle type sets the pointer. */
static gjs_status entity_ctor(gjs_context* ctx, void* ret, void** args, void* ud) {
    void* at[2];
    vec3 origin = v3(0, 0, 0);
    at[0] = args[1];
    at[1] = &origin;
    return spawn(ctx, args[0], at, ud);
    (void)ret;
}

static gjs_status entity_name(gjs_context* ctx, void* ret, void** args, void* ud) {
    entity* e = *(entity**)args[0];
    gjs_str s;
    (void)ctx, (void)ud;
    s.ptr = e->name;
    s.len = strlen(e->name);
    *(gjs_str*)ret = s;
    return GJS_OK;
}

static gjs_status entity_get_health(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx, (void)ud;
    *(int32_t*)ret = (*(entity**)args[0])->health;
    return GJS_OK;
}

static gjs_status entity_set_health(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx, (void)ret, (void)ud;
    (*(entity**)args[0])->health = *(int32_t*)args[1];
    return GJS_OK;
}

static gjs_status entity_move(gjs_context* ctx, void* ret, void** args, void* ud) {
    entity* e = *(entity**)args[0];
    vec3 d = *(vec3*)args[1];
    (void)ctx, (void)ret, (void)ud;
    e->pos = v3(e->pos.x + d.x, e->pos.y + d.y, e->pos.z + d.z);
    return GJS_OK;
}

static gjs_status entity_position(gjs_context* ctx, void* ret, void** args, void* ud) {
    (void)ctx, (void)ud;
    *(vec3*)ret = (*(entity**)args[0])->pos;
    return GJS_OK;
}

static gjs_status vec3_sum(gjs_context* ctx, void* ret, void** args, void* ud) {
    vec3 a = *(vec3*)args[0];
    (void)ctx, (void)ud;
    *(double*)ret = (double)(a.x + a.y + a.z);
    return GJS_OK;
}

typedef struct {
    vec3 min, max;
    uint8_t tag;
} box;

static gjs_status box_volume(gjs_context* ctx, void* ret, void** args, void* ud) {
    box* b = (box*)args[0];
    (void)ctx, (void)ud;
    *(float*)ret = (b->max.x - b->min.x) * (b->max.y - b->min.y) * (b->max.z - b->min.z);
    return GJS_OK;
}

static void count_free(void* ud) {
    ((world*)ud)->frees++;
}

static const char* SCRIPT =
    "import { vec3, box, Entity, spawn } from 'engine';\n"
    "f32 dot_of(vec3 a, vec3 b) { return a.dot(b); }\n"
    "vec3 sum(vec3 a, vec3 b) { return a + b; }\n"
    "Entity stronger(Entity a, Entity b) { if (a.health >= b.health) { return a; } return b; }\n"
    "void scoped() { vec3 a = vec3(1.0f); vec3 b = a; }\n"
    "class Holder { vec3 v; i32 n; constructor() { this.v = vec3(4.0f); this.n = 1; } }\n"
    "string more() {\n"
    "    array<vec3> vs;\n"
    "    vs.push(vec3(1.0f));\n"
    "    vs.push(vec3(1.0f, 2.0f, 3.0f));\n"
    "    string out = '' + vs.length + ' ' + vs[1].z.toFixed(0);\n"
    "    vec3? h = new vec3(5.0f);\n"
    "    out += ' ' + h.dot(vec3(1.0f)).toFixed(0);\n"
    "    delete h;\n"
    "    out += ' ' + f64(vec3(1.0f, 2.0f, 4.0f)).toFixed(0);\n"
    "    box b = box({ max: vec3(2.0f, 3.0f, 4.0f), tag: 7 });\n"
    "    out += ' ' + b.volume().toFixed(0) + ' ' + b.tag + ' ' + b.min.x.toFixed(0);\n"
    "    Holder k = Holder();\n"
    "    out += ' ' + k.v.length.toFixed(1);\n"
    "    array<Entity> es;\n"
    "    es.push(spawn('elf', vec3(0.0f)));\n"
    "    es.push(spawn('imp', vec3(0.0f)));\n"
    "    out += ' ' + es[1].name + es[0].name;\n"
    "    return out;\n"
    "}\n"
    "string describe(vec3 v, Entity e) { return e.name + ' at ' + v.x.toFixed(1); }\n"
    "string made() { Entity e = Entity('troll'); e.move(vec3(1.0f)); return e.name + ' ' + e.position().y.toFixed(0); }\n"
    "string run() {\n"
    "    vec3 a = vec3(1.0f, 2.0f, 3.0f);\n"
    "    vec3 b = vec3(2.0f);\n"
    "    vec3 c = a + b;\n"
    "    c.scale(2.0f);\n"
    "    vec3 n = -a;\n"
    "    string out = c.x.toFixed(0) + ',' + c.y.toFixed(0) + ',' + c.z.toFixed(0);\n"
    "    out += ' ' + a.dot(b).toFixed(0);\n"
    "    out += ' ' + n[2].toFixed(0);\n"
    "    out += ' ' + vec3.zero().length.toFixed(0);\n"
    "    out += ' ' + vec3(3.0f, 4.0f, 0.0f).length.toFixed(1);\n"
    "    Entity e = spawn('orc', vec3(1.0f, 0.0f, 0.0f));\n"
    "    e.health = 50;\n"
    "    e.health -= 8;\n"
    "    e.move(vec3(0.0f, 2.0f, 0.0f));\n"
    "    vec3 p = e.position();\n"
    "    out += ' ' + e.name + ':' + e.health + '@' + p.x.toFixed(0) + ',' + p.y.toFixed(0);\n"
    "    Entity none;\n"
    "    try { none.move(vec3(1.0f)); out += ' moved'; } catch (Error err) { out += ' null:' + err.code; }\n"
    "    try { f32 bad = a[3]; out += ' read'; } catch (Error err) { out += ' ' + err.message; }\n"
    "    Entity f = e;\n"
    "    f.health = 7;\n"
    "    out += ' ' + e.health;\n"
    "    return out;\n"
    "}\n";

static void bind_engine(gjs_context* ctx, world* w) {
    const gjs_type* vec3_type = NULL;
    const gjs_type* entity_type = NULL;
    CHECK_OK(ctx, gjs_context_bind_value_type(ctx, "engine", "vec3 { f32 x, f32 y, f32 z }",
                                              &vec3_type));
    CHECK(gjs_type_size(vec3_type) == sizeof(vec3));
    CHECK(gjs_type_alignment(vec3_type) == sizeof(float));
    CHECK(gjs_type_kind(vec3_type) == GJS_TYPE_VALUE);
    CHECK_STR(gjs_type_name(vec3_type), "vec3");
    CHECK_OK(ctx, gjs_context_bind_handle_type(ctx, "engine", "Entity", &entity_type));
    CHECK_OK(ctx, gjs_context_bind_handle_type(ctx, "engine", "Token", NULL));
    CHECK(gjs_type_size(entity_type) == sizeof(void*));
    CHECK(gjs_type_kind(entity_type) == GJS_TYPE_HANDLE);

#define METHOD(type, decl, fn)                                                         \
    CHECK_OK(ctx, gjs_context_bind_method(ctx, "engine", type, decl, fn, w, NULL))
    METHOD("vec3", "constructor(f32 x, f32 y, f32 z)", vec3_ctor3);
    METHOD("vec3", "constructor(f32 s)", vec3_ctor1);
    METHOD("vec3", "constructor()", vec3_ctor0);
    METHOD("vec3", "destructor()", vec3_dtor);
    METHOD("vec3", "f32 dot(vec3 o)", vec3_dot);
    METHOD("vec3", "void scale(f32 k)", vec3_scale);
    METHOD("vec3", "vec3 operator+(vec3 o)", vec3_add);
    METHOD("vec3", "vec3 operator-()", vec3_neg);
    METHOD("vec3", "f32 operator[](i32 i)", vec3_index);
    METHOD("vec3", "static vec3 zero()", vec3_zero);
    METHOD("vec3", "operator f64()", vec3_sum);
    METHOD("Entity", "void move(vec3 d)", entity_move);
    METHOD("Entity", "constructor(string name)", entity_ctor);
    METHOD("Entity", "vec3 position()", entity_position);
    {
        const gjs_type* box_type = NULL;
        CHECK_OK(ctx, gjs_context_bind_value_type(ctx, "engine",
                                                  "box { vec3 min, vec3 max, u8 tag }", &box_type));
        CHECK(gjs_type_size(box_type) == sizeof(box));
        METHOD("box", "f32 volume()", box_volume);
    }
#undef METHOD
    CHECK_OK(ctx, gjs_context_bind_property(ctx, "engine", "vec3", "f32 length", vec3_length,
                                            NULL, w, NULL));
    /* One user_data shared by a getter and a setter is released once. */
    CHECK_OK(ctx, gjs_context_bind_property(ctx, "engine", "Entity", "i32 health",
                                            entity_get_health, entity_set_health, w,
                                            count_free));
    CHECK_OK(ctx, gjs_context_bind_property(ctx, "engine", "Entity", "string name",
                                            entity_name, NULL, w, count_free));
    CHECK_OK(ctx, gjs_context_bind_function(ctx, "engine", "Entity spawn(string name, vec3 at)",
                                            spawn, w, count_free));
}

static void bad_declarations(gjs_context* ctx, world* w) {
    int frees = w->frees;
    /* A field of a type the host cannot lay out. */
    CHECK_STATUS(ctx, gjs_context_bind_value_type(ctx, "engine", "bad { f32 x, string s }", NULL),
                 GJS_INVALID_ARGUMENT);
    CHECK(gjs_context_diagnostic_count(ctx) >= 1);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "string");
    CHECK_STATUS(ctx, gjs_context_bind_value_type(ctx, "engine", "vec3 { f32 x }", NULL),
                 GJS_INVALID_ARGUMENT);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "already declared");
    CHECK_STATUS(ctx, gjs_context_bind_value_type(ctx, "engine", "{ f32 x }", NULL),
                 GJS_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, gjs_context_bind_handle_type(ctx, "engine", "not a name", NULL),
                 GJS_INVALID_ARGUMENT);
    /* Handle types have no destructor; members need a known type and a valid decl. */
    CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "engine", "Entity", "destructor()",
                                              vec3_dtor, w, count_free),
                 GJS_INVALID_ARGUMENT);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "handle type");
    CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "engine", "Nope", "void f()", vec3_dtor, w,
                                              count_free),
                 GJS_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "engine", "vec3", "f32 dot(vec3 o)",
                                              vec3_dot, w, count_free),
                 GJS_INVALID_ARGUMENT);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "already bound");
    CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "engine", "vec3", "f32 dot(vec3 o",
                                              vec3_dot, w, count_free),
                 GJS_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, gjs_context_bind_method(ctx, "engine", "vec3", "f32 x()", vec3_dot, w,
                                              count_free),
                 GJS_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, gjs_context_bind_property(ctx, "engine", "vec3", "f32 k", NULL, NULL, w,
                                                count_free),
                 GJS_INVALID_ARGUMENT);
    /* Every refused binding released its user data at once. */
    CHECK(w->frees == frees + 6);
}

int main(void) {
    static world w;
    gjs_context* ctx = gjs_context_new(NULL);
    gjs_module* mod = NULL;
    gjs_module* engine;
    gjs_str out;
    vec3 a = {1, 2, 3}, b = {4, 5, 6}, r = {0, 0, 0};
    float f = 0;
    void* args[2];
    entity* strong = NULL;
    entity *e1, *e2;

    bind_engine(ctx, &w);
    bad_declarations(ctx, &w);
    CHECK_OK(ctx, gjs_context_add_code(ctx, "game", SCRIPT, &mod));

    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "run"), &out, NULL));
    CHECK(out.len > 0);
    CHECK_STR(out.ptr, "6,8,10 12 -3 0 5.0 orc:42@1,2 null:3 vec3 index out of range 7");

    w.destroyed_vectors = 0;
    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "more"), &out, NULL));
    CHECK_STR(out.ptr, "2 3 15 7 24 7 0 6.9 impelf");
    /* Every vec3 made in more() died: the temporaries of the two pushes, dot's
       argument, the deleted heap one, the converted one, the box literal's temporary
       and the box's two fields, the holder's field and its constructor's temporary,
       the two spawn positions, and the two array elements. */
    CHECK(w.destroyed_vectors == 14);

    /* Exactly one destructor per vec3 that dies: two locals. */
    w.destroyed_vectors = 0;
    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "scoped"), NULL, NULL));
    CHECK(w.destroyed_vectors == 2);

    /* Value types in and out of script functions, as C structs. */
    args[0] = &a;
    args[1] = &b;
    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "dot_of"), &f, args));
    CHECK(f == 32.0f);
    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "sum"), &r, args));
    CHECK(r.x == 5 && r.y == 7 && r.z == 9);
    CHECK(a.x == 1 && b.x == 4); /* the caller's structs are not written */
    CHECK(gjs_type_kind(gjs_function_arg_type(gjs_module_function(mod, "sum"), 0)) ==
          GJS_TYPE_VALUE);

    /* Handle types in and out: the host's own pointers. */
    e1 = &w.pool[0];
    e1->health = 42;
    e2 = &w.pool[1];
    memset(e2, 0, sizeof *e2);
    e2->health = 99;
    args[0] = &e1;
    args[1] = &e2;
    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "stronger"), &strong, args));
    CHECK(strong == e2);
    CHECK(gjs_type_kind(gjs_function_return_type(gjs_module_function(mod, "stronger"))) ==
          GJS_TYPE_HANDLE);

    /* A string result of a function taking objects; a handle type's constructor. */
    args[0] = &a;
    args[1] = &e2;
    strcpy(e2->name, "ogre");
    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "describe"), &out, args));
    CHECK_STR(out.ptr, "ogre at 1.0");
    CHECK_OK(ctx, gjs_context_call(ctx, gjs_module_function(mod, "made"), &out, NULL));
    CHECK_STR(out.ptr, "troll 1");

    /* Types by module. */
    engine = gjs_context_module(ctx, "engine");
    CHECK(engine != NULL);
    CHECK(gjs_type_size(gjs_module_type(engine, "vec3")) == sizeof(vec3));
    CHECK(gjs_module_type(engine, "nothing") == NULL);

    /* The handle's pointer is out of the script's reach. */
    CHECK_STATUS(ctx,
                 gjs_context_add_code(ctx, "forge",
                                      "import { Entity } from 'engine';\n"
                                      "u64 f(Entity e) { return e.__handle; }\n",
                                      NULL),
                 GJS_COMPILE_ERROR);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "no field or property '__handle'");
    CHECK_STATUS(ctx,
                 gjs_context_add_code(ctx, "forge2",
                                      "import { Token } from 'engine';\n"
                                      "Token f(u64 h) { return Token({ __handle: h }); }\n",
                                      NULL),
                 GJS_COMPILE_ERROR);
    CHECK_CONTAINS(gjs_context_error_message(ctx), "no field or property '__handle'");

    gjs_context_free(ctx);
    /* health (getter and setter share it), name, spawn, and the six refused above. */
    CHECK(w.frees == 3 + 6);
    return finish("host_types");
}
