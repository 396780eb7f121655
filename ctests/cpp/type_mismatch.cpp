// C++ types that do not match a declaration throw gjs::type_mismatch before anything
// runs: wrong arity, a wrong C++ type for a parameter, a wrong result type; for calls
// and for bindings alike.
#include "check.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace {

const char* const kSource =
    "i32 calls = 0;\n"
    "i32 count() { return calls; }\n"
    "i32 add(i32 a, i32 b) { calls++; print('ran'); return a + b; }\n"
    "void noisy(string s) { calls++; print(s); }\n"
    "f32 scale(f32 x) { calls++; return x * 2.0f; }\n"
    "u8 byte(u8 x) { calls++; return x; }\n"
    "i64 wide(i64 x) { calls++; return x; }\n"
    "bool yes() { calls++; return true; }\n";

void calls() {
    gjs::context ctx;
    std::string out;
    ctx.set_output([&](std::string_view s) { out += s; });
    gjs::module m = ctx.add_code("m", kSource);
    m.init();
    gjs::function add = m.function("add");

    // Arity.
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, 1));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, 1, 2, 3));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<void>(m.function("noisy")));

    // A wrong C++ type for a parameter: no conversions, not even widening ones.
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, int64_t(1), 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, 1, uint32_t(2)));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, 1, int16_t(2)));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, 1.0, 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, true, 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(add, "1", 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(m.function("scale"), 1.0));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(m.function("scale"), 1));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<uint8_t>(m.function("byte"), int8_t(1)));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<uint8_t>(m.function("byte"), 1));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int64_t>(m.function("wide"), uint64_t(1)));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<void>(m.function("noisy"), 5));

    // A wrong result type.
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int64_t>(add, 1, 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<uint32_t>(add, 1, 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<float>(add, 1, 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<void>(add, 1, 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<std::string>(add, 1, 2));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<double>(m.function("scale"), 1.0f));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(m.function("yes")));
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(m.function("noisy"), "x"));
    float f = 0;
    CHECK_THROWS(gjs::type_mismatch, ctx.call(add, &f, 1, 2));
    int32_t i = 0;
    CHECK_THROWS(gjs::type_mismatch, ctx.call(add, &i, 1, 2.0f));

    // Nothing ran.
    CHECK(out.empty());
    CHECK_EQ(ctx.call<int32_t>(m.function("count")), 0);

    // The message names the declaration and both types.
    try {
        ctx.call<int32_t>(add, 1, 2.5);
    } catch (const gjs::type_mismatch& e) {
        std::string what = e.what();
        CHECK_EQ(e.status(), GJS_TYPE_MISMATCH);
        CHECK(what.find("i32 add(i32 a, i32 b)") != std::string::npos);
        CHECK(what.find("double") != std::string::npos);
    }

    // The right types work.
    CHECK_EQ(ctx.call<int32_t>(add, 1, 2), 3);
    CHECK_EQ(ctx.call<float>(m.function("scale"), 1.5f), 3.0f);
    CHECK_EQ(ctx.call<uint8_t>(m.function("byte"), uint8_t(200)), uint8_t(200));
    CHECK_EQ(ctx.call<bool>(m.function("yes")), true);
    ctx.call<void>(m.function("noisy"), std::string_view("ok"));
    CHECK_EQ(out, "ran\nok\n");
    CHECK_EQ(ctx.call<int32_t>(m.function("count")), 5);
}

int free_function(int a, int b) { return a * b; }

void bindings() {
    gjs::context ctx;
    // Arity.
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("i32 f(i32 a, i32 b)", [](int32_t a) { return a; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.bind("i32 f(i32 a)", [](int32_t a, int32_t b) { return a + b; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("void f()", [](int32_t) {}));
    // Parameter types.
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("f32 f(f32 x)", [](double x) { return float(x); }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.bind("i32 f(i64 x)", [](int32_t x) { return x; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.bind("i32 f(u32 x)", [](int32_t x) { return x; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.bind("i32 f(string s)", [](int32_t x) { return x; }));
    CHECK_THROWS(gjs::type_mismatch,
                 ctx.bind("i32 f(i32 x)", [](std::string s) { return int32_t(s.size()); }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("void f(bool b)", [](int32_t) {}));
    // Result types.
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("i32 f()", [] { return 1.0f; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("i32 f()", [] { return int64_t(1); }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("i32 f()", [] {}));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("void f()", [] { return 1; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("string f()", [] { return 1; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("i16 f(i16 a, i16 b)",
                                              [](int16_t a, int16_t b) { return a + b; }));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind("f32 f(i32 a, i32 b)", &free_function));
    CHECK_THROWS(gjs::type_mismatch, ctx.bind_in("engine", "u8 f()", [] { return int8_t(1); }));

    // Nothing was bound: a script using those names does not compile.
    CHECK_THROWS(gjs::compile_error, ctx.add_code("uses", "i32 g() { return f(1, 2); }"));
    CHECK_THROWS(gjs::compile_error, ctx.add_code("uses2", "import { f } from 'engine';"));

    // The matching forms bind.
    ctx.bind("i32 f(i32 a, i32 b)", &free_function);
    ctx.bind("i16 g(i16 a, i16 b)",
             [](int16_t a, int16_t b) -> int16_t { return int16_t(a + b); });
    gjs::module m = ctx.add_code("uses", "i32 h() { return f(6, 7) + g(1, 1); }");
    CHECK_EQ(ctx.call<int32_t>(m.function("h")), 44);
}

}  // namespace

int main() {
    try {
        calls();
        bindings();
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    return check::finish("type_mismatch");
}
