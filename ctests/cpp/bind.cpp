// Binding C++ callables: every type in and out, global and host-module functions,
// state, re-entrant calls back into the context, and C++ exceptions carried through
// the script and re-raised on the host side as the original exception.
#include "check.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace {

struct my_error : std::exception {
    explicit my_error(int code) : code(code) {}
    const char* what() const noexcept override { return "my_error from the engine"; }
    int code;
};

void all_types() {
    gjs::context ctx;
    std::string out;
    ctx.set_output([&](std::string_view s) { out += s; });
    ctx.bind("f32 lerp(f32 a, f32 b, f32 t)", [](float a, float b, float t) { return a + (b - a) * t; });
    ctx.bind("bool both(bool a, bool b)", [](bool a, bool b) { return a && b; });
    ctx.bind("i8 n8(i8 x)", [](int8_t x) { return int8_t(-x); });
    ctx.bind("u8 u8max()", [] { return uint8_t(255); });
    ctx.bind("i16 n16(i16 x)", [](int16_t x) { return int16_t(-x); });
    ctx.bind("u16 u16of(u16 x)", [](uint16_t x) { return x; });
    ctx.bind("i32 sum(i32 a, i32 b)", [](int32_t a, int32_t b) { return a + b; });
    ctx.bind("u32 u32of(u32 x)", [](uint32_t x) { return x; });
    ctx.bind("i64 i64of(i64 x)", [](int64_t x) { return x * 2; });
    ctx.bind("u64 u64of(u64 x)", [](uint64_t x) { return x + 1; });
    ctx.bind("f64 f64of(f64 x)", [](double x) { return x / 4; });
    // Strings: every parameter form and every result form.
    ctx.bind("string upper(string s)", [](std::string s) {
        for (char& c : s) c = char(c >= 'a' && c <= 'z' ? c - 32 : c);
        return s;
    });
    ctx.bind("u32 viewLen(string s)", [](std::string_view s) { return uint32_t(s.size()); });
    ctx.bind("u32 refLen(string s)", [](const std::string& s) { return uint32_t(s.size()); });
    ctx.bind("u32 cLen(string s)", [](const char* s) { return uint32_t(std::strlen(s)); });
    ctx.bind("string constant()", [] { return std::string_view("a view"); });
    ctx.bind("string cstring()", [] { return "a C string"; });
    ctx.bind("string withNul()", [] { return std::string("x\0y", 3); });
    ctx.bind("void log(string s)", [&](std::string_view s) { out += "log:"; out += s; out += '\n'; });

    gjs::module m = ctx.add_code(
        "use",
        "print(lerp(0.0f, 10.0f, 0.25f).toFixed(2));\n"
        "print('' + both(true, true) + both(true, false));\n"
        "print('' + n8(-128) + ' ' + u8max() + ' ' + n16(300) + ' ' + u16of(65535));\n"
        "print('' + sum(40, 2) + ' ' + u32of(4000000000) + ' ' + i64of(5000000000));\n"
        "print('' + u64of(18446744073709551614) + ' ' + f64of(1.0));\n"
        "print(upper('shout') + ' ' + viewLen('four') + refLen('abc') + cLen('hi'));\n"
        "print(constant() + ', ' + cstring() + ', ' + withNul().length);\n"
        "log('done');\n"
        "string up(string s) { return upper(s); }\n");
    m.init();
    CHECK_EQ(out,
             "2.50\n"
             "truefalse\n"
             "-128 255 -300 65535\n"
             "42 4000000000 10000000000\n"
             "18446744073709551615 0.250000\n"
             "SHOUT 432\n"
             "a view, a C string, 3\n"
             "log:done\n");
    // A string with a NUL byte reaches a std::string parameter whole.
    CHECK_EQ(ctx.call<std::string>(m.function("up"), std::string("a\0b", 3)),
             std::string("A\0B", 3));
}

int32_t plain_function(int32_t x) { return x * 3; }

