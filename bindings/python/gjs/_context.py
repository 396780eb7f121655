"""Context, Module and Function: the objects of the Python API (host types are in
``_host``)."""

import contextlib
import ctypes
import os
import threading
import weakref

from . import _decl
from . import _host
from . import _library as lib
from . import _objects
from . import _values
from ._errors import (CompileError, Diagnostic, Error, Frame, InvalidArgumentError,
                      NotFoundError, RuntimeError, TypeMismatchError, error_class)

_U32_MAX = (1 << 32) - 1
_U64_MAX = (1 << 64) - 1


def _text(raw):
    """A borrowed C string (already copied by ctypes) as ``str``."""
    return "" if raw is None else raw.decode("utf-8", "replace")


def _c_string(value, what):
    """``value`` (str or bytes) as NUL-terminated UTF-8 for a C string argument."""
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogateescape")
    elif isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    else:
        raise InvalidArgumentError("%s must be str or bytes, not %s" % (what, type(value).__name__))
    if b"\0" in data:
        raise InvalidArgumentError("%s contains a NUL byte" % what)
    return data


def _require_callable(func, what):
    if not callable(func):
        raise InvalidArgumentError("%s must be callable, not %s" % (what, type(func).__name__))


def _size(value, what, maximum):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise InvalidArgumentError("%s must be an int in 0..%d, not %r" % (what, maximum, value))
    return value


class _CallRecord:
    """What Python code did during one call into a context: exceptions raised by
    bound callbacks (with the text thrown into the script), the first exception of an
    output callback, and a ``BaseException`` (e.g. KeyboardInterrupt) to re-raise."""

    __slots__ = ("raised", "output_error", "fatal")

    def __init__(self):
        self.raised = []
        self.output_error = None
        self.fatal = None


