// Host types through the wrapper: a C++ struct as a value type (constructors, a
// destructor, methods, a static method, operators, a conversion, properties) and a
// C++ pointer as a handle type (properties, methods, a static method, host functions
// taking and returning it, a constructor called from scripts); both
// passed through call<R> in both directions;
// type mismatches refused before anything is bound or run; C++ exceptions from members
// caught by scripts or re-raised on the host side as themselves; bound members released
// with the context.
#include "check.hpp"

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct vec3 {
    float x, y, z;
};

// Same layout as vec3, never declared: it matches nothing.
struct other3 {
    float x, y, z;
};

// The C++ side of a second value type called vec3, in another host module.
struct pvec3 {
    float x, y, z;
};

struct Entity {
    std::string name;
    int32_t health = 100;
    vec3 pos{0, 0, 0};
};

// A handle type whose class stays incomplete.
struct opaque;

struct hurt_error : std::exception {
    hurt_error(std::string who, int32_t amount) : who(std::move(who)), amount(amount) {}
    const char* what() const noexcept override { return "cannot take that much damage"; }
    std::string who;
    int32_t amount;
};

// The engine: what the bound members reach.
struct world {
    std::vector<std::unique_ptr<Entity>> entities;
    int destroyed = 0;

    Entity* add(std::string_view name, vec3 at) {
        entities.push_back(std::make_unique<Entity>());
        Entity* e = entities.back().get();
        e->name = std::string(name);
        e->pos = at;
        return e;
    }
    Entity* find(std::string_view name) {
        for (auto& e : entities) {
            if (e->name == name) return e.get();
        }
        return nullptr;
    }
};

const char* const kGame =
    "import { vec3, Entity, Opaque, spawn, find, nudge, token, isToken } from 'engine';\n"
    "f32 dot_of(vec3 a, vec3 b) { return a.dot(b); }\n"
    "vec3 sum(vec3 a, vec3 b) { return a + b; }\n"
    "vec3 twice(vec3 v) { v.scale(2.0f); return v; }\n"
    "f32 at(vec3 v, i32 i) { return v[i]; }\n"
    "Entity stronger(Entity a, Entity b) { if (a.health >= b.health) { return a; } return b; }\n"
    "i32 health_of(Entity e) { return e.health; }\n"
    "vec3 filled(f32 s) { return vec3(s); }\n"
    "Entity lookup(string name) { return find(name); }\n"
    "void smash(Entity e) { e.hurt(1000); }\n"
    "void set_health(Entity e, i32 h) { e.health = h; }\n"
    "void scoped() { vec3 a = vec3(1.0f); vec3 b = a; }\n"
    "bool opaque_roundtrip() { return isToken(token()); }\n"
    "f32 self_dot() { return vec3(1.0f, 2.0f, 2.0f).selfDot(); }\n"
    "string values() {\n"
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
    "    f64 d = f64(a);\n"
    "    out += ' ' + d.toFixed(1);\n"
    "    a.r = 7.0f;\n"
    "    out += ' ' + a.x.toFixed(0) + ':' + a.r.toFixed(0);\n"
    "    a.r += 1.0f;\n"
    "    out += ' ' + a.x.toFixed(0);\n"
    "    vec3 m = vec3(1.0f);\n"
    "    nudge(m);\n"
    "    out += ' ' + m.x.toFixed(0) + m.y.toFixed(0) + m.z.toFixed(0);\n"
    "    try { f32 bad = a[3]; out += ' read'; } catch (Error err) { out += ' ' + err.message; }\n"
    "    return out;\n"
    "}\n"
    "string entities() {\n"
    "    Entity e = spawn('orc', vec3(1.0f, 0.0f, 0.0f));\n"
    "    e.health = 50;\n"
    "    e.health -= 8;\n"
    "    e.move(vec3(0.0f, 2.0f, 0.0f));\n"
    "    vec3 p = e.position();\n"
    "    string out = e.name + ':' + e.health + '@' + p.x.toFixed(0) + ',' + p.y.toFixed(0);\n"
    "    e.pos = vec3(5.0f);\n"
    "    out += ' ' + e.pos.z.toFixed(0);\n"
    "    Entity f = e;\n"
    "    f.health = 7;\n"
    "    out += ' ' + e.health;\n"
    "    Entity g = spawn('elf', vec3(0.0f));\n"
    "    out += ' ' + g.name + ':' + g.health + ' ' + Entity.count();\n"
    "    g.damage = 30;\n"
    "    out += ' ' + g.health;\n"
    "    Entity none = find('nobody');\n"
    "    try { none.move(vec3(1.0f)); out += ' moved'; }\n"
    "    catch (Error err) { out += ' null:' + err.code; }\n"
    "    try { e.hurt(100); out += ' alive'; } catch (Error err) { out += ' ' + err.message; }\n"
    "    try { vec3 bad = vec3(-1.0f); out += ' made'; }\n"
    "    catch (Error err) { out += ' | ' + err.message; }\n"
    "    return out;\n"
    "}\n"
    "string built() {\n"
    "    Entity e = Entity('troll');\n"
    "    e.move(vec3(0.0f, 3.0f, 0.0f));\n"
    "    string out = e.name + ' ' + e.position().y.toFixed(0);\n"
    "    try { Entity bad = Entity(''); out += ' made'; } catch (Error err) { out += ' ' + err.message; }\n"
    "    return out;\n"
    "}\n"
    "void unnamed() { Entity e = Entity(''); }\n";

