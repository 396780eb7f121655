"""Python callables bound as host functions (global and in host modules), their
conversions, re-entrant calls, exceptions crossing the boundary, and output sinks."""

import os
import tempfile
import unittest

import gjs

from .support import ContextTestCase


def try_catch_supported():
    """Whether this libgjs compiles try/catch (exceptions may still be in progress)."""
    with gjs.Context() as ctx:
        try:
            ctx.add_code("probe", "void f() { try { } catch (Error e) { } }")
            return True
        except gjs.CompileError:
            return False


class BindTest(ContextTestCase):
    def test_decorator_global(self):
        @self.ctx.bind("f64 twice(f64 x)")
        def twice(x):
            return 2 * x

        self.assertEqual(twice(4), 8)  # the decorator returns the function unchanged
        mod = self.module("f64 quad(f64 v) { return twice(twice(v)); }\n"
                          "print('' + twice(1.25));")
        self.assertEqual(mod.function("quad")(1.5), 6.0)
        self.assertEqual(self.out, b"2.500000\n")

    def test_call_form_and_host_module_import(self):
        calls = []

        def spawn(kind, x, y):
            calls.append((kind, x, y))
            return len(calls)

        self.assertIs(self.ctx.bind("u32 spawn(string kind, f32 x, f32 y)", spawn,
                                    module="engine"), spawn)
        mod = self.module("import { spawn } from 'engine';\n"
                          "u32 wave(u32 n) { u32 id = 0; for (u32 i = 0; i < n; i++) "
                          "id = spawn('orc', 1.5f * i, -2.0f); return id; }")
        self.assertEqual(mod.function("wave")(3), 3)
        self.assertEqual(calls, [("orc", 0.0, -2.0), ("orc", 1.5, -2.0), ("orc", 3.0, -2.0)])

    def test_decorator_with_module_positional(self):
        @self.ctx.bind("string name()", "engine")
        def name():
            return "gjs"

        mod = self.module("import { name } from 'engine';\nstring get() { return name(); }")
        self.assertEqual(mod.function("get")(), "gjs")

    def test_host_module_is_introspectable_and_callable(self):
        self.ctx.bind("i32 triple(i32 v)", lambda v: 3 * v, module="engine")
        self.ctx.bind("void noop()", lambda: None, module="engine")
        engine = self.ctx.module("engine")
        self.assertEqual(engine.name, "engine")
        self.assertEqual([f.decl for f in engine.functions()],
                         ["i32 triple(i32 v)", "void noop()"])
        self.assertEqual(engine.function("triple")(14), 42)
        self.assertIsNone(engine.function("noop")())

    def test_every_type_crosses_into_python_and_back(self):
        seen = {}

        def record(kind):
            def f(v):
                seen[kind] = v
                return v
            return f

        types = ("bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64",
                 "string")
        for t in types:
            self.ctx.bind("%s echo_%s(%s v)" % (t, t, t), record(t))
        mod = self.module("\n".join("%s via_%s(%s v) { return echo_%s(v); }" % (t, t, t, t)
                                    for t in types))
        values = {"bool": True, "i8": -128, "u8": 255, "i16": -32768, "u16": 65535,
                  "i32": -2 ** 31, "u32": 2 ** 32 - 1, "i64": -2 ** 63, "u64": 2 ** 64 - 1,
                  "f32": 0.5, "f64": 1e300, "string": "zé\0ro ✓"}
        for t, value in values.items():
            with self.subTest(type=t):
                self.assertEqual(mod.function("via_" + t)(value), value)
                self.assertEqual(seen[t], value)
                self.assertIs(type(seen[t]), type(value))

    def test_string_results_from_python(self):
        self.ctx.bind("string tag(string s)", lambda s: "<" + s + ">")
        self.ctx.bind("string raw()", lambda: b"\xff\x00!")
        mod = self.module("string both(string s) { return tag(s) + tag(s); }\n"
                          "u32 raw_length() { return raw().length; }")
        self.assertEqual(mod.function("both")("ü"), "<ü><ü>")
        self.assertEqual(mod.function("raw_length")(), 3)

    def test_bad_declarations(self):
        cases = {
            "i32 f(i32 a": "E0105",     # unterminated
            "vec3 f(i32 a)": "E0205",   # not a type a host function can take
        }
        for decl, code in cases.items():
            with self.subTest(decl=decl):
                with self.assertRaises(gjs.InvalidArgumentError) as caught:
                    self.ctx.bind(decl, lambda *a: 0)
                self.assertEqual([d.code for d in caught.exception.diagnostics], [code])
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.bind("i32 f(i32 a)", "not callable", module="m")

    def test_repeated_signature_is_rejected(self):
        self.ctx.bind("i32 once(i32 a)", lambda a: a)
        with self.assertRaises(gjs.InvalidArgumentError) as caught:
            self.ctx.bind("i32 once(i32 b)", lambda b: b)
        self.assertEqual(caught.exception.diagnostics[0].code, "E0202")

    def test_script_module_name_is_rejected(self):
        self.module("i32 one() { return 1; }", name="taken")
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.bind("i32 f()", lambda: 1, module="taken")


