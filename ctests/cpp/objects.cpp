// Class instances and arrays through the wrapper: gjs::object results owned by the host
// and destroyed with it, objects passed by reference (gjs::object&, const gjs::object&,
// temporaries), std::vector both ways, strings, formats and value types as elements,
// class fields, type mismatches refused before anything runs, a runtime error in a
// function returning an object, objects outliving their context, and memory back to
// where it was after many objects.
#include "check.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// format Point { f32 x, f32 y }
struct Point {
    float x, y;
};
bool operator==(const Point& a, const Point& b) { return a.x == b.x && a.y == b.y; }

// Same layout as Point, never mapped: it matches nothing.
struct Unmapped {
    float x, y;
};

// Not the layout of Point.
struct Wide {
    double x, y;
};

// The math module's vec3f.
struct V3 {
    float x, y, z;
};

// The host value type engine.hv.
struct hv {
    int32_t a, b;
};
bool operator==(const hv& l, const hv& r) { return l.a == r.a && l.b == r.b; }

const char* const kGame =
    "import { vec3f } from 'math';\n"
    "import { hv } from 'engine';\n"
    "format Point { f32 x, f32 y }\n"
    "i32 destroyed = 0;\n"
    "i32 calls = 0;\n"
    "class Enemy {\n"
    "    string name;\n"
    "    i32 hp;\n"
    "    Point pos;\n"
    "    const i32 id;\n"
    "    array<i32> tags;\n"
    "    bool boss;\n"
    "    constructor(string name, i32 hp) {\n"
    "        this.name = name; this.hp = hp; this.id = 7; this.tags.push(hp * 2);\n"
    "    }\n"
    "    destructor() { destroyed += 1; print('bye ' + this.name); }\n"
    "}\n"
    "i32 destroyed_count() { return destroyed; }\n"
    "i32 call_count() { return calls; }\n"
    "Enemy spawn(string name, i32 hp) { calls++; return Enemy(name, hp); }\n"
    "void hurt(Enemy e, i32 d) { calls++; e.hp -= d; e.tags.push(d); }\n"
    "string describe(Enemy e) {\n"
    "    calls++;\n"
    "    return e.name + ':' + e.hp + ':' + e.tags.length + '@' + e.pos.x.toFixed(1) + ',' +\n"
    "           e.pos.y.toFixed(1) + (e.boss ? '!' : '');\n"
    "}\n"
    "array<i32> squares(i32 n) { calls++; array<i32> a; for (i32 i = 0; i < n; i++) a.push(i * i); return a; }\n"
    "i32 total(array<i32> a) { calls++; i32 t = 0; for (u32 i = 0; i < a.length; i++) t += a[i]; return t; }\n"
    "void grow(array<i32> a) { calls++; a.push(a.length); }\n"
    "i32 scaled(array<i32> a, i32 k) { calls++; i32 t = 0; for (u32 i = 0; i < a.length; i++) t += a[i] * k; return t; }\n"
    "f64 sum(array<f64> xs) { calls++; f64 s = 0.0; for (u32 i = 0; i < xs.length; i++) s += xs[i]; return s; }\n"
    "void double_all(array<f64> xs) { calls++; for (u32 i = 0; i < xs.length; i++) xs[i] = xs[i] * 2.0; }\n"
    "i32 count_true(array<bool> b) { calls++; i32 n = 0; for (u32 i = 0; i < b.length; i++) if (b[i]) n++; return n; }\n"
    "array<bool> evens(i32 n) { calls++; array<bool> b; for (i32 i = 0; i < n; i++) b.push(i % 2 == 0); return b; }\n"
    "array<string> words() { calls++; array<string> w; w.push('a'); w.push('bb'); w.push('ccc'); return w; }\n"
    "string join(array<string> w) {\n"
    "    calls++; string s = '';\n"
    "    for (u32 i = 0; i < w.length; i++) s += (i > 0 ? '-' : '') + w[i];\n"
    "    return s;\n"
    "}\n"
    "array<Point> path(i32 n) { calls++; array<Point> p; for (i32 i = 0; i < n; i++) p.push(Point({ x: i, y: 2 * i })); return p; }\n"
    "f32 length_sum(array<Point> p) { calls++; f32 s = 0.0f; for (u32 i = 0; i < p.length; i++) s += p[i].x + p[i].y; return s; }\n"
    "Point mid(Point a, Point b) { calls++; return Point({ x: (a.x + b.x) / 2.0f, y: (a.y + b.y) / 2.0f }); }\n"
    "f32 vsum(vec3f v) { calls++; return v.x + v.y + v.z; }\n"
    "i32 hv_sum(array<hv> xs) { calls++; i32 t = 0; for (u32 i = 0; i < xs.length; i++) t += xs[i].a * xs[i].b; return t; }\n"
    "array<hv> hv_pair(hv x) { calls++; array<hv> r; r.push(x); r.push(hv({ a: x.b, b: x.a })); return r; }\n"
    "array<Enemy> squad() { calls++; array<Enemy> s; s.push(Enemy('s1', 3)); s.push(Enemy('s2', 4)); return s; }\n"
    "i32 squad_hp(array<Enemy> s) { calls++; i32 t = 0; for (u32 i = 0; i < s.length; i++) t += s[i].hp; return t; }\n"
    "Enemy boom(i32 hp) { calls++; if (hp > 0) throw Error('boom'); return Enemy('never', hp); }\n"
    "array<i32> boom_array(i32 n) { calls++; array<i32> a; a.push(n); if (n > 0) throw Error('no array'); return a; }\n";

