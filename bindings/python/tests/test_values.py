"""Arguments and results converted by the declaration: every primitive type, strings,
and the type checks made before anything runs."""

import ctypes
import math

import gjs

from .support import ContextTestCase

IDENTITIES = "\n".join(
    "%s id_%s(%s v) { return v; }" % (t, t, t)
    for t in ("bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64",
              "string"))


class PrimitiveRoundTripTest(ContextTestCase):
    def setUp(self):
        super().setUp()
        self.mod = self.module(IDENTITIES + """
            i8 inc_i8(i8 v) { return v + 1; }
            u8 inc_u8(u8 v) { return v + 1; }
            i16 dec_i16(i16 v) { return v - 1; }
            u32 dec_u32(u32 v) { return v - 1; }
            i64 neg_i64(i64 v) { return -v; }
            u64 inc_u64(u64 v) { return v + 1; }
            f32 third_f32(f32 v) { return v / 3.0f; }
            f64 third_f64(f64 v) { return v / 3.0; }
            bool not(bool b) { return !b; }
            i32 add(i32 a, i32 b) { return a + b; }
            f64 mix(bool b, i8 c, u16 d, i64 e, f32 f) { return b ? c + d + e + f : -1.0; }
        """)

    def call(self, name, *args):
        return self.mod.function(name)(*args)

    def test_bool(self):
        self.assertIs(self.call("id_bool", True), True)
        self.assertIs(self.call("id_bool", False), False)
        self.assertIs(self.call("not", False), True)

    def test_integer_limits_round_trip(self):
        for t, bits, signed in (("i8", 8, True), ("u8", 8, False), ("i16", 16, True),
                                ("u16", 16, False), ("i32", 32, True), ("u32", 32, False),
                                ("i64", 64, True), ("u64", 64, False)):
            low = -(1 << (bits - 1)) if signed else 0
            high = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
            for value in (low, high, 0, 1):
                with self.subTest(type=t, value=value):
                    result = self.call("id_" + t, value)
                    self.assertEqual(result, value)
                    self.assertIs(type(result), int)

    def test_u64_max_and_i64_min(self):
        self.assertEqual(self.call("id_u64", 18446744073709551615), 18446744073709551615)
        self.assertEqual(self.call("id_i64", -9223372036854775808), -9223372036854775808)

    def test_script_side_wraparound(self):
        self.assertEqual(self.call("inc_i8", 127), -128)
        self.assertEqual(self.call("inc_u8", 255), 0)
        self.assertEqual(self.call("dec_i16", -32768), 32767)
        self.assertEqual(self.call("dec_u32", 0), 4294967295)
        self.assertEqual(self.call("neg_i64", -9223372036854775808), -9223372036854775808)
        self.assertEqual(self.call("inc_u64", 18446744073709551615), 0)
        self.assertEqual(self.call("add", 2147483647, 1), -2147483648)

    def test_f32_precision(self):
        # 0.1 is stored as the nearest binary32 value, not the binary64 one.
        single = ctypes.c_float(0.1).value
        self.assertEqual(self.call("id_f32", 0.1), single)
        self.assertNotEqual(self.call("id_f32", 0.1), 0.1)
        self.assertEqual(self.call("id_f32", 16777217), 16777216.0)
        # Division happens in single precision.
        self.assertEqual(self.call("third_f32", 1.0), ctypes.c_float(1.0 / 3.0).value)
        self.assertEqual(self.call("third_f64", 1.0), 1.0 / 3.0)

    def test_float_special_values(self):
        self.assertEqual(self.call("id_f64", math.inf), math.inf)
        self.assertEqual(self.call("id_f32", -math.inf), -math.inf)
        self.assertTrue(math.isnan(self.call("id_f64", math.nan)))
        self.assertEqual(self.call("id_f32", 1e300), math.inf)  # f64 -> f32 overflow
        self.assertEqual(math.copysign(1.0, self.call("id_f64", -0.0)), -1.0)

    def test_floats_accept_ints(self):
        self.assertEqual(self.call("id_f64", 3), 3.0)
        self.assertIs(type(self.call("id_f64", 3)), float)
        self.assertEqual(self.call("id_f32", 2 ** 24), 16777216.0)

    def test_several_arguments(self):
        # i64 + f32 is computed in f32, exact for these values.
        self.assertEqual(self.call("mix", True, -3, 65535, -2 ** 20, 0.5), -3 + 65535 - 2 ** 20 + 0.5)
        self.assertEqual(self.call("mix", False, 0, 0, 0, 0.0), -1.0)