class ReentrancyTest(ContextTestCase):
    def test_callback_calls_back_into_the_context(self):
        holder = {}

        @self.ctx.bind("f64 host_twice(f64 x)")
        def host_twice(x):
            return holder["mod"].function("twice")(x)

        holder["mod"] = mod = self.module(
            "f64 twice(f64 x) { return 2.0 * x; }\n"
            "f64 quad(f64 x) { return host_twice(host_twice(x)); }")
        self.assertEqual(mod.function("quad")(1.5), 6.0)

    def test_deep_alternation(self):
        holder = {}

        @self.ctx.bind("i32 host_down(i32 n)")
        def host_down(n):
            return holder["down"](n - 1) + 1 if n > 0 else 0

        mod = self.module("i32 down(i32 n) { if (n <= 0) return 0; return host_down(n - 1) + 1; }")
        holder["down"] = mod.function("down")
        self.assertEqual(mod.function("down")(50), 50)

    def test_nested_output_and_strings(self):
        holder = {}

        @self.ctx.bind("string host_wrap(string s)")
        def host_wrap(s):
            inner = holder["mod"].function("shout")(s)
            return "[" + inner + "]"

        holder["mod"] = mod = self.module(
            "string shout(string s) { print('shout ' + s); return s + '!'; }\n"
            "string both(string a, string b) { return host_wrap(a) + host_wrap(b); }")
        self.assertEqual(mod.function("both")("x", "yz"), "[x!][yz!]")
        self.assertEqual(self.out, b"shout x\nshout yz\n")

    def test_nested_failure_is_raised_inside_the_callback(self):
        holder = {}
        seen = []

        @self.ctx.bind("i32 host_try(i32 b)")
        def host_try(b):
            try:
                return holder["mod"].function("div")(10, b)
            except gjs.RuntimeError as error:
                seen.append(error.error_message)
                return -1

        holder["mod"] = mod = self.module(
            "i32 div(i32 a, i32 b) { return a / b; }\n"
            "i32 run(i32 b) { return host_try(b); }")
        self.assertEqual(mod.function("run")(0), -1)
        self.assertEqual(seen, ["division by zero"])
        self.assertEqual(mod.function("run")(5), 2)


class CallbackExceptionTest(ContextTestCase):
    def test_uncaught_python_exception_is_the_cause(self):
        original = ValueError("bad input 13")

        @self.ctx.bind("i32 check(i32 v)")
        def check(v):
            raise original

        mod = self.module("i32 run(i32 v) {\n    return check(v) + 1;\n}")
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.function("run")(13)
        error = caught.exception
        self.assertIs(error.__cause__, original)
        self.assertEqual(error.error_message, "bad input 13")
        self.assertEqual(error.code, 3)
        self.assertEqual(error.backtrace[0].function, "run")
        self.assertEqual(error.backtrace[0].line, 2)
        # The context is fine afterwards.
        self.ctx.bind("i32 fine(i32 v)", lambda v: v)
        self.assertEqual(self.module("i32 g() { return fine(4); }", name="m2").function("g")(), 4)

    def test_script_catches_a_python_exception(self):
        @self.ctx.bind("i32 check(i32 v)")
        def check(v):
            if v < 0:
                raise ValueError("negative %d" % v)
            return v

        mod = self.module(
            "string run(i32 v) {\n"
            "    try { return '' + check(v); }\n"
            "    catch (Error e) { return 'caught ' + e.message + ' ' + e.code; }\n"
            "}")
        run = mod.function("run")
        self.assertEqual(run(5), "5")
        self.assertEqual(run(-2), "caught negative -2 3")
        # A later uncaught error is not linked to the exception the script caught.
        with self.assertRaises(gjs.RuntimeError) as caught:
            self.module("void boom() { throw Error('script'); }", name="m3").function("boom")()
        self.assertIsNone(caught.exception.__cause__)
        self.assertIn("script", str(caught.exception))

    def test_exception_during_init(self):
        @self.ctx.bind("void explode()", module="engine")
        def explode():
            raise KeyError("missing key")

        mod = self.ctx.add_code("boot", "import { explode } from 'engine';\nexplode();")
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.init()
        self.assertIsInstance(caught.exception.__cause__, KeyError)

    def test_bad_result_type_becomes_a_script_error(self):
        self.ctx.bind("u8 small()", lambda: 300)
        self.ctx.bind("i32 wrong()", lambda: "text")
        mod = self.module("i32 a() { return small(); }\ni32 b() { return wrong(); }")
        for name in ("a", "b"):
            with self.subTest(name=name):
                with self.assertRaises(gjs.RuntimeError) as caught:
                    mod.function(name)()
                self.assertIsInstance(caught.exception.__cause__, gjs.TypeMismatchError)

    def test_nested_cause_chain(self):
        holder = {}

        @self.ctx.bind("i32 host(i32 b)")
        def host(b):
            return holder["mod"].function("div")(1, b)

        holder["mod"] = mod = self.module(
            "i32 div(i32 a, i32 b) { return a / b; }\ni32 run() { return host(0); }")
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.function("run")()
        inner = caught.exception.__cause__
        self.assertIsInstance(inner, gjs.RuntimeError)
        self.assertEqual(inner.error_message, "division by zero")
        self.assertEqual(inner.backtrace[0].function, "div")

    def test_base_exception_is_reraised_as_is(self):
        @self.ctx.bind("void stop()")
        def stop():
            raise KeyboardInterrupt()

        mod = self.module("void run() { stop(); }")
        with self.assertRaises(KeyboardInterrupt):
            mod.function("run")()
        self.assertEqual(self.module("i32 one() { return 1; }", name="m2").function("one")(), 1)

    @unittest.skipUnless(try_catch_supported(), "this libgjs does not compile try/catch yet")
    def test_script_can_catch_a_python_exception(self):
        @self.ctx.bind("i32 risky(i32 v)")
        def risky(v):
            if v < 0:
                raise ValueError("negative: %d" % v)
            return v

        mod = self.module(
            "string run(i32 v) {\n"
            "    try { return 'ok ' + risky(v); }\n"
            "    catch (Error e) { return 'caught ' + e.message + ' ' + e.code; }\n"
            "}")
        self.assertEqual(mod.function("run")(5), "ok 5")
        self.assertEqual(mod.function("run")(-2), "caught negative: -2 3")

    @unittest.skipUnless(try_catch_supported(), "this libgjs does not compile try/catch yet")
    def test_caught_python_exception_is_not_the_cause_of_a_later_error(self):
        @self.ctx.bind("void risky()")
        def risky():
            raise ValueError("handled by the script")

        mod = self.module(
            "i32 run(i32 b) {\n"
            "    try { risky(); } catch (Error e) { }\n"
            "    return 1 / b;\n"
            "}")
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.function("run")(0)
        self.assertEqual(caught.exception.error_message, "division by zero")
        self.assertIsNone(caught.exception.__cause__)

    def test_cause_is_not_carried_to_later_calls(self):
        @self.ctx.bind("void fail_if(bool b)")
        def fail_if(b):
            if b:
                raise ValueError("asked to fail")

        mod = self.module("i32 run(bool b, i32 d) { fail_if(b); return 1 / d; }")
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.function("run")(True, 1)
        self.assertIsInstance(caught.exception.__cause__, ValueError)
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.function("run")(False, 0)
        self.assertIsNone(caught.exception.__cause__)


