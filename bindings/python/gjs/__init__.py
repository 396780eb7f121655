"""Python bindings of gjs, a statically typed, JavaScript-flavoured scripting language.

A pure-ctypes wrapper of libgjs (``include/gjs.h``)::

    import gjs

    ctx = gjs.Context()
    mod = ctx.add_code("demo", "i32 add(i32 a, i32 b) { return a + b; }")
    mod.init()
    assert mod.function("add")(2, 3) == 5

    @ctx.bind("f64 twice(f64 x)")
    def twice(x):
        return 2 * x

Values are converted by the gjs declaration: ``bool`` <-> bool; the integer types
<-> int (range-checked); ``f32``/``f64`` <-> float (int accepted); ``string`` <-> str
(UTF-8; bytes accepted going in; results are decoded with ``surrogateescape`` so
invalid UTF-8 survives a round trip). Script output goes to the process's stdout and
stderr unless ``Context.set_output`` / ``set_error_output`` redirect it.

Script objects cross calls too::

    mod = ctx.add_code("game", "format Point { f32 x, f32 y }\n"
                               "class Enemy { string name; i32 hp; Point pos; }\n"
                               "Enemy spawn(string n) { Enemy e; e.name = n; return e; }\n"
                               "void hurt(Enemy e, i32 d) { e.hp -= d; }\n"
                               "i32 total(array<i32> a) { i32 t = 0; for (u32 i = 0; "
                               "i < a.length; i++) t += a[i]; return t; }")
    with mod.function("spawn")("orc") as orc:  # a gjs.Instance Python owns
        orc.pos = {"x": 1.5}                    # a format: gjs.Format, dict or tuple
        mod.function("hurt")(orc, 5)            # by reference: orc.hp == -5
    assert mod.function("total")([1, 2, 3]) == 6  # a list becomes a temporary array

Formats become ``gjs.Format`` structures (``Module.format(name)`` gives the class);
class instances and arrays are ``gjs.Instance`` and ``gjs.Array`` objects owning their
handle (``close()``, ``with`` or garbage collection destroys them); arrays are
sequences, instances expose fields as attributes and items; ``Module.new_array`` makes
arrays to pass by reference.

Host types give scripts the host's own types, with members bound to Python::

    class Vec3(ctypes.Structure):
        _fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_float)]

    ctx.value_type("engine", "vec3 { f32 x, f32 y, f32 z }", Vec3)  # copied C structs
    ctx.method("engine", "vec3", "constructor(f32 x, f32 y, f32 z)", Vec3.__init__)

    @ctx.method("engine", "vec3", "f32 dot(vec3 o)")
    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    ctx.handle_type("engine", "Entity")                      # any Python object
    ctx.property("engine", "Entity", "i32 health", lambda e: e.health)

The library is found through ``GJS_LIBRARY``, next to the package, or in the cargo
target directories of the repository (``library_path()`` tells which).

Errors are subclasses of ``gjs.Error``: ``CompileError`` (``.diagnostics``),
``RuntimeError`` (``.backtrace``) and its subclasses ``OutOfMemoryError``,
``StackOverflowError`` and ``InterruptedError``, ``TypeMismatchError``,
``InvalidArgumentError``, ``NotFoundError``, ``IOError``, ``InternalError`` and
``LibraryNotFoundError``.
"""

from . import _library
from ._context import Context, Function, Module
from ._objects import Array, Format, Instance, Object
from ._host import HandleType, HostType, ValueType
from ._errors import (CompileError, Diagnostic, Error, Frame, InternalError,
                      InterruptedError, InvalidArgumentError, IOError,
                      LibraryNotFoundError, NotFoundError, OutOfMemoryError,
                      RuntimeError, StackOverflowError, TypeMismatchError)

STATUS_OK = _library.OK
STATUS_COMPILE_ERROR = _library.COMPILE_ERROR
STATUS_INVALID_ARGUMENT = _library.INVALID_ARGUMENT
STATUS_RUNTIME_ERROR = _library.RUNTIME_ERROR
STATUS_OUT_OF_MEMORY = _library.OUT_OF_MEMORY
STATUS_STACK_OVERFLOW = _library.STACK_OVERFLOW
STATUS_INTERRUPTED = _library.INTERRUPTED
STATUS_TYPE_MISMATCH = _library.TYPE_MISMATCH
STATUS_NOT_FOUND = _library.NOT_FOUND
STATUS_IO_ERROR = _library.IO_ERROR
STATUS_INTERNAL_ERROR = _library.INTERNAL_ERROR


# Public classes print as gjs.X rather than as the private module they live in.
for _cls in (Context, Module, Function, Object, Array, Instance, Format,
             HostType, ValueType, HandleType, Diagnostic,
             Frame, Error, CompileError, RuntimeError, OutOfMemoryError,
             StackOverflowError, InterruptedError, TypeMismatchError, InvalidArgumentError,
             NotFoundError, IOError, InternalError, LibraryNotFoundError):
    _cls.__module__ = __name__
del _cls


def version():
    """The version of the loaded libgjs, e.g. ``"0.1.0"``."""
    return _library.load().gjs_version().decode("ascii")


def library_path():
    """The path libgjs was loaded from (loading it if needed)."""
    return _library.load().path


__all__ = [
    "Context", "Module", "Function", "Object", "Array", "Instance", "Format",
    "HostType", "ValueType", "HandleType",
    "Diagnostic", "Frame",
    "Error", "CompileError", "RuntimeError", "OutOfMemoryError", "StackOverflowError",
    "InterruptedError", "TypeMismatchError", "InvalidArgumentError", "NotFoundError",
    "IOError", "InternalError", "LibraryNotFoundError",
    "version", "library_path",
] + [name for name in dir() if name.startswith("STATUS_")]