class StringTest(ContextTestCase):
    def setUp(self):
        super().setUp()
        self.mod = self.module(r"""
            string id_string(string s) { return s; }
            string shout(string s) { return s + '!'; }
            u32 length(string s) { return s.length; }
            i32 code_at(string s, u32 i) { return s.charCodeAt(i); }
            string with_nul() { return 'a\0b'; }
            string not_utf8() { return 'ok\xff\xfe'; }
            string empty() { return ''; }
        """)

    def call(self, name, *args):
        return self.mod.function(name)(*args)

    def test_non_ascii_round_trip(self):
        text = "héllo wörld ✓ 日本 😀"
        self.assertEqual(self.call("id_string", text), text)
        self.assertEqual(self.call("shout", text), text + "!")
        self.assertEqual(self.call("length", text), len(text.encode("utf-8")))

    def test_embedded_nul_bytes(self):
        self.assertEqual(self.call("length", "a\0b\0"), 4)
        self.assertEqual(self.call("code_at", "a\0b", 1), 0)
        self.assertEqual(self.call("id_string", "x\0y\0"), "x\0y\0")
        self.assertEqual(self.call("with_nul"), "a\0b")

    def test_bytes_argument(self):
        self.assertEqual(self.call("shout", b"raw"), "raw!")
        self.assertEqual(self.call("length", bytearray(b"\xff\x00\x01")), 3)
        self.assertEqual(self.call("code_at", b"\xff", 0), 255)

    def test_invalid_utf8_result_keeps_its_bytes(self):
        result = self.call("not_utf8")
        self.assertIsInstance(result, str)
        self.assertEqual(result.encode("utf-8", "surrogateescape"), b"ok\xff\xfe")
        # Passing the result back in gives the script the same bytes.
        self.assertEqual(self.call("length", result), 4)
        self.assertEqual(self.call("code_at", result, 2), 0xFF)

    def test_empty_string(self):
        self.assertEqual(self.call("empty"), "")
        self.assertEqual(self.call("id_string", ""), "")
        self.assertEqual(self.call("length", b""), 0)

    def test_long_string(self):
        text = "ab" * 100000
        self.assertEqual(self.call("id_string", text), text)

    def test_result_survives_later_calls(self):
        first = self.call("shout", "one")
        self.call("shout", "two")
        self.assertEqual(first, "one!")


class TypeMismatchTest(ContextTestCase):
    def setUp(self):
        super().setUp()
        self.mod = self.module("""
            i32 calls = 0;
            i32 add(i32 a, i32 b) { calls++; return a + b; }
            u8 id_u8(u8 v) { calls++; return v; }
            i64 id_i64(i64 v) { calls++; return v; }
            u64 id_u64(u64 v) { calls++; return v; }
            bool id_bool(bool v) { calls++; return v; }
            f64 id_f64(f64 v) { calls++; return v; }
            string id_string(string v) { calls++; return v; }
            i32 count() { return calls; }
        """)

    def assertMismatch(self, name, *args):
        with self.assertRaises(gjs.TypeMismatchError) as caught:
            self.mod.function(name)(*args)
        self.assertEqual(caught.exception.status, gjs.STATUS_TYPE_MISMATCH)
        return caught.exception

    def test_wrong_argument_count(self):
        error = self.assertMismatch("add", 1)
        self.assertIn("takes 2 arguments (1 given)", str(error))
        self.assertMismatch("add", 1, 2, 3)
        self.assertMismatch("count", 1)

    def test_integers_out_of_range(self):
        error = self.assertMismatch("id_u8", 256)
        self.assertIn("out of range for u8", str(error))
        self.assertMismatch("id_u8", -1)
        self.assertMismatch("add", 2 ** 31, 0)
        self.assertMismatch("add", 0, -2 ** 31 - 1)
        self.assertMismatch("id_i64", 2 ** 63)
        self.assertMismatch("id_u64", 2 ** 64)
        self.assertMismatch("id_u64", -1)

    def test_wrong_python_types(self):
        self.assertMismatch("add", 1.0, 2)
        self.assertMismatch("add", "1", 2)
        self.assertMismatch("add", None, 2)
        self.assertMismatch("id_bool", 1)
        self.assertMismatch("id_bool", None)
        self.assertMismatch("id_f64", "1.5")
        self.assertMismatch("id_f64", None)
        self.assertMismatch("id_f64", 10 ** 400)
        self.assertMismatch("id_string", 5)
        self.assertMismatch("id_string", None)
        self.assertMismatch("id_string", "\ud800")  # a lone surrogate is not UTF-8

    def test_message_names_the_argument(self):
        error = self.assertMismatch("add", 1, "two")
        self.assertIn("add() argument 2 (b)", str(error))
        self.assertIn("expected i32", str(error))

    def test_nothing_runs_on_mismatch(self):
        self.assertMismatch("add", 1, 2.5)
        self.assertMismatch("id_u8", 300)
        self.assertEqual(self.mod.function("count")(), 0)

    def test_mismatch_is_also_a_python_type_error(self):
        with self.assertRaises(TypeError):
            self.mod.function("add")(1, "x")

    def test_ints_accept_index_objects_and_bools(self):
        class Three:
            def __index__(self):
                return 3

        self.assertEqual(self.mod.function("add")(Three(), True), 4)
