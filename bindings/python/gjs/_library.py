"""Locating libgjs and declaring the C functions of ``include/gjs.h`` for ctypes.

The library is searched, in order:

1. the path in the environment variable ``GJS_LIBRARY`` (used alone when set);
2. next to the package (inside ``gjs/`` or the directory that contains it);
3. the cargo target directories of the repository the package sits in
   (``<repo>/target/debug`` then ``<repo>/target/release``), and
   ``$CARGO_TARGET_DIR/{debug,release}`` when that variable is set.
"""

import ctypes
import os
import sys
import threading

# Status codes (embedding.md section 3); fixed values.
OK = 0
COMPILE_ERROR = 1
INVALID_ARGUMENT = 2
RUNTIME_ERROR = 3
OUT_OF_MEMORY = 4
STACK_OVERFLOW = 5
INTERRUPTED = 6
TYPE_MISMATCH = 7
NOT_FOUND = 8
IO_ERROR = 9
INTERNAL_ERROR = 70

SEVERITY_ERROR = 0
SEVERITY_NOTE = 1

# Type kinds (gjs_type_kind); fixed values.
TYPE_VOID = 0
TYPE_BOOL = 1
TYPE_INT = 2
TYPE_UINT = 3
TYPE_FLOAT = 4
TYPE_STRING = 5
TYPE_FORMAT = 6
TYPE_VALUE = 7
TYPE_HANDLE = 8
TYPE_CLASS = 9
TYPE_ARRAY = 10


