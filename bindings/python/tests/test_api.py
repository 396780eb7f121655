"""Modules and functions: compiling from strings and files, lookup, introspection and
initialisation; Context construction arguments."""

import os
import shutil
import tempfile
import unittest

import gjs

from .support import ContextTestCase


class ModuleTest(ContextTestCase):
    SOURCE = (
        "i32 inits = 0;\n"
        "inits++;\n"
        "print('init ran');\n"
        "f32 mul(f32 a, f32 b) { return a * b; }\n"
        "string describe(i32 v) { return 'i32:' + v; }\n"
        "string describe(f64 v) { return 'f64:' + v.toFixed(2); }\n"
        "void nothing() { }\n"
        "i32 count() { return inits; }\n"
    )

    def setUp(self):
        super().setUp()
        self.mod = self.ctx.add_code("demo", self.SOURCE)

    def test_spec_example(self):
        mod = self.ctx.add_code("spec", "i32 add(i32 a, i32 b) { return a + b; }")
        mod.init()
        self.assertEqual(mod.function("add")(2, 3), 5)

    def test_init_runs_once(self):
        self.assertEqual(self.out, b"")
        self.mod.init()
        self.mod.init()
        self.assertEqual(self.out, b"init ran\n")
        self.assertEqual(self.mod.function("count")(), 1)

    def test_call_initialises_the_module_first(self):
        self.assertEqual(self.mod.function("count")(), 1)
        self.assertEqual(self.out, b"init ran\n")

    def test_init_function_by_name(self):
        init = self.mod.function("__init__")
        self.assertEqual(init.decl, "void __init__()")
        init()
        self.mod.init()
        self.assertEqual(self.out, b"init ran\n")

    def test_introspection(self):
        mul = self.mod.function("mul")
        self.assertEqual(mul.name, "mul")
        self.assertEqual(mul.decl, "f32 mul(f32 a, f32 b)")
        self.assertEqual(mul.return_type, "f32")
        self.assertEqual(mul.arg_types, ["f32", "f32"])
        self.assertEqual(mul.arg_names, ["a", "b"])
        self.assertEqual(mul(61.0, 69.0), 4209.0)
        nothing = self.mod.function("nothing")
        self.assertEqual((nothing.return_type, nothing.arg_types), ("void", []))
        self.assertIsNone(nothing())
        self.assertIs(nothing.context, self.ctx)
        self.assertIn("f32 mul(f32 a, f32 b)", repr(mul))

    def test_functions_lists_everything_in_order(self):
        self.assertEqual([f.decl for f in self.mod.functions()], [
            "f32 mul(f32 a, f32 b)",
            "string describe(i32 v)",
            "string describe(f64 v)",
            "void nothing()",
            "i32 count()",
            "void __init__()",
        ])

    def test_overloads_by_declaration(self):
        with self.assertRaises(gjs.NotFoundError) as caught:
            self.mod.function("describe")
        self.assertIn("overloaded", str(caught.exception))
        as_int = self.mod.function_by_decl("string describe(i32)")
        as_float = self.mod.function_by_decl("string describe(f64 value)")
        self.assertEqual(as_int(7), "i32:7")
        self.assertEqual(as_float(2.5), "f64:2.50")
        self.assertNotEqual(as_int, as_float)
        self.assertEqual(as_int, self.mod.function_by_decl("string describe(i32 v)"))

    def test_missing_functions(self):
        with self.assertRaises(gjs.NotFoundError) as caught:
            self.mod.function("nope")
        self.assertEqual(caught.exception.status, gjs.STATUS_NOT_FOUND)
        with self.assertRaises(gjs.NotFoundError):
            self.mod.function_by_decl("i32 mul(f32, f32)")
        with self.assertRaises(LookupError):
            self.mod.function("nope")

    def test_module_lookup(self):
        self.assertEqual(self.ctx.module("demo"), self.mod)
        self.assertEqual(self.ctx.module("demo").name, "demo")
        with self.assertRaises(gjs.NotFoundError):
            self.ctx.module("absent")

    def test_imports_between_modules_added_by_name(self):
        self.ctx.add_code("lib", "i32 square(i32 v) { return v * v; }\nprint('lib init');")
        user = self.ctx.add_code("user", "import { square } from 'lib';\n"
                                         "i32 sq_plus(i32 v) { return square(v) + 1; }")
        self.assertEqual(user.function("sq_plus")(7), 50)
        self.assertEqual(self.out, b"lib init\n")


