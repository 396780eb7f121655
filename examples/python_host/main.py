"""A small Python host for gjs: binds Python functions, compiles a script, calls into
it, handles a compile error and a runtime error, and gives scripts a value type
(a ctypes.Structure) and a handle type (plain Python objects).

Run from the repository root:

    cargo build && PYTHONPATH=bindings/python python3 examples/python_host/main.py
"""

import ctypes
import sys

import gjs

GAME = """
import { spawn, log } from 'engine';

i32 score = 0;

// Called by the host every frame.
f64 update(f64 dt) {
    score += 10;
    return twice(dt);
}

u32 spawnWave(u32 count) {
    u32 last = 0;
    for (u32 i = 0; i < count; i++) {
        last = spawn('orc', 2.0f * i, 0.0f);
    }
    log('spawned ' + count + ' orcs, last id ' + last);
    return last;
}

i32 average(i32 total, i32 count) {
    return total / count;
}

print('game module initialised');
"""

WORLD = """
import { vec3, Monster, summon } from 'world';

// Walks a monster one step per turn; every step costs it one health.
f32 patrol(Monster m, vec3 step, i32 turns) {
    for (i32 i = 0; i < turns; i++) {
        m.move(step);
        m.health -= 1;
    }
    return m.position().length;
}

Monster weakest(Monster a, Monster b) {
    if (a.health <= b.health) return a;
    return b;
}

Monster boss() {
    Monster m = summon('dragon', vec3(0.0f, 0.0f, 10.0f));
    m.health *= 5;
    return m;
}
"""


class Vec3(ctypes.Structure):
    """The C layout of the script's vec3 { f32 x, f32 y, f32 z }."""

    _fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_float)]

    def __add__(self, other):
        return Vec3(self.x + other.x, self.y + other.y, self.z + other.z)

    def __repr__(self):
        return "Vec3(%g, %g, %g)" % (self.x, self.y, self.z)


class Monster:
    """A host object: scripts hold it as a Monster handle and never see inside."""

    def __init__(self, name, pos=None, health=100):
        self.name, self.pos, self.health = name, pos or Vec3(), health

    def __repr__(self):
        return "<Monster %s health=%d at %r>" % (self.name, self.health, self.pos)


def bind_world(ctx):
    """Declares the host module 'world': a value type, a handle type, their members and
    a host function returning a handle."""
    vec3 = ctx.value_type("world", "vec3 { f32 x, f32 y, f32 z }", Vec3)
    vec3.method("constructor(f32 x, f32 y, f32 z)", Vec3.__init__)
    vec3.method("vec3 operator+(vec3 o)", lambda a, b: a + b)
    vec3.property("f32 length", lambda v: (v.x ** 2 + v.y ** 2 + v.z ** 2) ** 0.5)

    monster = ctx.handle_type("world", "Monster", Monster)

    def set_health(m, value):
        m.health = value

    monster.property("i32 health", lambda m: m.health, set_health)
    monster.method("vec3 position()", lambda m: m.pos)

    @monster.method("void move(vec3 step)")
    def move(m, step):
        m.pos = m.pos + step

    @ctx.bind("Monster summon(string name, vec3 at)", module="world")
    def summon(name, at):
        return Monster(name, at)


BROKEN = """
i32 health = 'full';
void heal() { health += amount; }
"""


def main():
    with gjs.Context() as ctx:
        # Script output arrives as bytes; send it through Python's stdout so it
        # interleaves correctly with the host's own prints.
        def script_output(data):
            sys.stdout.write("  [script] " + data.decode("utf-8", "replace"))

        ctx.set_output(script_output)

        # A global host function, usable by every script.
        @ctx.bind("f64 twice(f64 x)")
        def twice(x):
            return 2 * x

        # Host functions in a module that scripts import.
        entities = []

        @ctx.bind("u32 spawn(string kind, f32 x, f32 y)", module="engine")
        def spawn(kind, x, y):
            entities.append((kind, x, y))
            return len(entities)

        @ctx.bind("void log(string message)", module="engine")
        def log(message):
            print("  [engine] " + message)

        print("gjs", gjs.version(), "from", gjs.library_path())

        game = ctx.add_code("game", GAME)
        game.init()
        print("functions:", ", ".join(f.decl for f in game.functions()))

        update = game.function("update")
        print("update(0.016) ->", update(0.016))
        print("spawnWave(3) ->", game.function("spawnWave")(3))
        print("entities:", entities)

        # A compile error lists every diagnostic; nothing of the module runs.
        try:
            ctx.add_code("broken", BROKEN)
        except gjs.CompileError as error:
            print("compile error with %d diagnostics:" % len(error.diagnostics))
            for d in sorted(error.diagnostics, key=lambda d: (d.line, d.column)):
                print("  line %d, column %d: %s %s" % (d.line, d.column, d.code, d.message))

        # A runtime error carries the script's backtrace; the context stays usable.
        try:
            game.function("average")(100, 0)
        except gjs.RuntimeError as error:
            top = error.backtrace[0]
            print("runtime error: %s (in %s at line %d)" % (error.error_message, top.function,
                                                            top.line))
        print("average(100, 4) ->", game.function("average")(100, 4))

        # Wrong Python values are refused before anything runs.
        try:
            update("soon")
        except gjs.TypeMismatchError as error:
            print("type mismatch:", error)

        # A Python exception in a callback becomes a script error, and comes back
        # with the original exception as its cause.
        @ctx.bind("i32 lookup(string key)")
        def lookup(key):
            return {"gold": 7}[key]

        shop = ctx.add_code("shop", "i32 price(string item) { return lookup(item) * 10; }")
        print("price('gold') ->", shop.function("price")("gold"))
        try:
            shop.function("price")("silver")
        except gjs.RuntimeError as error:
            print("callback failed: %r caused by %r" % (error.error_message, error.__cause__))

        # Host types: Vec3 structures cross as copies, Monster objects as themselves.
        bind_world(ctx)
        world = ctx.add_code("world_script", WORLD)
        orc, troll = Monster("orc", health=30), Monster("troll", health=80)
        print("patrol(orc, (3,4,0), 2) ->", world.function("patrol")(orc, Vec3(3, 4, 0), 2))
        print("orc after its patrol:", orc)
        print("weakest(orc, troll) is orc ->", world.function("weakest")(orc, troll) is orc)
        print("boss() ->", world.function("boss")())


if __name__ == "__main__":
    main()
