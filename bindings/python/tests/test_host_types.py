"""Host types declared from Python: value types backed by ctypes.Structure, handle
types carrying Python objects, their members, script functions taking and returning
them, layout checks, exceptions crossing members, and lifetimes."""

import ctypes
import gc
import unittest
import weakref

import gjs

from .support import ContextTestCase
from .test_lifetime import quiet_context, run_python


def handle_constructors_supported():
    """Whether this libgjs calls a handle type's bound constructor (it may refuse the
    call as a member on a null handle)."""
    with quiet_context() as ctx:
        ctx.handle_type("m", "T").method("constructor()", object)
        try:
            source = "import { T } from 'm';\nvoid f() { T t = T(); }"
            ctx.add_code("probe", source).function("f")()
            return True
        except gjs.RuntimeError:
            return False


def object_call_string_results_supported():
    """Whether this libgjs returns the string result of a script function that takes
    an object (it may hand back an empty gjs_str)."""
    with quiet_context() as ctx:
        ctx.handle_type("m", "T")
        mod = ctx.add_code("probe", "import { T } from 'm';\nstring f(T t) { return 'x'; }")
        return mod.function("f")(None) == "x"


class Vec3(ctypes.Structure):
    _fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_float)]

    def __add__(self, other):
        return Vec3(self.x + other.x, self.y + other.y, self.z + other.z)

    def tuple(self):
        return (self.x, self.y, self.z)


class Entity:
    """An engine object that scripts see as a handle."""

    def __init__(self, name, health=100, pos=None):
        self.name = name
        self.health = health
        self.pos = Vec3() if pos is None else pos


def bind_vec3(ctx, calls):
    """Declares ``vec3`` in module ``engine`` with a full set of members; every call of
    a Python member is appended to ``calls`` by name."""
    vec3 = ctx.value_type("engine", "vec3 { f32 x, f32 y, f32 z }", Vec3)

    def record(name, func):
        def member(*args):
            calls.append(name)
            return func(*args)
        return member

    vec3.method("constructor(f32 x, f32 y, f32 z)", record("ctor3", Vec3.__init__))

    @vec3.method("constructor(f32 s)")
    def ctor1(self, s):
        calls.append("ctor1")
        self.x = self.y = self.z = s          # filled in place

    vec3.method("destructor()", record("dtor", lambda self: None))
    vec3.method("f32 dot(vec3 o)", record("dot", lambda a, b: a.x * b.x + a.y * b.y + a.z * b.z))

    @vec3.method("void scale(f32 k)")
    def scale(self, k):
        calls.append("scale")
        self.x, self.y, self.z = self.x * k, self.y * k, self.z * k

    vec3.method("vec3 operator+(vec3 o)", record("add", lambda a, b: a + b))
    vec3.method("vec3 operator-()", record("neg", lambda a: Vec3(-a.x, -a.y, -a.z)))
    vec3.method("f32 operator[](i32 i)", record("index", lambda a, i: a.tuple()[i]))

    @vec3.method("void operator+=(vec3 o)")
    def add_assign(self, o):
        calls.append("add_assign")
        self.x, self.y, self.z = self.x + o.x, self.y + o.y, self.z + o.z

    vec3.method("operator f64()", record("to_f64", lambda a: a.x + a.y + a.z))
    vec3.method("static vec3 zero()", record("zero", lambda: Vec3(0, 0, 0)))
    vec3.property("f32 length", lambda a: (a.x * a.x + a.y * a.y + a.z * a.z) ** 0.5)

    def set_first(self, v):
        self.x = v

    vec3.property("f32 first", lambda a: a.x, set_first)
    return vec3


def bind_entity(ctx, spawned):
    """Declares the handle type ``Entity`` (Python ``Entity`` objects) with members and
    the host function ``spawn``; spawned entities are appended to ``spawned``."""
    entity = ctx.handle_type("engine", "Entity", Entity)

    def set_health(e, v):
        e.health = v

    entity.property("i32 health", lambda e: e.health, set_health)
    entity.property("string name", lambda e: e.name)

    @entity.method("void move(vec3 d)")
    def move(e, d):
        e.pos = e.pos + d

    entity.method("vec3 position()", lambda e: e.pos)

    @ctx.bind("Entity spawn(string name, vec3 at)", module="engine")
    def spawn(name, at):
        e = Entity(name, pos=at)
        spawned.append(e)
        return e

    return entity