class Context:
    """A gjs script context: compiled modules, VM memory, output sinks and limits.

    ``stack_size`` is the stack in bytes and ``mem_size`` the most heap memory the
    scripts may use (0: the defaults, a 1 MiB stack and no cap but the 4 GiB address
    space). ``memory_size`` (the initial heap, stackvm's MEMORY_SIZE) and
    ``max_memory_size`` (the heap cap, MAX_MEMORY_SIZE; 0 for none) give every size
    explicitly; ``max_memory_size`` defaults to ``mem_size``.

    Host modules get Python functions (``bind``) and host types: value types backed
    by a ``ctypes.Structure`` (``value_type``), handle types carrying Python objects
    (``handle_type``), and their members (``method``, ``property``).

    A context is closed by ``close()``, by leaving a ``with`` block, or when it is
    garbage-collected after every Module and Function of it. Calls from several
    threads are serialised; ``interrupt()`` may be called from any thread.
    """

    def __init__(self, stack_size=0, mem_size=0, memory_size=None, max_memory_size=None):
        """Creates the context (see the class docstring for the sizes).

        Raises ``gjs.InvalidArgumentError`` for a size out of range and
        ``gjs.Error`` if the VM memory cannot be allocated.
        """
        # Everything __del__ and close() touch exists before anything can fail.
        self._ptr = None
        self._lock = threading.RLock()      # held for every C call but interrupt
        self._ptr_lock = threading.RLock()  # orders interrupt() against close()
        self._records = []                  # one _CallRecord per active call
        self._callbacks = []                # bound CFUNCTYPE objects, alive until close
        self._sinks = {}                    # the current output CFUNCTYPE objects
        self._host_types = {}               # gjs_type* (int) -> codec of a host type
        self._host_names = {}               # (module, name) as bytes -> the same codecs
        self._object_codecs = {}            # gjs_type* (int) -> codec of a script type
        self._depth = 0                     # nesting of _locked() sections
        self._closing = False               # inside gjs_context_free
        self._deferred = []                 # object handles let go while busy
        self._in_output = 0
        self._lib = lib.load()
        stack_size = _size(stack_size, "stack_size", _U32_MAX)
        mem_size = _size(mem_size, "mem_size", _U32_MAX)
        if memory_size is None and max_memory_size is None:
            backend = self._lib.gjs_vm_backend_new(stack_size, mem_size)
        else:
            memory_size = _size(memory_size or 0, "memory_size", _U32_MAX)
            if max_memory_size is None:
                max_memory_size = mem_size
            max_memory_size = _size(max_memory_size, "max_memory_size", _U64_MAX)
            if mem_size and max_memory_size != mem_size:
                raise InvalidArgumentError(
                    "mem_size and max_memory_size both set the memory cap; give one")
            backend = self._lib.gjs_vm_backend_new_sized(stack_size, memory_size,
                                                         max_memory_size)
        if not backend:
            raise Error("cannot create a backend: " + _text(self._lib.gjs_last_error()))
        ptr = self._lib.gjs_context_new(backend)  # takes the backend over, even on failure
        if not ptr:
            raise Error("cannot create a context: " + _text(self._lib.gjs_last_error()))
        self._ptr = ptr

    # -- lifetime ---------------------------------------------------------------

    @property
    def closed(self):
        """True once ``close()`` has released the context."""
        return self._ptr is None

    def close(self):
        """Releases the context and everything it owns (idempotent).

        The objects Python still holds (``gjs.Instance``, ``gjs.Array``) and then
        module-level objects of the scripts are destroyed now, so their destructors
        may still print or call bound functions. Then the objects handle types hold
        are let go. Modules, Functions and objects of a closed context raise
        ``gjs.Error`` when used (objects may still be closed). Closing from inside
        one of the context's own calls (a bound callback or output sink) raises
        ``gjs.Error``.
        """
        with self._lock:
            if self._records:
                raise Error("cannot close a context from inside one of its own calls")
            self._closing = True  # before _ptr goes: see _release_object
            try:
                with self._ptr_lock:
                    ptr, self._ptr = self._ptr, None
                if ptr is not None:
                    # Destroys the objects Python still holds, then the module objects.
                    self._lib.gjs_context_free(ptr)
                    # Nothing can call the callbacks any more, nor hold a handle.
                    self._callbacks.clear()
                    self._sinks.clear()
                    for codec in self._host_types.values():
                        codec.clear()
                    self._host_types.clear()
                    self._host_names.clear()
                    self._object_codecs.clear()
            finally:
                self._closing = False
            # Handles let go meanwhile: their objects are destroyed, the handles remain.
            while self._deferred:
                self._lib.gjs_object_free(self._deferred.pop())

    def __del__(self):
        # Also runs at interpreter shutdown: use only what the instance holds.
        try:
            if getattr(self, "_ptr", None) is not None:
                self.close()
        except BaseException:
            pass

    def __enter__(self):
        """Returns the context; leaving the block closes it."""
        return self

    def __exit__(self, *exc_info):
        """Closes the context."""
        self.close()

    def __repr__(self):
        return "<gjs.Context %s>" % ("closed" if self._ptr is None else "at 0x%x" % self._ptr)

    # -- plumbing ---------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self):
        """Holds the context lock and yields the live handle. Object handles that
        garbage collection let go meanwhile are freed when the outermost section
        ends."""
        with self._lock:
            ptr = self._ptr
            if ptr is None:
                raise Error("the gjs context is closed")
            self._depth += 1
            try:
                yield ptr
            finally:
                self._depth -= 1
                if not self._depth and self._deferred:
                    self._free_deferred()

    def _release_object(self, ptr):
        """Frees an object handle that ``gjs.Object.close`` or garbage collection let
        go: at once if the context is closed (only the handle remains) or idle, else
        once the running operation ends. Never blocks: it may run in ``__del__`` on
        any thread, in the middle of any operation."""
        if self._ptr is None and not self._closing:
            self._lib.gjs_object_free(ptr)
            return
        self._deferred.append(ptr)
        self._free_deferred()

    def _free_deferred(self):
        """Frees the deferred object handles if no operation runs (destructors may run
        script code, which must not happen in the middle of another operation)."""
        if not self._lock.acquire(blocking=False):
            return  # another thread works on the context; it frees them when done
        try:
            if self._depth or self._closing:
                return
            self._depth += 1
            try:
                while self._deferred:
                    self._lib.gjs_object_free(self._deferred.pop())
            finally:
                self._depth -= 1
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def _calling(self):
        """Like ``_locked`` around a call that may run script code; also yields the
        record that callbacks report to."""
        with self._locked() as ptr:
            record = _CallRecord()
            self._records.append(record)
            try:
                yield ptr, record
            finally:
                self._records.pop()

    def _finish(self, ptr, status, record):
        """Raises what a finished call left: a callback's BaseException, the gjs error
        of a failed status, or an output callback's exception."""
        error = self._error(ptr, status, record) if status != lib.OK else None
        if record.fatal is not None:
            raise record.fatal
        if record.output_error is not None:
            if error is None:
                raise record.output_error
            error.__context__ = record.output_error
        if error is not None:
            raise error

    def _error(self, ptr, status, record=None):
        """The exception for ``status`` from the context's error state."""
        message = _text(self._lib.gjs_context_error_message(ptr))
        cls = error_class(status)
        if issubclass(cls, (CompileError, InvalidArgumentError)):
            return cls(message, self._diagnostics(ptr), status)
        if issubclass(cls, RuntimeError):
            error = cls(message, self._backtrace(ptr), status)
            if record is not None and error.error_message is not None:
                for thrown, exc in reversed(record.raised):
                    if thrown == error.error_message:
                        error.__cause__ = exc
                        break
            return error
        return cls(message or "status %d" % status, status=status)

    def _diagnostics(self, ptr):
        out = []
        for i in range(self._lib.gjs_context_diagnostic_count(ptr)):
            d = lib.gjs_diagnostic()
            if self._lib.gjs_context_diagnostic(ptr, i, ctypes.byref(d)) != lib.OK:
                break
            severity = "note" if d.severity == lib.SEVERITY_NOTE else "error"
            out.append(Diagnostic(severity, _text(d.code), _text(d.message),
                                  _text(d.module), d.line, d.column))
        return out

    def _backtrace(self, ptr):
        out = []
        for i in range(self._lib.gjs_context_backtrace_count(ptr)):
            f = lib.gjs_frame()
            if self._lib.gjs_context_backtrace_frame(ptr, i, ctypes.byref(f)) != lib.OK:
                break
            out.append(Frame(_text(f.module), _text(f.function), f.line, f.column))
        return out

    # -- modules ----------------------------------------------------------------

    def add_code(self, name, source):
        """Compiles ``source`` (str or UTF-8 bytes) as the module ``name`` and returns
        its ``Module``. Nothing of it runs until ``Module.init()`` or a call.

        Raises ``gjs.CompileError`` with every diagnostic; nothing is registered then.
        """
        name_c = _c_string(name, "module name")
        source_c = _c_string(source, "source")
        with self._locked() as ptr:
            out = ctypes.c_void_p()
            status = self._lib.gjs_context_add_code(ptr, name_c, source_c, ctypes.byref(out))
            if status != lib.OK:
                raise self._error(ptr, status)
            return Module(self, out.value)

    def add_file(self, path):
        """Compiles the file at ``path`` (str or path-like) as a module named by its
        file stem and returns it; adding the same file again returns the same module.

        Raises ``gjs.NotFoundError`` for a missing file, ``gjs.IOError`` for an
        unreadable one, ``gjs.CompileError``.
        """
        path_c = _c_string(os.fsdecode(os.fspath(path)), "path")
        with self._locked() as ptr:
            out = ctypes.c_void_p()
            status = self._lib.gjs_context_add_file(ptr, path_c, ctypes.byref(out))
            if status != lib.OK:
                raise self._error(ptr, status)
            return Module(self, out.value)

    def module(self, name):
        """The module registered as ``name`` (a name given to ``add_code``, a host
        module, or the normalised path of a file added with ``add_file``).

        Raises ``gjs.NotFoundError`` if there is none.
        """
        name_c = _c_string(name, "module name")
        with self._locked() as ptr:
            handle = self._lib.gjs_context_module(ptr, name_c)
            if not handle:
                raise NotFoundError("no module named %r" % (name,))
            return Module(self, handle)

    # -- host functions ---------------------------------------------------------

    def bind(self, decl, func=None, module=None):
        """Binds a Python callable as the host function declared by ``decl`` (for
        example ``"f64 twice(f64 x)"``; parameters and result are primitives,
        ``string`` or, in a host module, its host types), global or, with
        ``module``, in a host module scripts import (``import { f } from
        'engine';``). Bind before compiling the scripts using it.

        Use it as a call, ``ctx.bind(decl, func)``, or as a decorator,
        ``@ctx.bind(decl)`` / ``@ctx.bind(decl, module="engine")``; both return
        ``func`` unchanged. ``ctx.bind(decl, "engine")`` is the decorator form too.

        The callable receives converted Python values and its result is converted by
        the declaration. Value-type arguments are references to the script's objects:
        changes the callable makes to them are written back. An exception it raises
        becomes a script ``Error`` with ``str(exc)`` as message; uncaught, the
        ``gjs.RuntimeError`` of the call has the exception as ``__cause__``. A
        ``BaseException`` that is not an ``Exception`` (KeyboardInterrupt,
        SystemExit) is re-raised as is once the call into the script returns. The
        callable may call into this context.

        Raises ``gjs.InvalidArgumentError`` (with ``diagnostics``) for a bad
        declaration, a repeated signature or a module name taken by a script.
        """
        if isinstance(func, str) and module is None:
            module, func = func, None
        if func is None:
            def decorator(f):
                self._bind(decl, f, module)
                return f
            return decorator
        self._bind(decl, func, module)
        return func

    def _bind(self, decl, func, module):
        _require_callable(func, "the function to bind")
        decl_c = _c_string(decl, "declaration")
        module_c = None if module is None else _c_string(module, "module name")
        parsed = _decl.parse(decl_c.decode("utf-8", "replace"))
        holder = [None]
        callback = lib.HOST_FN(_host_trampoline(self, func, holder, self._lib.gjs_context_throw))
        with self._locked() as ptr:
            if parsed is not None:
                holder[0] = _Signature.from_names(
                    parsed.name, parsed.return_type, parsed.arg_types, parsed.arg_names,
                    self._resolver(module_c))
            signature = holder[0]
            status = self._lib.gjs_context_bind_function(ptr, module_c, decl_c, callback,
                                                         None, lib.FREE_FN())
            if status != lib.OK:
                raise self._error(ptr, status)
            self._callbacks.append(callback)
            if (signature is None or not signature.supported) and module_c is not None:
                # libgjs read the declaration differently: ask it for the types.
                mod = self._lib.gjs_context_module(ptr, module_c)
                handle = mod and self._lib.gjs_module_function_by_decl(mod, decl_c)
                if handle:
                    signature = Function(self, handle)._signature
                    # Script objects never reach host functions (libgjs refuses them).
                    if not any(isinstance(c, _objects.ObjectCodec)
                               for c in [signature.return_codec] + signature.codecs):
                        holder[0] = signature

    # -- output -----------------------------------------------------------------

    def set_output(self, callback):
        """Sends ``print``/``console.log`` output to ``callback(data: bytes)``;
        None restores the process's standard output.

        An exception raised by ``callback`` is raised from the call that printed,
        after the script call returns.
        """
        self._set_sink(callback, error=False)

    def set_error_output(self, callback):
        """Sends ``console.warn``/``console.error`` output to ``callback(data: bytes)``;
        None restores the process's standard error."""
        self._set_sink(callback, error=True)

    def _set_sink(self, callback, error):
        if callback is not None and not callable(callback):
            raise InvalidArgumentError("the output callback must be callable or None")
        if callback is None:
            sink = lib.OUTPUT_FN()  # NULL: back to the standard stream
        else:
            sink = lib.OUTPUT_FN(_output_trampoline(self, callback))
        setter = (self._lib.gjs_context_set_error_output if error
                  else self._lib.gjs_context_set_output)
        with self._locked() as ptr:
            if self._in_output:
                raise Error("cannot replace an output sink from inside an output callback")
            status = setter(ptr, sink, None)
            if status != lib.OK:
                raise self._error(ptr, status)
            # The previous sink is not running (checked above), so it may go.
            self._sinks["error" if error else "output"] = sink

    # -- limits -----------------------------------------------------------------

    def set_step_limit(self, steps):
        """Limits every later call from Python to ``steps`` steps (0: no limit): a loop
        back-edge or call is one, string and array work one per 64 bytes or elements;
        a call that runs out raises ``gjs.InterruptedError``."""
        steps = _size(steps, "steps", _U64_MAX)
        with self._locked() as ptr:
            status = self._lib.gjs_context_set_step_limit(ptr, steps)
            if status != lib.OK:
                raise self._error(ptr, status)

    def interrupt(self):
        """Stops the script running in this context at its next loop back-edge or
        call with ``gjs.InterruptedError``; scripts cannot catch it. Safe from any
        thread at any time. If nothing runs, the next call stops at once.

        Returns False (and does nothing) if the context is closed, else True.
        """
        with self._ptr_lock:
            ptr = self._ptr
            if ptr is None:
                return False
            self._lib.gjs_context_interrupt(ptr)
            return True

    @property
    def memory_in_use(self):
        """Bytes of VM heap memory in use by live objects and strings."""
        with self._locked() as ptr:
            return self._lib.gjs_context_memory_in_use(ptr)

    # -- host types -------------------------------------------------------------
    # Last in the class body: from `def property` on, `property` names that method.

    def value_type(self, module, decl, structure):
        """Declares a host value type in the host module ``module`` and returns its
        ``gjs.ValueType``. ``decl`` is written like a format body,
        ``"vec3 { f32 x, f32 y, f32 z }"`` (fields are primitives, value types
        declared before, or handle types, which hold their token); ``structure`` is
        the ``ctypes.Structure`` subclass with the same C layout, e.g.
        ``_fields_ = [("x", c_float), ("y", c_float), ("z", c_float)]``.

        Arguments and results of the type are instances of ``structure``, copied
        both ways (the script works on its own copy). Scripts import the type
        (``import { vec3 } from 'engine';``); bind its members with ``method`` and
        ``property`` before compiling them.

        Raises ``gjs.TypeMismatchError`` when ``structure`` is not a Structure
        subclass or its fields, size or alignment differ from the declaration
        (nothing is declared then, except when only libgjs's own size check finds
        the difference); ``gjs.InvalidArgumentError`` (with ``diagnostics``) for a
        declaration libgjs refuses or a name already declared in the module.
        """
        if not (isinstance(structure, type) and issubclass(structure, ctypes.Structure)):
            raise TypeMismatchError("a value type is backed by a ctypes.Structure subclass, "
                                    "not %r" % (structure,))
        module_c = _c_string(module, "module name")
        decl_c = _c_string(decl, "declaration")
        parsed = _decl.parse_value_type(decl_c.decode("utf-8", "replace"))
        with self._locked() as ptr:
            if parsed is not None:
                reason = _host.layout_mismatch(structure, parsed[0], parsed[1],
                                               self._resolver(module_c))
                if reason is not None:
                    raise TypeMismatchError("%s does not match value type %r: %s" % (
                        structure.__name__, parsed[0], reason))
            out = ctypes.c_void_p()
            status = self._lib.gjs_context_bind_value_type(ptr, module_c, decl_c,
                                                           ctypes.byref(out))
            if status != lib.OK:
                raise self._error(ptr, status)
            name = _text(self._lib.gjs_type_name(out.value))
            size = self._lib.gjs_type_size(out.value)
            alignment = self._lib.gjs_type_alignment(out.value)
            if (size, alignment) != (ctypes.sizeof(structure), ctypes.alignment(structure)):
                raise TypeMismatchError(
                    "%s (%d bytes, alignment %d) does not match value type %r (%d bytes, "
                    "alignment %d); %r stays declared but cannot be used from Python" % (
                        structure.__name__, ctypes.sizeof(structure),
                        ctypes.alignment(structure), name, size, alignment, name))
            codec = _values.ValueCodec(name, structure, out.value, _text(module_c))
            self._add_host_type(module_c, codec)
            return _host.ValueType(self, codec)

    def handle_type(self, module, name, cls=None):
        """Declares the host handle type ``name`` in the host module ``module`` and
        returns its ``gjs.HandleType``: scripts hold, copy and pass Python objects
        of it around without seeing inside, and call the members bound to it.

        Any Python object may cross (with ``cls``, a class or tuple of classes,
        only instances of it), as may None for a null handle (``Entity e;``). An
        object crosses as a pointer-sized token, never as its address, and comes
        back as the same object. The type holds every object passed to a script
        until ``HandleType.release(obj)`` or until the context closes.

        Raises ``gjs.InvalidArgumentError`` for a name that is not an identifier or
        is already declared in the module, or a bad ``cls``.
        """
        if cls is not None and not (
                isinstance(cls, type) or (isinstance(cls, tuple) and cls and all(
                    isinstance(c, type) for c in cls))):
            raise InvalidArgumentError("cls must be a class, a tuple of classes or None, "
                                       "not %r" % (cls,))
        module_c = _c_string(module, "module name")
        name_c = _c_string(name, "type name")
        with self._locked() as ptr:
            out = ctypes.c_void_p()
            status = self._lib.gjs_context_bind_handle_type(ptr, module_c, name_c,
                                                            ctypes.byref(out))
            if status != lib.OK:
                raise self._error(ptr, status)
            codec = _values.HandleCodec(_text(self._lib.gjs_type_name(out.value)), cls,
                                        out.value, _text(module_c))
            self._add_host_type(module_c, codec)
            return _host.HandleType(self, codec)

    def host_type(self, module, name):
        """The ``ValueType`` or ``HandleType`` ``name`` declared in ``module``.

        Raises ``gjs.NotFoundError`` if this context has none.
        """
        with self._locked():
            codec = self._host_names.get((_c_string(module, "module name"),
                                          _c_string(name, "type name")))
        if codec is None:
            raise NotFoundError("module %r has no host type %r" % (module, name))
        if codec.by_reference:
            return _host.ValueType(self, codec)
        return _host.HandleType(self, codec)

    def _add_host_type(self, module_c, codec):
        self._host_types[codec.type_handle] = codec
        self._host_names[(module_c, codec.name.encode("utf-8"))] = codec

    def _resolver(self, module_c):
        """``resolve(type_name)``: the codec of a primitive, ``string``, or a host type
        of the module ``module_c`` (None: global scope), or None."""
        def resolve(type_name):
            codec = _values.codec(type_name)
            if codec is None and module_c is not None:
                codec = self._host_names.get((module_c, type_name.encode("utf-8")))
            return codec
        return resolve

    def _type_codec(self, type_handle):
        """The codec of a ``gjs_type*`` of this (live) context, or None for a type
        Python cannot pass."""
        with self._lock:
            codec = self._host_types.get(type_handle) or self._object_codecs.get(type_handle)
            if codec is not None:
                return codec
            kind = self._lib.gjs_type_kind(type_handle)
            if kind < lib.TYPE_FORMAT:
                return _values.codec(_text(self._lib.gjs_type_name(type_handle)))
            if kind == lib.TYPE_FORMAT:
                codec = _objects.format_codec(self, type_handle)
            elif kind in (lib.TYPE_CLASS, lib.TYPE_ARRAY):
                codec = _objects.object_codec(self, type_handle)
            if codec is not None:
                self._object_codecs[type_handle] = codec
                if isinstance(codec, _objects.ObjectCodec):
                    codec.describe(self)  # after caching: fields may name the type
            return codec

    def _host_codec(self, module_c, type_c):
        codec = self._host_names.get((module_c, type_c))
        if codec is None:
            raise InvalidArgumentError(
                "module %r has no host type %r declared with value_type() or handle_type()"
                % (_text(module_c), _text(type_c)))
        return codec

    def method(self, module, type_name, decl, func=None):
        """Binds a Python callable as a member of the host type ``type_name`` of
        ``module``. ``decl`` is the member as a class declares it, without a body;
        the callable receives:

        ``"constructor(f32 x, f32 y, f32 z)"``
            value type: ``(self, x, y, z)`` where ``self`` is a zeroed Structure to
            fill in place (or return a Structure to use instead; ``Vec3.__init__``
            itself works); handle type: ``(x, y, z)``, returning the Python object
            the new handle stands for.
        ``"destructor()"`` (value types)
            ``(self)``, when a script's value dies (also when the context closes).
        ``"f32 dot(vec3 o)"``, ``"vec3 operator+(vec3 o)"``, ``"vec3 operator-()"``,
        ``"f32 operator[](i32 i)"``, ``"operator f64()"``
            ``(self, *args)``, returning the result.
        ``"static vec3 zero()"``
            ``(*args)``.

        For a value type ``self`` is a copy of the script's value, written back when
        the callable returns, so methods may modify it; value-type arguments are
        written back the same way. For a handle type ``self`` is the Python object.
        Use it as a call or as a decorator (``@ctx.method("engine", "vec3",
        "f32 dot(vec3 o)")``); either returns ``func``. Exceptions behave as in
        ``bind``. Bind members before compiling the scripts using them.

        Raises ``gjs.InvalidArgumentError`` (with ``diagnostics``) for an unknown
        type, a declaration libgjs refuses, or a member the type already has.
        """
        if func is None:
            def decorator(f):
                self._bind_member(module, type_name, decl, f)
                return f
            return decorator
        self._bind_member(module, type_name, decl, func)
        return func

    def _bind_member(self, module, type_name, decl, func):
        _require_callable(func, "the function to bind")
        module_c = _c_string(module, "module name")
        type_c = _c_string(type_name, "type name")
        decl_c = _c_string(decl, "declaration")
        parsed = _decl.parse_member(decl_c.decode("utf-8", "replace"))
        holder = [None]
        callback = lib.HOST_FN(_host_trampoline(self, func, holder, self._lib.gjs_context_throw))
        with self._locked() as ptr:
            codec = self._host_codec(module_c, type_c)
            if parsed is not None:
                holder[0] = _Signature.from_names(
                    "%s.%s" % (codec.name, parsed.name), parsed.return_type,
                    parsed.arg_types, parsed.arg_names, self._resolver(module_c),
                    role=parsed.role, this_codec=None if parsed.role == "static" else codec)
            status = self._lib.gjs_context_bind_method(ptr, module_c, type_c, decl_c,
                                                       callback, None, lib.FREE_FN())
            if status != lib.OK:
                raise self._error(ptr, status)
            self._callbacks.append(callback)

    def property(self, module, type_name, decl, getter=None, setter=None):
        """Binds the property ``decl`` (``"i32 health"``) of the host type
        ``type_name`` of ``module``: a script's ``e.health`` calls
        ``getter(self)`` for the value, ``e.health = v`` (and ``e.health += v``)
        calls ``setter(self, v)``. Give either or both (read-only or write-only
        properties). ``self`` is as for ``method``: for a value type a copy written
        back afterwards, for a handle type the Python object. Exceptions behave as in
        ``bind``.

        Raises ``gjs.InvalidArgumentError`` for no accessor, an unknown type, a
        declaration libgjs refuses or a name the type already has.
        """
        if getter is None and setter is None:
            raise InvalidArgumentError("a property needs a getter, a setter or both")
        for accessor in (getter, setter):
            if accessor is not None:
                _require_callable(accessor, "a property accessor")
        module_c = _c_string(module, "module name")
        type_c = _c_string(type_name, "type name")
        decl_c = _c_string(decl, "declaration")
        parsed = _decl.parse_property(decl_c.decode("utf-8", "replace"))
        holders = ([None], [None])
        throw = self._lib.gjs_context_throw
        callbacks = [lib.HOST_FN() if f is None else lib.HOST_FN(
            _host_trampoline(self, f, holder, throw))
            for f, holder in zip((getter, setter), holders)]
        with self._locked() as ptr:
            codec = self._host_codec(module_c, type_c)
            if parsed is not None:
                value_type, name = parsed
                resolve = self._resolver(module_c)
                label = "%s.%s" % (codec.name, name)
                holders[0][0] = _Signature.from_names(label, value_type, [], [], resolve,
                                                      role="getter", this_codec=codec)
                holders[1][0] = _Signature.from_names(label, "void", [value_type], [name],
                                                      resolve, role="setter",
                                                      this_codec=codec)
            status = self._lib.gjs_context_bind_property(ptr, module_c, type_c, decl_c,
                                                         callbacks[0], callbacks[1], None,
                                                         lib.FREE_FN())
            if status != lib.OK:
                raise self._error(ptr, status)
            self._callbacks.extend(callbacks)