void kinds_of_callables() {
    gjs::context ctx;
    // A stateful (mutable) lambda, a function pointer, a std::function, a functor.
    int counter = 0;
    ctx.bind("i32 next()", [n = 0]() mutable { return ++n; });
    ctx.bind("i32 triple(i32 x)", &plain_function);
    ctx.bind("i32 triple2(i32 x)", plain_function);
    std::function<int32_t(int32_t)> twice = [](int32_t x) { return 2 * x; };
    ctx.bind("i32 twice(i32 x)", twice);
    struct functor {
        int* counter;
        void operator()() const { ++*counter; }
    };
    ctx.bind("void bump()", functor{&counter});
    ctx.bind("i32 safe(i32 x)", [](int32_t x) noexcept { return x; });
    // Host modules.
    ctx.bind_in("engine", "string name()", [] { return std::string("engine"); });
    ctx.bind_in("engine", "i32 spawn(i32 kind)", [](int32_t kind) { return kind * 100; });
    gjs::module m = ctx.add_code(
        "game",
        "import { name, spawn } from 'engine';\n"
        "i32 run() { bump(); bump(); return next() + next() + triple(1) + triple2(1) + twice(5)\n"
        "    + spawn(1) + name().length + safe(0); }\n");
    // 1 + 2 + 3 + 3 + 10 + 100 + 6 + 0
    CHECK_EQ(ctx.call<int32_t>(m.function("run")), 125);
    CHECK_EQ(counter, 2);
    // The host module is a module: look it up and call into it directly.
    gjs::module engine = ctx.module("engine");
    CHECK_EQ(engine.functions().size(), 2u);
    CHECK_EQ(ctx.call<int32_t>(engine.function("spawn"), 3), 300);
    CHECK_EQ(engine.function("spawn").decl(), "i32 spawn(i32 kind)");
    // Host functions cannot go into a script module.
    CHECK_THROWS(gjs::invalid_argument, ctx.bind_in("game", "void x()", [] {}));
    // Nor repeat a signature.
    CHECK_THROWS(gjs::invalid_argument, ctx.bind("i32 next()", [] { return 0; }));
}

void lifetime_of_bound_callables() {
    auto token = std::make_shared<int>(0);
    {
        gjs::context ctx;
        ctx.bind("i32 f()", [token] { return *token; });
        CHECK_EQ(token.use_count(), 2);
        // A failed bind does not keep the callable either.
        CHECK_THROWS(gjs::invalid_argument, ctx.bind("i32 f()", [token] { return *token; }));
        CHECK_EQ(token.use_count(), 2);
        gjs::context moved = std::move(ctx);
        CHECK_EQ(token.use_count(), 2);
    }
    // Released with the context.
    CHECK_EQ(token.use_count(), 1);
}

void reentrancy() {
    gjs::context ctx;
    gjs::function twice, fact;
    int depth = 0, max_depth = 0;
    // script -> host -> script
    ctx.bind("i32 viaHost(i32 v)", [&](int32_t v) { return ctx.call<int32_t>(twice, v); });
    // script -> host -> script -> host ... alternating
    ctx.bind("i64 hostFact(i64 n)", [&](int64_t n) -> int64_t {
        if (n <= 1) return 1;
        ++depth;
        max_depth = std::max(max_depth, depth);
        int64_t r = ctx.call<int64_t>(fact, n);
        --depth;
        return r;
    });
    gjs::module m = ctx.add_code("m",
                                 "i32 twice(i32 v) { return 2 * v; }\n"
                                 "i32 run(i32 v) { return viaHost(v) + viaHost(v + 1); }\n"
                                 "i64 fact(i64 n) { return n * hostFact(n - 1); }\n");
    twice = m.function("twice");
    fact = m.function("fact");
    CHECK_EQ(ctx.call<int32_t>(m.function("run"), 10), 42);
    CHECK_EQ(ctx.call<int64_t>(fact, int64_t(10)), 3628800);
    CHECK_EQ(max_depth, 8);
    CHECK_EQ(depth, 0);
    // A string result of a nested call is copied before the outer call goes on.
    gjs::function greet;
    ctx.bind("string viaHostGreet(string who)",
             [&](std::string who) { return ctx.call<std::string>(greet, who) + "!"; });
    gjs::module g = ctx.add_code("g",
                                 "string greet(string who) { return 'hi ' + who; }\n"
                                 "string both() { return viaHostGreet('a') + viaHostGreet('b'); }\n");
    greet = g.function("greet");
    CHECK_EQ(ctx.call<std::string>(g.function("both")), "hi a!hi b!");
    // A type mismatch inside a callable is an exception like any other.
    ctx.bind("i32 wrong()", [&] { return ctx.call<int32_t>(twice, 1.0); });
    gjs::module w = ctx.add_code("w", "i32 callWrong() { return wrong(); }");
    CHECK_THROWS(gjs::type_mismatch, ctx.call<int32_t>(w.function("callWrong")));
}