class ValueTypeTest(ContextTestCase):
    def setUp(self):
        super().setUp()
        self.calls = []
        self.vec3 = bind_vec3(self.ctx, self.calls)

    def test_declared_type(self):
        self.assertIsInstance(self.vec3, gjs.ValueType)
        self.assertEqual((self.vec3.name, self.vec3.module, self.vec3.kind),
                         ("vec3", "engine", "value"))
        self.assertEqual((self.vec3.size, self.vec3.alignment), (12, 4))
        self.assertIs(self.vec3.structure, Vec3)
        self.assertIs(self.vec3.context, self.ctx)
        self.assertEqual(self.ctx.host_type("engine", "vec3"), self.vec3)
        with self.assertRaises(gjs.NotFoundError):
            self.ctx.host_type("engine", "vec4")
        self.assertEqual(repr(self.vec3), "<gjs.ValueType engine.vec3>")

    def test_members_from_a_script(self):
        nudged = []

        @self.ctx.bind("void nudge(vec3 v)", module="engine")
        def nudge(v):
            nudged.append(v.tuple())
            v.x += 1                         # object arguments are references

        mod = self.module(
            "import { vec3, nudge } from 'engine';\n"
            "string run() {\n"
            "    vec3 a = vec3(1.0f, 2.0f, 3.0f);\n"
            "    vec3 b = vec3(2.0f);\n"
            "    vec3 c = a + b;\n"
            "    c.scale(2.0f);\n"
            "    c += b;\n"
            "    vec3 n = -a;\n"
            "    f64 total = a;\n"
            "    string out = c.x.toFixed(0) + ',' + c.y.toFixed(0) + ',' + c.z.toFixed(0);\n"
            "    out += ' ' + a.dot(b).toFixed(0);\n"
            "    out += ' ' + n[2].toFixed(0);\n"
            "    out += ' ' + vec3.zero().length.toFixed(0);\n"
            "    out += ' ' + vec3(3.0f, 4.0f, 0.0f).length.toFixed(1);\n"
            "    out += ' ' + total.toFixed(0);\n"
            "    a.first = 9.0f;\n"
            "    out += ' ' + a.x.toFixed(0) + ' ' + a.first.toFixed(0);\n"
            "    nudge(b);\n"
            "    out += ' ' + b.x.toFixed(0);\n"
            "    return out;\n"
            "}")
        # a = (1,2,3), b = (2,2,2); c = a + b = (3,4,5), scaled by 2 = (6,8,10), plus b
        # = (8,10,12); a.b = 2+4+6 = 12; (-a)[2] = -3; |zero| = 0; |(3,4,0)| = 5;
        # f64(a) = 1+2+3 = 6; a.first = 9 writes a.x; nudge adds 1 to b.x.
        self.assertEqual(mod.function("run")(), "8,10,12 12 -3 0 5.0 6 9 9 3")
        self.assertEqual(nudged, [(2.0, 2.0, 2.0)])
        for name in ("ctor3", "ctor1", "add", "scale", "add_assign", "neg", "to_f64", "dot",
                     "index", "zero"):
            self.assertIn(name, self.calls)

    def test_destructor_runs_once_per_value(self):
        mod = self.module("import { vec3 } from 'engine';\n"
                          "void scoped() { vec3 a = vec3(1.0f); vec3 b = a; }")
        del self.calls[:]
        mod.function("scoped")()
        # One constructor call; two values (a and its copy b) die at the end.
        self.assertEqual(self.calls.count("ctor1"), 1)
        self.assertEqual(self.calls.count("dtor"), 2)

    def test_constructor_may_return_a_value(self):
        self.ctx.method("engine", "vec3", "constructor(f32 x, f32 y)",
                        lambda self, x, y: Vec3(x, y, x + y))
        mod = self.module("import { vec3 } from 'engine';\n"
                          "f32 z_of(f32 x, f32 y) { return vec3(x, y).z; }")
        self.assertEqual(mod.function("z_of")(1.5, 2.0), 3.5)

    def test_script_functions_take_and_return_values(self):
        mod = self.module("import { vec3 } from 'engine';\n"
                          "f32 dot_of(vec3 a, vec3 b) { return a.dot(b); }\n"
                          "vec3 sum(vec3 a, vec3 b) { return a + b; }\n"
                          "vec3 doubled(vec3 a) { a.scale(2.0f); return a; }")
        a, b = Vec3(1, 2, 3), Vec3(4, 5, 6)
        self.assertEqual(mod.function("dot_of")(a, b), 32.0)   # 4 + 10 + 18
        total = mod.function("sum")(a, b)
        self.assertIs(type(total), Vec3)
        self.assertEqual(total.tuple(), (5.0, 7.0, 9.0))
        self.assertEqual(mod.function("doubled")(a).tuple(), (2.0, 4.0, 6.0))
        self.assertEqual(a.tuple(), (1.0, 2.0, 3.0))             # the caller's copy is untouched
        self.assertEqual(mod.function("sum").arg_types, ["vec3", "vec3"])
        self.assertEqual(mod.function("sum").return_type, "vec3")
        with self.assertRaises(gjs.TypeMismatchError):
            mod.function("sum")(a, (4, 5, 6))

    def test_host_function_results_and_direct_calls(self):
        self.ctx.bind("vec3 up(f32 k)", lambda k: Vec3(0, k, 0), module="engine")
        self.ctx.bind("vec3 broken()", lambda: (0, 1, 0), module="engine")
        up = self.ctx.module("engine").function("up")
        self.assertEqual(up(2).tuple(), (0.0, 2.0, 0.0))
        mod = self.module("import { vec3, up, broken } from 'engine';\n"
                          "f32 height() { return up(3.0f).y + up(1.0f).length; }\n"
                          "f32 bad() { return broken().y; }")
        self.assertEqual(mod.function("height")(), 4.0)
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.function("bad")()
        self.assertIsInstance(caught.exception.__cause__, gjs.TypeMismatchError)

    def test_bad_member_declarations(self):
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.method("engine", "vec3", "f32 dot(vec3 o)", lambda a, b: 0)  # bound
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.method("engine", "vec4", "f32 dot(vec4 o)", lambda a, b: 0)  # no type
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.method("engine", "vec3", "f32 broken(", lambda a: 0)
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.property("engine", "vec3", "f32 nothing")
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.method("engine", "vec3", "f32 len2()", "not callable")