def _exception_text(exc):
    """The message thrown into the script for ``exc``, as libgjs will store it."""
    text = str(exc) or type(exc).__name__
    # libgjs reads the message as UTF-8 and turns NUL bytes into '?'.
    return text.replace("\0", "?").encode("utf-8", "replace").decode("utf-8")


def _host_trampoline(context, func, holder, throw):
    """The C callback for a bound Python function or host-type member. It holds the
    context weakly so the context can be collected; ``holder[0]`` is the
    ``_Signature`` (None when the declaration was not understood)."""
    context_ref = weakref.ref(context)
    keep = []  # buffers of the last string result, until libgjs copied it

    def host(ctx_ptr, ret, args, _user_data):
        try:
            signature = holder[0]
            if signature is None:
                raise TypeMismatchError("the declaration of this host function is not "
                                        "understood by the Python wrapper")
            if not signature.supported:
                raise TypeMismatchError("%s: %s" % (signature.label,
                                                    signature.unsupported_reason()))
            _invoke(signature, func, ret, args, keep)
            return lib.OK
        except BaseException as exc:
            try:
                text = _exception_text(exc)
                ctx = context_ref()
                if ctx is not None and ctx._records:
                    record = ctx._records[-1]
                    record.raised.append((text, exc))
                    if not isinstance(exc, Exception) and record.fatal is None:
                        record.fatal = exc
                return throw(ctx_ptr, text.encode("utf-8"))
            except BaseException:
                return lib.RUNTIME_ERROR

    return host


