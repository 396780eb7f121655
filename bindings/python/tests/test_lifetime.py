"""Object lifetimes in any garbage-collection order, closing, threads, interpreter
shutdown, and finding the library."""

import gc
import os
import subprocess
import sys
import textwrap
import threading
import unittest
import weakref

import gjs

SOURCE = "i32 add(i32 a, i32 b) { return a + b; }\nstring hello(string s) { return 'hi ' + s; }"
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(gjs.__file__)))


def quiet_context(**kwargs):
    ctx = gjs.Context(**kwargs)
    ctx.set_output(lambda data: None)
    return ctx


def run_python(code, env=None):
    """Runs ``code`` in a fresh interpreter that imports this gjs package."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = PACKAGE_DIR
    environment.update(env or {})
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=environment,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


class GarbageCollectionOrderTest(unittest.TestCase):
    def test_context_deleted_first(self):
        ctx = quiet_context()
        mod = ctx.add_code("m", SOURCE)
        add = mod.function("add")
        probe = weakref.ref(ctx)
        del ctx
        gc.collect()
        self.assertIsNotNone(probe())  # the function keeps it alive
        self.assertEqual(add(2, 3), 5)
        del mod
        gc.collect()
        self.assertEqual(add(4, 5), 9)
        del add
        gc.collect()
        self.assertIsNone(probe())

    def test_function_deleted_first(self):
        ctx = quiet_context()
        mod = ctx.add_code("m", SOURCE)
        add = mod.function("add")
        self.assertEqual(add(1, 1), 2)
        del add
        gc.collect()
        del mod
        gc.collect()
        self.assertEqual(ctx.add_code("n", SOURCE).function("add")(3, 3), 6)
        probe = weakref.ref(ctx)
        del ctx
        gc.collect()
        self.assertIsNone(probe())

    def test_module_outlives_context_variable(self):
        mod = quiet_context().add_code("m", SOURCE)
        gc.collect()
        self.assertEqual(mod.function("hello")("there"), "hi there")
        self.assertEqual(mod.context.add_code("n", SOURCE).name, "n")

    def test_callbacks_survive_while_the_context_lives(self):
        ctx = quiet_context()

        def make():
            # The only reference to this closure is the binding.
            factor = 3
            ctx.bind("i32 scale(i32 v)", lambda v: v * factor)

        make()
        gc.collect()
        mod = ctx.add_code("m", "i32 run(i32 v) { return scale(v); }")
        gc.collect()
        self.assertEqual(mod.function("run")(14), 42)
        ctx.close()

    def test_cycle_through_a_callback_is_collected(self):
        ctx = quiet_context()
        mod = ctx.add_code("m", SOURCE)
        # Context -> callback -> closure -> module -> context.
        ctx.bind("i32 via(i32 v)", lambda v: mod.function("add")(v, 1))
        probe = weakref.ref(ctx)
        user = ctx.add_code("u", "i32 run() { return via(1); }")
        self.assertEqual(user.function("run")(), 2)
        del ctx, mod, user
        gc.collect()
        self.assertIsNone(probe())

    def test_many_contexts(self):
        for i in range(50):
            ctx = quiet_context()
            fn = ctx.add_code("m", SOURCE).function("add")
            ctx.bind("i32 f(i32 v)", lambda v: v)
            self.assertEqual(fn(i, 1), i + 1)
            if i % 2:
                ctx.close()
        gc.collect()


class CloseTest(unittest.TestCase):
    def test_close_twice(self):
        ctx = quiet_context()
        self.assertFalse(ctx.closed)
        ctx.close()
        ctx.close()
        self.assertTrue(ctx.closed)

    def test_objects_of_a_closed_context_raise(self):
        ctx = quiet_context()
        mod = ctx.add_code("m", SOURCE)
        add = mod.function("add")
        ctx.close()
        with self.assertRaises(gjs.Error):
            add(1, 2)
        with self.assertRaises(gjs.Error):
            mod.init()
        with self.assertRaises(gjs.Error):
            mod.function("add")
        with self.assertRaises(gjs.Error):
            mod.functions()
        with self.assertRaises(gjs.Error):
            ctx.add_code("n", SOURCE)
        with self.assertRaises(gjs.Error):
            ctx.bind("i32 f()", lambda: 1)
        with self.assertRaises(gjs.Error):
            ctx.memory_in_use
        # What was read before closing is still there.
        self.assertEqual((add.name, add.decl, add.arg_types), ("add", "i32 add(i32 a, i32 b)",
                                                               ["i32", "i32"]))
        del ctx, mod
        gc.collect()
        with self.assertRaises(gjs.Error):
            add(1, 2)

    def test_context_manager(self):
        with quiet_context() as ctx:
            add = ctx.add_code("m", SOURCE).function("add")
            self.assertEqual(add(2, 2), 4)
        self.assertTrue(ctx.closed)
        with self.assertRaises(gjs.Error):
            add(2, 2)

    def test_close_from_a_callback_is_refused(self):
        ctx = quiet_context()
        self.addCleanup(ctx.close)
        errors = []

        @ctx.bind("void shut()")
        def shut():
            try:
                ctx.close()
            except gjs.Error as error:
                errors.append(error)

        ctx.add_code("m", "void run() { shut(); }").function("run")()
        self.assertEqual(len(errors), 1)
        self.assertFalse(ctx.closed)

    def test_close_waits_for_a_call_on_another_thread(self):
        ctx = quiet_context()
        running = threading.Event()
        ctx.bind("void started()", running.set)
        spin = ctx.add_code("m", "void spin() { started(); while (true) {} }").function("spin")
        outcome = []

        def worker():
            try:
                spin()
            except gjs.InterruptedError:
                outcome.append("interrupted")

        thread = threading.Thread(target=worker)
        thread.start()
        self.assertTrue(running.wait(60))
        timer = threading.Timer(0.3, ctx.interrupt)
        timer.start()
        ctx.close()  # blocks until the worker's call has ended
        thread.join(60)
        timer.join()
        self.assertEqual(outcome, ["interrupted"])
        self.assertTrue(ctx.closed)


class ThreadTest(unittest.TestCase):
    def test_contexts_on_several_threads(self):
        results = {}

        def work(n):
            with quiet_context() as ctx:
                fn = ctx.add_code("m", "i64 sum(i64 n) { i64 s = 0; for (i64 i = 1; i <= n; i++) "
                                       "s += i; return s; }").function("sum")
                results[n] = [fn(n) for _ in range(20)]

        threads = [threading.Thread(target=work, args=(10000 + i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        for n, values in results.items():
            self.assertEqual(values, [n * (n + 1) // 2] * 20)
        self.assertEqual(len(results), 4)

    def test_one_context_shared_by_threads_is_serialised(self):
        with quiet_context() as ctx:
            counter = []
            ctx.bind("void tick()", lambda: counter.append(1))
            mod = ctx.add_code("m", "i32 total = 0;\n"
                                    "i32 bump(i32 n) { for (i32 i = 0; i < n; i++) { total++; "
                                    "tick(); } return total; }")
            bump = mod.function("bump")

            def work():
                for _ in range(20):
                    bump(50)

            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            self.assertEqual(bump(0), 4 * 20 * 50)
            self.assertEqual(len(counter), 4 * 20 * 50)


class InterpreterShutdownTest(unittest.TestCase):
    def test_exit_without_closing(self):
        result = run_python("""
            import gjs
            ctx = gjs.Context()
            ctx.set_output(lambda data: None)
            ctx.bind("i32 hook(i32 v)", lambda v: v)
            add = ctx.add_code("m", "i32 add(i32 a, i32 b) { return hook(a) + b; }").function("add")
            assert add(1, 2) == 3
            ctx.me = ctx            # cycles only the shutdown collection sees
            add.keep = add
            print("done")
            """)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(result.stdout, b"done\n")
        self.assertEqual(result.stderr, b"")

    def test_exit_with_a_closed_context_and_live_functions(self):
        result = run_python("""
            import gjs
            ctx = gjs.Context()
            fn = ctx.add_code("m", "i32 one() { return 1; }").function("one")
            ctx.close()
            """)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(result.stderr, b"")


class LibraryLocationTest(unittest.TestCase):
    def test_loaded_library(self):
        self.assertTrue(os.path.exists(gjs.library_path()))
        self.assertRegex(gjs.version(), r"^\d+\.\d+\.\d+")

    def test_gjs_library_variable_is_used(self):
        result = run_python("import gjs; print(gjs.library_path())",
                            env={"GJS_LIBRARY": gjs.library_path()})
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(result.stdout.decode().strip(), gjs.library_path())

    def test_missing_library_is_reported(self):
        result = run_python("""
            import gjs
            try:
                gjs.Context()
            except gjs.LibraryNotFoundError as error:
                print("not found:", "/nonexistent/libgjs.so" in str(error))
            """, env={"GJS_LIBRARY": "/nonexistent/libgjs.so"})
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        self.assertEqual(result.stdout, b"not found: True\n")


if __name__ == "__main__":
    unittest.main()