// `dot_of` is the script function that selfDot() calls back into.
void bind_engine(gjs::context& ctx, world& w, const gjs::function& dot_of) {
    gjs::type v = ctx.value_type<vec3>("engine", "vec3 { f32 x, f32 y, f32 z }");
    CHECK_EQ(v.name(), "vec3");
    CHECK_EQ(v.kind(), GJS_TYPE_VALUE);
    CHECK_EQ(v.size(), sizeof(vec3));
    CHECK_EQ(v.alignment(), alignof(vec3));
    gjs::type e = ctx.handle_type<Entity>("engine", "Entity");
    CHECK_EQ(e.kind(), GJS_TYPE_HANDLE);
    CHECK_EQ(e.size(), sizeof(void*));
    CHECK(ctx.module("engine").type("vec3") == v);
    CHECK(ctx.module("engine").type("Entity") == e);
    CHECK_THROWS(gjs::not_found, ctx.module("engine").type("nothing"));
    // T* means the same as T for a handle type; the class may be incomplete.
    gjs::type o = ctx.handle_type<opaque*>("engine", "Opaque");
    CHECK_EQ(o.kind(), GJS_TYPE_HANDLE);

    // Value type members: every kind of self.
    ctx.method<vec3>("engine", "constructor(f32 x, f32 y, f32 z)",
                     [](vec3& self, float x, float y, float z) { self = vec3{x, y, z}; });
    ctx.method<vec3>("engine", "constructor(f32 s)", [](vec3& self, float s) {
        if (s < 0) throw std::domain_error("negative fill");
        self = vec3{s, s, s};
    });
    ctx.method<vec3>("engine", "destructor()", [&w](const vec3&) { ++w.destroyed; });
    ctx.method<vec3>("engine", "f32 dot(vec3 o)", [](const vec3& a, const vec3& b) {
        return a.x * b.x + a.y * b.y + a.z * b.z;
    });
    ctx.method<vec3>("engine", "void scale(f32 k)", [](vec3& self, float k) {
        self.x *= k;
        self.y *= k;
        self.z *= k;
    });
    ctx.method<vec3>("engine", "vec3 operator+(vec3 o)",
                     [](vec3 a, vec3 b) { return vec3{a.x + b.x, a.y + b.y, a.z + b.z}; });
    ctx.method<vec3>("engine", "vec3 operator-()",
                     [](const vec3& a) { return vec3{-a.x, -a.y, -a.z}; });
    ctx.method<vec3>("engine", "f32 operator[](i32 i)", [](const vec3& a, int32_t i) {
        if (i < 0 || i > 2) throw std::out_of_range("vec3 index " + std::to_string(i));
        return i == 0 ? a.x : i == 1 ? a.y : a.z;
    });
    ctx.method<vec3>("engine", "static vec3 zero()", [] { return vec3{0, 0, 0}; });
    ctx.method<vec3>("engine", "operator f64()",
                     [](const vec3& a) { return double(a.x) + a.y + a.z; });
    // Re-entrant: a member that calls back into the script.
    ctx.method<vec3>("engine", "f32 selfDot()",
                     [&ctx, &dot_of](const vec3& v) { return ctx.call<float>(dot_of, v, v); });
    ctx.property<vec3>("engine", "f32 length", [](const vec3& a) {
        return std::sqrt(a.x * a.x + a.y * a.y + a.z * a.z);
    });
    ctx.property<vec3>("engine", "f32 r", [](const vec3& a) { return a.x; },
                       [](vec3& a, float r) { a.x = r; });

    // Handle type members: self is the pointer (a reference to it in the constructor).
    ctx.method<Entity*>("engine", "constructor(string name)",
                        [&w](Entity*& self, std::string_view name) {
                            if (name.empty()) throw std::invalid_argument("an entity needs a name");
                            self = w.add(name, vec3{0, 0, 0});
                        });
    ctx.method<Entity*>("engine", "void move(vec3 d)", [](Entity* e, const vec3& d) {
        e->pos = vec3{e->pos.x + d.x, e->pos.y + d.y, e->pos.z + d.z};
    });
    ctx.method<Entity>("engine", "vec3 position()", [](const Entity* e) { return e->pos; });
    ctx.method<Entity*>("engine", "void hurt(i32 amount)", [](Entity* e, int32_t amount) {
        if (amount > e->health) throw hurt_error(e->name, amount);
        e->health -= amount;
    });
    ctx.method<Entity*>("engine", "static i32 count()",
                        [&w] { return int32_t(w.entities.size()); });
    ctx.property<Entity*>(
        "engine", "i32 health", [](Entity* e) { return e->health; },
        [](Entity* e, int32_t h) {
            if (h < 0) throw std::invalid_argument("negative health");
            e->health = h;
        });
    ctx.property<Entity*>("engine", "string name", [](Entity* e) { return e->name; });
    ctx.property<Entity*>("engine", "i32 damage", nullptr,
                          [](Entity* e, int32_t d) { e->health -= d; });
    ctx.property<Entity*>("engine", "vec3 pos", [](Entity* e) { return e->pos; },
                          [](Entity* e, const vec3& p) { e->pos = p; });

    // Host functions of the module take and return its types.
    ctx.bind_in("engine", "Entity spawn(string name, vec3 at)",
                [&w](std::string_view name, const vec3& at) { return w.add(name, at); });
    ctx.bind_in("engine", "Entity find(string name)",
                [&w](std::string_view name) { return w.find(name); });
    ctx.bind_in("engine", "void nudge(vec3 v)", [](vec3& v) {
        v.x += 1;
        v.y += 1;
        v.z += 1;
    });
    static int token_storage = 0;
    ctx.bind_in("engine", "Opaque token()",
                [] { return reinterpret_cast<opaque*>(&token_storage); });
    ctx.bind_in("engine", "bool isToken(Opaque o)",
                [](opaque* o) { return o == reinterpret_cast<opaque*>(&token_storage); });
}