// A context with the game compiled and initialised, its output collected in `out`.
struct game {
    std::string out;
    gjs::context ctx;
    gjs::module m;

    game() {
        ctx.set_output([this](std::string_view s) { out += s; });
        ctx.value_type<hv>("engine", "hv { i32 a, i32 b }");
        m = ctx.add_code("game", kGame);
        m.init();
        ctx.format<Point>("game", "Point");
    }
    gjs::function fn(const char* name) const { return m.function(name); }
    int32_t destroyed() { return ctx.call<int32_t>(fn("destroyed_count")); }
    int32_t calls() { return ctx.call<int32_t>(fn("call_count")); }
    std::string take_output() { return std::exchange(out, std::string()); }
};

void class_instances() {
    game g;
    gjs::object orc = g.ctx.call<gjs::object>(g.fn("spawn"), "orc", 30);
    CHECK(orc);
    // `return Enemy(...)` constructs in the result: nothing destroyed yet.
    CHECK_EQ(g.destroyed(), 0);
    CHECK_EQ(g.calls(), 1);

    gjs::type t = orc.type();
    CHECK_EQ(t.name(), "Enemy");
    CHECK_EQ(t.kind(), GJS_TYPE_CLASS);
    CHECK_EQ(t.size(), sizeof(void*));
    CHECK(t == g.fn("spawn").return_type());
    CHECK(t == g.fn("hurt").arg_type(0));
    std::vector<gjs::field> fields = t.fields();
    CHECK_EQ(fields.size(), 6u);
    if (fields.size() == 6) {
        CHECK_EQ(fields[0].name, "name");
        CHECK_EQ(fields[1].name, "hp");
        CHECK_EQ(fields[1].type.name(), "i32");
        CHECK(!fields[1].is_const);
        CHECK_EQ(fields[2].type.kind(), GJS_TYPE_FORMAT);
        CHECK(fields[2].type == g.m.type("Point"));
        CHECK_EQ(fields[3].name, "id");
        CHECK(fields[3].is_const);
        CHECK_EQ(fields[4].type.kind(), GJS_TYPE_ARRAY);
        CHECK_EQ(fields[4].type.element().name(), "i32");
        CHECK_EQ(fields[5].type.name(), "bool");
    }
    CHECK(!t.element());

    // Fields as constructed: name, hp, zeroed pos, id 7, boss false.
    CHECK_EQ(orc.get<std::string>("name"), "orc");
    CHECK_EQ(orc.get<int32_t>("hp"), 30);
    CHECK_EQ(orc.get<int32_t>("id"), 7);
    CHECK(orc.get<Point>("pos") == (Point{0.0f, 0.0f}));
    CHECK_EQ(orc.get<bool>("boss"), false);

    // The host writes; the script sees it in the same object.
    orc.set("hp", 25);
    orc.set("name", std::string_view("troll"));
    orc.set("pos", Point{1.5f, 2.0f});
    orc.set("boss", true);
    CHECK_EQ(orc.get<std::string>("name"), "troll");
    CHECK_EQ(g.ctx.call<std::string>(g.fn("describe"), orc), "troll:25:1@1.5,2.0!");

    // By reference: the script's changes stay in the host's object (hp 25 - 5, tags
    // [60, 5]), through gjs::object& and const gjs::object& alike.
    g.ctx.call<void>(g.fn("hurt"), orc, 5);
    CHECK_EQ(orc.get<int32_t>("hp"), 20);
    const gjs::object& cref = orc;
    g.ctx.call<void>(g.fn("hurt"), cref, 1);
    CHECK_EQ(orc.get<int32_t>("hp"), 19);
    CHECK_EQ(g.ctx.call<std::string>(g.fn("describe"), orc), "troll:19:3@1.5,2.0!");

    // A temporary object argument dies at the end of the full expression.
    CHECK(g.take_output().empty());
    CHECK_EQ(g.ctx.call<std::string>(g.fn("describe"),
                                     g.ctx.call<gjs::object>(g.fn("spawn"), "tmp", 1)),
             "tmp:1:1@0.0,0.0");
    CHECK_EQ(g.destroyed(), 1);
    CHECK_EQ(g.take_output(), "bye tmp\n");

    // Field errors: no such field, the wrong C++ type, const, an array field, elements.
    CHECK_THROWS(gjs::not_found, orc.get<int32_t>("nope"));
    CHECK_THROWS(gjs::not_found, orc.set("nope", 1));
    CHECK_THROWS(gjs::type_mismatch, orc.get<int64_t>("hp"));
    CHECK_THROWS(gjs::type_mismatch, orc.get<int32_t>("name"));
    CHECK_THROWS(gjs::type_mismatch, orc.set("hp", 1.5));
    CHECK_THROWS(gjs::type_mismatch, orc.set("name", 3));
    CHECK_THROWS(gjs::type_mismatch, orc.get<Unmapped>("pos"));
    CHECK_THROWS(gjs::type_mismatch, orc.set("id", 8));
    CHECK_THROWS(gjs::type_mismatch, orc.get<int32_t>("tags"));
    CHECK_THROWS(gjs::type_mismatch, orc.size());
    CHECK_THROWS(gjs::type_mismatch, orc.get<int32_t>(0));
    CHECK_THROWS(gjs::type_mismatch, orc.push(1));
    try {
        orc.set("id", 8);
    } catch (const gjs::type_mismatch& e) {
        CHECK_EQ(std::string(e.what()), "field 'id' of 'Enemy' is const");
    }
    CHECK_EQ(orc.get<int32_t>("id"), 7);
    CHECK_EQ(orc.get<int32_t>("hp"), 19);

    // Moving hands the object over; the moved-from gjs::object is empty.
    gjs::object held = std::move(orc);
    CHECK(!orc);
    CHECK(!orc.type());
    CHECK_THROWS(gjs::invalid_argument, orc.get<int32_t>("hp"));
    CHECK_THROWS(gjs::invalid_argument, g.ctx.call<void>(g.fn("hurt"), orc, 1));
    CHECK_EQ(held.get<int32_t>("hp"), 19);

    // The seed's form; assigning over a held object destroys that one.
    gjs::object elf;
    g.ctx.call(g.fn("spawn"), &elf, "elf", 9);
    CHECK_EQ(elf.get<int32_t>("hp"), 9);
    g.ctx.call(g.fn("spawn"), &elf, "elf2", 10);
    CHECK_EQ(elf.get<std::string>("name"), "elf2");
    CHECK_EQ(g.destroyed(), 2);
    CHECK_EQ(g.take_output(), "bye elf\n");

    // Destroying the gjs::object runs the destructor once.
    held.reset();
    CHECK(!held);
    CHECK_EQ(g.destroyed(), 3);
    CHECK_EQ(g.take_output(), "bye troll\n");
    held.reset();
    CHECK_EQ(g.destroyed(), 3);
    // elf2 goes with `elf` (before the context: declared after it).
}