class HandleTypeTest(ContextTestCase):
    def setUp(self):
        super().setUp()
        bind_vec3(self.ctx, [])
        self.spawned = []
        self.entity = bind_entity(self.ctx, self.spawned)
        self.mod = self.module(
            "import { vec3, Entity, spawn } from 'engine';\n"
            "Entity kept;\n"
            "Entity stronger(Entity a, Entity b) { if (a.health >= b.health) { return a; } "
            "return b; }\n"
            "Entity pick(Entity a, bool first) { Entity none; if (first) return a; "
            "return none; }\n"
            "void keep(Entity e) { kept = e; }\n"
            "Entity get_kept() { return kept; }\n"
            "i32 kept_health() { return kept.health; }\n"
            "string play() {\n"
            "    Entity e = spawn('orc', vec3(1.0f, 0.0f, 0.0f));\n"
            "    e.health = 50;\n"
            "    e.health -= 8;\n"
            "    e.move(vec3(0.0f, 2.0f, 0.0f));\n"
            "    vec3 p = e.position();\n"
            "    string out = e.name + ':' + e.health + '@' + p.x.toFixed(0) + ',' "
            "+ p.y.toFixed(0);\n"
            "    Entity f = e;\n"
            "    f.health = 7;\n"
            "    out += ' ' + e.health;\n"
            "    Entity none;\n"
            "    try { none.move(vec3(1.0f)); out += ' moved'; }\n"
            "    catch (Error err) { out += ' null:' + err.code; }\n"
            "    return out;\n"
            "}")

    def test_python_objects_in_a_script(self):
        # health 100 -> 50 -> 42; pos (1,0,0) + (0,2,0); f is the same entity as e.
        self.assertEqual(self.mod.function("play")(), "orc:42@1,2 7 null:3")
        self.assertEqual(len(self.spawned), 1)
        orc = self.spawned[0]
        self.assertEqual((orc.name, orc.health, orc.pos.tuple()), ("orc", 7, (1.0, 2.0, 0.0)))
        self.assertEqual(self.entity.objects(), [orc])
        self.assertEqual((self.entity.kind, self.entity.size, self.entity.cls),
                         ("handle", ctypes.sizeof(ctypes.c_void_p), Entity))

    def test_objects_come_back_as_themselves(self):
        a, b = Entity("a", health=42), Entity("b", health=99)
        stronger = self.mod.function("stronger")
        self.assertIs(stronger(a, b), b)
        self.assertIs(stronger(b, a), b)
        self.assertIs(self.mod.function("pick")(a, True), a)
        self.assertIsNone(self.mod.function("pick")(a, False))
        self.assertIsNone(self.mod.function("pick")(None, True))
        self.assertEqual(stronger.arg_types, ["Entity", "Entity"])
        with self.assertRaises(gjs.TypeMismatchError):
            stronger(a, "not an entity")
        # The same object always crosses as the same token.
        self.assertEqual(self.entity.token(a), self.entity.token(a))
        self.assertIs(self.entity.object(self.entity.token(b)), b)

    def test_host_function_called_from_python(self):
        spawn = self.ctx.module("engine").function("spawn")
        elf = spawn("elf", Vec3(0, 0, 1))
        self.assertIsInstance(elf, Entity)
        self.assertIs(elf, self.spawned[0])
        self.assertEqual((elf.name, elf.pos.tuple()), ("elf", (0.0, 0.0, 1.0)))

    def test_released_objects(self):
        a = Entity("a", health=5)
        self.mod.function("keep")(a)
        self.assertEqual(self.mod.function("kept_health")(), 5)
        self.assertTrue(self.entity.release(a))
        self.assertFalse(self.entity.release(a))
        self.assertEqual(self.entity.objects(), [])
        # The script still holds the old handle: using it fails cleanly.
        with self.assertRaises(gjs.RuntimeError) as caught:
            self.mod.function("kept_health")()
        self.assertIsInstance(caught.exception.__cause__, gjs.NotFoundError)
        with self.assertRaises(gjs.NotFoundError):
            self.mod.function("get_kept")()
        # Passed again, it gets a new handle.
        self.mod.function("keep")(a)
        self.assertIs(self.mod.function("get_kept")(), a)

    @unittest.skipUnless(handle_constructors_supported(),
                         "this libgjs does not call handle-type constructors yet")
    def test_handle_constructor(self):
        class Item:
            def __init__(self, label):
                self.label = label

        item = self.ctx.handle_type("engine", "Item")     # any Python object
        item.method("constructor(string label)", Item)
        item.property("string label", lambda i: i.label)
        broken = self.ctx.handle_type("engine", "Broken")
        broken.method("constructor()", lambda: None)
        mod = self.module("import { Item, Broken } from 'engine';\n"
                          "Item make(string l) { return Item(l); }\n"
                          "string label_of(Item i) { return i.label + '!'; }\n"
                          "void fail() { Broken b = Broken(); }", name="items")
        made = mod.function("make")("sword")
        self.assertIsInstance(made, Item)
        self.assertEqual(made.label, "sword")
        self.assertEqual(mod.function("label_of")(made), "sword!")
        self.assertEqual(mod.function("label_of")(Item("shield")), "shield!")
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.function("fail")()
        self.assertIsInstance(caught.exception.__cause__, gjs.TypeMismatchError)

    def test_handle_fields_hold_tokens(self):
        class Hit(ctypes.Structure):
            _fields_ = [("target", ctypes.c_void_p), ("damage", ctypes.c_int32)]

        self.ctx.value_type("engine", "hit { Entity target, i32 damage }", Hit)
        mod = self.module("import { Entity, hit } from 'engine';\n"
                          "hit aim(Entity e, i32 d) { return hit({ target: e, damage: d }); }\n"
                          "i32 apply(hit h) { h.target.health -= h.damage; "
                          "return h.target.health; }", name="hits")
        knight = Entity("knight", health=60)
        aimed = mod.function("aim")(knight, 15)
        self.assertIs(self.entity.object(aimed.target), knight)
        self.assertEqual(aimed.damage, 15)
        self.assertEqual(mod.function("apply")(aimed), 45)                           # 60 - 15
        self.assertEqual(mod.function("apply")(Hit(self.entity.token(knight), 5)), 40)
        self.assertEqual(knight.health, 40)

    @unittest.skipUnless(object_call_string_results_supported(),
                         "this libgjs drops string results of functions taking objects")
    def test_string_results_of_functions_taking_objects(self):
        mod = self.module("import { vec3, Entity } from 'engine';\n"
                          "string describe(Entity e, vec3 v) { return e.name + ' ' + v.x; }",
                          name="strings")
        self.assertEqual(mod.function("describe")(Entity("ogre"), Vec3(2, 0, 0)),
                         "ogre 2.000000")

    def test_bad_handle_declarations(self):
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.handle_type("engine", "not a name")
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.handle_type("engine", "Entity")           # declared already
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.handle_type("engine", "Other", cls="Entity")
        with self.assertRaises(gjs.InvalidArgumentError):
            self.entity.method("destructor()", lambda e: None)  # the host owns them


