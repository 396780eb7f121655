"""Host types declared from Python: value types backed by a ``ctypes.Structure``
subclass, and handle types that carry Python objects to scripts and back.

``Context.value_type`` and ``Context.handle_type`` make them; ``ValueType`` and
``HandleType`` are what they return. The conversions themselves live in ``_values``
(``ValueCodec``, ``HandleCodec``); this module checks a Structure against a value
type's declaration.
"""

import ctypes

from . import _values

# gjs primitive -> (ctypes type codes of the same kind, size). ctypes aliases types of
# equal size (c_int64 is c_long on LP64), so the code and the size are compared,
# never the class.
_PRIMITIVE_FIELDS = {
    "bool": ("?", 1),
    "i8": ("bhilq", 1), "i16": ("bhilq", 2), "i32": ("bhilq", 4), "i64": ("bhilq", 8),
    "u8": ("BHILQ", 1), "u16": ("BHILQ", 2), "u32": ("BHILQ", 4), "u64": ("BHILQ", 8),
    "f32": ("fd", 4), "f64": ("fd", 8),
}

# What to write in _fields_ for each gjs primitive (for messages).
_SUGGESTED = {
    "bool": "c_bool", "i8": "c_int8", "i16": "c_int16", "i32": "c_int32", "i64": "c_int64",
    "u8": "c_uint8", "u16": "c_uint16", "u32": "c_uint32", "u64": "c_uint64",
    "f32": "c_float", "f64": "c_double",
}

_POINTER_SIZE = ctypes.sizeof(ctypes.c_void_p)


def structure_fields(structure):
    """Every ``_fields_`` entry of ``structure``, base classes' first."""
    fields = []
    for klass in reversed(structure.__mro__):
        fields.extend(klass.__dict__.get("_fields_", ()))
    return fields


def _type_code(ctype):
    code = getattr(ctype, "_type_", None)
    return code if isinstance(code, str) else None


def _field_rule(type_name, resolve):
    """``(size, alignment, accepts(ctype), wanted)`` for a field of gjs type
    ``type_name``, or None for a type this check does not know."""
    if type_name in _PRIMITIVE_FIELDS:
        codes, size = _PRIMITIVE_FIELDS[type_name]

        def accepts(ctype):
            code = _type_code(ctype)
            return code is not None and code in codes and ctypes.sizeof(ctype) == size

        return size, size, accepts, _SUGGESTED[type_name]
    codec = resolve(type_name)
    if isinstance(codec, _values.ValueCodec):  # a value type declared before
        def accepts(ctype):
            return (issubclass(ctype, ctypes.Structure)
                    and ctypes.sizeof(ctype) == codec.size
                    and ctypes.alignment(ctype) == codec.alignment)

        return codec.size, codec.alignment, accepts, codec.ctype.__name__
    if not isinstance(codec, _values.HandleCodec):
        return None  # string or unknown: libgjs explains

    def accepts(ctype):  # a handle type: the field holds the token
        code = _type_code(ctype)
        return code is not None and (code == "P" or code in "BHILQ") \
            and ctypes.sizeof(ctype) == _POINTER_SIZE

    return _POINTER_SIZE, _POINTER_SIZE, accepts, "c_void_p"


