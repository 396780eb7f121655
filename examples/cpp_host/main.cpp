// A small C++ host over gjs.hpp: binds lambdas, compiles a script, calls into it,
// and handles a compile error, a runtime error and an exception from a lambda.
// Build and run: see README.md.
#include "gjs.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

int main() {
    try {
        gjs::context ctx{gjs::vm_backend(0, 1000000)};
        ctx.set_output([](std::string_view text) {
            std::printf("[script] %.*s", static_cast<int>(text.size()), text.data());
        });

        // Bind before compiling the scripts that call them; the signatures are
        // checked against the declarations.
        ctx.bind("f32 lerp(f32 a, f32 b, f32 t)",
                 [](float a, float b, float t) { return a + (b - a) * t; });
        ctx.bind_in("engine", "i32 spawn(string kind)", [](const std::string& kind) -> int32_t {
            if (kind != "orc" && kind != "elf") throw std::invalid_argument("unknown kind: " + kind);
            return kind == "orc" ? 1 : 2;
        });

        gjs::module game = ctx.add_code(
            "game",
            "import { spawn } from 'engine';\n"
            "f32 health = 100.0f;\n"
            "print('game loaded');\n"
            "f32 heal(f32 t) { health = lerp(health, 200.0f, t); return health; }\n"
            "i32 summon(string kind) { return spawn(kind) * 10; }\n"
            "i32 divide(i32 a, i32 b) { return a / b; }\n");
        game.init();

        std::printf("heal(0.5) -> %.1f\n", ctx.call<float>(game.function("heal"), 0.5f));
        std::printf("summon(\"orc\") -> %d\n", ctx.call<int32_t>(game.function("summon"), "orc"));

        // A script runtime error.
        try {
            ctx.call<int32_t>(game.function("divide"), 1, 0);
        } catch (const gjs::runtime_error& e) {
            std::printf("divide(1, 0) failed:\n%s\n", e.what());
            for (const gjs::frame& f : e.backtrace()) {
                std::printf("  at %s:%u:%u in %s\n", f.module.c_str(), f.line, f.column,
                            f.function.c_str());
            }
        }

        // A C++ exception thrown by a lambda comes back as itself.
        try {
            ctx.call<int32_t>(game.function("summon"), "dragon");
        } catch (const std::invalid_argument& e) {
            std::printf("summon(\"dragon\") threw std::invalid_argument: %s\n", e.what());
        }

        // C++ types that do not match the declaration are refused before anything runs.
        try {
            ctx.call<double>(game.function("heal"), 0.5);
        } catch (const gjs::type_mismatch& e) {
            std::printf("type mismatch: %s\n", e.what());
        }

        // A compile error with every diagnostic.
        try {
            ctx.add_code("broken", "i32 f() { return 'text'; }\nvoid g() { undefinedThing(); }\n");
        } catch (const gjs::compile_error& e) {
            std::printf("compiling 'broken' failed as expected:\n");
            for (const gjs::diagnostic& d : e.diagnostics()) {
                std::printf("  %s:%u:%u: [%s] %s\n", d.module.c_str(), d.line, d.column,
                            d.code.c_str(), d.message.c_str());
            }
        }

        std::printf("health is now %.1f\n", ctx.call<float>(game.function("heal"), 0.0f));
        return 0;
    } catch (const gjs::error& e) {
        std::printf("gjs error (status %d): %s\n", e.status(), e.what());
        return 1;
    }
}