class LayoutTest(ContextTestCase):
    def refused(self, decl, structure):
        with self.assertRaises(gjs.TypeMismatchError) as caught:
            self.ctx.value_type("engine", decl, structure)
        return str(caught.exception)

    def test_mismatches_are_refused_before_declaring(self):
        class Vec2(ctypes.Structure):
            _fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float)]

        class Doubles(ctypes.Structure):
            _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double), ("z", ctypes.c_double)]

        class Ints(ctypes.Structure):
            _fields_ = [("x", ctypes.c_int32), ("y", ctypes.c_int32), ("z", ctypes.c_int32)]

        decl = "vec3 { f32 x, f32 y, f32 z }"
        self.assertIn("2 fields", self.refused(decl, Vec2))       # 8 bytes for 12
        self.assertIn("c_double", self.refused(decl, Doubles))    # 24 bytes for 12
        self.assertIn("c_int", self.refused(decl, Ints))          # right size, wrong kind
        self.refused(decl, Vec3(1, 2, 3))                         # an instance, not a class
        self.refused(decl, tuple)
        # Nothing was declared: the name is still free.
        self.assertEqual(self.ctx.value_type("engine", decl, Vec3).size, 12)

    def test_padding_and_nesting(self):
        class Packed(ctypes.Structure):
            _pack_ = 1
            _fields_ = [("a", ctypes.c_uint8), ("b", ctypes.c_float)]

        class Padded(ctypes.Structure):
            _fields_ = [("a", ctypes.c_uint8), ("b", ctypes.c_float)]

        self.assertIn("offset 1", self.refused("pad { u8 a, f32 b }", Packed))
        pad = self.ctx.value_type("engine", "pad { u8 a, f32 b }", Padded)
        self.assertEqual((pad.size, pad.alignment), (8, 4))

        class Outer(ctypes.Structure):
            _fields_ = [("flag", ctypes.c_bool), ("inner", Padded), ("n", ctypes.c_int64)]

        outer = self.ctx.value_type("engine", "outer { bool flag, pad inner, i64 n }", Outer)
        # 1 + 3 padding + 8 (pad) + 4 padding + 8 = 24, aligned to 8.
        self.assertEqual((outer.size, outer.alignment), (24, 8))
        self.ctx.method("engine", "outer", "i64 total()",
                        lambda o: o.n + o.inner.a + int(o.flag))
        mod = self.module("import { outer } from 'engine';\n"
                          "outer bump(outer o) { o.inner.a += 1; o.n *= 2; return o; }\n"
                          "i64 total(outer o) { return o.total(); }")
        value = Outer(True, Padded(4, 0.5), 20)
        bumped = mod.function("bump")(value)
        self.assertEqual((bumped.flag, bumped.inner.a, bumped.inner.b, bumped.n),
                         (True, 5, 0.5, 40))
        self.assertEqual(mod.function("total")(value), 25)       # 20 + 4 + 1

    def test_bad_value_declarations(self):
        class One(ctypes.Structure):
            _fields_ = [("x", ctypes.c_float)]

        with self.assertRaises(gjs.InvalidArgumentError) as caught:
            self.ctx.value_type("engine", "bad { f32 x, string s }", One)
        self.assertTrue(caught.exception.diagnostics)
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.value_type("engine", "{ f32 x }", One)


