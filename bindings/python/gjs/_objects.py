"""Script objects in Python: formats as ``ctypes.Structure`` subclasses, class
instances and arrays as ``gjs.Object`` handles.

Formats (``format Point { f32 x, f32 y }``, and the math vectors) cross calls as C
structs. Each format becomes a subclass of ``gjs.Format`` (a ``ctypes.Structure``)
built from the type's fields, one class per layout: the same format declared the same
way in two contexts gives the same class. Results are new instances (copies); an
argument is an instance of the class, a dict of some of its fields (the others are
zero, as in the script literal ``Point({ x: 1.0f })``) or a tuple/list of all of them.

Class instances and ``array<T>`` stay in script memory. A result is a new
``gjs.Instance`` or ``gjs.Array`` that owns its handle; passing one as an argument
passes the object by reference, so the script's changes are visible afterwards. An
``array<T>`` parameter also takes any iterable (a list, a tuple): the wrapper builds a
temporary array for the call and destroys it afterwards.
"""

import collections.abc
import contextlib
import ctypes
import operator
import threading
import weakref

from . import _library as lib
from . import _values
from ._errors import Error, NotFoundError, TypeMismatchError

# The kinds whose values the host reads and writes in place (as elements or fields).
_IN_PLACE = (lib.TYPE_BOOL, lib.TYPE_INT, lib.TYPE_UINT, lib.TYPE_FLOAT, lib.TYPE_STRING,
             lib.TYPE_FORMAT, lib.TYPE_VALUE, lib.TYPE_HANDLE)


def _text(raw):
    return "" if raw is None else raw.decode("utf-8", "replace")


class _Field:
    """A field of a class or format: ``name``, ``type_name``, ``codec`` (None when
    Python cannot read it in place: it holds an object), ``is_const``, ``offset``."""

    __slots__ = ("name", "name_c", "type_name", "codec", "is_const", "offset")

    def __init__(self, name_c, type_name, codec, is_const, offset):
        self.name_c = name_c
        self.name = name_c.decode("utf-8", "replace")
        self.type_name = type_name
        self.codec = codec
        self.is_const = is_const
        self.offset = offset


def _fields(context, type_handle):
    """The visible fields of a class or format type, in declaration order; a field's
    codec is looked up only for types read in place (never a class: no recursion)."""
    lib_ = context._lib
    fields = []
    for i in range(lib_.gjs_type_field_count(type_handle)):
        f = lib.gjs_field()
        if lib_.gjs_type_field(type_handle, i, ctypes.byref(f)) != lib.OK:
            break
        t = f.field_type
        codec = None
        if t and lib_.gjs_type_kind(t) in _IN_PLACE:
            codec = context._type_codec(t)
        fields.append(_Field(f.name or b"?", _text(lib_.gjs_type_name(t)), codec,
                             bool(f.is_const), f.offset))
    return fields


# -- formats -------------------------------------------------------------------------


class Format(ctypes.Structure):
    """Base class of the ``ctypes.Structure`` subclasses made for script formats
    (``Module.format(name)`` gives one; format results are instances).

    Build one with positional or keyword fields (``Point(1.5, 2.0)``,
    ``Point(y=2.0)``; the others are zero); fields are attributes. Instances compare
    equal when they have the same class and equal fields; ``to_dict()`` gives the
    fields as a dict (nested formats as dicts too).
    """

    def _field_names(self):
        return [entry[0] for entry in type(self)._fields_]

    def to_dict(self):
        """The fields as ``{name: value}``, nested formats converted too."""
        out = {}
        for name in self._field_names():
            value = getattr(self, name)
            out[name] = value.to_dict() if isinstance(value, Format) else value
        return out

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._field_names())

    __hash__ = None  # mutable

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            "%s=%r" % (n, getattr(self, n)) for n in self._field_names()))


_format_lock = threading.Lock()
_format_classes = {}  # layout key -> Format subclass


def _format_class(key, name, entries):
    with _format_lock:
        cls = _format_classes.get(key)
        if cls is None:
            cls = type(name, (Format,), {"_fields_": entries, "__module__": "gjs",
                                          "__qualname__": name})
            _format_classes[key] = cls
        return cls


