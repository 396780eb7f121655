"""A reader for function declarations such as ``"f32 lerp(f32 a, f32 b, f32 t)"``.

libgjs parses declarations itself and is the judge of their validity; the wrapper
reads them only to learn the types a bound Python callback converts (the C API does
not hand back a function for a global binding) and parameter names for messages.
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


def parse(text):
    """The ``Declaration`` of ``text``, or None if it is not a plain
    ``TYPE NAME(TYPE [NAME], ...)`` declaration."""
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
    # TYPE NAME ( ... )
    if len(tokens) < 4 or tokens[2] != "(" or tokens[-1] != ")":
        return None
    if not (_is_ident(tokens[0]) and _is_ident(tokens[1])):
        return None
    inner = tokens[3:-1]
    arg_types, arg_names = [], []
    if inner:
        inner.append(",")
        param = []
        for token in inner:
            if token != ",":
                param.append(token)
                continue
            if not 1 <= len(param) <= 2 or not all(_is_ident(t) for t in param):
                return None
            arg_types.append(param[0])
            arg_names.append(param[1] if len(param) == 2 else None)
            param = []
    return Declaration(tokens[0], tokens[1], arg_types, arg_names)


def _is_ident(token):
    return token[0].isalpha() or token[0] == "_"