class MemberExceptionTest(ContextTestCase):
    def setUp(self):
        super().setUp()
        self.vec3 = bind_vec3(self.ctx, [])
        self.error = ValueError("no unit vector for a zero vector")

        @self.vec3.method("vec3 unit()")
        def unit(v):
            length = (v.x * v.x + v.y * v.y + v.z * v.z) ** 0.5
            if length == 0:
                raise self.error
            return Vec3(v.x / length, v.y / length, v.z / length)

        self.entity = bind_entity(self.ctx, [])

        def bad_health(e):
            raise KeyError("no health for " + e.name)

        self.entity.property("i32 mana", bad_health)
        self.mod = self.module(
            "import { vec3, Entity } from 'engine';\n"
            "f32 careful(vec3 v) {\n"
            "    try { return v.unit().x; }\n"
            "    catch (Error e) { print('caught ' + e.message + ' ' + e.code); return -1.0f; }\n"
            "}\n"
            "f32 careless(vec3 v) {\n"
            "    return v.unit().x;\n"
            "}\n"
            "i32 mana_of(Entity e) { return e.mana + 1; }")

    def test_script_catches_a_member_exception(self):
        self.assertEqual(self.mod.function("careful")(Vec3(2, 0, 0)), 1.0)
        self.assertEqual(self.out, b"")
        self.assertEqual(self.mod.function("careful")(Vec3(0, 0, 0)), -1.0)
        self.assertEqual(self.out, b"caught no unit vector for a zero vector 3\n")
        # A later uncaught error is not linked to the exception the script caught.
        with self.assertRaises(gjs.RuntimeError) as caught:
            self.mod.function("mana_of")(None)
        self.assertIsNone(caught.exception.__cause__)

    def test_uncaught_member_exception_is_the_cause(self):
        self.assertEqual(self.mod.function("careless")(Vec3(0, 3, 4)), 0.0)
        with self.assertRaises(gjs.RuntimeError) as caught:
            self.mod.function("careless")(Vec3(0, 0, 0))
        error = caught.exception
        self.assertIs(error.__cause__, self.error)
        self.assertEqual(error.error_message, "no unit vector for a zero vector")
        self.assertEqual(error.backtrace[-1].function, "careless")
        with self.assertRaises(gjs.RuntimeError) as caught:
            self.mod.function("mana_of")(Entity("imp"))
        self.assertIsInstance(caught.exception.__cause__, KeyError)
        # The context is fine afterwards.
        self.assertEqual(self.mod.function("careful")(Vec3(0, 5, 0)), 0.0)