class FormatCodec(_values.Codec):
    """A script format: values are instances of ``ctype`` (a ``Format`` subclass),
    copied both ways; a dict or tuple is accepted going in."""

    def __init__(self, name, structure, type_handle, key, fields):
        super().__init__(name)
        self.ctype = structure
        self.size = ctypes.sizeof(structure)
        self.type_handle = type_handle
        self.key = key
        self.fields = fields  # [_Field], every one with a codec

    def to_python(self, address):
        return self.ctype.from_buffer_copy(ctypes.string_at(address, self.size))

    def check(self, value, what):
        if isinstance(value, self.ctype):
            return value
        if isinstance(value, collections.abc.Mapping):
            names = {f.name for f in self.fields}
            unknown = [k for k in value if k not in names]
            if unknown:
                raise self.mismatch(value, what, "%%s has no field %s" % ", ".join(
                    repr(k) for k in unknown))
            chosen = [(f, value[f.name]) for f in self.fields if f.name in value]
        elif isinstance(value, (tuple, list)):
            if len(value) != len(self.fields):
                raise self.mismatch(value, what, "%%s has %d field%s (%s)" % (
                    len(self.fields), "" if len(self.fields) == 1 else "s",
                    ", ".join(f.name for f in self.fields)))
            chosen = list(zip(self.fields, value))
        else:
            raise self.mismatch(value, what, "expected %s (its gjs.Format class, a dict "
                                             "or a tuple of its fields)")
        result = self.ctype()
        for field, item in chosen:
            setattr(result, field.name,
                    field.codec.check(item, "%s.%s" % (what, field.name)))
        return result

    def to_c(self, value, what):
        return self.check(value, what)

    def write(self, address, value, keep, what):
        ctypes.memmove(address, ctypes.addressof(self.check(value, what)), self.size)


def format_codec(context, type_handle):
    """The codec of a format type, or None when a field has no Python conversion or
    the C layout cannot be reproduced with a plain Structure."""
    lib_ = context._lib
    name = _text(lib_.gjs_type_name(type_handle))
    fields = _fields(context, type_handle)
    entries, key_fields = [], []
    for field in fields:
        codec = field.codec
        if isinstance(codec, FormatCodec):
            field_key = codec.key
        elif isinstance(codec, _values.ValueCodec):
            field_key = ("value", codec.ctype)
        elif isinstance(codec, (_values.BoolCodec, _values.IntCodec, _values.FloatCodec)):
            field_key = codec.name
        else:
            return None
        entries.append((field.name, codec.ctype))
        key_fields.append((field.name, field_key))
    key = (name, tuple(key_fields))
    cls = _format_class(key, name, entries)
    if (ctypes.sizeof(cls) != lib_.gjs_type_size(type_handle)
            or ctypes.alignment(cls) != lib_.gjs_type_alignment(type_handle)
            or any(getattr(cls, f.name).offset != f.offset for f in fields)):
        return None
    return FormatCodec(name, cls, type_handle, key, fields)


# -- class instances and arrays --------------------------------------------------------


class ObjectCodec(_values.Codec):
    """A script class or array type: values are ``gjs.Object`` handles. ``element``
    is the codec of an array's elements and ``fields`` maps a class's field names to
    ``_Field`` records (codec None where Python cannot read in place)."""

    ctype = ctypes.c_void_p

    def __init__(self, context, type_handle, name, is_array):
        super().__init__(name)
        self._context = weakref.ref(context)
        self.type_handle = type_handle
        self.is_array = is_array
        self.element = None
        self.element_type = None
        self.element_handle = None
        self.fields = {}

    def describe(self, context):
        """Fills in the element or field information (once the codec is cached)."""
        lib_ = context._lib
        if self.is_array:
            t = lib_.gjs_type_element(self.type_handle)
            self.element_handle = t
            self.element_type = _text(lib_.gjs_type_name(t))
            if t and lib_.gjs_type_kind(t) in _IN_PLACE:
                self.element = context._type_codec(t)
        else:
            self.fields = {f.name: f for f in _fields(context, self.type_handle)}

    def to_python(self, address):
        handle = ctypes.c_void_p.from_address(address).value
        if not handle:
            return None
        return wrap(self._context(), handle, self)

    def to_c(self, value, what):
        context = self._context()
        if isinstance(value, Object):
            if value._context is not context:
                raise TypeMismatchError("%s: %r belongs to another gjs.Context"
                                        % (what, value))
            if value._codec.type_handle != self.type_handle:
                raise TypeMismatchError("%s: expected %s, got %r" % (what, self.name, value))
            return _ObjectArgument(value, what)
        if self.is_array and _iterable(value):
            items = list(value)
            if items and self.element is None:
                raise TypeMismatchError(
                    "%s: the elements of %s are objects, which cannot be made from Python; "
                    "pass a gjs.Array" % (what, self.name))
            return _ArrayArgument(self, [self.element.to_c(item, "%s[%d]" % (what, i))
                                         for i, item in enumerate(items)])
        if self.is_array:
            raise self.mismatch(value, what, "expected %s (a gjs.Array of that type, or a "
                                             "list or other iterable of its elements)")
        raise self.mismatch(value, what, "expected %s (a gjs.Instance of that class)")

    def write(self, address, value, keep, what):
        raise TypeMismatchError("%s: %s objects do not cross host functions" % (what, self.name))


