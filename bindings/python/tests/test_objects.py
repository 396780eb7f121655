"""Script objects across calls: class instances and arrays as gjs.Instance / gjs.Array
handles (results, by-reference arguments, lists, fields, elements), formats as
gjs.Format structures, type checks, and the lifetime of objects against their context."""

import gc
import os
import subprocess
import sys
import textwrap
import threading
import unittest
import weakref

import gjs

from .support import ContextTestCase

SCRIPT = r"""
format Point { f32 x, f32 y }
format Seg { Point a, Point b, u8 tag, f64 w }
i32 destroyed = 0;
class Enemy {
    string name;
    i32 hp;
    Point pos;
    const i32 id;
    array<i32> tags;
    constructor(string name, i32 hp) { this.name = name; this.hp = hp; this.id = 7; this.tags.push(hp * 2); }
    destructor() { destroyed += 1; print('bye ' + this.name); }
}
Enemy spawn(string name, i32 hp) { return Enemy(name, hp); }
void hurt(Enemy e, i32 d) { e.hp -= d; e.tags.push(d); }
string describe(Enemy e) { return e.name + ':' + e.hp + ':' + e.tags.length + '@' + e.pos.x; }
i32 destroyed_count() { return destroyed; }
array<i32> squares(i32 n) { array<i32> a; for (i32 i = 0; i < n; i++) a.push(i * i); return a; }
i32 total(array<i32> a) { i32 t = 0; for (u32 i = 0; i < a.length; i++) t += a[i]; return t; }
void grow(array<i32> a) { a.push(a.length); }
f64 sum(array<f64> xs) { f64 s = 0.0; for (u32 i = 0; i < xs.length; i++) s += xs[i]; return s; }
array<string> words() { array<string> w; w.push('a'); w.push('bb'); w.push('ccc'); return w; }
string join(array<string> w) { string s = ''; for (u32 i = 0; i < w.length; i++) s += (i > 0 ? '-' : '') + w[i]; return s; }
array<Point> path(i32 n) { array<Point> p; for (i32 i = 0; i < n; i++) p.push(Point({ x: i, y: 2 * i })); return p; }
f32 length_sum(array<Point> p) { f32 s = 0.0f; for (u32 i = 0; i < p.length; i++) s += p[i].x + p[i].y; return s; }
array<Enemy> squad() { array<Enemy> s; s.push(Enemy('s1', 3)); s.push(Enemy('s2', 4)); return s; }
i32 squad_hp(array<Enemy> s) { i32 t = 0; for (u32 i = 0; i < s.length; i++) t += s[i].hp; return t; }
Enemy boom(i32 hp) { if (hp > 0) throw Error('boom'); return Enemy('never', hp); }
Point mid(Seg s) { return Point({ x: (s.a.x + s.b.x) / 2.0f, y: (s.a.y + s.b.y) / 2.0f }); }
Seg bump(Seg s) { s.a.x += 1.0f; s.tag += 1; s.w *= 2.0; return s; }
Enemy? nobody() { return null; }
"""


class ObjectTestCase(ContextTestCase):
    """A context with SCRIPT compiled as module "game"; ``self.f(name)`` is a function."""

    host_source = ""  # script code using host functions bound in bind_hosts()

    def setUp(self):
        super().setUp()
        self.bind_hosts()
        self.mod = self.module(SCRIPT + self.host_source, "game")

    def bind_hosts(self):
        pass

    def f(self, name):
        return self.mod.function(name)

    def destroyed(self):
        return self.f("destroyed_count")()


