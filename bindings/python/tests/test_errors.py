"""Compile errors with diagnostics, runtime errors with backtraces, the memory, stack
and step limits, interrupts from another thread, and that a context stays usable
after each failure."""

import threading
import time
import unittest

import gjs

from .support import ContextTestCase

HEALTHY = "i32 add(i32 a, i32 b) { return a + b; }"


class UsableAfterFailureMixin:
    def assertUsable(self):
        """The context still compiles and runs code."""
        name = "healthy%d" % id(object())
        mod = self.ctx.add_code(name, HEALTHY)
        self.assertEqual(mod.function("add")(40, 2), 42)


class ErrorHierarchyTest(unittest.TestCase):
    def test_every_error_is_a_gjs_error(self):
        for cls in (gjs.CompileError, gjs.RuntimeError, gjs.OutOfMemoryError,
                    gjs.StackOverflowError, gjs.InterruptedError, gjs.TypeMismatchError,
                    gjs.InvalidArgumentError, gjs.NotFoundError, gjs.IOError,
                    gjs.InternalError, gjs.LibraryNotFoundError):
            with self.subTest(cls=cls.__name__):
                self.assertTrue(issubclass(cls, gjs.Error))
        for cls in (gjs.OutOfMemoryError, gjs.StackOverflowError, gjs.InterruptedError):
            self.assertTrue(issubclass(cls, gjs.RuntimeError))
        self.assertTrue(issubclass(gjs.Error, Exception))

    def test_status_codes(self):
        self.assertEqual([gjs.STATUS_OK, gjs.STATUS_COMPILE_ERROR, gjs.STATUS_INVALID_ARGUMENT,
                          gjs.STATUS_RUNTIME_ERROR, gjs.STATUS_OUT_OF_MEMORY,
                          gjs.STATUS_STACK_OVERFLOW, gjs.STATUS_INTERRUPTED,
                          gjs.STATUS_TYPE_MISMATCH, gjs.STATUS_NOT_FOUND, gjs.STATUS_IO_ERROR,
                          gjs.STATUS_INTERNAL_ERROR],
                         [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 70])


class CompileErrorTest(ContextTestCase, UsableAfterFailureMixin):
    SOURCE = (
        "print('top-level code ran');\n"            # 1
        "i32 twice(i32 v) {\n"                      # 2
        "    i32 r = 'text';\n"                     # 3: E0300 at the literal, column 13
        "    return r * 2;\n"                       # 4
        "}\n"                                       # 5
        "i32 broken() { return missing + 1; }\n"    # 6: E0200 at 'missing', column 23
        "i32 x = 5\n"                               # 7: no ';' ...
        "i32 y = 6;\n"                              # 8: ... E0100 at the next token, 8:1
    )

    def compile_error(self, source, name="game"):
        with self.assertRaises(gjs.CompileError) as caught:
            self.ctx.add_code(name, source)
        return caught.exception

    def test_every_diagnostic_with_position_and_code(self):
        error = self.compile_error(self.SOURCE)
        self.assertEqual(error.status, gjs.STATUS_COMPILE_ERROR)
        errors = [d for d in error.diagnostics if d.severity == "error"]
        found = sorted((d.line, d.column, d.code) for d in errors)
        self.assertEqual(found, [(3, 13, "E0300"), (6, 23, "E0200"), (8, 1, "E0100")])
        for d in error.diagnostics:
            self.assertEqual(d.module, "game")
            self.assertIn(d.severity, ("error", "note"))
            self.assertTrue(d.message)
        # A missing ';' also points at the end of the previous token, as a note.
        self.assertEqual(len(error.diagnostics), 4)
        by_code = {d.code: d for d in errors}
        self.assertIn("'string'", by_code["E0300"].message)
        self.assertIn("missing", by_code["E0200"].message)
        self.assertEqual(str(by_code["E0200"]),
                         "game:6:23: error[E0200]: " + by_code["E0200"].message)

    def test_message_renders_the_diagnostics(self):
        error = self.compile_error(self.SOURCE)
        self.assertIn("game:3:13: error[E0300]", str(error))
        self.assertIn("game:6:23: error[E0200]", str(error))

    def test_nothing_runs_and_nothing_is_registered(self):
        self.compile_error(self.SOURCE)
        self.assertEqual(self.out, b"")
        with self.assertRaises(gjs.NotFoundError):
            self.ctx.module("game")
        # The name is free for a module that compiles.
        mod = self.ctx.add_code("game", "i32 one() { return 1; }")
        self.assertEqual(mod.function("one")(), 1)

    def test_single_error(self):
        error = self.compile_error("void f() {\n  i32 a = 1\n}\n", name="single")
        # The error, then its note at the end of the previous token.
        self.assertEqual([(d.severity, d.line, d.column, d.code, d.module)
                          for d in error.diagnostics],
                         [("error", 3, 1, "E0100", "single"),
                          ("note", 2, 12, "E0100", "single")])

    def test_context_usable_after(self):
        self.compile_error(self.SOURCE)
        self.assertUsable()

    def test_source_with_nul_byte_is_rejected(self):
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.add_code("nul", "i32 a = 1;\0")