def layout_mismatch(structure, type_name, fields, resolve):
    """Why ``structure`` cannot hold the value type ``type_name`` declared with
    ``fields`` (``[(gjs type, name), ...]``), as a message; None when it matches, or
    when a field's type is unknown here (libgjs judges the declaration then).
    ``resolve(name)`` gives the codec of a host type of the same module, or None."""
    rules = []
    for field_type, _name in fields:
        rule = _field_rule(field_type, resolve)
        if rule is None:
            return None
        rules.append(rule)
    actual = structure_fields(structure)
    if len(actual) != len(fields):
        return "%s has %d field%s but %s declares %d" % (
            structure.__name__, len(actual), "" if len(actual) == 1 else "s", type_name,
            len(fields))
    offset = 0
    for i, (entry, (field_type, field_name), rule) in enumerate(zip(actual, fields, rules)):
        size, align, accepts, wanted = rule
        where = "field %d (%s.%s)" % (i + 1, structure.__name__, entry[0])
        if len(entry) != 2:
            return "%s is a bit field" % where
        ctype = entry[1]
        if not (isinstance(ctype, type) and accepts(ctype)):
            return "%s is %s; '%s %s' needs %s" % (
                where, getattr(ctype, "__name__", repr(ctype)), field_type, field_name, wanted)
        offset = (offset + align - 1) // align * align
        actual_offset = getattr(structure, entry[0]).offset
        if actual_offset != offset:
            return "%s is at offset %d, the C layout puts '%s' at %d (is _pack_ set?)" % (
                where, actual_offset, field_name, offset)
        offset += size
    return None


class HostType:
    """A host type declared in a ``Context``: ``name``, ``module`` (the host module
    scripts import it from), ``size`` and ``alignment`` (of its C representation).
    Keeps its context alive. ``method`` and ``property`` bind members like
    ``Context.method``/``Context.property`` with the module and type filled in."""

    kind = None

    def __init__(self, context, codec):
        """Made by ``Context.value_type``/``handle_type``/``host_type``, not directly."""
        self._context = context
        self._codec = codec
        self.name = codec.name
        self.module = codec.module
        self.size = codec.size
        self.alignment = codec.alignment

    @property
    def context(self):
        """The ``Context`` the type belongs to."""
        return self._context

    def method(self, decl, func=None):
        """``Context.method(self.module, self.name, decl, func)``."""
        return self._context.method(self.module, self.name, decl, func)

    def __eq__(self, other):
        return isinstance(other, HostType) and other._codec is self._codec

    def __hash__(self):
        return id(self._codec)

    def __repr__(self):
        return "<gjs.%s %s.%s>" % (type(self).__name__, self.module, self.name)

    # Last in the class body: from here on, `property` names this method.
    def property(self, decl, getter=None, setter=None):
        """``Context.property(self.module, self.name, decl, getter, setter)``."""
        return self._context.property(self.module, self.name, decl, getter, setter)


class ValueType(HostType):
    """A host value type (``Context.value_type``); ``structure`` is the
    ``ctypes.Structure`` subclass its values convert to and from."""

    kind = "value"

    def __init__(self, context, codec):
        """Made by ``Context.value_type``/``host_type``, not directly."""
        super().__init__(context, codec)
        self.structure = codec.ctype


class HandleType(HostType):
    """A host handle type (``Context.handle_type``). ``cls`` is the class (or tuple of
    classes) objects must be instances of, or None for any object.

    Every object passed to a script is held by the type until ``release`` or until the
    context closes, so scripts never hold a dangling handle: after ``release``, a
    handle a script still has raises an error where it is used (a script ``Error`` in
    a member or host function, ``gjs.NotFoundError`` for a result in Python).
    """

    kind = "handle"

    def __init__(self, context, codec):
        """Made by ``Context.handle_type``/``host_type``, not directly."""
        super().__init__(context, codec)
        self.cls = codec.cls

    def release(self, obj):
        """Stops holding ``obj``; True if it was held. Handles scripts still have to
        it stop working (see the class docstring); passing ``obj`` again gives it a
        new handle."""
        return self._codec.release(obj)

    def objects(self):
        """The objects held, in the order they were first passed to a script."""
        return self._codec.objects()

    def token(self, obj):
        """The token ``obj`` crosses as (registering it; None for None): what a field
        of this type in a value type's Structure holds."""
        return self._codec.token(obj, "%s.token()" % self.name)

    def object(self, token):
        """The object behind ``token`` (None for 0 or None); ``gjs.NotFoundError`` if
        it was released."""
        return self._codec.object(token)