class ArrayResultTest(ObjectTestCase):
    def test_array_result_is_a_sequence(self):
        a = self.f("squares")(5)
        self.assertIsInstance(a, gjs.Array)
        self.assertIsInstance(a, gjs.Object)
        self.assertEqual(a.type_name, "array<i32>")
        self.assertEqual(a.element_type, "i32")
        self.assertEqual(len(a), 5)
        self.assertEqual(a.to_list(), [0, 1, 4, 9, 16])
        self.assertEqual(list(a), [0, 1, 4, 9, 16])
        self.assertEqual(list(reversed(a)), [16, 9, 4, 1, 0])
        self.assertEqual((a[0], a[4], a[-1], a[-5]), (0, 16, 16, 0))
        self.assertEqual(a[1:4], [1, 4, 9])
        self.assertEqual(a[::-2], [16, 4, 0])
        self.assertEqual(a[7:], [])
        self.assertIn(9, a)
        self.assertNotIn(10, a)
        self.assertEqual(a.index(9), 3)
        self.assertEqual(a.count(4), 1)
        self.assertIn("array<i32> len=5", repr(a))

    def test_index_errors(self):
        a = self.f("squares")(5)
        for bad in (5, -6, 1 << 70):
            with self.assertRaises(IndexError):
                a[bad]
            with self.assertRaises(IndexError):
                a[bad] = 1
        with self.assertRaises(TypeError):
            a["1"]
        with self.assertRaises(TypeError):
            a[0:2] = [1, 2]

    def test_empty_result(self):
        a = self.f("squares")(0)
        self.assertEqual(len(a), 0)
        self.assertEqual(a.to_list(), [])
        self.assertFalse(a)

    def test_elements_written_in_place(self):
        a = self.f("squares")(5)
        a[1] = 100
        a[-1] += 1  # 16 -> 17
        a.append(7)
        a.extend([8, 9])
        self.assertEqual(a.to_list(), [0, 100, 4, 9, 17, 7, 8, 9])
        with self.assertRaises(gjs.TypeMismatchError):
            a.append(1.5)
        with self.assertRaises(gjs.TypeMismatchError):
            a[0] = 1 << 31
        # extend converts everything before adding anything
        with self.assertRaises(gjs.TypeMismatchError):
            a.extend([1, "two"])
        self.assertEqual(len(a), 8)


class ByReferenceTest(ObjectTestCase):
    def test_array_passed_by_reference(self):
        a = self.f("squares")(5)
        a[1] = 100
        a.append(7)
        self.assertEqual(self.f("total")(a), 0 + 100 + 4 + 9 + 16 + 7)
        self.assertIsNone(self.f("grow")(a))  # pushes its length, 6
        self.assertEqual(len(a), 7)
        self.assertEqual(a[6], 6)
        self.f("grow")(a)
        self.assertEqual(a[-1], 7)

    def test_instance_passed_by_reference(self):
        e = self.f("spawn")("orc", 30)
        e.hp = 25
        e.name = "troll"
        e.pos = self.mod.format("Point")(1.5, 2.0)
        self.f("hurt")(e, 5)
        self.assertEqual(e.hp, 20)
        # tags: 60 from the constructor, 5 from hurt; an f32 prints as "%f" does
        self.assertEqual(self.f("describe")(e), "troll:20:2@1.500000")

    def test_new_array(self):
        xs = self.mod.new_array("array<f64>", [1.5, 2.25])
        self.assertIsInstance(xs, gjs.Array)
        self.assertEqual(self.f("sum")(xs), 3.75)
        ys = self.mod.new_array(" array < i32 > ")
        self.assertEqual(ys.type_name, "array<i32>")
        self.f("grow")(ys)
        self.f("grow")(ys)
        self.assertEqual(ys.to_list(), [0, 1])
        # element and field types of the module's types count too
        self.assertEqual(self.mod.new_array("array<string>", ("a", "b")).to_list(), ["a", "b"])
        with self.assertRaises(gjs.NotFoundError):
            self.mod.new_array("array<u64>")
        with self.assertRaises(gjs.TypeMismatchError):
            self.mod.new_array("array<f64>", [1.5, "x"])
        empty = self.mod.new_array("array<Enemy>")
        self.assertEqual(self.f("squad_hp")(empty), 0)
        with self.assertRaises(gjs.TypeMismatchError):
            self.mod.new_array("array<Enemy>", [1])