void members_from_scripts() {
    world w;
    gjs::context ctx;
    gjs::function dot_of;
    bind_engine(ctx, w, dot_of);
    gjs::module game = ctx.add_code("game", kGame);
    dot_of = game.function("dot_of");

    // 6,8,10: (1,2,3) + (2,2,2) scaled by 2; 12: 1*2 + 2*2 + 3*2; -3: (-a)[2]; 0 and
    // 5.0: lengths; 6.0: the conversion x + y + z; 7:7 and 8: the property r set, read
    // and += 1; 222: nudge wrote (1,1,1) + 1 back; then the C++ out_of_range, caught.
    CHECK_EQ(ctx.call<std::string>(game.function("values")),
             "6,8,10 12 -3 0 5.0 6.0 7:7 8 222 vec3 index 3");

    // orc:42@1,2: spawned at (1,0,0), health 50 - 8, moved by (0,2,0); 5: pos set to
    // vec3(5); 7: f is the same entity; elf:100 2: a second one; 70: the write-only
    // damage took 30; null:3: a member on a null handle; the C++ hurt_error and the
    // vec3 constructor's domain_error, caught as Errors with their messages.
    CHECK_EQ(ctx.call<std::string>(game.function("entities")),
             "orc:42@1,2 5 7 elf:100 2 70 null:3 cannot take that much damage | negative fill");
    CHECK_EQ(w.entities.size(), 2u);
    CHECK_EQ(w.entities[0]->health, 7);
    CHECK_EQ(w.entities[0]->pos.z, 5.0f);

    // Handle constructors from scripts: troll 3 (made at the origin, moved by (0,3,0));
    // the constructor's invalid_argument caught as an Error, then uncaught as itself.
    CHECK_EQ(ctx.call<std::string>(game.function("built")), "troll 3 an entity needs a name");
    CHECK_EQ(w.entities.size(), 3u);
    CHECK_THROWS(std::invalid_argument, ctx.call<void>(game.function("unnamed")));

    // One destructor per vec3 that dies: two locals.
    w.destroyed = 0;
    ctx.call<void>(game.function("scoped"));
    CHECK_EQ(w.destroyed, 2);

    CHECK_EQ(ctx.call<bool>(game.function("opaque_roundtrip")), true);
    CHECK_EQ(ctx.call<float>(game.function("self_dot")), 9.0f);  // 1 + 4 + 4
}