class RuntimeErrorTest(ContextTestCase, UsableAfterFailureMixin):
    SOURCE = (
        "i32 divide(i32 a, i32 b) {\n"   # 1
        "    return a / b;\n"            # 2: the fault
        "}\n"                            # 3
        "i32 run(i32 x) {\n"             # 4
        "    return 1 + divide(x, 0);\n"  # 5: the call, 'divide' at column 16
        "}\n"                            # 6
        "void fail() { assert(false, 'it broke'); }\n"  # 7
    )

    def setUp(self):
        super().setUp()
        self.mod = self.module(self.SOURCE, name="calc")

    def test_division_by_zero(self):
        with self.assertRaises(gjs.RuntimeError) as caught:
            self.mod.function("run")(7)
        error = caught.exception
        self.assertIs(type(error), gjs.RuntimeError)
        self.assertEqual(error.status, gjs.STATUS_RUNTIME_ERROR)
        self.assertEqual(error.error_type, "Error")
        self.assertEqual(error.error_message, "division by zero")
        self.assertEqual(error.code, 3)
        self.assertEqual(len(error.backtrace), 2)
        first, second = error.backtrace
        self.assertEqual((first.module, first.function, first.line), ("calc", "divide", 2))
        self.assertEqual((second.module, second.function, second.line, second.column),
                         ("calc", "run", 5, 16))
        self.assertTrue(str(error).startswith("uncaught Error: division by zero (code 3)"))
        self.assertIn("at calc:5:16 in run", str(error))

    def test_failed_assert(self):
        with self.assertRaises(gjs.RuntimeError) as caught:
            self.mod.function("fail")()
        self.assertEqual(caught.exception.error_message, "assertion failed: it broke")
        self.assertEqual(caught.exception.backtrace[0].line, 7)

    def test_failing_init(self):
        mod = self.ctx.add_code("boot", "i32 zero = 0;\nprint('before');\ni32 bad = 1 / zero;\n")
        with self.assertRaises(gjs.RuntimeError) as caught:
            mod.init()
        self.assertEqual(caught.exception.backtrace[0].line, 3)
        self.assertEqual(caught.exception.backtrace[0].function, "__init__")
        self.assertEqual(self.out, b"before\n")  # output before the fault stays
        # A failed module is not run again and fails the same way.
        with self.assertRaises(gjs.RuntimeError):
            mod.init()
        self.assertEqual(self.out, b"before\n")

    def test_context_usable_after(self):
        for _ in range(3):
            with self.assertRaises(gjs.RuntimeError):
                self.mod.function("run")(1)
        self.assertEqual(self.mod.function("divide")(9, 3), 3)
        self.assertUsable()


class OutOfMemoryTest(ContextTestCase, UsableAfterFailureMixin):
    CAP = 256 * 1024
    context_args = {"mem_size": CAP}

    def test_growing_string_runs_out_of_memory(self):
        mod = self.ctx.add_code("grow", "string s = 'x'; while (true) { s += s; }")
        with self.assertRaises(gjs.OutOfMemoryError) as caught:
            mod.init()
        error = caught.exception
        self.assertIsInstance(error, gjs.RuntimeError)
        self.assertEqual(error.status, gjs.STATUS_OUT_OF_MEMORY)
        self.assertEqual(error.error_message, "out of memory")
        self.assertEqual(error.code, 4)
        self.assertEqual(error.backtrace[0].module, "grow")
        self.assertUsable()

    def test_in_a_function_frees_its_locals(self):
        mod = self.module("void grow() { string s = 'x'; while (true) { s += s; } }")
        for _ in range(3):
            with self.assertRaises(gjs.OutOfMemoryError):
                mod.function("grow")()
        self.assertLess(self.ctx.memory_in_use, self.CAP)
        self.assertUsable()

    def test_explicit_memory_sizes(self):
        ctx = gjs.Context(memory_size=64 * 1024, max_memory_size=self.CAP)
        self.addCleanup(ctx.close)
        mod = ctx.add_code("grow", "void grow() { string s = 'x'; while (true) { s += s; } }")
        with self.assertRaises(gjs.OutOfMemoryError):
            mod.function("grow")()

    def test_memory_in_use_grows_with_live_strings(self):
        mod = self.module("string keep = '';\nvoid fill(u32 n) { keep = 'y'.repeat(n); }")
        before = self.ctx.memory_in_use
        mod.function("fill")(100000)
        self.assertGreaterEqual(self.ctx.memory_in_use, before + 100000)