class ListArgumentTest(ObjectTestCase):
    def test_iterables_become_temporary_arrays(self):
        self.assertEqual(self.f("total")([1, 2, 3]), 6)
        self.assertEqual(self.f("total")((4, 5)), 9)
        self.assertEqual(self.f("total")(range(4)), 0 + 1 + 2 + 3)
        self.assertEqual(self.f("total")(x * 10 for x in (1, 2)), 30)
        self.assertEqual(self.f("total")([]), 0)
        self.assertEqual(self.f("sum")([1.5, 2.25]), 3.75)
        self.assertEqual(self.f("sum")([1, 2]), 3.0)

    def test_a_list_is_a_copy(self):
        values = [1, 2]
        self.assertIsNone(self.f("grow")(values))
        self.assertEqual(values, [1, 2])

    def test_lists_leave_no_memory_behind(self):
        self.f("total")([1, 2, 3])
        base = self.ctx.memory_in_use
        for n in range(50):
            self.assertEqual(self.f("total")(range(n)), n * (n - 1) // 2)
            self.assertEqual(self.f("join")(["x"] * 3), "x-x-x")
        self.assertEqual(self.ctx.memory_in_use, base)


class StringTest(ObjectTestCase):
    def test_string_elements(self):
        w = self.f("words")()
        self.assertEqual(w.type_name, "array<string>")
        self.assertEqual(w.to_list(), ["a", "bb", "ccc"])
        w[1] = "xy"
        w.append("dddd")
        self.assertEqual(self.f("join")(w), "a-xy-ccc-dddd")
        self.assertEqual(w.to_list(), ["a", "xy", "ccc", "dddd"])

    def test_strings_in_lists(self):
        self.assertEqual(self.f("join")(["a", "b", "c"]), "a-b-c")
        self.assertEqual(self.f("join")(["\u00e9t\u00e9", "nul\0byte"]), "\u00e9t\u00e9-nul\0byte")
        # bytes are accepted; invalid UTF-8 comes back as lone surrogates
        self.assertEqual(self.f("join")([b"\xff", "z"]), "\udcff-z")
        w = self.mod.new_array("array<string>", ["\udcff"])
        self.assertEqual(w[0].encode("utf-8", "surrogateescape"), b"\xff")
        with self.assertRaises(gjs.TypeMismatchError):
            self.f("join")(["a", 1])
        with self.assertRaises(gjs.TypeMismatchError):
            self.f("join")("abc")  # a str is not taken for a list of strings

    def test_string_fields(self):
        e = self.f("spawn")("\u00f6rc", 1)
        self.assertEqual(e.name, "\u00f6rc")
        e.name = "x" * 1000
        self.assertEqual(e.name, "x" * 1000)
        self.assertEqual(self.f("describe")(e), "x" * 1000 + ":1:1@0.000000")


class FormatTest(ObjectTestCase):
    def test_format_class(self):
        Point = self.mod.format("Point")
        self.assertTrue(issubclass(Point, gjs.Format))
        self.assertEqual(Point.__name__, "Point")
        p = Point(1.5, y=2.0)
        self.assertEqual((p.x, p.y), (1.5, 2.0))
        self.assertEqual(p, Point(1.5, 2.0))
        self.assertNotEqual(p, Point(1.5, 2.5))
        self.assertEqual(repr(p), "Point(x=1.5, y=2.0)")
        self.assertEqual(p.to_dict(), {"x": 1.5, "y": 2.0})
        with self.assertRaises(gjs.NotFoundError):
            self.mod.format("Enemy")  # a class, not a format
        with self.assertRaises(gjs.NotFoundError):
            self.mod.format("Nope")

    def test_formats_as_arguments_and_results(self):
        Point, Seg = self.mod.format("Point"), self.mod.format("Seg")
        # dicts give some fields (the others are zero), tuples all of them
        r = self.f("mid")({"a": (0, 0), "b": {"x": 4, "y": 2}})
        self.assertIsInstance(r, Point)
        self.assertEqual(r, Point(2.0, 1.0))
        seg = Seg(a=Point(1, 2), b=Point(3, 4), tag=255, w=1.25)
        self.assertEqual(self.f("mid")(seg), Point(2.0, 3.0))
        bumped = self.f("bump")(seg)
        self.assertIsInstance(bumped, Seg)
        self.assertEqual(bumped.to_dict(), {"a": {"x": 2.0, "y": 2.0}, "b": {"x": 3.0, "y": 4.0},
                                            "tag": 0, "w": 2.5})  # u8 255 + 1 wraps
        # the script worked on a copy
        self.assertEqual((seg.a.x, seg.tag, seg.w), (1.0, 255, 1.25))
        self.assertEqual(self.f("bump")(((0, 0), (0, 0), 1, 3.0)).to_dict(),
                         {"a": {"x": 1.0, "y": 0.0}, "b": {"x": 0.0, "y": 0.0},
                          "tag": 2, "w": 6.0})

    def test_format_mismatches(self):
        mid = self.f("mid")
        Point = self.mod.format("Point")
        cases = [5, "ab", {"q": 1}, ((0, 0), (0, 0)), Point(1, 2),
                 {"a": (1, "x")}, {"tag": 256}, {"a": {"x": 1, "z": 2}}]
        for bad in cases:
            with self.subTest(bad=bad):
                with self.assertRaises(gjs.TypeMismatchError) as cm:
                    mid(bad)
                self.assertEqual(cm.exception.status, gjs.STATUS_TYPE_MISMATCH)
                self.assertIn("mid() argument 1 (s)", str(cm.exception))
        with self.assertRaises(gjs.TypeMismatchError) as cm:
            mid({"a": (1, "x")})
        self.assertIn("(s).a.y", str(cm.exception))

    def test_formats_as_elements(self):
        Point = self.mod.format("Point")
        p = self.f("path")(3)
        self.assertEqual(p.type_name, "array<Point>")
        self.assertEqual(p.to_list(), [Point(0, 0), Point(1, 2), Point(2, 4)])
        self.assertIsInstance(p[2], Point)
        p[0] = {"x": 10, "y": 0.5}
        p.append((10, 0.5))
        # (10 + 0.5) + (1 + 2) + (2 + 4) + (10 + 0.5)
        self.assertEqual(self.f("length_sum")(p), 30.0)
        p[1].x = 99  # a copy: the array is unchanged
        self.assertEqual(p[1], Point(1, 2))
        self.assertEqual(self.f("length_sum")([Point(1, 2), {"y": 3}, (0.25, 0.25)]), 6.5)
        with self.assertRaises(gjs.TypeMismatchError):
            self.f("length_sum")([(1, 2), (3,)])

    def test_format_fields(self):
        Point = self.mod.format("Point")
        e = self.f("spawn")("orc", 1)
        self.assertEqual(e.pos, Point(0, 0))
        e.pos = {"y": 4}
        self.assertEqual(e.pos, Point(0, 4))
        e.pos.x = 5  # a copy
        self.assertEqual(e.pos.x, 0.0)
        e["pos"] = (1, 2)
        self.assertEqual(e["pos"], Point(1, 2))

    def test_format_classes_are_shared_by_equal_declarations(self):
        other = gjs.Context()
        self.addCleanup(other.close)
        mod2 = other.add_code("other", "format Point { f32 x, f32 y }\n"
                                       "f32 dot(Point a, Point b) "
                                       "{ return a.x * b.x + a.y * b.y; }")
        Point = self.mod.format("Point")
        self.assertIs(mod2.format("Point"), Point)
        self.assertEqual(mod2.function("dot")(Point(1, 2), Point(3, 4)), 11.0)
        mod3 = other.add_code("third", "format Point { f64 x, f64 y }\n"
                                       "f64 first(Point p) { return p.x; }")
        self.assertIsNot(mod3.format("Point"), Point)
        with self.assertRaises(gjs.TypeMismatchError):
            mod3.function("first")(Point(1, 2))
        self.assertEqual(mod3.function("first")((0.5, 1)), 0.5)

    def test_math_vectors(self):
        mod = self.ctx.add_code("vectors", r"""
            import { vec3f } from 'math';
            vec3f twice(vec3f v) { return v * 2.0f; }
            f32 total(array<vec3f> vs) {
                f32 t = 0.0f;
                for (u32 i = 0; i < vs.length; i++) t += vs[i].x + vs[i].y + vs[i].z;
                return t;
            }""")
        r = mod.function("twice")((1, 2, 3))
        self.assertEqual(type(r).__name__, "vec3f")
        self.assertEqual(r.to_dict(), {"x": 2.0, "y": 4.0, "z": 6.0})
        self.assertEqual(mod.function("twice")(r).to_dict(), {"x": 4.0, "y": 8.0, "z": 12.0})
        self.assertEqual(mod.function("total")([r, {"z": 1}]), 13.0)


class ClassFieldTest(ObjectTestCase):
    def test_fields(self):
        e = self.f("spawn")("orc", 30)
        self.assertIsInstance(e, gjs.Instance)
        self.assertIsInstance(e, gjs.Object)
        self.assertEqual(e.type_name, "Enemy")
        self.assertEqual(e.fields, ("name", "hp", "pos", "id", "tags"))
        self.assertEqual((e.name, e.hp, e.id), ("orc", 30, 7))
        self.assertEqual((e["name"], e["hp"], e["id"]), ("orc", 30, 7))
        self.assertEqual(e.to_dict(), {"name": "orc", "hp": 30,
                                       "pos": self.mod.format("Point")(0, 0), "id": 7})
        self.assertIn("hp", dir(e))
        self.assertIn("Enemy", repr(e))
        e.hp = -4
        e["hp"] += 1
        self.assertEqual(e.hp, -3)

    def test_const_fields_refuse_assignment(self):
        e = self.f("spawn")("orc", 30)
        with self.assertRaises(gjs.TypeMismatchError) as cm:
            e.id = 8
        self.assertIn("const", str(cm.exception))
        with self.assertRaises(gjs.TypeMismatchError):
            e["id"] = 8
        self.assertEqual(e.id, 7)

    def test_unknown_and_unreachable_fields(self):
        e = self.f("spawn")("orc", 30)
        with self.assertRaises(AttributeError):
            e.nope
        with self.assertRaises(AttributeError):
            e.nope = 1
        self.assertFalse(hasattr(e, "nope"))
        with self.assertRaises(gjs.NotFoundError) as cm:
            e["nope"]
        self.assertIsInstance(cm.exception, LookupError)
        with self.assertRaises(gjs.NotFoundError):
            e["nope"] = 1
        # a field holding an object (here an array) cannot be read or written in place
        with self.assertRaises(gjs.TypeMismatchError) as cm:
            e.tags
        self.assertIn("array<i32>", str(cm.exception))
        with self.assertRaises(gjs.TypeMismatchError):
            e["tags"] = [1]

    def test_field_values_are_checked(self):
        e = self.f("spawn")("orc", 30)
        for field, bad in (("hp", "x"), ("hp", 1 << 31), ("hp", 1.5), ("name", 3),
                           ("pos", 1)):
            with self.subTest(field=field, bad=bad):
                with self.assertRaises(gjs.TypeMismatchError):
                    e[field] = bad
        self.assertEqual((e.hp, e.name), (30, "orc"))


class TypeMismatchTest(ObjectTestCase):
    def assertRefused(self, func, *args):
        before_memory, before_out = self.ctx.memory_in_use, self.out
        with self.assertRaises(gjs.TypeMismatchError) as cm:
            func(*args)
        self.assertEqual(cm.exception.status, gjs.STATUS_TYPE_MISMATCH)
        # nothing ran: no output, no memory kept
        self.assertEqual((self.ctx.memory_in_use, self.out), (before_memory, before_out))
        return str(cm.exception)

    def test_wrong_objects(self):
        xs = self.mod.new_array("array<f64>", [1.0])
        e = self.f("spawn")("orc", 1)
        a = self.f("squares")(3)
        message = self.assertRefused(self.f("total"), xs)
        self.assertIn("expected array<i32>", message)
        self.assertIn("array<f64>", message)
        self.assertRefused(self.f("total"), e)
        self.assertRefused(self.f("hurt"), a, 1)
        self.assertRefused(self.f("describe"), None)
        self.assertRefused(self.f("total"), {1: 2})
        self.assertRefused(self.f("total"), "123")
        self.assertRefused(self.f("mid"), e)

    def test_wrong_elements(self):
        message = self.assertRefused(self.f("total"), [1, 2, "3"])
        self.assertIn("total() argument 1 (a)[2]", message)
        self.assertRefused(self.f("total"), [1, 1 << 40])
        self.assertRefused(self.f("sum"), [1.0, None])
        self.assertRefused(self.f("squad_hp"), [1])

    def test_object_of_another_context(self):
        other = gjs.Context()
        self.addCleanup(other.close)
        other.set_output(lambda data: None)
        e = other.add_code("game", SCRIPT).function("spawn")("stranger", 1)
        message = self.assertRefused(self.f("hurt"), e, 1)
        self.assertIn("another gjs.Context", message)

    def test_handles_do_not_cross(self):
        with self.assertRaises(gjs.TypeMismatchError) as cm:
            self.f("nobody")()
        self.assertIn("Enemy?", str(cm.exception))

    def test_closed_object_argument(self):
        a = self.f("squares")(3)
        a.close()
        with self.assertRaises(gjs.Error) as cm:
            self.f("total")(a)
        self.assertIn("closed", str(cm.exception))


class ObjectsOfObjectsTest(ObjectTestCase):
    def test_array_of_instances(self):
        s = self.f("squad")()
        self.assertEqual(s.type_name, "array<Enemy>")
        self.assertEqual(len(s), 2)
        self.assertEqual(self.f("squad_hp")(s), 3 + 4)
        with self.assertRaises(gjs.TypeMismatchError):
            s[0]
        with self.assertRaises(gjs.TypeMismatchError):
            s.append(1)
        before = self.destroyed()
        s.close()
        self.assertEqual(self.destroyed(), before + 2)


class RuntimeErrorTest(ObjectTestCase):
    def test_error_in_function_returning_an_object(self):
        boom = self.f("boom")
        with self.assertRaises(gjs.RuntimeError):
            boom(1)  # warm-up: whatever the first failure allocates once
        base = self.ctx.memory_in_use
        for _ in range(20):
            with self.assertRaises(gjs.RuntimeError) as cm:
                boom(1)
            self.assertEqual(cm.exception.error_message, "boom")
        self.assertEqual(self.ctx.memory_in_use, base)
        e = boom(0)
        self.assertEqual((e.name, e.hp), ("never", 0))
        self.assertEqual(self.f("describe")(e), "never:0:1@0.000000")
        e.close()
        self.assertEqual(self.ctx.memory_in_use, base)


class ObjectLifetimeTest(ObjectTestCase):
    def test_close_destroys(self):
        e = self.f("spawn")("orc", 1)
        before = self.destroyed()
        self._out.clear()
        self.assertFalse(e.closed)
        e.close()
        self.assertTrue(e.closed)
        self.assertEqual(self.out, b"bye orc\n")
        self.assertEqual(self.destroyed(), before + 1)
        e.close()  # idempotent
        self.assertEqual(self.destroyed(), before + 1)
        with self.assertRaises(gjs.Error):
            e.hp
        self.assertIn("closed", repr(e))

    def test_with_block_and_garbage_collection(self):
        before = self.destroyed()
        with self.f("spawn")("a", 1) as e:
            self.assertEqual(e.name, "a")
        self.assertTrue(e.closed)
        self.assertEqual(self.destroyed(), before + 1)
        e = self.f("spawn")("b", 1)
        del e
        gc.collect()
        self.assertEqual(self.destroyed(), before + 2)
        self.assertEqual(self.out.count(b"bye"), 2)

    def test_objects_cannot_be_copied(self):
        import copy
        import pickle
        for obj in (self.f("spawn")("orc", 1), self.f("squares")(2)):
            for duplicate in (copy.copy, copy.deepcopy, pickle.dumps):
                with self.subTest(obj=obj, duplicate=duplicate):
                    with self.assertRaises(TypeError):
                        duplicate(obj)

    def test_discarded_results_are_destroyed(self):
        before = self.destroyed()
        self.f("spawn")("gone", 1)
        self.assertEqual(self.destroyed(), before + 1)

    def test_objects_outliving_their_context(self):
        e = self.f("spawn")("orc", 1)
        a = self.f("squares")(3)
        w = self.f("words")()
        self._out.clear()
        self.ctx.close()
        self.assertEqual(self.out, b"bye orc\n")  # destroyed with the context
        for obj in (e, a, w):
            self.assertTrue(obj.closed)
        with self.assertRaises(gjs.Error):
            e.hp
        with self.assertRaises(gjs.Error):
            e.hp = 3
        with self.assertRaises(gjs.Error):
            len(a)
        with self.assertRaises(gjs.Error):
            a.append(1)
        self.assertIn("closed", repr(a))
        e.close()  # frees the handle only
        del a, w
        gc.collect()

    def test_objects_keep_their_context_alive(self):
        ctx = gjs.Context()
        sink = []
        ctx.set_output(sink.append)
        mod = ctx.add_code("game", SCRIPT)
        e = mod.function("spawn")("orc", 1)
        a = mod.function("squares")(3)
        probe = weakref.ref(ctx)
        del ctx, mod
        gc.collect()
        self.assertIsNotNone(probe())
        self.assertEqual(e.hp, 1)
        self.assertEqual(a.to_list(), [0, 1, 4])
        del e
        gc.collect()
        self.assertEqual(b"".join(sink), b"bye orc\n")
        self.assertIsNotNone(probe())
        del a
        gc.collect()
        self.assertIsNone(probe())

    def test_context_dropped_first_then_objects(self):
        ctx = gjs.Context()
        sink = []
        ctx.set_output(sink.append)
        mod = ctx.add_code("game", SCRIPT)
        objects = [mod.function("spawn")("c%d" % i, 1) for i in range(3)]
        objects.append(mod.function("squares")(4))
        probe = weakref.ref(ctx)
        # A cycle holding everything: the collector finalises in its own order.
        cycle = [ctx, mod, objects]
        cycle.append(cycle)
        del ctx, mod, objects, cycle
        gc.collect()
        self.assertIsNone(probe())
        self.assertEqual(sorted(b"".join(sink).split()),
                         [b"bye", b"bye", b"bye", b"c0", b"c1", b"c2"])

    def test_closed_context_then_objects_collected(self):
        ctx = gjs.Context()
        ctx.set_output(lambda data: None)
        spawn = ctx.add_code("game", SCRIPT).function("spawn")
        objects = [spawn("x", 1) for _ in range(3)]
        del spawn
        ctx.close()
        del ctx
        objects.clear()
        gc.collect()

    def test_interpreter_shutdown_with_live_objects(self):
        code = """
            import gjs, sys
            ctx = gjs.Context()
            mod = ctx.add_code("game", sys.argv[1])
            kept = [mod.function("spawn")("late", 1), mod.function("squares")(3)]
            cycle = [ctx, kept]
            cycle.append(cycle)
            other = gjs.Context()
            also = other.add_code("game", sys.argv[1]).function("words")()
            print("done", flush=True)
        """
        env = dict(os.environ)
        env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(gjs.__file__)))
        result = subprocess.run([sys.executable, "-c", textwrap.dedent(code), SCRIPT],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b"done", result.stdout)
        self.assertNotIn(b"Traceback", result.stderr)
        self.assertNotIn(b"Exception ignored", result.stderr)

    def test_memory_returns_to_baseline(self):
        f = self.f

        def churn():
            a = f("squares")(20)
            a.append(1)
            self.assertEqual(a[-2], 361)
            w = f("words")()
            w[1] = "changed"
            w.append("more")
            self.assertEqual(f("join")(w), "a-changed-ccc-more")
            self.assertEqual(f("total")(list(range(10))), 45)
            self.assertEqual(f("join")(["x", "y"]), "x-y")
            e = f("spawn")("m", 3)
            e.name = "renamed"
            f("hurt")(e, 1)
            e.close()
            with f("spawn")("n", 4) as e2:
                e2.pos = (1, 2)
            self.assertEqual(f("length_sum")([(1, 2), {"x": 3}]), 6.0)
            self.assertEqual(f("mid")({"a": (0, 0), "b": (2, 2)}).x, 1.0)
            with self.assertRaises(gjs.RuntimeError):
                f("boom")(1)
            s = f("squad")()
            self.assertEqual(f("squad_hp")(s), 7)
            xs = self.mod.new_array("array<f64>", [0.5])
            self.assertEqual(f("sum")(xs), 0.5)

        churn()  # warm-up
        base = self.ctx.memory_in_use
        for _ in range(200):
            churn()
        gc.collect()
        self.assertEqual(self.ctx.memory_in_use, base)