def object_codec(context, type_handle):
    """The codec of a class or array type; None for a handle ``T?`` (which does not
    cross the C API)."""
    lib_ = context._lib
    name = _text(lib_.gjs_type_name(type_handle))
    if name.endswith("?"):
        return None
    return ObjectCodec(context, type_handle, name,
                       lib_.gjs_type_kind(type_handle) == lib.TYPE_ARRAY)


def _iterable(value):
    if isinstance(value, (str, collections.abc.Mapping, Object, ctypes.Structure)):
        return False
    return isinstance(value, collections.abc.Iterable)


class CallObjects:
    """What the object arguments of one call hold until it returns: the objects
    marked busy (they may not be closed meanwhile) and the temporary arrays built
    from iterables (destroyed afterwards)."""

    def __init__(self, context):
        self.context = context
        self.busy = []
        self.temporaries = []

    def release(self):
        for obj in self.busy:
            object.__setattr__(obj, "_busy", obj._busy - 1)
        del self.busy[:]
        free = self.context._lib.gjs_object_free
        while self.temporaries:
            free(self.temporaries.pop())


class _Pending:
    """An argument that becomes its C value only under the context lock."""

    def build(self, context, ptr, held):
        raise NotImplementedError


class _ObjectArgument(_Pending):
    def __init__(self, obj, what):
        self.obj = obj
        self.what = what

    def build(self, context, ptr, held):
        obj = self.obj
        if obj._ptr is None:
            raise Error("%s: %r is closed" % (self.what, obj))
        object.__setattr__(obj, "_busy", obj._busy + 1)
        held.busy.append(obj)
        return ctypes.c_void_p(obj._ptr)


class _ArrayArgument(_Pending):
    def __init__(self, codec, values):
        self.codec = codec
        self.values = values

    def build(self, context, ptr, held):
        handle = new_array(context, ptr, self.codec)
        held.temporaries.append(handle)
        push = context._lib.gjs_array_push
        for value in self.values:
            status = push(handle, ctypes.byref(value))
            if status != lib.OK:
                raise context._error(ptr, status)
        return ctypes.c_void_p(handle)


def new_array(context, ptr, codec):
    """A new empty array handle of ``codec``'s type (the lock is held)."""
    out = ctypes.c_void_p()
    status = context._lib.gjs_context_new_array(ptr, codec.type_handle, ctypes.byref(out))
    if status != lib.OK:
        raise context._error(ptr, status)
    return out.value


def wrap(context, handle, codec):
    """The ``gjs.Array`` or ``gjs.Instance`` owning ``handle``."""
    return (Array if codec.is_array else Instance)(context, handle, codec)


class Object:
    """A script class instance (``gjs.Instance``) or array (``gjs.Array``) held by
    Python. Made by calls that return one and by ``Module.new_array``.

    The object owns its handle: ``close()`` (or leaving a ``with`` block, or garbage
    collection) destroys the script object as a script would (the destructor runs,
    fields and elements are destroyed). An object keeps its context alive. Once the
    context is closed (which destroys every object still held) using the object
    raises ``gjs.Error``; closing it is always allowed.

    ``type_name`` is the gjs type (``"Enemy"``, ``"array<i32>"``).
    """

    _ptr = None  # so that __del__ works on a half-made object
    _busy = 0

    def __init__(self, context, handle, codec):
        """Made by the wrapper, not directly."""
        init = object.__setattr__
        init(self, "_context", context)
        init(self, "_codec", codec)
        init(self, "_ptr", handle)

    @property
    def type_name(self):
        """The gjs name of the object's type."""
        return self._codec.name

    @property
    def context(self):
        """The ``Context`` the object belongs to."""
        return self._context

    @property
    def closed(self):
        """True once the object was closed or its context was."""
        return self._ptr is None or self._context._ptr is None

    def close(self):
        """Destroys the script object now (idempotent). Output of its destructor
        goes to the context's sinks; an exception of an output callback or a
        ``BaseException`` of a bound callback it reached is raised here.

        Raises ``gjs.Error`` while a call the object was passed to is running."""
        context = self._context
        with context._lock:
            if self._busy:
                raise Error("cannot close %r while a call it was passed to is running" % self)
            ptr = self._ptr
            if ptr is None:
                return
            object.__setattr__(self, "_ptr", None)
            if context._ptr is None or context._closing:
                context._release_object(ptr)
                return
            with context._calling() as (cptr, record):
                context._lib.gjs_object_free(ptr)
                context._finish(cptr, lib.OK, record)

    def __del__(self):
        # Never runs script code in the middle of another operation on the context:
        # the context frees now if it is idle, otherwise when it is.
        try:
            ptr = self._ptr
            if ptr is not None:
                object.__setattr__(self, "_ptr", None)
                self._context._release_object(ptr)
        except BaseException:
            pass

    def __reduce_ex__(self, protocol):
        # A copy would own the same handle twice (copy, deepcopy and pickle land here).
        raise TypeError("gjs.%s objects cannot be copied or pickled (to_list()/to_dict() "
                        "give their values)" % type(self).__name__)

    def __enter__(self):
        """Returns the object; leaving the block closes it."""
        return self

    def __exit__(self, *exc_info):
        """Closes the object."""
        self.close()

    @contextlib.contextmanager
    def _locked(self):
        """Holds the context lock; yields the live context and object pointers."""
        with self._context._locked() as cptr:
            ptr = self._ptr
            if ptr is None:
                raise Error("%r is closed" % self)
            yield cptr, ptr

    def _check(self, cptr, status):
        if status != lib.OK:
            raise self._context._error(cptr, status)

    def _state(self):
        return "closed" if self.closed else "at 0x%x" % self._ptr

    def __repr__(self):
        return "<gjs.%s %s %s>" % (type(self).__name__, self.type_name, self._state())