void arrays() {
    game g;
    gjs::object sq = g.ctx.call<gjs::object>(g.fn("squares"), 5);
    gjs::type t = sq.type();
    CHECK_EQ(t.name(), "array<i32>");
    CHECK_EQ(t.kind(), GJS_TYPE_ARRAY);
    CHECK(t.element() == gjs::type::named("i32"));
    CHECK(t == g.fn("total").arg_type(0));
    CHECK(t.fields().empty());
    CHECK_EQ(sq.size(), 5u);
    CHECK_EQ(sq.get<int32_t>(3), 9);
    CHECK(sq.to_vector<int32_t>() == (std::vector<int32_t>{0, 1, 4, 9, 16}));

    sq.set(1, 100);
    sq.push(int32_t(7));
    // 0 + 100 + 4 + 9 + 16 + 7
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("total"), sq), 136);
    // By reference: grow pushes the length (6) into the host's array.
    g.ctx.call<void>(g.fn("grow"), sq);
    CHECK_EQ(sq.size(), 7u);
    CHECK_EQ(sq.get<int32_t>(6), 6);

    // Out of range: the script's fault, as a runtime error.
    try {
        sq.get<int32_t>(7);
        check::fail(__FILE__, __LINE__, "get(7) of 7 elements did not throw");
    } catch (const gjs::runtime_error& e) {
        CHECK_EQ(e.status(), GJS_RUNTIME_ERROR);
        CHECK_EQ(e.message(), "array index 7 is out of range (length 7)");
    }
    CHECK_THROWS(gjs::runtime_error, sq.set(99, 1));
    // Element types are checked; arrays have no fields.
    CHECK_THROWS(gjs::type_mismatch, sq.get<int64_t>(0));
    CHECK_THROWS(gjs::type_mismatch, sq.get<std::string>(0));
    CHECK_THROWS(gjs::type_mismatch, sq.set(0, 1.5));
    CHECK_THROWS(gjs::type_mismatch, sq.push(uint32_t(1)));
    CHECK_THROWS(gjs::type_mismatch, sq.push("x"));
    CHECK_THROWS(gjs::type_mismatch, sq.to_vector<double>());
    CHECK_THROWS(gjs::type_mismatch, sq.get<int32_t>("length"));
    CHECK_EQ(sq.size(), 7u);

    // Vector results: copies, the array itself destroyed.
    CHECK(g.ctx.call<std::vector<int32_t>>(g.fn("squares"), 4) ==
          (std::vector<int32_t>{0, 1, 4, 9}));
    std::vector<int32_t> seeded;
    g.ctx.call(g.fn("squares"), &seeded, 3);
    CHECK(seeded == (std::vector<int32_t>{0, 1, 4}));
    CHECK(g.ctx.call<std::vector<int32_t>>(g.fn("squares"), 0).empty());

    // Vector arguments: a temporary array of the declared type; the script's changes
    // to it are not written back.
    gjs::function sum = g.fn("sum");
    CHECK_EQ(g.ctx.call<double>(sum, std::vector<double>{1.5, 2.25}), 3.75);
    CHECK_EQ(g.ctx.call<double>(sum, std::vector<double>{}), 0.0);
    std::vector<double> values{1.0, 2.0};
    g.ctx.call<void>(g.fn("double_all"), values);
    CHECK(values == (std::vector<double>{1.0, 2.0}));
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("total"), std::vector<int32_t>{5, 6, 7}), 18);

    // An array the host makes, then passes by reference.
    gjs::object xs = g.ctx.new_array(sum.arg_type(0));
    CHECK_EQ(xs.size(), 0u);
    xs.push(1.5);
    xs.push(2.25);
    CHECK_EQ(g.ctx.call<double>(sum, xs), 3.75);
    g.ctx.call<void>(g.fn("double_all"), xs);
    CHECK(xs.to_vector<double>() == (std::vector<double>{3.0, 4.5}));
    gjs::object ys = g.ctx.new_array(sum.arg_type(0), std::vector<double>{0.5, 0.25});
    CHECK_EQ(g.ctx.call<double>(sum, ys), 0.75);
    CHECK_THROWS(gjs::type_mismatch,
                 g.ctx.new_array(sum.arg_type(0), std::vector<int32_t>{1}));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.new_array(gjs::type::named("i32")));
    CHECK_THROWS(gjs::type_mismatch,
                 g.ctx.new_array(gjs::type::named("i32"), std::vector<int32_t>{1}));

    // bool elements (std::vector<bool> too).
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("count_true"), std::vector<bool>{true, false, true}), 2);
    CHECK(g.ctx.call<std::vector<bool>>(g.fn("evens"), 3) ==
          (std::vector<bool>{true, false, true}));
    gjs::object flags = g.ctx.call<gjs::object>(g.fn("evens"), 2);
    CHECK_EQ(flags.get<bool>(0), true);
    CHECK_EQ(flags.get<bool>(1), false);
    flags.set(1, true);
    flags.push(false);
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("count_true"), flags), 2);
}

