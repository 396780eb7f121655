"""Conversions between Python values and the C representations of gjs types.

Into gjs: ``bool`` takes only ``True``/``False``; the integer types take ``int`` (or
anything with ``__index__``, including ``bool``) within their range; ``f32``/``f64``
take ``int`` or ``float``; ``string`` takes ``str`` (encoded as UTF-8; lone surrogates
from ``surrogateescape`` decoding turn back into their bytes) or any bytes-like object.
Out of gjs: ``string`` becomes ``str`` decoded from UTF-8 with
``errors="surrogateescape"``, so no byte is lost and passing the result back in gives
the same bytes (``s.encode("utf-8", "surrogateescape")`` recovers them).
"""

import ctypes
import operator

from ._errors import TypeMismatchError
from ._library import gjs_str


class Codec:
    """The conversion rules of one gjs type (``name``)."""

    ctype = None

    def __init__(self, name):
        self.name = name

    def to_python(self, address):
        """Reads the C value at ``address``."""
        return self.ctype.from_address(address).value

    def to_c(self, value, what):
        """A ctypes object holding ``value``; ``what`` names the value in errors."""
        return self.ctype(self.check(value, what))

    def write(self, address, value, keep, what):
        """Stores ``value`` at ``address``; ``keep`` receives buffers that must
        outlive the reader."""
        self.ctype.from_address(address).value = self.check(value, what)

    def check(self, value, what):
        return value

    def mismatch(self, value, what, detail="expected %s"):
        return TypeMismatchError("%s: %s, got %s" % (
            what, detail % self.name, _describe(value)))


def _describe(value):
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return "%s %s" % (type(value).__name__, text)


class BoolCodec(Codec):
    ctype = ctypes.c_bool

    def check(self, value, what):
        if not isinstance(value, bool):
            raise self.mismatch(value, what)
        return value


class IntCodec(Codec):
    def __init__(self, name, ctype, bits, signed):
        super().__init__(name)
        self.ctype = ctype
        if signed:
            self.low, self.high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        else:
            self.low, self.high = 0, (1 << bits) - 1

    def check(self, value, what):
        if isinstance(value, float):
            raise self.mismatch(value, what)
        try:
            number = operator.index(value)
        except TypeError:
            raise self.mismatch(value, what) from None
        if not self.low <= number <= self.high:
            raise self.mismatch(value, what, "out of range for %%s (%d..%d)"
                                % (self.low, self.high))
        return number


class FloatCodec(Codec):
    def __init__(self, name, ctype):
        super().__init__(name)
        self.ctype = ctype

    def check(self, value, what):
        if isinstance(value, (str, bytes, bytearray, complex)):
            raise self.mismatch(value, what)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise self.mismatch(value, what) from None
        except OverflowError:
            raise self.mismatch(value, what, "too large for %s") from None


class StringCodec(Codec):
    ctype = gjs_str

    def encode(self, value, what):
        if isinstance(value, str):
            try:
                return value.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError as exc:
                raise self.mismatch(value, what, "%%s must be encodable as UTF-8 (%s)"
                                    % exc.reason) from None
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        raise self.mismatch(value, what, "expected %s (str or bytes)")

    def to_python(self, address):
        s = gjs_str.from_address(address)
        data = ctypes.string_at(s.ptr, s.len) if s.ptr and s.len else b""
        return data.decode("utf-8", "surrogateescape")

    def _store(self, target, value, keep, what):
        data = self.encode(value, what)
        buffer = ctypes.create_string_buffer(data, len(data) + 1)
        keep.append(buffer)
        target.ptr = ctypes.addressof(buffer)
        target.len = len(data)

    def to_c(self, value, what):
        s = gjs_str()
        keep = []
        self._store(s, value, keep, what)
        s._buffer = keep[0]  # the bytes live as long as the struct
        return s

    def write(self, address, value, keep, what):
        self._store(gjs_str.from_address(address), value, keep, what)


class VoidCodec(Codec):
    def to_python(self, address):
        return None

    def write(self, address, value, keep, what):
        pass


CODECS = {
    "void": VoidCodec("void"),
    "bool": BoolCodec("bool"),
    "i8": IntCodec("i8", ctypes.c_int8, 8, True),
    "u8": IntCodec("u8", ctypes.c_uint8, 8, False),
    "i16": IntCodec("i16", ctypes.c_int16, 16, True),
    "u16": IntCodec("u16", ctypes.c_uint16, 16, False),
    "i32": IntCodec("i32", ctypes.c_int32, 32, True),
    "u32": IntCodec("u32", ctypes.c_uint32, 32, False),
    "i64": IntCodec("i64", ctypes.c_int64, 64, True),
    "u64": IntCodec("u64", ctypes.c_uint64, 64, False),
    "f32": FloatCodec("f32", ctypes.c_float),
    "f64": FloatCodec("f64", ctypes.c_double),
    "string": StringCodec("string"),
}


def codec(type_name):
    """The codec for a gjs type name, or None if Python cannot pass that type."""
    return CODECS.get(type_name)