class Array(Object, collections.abc.Sequence):
    """A script ``array<T>``: a mutable sequence of its elements, converted like
    function arguments and results (``element_type`` names ``T``).

    ``len(a)``, ``a[i]`` (negative indices count from the end; slices give lists),
    ``a[i] = v``, iteration, ``in``, ``index``, ``count``, ``append(v)``,
    ``extend(values)`` and ``to_list()``. Elements are copies: ``a[0].x = 1`` changes
    a copy, ``a[0] = p`` stores. Elements that are themselves objects (arrays of
    classes or arrays) are out of reach: only ``len`` works and the array can be
    passed back to scripts. Passing the array to a script function passes it by
    reference: the script's changes show here.
    """

    @property
    def element_type(self):
        """The gjs name of the element type."""
        return self._codec.element_type

    def _element(self):
        codec = self._codec.element
        if codec is None:
            raise TypeMismatchError(
                "the elements of %s are objects, which Python cannot read or write in place"
                % self.type_name)
        return codec

    def _length(self, cptr, optr):
        n = ctypes.c_size_t()
        self._check(cptr, self._context._lib.gjs_array_length(optr, ctypes.byref(n)))
        return n.value

    def _index(self, index, n):
        i = operator.index(index)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("index %d is out of range for %s of length %d"
                             % (index, self.type_name, n))
        return i

    def _get(self, cptr, optr, codec, i):
        storage = codec.storage()
        self._check(cptr, self._context._lib.gjs_array_get(optr, i, ctypes.byref(storage)))
        # A string is borrowed until the next call: converted at once.
        return codec.to_python(ctypes.addressof(storage))

    def __len__(self):
        with self._locked() as (cptr, optr):
            return self._length(cptr, optr)

    def __getitem__(self, index):
        """The element at ``index`` (an int, negative from the end), or a list for a
        slice. Raises ``IndexError`` out of range."""
        if not isinstance(index, slice):
            try:
                operator.index(index)
            except TypeError:
                raise TypeError("gjs.Array indices must be integers or slices, not %s"
                                % type(index).__name__) from None
        codec = self._element()
        with self._locked() as (cptr, optr):
            n = self._length(cptr, optr)
            if isinstance(index, slice):
                return [self._get(cptr, optr, codec, i) for i in range(*index.indices(n))]
            return self._get(cptr, optr, codec, self._index(index, n))

    def __setitem__(self, index, value):
        """Stores ``value`` (converted like an argument) at ``index``."""
        if isinstance(index, slice):
            raise TypeError("gjs.Array does not support slice assignment")
        try:
            operator.index(index)
        except TypeError:
            raise TypeError("gjs.Array indices must be integers, not %s"
                            % type(index).__name__) from None
        codec = self._element()
        converted = codec.to_c(value, "%s[%s]" % (self.type_name, index))
        with self._locked() as (cptr, optr):
            i = self._index(index, self._length(cptr, optr))
            self._check(cptr, self._context._lib.gjs_array_set(optr, i, ctypes.byref(converted)))

    def append(self, value):
        """Adds ``value`` at the end."""
        self.extend((value,))

    def extend(self, values):
        """Adds every element of the iterable ``values`` at the end; all are
        converted (and type-checked) before the first is added."""
        codec = self._element()
        with self._locked() as (cptr, optr):
            start = self._length(cptr, optr)
        converted = [codec.to_c(v, "%s[%d]" % (self.type_name, start + i))
                     for i, v in enumerate(values)]
        with self._locked() as (cptr, optr):
            push = self._context._lib.gjs_array_push
            for c in converted:
                self._check(cptr, push(optr, ctypes.byref(c)))

    def to_list(self):
        """The elements as a new list."""
        return self[:]

    def __iter__(self):
        # By index, so that a change of length while iterating is harmless.
        i = 0
        while True:
            try:
                value = self[i]
            except IndexError:
                return
            yield value
            i += 1

    def __repr__(self):
        if self.closed:
            return "<gjs.Array %s closed>" % self.type_name
        try:
            return "<gjs.Array %s len=%d>" % (self.type_name, len(self))
        except Error:
            return "<gjs.Array %s>" % self.type_name