void strings() {
    game g;
    gjs::object w = g.ctx.call<gjs::object>(g.fn("words"));
    std::string first = w.get<std::string>(0);
    CHECK_EQ(first, "a");
    CHECK_EQ(w.get<std::string>(2), "ccc");
    w.set(1, std::string("xy"));
    w.push("dddd");
    w.push(std::string_view("e"));
    CHECK_EQ(g.ctx.call<std::string>(g.fn("join"), w), "a-xy-ccc-dddd-e");
    // Copies: still valid after later calls.
    CHECK_EQ(first, "a");
    CHECK(w.to_vector<std::string>() ==
          (std::vector<std::string>{"a", "xy", "ccc", "dddd", "e"}));

    CHECK(g.ctx.call<std::vector<std::string>>(g.fn("words")) ==
          (std::vector<std::string>{"a", "bb", "ccc"}));
    gjs::function join = g.fn("join");
    CHECK_EQ(g.ctx.call<std::string>(join, std::vector<std::string>{"x", "yy"}), "x-yy");
    CHECK_EQ(g.ctx.call<std::string>(join, std::vector<std::string_view>{"p", "q", "r"}),
             "p-q-r");
    CHECK_EQ(g.ctx.call<std::string>(join, std::vector<const char*>{"only"}), "only");
    CHECK_EQ(g.ctx.call<std::string>(join, std::vector<std::string>{}), "");
    // A NULL const char* is refused before the call.
    int32_t before = g.calls();
    CHECK_THROWS(gjs::invalid_argument,
                 g.ctx.call<std::string>(join, std::vector<const char*>{"a", nullptr}));
    CHECK_EQ(g.calls(), before);
}