def _invoke(sig, func, ret, args, keep):
    """Runs ``func`` for one call from libgjs: converts ``args``, calls, writes the
    result to ``ret``, then writes ``this`` and the other value-type arguments back
    (libgjs copies them back to the script's objects once the call succeeded)."""
    this_codec = sig.this_codec
    first = 0 if this_codec is None else 1
    values = [codec.to_python(args[first + i]) for i, codec in enumerate(sig.codecs)]
    if sig.role == "constructor" and not this_codec.by_reference:
        # A handle type: the callable makes the object the new handle stands for.
        obj = func(*values)
        if obj is None:
            raise TypeMismatchError("%s returned None instead of the object the new %s "
                                    "stands for" % (sig.label, this_codec.name))
        this_codec.write(args[0], obj, keep, "result of " + sig.label)
    else:
        this = this_codec.to_python(args[0]) if first else None
        result = func(this, *values) if first else func(*values)
        if sig.role == "constructor":
            # Filled in place, or a value to use instead.
            this_codec.write(args[0], this if result is None else result, keep,
                             "result of " + sig.label)
        else:
            if sig.return_codec is not _values.CODECS["void"]:
                del keep[:]
                sig.return_codec.write(ret, result, keep, "result of " + sig.label)
            if first and this_codec.by_reference:
                this_codec.write(args[0], this, keep, "this of " + sig.label)
    for i, codec in enumerate(sig.codecs):
        if codec.by_reference:
            codec.write(args[first + i], values[i], keep, sig.what(i))