void calls_from_the_host() {
    world w;
    gjs::context ctx;
    gjs::function dot_of;
    bind_engine(ctx, w, dot_of);
    gjs::module game = ctx.add_code("game", kGame);
    dot_of = game.function("dot_of");
    const vec3 a{1, 2, 3};
    vec3 b{4, 5, 6};

    // Value types in and out.
    CHECK_EQ(ctx.call<float>(game.function("dot_of"), a, b), 32.0f);  // 4 + 10 + 18
    vec3 s = ctx.call<vec3>(game.function("sum"), a, b);
    CHECK(s.x == 5 && s.y == 7 && s.z == 9);
    vec3 t{0, 0, 0};
    ctx.call(game.function("twice"), &t, a);
    CHECK(t.x == 2 && t.y == 4 && t.z == 6);
    CHECK(a.x == 1 && a.y == 2 && a.z == 3);  // the caller's struct is not written
    CHECK_EQ(ctx.call<float>(game.function("at"), vec3{7, 8, 9}, 1), 8.0f);

    // Handle types in and out: the host's own pointers.
    Entity* e1 = w.add("a", vec3{0, 0, 0});
    Entity* e2 = w.add("b", vec3{0, 0, 0});
    e1->health = 42;
    e2->health = 99;
    CHECK(ctx.call<Entity*>(game.function("stronger"), e1, e2) == e2);
    CHECK_EQ(ctx.call<int32_t>(game.function("health_of"), e1), 42);
    const Entity* ce = e2;
    CHECK_EQ(ctx.call<int32_t>(game.function("health_of"), ce), 99);
    CHECK(ctx.call<Entity*>(game.function("lookup"), "b") == e2);
    CHECK(ctx.call<Entity*>(game.function("lookup"), "nobody") == nullptr);
    ctx.call<void>(game.function("set_health"), e1, 10);
    CHECK_EQ(e1->health, 10);

    // Straight into the host module: the C++ callables, through gjs.
    gjs::module engine = ctx.module("engine");
    Entity* imp = ctx.call<Entity*>(engine.function("spawn"), std::string("imp"), vec3{1, 1, 1});
    CHECK(imp != nullptr && imp->name == "imp" && imp->pos.y == 1);
    CHECK(ctx.call<Entity*>(engine.function("find"), "imp") == imp);
    CHECK_EQ(engine.function("spawn").return_type().kind(), GJS_TYPE_HANDLE);
    CHECK_EQ(engine.function("spawn").arg_type(1).name(), "vec3");

    // Uncaught C++ exceptions from members come back as themselves.
    try {
        ctx.call<void>(game.function("smash"), e1);
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const hurt_error& err) {
        CHECK_EQ(err.who, "a");
        CHECK_EQ(err.amount, 1000);
    } catch (const std::exception& err) {
        check::fail(__FILE__, __LINE__, std::string("wrong exception: ") + err.what());
    }
    CHECK_EQ(e1->health, 10);
    CHECK_THROWS(std::out_of_range, ctx.call<float>(game.function("at"), a, 5));
    CHECK_THROWS(std::invalid_argument, ctx.call<void>(game.function("set_health"), e1, -1));
    CHECK_EQ(e1->health, 10);
    CHECK_THROWS(std::domain_error, ctx.call<vec3>(game.function("filled"), -2.0f));
    CHECK_EQ(ctx.call<vec3>(game.function("filled"), 2.0f).z, 2.0f);
    // A later script error is a script error again.
    try {
        ctx.call<Entity*>(game.function("stronger"), e1, static_cast<Entity*>(nullptr));
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const gjs::runtime_error& err) {
        CHECK_EQ(err.code(), 3);
    }
}