class gjs_str(ctypes.Structure):
    """``gjs_str { const char* ptr; size_t len; }``: a string crossing the boundary."""

    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class gjs_diagnostic(ctypes.Structure):
    """One diagnostic of a failed compile (strings borrowed from the context)."""

    _fields_ = [
        ("severity", ctypes.c_int32),
        ("code", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("module", ctypes.c_char_p),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
    ]


class gjs_frame(ctypes.Structure):
    """One backtrace frame of a runtime error (strings borrowed from the context)."""

    _fields_ = [
        ("module", ctypes.c_char_p),
        ("function", ctypes.c_char_p),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
    ]


status_t = ctypes.c_int32
handle = ctypes.c_void_p


class gjs_field(ctypes.Structure):
    """One field of a class, format or host value type (name and type borrowed from
    the context). ``offset`` is the byte offset in the C struct of a format or value
    type; for a class it is internal to the object."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        ("field_type", handle),
        ("offset", ctypes.c_size_t),
        ("is_const", ctypes.c_bool),
    ]


# gjs_status (*)(gjs_context*, void* ret, void** args, void* user_data)
HOST_FN = ctypes.CFUNCTYPE(status_t, handle, ctypes.c_void_p,
                           ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p)
# void (*)(const char* text, size_t len, void* user_data)
OUTPUT_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)
# void (*)(void* user_data); never used by the wrapper, which passes NULL.
FREE_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p)

# name: (restype, argtypes)
_PROTOTYPES = {
    "gjs_version": (ctypes.c_char_p, []),
    "gjs_last_error": (ctypes.c_char_p, []),
    "gjs_vm_backend_new": (handle, [ctypes.c_uint32, ctypes.c_uint32]),
    "gjs_vm_backend_new_sized": (handle, [ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint64]),
    "gjs_backend_free": (None, [handle]),
    "gjs_context_new": (handle, [handle]),
    "gjs_context_free": (None, [handle]),
    "gjs_context_add_code": (status_t, [handle, ctypes.c_char_p, ctypes.c_char_p,
                                        ctypes.POINTER(handle)]),
    "gjs_context_add_file": (status_t, [handle, ctypes.c_char_p, ctypes.POINTER(handle)]),
    "gjs_module_init": (status_t, [handle]),
    "gjs_module_name": (ctypes.c_char_p, [handle]),
    "gjs_context_module": (handle, [handle, ctypes.c_char_p]),
    "gjs_module_function": (handle, [handle, ctypes.c_char_p]),
    "gjs_module_function_by_decl": (handle, [handle, ctypes.c_char_p]),
    "gjs_module_function_count": (ctypes.c_size_t, [handle]),
    "gjs_module_function_at": (handle, [handle, ctypes.c_size_t]),
    "gjs_function_name": (ctypes.c_char_p, [handle]),
    "gjs_function_decl": (ctypes.c_char_p, [handle]),
    "gjs_function_return_type": (handle, [handle]),
    "gjs_function_arg_count": (ctypes.c_size_t, [handle]),
    "gjs_function_arg_type": (handle, [handle, ctypes.c_size_t]),
    "gjs_type_name": (ctypes.c_char_p, [handle]),
    "gjs_type_size": (ctypes.c_size_t, [handle]),
    "gjs_type_alignment": (ctypes.c_size_t, [handle]),
    "gjs_type_kind": (ctypes.c_int32, [handle]),
    "gjs_module_type": (handle, [handle, ctypes.c_char_p]),
    "gjs_context_call": (status_t, [handle, handle, ctypes.c_void_p,
                                    ctypes.POINTER(ctypes.c_void_p)]),
    "gjs_context_error_message": (ctypes.c_char_p, [handle]),
    "gjs_context_diagnostic_count": (ctypes.c_size_t, [handle]),
    "gjs_context_diagnostic": (status_t, [handle, ctypes.c_size_t,
                                          ctypes.POINTER(gjs_diagnostic)]),
    "gjs_context_backtrace_count": (ctypes.c_size_t, [handle]),
    "gjs_context_backtrace_frame": (status_t, [handle, ctypes.c_size_t,
                                               ctypes.POINTER(gjs_frame)]),
    "gjs_context_bind_function": (status_t, [handle, ctypes.c_char_p, ctypes.c_char_p,
                                             HOST_FN, ctypes.c_void_p, FREE_FN]),
    "gjs_context_throw": (status_t, [handle, ctypes.c_char_p]),
    "gjs_context_bind_value_type": (status_t, [handle, ctypes.c_char_p, ctypes.c_char_p,
                                               ctypes.POINTER(handle)]),
    "gjs_context_bind_handle_type": (status_t, [handle, ctypes.c_char_p, ctypes.c_char_p,
                                                ctypes.POINTER(handle)]),
    "gjs_context_bind_method": (status_t, [handle, ctypes.c_char_p, ctypes.c_char_p,
                                           ctypes.c_char_p, HOST_FN, ctypes.c_void_p,
                                           FREE_FN]),
    "gjs_context_bind_property": (status_t, [handle, ctypes.c_char_p, ctypes.c_char_p,
                                             ctypes.c_char_p, HOST_FN, HOST_FN,
                                             ctypes.c_void_p, FREE_FN]),
    "gjs_context_set_output": (status_t, [handle, OUTPUT_FN, ctypes.c_void_p]),
    "gjs_context_set_error_output": (status_t, [handle, OUTPUT_FN, ctypes.c_void_p]),
    "gjs_context_set_step_limit": (status_t, [handle, ctypes.c_uint64]),
    "gjs_context_interrupt": (status_t, [handle]),
    "gjs_context_memory_in_use": (ctypes.c_uint64, [handle]),
    # Script objects (class instances and arrays) held by the host.
    "gjs_object_free": (None, [handle]),
    "gjs_object_type": (handle, [handle]),
    "gjs_context_new_array": (status_t, [handle, handle, ctypes.POINTER(handle)]),
    "gjs_array_length": (status_t, [handle, ctypes.POINTER(ctypes.c_size_t)]),
    "gjs_array_get": (status_t, [handle, ctypes.c_size_t, ctypes.c_void_p]),
    "gjs_array_set": (status_t, [handle, ctypes.c_size_t, ctypes.c_void_p]),
    "gjs_array_push": (status_t, [handle, ctypes.c_void_p]),
    "gjs_object_get": (status_t, [handle, ctypes.c_char_p, ctypes.c_void_p]),
    "gjs_object_set": (status_t, [handle, ctypes.c_char_p, ctypes.c_void_p]),
    "gjs_type_element": (handle, [handle]),
    "gjs_type_field_count": (ctypes.c_size_t, [handle]),
    "gjs_type_field": (status_t, [handle, ctypes.c_size_t, ctypes.POINTER(gjs_field)]),
}


def _file_name():
    if sys.platform == "win32":
        return "gjs.dll"
    if sys.platform == "darwin":
        return "libgjs.dylib"
    return "libgjs.so"


def candidate_paths():
    """The paths tried for the library, in order (see the module docstring)."""
    explicit = os.environ.get("GJS_LIBRARY")
    if explicit:
        return [explicit]
    name = _file_name()
    package_dir = os.path.dirname(os.path.abspath(__file__))
    # bindings/python/gjs -> the repository root is three levels up.
    repo = os.path.dirname(os.path.dirname(os.path.dirname(package_dir)))
    paths = [os.path.join(package_dir, name),
             os.path.join(os.path.dirname(package_dir), name)]
    target_dirs = [os.path.join(repo, "target")]
    if os.environ.get("CARGO_TARGET_DIR"):
        target_dirs.append(os.environ["CARGO_TARGET_DIR"])
    for target in target_dirs:
        for profile in ("debug", "release"):
            paths.append(os.path.join(target, profile, name))
    return paths


_lock = threading.Lock()
_lib = None


def load():
    """The loaded library with every prototype declared; loads it on first use.

    Raises ``gjs.LibraryNotFoundError`` naming every path tried.
    """
    global _lib
    with _lock:
        if _lib is not None:
            return _lib
        from ._errors import LibraryNotFoundError

        tried = []
        for path in candidate_paths():
            if not os.path.exists(path):
                tried.append(path + " (missing)")
                continue
            try:
                lib = ctypes.CDLL(path)
            except OSError as exc:
                tried.append("%s (%s)" % (path, exc))
                continue
            for fname, (restype, argtypes) in _PROTOTYPES.items():
                fn = getattr(lib, fname)
                fn.restype = restype
                fn.argtypes = argtypes
            lib.path = path
            _lib = lib
            return lib
        raise LibraryNotFoundError(
            "libgjs not found; build it with `cargo build` or set GJS_LIBRARY. Tried:\n  "
            + "\n  ".join(tried))