def _output_trampoline(context, callback):
    """The C output sink calling ``callback(bytes)``."""
    context_ref = weakref.ref(context)
    string_at = ctypes.string_at

    def sink(text, length, _user_data):
        ctx = context_ref()
        if ctx is not None:
            ctx._in_output += 1
        try:
            callback(string_at(text, length) if length else b"")
        except BaseException as exc:
            record = ctx._records[-1] if ctx is not None and ctx._records else None
            if record is None:
                raise  # no call to report it to: ctypes prints it as unraisable
            if record.output_error is None:
                record.output_error = exc
        finally:
            if ctx is not None:
                ctx._in_output -= 1

    return sink


class _Signature:
    """The name, types and converters (None for a type Python cannot pass) of a
    function or host-type member. ``role`` is ``"function"``, a member's role (see
    ``_decl.Member``), ``"getter"`` or ``"setter"``; ``this_codec`` converts ``this``
    (None for functions and static members)."""

    def __init__(self, name, return_type, arg_types, arg_names, return_codec, codecs,
                 role="function", this_codec=None):
        self.name = name
        self.return_type = return_type
        self.arg_types = list(arg_types)
        self.arg_names = list(arg_names)
        self.return_codec = return_codec
        self.codecs = list(codecs)
        self.role = role
        self.this_codec = this_codec
        if role in ("getter", "setter"):
            self.label = "%s (%s)" % (name, role)
        else:
            self.label = name + "()"
        self.supported = (return_codec is not None and None not in self.codecs
                          and (this_codec is not None or role in ("function", "static")))

    @classmethod
    def from_names(cls, name, return_type, arg_types, arg_names, resolve=_values.codec,
                   role="function", this_codec=None):
        """The signature with codecs found by ``resolve(type_name)``."""
        return cls(name, return_type, arg_types, arg_names, resolve(return_type),
                   [resolve(t) for t in arg_types], role, this_codec)

    def what(self, i):
        """Names argument ``i`` in messages."""
        name = self.arg_names[i] if i < len(self.arg_names) else None
        return "%s argument %d%s" % (self.label, i + 1, " (%s)" % name if name else "")

    def unsupported_reason(self):
        """Why Python cannot pass this signature's values."""
        types = [t for t, c in zip([self.return_type] + self.arg_types,
                                   [self.return_codec] + self.codecs) if c is None]
        if not types:
            return "not a member of a host type declared from Python"
        return "%s %s no Python conversion (primitives, string, formats, script classes, " \
               "arrays and host types declared with value_type()/handle_type() have one; " \
               "handles T? do not cross)" % (
                   ", ".join(repr(t) for t in dict.fromkeys(types)),
                   "has" if len(set(types)) == 1 else "have")


