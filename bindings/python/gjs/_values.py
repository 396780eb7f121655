"""Conversions between Python values and the C representations of gjs types.

Into gjs: ``bool`` takes only ``True``/``False``; the integer types take ``int`` (or
anything with ``__index__``, including ``bool``) within their range; ``f32``/``f64``
take ``int`` or ``float``; ``string`` takes ``str`` (encoded as UTF-8; lone surrogates
from ``surrogateescape`` decoding turn back into their bytes) or any bytes-like object.
Out of gjs: ``string`` becomes ``str`` decoded from UTF-8 with
``errors="surrogateescape"``, so no byte is lost and passing the result back in gives
the same bytes (``s.encode("utf-8", "surrogateescape")`` recovers them).

Host types: a value type takes an instance of its ``ctypes.Structure`` subclass and
comes out as a new instance (a copy); a handle type takes any Python object (or an
instance of its class, when one was given) or None, and gives back the very object.
Objects cross as pointer-sized tokens (never as ``PyObject*``) that the handle type's
registry maps back to them; the registry keeps every object passed in alive until it
is released or the context closes.
"""

import ctypes
import itertools
import operator
import threading

from ._errors import NotFoundError, TypeMismatchError
from ._library import gjs_str


class Codec:
    """The conversion rules of one gjs type (``name``)."""

    ctype = None
    # Whether a host function's argument of this type is a reference to the script's
    # object: then what the callable did to the Python value is written back.
    by_reference = False

    def __init__(self, name):
        self.name = name

    def storage(self):
        """A zeroed ctypes object to receive a result of this type."""
        return self.ctype()

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

    def clear(self):
        """Drops what the codec holds for its context (nothing but for handles)."""

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


class ValueCodec(Codec):
    """A host value type backed by a ``ctypes.Structure`` subclass (``ctype``) of the
    same C layout; values are copied both ways."""

    by_reference = True

    def __init__(self, name, structure, type_handle, module):
        super().__init__(name)
        self.ctype = structure
        self.size = ctypes.sizeof(structure)
        self.alignment = ctypes.alignment(structure)
        self.type_handle = type_handle
        self.module = module

    def storage(self):
        # Not structure(): its __init__ may be the host's own, with required arguments.
        return self.ctype.from_buffer_copy(bytes(self.size))

    def to_python(self, address):
        return self.ctype.from_buffer_copy(ctypes.string_at(address, self.size))

    def check(self, value, what):
        if not isinstance(value, self.ctype):
            raise self.mismatch(value, what, "expected %%s (a %s)" % self.ctype.__name__)
        return value

    def to_c(self, value, what):
        return self.check(value, what)

    def write(self, address, value, keep, what):
        ctypes.memmove(address, ctypes.addressof(self.check(value, what)), self.size)


_TOKEN_MAX = (1 << (8 * ctypes.sizeof(ctypes.c_void_p))) - 1


class HandleCodec(Codec):
    """A host handle type: Python objects cross as tokens (small non-zero integers in
    the ``void*``) that this codec's registry maps to the objects. An object keeps
    its token while it is registered, so it comes back as the same object; the
    registry holds it alive until ``release`` or ``clear``. NULL is None both ways.
    ``cls`` (a class, a tuple of classes, or None for any object) restricts what may
    be passed in."""

    ctype = ctypes.c_void_p
    size = ctypes.sizeof(ctypes.c_void_p)
    alignment = ctypes.alignment(ctypes.c_void_p)

    def __init__(self, name, cls, type_handle, module):
        super().__init__(name)
        self.cls = cls
        self.type_handle = type_handle
        self.module = module
        self._lock = threading.Lock()
        self._objects = {}  # token -> object
        self._tokens = {}   # id(object) -> token; ids are stable while held
        self._counter = itertools.count(1)  # tokens are never reused

    def token(self, value, what):
        """The token of ``value`` (registering it), or None for None."""
        if value is None:
            return None
        if self.cls is not None and not isinstance(value, self.cls):
            expected = self.cls if isinstance(self.cls, tuple) else (self.cls,)
            raise self.mismatch(value, what, "expected %%s (%s or None)" % " or ".join(
                c.__name__ for c in expected))
        with self._lock:
            token = self._tokens.get(id(value))
            if token is None:
                token = next(self._counter)
                if token > _TOKEN_MAX:
                    raise TypeMismatchError("%s: no handle tokens left for %s"
                                            % (what, self.name))
                self._objects[token] = value
                self._tokens[id(value)] = token
            return token

    def object(self, token):
        """The object behind ``token`` (None for NULL); ``gjs.NotFoundError`` if it
        was released."""
        if not token:
            return None
        try:
            return self._objects[token]
        except KeyError:
            raise NotFoundError("the %s object behind this handle was released"
                                % self.name) from None

    def release(self, value):
        """Drops ``value`` from the registry; True if it was there."""
        with self._lock:
            token = self._tokens.get(id(value))
            if token is None or self._objects.get(token) is not value:
                return False
            del self._objects[token], self._tokens[id(value)]
            return True

    def objects(self):
        """The registered objects, oldest first."""
        with self._lock:
            return list(self._objects.values())

    def clear(self):
        """Drops every object."""
        with self._lock:
            self._objects.clear()
            self._tokens.clear()

    def to_python(self, address):
        return self.object(ctypes.c_void_p.from_address(address).value)

    def to_c(self, value, what):
        return ctypes.c_void_p(self.token(value, what))

    def write(self, address, value, keep, what):
        ctypes.c_void_p.from_address(address).value = self.token(value, what)


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