void exceptions_through_scripts() {
    gjs::context ctx;
    std::string out;
    ctx.set_output([&](std::string_view s) { out += s; });
    ctx.bind("void fail(i32 code)", [](int32_t code) { throw my_error(code); });
    ctx.bind("void failStd()", [] { throw std::out_of_range("index 7 out of range"); });
    ctx.bind("void failOther()", [] { throw 42; });
    ctx.bind_in("engine", "i32 explode()", []() -> int32_t { throw my_error(-1); });
    gjs::module m = ctx.add_code("m",
                                 "import { explode } from 'engine';\n"
                                 "void run(i32 code) { print('before'); fail(code); print('after'); }\n"
                                 "void deeper(i32 code) { run(code); }\n"
                                 "void runStd() { failStd(); }\n"
                                 "void runOther() { failOther(); }\n"
                                 "i32 runEngine() { return explode() + 1; }\n");
    // The original exception object, with its data.
    try {
        ctx.call<void>(m.function("deeper"), 7);
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const my_error& e) {
        CHECK_EQ(e.code, 7);
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("wrong exception: ") + e.what());
    }
    CHECK_EQ(out, "before\n");  // the script stopped at the throw
    CHECK_THROWS(std::out_of_range, ctx.call<void>(m.function("runStd")));
    try {
        ctx.call<void>(m.function("runOther"));
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (int v) {
        CHECK_EQ(v, 42);
    } catch (...) {
        check::fail(__FILE__, __LINE__, "wrong exception for throw 42");
    }
    CHECK_THROWS(my_error, ctx.call<int32_t>(m.function("runEngine")));
    // Also out of init().
    gjs::module at_init = ctx.add_code("at_init", "fail(3);");
    try {
        at_init.init();
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const my_error& e) {
        CHECK_EQ(e.code, 3);
    }
    // The context is fine afterwards, and a later, unrelated error is not mistaken
    // for the earlier C++ exception.
    gjs::module ok = ctx.add_code("ok", "i32 div(i32 a, i32 b) { return a / b; }");
    CHECK_EQ(ctx.call<int32_t>(ok.function("div"), 6, 3), 2);
    try {
        ctx.call<int32_t>(ok.function("div"), 6, 0);
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const gjs::runtime_error& e) {
        CHECK(std::string(e.what()).find("division by zero") != std::string::npos);
    }

    // Through re-entrant calls: thrown two host levels down, it comes out as itself.
    gjs::function inner;
    ctx.bind("void callInner(i32 code)", [&](int32_t code) { ctx.call<void>(inner, code); });
    gjs::module nest = ctx.add_code("nest",
                                    "void innerFn(i32 code) { fail(code); }\n"
                                    "void outerFn(i32 code) { callInner(code); }\n");
    inner = nest.function("innerFn");
    try {
        ctx.call<void>(nest.function("outerFn"), 11);
        check::fail(__FILE__, __LINE__, "no exception");
    } catch (const my_error& e) {
        CHECK_EQ(e.code, 11);
    }

    // The script sees the exception as an Error with the what() message. If the
    // language can catch it, a caught exception stays in the script.
    try {
        gjs::module catcher = ctx.add_code(
            "catcher",
            "string attempt(i32 code) {\n"
            "    try { fail(code); } catch (Error e) { return 'caught: ' + e.message; }\n"
            "    return 'not thrown';\n"
            "}\n");
        CHECK_EQ(ctx.call<std::string>(catcher.function("attempt"), 1),
                 "caught: my_error from the engine");
    } catch (const gjs::compile_error& e) {
        // This version of gjs has no try/catch yet (E0500).
        CHECK(!e.diagnostics().empty() && e.diagnostics()[0].code == "E0500");
    }
}

}  // namespace

int main() {
    try {
        all_types();
        kinds_of_callables();
        lifetime_of_bound_callables();
        reentrancy();
        exceptions_through_scripts();
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    return check::finish("bind");
}