void formats_and_value_types() {
    game g;
    // Formats as elements: the mapped struct.
    gjs::object path = g.ctx.call<gjs::object>(g.fn("path"), 3);
    CHECK_EQ(path.type().element().kind(), GJS_TYPE_FORMAT);
    CHECK(path.get<Point>(2) == (Point{2.0f, 4.0f}));
    path.set(0, Point{10.0f, 0.5f});
    path.push(Point{10.0f, 0.5f});
    // (10 + 0.5) + (1 + 2) + (2 + 4) + (10 + 0.5)
    CHECK_EQ(g.ctx.call<float>(g.fn("length_sum"), path), 30.0f);
    CHECK_THROWS(gjs::type_mismatch, path.get<Unmapped>(0));
    CHECK_THROWS(gjs::type_mismatch, path.push(Unmapped{1.0f, 1.0f}));
    CHECK(g.ctx.call<std::vector<Point>>(g.fn("path"), 2) ==
          (std::vector<Point>{{0.0f, 0.0f}, {1.0f, 2.0f}}));
    CHECK_EQ(g.ctx.call<float>(g.fn("length_sum"), std::vector<Point>{{1.0f, 2.0f}, {3.0f, 4.0f}}),
             10.0f);
    // A mapped format also crosses call<R> as the struct.
    CHECK(g.ctx.call<Point>(g.fn("mid"), Point{0.0f, 0.0f}, Point{2.0f, 4.0f}) ==
          (Point{1.0f, 2.0f}));

    // Mapping: again is a no-op; by gjs::type (a math vector); wrong layouts, non-formats
    // and unknown names refused.
    CHECK(g.ctx.format<Point>("game", "Point") == g.m.type("Point"));
    gjs::function vsum = g.fn("vsum");
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<float>(vsum, V3{1.0f, 2.0f, 3.0f}));
    CHECK(g.ctx.format<V3>(vsum.arg_type(0)) == vsum.arg_type(0));
    CHECK_EQ(g.ctx.call<float>(vsum, V3{1.0f, 2.0f, 3.0f}), 6.0f);
    CHECK_THROWS(gjs::type_mismatch, g.ctx.format<Wide>("game", "Point"));
    CHECK_THROWS(gjs::invalid_argument, g.ctx.format<Unmapped>("game", "Enemy"));
    CHECK_THROWS(gjs::not_found, g.ctx.format<Unmapped>("game", "Nope"));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<Point>(g.fn("mid"), Unmapped{}, Unmapped{}));

    // Host value types as elements: the struct declared with value_type.
    // 1 * 2 + 3 * 4
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("hv_sum"), std::vector<hv>{{1, 2}, {3, 4}}), 14);
    CHECK(g.ctx.call<std::vector<hv>>(g.fn("hv_pair"), hv{5, 6}) ==
          (std::vector<hv>{{5, 6}, {6, 5}}));
    gjs::object pair = g.ctx.call<gjs::object>(g.fn("hv_pair"), hv{1, 3});
    CHECK(pair.get<hv>(1) == (hv{3, 1}));
    pair.set(0, hv{2, 2});
    // 2 * 2 + 3 * 1
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("hv_sum"), pair), 7);
}

