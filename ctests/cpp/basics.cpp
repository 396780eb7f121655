// The wrapper's basics: the seed's example, call<R> with every type, the seed's
// call(f, &result, args...) form, strings, modules and introspection, RAII moves.
#include "check.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

const char* const kAllTypes =
    "bool flip(bool b) { return !b; }\n"
    "i8 neg8(i8 x) { return -x; }\n"
    "u8 inc8(u8 x) { return x + 1; }\n"
    "i16 neg16(i16 x) { return -x; }\n"
    "u16 inc16(u16 x) { return x + 1; }\n"
    "i32 add(i32 a, i32 b) { return a + b; }\n"
    "u32 inc32(u32 x) { return x + 1; }\n"
    "i64 mul64(i64 a, i64 b) { return a * b; }\n"
    "u64 twice64(u64 x) { return x * 2; }\n"
    "f32 mul(f32 a, f32 b) { return a * b; }\n"
    "f64 half(f64 x) { return x / 2.0; }\n"
    "string greet(string who, i32 n) { return 'hi ' + who + n; }\n"
    "u32 len(string s) { return s.length; }\n"
    "string echo(string s) { return s; }\n"
    "f64 mix(i8 a, u16 b, f32 c, bool d, u64 e, string f) {\n"
    "    f64 s = a + b + c + f.length; if (d) s = s + e; return s; }\n"
    "i32 calls = 0;\n"
    "void touch() { calls++; }\n"
    "i32 count() { return calls; }\n";

void seed_example() {
    // embedding.md §9, with the output captured to check it.
    std::string out;
    gjs::context ctx{gjs::vm_backend(4096, 4096)};
    ctx.set_output([&](std::string_view s) { out += s; });
    gjs::module mod = ctx.add_code("test.gjs",
                                   "string world = 'world!';\n"
                                   "void func() { print('Hello, ' + world); }\n"
                                   "f32 mul(f32 a, f32 b) { return a * b; }\n");
    mod.init();
    ctx.call<void>(mod.function("func"));
    CHECK_EQ(out, "Hello, world!\n");
    float r = 0;
    ctx.call(mod.function("mul"), &r, 61.0f, 69.0f);  // the seed's shape
    CHECK_EQ(r, 4209.0f);
    float r2 = ctx.call<float>(mod.function("mul"), 61.0f, 69.0f);
    CHECK_EQ(r2, 4209.0f);

    // And with the default backend, printing to the real stdout.
    gjs::context plain;
    gjs::module m2 = plain.add_code("test.gjs", "void func() { print('Hello, world!'); }");
    m2.init();
    plain.call<void>(m2.function("func"));
    std::fflush(stdout);
}