class HostTypeLifetimeTest(unittest.TestCase):
    def make_context(self, calls):
        """A context with a value type backed by a class only it references."""
        class Local(ctypes.Structure):
            _fields_ = [("a", ctypes.c_int32), ("b", ctypes.c_int32)]

        ctx = quiet_context()
        pair = ctx.value_type("m", "pair { i32 a, i32 b }", Local)
        pair.method("constructor(i32 a, i32 b)", Local.__init__)
        pair.method("destructor()", lambda self: calls.append((self.a, self.b)))
        pair.method("i32 sum()", lambda self: self.a + self.b)
        ctx.handle_type("m", "Thing")
        return ctx

    SOURCE = ("import { pair, Thing } from 'm';\n"
              "pair global_pair = pair(1, 2);\n"
              "Thing held;\n"
              "void hold(Thing t) { held = t; }\n"
              "pair swap(pair p) { return pair(p.b, p.a); }\n"
              "i32 sum_of(i32 a, i32 b) { return pair(a, b).sum(); }")

    def test_context_deleted_before_the_structure_class(self):
        calls = []
        ctx = self.make_context(calls)
        Local = ctx.host_type("m", "pair").structure
        swap = ctx.add_code("s", self.SOURCE).function("swap")
        probe = weakref.ref(ctx)
        del ctx
        gc.collect()
        self.assertIsNotNone(probe())              # the function keeps it alive
        swapped = swap(Local(3, 4))
        self.assertEqual((swapped.a, swapped.b), (4, 3))
        del swap, swapped
        gc.collect()
        self.assertIsNone(probe())
        self.assertIn((1, 2), calls)               # the global's destructor ran
        del Local
        gc.collect()

    def test_structure_class_deleted_before_the_context(self):
        calls = []
        ctx = self.make_context(calls)             # nothing else holds the class
        gc.collect()
        mod = ctx.add_code("s", self.SOURCE)
        self.assertEqual(mod.function("sum_of")(20, 22), 42)
        swapped = mod.function("swap")(ctx.host_type("m", "pair").structure(5, 6))
        self.assertEqual(type(swapped).__name__, "Local")
        self.assertEqual((swapped.a, swapped.b), (6, 5))
        del calls[:]
        ctx.close()
        self.assertEqual(calls, [(1, 2)])          # the module-level pair
        del mod, ctx
        gc.collect()
        self.assertEqual((swapped.a, swapped.b), (6, 5))

    def test_handle_objects_live_as_long_as_the_context(self):
        class Thing:
            pass

        for close in (True, False):
            with self.subTest(close=close):
                ctx = self.make_context([])
                hold = ctx.add_code("s", self.SOURCE).function("hold")
                thing = Thing()
                thing.ctx = ctx                   # a cycle through the registry
                probe, ctx_probe = weakref.ref(thing), weakref.ref(ctx)
                hold(thing)
                del thing, ctx
                gc.collect()
                self.assertIsNotNone(probe())     # the script holds it
                if close:
                    hold.context.close()
                del hold
                gc.collect()
                self.assertIsNone(probe())
                self.assertIsNone(ctx_probe())

    def test_destructors_during_garbage_collection(self):
        calls = []
        ctx = self.make_context(calls)
        ctx.add_code("s", self.SOURCE).init()
        probe = weakref.ref(ctx)
        del ctx
        gc.collect()
        self.assertIsNone(probe())
        self.assertEqual(calls, [(1, 2)])

    def test_many_contexts_with_host_types(self):
        for i in range(20):
            ctx = self.make_context([])
            mod = ctx.add_code("s", self.SOURCE)
            self.assertEqual(mod.function("sum_of")(i, 1), i + 1)
            mod.function("hold")(object())
            if i % 2:
                ctx.close()
            del ctx, mod
        gc.collect()

    def test_exit_without_closing(self):
        result = run_python("""
            import ctypes, gjs

            class V(ctypes.Structure):
                _fields_ = [("x", ctypes.c_double)]

            ctx = gjs.Context()
            ctx.set_output(lambda data: None)
            v = ctx.value_type("m", "v { f64 x }", V)
            v.method("destructor()", lambda self: print("destroyed", self.x))
            v.method("constructor(f64 x)", V.__init__)
            t = ctx.handle_type("m", "T")
            t.property("string name", lambda obj: obj["name"])
            mod = ctx.add_code("s", "import { v, T } from 'm';\\nv g = v(2.5);\\nT held;\\n"
                                    "i32 keep(T t) { held = t; return t.name.length; }")
            assert mod.function("keep")({"name": "kept"}) == 4
            ctx.me = ctx            # cycles only the shutdown collection sees
            V.ctx = ctx
            print("done")
            """)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertTrue(result.stdout.startswith(b"done\n"), result.stdout)
        self.assertEqual(result.stderr, b"")


if __name__ == "__main__":
    unittest.main()
