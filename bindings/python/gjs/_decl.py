"""A reader for declarations: functions such as ``"f32 lerp(f32 a, f32 b, f32 t)"``,
members of host types (``"static vec3 zero()"``, ``"vec3 operator+(vec3 o)"``),
properties (``"i32 health"``) and value types (``"vec3 { f32 x, f32 y, f32 z }"``).

libgjs parses declarations itself and is the judge of their validity; the wrapper
reads them only to learn the types a bound Python callback converts (the C API does
not hand back a function for a global binding or a member), the fields it checks a
``ctypes.Structure`` against, and parameter names for messages.
"""

import re

_TOKEN = re.compile(r"\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\S))")


class Declaration:
    """``return_type``, ``name``, ``arg_types`` and ``arg_names`` (None where a
    parameter has no name) of a function declaration."""

    def __init__(self, return_type, name, arg_types, arg_names):
        self.return_type = return_type
        self.name = name
        self.arg_types = arg_types
        self.arg_names = arg_names


class Member(Declaration):
    """A member of a host type: a ``Declaration`` plus ``role``, one of
    ``"constructor"``, ``"destructor"``, ``"method"``, ``"static"``, ``"operator"``
    and ``"conversion"`` (``"operator f64()"``). ``name`` is ``"constructor"``,
    ``"destructor"``, the method's name, or the operator as written
    (``"operator+"``, ``"operator[]"``, ``"operator f64"``)."""

    def __init__(self, role, return_type, name, arg_types, arg_names):
        super().__init__(return_type, name, arg_types, arg_names)
        self.role = role


def _tokens(text):
    tokens = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            break
        tokens.append(match.group(1) or match.group(2))
        pos = match.end()
    if tokens and tokens[-1] == ";":
        tokens.pop()
    return tokens


def _type(tokens, i):
    """``(type name, next index)`` of the type starting at ``tokens[i]`` (``i32``,
    ``array<Point>``, ``Node?``), or None."""
    if i >= len(tokens) or not _is_ident(tokens[i]):
        return None
    name, i = tokens[i], i + 1
    if i < len(tokens) and tokens[i] == "<":
        args = []
        i += 1
        while True:
            arg = _type(tokens, i)
            if arg is None:
                return None
            args.append(arg[0])
            i = arg[1]
            if i < len(tokens) and tokens[i] == ",":
                i += 1
            elif i < len(tokens) and tokens[i] == ">":
                i += 1
                break
            else:
                return None
        name += "<%s>" % ", ".join(args)
    if i < len(tokens) and tokens[i] == "?":
        name, i = name + "?", i + 1
    return name, i


def _params(inner):
    """The types and names of a parameter list's tokens, or None."""
    arg_types, arg_names = [], []
    i = 0
    while i < len(inner):
        parsed = _type(inner, i)
        if parsed is None:
            return None
        type_name, i = parsed
        name = None
        if i < len(inner) and inner[i] != ",":
            if not _is_ident(inner[i]):
                return None
            name, i = inner[i], i + 1
        arg_types.append(type_name)
        arg_names.append(name)
        if i < len(inner):
            if inner[i] != "," or i + 1 == len(inner):
                return None
            i += 1
    return arg_types, arg_names


def parse(text):
    """The ``Declaration`` of ``text``, or None if it is not a plain
    ``TYPE NAME(TYPE [NAME], ...)`` declaration (types may be generic, such as
    ``array<i32>``, or handles, ``Node?``)."""
    tokens = _tokens(text)
    parsed = _type(tokens, 0)
    if parsed is None:
        return None
    return_type, i = parsed
    # TYPE NAME ( ... )
    if (len(tokens) < i + 3 or not _is_ident(tokens[i]) or tokens[i + 1] != "("
            or tokens[-1] != ")"):
        return None
    params = _params(tokens[i + 2:-1])
    if params is None:
        return None
    return Declaration(return_type, tokens[i], *params)


def parse_member(text):
    """The ``Member`` declared by ``text`` (a class member without its body:
    ``"constructor(f32 x)"``, ``"destructor()"``, ``"[static] TYPE NAME(...)"``,
    ``"TYPE operatorOP(...)"``, ``"operator TYPE()"``), or None."""
    tokens = _tokens(text)
    if len(tokens) < 3 or tokens[-1] != ")" or "(" not in tokens:
        return None
    # Parameters hold no parentheses: the list starts at the last '('.
    lparen = len(tokens) - 1 - tokens[::-1].index("(")
    head, params = tokens[:lparen], _params(tokens[lparen + 1:-1])
    if params is None or not head:
        return None
    if head in (["constructor"], ["destructor"]):
        return Member(head[0], "void", head[0], *params)
    role = "method"
    if head[0] == "static":
        role, head = "static", head[1:]
    if len(head) == 2 and head[0] == "operator" and role == "method":
        if not _is_ident(head[1]):
            return None
        return Member("conversion", head[1], "operator " + head[1], *params)
    if len(head) < 2 or not _is_ident(head[0]) or head[0] == "operator":
        return None
    if head[1] == "operator":
        if len(head) < 3 or any(_is_ident(t) for t in head[2:]):
            return None
        return Member("operator" if role == "method" else role, head[0],
                      "".join(head[1:]), *params)
    if len(head) != 2 or not _is_ident(head[1]):
        return None
    return Member(role, head[0], head[1], *params)


def parse_property(text):
    """``(type, name)`` of a property declaration ``"TYPE NAME"``, or None."""
    tokens = _tokens(text)
    if len(tokens) != 2 or not all(_is_ident(t) for t in tokens):
        return None
    return tokens[0], tokens[1]


def parse_value_type(text):
    """``(name, [(field_type, field_name), ...])`` of a value type declaration
    ``"NAME { TYPE FIELD, ... }"``, or None."""
    tokens = _tokens(text)
    if len(tokens) < 3 or not _is_ident(tokens[0]) or tokens[1] != "{" or tokens[-1] != "}":
        return None
    inner = tokens[2:-1]
    if inner and inner[-1] == ",":
        inner.pop()
    params = _params(inner)
    if params is None or None in params[1]:
        return None
    return tokens[0], list(zip(*params))


def _is_ident(token):
    return token[0].isalpha() or token[0] == "_"