void arrays_of_objects() {
    game g;
    gjs::object squad = g.ctx.call<gjs::object>(g.fn("squad"));
    CHECK_EQ(squad.type().name(), "array<Enemy>");
    CHECK_EQ(squad.size(), 2u);
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("squad_hp"), squad), 7);
    // Their elements are out of the host's reach.
    CHECK_THROWS(gjs::type_mismatch, squad.get<int32_t>(0));
    CHECK_THROWS(gjs::type_mismatch, squad.to_vector<int32_t>());
    g.take_output();
    int32_t before = g.destroyed();
    squad.reset();
    CHECK_EQ(g.destroyed(), before + 2);
    CHECK_EQ(g.take_output(), "bye s2\nbye s1\n");
}

void type_mismatches() {
    game g;
    gjs::object sq = g.ctx.call<gjs::object>(g.fn("squares"), 2);
    gjs::object orc = g.ctx.call<gjs::object>(g.fn("spawn"), "orc", 3);
    gjs::object xs = g.ctx.new_array(g.fn("sum").arg_type(0), std::vector<double>{1.0});
    g.take_output();
    int32_t calls = g.calls();
    int32_t destroyed = g.destroyed();

    gjs::function total = g.fn("total");
    // Arguments: an object of another type, by identity; vectors by element type.
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(total, xs));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(total, orc));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<void>(g.fn("hurt"), sq, 1));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(total, std::vector<double>{1.0}));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(total, std::vector<int64_t>{1}));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(total, std::vector<uint32_t>{1}));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(total, 5));
    CHECK_THROWS(gjs::type_mismatch,
                 g.ctx.call<float>(g.fn("length_sum"), std::vector<Unmapped>{{1.0f, 2.0f}}));
    CHECK_THROWS(gjs::type_mismatch,
                 g.ctx.call<std::string>(g.fn("describe"), std::vector<int32_t>{1}));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(g.fn("call_count"), sq));
    // Results.
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<int32_t>(g.fn("squares"), 3));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<void>(g.fn("squares"), 3));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<gjs::object>(g.fn("call_count")));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<std::vector<double>>(g.fn("squares"), 3));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<std::vector<int32_t>>(g.fn("spawn"), "x", 1));
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call<std::vector<int32_t>>(g.fn("squad")));
    gjs::object o;
    CHECK_THROWS(gjs::type_mismatch, g.ctx.call(g.fn("total"), &o, sq));
    // A right vector with a wrong argument after it: refused before the array is made.
    uint64_t memory = g.ctx.memory_in_use();
    CHECK_THROWS(gjs::type_mismatch,
                 g.ctx.call<int32_t>(g.fn("scaled"), std::vector<int32_t>{1, 2}, 2.0));
    CHECK_EQ(g.ctx.memory_in_use(), memory);

    // Nothing ran, nothing was destroyed, the objects are as they were.
    CHECK_EQ(g.calls(), calls);
    CHECK_EQ(g.destroyed(), destroyed);
    CHECK(g.take_output().empty());
    CHECK_EQ(sq.size(), 2u);
    CHECK_EQ(orc.get<int32_t>("hp"), 3);
    // The right types work: (1 + 2) * 3.
    CHECK_EQ(g.ctx.call<int32_t>(g.fn("scaled"), std::vector<int32_t>{1, 2}, 3), 9);

    // The messages name the declaration and both types.
    try {
        g.ctx.call<int32_t>(total, xs);
    } catch (const gjs::type_mismatch& e) {
        std::string what = e.what();
        CHECK(what.find("i32 total(array<i32> a)") != std::string::npos);
        CHECK(what.find("gjs::object of array<f64>") != std::string::npos);
    }
    try {
        g.ctx.call<int32_t>(total, std::vector<double>{1.0});
    } catch (const gjs::type_mismatch& e) {
        CHECK(std::string(e.what()).find("std::vector<double>") != std::string::npos);
    }
}

