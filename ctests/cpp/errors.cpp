// Failures map to the gjs exception hierarchy with their details: compile errors
// with diagnostics, runtime errors with backtraces, the limits (memory, stack, steps,
// interrupts), lookups and bad arguments; the context stays usable after each.
#include "check.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <type_traits>

namespace {

static_assert(std::is_base_of_v<std::runtime_error, gjs::error>);
static_assert(std::is_base_of_v<gjs::error, gjs::compile_error>);
static_assert(std::is_base_of_v<gjs::error, gjs::runtime_error>);
static_assert(std::is_base_of_v<gjs::runtime_error, gjs::out_of_memory>);
static_assert(std::is_base_of_v<gjs::runtime_error, gjs::stack_overflow>);
static_assert(std::is_base_of_v<gjs::runtime_error, gjs::interrupted>);
static_assert(std::is_base_of_v<gjs::error, gjs::type_mismatch>);
static_assert(std::is_base_of_v<gjs::error, gjs::invalid_argument>);
static_assert(std::is_base_of_v<gjs::error, gjs::not_found>);
static_assert(!std::is_copy_constructible_v<gjs::context>);
static_assert(std::is_nothrow_move_constructible_v<gjs::context>);
static_assert(!std::is_copy_constructible_v<gjs::vm_backend>);

void check_usable(gjs::context& ctx) {
    static int n = 0;  // module names are taken once per context
    gjs::module m = ctx.add_code("usable" + std::to_string(++n),
                                 "i32 answer() { string s = 'ab' + 40; return 38 + s.length; }");
    CHECK_EQ(ctx.call<int32_t>(m.function("answer")), 42);
}

void compile_errors() {
    gjs::context ctx;
    std::string out;
    ctx.set_output([&](std::string_view s) { out += s; });
    try {
        ctx.add_code("bad",
                     "print('must not run');\n"
                     "i32 f() { i32 x = 'a';\n"
                     "  return y;\n"
                     "}\n");
        check::fail(__FILE__, __LINE__, "bad code compiled");
    } catch (const gjs::compile_error& e) {
        CHECK_EQ(e.status(), GJS_COMPILE_ERROR);
        const auto& d = e.diagnostics();
        CHECK_EQ(d.size(), 2u);
        if (d.size() == 2) {
            CHECK_EQ(d[0].code, "E0300");
            CHECK_EQ(d[0].line, 2u);
            CHECK_EQ(d[0].column, 19u);
            CHECK_EQ(d[0].module, "bad");
            CHECK_EQ(d[0].severity, GJS_SEVERITY_ERROR);
            CHECK(d[0].message.find("cannot convert") != std::string::npos);
            CHECK_EQ(d[1].code, "E0200");
            CHECK_EQ(d[1].line, 3u);
            CHECK_EQ(d[1].column, 10u);
        }
        CHECK(std::string(e.what()).find("E0300") != std::string::npos);
    }
    CHECK(out.empty());
    CHECK_THROWS(gjs::not_found, ctx.module("bad"));
    // Caught as the base classes too.
    CHECK_THROWS(gjs::error, ctx.add_code("bad2", "i32 x = ;"));
    CHECK_THROWS(std::runtime_error, ctx.add_code("bad3", "i32 x = ;"));
    // Binding a declaration gjs cannot read is an invalid argument.
    CHECK_THROWS(gjs::invalid_argument, ctx.bind("f32 f(", [](float x) { return x; }));
    CHECK_THROWS(gjs::invalid_argument, ctx.bind("Foo f()", [] { return 1; }));
    check_usable(ctx);
}

void runtime_errors() {
    gjs::context ctx;
    std::string out;
    ctx.set_output([&](std::string_view s) { out += s; });
    gjs::module m = ctx.add_code("game",
                                 "i32 divide(i32 a, i32 b) {\n"
                                 "    return a / b;\n"
                                 "}\n"
                                 "i32 run(i32 b) { print('before'); return divide(1, b); }\n");
    try {
        ctx.call<int32_t>(m.function("run"), 0);
        check::fail(__FILE__, __LINE__, "division by zero did not throw");
    } catch (const gjs::out_of_memory&) {
        check::fail(__FILE__, __LINE__, "a runtime error is not out_of_memory");
    } catch (const gjs::runtime_error& e) {
        CHECK_EQ(e.status(), GJS_RUNTIME_ERROR);
        CHECK_EQ(e.message(), "division by zero");
        CHECK_EQ(e.type_name(), "Error");
        CHECK_EQ(e.code(), 3);
        std::string what = e.what();
        CHECK(what.find("division by zero") != std::string::npos);
        CHECK(what.find("game:2:") != std::string::npos);
        const auto& bt = e.backtrace();
        CHECK_EQ(bt.size(), 2u);
        if (bt.size() == 2) {
            CHECK_EQ(bt[0].module, "game");
            CHECK_EQ(bt[0].function, "divide");
            CHECK_EQ(bt[0].line, 2u);
            CHECK_EQ(bt[1].function, "run");
            CHECK_EQ(bt[1].line, 4u);
            CHECK_EQ(bt[1].column, 42u);
        }
    }
    CHECK_EQ(out, "before\n");
    CHECK_EQ(ctx.call<int32_t>(m.function("run"), 1), 1);
    // A failing __init__ fails init().
    gjs::module bad_init = ctx.add_code("bad_init", "i32 z = 0; i32 q = 1 / z;");
    CHECK_THROWS(gjs::runtime_error, bad_init.init());
    check_usable(ctx);
}

void limits() {
    // Out of memory under a cap.
    {
        gjs::context ctx{gjs::vm_backend(0, 200000)};
        gjs::module m = ctx.add_code("hungry", "void grow() { string s = 'x'; while (true) { s = s + s; } }");
        try {
            ctx.call<void>(m.function("grow"));
            check::fail(__FILE__, __LINE__, "grow() did not fail");
        } catch (const gjs::out_of_memory& e) {
            CHECK_EQ(e.status(), GJS_OUT_OF_MEMORY);
            CHECK_EQ(e.message(), "out of memory");
            CHECK_EQ(e.code(), 4);
            CHECK(std::string(e.what()).find("out of memory") != std::string::npos);
            CHECK(!e.backtrace().empty());
        }
        check_usable(ctx);
    }
    // Stack overflow.
    {
        gjs::context ctx{gjs::vm_backend(64 * 1024, 0)};
        gjs::module m = ctx.add_code("deep", "i32 d(i32 n) { return d(n + 1) + 1; }");
        try {
            ctx.call<int32_t>(m.function("d"), 0);
            check::fail(__FILE__, __LINE__, "d() did not fail");
        } catch (const gjs::stack_overflow& e) {
            CHECK_EQ(e.status(), GJS_STACK_OVERFLOW);
            CHECK_EQ(e.message(), "stack overflow");
            CHECK_EQ(e.code(), 5);
            CHECK(e.backtrace().size() > 10);
        }
        check_usable(ctx);
        CHECK_THROWS(gjs::runtime_error, ctx.call<int32_t>(m.function("d"), 0));
        check_usable(ctx);
    }
    // The step limit.
    {
        gjs::context ctx;
        gjs::module m = ctx.add_code("spin", "void spin() { while (true) { } }\n"
                                             "i32 loop(i32 n) { i32 s = 0; for (i32 i = 0; i < n; i++) { s += i; } return s; }");
        ctx.set_step_limit(10000);
        CHECK_THROWS(gjs::interrupted, ctx.call<void>(m.function("spin")));
        CHECK_EQ(ctx.call<int32_t>(m.function("loop"), 100), 4950);
        check_usable(ctx);
        ctx.set_step_limit(0);
        CHECK_EQ(ctx.call<int32_t>(m.function("loop"), 100000), 704982704);
    }
    // interrupt() from another thread.
    {
        gjs::context ctx;
        std::atomic<bool> started{false};
        ctx.bind("void started()", [&] { started = true; });
        gjs::module m = ctx.add_code("spin", "void spin() { started(); while (true) { } }");
        std::thread watcher([&] {
            while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            ctx.interrupt();
        });
        try {
            ctx.call<void>(m.function("spin"));
            check::fail(__FILE__, __LINE__, "spin() returned");
        } catch (const gjs::interrupted& e) {
            CHECK_EQ(e.status(), GJS_INTERRUPTED);
            CHECK_EQ(e.code(), 6);
            CHECK_EQ(e.type_name(), "");
        } catch (const std::exception& e) {
            check::fail(__FILE__, __LINE__, std::string("spin() threw ") + e.what());
        }
        watcher.join();
        check_usable(ctx);
        // An interrupt raised while nothing runs stops the next call, unless withdrawn.
        gjs::module idle = ctx.add_code("idle", "i32 one() { return 1; }");
        // Initialised first: an interrupted __init__ leaves its module failed.
        idle.init();
        ctx.interrupt();
        CHECK_THROWS(gjs::interrupted, ctx.call<int32_t>(idle.function("one")));
        CHECK_EQ(ctx.call<int32_t>(idle.function("one")), 1);
        ctx.interrupt();
        ctx.clear_interrupt();
        CHECK_EQ(ctx.call<int32_t>(idle.function("one")), 1);
    }
}

void lookups_and_arguments() {
    gjs::context ctx;
    gjs::context other;
    gjs::module m = ctx.add_code("m", "i32 id(i32 x) { return x; }");
    gjs::module o = other.add_code("m", "i32 id(i32 x) { return -x; }");
    CHECK_THROWS(gjs::not_found, m.function("nope"));
    CHECK_THROWS(gjs::not_found, ctx.module("nope"));
    CHECK_THROWS(gjs::not_found, ctx.add_file("/nonexistent/dir/file.gjs"));
    CHECK_THROWS(gjs::io_error, ctx.add_file("/"));
    // Empty handles.
    gjs::function empty;
    CHECK_THROWS(gjs::invalid_argument, ctx.call<void>(empty));
    gjs::module no_module;
    CHECK_THROWS(gjs::invalid_argument, no_module.init());
    CHECK_THROWS(gjs::invalid_argument, no_module.function("f"));
    // A function of another context.
    try {
        ctx.call<int32_t>(o.function("id"), 5);
        check::fail(__FILE__, __LINE__, "a foreign function was called");
    } catch (const gjs::invalid_argument& e) {
        CHECK(std::string(e.what()).find("another context") != std::string::npos);
    }
    CHECK_EQ(other.call<int32_t>(o.function("id"), 5), -5);
    // NUL bytes cannot be in a name or source.
    CHECK_THROWS(gjs::invalid_argument, ctx.add_code(std::string("a\0b", 3), "i32 x = 1;"));
    // Files.
    std::string path = "/tmp/gjs_cpp_errors_test.gjs";
    if (const char* tmp = std::getenv("TMPDIR")) {
        if (tmp[0] == '/') path = std::string(tmp) + "/gjs_cpp_errors_test.gjs";
    }
    {
        std::ofstream f(path);
        f << "i32 fromFile() { return 12; }\n";
    }
    gjs::module file_mod = ctx.add_file(path);
    CHECK_EQ(ctx.call<int32_t>(file_mod.function("fromFile")), 12);
    std::remove(path.c_str());
    check_usable(ctx);
}

void output_sink_errors() {
    // An exception thrown by an output callback comes out of the call.
    gjs::context ctx;
    gjs::module m = ctx.add_code("p", "void hello() { print('hello'); }");
    ctx.set_output([](std::string_view) { throw std::length_error("sink full"); });
    CHECK_THROWS(std::length_error, ctx.call<void>(m.function("hello")));
    std::string out;
    ctx.set_output([&](std::string_view s) { out += s; });
    ctx.call<void>(m.function("hello"));
    CHECK_EQ(out, "hello\n");
    // Error output, and back to the defaults.
    std::string err;
    ctx.set_error_output([&](std::string_view s) { err += s; });
    gjs::module w = ctx.add_code("w", "void warn() { console.warn('careful'); }");
    ctx.call<void>(w.function("warn"));
    CHECK_EQ(err, "careful\n");
    ctx.set_output(nullptr);
    ctx.set_error_output(nullptr);
}

}  // namespace

int main() {
    try {
        compile_errors();
        runtime_errors();
        limits();
        lookups_and_arguments();
        output_sink_errors();
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    return check::finish("errors");
}