void every_type() {
    gjs::context ctx;
    gjs::module m = ctx.add_code("types", kAllTypes);
    CHECK_EQ(ctx.call<bool>(m.function("flip"), true), false);
    CHECK_EQ(ctx.call<bool>(m.function("flip"), false), true);
    CHECK_EQ(ctx.call<int8_t>(m.function("neg8"), int8_t(-128)), int8_t(-128));
    CHECK_EQ(ctx.call<int8_t>(m.function("neg8"), int8_t(5)), int8_t(-5));
    CHECK_EQ(ctx.call<uint8_t>(m.function("inc8"), uint8_t(255)), uint8_t(0));
    CHECK_EQ(ctx.call<int16_t>(m.function("neg16"), int16_t(1234)), int16_t(-1234));
    CHECK_EQ(ctx.call<uint16_t>(m.function("inc16"), uint16_t(65535)), uint16_t(0));
    CHECK_EQ(ctx.call<int32_t>(m.function("add"), 40, 2), 42);
    CHECK_EQ(ctx.call<int32_t>(m.function("add"), std::numeric_limits<int32_t>::max(), 1),
             std::numeric_limits<int32_t>::min());
    CHECK_EQ(ctx.call<uint32_t>(m.function("inc32"), 4000000000u), 4000000001u);
    CHECK_EQ(ctx.call<int64_t>(m.function("mul64"), int64_t(3000000000), int64_t(-3)),
             int64_t(-9000000000));
    CHECK_EQ(ctx.call<uint64_t>(m.function("twice64"), uint64_t(1) << 62), uint64_t(1) << 63);
    // long long is a 64-bit signed integer as well.
    CHECK_EQ(ctx.call<long long>(m.function("mul64"), 7LL, 6LL), 42LL);
    CHECK_EQ(ctx.call<float>(m.function("mul"), 1.5f, 4.0f), 6.0f);
    CHECK(std::isinf(ctx.call<float>(m.function("mul"), std::numeric_limits<float>::max(), 2.0f)));
    CHECK_EQ(ctx.call<double>(m.function("half"), 5.0), 2.5);
    CHECK_EQ(ctx.call<double>(m.function("mix"), int8_t(-1), uint16_t(2), 0.5f, true,
                              uint64_t(1000), "abc"),
             1004.5);

    // Strings in every form, and out as std::string.
    std::string who = "bob";
    std::string_view view = "view";
    const char* c_str = "cstr";
    char buffer[] = "buffer";
    CHECK_EQ(ctx.call<std::string>(m.function("greet"), who, 7), "hi bob7");
    CHECK_EQ(ctx.call<std::string>(m.function("greet"), std::string("tmp"), 1), "hi tmp1");
    CHECK_EQ(ctx.call<std::string>(m.function("greet"), view, 2), "hi view2");
    CHECK_EQ(ctx.call<std::string>(m.function("greet"), c_str, 3), "hi cstr3");
    CHECK_EQ(ctx.call<std::string>(m.function("greet"), "literal", 4), "hi literal4");
    CHECK_EQ(ctx.call<std::string>(m.function("greet"), buffer, 5), "hi buffer5");
    // Bytes, not C strings.
    std::string with_nul("a\0b", 3);
    CHECK_EQ(ctx.call<uint32_t>(m.function("len"), with_nul), 3u);
    CHECK_EQ(ctx.call<std::string>(m.function("echo"), with_nul), with_nul);
    CHECK_EQ(ctx.call<std::string>(m.function("echo"), ""), "");
    std::string big(100000, 'x');
    CHECK_EQ(ctx.call<std::string>(m.function("echo"), big), big);
    // The result is a copy: it outlives later calls.
    std::string first = ctx.call<std::string>(m.function("echo"), "first");
    std::string second = ctx.call<std::string>(m.function("echo"), "second");
    CHECK_EQ(first, "first");
    CHECK_EQ(second, "second");
    // A NULL const char* is refused before anything runs.
    const char* null_str = nullptr;
    CHECK_THROWS(gjs::invalid_argument, ctx.call<uint32_t>(m.function("len"), null_str));

    // The seed's form with every kind of result.
    bool b = true;
    ctx.call(m.function("flip"), &b, true);
    CHECK_EQ(b, false);
    int32_t i = 0;
    ctx.call(m.function("add"), &i, 1, 2);
    CHECK_EQ(i, 3);
    std::string s;
    ctx.call(m.function("greet"), &s, "x", 9);
    CHECK_EQ(s, "hi x9");
    double d = 0;
    ctx.call(m.function("half"), &d, 3.0);
    CHECK_EQ(d, 1.5);

    // void, and module state between calls.
    ctx.call<void>(m.function("touch"));
    ctx.call<void>(m.function("touch"));
    CHECK_EQ(ctx.call<int32_t>(m.function("count")), 2);

    // Strings passed in and out do not stay allocated.
    uint64_t before = ctx.memory_in_use();
    for (int k = 0; k < 100; ++k) ctx.call<std::string>(m.function("greet"), who, k);
    CHECK_EQ(ctx.memory_in_use(), before);
}