class Instance(Object):
    """An instance of a script class. Fields are read and written as attributes
    (``e.hp``, ``e.hp = 3``) or items (``e["hp"]``, which also reaches fields whose
    names ``gjs.Instance`` itself uses, such as ``close``); ``fields`` lists their
    names and ``to_dict()`` reads them all.

    Values convert like function arguments and results: a format field reads as a
    copy (``e.pos.x = 1`` changes the copy; assign ``e.pos = ...``). Assigning a
    ``const`` field raises ``gjs.TypeMismatchError``, as does reading or writing a
    field that holds an object (a class instance or array). An unknown field name
    raises ``gjs.NotFoundError`` (items) or ``AttributeError`` (attributes).
    """

    @property
    def fields(self):
        """The names of the fields, in declaration order."""
        return tuple(self._codec.fields)

    def _field(self, name):
        if not isinstance(name, str):
            raise TypeError("field names are str, not %s" % type(name).__name__)
        field = self._codec.fields.get(name)
        if field is None:
            raise NotFoundError("'%s' has no field %r" % (self.type_name, name))
        return field

    def _reachable(self, field):
        if field.codec is None:
            raise TypeMismatchError(
                "field '%s' of '%s' holds a '%s' object, which Python cannot read or write "
                "in place" % (field.name, self.type_name, field.type_name))
        return field.codec

    def _get_field(self, field):
        codec = self._reachable(field)
        storage = codec.storage()
        with self._locked() as (cptr, optr):
            self._check(cptr, self._context._lib.gjs_object_get(optr, field.name_c,
                                                                ctypes.byref(storage)))
            return codec.to_python(ctypes.addressof(storage))

    def _set_field(self, field, value):
        if field.is_const:
            raise TypeMismatchError("field '%s' of '%s' is const" % (field.name, self.type_name))
        codec = self._reachable(field)
        converted = codec.to_c(value, "%s.%s" % (self.type_name, field.name))
        with self._locked() as (cptr, optr):
            self._check(cptr, self._context._lib.gjs_object_set(optr, field.name_c,
                                                                ctypes.byref(converted)))

    def __getitem__(self, name):
        """The value of field ``name``."""
        return self._get_field(self._field(name))

    def __setitem__(self, name, value):
        """Stores ``value`` in field ``name``."""
        self._set_field(self._field(name), value)

    def __getattr__(self, name):
        # Only called for names that are not attributes of the wrapper itself.
        if not name.startswith("_"):
            field = self._codec.fields.get(name)
            if field is not None:
                return self._get_field(field)
        raise AttributeError("'%s' object (gjs.Instance) has no field %r"
                             % (self.type_name, name))

    def __setattr__(self, name, value):
        field = self._codec.fields.get(name)
        if field is None or hasattr(type(self), name):
            raise AttributeError(
                "'%s' object (gjs.Instance) has no field %r%s" % (
                    self.type_name, name, "" if field is None else
                    " settable as an attribute; use obj[%r] = value" % name))
        self._set_field(field, value)

    def __dir__(self):
        return sorted(set(super().__dir__()) | {
            n for n in self._codec.fields if n.isidentifier()})

    def to_dict(self):
        """The fields Python can read, as ``{name: value}`` (fields holding objects
        are left out)."""
        return {f.name: self._get_field(f) for f in self._codec.fields.values()
                if f.codec is not None}

    def __repr__(self):
        return "<gjs.Instance %s %s>" % (self.type_name, self._state())