class Module:
    """A compiled script module or a host module of a ``Context``.

    Keeps its context alive. ``name`` is the name it is registered under.
    """

    def __init__(self, context, handle):
        """Made by ``Context.add_code``/``add_file``/``module``, not directly."""
        self._context = context
        self._ptr = handle
        self.name = _text(context._lib.gjs_module_name(handle))

    @property
    def context(self):
        """The ``Context`` the module belongs to."""
        return self._context

    def init(self):
        """Runs the module's top-level code (``__init__``) once, after its imports';
        later calls return without running anything (a failed first run fails again).

        Raises ``gjs.RuntimeError`` and its subclasses.
        """
        context = self._context
        with context._calling() as (ptr, record):
            status = context._lib.gjs_module_init(self._ptr)
            context._finish(ptr, status, record)

    def function(self, name):
        """The function called ``name`` (also ``"__init__"``).

        Raises ``gjs.NotFoundError`` if there is none or the name is overloaded
        (then use ``function_by_decl``).
        """
        name_c = _c_string(name, "function name")
        with self._context._locked():
            handle = self._context._lib.gjs_module_function(self._ptr, name_c)
            if handle:
                return Function(self._context, handle)
            overloads = [f.decl for f in self.functions() if f.name == name]
        if len(overloads) > 1:
            raise NotFoundError("%r is overloaded in module %r; use function_by_decl() "
                                "with one of: %s" % (name, self.name, ", ".join(overloads)))
        raise NotFoundError("module %r has no function %r" % (self.name, name))

    def function_by_decl(self, decl):
        """The function with declaration ``decl``, such as ``"f32 mul(f32, f32)"``
        (parameter names are optional and ignored).

        Raises ``gjs.NotFoundError`` if there is none.
        """
        decl_c = _c_string(decl, "declaration")
        with self._context._locked():
            handle = self._context._lib.gjs_module_function_by_decl(self._ptr, decl_c)
            if not handle:
                raise NotFoundError("module %r has no function %r" % (self.name, decl))
            return Function(self._context, handle)

    def functions(self):
        """Every function of the module in declaration order (script functions and
        ``__init__``, or a host module's bound functions)."""
        lib_ = self._context._lib
        with self._context._locked():
            count = lib_.gjs_module_function_count(self._ptr)
            handles = [lib_.gjs_module_function_at(self._ptr, i) for i in range(count)]
            return [Function(self._context, h) for h in handles if h]

    def format(self, name):
        """The ``gjs.Format`` class (a ``ctypes.Structure`` subclass) of the format
        ``name`` declared in this module, to build arguments with
        (``Point = mod.format("Point"); p = Point(x=1.5, y=2.0)``); format results
        are instances of it.

        Raises ``gjs.NotFoundError`` if the module declares no format of that name,
        ``gjs.TypeMismatchError`` if its fields have no Python conversion.
        """
        name_c = _c_string(name, "type name")
        context = self._context
        with context._locked():
            handle = context._lib.gjs_module_type(self._ptr, name_c)
            if not handle:
                raise NotFoundError("module %r has no type %r" % (self.name, name))
            if context._lib.gjs_type_kind(handle) != lib.TYPE_FORMAT:
                raise NotFoundError("%r of module %r is not a format" % (name, self.name))
            codec = context._type_codec(handle)
        if codec is None:
            raise TypeMismatchError("format %r has a field without a Python conversion"
                                    % (name,))
        return codec.ctype

    def new_array(self, type_name, items=()):
        """A new ``gjs.Array`` of the array type ``type_name`` (such as
        ``"array<i32>"``, one the module's functions take or return, or an element or
        field type of those) holding ``items``, converted like arguments. Pass it to
        functions to see what they do to it (a list argument is a copy).

        Raises ``gjs.NotFoundError`` when no function of the module involves the
        type, ``gjs.TypeMismatchError`` for an item of the wrong type (before the
        array is made) or elements that cannot be made from Python.
        """
        if not isinstance(type_name, str):
            raise InvalidArgumentError("type_name must be str, not %s"
                                       % type(type_name).__name__)
        context = self._context
        with context._locked():
            codec = self._array_codec("".join(type_name.split()))
        if codec is None:
            raise NotFoundError("no function of module %r involves the type %r"
                                % (self.name, type_name))
        items = list(items)
        if items and codec.element is None:
            raise TypeMismatchError("the elements of %s are objects, which cannot be made "
                                    "from Python" % codec.name)
        converted = [codec.element.to_c(v, "%s[%d]" % (codec.name, i))
                     for i, v in enumerate(items)]
        with context._locked() as ptr:
            array = _objects.wrap(context, _objects.new_array(context, ptr, codec), codec)
            for value in converted:
                status = context._lib.gjs_array_push(array._ptr, ctypes.byref(value))
                if status != lib.OK:
                    error = context._error(ptr, status)
                    array.close()
                    raise error
        return array

    def _array_codec(self, wanted):
        """The codec of the array type named ``wanted`` (without spaces) among the
        types of the module's functions, their elements and fields; None if none."""
        lib_ = self._context._lib
        pending = []
        for i in range(lib_.gjs_module_function_count(self._ptr)):
            f = lib_.gjs_module_function_at(self._ptr, i)
            if f:
                pending.append(lib_.gjs_function_return_type(f))
                pending += [lib_.gjs_function_arg_type(f, j)
                            for j in range(lib_.gjs_function_arg_count(f))]
        seen = set()
        while pending:
            t = pending.pop()
            if not t or t in seen:
                continue
            seen.add(t)
            kind = lib_.gjs_type_kind(t)
            if kind == lib.TYPE_ARRAY:
                if "".join(_text(lib_.gjs_type_name(t)).split()) == wanted:
                    return self._context._type_codec(t)
                pending.append(lib_.gjs_type_element(t))
            elif kind == lib.TYPE_CLASS:
                for j in range(lib_.gjs_type_field_count(t)):
                    field = lib.gjs_field()
                    if lib_.gjs_type_field(t, j, ctypes.byref(field)) == lib.OK:
                        pending.append(field.field_type)
        return None

    def __eq__(self, other):
        return isinstance(other, Module) and other._ptr == self._ptr

    def __hash__(self):
        return hash(self._ptr)

    def __repr__(self):
        return "<gjs.Module %r>" % self.name