class StackOverflowTest(ContextTestCase, UsableAfterFailureMixin):
    def test_unbounded_recursion(self):
        mod = self.module("i32 down(i32 n) { return down(n + 1) + 1; }")
        with self.assertRaises(gjs.StackOverflowError) as caught:
            mod.function("down")(0)
        error = caught.exception
        self.assertIsInstance(error, gjs.RuntimeError)
        self.assertEqual(error.status, gjs.STATUS_STACK_OVERFLOW)
        self.assertEqual(error.error_message, "stack overflow")
        self.assertEqual(error.backtrace[0].function, "down")
        self.assertUsable()

    def test_deep_but_bounded_recursion_works(self):
        mod = self.module("i32 depth(i32 n) { if (n == 0) return 0; return depth(n - 1) + 1; }")
        self.assertEqual(mod.function("depth")(1000), 1000)

    def test_small_stack(self):
        ctx = gjs.Context(stack_size=8 * 1024)
        self.addCleanup(ctx.close)
        mod = ctx.add_code("rec", "i32 depth(i32 n) { if (n == 0) return 0; return depth(n - 1) + 1; }")
        self.assertEqual(mod.function("depth")(10), 10)
        with self.assertRaises(gjs.StackOverflowError):
            mod.function("depth")(100000)
        self.assertEqual(mod.function("depth")(10), 10)


class StepLimitAndInterruptTest(ContextTestCase, UsableAfterFailureMixin):
    SOURCE = (
        "i64 spins = 0;\n"
        "void spin() { while (true) { spins++; } }\n"
        "i64 count() { return spins; }\n"
        "i32 sum(i32 n) { i32 s = 0; for (i32 i = 1; i <= n; i++) s += i; return s; }\n"
    )

    def setUp(self):
        super().setUp()
        self.mod = self.module(self.SOURCE)

    def test_step_limit_stops_an_infinite_loop(self):
        self.ctx.set_step_limit(100000)
        with self.assertRaises(gjs.InterruptedError) as caught:
            self.mod.function("spin")()
        error = caught.exception
        self.assertIsInstance(error, gjs.RuntimeError)
        self.assertEqual(error.status, gjs.STATUS_INTERRUPTED)
        self.assertEqual(error.backtrace, [])
        self.assertIsNone(error.error_type)
        # The budget is per call: a short call still fits, and globals kept their values.
        self.assertEqual(self.mod.function("sum")(100), 5050)
        self.assertGreater(self.mod.function("count")(), 1000)
        self.ctx.set_step_limit(0)
        self.assertEqual(self.mod.function("sum")(100000) & 0xFFFF, (100000 * 100001 // 2) & 0xFFFF)
        self.assertUsable()

    def test_step_limit_validation(self):
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.set_step_limit(-1)
        with self.assertRaises(gjs.InvalidArgumentError):
            self.ctx.set_step_limit(2 ** 64)

    def test_interrupt_from_another_thread(self):
        timer = threading.Timer(0.2, self.ctx.interrupt)
        timer.start()
        self.addCleanup(timer.join)
        started = time.monotonic()
        with self.assertRaises(gjs.InterruptedError) as caught:
            self.mod.function("spin")()
        self.assertGreaterEqual(time.monotonic() - started, 0.15)
        self.assertEqual(caught.exception.status, gjs.STATUS_INTERRUPTED)
        self.assertGreater(self.mod.function("count")(), 0)
        self.assertUsable()

    def test_interrupt_a_call_running_on_another_thread(self):
        running = threading.Event()
        self.ctx.bind("void started()", running.set)
        spin = self.ctx.add_code("worker", "void spin() { started(); while (true) {} }").function("spin")
        outcome = []

        def worker():
            try:
                spin()
                outcome.append("returned")
            except gjs.InterruptedError:
                outcome.append("interrupted")

        thread = threading.Thread(target=worker)
        thread.start()
        self.assertTrue(running.wait(60))
        time.sleep(0.05)
        self.assertTrue(thread.is_alive())
        self.assertTrue(self.ctx.interrupt())
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertEqual(outcome, ["interrupted"])
        self.assertUsable()

    def test_interrupt_when_idle_stops_the_next_call_only(self):
        self.ctx.interrupt()
        with self.assertRaises(gjs.InterruptedError):
            self.mod.function("sum")(10)
        self.assertEqual(self.mod.function("sum")(10), 55)

    def test_interrupt_of_a_closed_context_does_nothing(self):
        ctx = gjs.Context()
        ctx.close()
        self.assertFalse(ctx.interrupt())


if __name__ == "__main__":
    unittest.main()