class FileModuleTest(ContextTestCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.mkdtemp(prefix="gjs-python-")
        self.addCleanup(shutil.rmtree, self.dir)

    def write(self, name, source):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        return path

    def test_add_file_with_an_import_next_to_it(self):
        self.write("helpers.gjs", "i32 double_it(i32 v) { return 2 * v; }\n")
        path = self.write("game.gjs", "import { double_it } from 'helpers';\n"
                                      "i32 run(i32 v) { return double_it(v) + 1; }\n")
        mod = self.ctx.add_file(path)
        self.assertEqual(mod.function("run")(20), 41)
        self.assertEqual(self.ctx.module(path), mod)  # registered under its path
        self.assertIn("game", mod.name)
        # Adding the same file again gives the same module.
        self.assertEqual(self.ctx.add_file(path), mod)

    def test_path_like(self):
        import pathlib
        path = pathlib.Path(self.write("p.gjs", "i32 one() { return 1; }"))
        self.assertEqual(self.ctx.add_file(path).function("one")(), 1)

    def test_compile_error_in_a_file(self):
        path = self.write("broken.gjs", "i32 f() {\n    return 'no';\n}\n")
        with self.assertRaises(gjs.CompileError) as caught:
            self.ctx.add_file(path)
        [diagnostic] = caught.exception.diagnostics
        self.assertEqual((diagnostic.line, diagnostic.column, diagnostic.code), (2, 12, "E0300"))
        self.assertEqual(diagnostic.module, "broken")

    def test_missing_and_unreadable_files(self):
        with self.assertRaises(gjs.NotFoundError):
            self.ctx.add_file(os.path.join(self.dir, "absent.gjs"))
        with self.assertRaises(gjs.IOError) as caught:
            self.ctx.add_file(self.dir)  # a directory cannot be read as a file
        self.assertEqual(caught.exception.status, gjs.STATUS_IO_ERROR)


class ContextArgumentsTest(unittest.TestCase):
    def test_sizes(self):
        for kwargs in ({}, {"stack_size": 64 * 1024}, {"mem_size": 1 << 20},
                       {"memory_size": 1 << 16}, {"max_memory_size": 1 << 22},
                       {"memory_size": 1 << 16, "max_memory_size": 1 << 22}):
            with self.subTest(**kwargs):
                with gjs.Context(**kwargs) as ctx:
                    mod = ctx.add_code("m", "i32 one() { return 1; }")
                    self.assertEqual(mod.function("one")(), 1)
                    self.assertGreaterEqual(ctx.memory_in_use, 0)

    def test_invalid_sizes(self):
        for kwargs in ({"stack_size": -1}, {"mem_size": 1 << 32}, {"stack_size": 1.5},
                       {"max_memory_size": -1}, {"mem_size": 1 << 20, "max_memory_size": 1 << 21}):
            with self.subTest(**kwargs):
                with self.assertRaises(gjs.InvalidArgumentError):
                    gjs.Context(**kwargs)

    def test_names_with_nul_bytes_are_rejected(self):
        with gjs.Context() as ctx:
            with self.assertRaises(gjs.InvalidArgumentError):
                ctx.add_code("a\0b", "i32 x = 1;")
            with self.assertRaises(gjs.InvalidArgumentError):
                ctx.module("a\0b")


class RecordsTest(unittest.TestCase):
    def test_diagnostic_and_frame_text(self):
        diagnostic = gjs.Diagnostic("error", "E0300", "cannot convert", "game", 7, 9)
        self.assertEqual(str(diagnostic), "game:7:9: error[E0300]: cannot convert")
        self.assertEqual(diagnostic.line, 7)
        frame = gjs.Frame("game", "divide", 8, 14)
        self.assertEqual(str(frame), "game:8:14 in divide")
        self.assertEqual(frame.function, "divide")

    def test_runtime_error_parses_its_headline(self):
        error = gjs.RuntimeError("uncaught Error: a\nb (code 3)\n    at m:1:2 in f",
                                 [gjs.Frame("m", "f", 1, 2)])
        self.assertEqual((error.error_type, error.error_message, error.code), ("Error", "a\nb", 3))
        self.assertEqual(error.status, gjs.STATUS_RUNTIME_ERROR)


if __name__ == "__main__":
    unittest.main()