void runtime_errors() {
    game g;
    g.take_output();
    try {
        g.ctx.call<gjs::object>(g.fn("boom"), 1);
        check::fail(__FILE__, __LINE__, "boom(1) returned");
    } catch (const gjs::runtime_error& e) {
        CHECK_EQ(e.message(), "boom");
        CHECK_EQ(e.type_name(), "Error");
        CHECK(!e.backtrace().empty() && e.backtrace()[0].function == "boom");
    }
    CHECK_THROWS(gjs::runtime_error, g.ctx.call<std::vector<int32_t>>(g.fn("boom_array"), 1));
    gjs::object none;
    CHECK_THROWS(gjs::runtime_error, g.ctx.call(g.fn("boom"), &none, 2));
    CHECK(!none);
    // The same functions succeed without the error; nothing was destroyed on the way.
    gjs::object fine = g.ctx.call<gjs::object>(g.fn("boom"), 0);
    CHECK_EQ(fine.get<std::string>("name"), "never");
    CHECK(g.ctx.call<std::vector<int32_t>>(g.fn("boom_array"), 0) == (std::vector<int32_t>{0}));
    CHECK_EQ(g.destroyed(), 0);
    CHECK(g.take_output().empty());
}

void lifetimes() {
    game g;
    gjs::object ghost;
    gjs::object ghosts;
    gjs::object empty;
    std::string other_out;
    {
        gjs::context other;
        other.set_output([&](std::string_view s) { other_out += s; });
        other.value_type<hv>("engine", "hv { i32 a, i32 b }");
        gjs::module m2 = other.add_code("game", kGame);
        ghost = other.call<gjs::object>(m2.function("spawn"), "ghost", 1);
        ghosts = other.call<gjs::object>(m2.function("squares"), 2);
        // Objects of another context are refused before anything runs.
        int32_t calls = g.calls();
        CHECK_THROWS(gjs::invalid_argument, g.ctx.call<int32_t>(g.fn("total"), ghosts));
        CHECK_THROWS(gjs::invalid_argument, g.ctx.call<void>(g.fn("hurt"), ghost, 1));
        CHECK_THROWS(gjs::invalid_argument, g.ctx.call<int32_t>(g.fn("total"), empty));
        CHECK_EQ(g.calls(), calls);
        // A moved context keeps its objects.
        gjs::context moved = std::move(other);
        CHECK_EQ(moved.call<int32_t>(m2.function("total"), ghosts), 1);
        CHECK(other_out.empty());
    }
    // Destroyed with their context; the handles stay and are still freed.
    CHECK_EQ(other_out, "bye ghost\n");
    CHECK(ghost);
    CHECK(!ghost.type());
    CHECK_THROWS(gjs::invalid_argument, ghost.get<int32_t>("hp"));
    CHECK_THROWS(gjs::invalid_argument, ghosts.size());
    CHECK_THROWS(gjs::invalid_argument, ghosts.push(1));
    CHECK_THROWS(gjs::invalid_argument, ghosts.to_vector<int32_t>());
    CHECK_THROWS(gjs::invalid_argument, g.ctx.call<int32_t>(g.fn("total"), ghosts));
    ghost.reset();
    CHECK(!ghost);
    CHECK_EQ(other_out, "bye ghost\n");
    // `ghosts` is freed by its destructor after the context went.
}