class Function:
    """A script or host function of a ``Context``; call it like a Python function.

    Attributes: ``name``, ``decl`` (the full declaration), ``return_type`` and
    ``arg_types`` (gjs type names), ``arg_names``. Keeps its context alive.
    """

    def __init__(self, context, handle):
        """Made by ``Module.function``/``function_by_decl``/``functions``, not directly."""
        lib_ = context._lib
        self._context = context
        self._ptr = handle
        self.name = _text(lib_.gjs_function_name(handle))
        self.decl = _text(lib_.gjs_function_decl(handle))
        count = lib_.gjs_function_arg_count(handle)
        parsed = _decl.parse(self.decl)
        if parsed is None or len(parsed.arg_types) != count:
            parsed = _decl.Declaration("?", self.name, ["?"] * count, [None] * count)
        # Types come from their handles (a host type's handle finds its codec); a type
        # without one keeps its declared name.
        types = [lib_.gjs_function_return_type(handle)]
        types += [lib_.gjs_function_arg_type(handle, i) for i in range(count)]
        names = [parsed.return_type] + parsed.arg_types
        codecs = []
        for i, t in enumerate(types):
            if t:
                names[i] = _text(lib_.gjs_type_name(t))
                codecs.append(context._type_codec(t))
            else:
                codecs.append(_values.codec(names[i]))
        self._signature = _Signature(self.name, names[0], names[1:], parsed.arg_names,
                                     codecs[0], codecs[1:])

    @property
    def context(self):
        """The ``Context`` the function belongs to."""
        return self._context

    @property
    def return_type(self):
        """The gjs name of the result type (``"void"`` for none)."""
        return self._signature.return_type

    @property
    def arg_types(self):
        """The gjs names of the parameter types."""
        return list(self._signature.arg_types)

    @property
    def arg_names(self):
        """The parameter names (None where the declaration has none)."""
        return list(self._signature.arg_names)

    def _what(self, i):
        name = self._signature.arg_names[i]
        return "%s() argument %d%s" % (self.name, i + 1, " (%s)" % name if name else "")

    def __call__(self, *args):
        """Calls the function with ``args`` converted by its declaration and returns
        the converted result (None for ``void``). The module is initialised first if
        it has not been.

        Value types are passed as instances of their Structure (the script gets a
        copy) and returned as new instances; handle types as their Python objects.
        Formats are passed as instances of their ``gjs.Format`` class, dicts or
        tuples (the script gets a copy) and returned as new instances. Class
        instances and arrays are passed as ``gjs.Instance``/``gjs.Array`` objects of
        this context, by reference (the script's changes stay in them); an array
        parameter also takes a list or other iterable, copied into a temporary
        array destroyed after the call. An object result is a new ``gjs.Instance``
        or ``gjs.Array`` that Python owns.

        Raises ``gjs.TypeMismatchError`` before anything runs for a wrong argument
        count, a value that does not fit its type (including an object of another
        type or context), or a type Python cannot pass; ``gjs.RuntimeError`` (or a
        subclass) when the script fails.
        """
        sig = self._signature
        if len(args) != len(sig.codecs):
            raise TypeMismatchError("%s() takes %d argument%s (%d given)" % (
                self.name, len(sig.codecs), "" if len(sig.codecs) == 1 else "s", len(args)))
        if not sig.supported:
            raise TypeMismatchError("%s cannot be called from Python: %s" % (
                self.decl, sig.unsupported_reason()))
        values = [codec.to_c(value, self._what(i))
                  for i, (codec, value) in enumerate(zip(sig.codecs, args))]
        void = sig.return_codec is _values.CODECS["void"]
        ret = None if void else sig.return_codec.storage()
        context = self._context
        with context._calling() as (ptr, record):
            held = _objects.CallObjects(context)
            try:
                # Object arguments become handles under the lock (iterables become
                # temporary arrays, destroyed below).
                values = [v.build(context, ptr, held) if isinstance(v, _objects._Pending)
                          else v for v in values]
                argv = (ctypes.c_void_p * max(len(values), 1))(
                    *[ctypes.addressof(v) for v in values])
                status = context._lib.gjs_context_call(
                    ptr, self._ptr, None if void else ctypes.byref(ret), argv)
                # A string result is borrowed until the next call: convert it now (an
                # object result becomes its owner before anything can fail).
                result = None if void or status != lib.OK else \
                    sig.return_codec.to_python(ctypes.addressof(ret))
                context._finish(ptr, status, record)
            finally:
                held.release()
        return result

    def __eq__(self, other):
        return isinstance(other, Function) and other._ptr == self._ptr

    def __hash__(self):
        return hash(self._ptr)

    def __repr__(self):
        return "<gjs.Function %s>" % self.decl