class OutputTest(ContextTestCase):
    def test_print_and_console_go_to_their_sinks(self):
        self.module("print('héllo');\nconsole.log(42);\nconsole.warn('careful');\n"
                    "console.error(1.5);\nprint('a\\0b');")
        self.assertEqual(self.out, "héllo\n42\na\0b\n".encode("utf-8"))
        self.assertEqual(self.err, b"careful\n1.500000\n")

    def test_sink_receives_bytes(self):
        chunks = []
        self.ctx.set_output(chunks.append)
        self.module("print('x\\xff');")
        self.assertTrue(chunks)
        self.assertTrue(all(type(c) is bytes for c in chunks))
        self.assertEqual(b"".join(chunks), b"x\xff\n")

    def test_none_restores_standard_output(self):
        mod = self.module("void say(string s) { print(s); }")
        captured = self._capture_fd(1, lambda: (self.ctx.set_output(None),
                                                mod.function("say")("to stdout")))
        self.assertEqual(captured, b"to stdout\n")
        self.assertEqual(self.out, b"")

    def test_none_restores_standard_error(self):
        mod = self.module("void warn(string s) { console.error(s); }")
        captured = self._capture_fd(2, lambda: (self.ctx.set_error_output(None),
                                                mod.function("warn")("to stderr")))
        self.assertEqual(captured, b"to stderr\n")

    def _capture_fd(self, fd, action):
        """Runs ``action`` with file descriptor ``fd`` sent to a temporary file."""
        with tempfile.TemporaryFile() as tmp:
            saved = os.dup(fd)
            try:
                os.dup2(tmp.fileno(), fd)
                action()
            finally:
                os.dup2(saved, fd)
                os.close(saved)
            tmp.seek(0)
            return tmp.read()

    def test_exception_in_sink_is_raised_after_the_call(self):
        def broken(data):
            raise OSError("disk full")

        mod = self.module("i32 noisy() { print('a'); print('b'); return 7; }")
        self.ctx.set_output(broken)
        with self.assertRaises(OSError) as caught:
            mod.function("noisy")()
        self.assertEqual(str(caught.exception), "disk full")
        self.ctx.set_output(self._out.append)
        self.assertEqual(mod.function("noisy")(), 7)
        self.assertEqual(self.out, b"a\nb\n")

    def test_sink_cannot_replace_itself(self):
        errors = []

        def sink(data):
            try:
                self.ctx.set_output(None)
            except gjs.Error as error:
                errors.append(error)

        self.ctx.set_output(sink)
        self.module("print('x');")
        self.assertEqual(len(errors), 1)

    def test_sink_must_be_callable(self):
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.set_output("not callable")


if __name__ == "__main__":
    unittest.main()