class CallbackLifetimeTest(ObjectTestCase):
    """Objects closed or collected while a call into their context runs."""

    host_source = r"""
void touch(Enemy e) { poke(); e.hp += 1; }
i32 destroyed_during_drop() { i32 before = destroyed; drop(); return destroyed - before; }
i32 destroyed_during_elsewhere() { i32 before = destroyed; elsewhere(); return destroyed - before; }
"""

    def bind_hosts(self):
        self.victim = None
        self.held = []
        self.ctx.bind("void poke()", lambda: self.victim.close())
        self.ctx.bind("void drop()", lambda: self.held.clear())

        def elsewhere():
            # The last reference goes on another thread while this one runs a call.
            worker = threading.Thread(target=self.held.clear)
            worker.start()
            worker.join(30)
            self.assertFalse(worker.is_alive())

        self.ctx.bind("void elsewhere()", elsewhere)

    def test_closing_an_argument_during_its_call_is_refused(self):
        self.victim = self.f("spawn")("v", 1)
        with self.assertRaises(gjs.RuntimeError) as cm:
            self.f("touch")(self.victim)
        self.assertIsInstance(cm.exception.__cause__, gjs.Error)
        self.assertIn("while a call", str(cm.exception.__cause__))
        self.assertFalse(self.victim.closed)
        self.assertEqual(self.victim.hp, 1)  # the script stopped at poke()
        # outside the call it closes normally
        self.victim.close()
        self.assertTrue(self.victim.closed)

    def test_collected_during_a_call_is_destroyed_after_it(self):
        self.held.append(self.f("spawn")("ghost", 1))
        before = self.destroyed()
        self._out.clear()
        self.assertEqual(self.f("destroyed_during_drop")(), 0)
        self.assertEqual(self.out, b"bye ghost\n")
        self.assertEqual(self.destroyed(), before + 1)

    def test_collected_on_another_thread_during_a_call(self):
        self.held.append(self.f("spawn")("remote", 1))
        self.held.append(self.f("squares")(100))
        base_out = len(self.out)
        before = self.destroyed()
        self.assertEqual(self.f("destroyed_during_elsewhere")(), 0)
        self.assertEqual(self.destroyed(), before + 1)
        self.assertEqual(self.out[base_out:], b"bye remote\n")


if __name__ == "__main__":
    unittest.main()