struct vec4 {
    float x, y, z, w;
};

struct dpair {
    double a;
};

struct quat3 {
    float x, y, z;
};

struct ray {
    vec3 from, dir;
    uint8_t tag;
};

struct short_ray {
    vec3 from, dir;
};

struct unrelated;

void type_mismatches() {
    world w;
    gjs::context ctx;
    gjs::function dot_of;
    bind_engine(ctx, w, dot_of);
    gjs::module game = ctx.add_code("game", kGame);
    dot_of = game.function("dot_of");
    gjs::function sum = game.function("sum");
    gjs::function health_of = game.function("health_of");
    const vec3 a{1, 2, 3};
    Entity* e = w.add("e", vec3{0, 0, 0});

    // Calls: arguments and results of the wrong C++ type, before anything runs.
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(dot_of, a, 1.0f));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(dot_of, a, e));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(dot_of, a, other3{4, 5, 6}));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<vec3>(dot_of, a, a));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<Entity*>(sum, a, a));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<other3>(sum, a, a));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(health_of, a));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.call<int32_t>(health_of, static_cast<unrelated*>(nullptr)));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(health_of, static_cast<opaque*>(nullptr)));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<void>(game.function("set_health"), e, 5.0f));
    CHECK_EQ(e->health, 100);
    try {
        ctx.call<float>(dot_of, a, e);
    } catch (const gjs::type_mismatch& err) {
        std::string what = err.what();
        CHECK(what.find("argument 2 of 'f32 dot_of(vec3 a, vec3 b)' is vec3") != std::string::npos);
        CHECK(what.find("engine.Entity") != std::string::npos);
    }

    // A value type: wrong size or alignment, refused before the type is declared.
    try {
        ctx.value_type<vec4>("engine", "quat { f32 x, f32 y, f32 z }");
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const gjs::type_mismatch& err) {
        std::string what = err.what();
        CHECK(what.find("size 12") != std::string::npos);
        CHECK(what.find("size 16") != std::string::npos);
    }
    CHECK_THROWS(gjs::type_mismatch, ctx.value_type<dpair>("engine", "pair { f32 a, f32 b }"));
    CHECK_THROWS(gjs::not_found, ctx.module("engine").type("quat"));
    CHECK_EQ(ctx.value_type<quat3>("engine", "quat { f32 x, f32 y, f32 z }").size(), 12u);
    // Value type fields: 12 + 12 + 1, padded to 28.
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.value_type<short_ray>("engine", "ray { vec3 from, vec3 dir, u8 tag }"));
    CHECK_EQ(ctx.value_type<ray>("engine", "ray { vec3 from, vec3 dir, u8 tag }").size(), 28u);
    // One mapping per C++ type and module; another module may map it again.
    CHECK_THROWS(gjs::invalid_argument,
                 ctx.value_type<vec3>("engine", "vec3b { f32 x, f32 y, f32 z }"));
    CHECK_THROWS(gjs::invalid_argument, ctx.handle_type<Entity>("engine", "Entity2"));

    // Two value types called vec3: each C++ struct matches only its own.
    ctx.value_type<pvec3>("physics", "vec3 { f32 x, f32 y, f32 z }");
    gjs::module phys =
        ctx.add_code("phys", "import { vec3 } from 'physics';\nf32 px(vec3 v) { return v.x; }\n");
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(phys.function("px"), vec3{2, 0, 0}));
    CHECK_EQ(ctx.call<float>(phys.function("px"), pvec3{2, 0, 0}), 2.0f);

    // Members whose C++ types differ from the declaration: nothing is bound.
    try {
        ctx.method<vec3>("engine", "f32 cross(vec3 o)", [](const vec3&, float) { return 1.0f; });
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const gjs::type_mismatch& err) {
        std::string what = err.what();
        CHECK(what.find("parameter 1 of 'f32 cross(vec3 o)' is vec3, but the C++ callable takes "
                        "float") != std::string::npos);
    }
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                                  [](const vec3&, const vec3&) { return 1.0; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                                  [](Entity*, const vec3&) { return 1.0f; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                                                      [](const vec3&) { return 1.0f; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                                  [](const vec3&, const other3&) { return 1.0f; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                                  [](const vec3&, const quat3&) { return 1.0f; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                                  [](const vec3&, const pvec3&) { return 1.0f; }));
    // A constructor sets self: T& for a value type, T*& for a handle type.
    CHECK_THROWS(gjs::type_mismatch, ctx.method<vec3>("engine", "constructor(f32 a, f32 b)",
                                                      [](const vec3&, float, float) {}));
    CHECK_THROWS(gjs::type_mismatch, ctx.method<vec3>("engine", "constructor(f32 a, f32 b)",
                                                      [](vec3, float, float) {}));
    CHECK_THROWS(gjs::type_mismatch, ctx.method<Entity*>("engine", "constructor(i32 n)",
                                                         [](Entity*, int32_t) {}));
    // A static method has no self.
    CHECK_THROWS(gjs::type_mismatch, ctx.method<vec3>("engine", "static vec3 one()",
                                                      [](vec3&) { return vec3{1, 1, 1}; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.method<Entity*>("engine", "i32 level()", [](vec3&) { return 1; }));
    // Properties.
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.property<Entity*>("engine", "i32 armor", [](Entity*) { return 1.0f; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.property<Entity*>("engine", "i32 armor", [](Entity*) { return 1; },
                                       [](Entity*, float) {}));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.property<Entity*>("engine", "i32 armor", [](Entity*) { return 1; },
                                       [](Entity*, int32_t) { return 1; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.property<Entity*>("engine", "i32 armor", nullptr,
                                                           [](const vec3&, int32_t) {}));
    // Host functions of the module.
    CHECK_THROWS(gjs::type_mismatch, ctx.bind_in("engine", "Entity f()", [] { return vec3{}; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind_in("engine", "void g(vec3 v)", [](other3) {}));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind_in("engine", "void g(vec3 v)", [](Entity*) {}));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind_in("engine", "void g(Entity e)", [](opaque*) {}));

    // The matching forms bind now (the library refuses a member bound twice).
    ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                     [](const vec3& p, const vec3& q) { return p.x * q.y - p.y * q.x; });
    ctx.method<vec3>("engine", "constructor(f32 a, f32 b)",
                     [](vec3& self, float p, float q) { self = vec3{p, q, 0}; });
    ctx.method<Entity*>("engine", "constructor(i32 n)", [&w](Entity*& self, int32_t n) {
        self = w.add("#" + std::to_string(n), vec3{0, 0, 0});
    });
    ctx.method<vec3>("engine", "static vec3 one()", [] { return vec3{1, 1, 1}; });
    ctx.property<Entity*>("engine", "i32 armor", [](const Entity* x) { return x->health / 10; },
                          [](Entity* x, int32_t v) { x->health = v * 10; });
    ctx.bind_in("engine", "void g(vec3 v)", [](vec3) {});
    gjs::module later = ctx.add_code(
        "later",
        "import { vec3, Entity } from 'engine';\n"
        "f32 z() { return vec3(2.0f, 0.0f).cross(vec3(0.0f, 3.0f)) + vec3.one().x; }\n"
        "import { spawn } from 'engine';\n"
        "string n() {\n"
        "    Entity e = spawn('#7', vec3(0.0f));\n"
        "    e.armor += 1;\n"
        "    return e.name + ' ' + e.health;\n"
        "}\n");
    CHECK_EQ(ctx.call<float>(later.function("z")), 7.0f);  // 2 * 3 - 0 * 0, plus 1
    // #7 spawned with health 100: armor 10, plus 1, is 110 health.
    CHECK_EQ(ctx.call<std::string>(later.function("n")), "#7 110");

    // Mistakes in using the API: gjs::invalid_argument.
    CHECK_THROWS(gjs::invalid_argument, ctx.method<other3>("engine", "f32 f()",
                                                           [](const other3&) { return 1.0f; }));
    CHECK_THROWS(gjs::invalid_argument, ctx.method<vec3>("physics", "f32 f()",
                                                         [](const vec3&) { return 1.0f; }));
    CHECK_THROWS(gjs::invalid_argument,
                 ctx.method<vec3>("engine", "f32 f(Nope n)",
                                  [](const vec3&, int32_t) { return 1.0f; }));
    CHECK_THROWS(gjs::invalid_argument,
                 ctx.method<vec3>("engine", "f32 dot(vec3 o",
                                  [](const vec3&, const vec3&) { return 1.0f; }));
    CHECK_THROWS(gjs::invalid_argument,
                 ctx.property<Entity*>("engine", "health", [](Entity*) { return 1; }));
    CHECK_THROWS(gjs::invalid_argument, ctx.bind("vec3 g()", [] { return vec3{}; }));
    // ... and what only the library knows: no destructor for a handle type, no member twice.
    CHECK_THROWS(gjs::invalid_argument,
                 ctx.method<Entity*>("engine", "destructor()", [](Entity*) {}));
    CHECK_THROWS(gjs::invalid_argument,
                 ctx.method<vec3>("engine", "f32 cross(vec3 o)",
                                  [](const vec3&, const vec3&) { return 1.0f; }));
}

void lifetime_of_bound_members() {
    auto token = std::make_shared<int>(0);
    {
        gjs::context ctx;
        ctx.value_type<vec3>("engine", "vec3 { f32 x, f32 y, f32 z }");
        ctx.handle_type<Entity>("engine", "Entity");
        ctx.method<vec3>("engine", "f32 k()", [token](const vec3&) { return float(*token); });
        ctx.property<Entity*>("engine", "i32 id", [token](Entity*) { return *token; },
                              [token](Entity*, int32_t v) { *token = v; });
        CHECK_EQ(token.use_count(), 4);
        // Refused by the library: released at once; refused by the checks: never kept.
        CHECK_THROWS(gjs::invalid_argument,
                     ctx.method<Entity*>("engine", "destructor()", [token](Entity*) {}));
        CHECK_THROWS(gjs::type_mismatch,
                     ctx.method<vec3>("engine", "f32 k2()", [token](const vec3&) { return 1; }));
        CHECK_EQ(token.use_count(), 4);
        // The mappings move with the context.
        gjs::context moved = std::move(ctx);
        gjs::module m = moved.add_code(
            "m", "import { Entity } from 'engine';\nvoid set(Entity e, i32 v) { e.id = v; }\n");
        Entity ent;
        moved.call<void>(m.function("set"), &ent, 42);
        CHECK_EQ(*token, 42);
    }
    CHECK_EQ(token.use_count(), 1);
}

}  // namespace

int main() {
    try {
        members_from_scripts();
        calls_from_the_host();
        type_mismatches();
        lifetime_of_bound_members();
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    return check::finish("host_types");
}
