// A small C++ host over gjs.hpp: binds lambdas, maps a C++ struct (vec3) and an
// engine object (Entity*) onto host types, compiles a script, calls into it, and
// handles a compile error, a runtime error and an exception from a lambda.
// Build and run: see README.md.
#include "gjs.hpp"

#include <cstdio>
#include <deque>
#include <stdexcept>
#include <string>

struct vec3 {
    float x, y, z;
};

struct Entity {
    std::string name;
    int32_t health;
    vec3 pos;
};

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

        // Host types: vec3 is copied in and out as the C++ struct; an Entity stays in
        // the host's memory and scripts hold its pointer.
        std::deque<Entity> entities;
        ctx.value_type<vec3>("engine", "vec3 { f32 x, f32 y, f32 z }");
        ctx.handle_type<Entity>("engine", "Entity");
        ctx.method<vec3>("engine", "constructor(f32 x, f32 y, f32 z)",
                         [](vec3& self, float x, float y, float z) { self = vec3{x, y, z}; });
        ctx.method<vec3>("engine", "vec3 operator+(vec3 o)", [](const vec3& a, const vec3& b) {
            return vec3{a.x + b.x, a.y + b.y, a.z + b.z};
        });
        ctx.method<Entity*>("engine", "void move(vec3 by)", [](Entity* e, const vec3& by) {
            e->pos = vec3{e->pos.x + by.x, e->pos.y + by.y, e->pos.z + by.z};
        });
        ctx.property<Entity*>("engine", "i32 health", [](Entity* e) { return e->health; },
                              [](Entity* e, int32_t h) { e->health = h; });
        ctx.property<Entity*>("engine", "vec3 pos", [](Entity* e) { return e->pos; });
        ctx.bind_in("engine", "Entity create(string name, vec3 at)",
                    [&](const std::string& name, const vec3& at) {
                        entities.push_back(Entity{name, 100, at});
                        return &entities.back();
                    });

        gjs::module game = ctx.add_code(
            "game",
            "import { spawn, create, vec3, Entity } from 'engine';\n"
            "f32 health = 100.0f;\n"
            "print('game loaded');\n"
            "f32 heal(f32 t) { health = lerp(health, 200.0f, t); return health; }\n"
            "i32 summon(string kind) { return spawn(kind) * 10; }\n"
            "i32 divide(i32 a, i32 b) { return a / b; }\n"
            "Entity hero = create('hero', vec3(0.0f, 0.0f, 0.0f));\n"
            "Entity leader() { return hero; }\n"
            "vec3 march(Entity e, vec3 step) {\n"
            "    e.move(step + step); e.health -= 5; return e.pos;\n"
            "}\n");
        game.init();

        std::printf("heal(0.5) -> %.1f\n", ctx.call<float>(game.function("heal"), 0.5f));
        std::printf("summon(\"orc\") -> %d\n", ctx.call<int32_t>(game.function("summon"), "orc"));

        // Host types across call<R>: the script's Entity is the host's pointer.
        Entity* hero = ctx.call<Entity*>(game.function("leader"));
        vec3 at = ctx.call<vec3>(game.function("march"), hero, vec3{1.0f, 0.5f, 0.0f});
        std::printf("%s marched to (%.1f, %.1f, %.1f), health %d\n", hero->name.c_str(), at.x,
                    at.y, at.z, hero->health);

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