// Objects made and dropped many ways: VM memory returns to its level.
void no_leaks() {
    game g;
    auto churn = [&] {
        gjs::object a = g.ctx.call<gjs::object>(g.fn("squares"), 20);
        gjs::object w = g.ctx.call<gjs::object>(g.fn("words"));
        gjs::object e = g.ctx.call<gjs::object>(g.fn("spawn"), "grunt", 2);
        e.set("name", std::string(100, 'x'));
        w.push(std::string(100, 'y'));
        g.ctx.call<void>(g.fn("hurt"), e, 1);
        g.ctx.call<std::string>(g.fn("join"), w);
        g.ctx.call<std::vector<std::string>>(g.fn("words"));
        g.ctx.call<std::string>(g.fn("join"), std::vector<std::string>{"aa", "bb"});
        g.ctx.call<double>(g.fn("sum"), std::vector<double>{1.0, 2.0, 3.0});
        g.ctx.call<std::vector<Point>>(g.fn("path"), 4);
        try {
            g.ctx.call<gjs::object>(g.fn("boom"), 1);
        } catch (const gjs::runtime_error&) {
        }
        g.ctx.call<gjs::object>(g.fn("squad"));
    };
    churn();
    uint64_t base = g.ctx.memory_in_use();
    for (int i = 0; i < 200; ++i) churn();
    CHECK_EQ(g.ctx.memory_in_use(), base);
}

}  // namespace

int main() {
    try {
        class_instances();
        arrays();
        strings();
        formats_and_value_types();
        arrays_of_objects();
        type_mismatches();
        runtime_errors();
        lifetimes();
        no_leaks();
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    return check::finish("objects");
}