void modules_and_introspection() {
    gjs::context ctx;
    std::string out;
    ctx.set_output([&](std::string_view s) { out += s; });
    gjs::module lib = ctx.add_code("lib", "i32 square(i32 x) { return x * x; }\nprint('lib');");
    gjs::module app = ctx.add_code(
        "app",
        "import { square } from 'lib';\n"
        "f32 mul(f32 a, f32 b) { return a * b; }\n"
        "string describe(i32 v) { return 'i32:' + v; }\n"
        "string describe(f64 v) { return 'f64:' + v.toFixed(1); }\n"
        "print('app ' + square(3));\n");
    CHECK(out.empty());  // compiling runs nothing
    app.init();
    app.init();  // once only
    CHECK_EQ(out, "lib\napp 9\n");

    CHECK_EQ(app.name(), "app");
    CHECK_EQ(ctx.module("lib").handle(), lib.handle());
    CHECK_THROWS(gjs::not_found, ctx.module("nope"));

    gjs::function mul = app.function("mul");
    CHECK_EQ(mul.name(), "mul");
    CHECK_EQ(mul.decl(), "f32 mul(f32 a, f32 b)");
    CHECK_EQ(mul.arg_count(), 2u);
    CHECK_EQ(mul.arg_type(0).name(), "f32");
    CHECK_EQ(mul.arg_type(1).size(), 4u);
    CHECK_EQ(mul.arg_type(1).alignment(), 4u);
    CHECK_EQ(mul.arg_type(1).kind(), GJS_TYPE_FLOAT);
    CHECK(!mul.arg_type(2));
    CHECK(mul.return_type() == gjs::type::named("f32"));
    CHECK_EQ(gjs::type::named("string").size(), sizeof(gjs_str));
    CHECK_EQ(gjs::type::named("void").kind(), GJS_TYPE_VOID);
    CHECK_THROWS(gjs::not_found, gjs::type::named("i128"));

    // Overloads: by declaration; by name is not found, and says why.
    CHECK_EQ(ctx.call<std::string>(app.function_by_decl("string describe(i32)"), 4), "i32:4");
    CHECK_EQ(ctx.call<std::string>(app.function_by_decl("string describe(f64 v)"), 2.25),
             "f64:2.2");
    try {
        app.function("describe");
        check::fail(__FILE__, __LINE__, "an overloaded name was found");
    } catch (const gjs::not_found& e) {
        CHECK(std::string(e.what()).find("overloaded") != std::string::npos);
        CHECK_EQ(e.status(), GJS_NOT_FOUND);
    }
    CHECK_THROWS(gjs::not_found, app.function("missing"));
    CHECK_THROWS(gjs::not_found, app.function_by_decl("void missing()"));

    // Iteration in declaration order, with __init__.
    std::vector<std::string> names;
    for (const gjs::function& f : app.functions()) names.push_back(f.name());
    std::vector<std::string> expected{"mul", "describe", "describe", "__init__"};
    CHECK(names == expected);
    gjs::function init = app.function("__init__");
    CHECK_EQ(init.arg_count(), 0u);
    ctx.call<void>(init);  // already initialised: nothing runs
    CHECK_EQ(out, "lib\napp 9\n");
}

void global_functions() {
    gjs::context ctx;
    ctx.bind("f32 lerp(f32 a, f32 b, f32 t)", [](float a, float b, float t) { return a + (b - a) * t; });
    gjs::function lerp = ctx.global_function("f32 lerp(f32, f32, f32)");
    CHECK_EQ(lerp.decl(), "f32 lerp(f32 a, f32 b, f32 t)");
    CHECK_EQ(ctx.call<float>(lerp, 0.0f, 10.0f, 0.5f), 5.0f);
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(lerp, 0.0, 10.0, 0.5));
    CHECK_THROWS(gjs::not_found, ctx.global_function("f32 lerp(f32, f32)"));
}

void raii_and_moves() {
    // A moved context keeps its modules, functions and bindings working.
    gjs::context a{gjs::vm_backend(0, 1 << 20)};
    a.bind("i32 seven()", [] { return int32_t(7); });
    gjs::module m = a.add_code("m", "i32 f() { return seven() * 6; }");
    gjs::function f = m.function("f");
    gjs::context b = std::move(a);
    CHECK_EQ(b.call<int32_t>(f), 42);
    CHECK(a.handle() == nullptr);
    CHECK_THROWS(gjs::invalid_argument, a.add_code("x", "i32 y = 1;"));
    gjs::context c;
    c = std::move(b);
    CHECK_EQ(c.call<int32_t>(f), 42);

    // Backends are move-only too, and freed when never used.
    gjs::vm_backend unused(1 << 16, 1 << 20);
    CHECK(unused.gp_count() > 0);
    CHECK(unused.fp_count() > 0);
    gjs::vm_backend moved = std::move(unused);
    CHECK(unused.handle() == nullptr);
    CHECK(moved.handle() != nullptr);
    gjs::vm_backend sized = gjs::vm_backend::sized(1 << 16, 100000, 1000000);
    gjs::context d{std::move(sized)};
    CHECK_EQ(d.call<int32_t>(d.add_code("m", "i32 f() { return 1; }").function("f")), 1);

    // Many contexts in a row.
    for (int i = 0; i < 20; ++i) {
        gjs::context tmp;
        CHECK_EQ(tmp.call<int32_t>(tmp.add_code("m", "i32 f(i32 x) { return x; }").function("f"), i),
                 i);
    }
}

}  // namespace

int main() {
    try {
        seed_example();
        every_type();
        modules_and_introspection();
        global_functions();
        raii_and_moves();
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    return check::finish("basics");
}
