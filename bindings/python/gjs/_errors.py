"""The exceptions raised by the gjs package, and the records they carry."""

import builtins
import collections
import re

from . import _library as lib


class Diagnostic(collections.namedtuple(
        "Diagnostic", "severity code message module line column")):
    """One compile diagnostic.

    ``severity`` is ``"error"`` or ``"note"``, ``code`` a stable code such as
    ``"E0300"``, ``module`` the module the position is in, ``line`` and ``column``
    1-based (the column counts bytes).
    """

    __slots__ = ()

    def __str__(self):
        return "%s:%d:%d: %s[%s]: %s" % (self.module, self.line, self.column,
                                         self.severity, self.code, self.message)


class Frame(collections.namedtuple("Frame", "module function line column")):
    """One backtrace frame of a runtime error, innermost first.

    ``line`` is 0 for a frame without a source position (such as a host function).
    """

    __slots__ = ()

    def __str__(self):
        if self.line == 0:
            return self.function
        return "%s:%d:%d in %s" % (self.module, self.line, self.column, self.function)


class Error(Exception):
    """Base class of every gjs error.

    ``status`` is the C status code (see ``gjs.STATUS_*``) or None for errors found
    by the wrapper itself that have no status of their own; ``message`` is the text.
    """

    default_status = None

    def __init__(self, message, status=None):
        """``status`` defaults to the class's own status code."""
        super().__init__(message)
        self.message = message
        self.status = self.default_status if status is None else status

    def __str__(self):
        return self.message


class LibraryNotFoundError(Error, OSError):
    """libgjs could not be found or loaded (see ``gjs.library_path``)."""


class CompileError(Error):
    """A module did not compile. ``diagnostics`` lists every ``Diagnostic``."""

    default_status = lib.COMPILE_ERROR

    def __init__(self, message, diagnostics=(), status=None):
        """``diagnostics`` is a sequence of ``Diagnostic``."""
        super().__init__(message, status)
        self.diagnostics = list(diagnostics)


class InvalidArgumentError(Error, builtins.ValueError):
    """A bad argument to the API: a name or source with a NUL byte, a declaration
    that does not parse (then ``diagnostics`` says why), a size out of range."""

    default_status = lib.INVALID_ARGUMENT

    def __init__(self, message, diagnostics=(), status=None):
        """``diagnostics`` is a sequence of ``Diagnostic``."""
        super().__init__(message, status)
        self.diagnostics = list(diagnostics)


class TypeMismatchError(Error, builtins.TypeError):
    """A value does not fit the declared gjs type (wrong Python type, integer out of
    range, wrong argument count), or a function has a type Python cannot pass."""

    default_status = lib.TYPE_MISMATCH


class NotFoundError(Error, builtins.LookupError):
    """No such module, function or file."""

    default_status = lib.NOT_FOUND


class IOError(Error):
    """A source file exists but could not be read."""

    default_status = lib.IO_ERROR


class InternalError(Error):
    """A bug inside libgjs (a caught panic); the context stays usable."""

    default_status = lib.INTERNAL_ERROR


# The first line of a rendered uncaught exception: "uncaught Error: MESSAGE (code 3)".
_HEADLINE = re.compile(r"\Auncaught (\S+): (.*) \(code (\d+)\)\Z", re.DOTALL)


class RuntimeError(Error):
    """A script call ended with an uncaught exception or a fault.

    ``message`` (and ``str()``) is the full report with location and backtrace;
    ``backtrace`` lists ``Frame`` records, innermost first; ``error_type``,
    ``error_message`` and ``code`` are the thrown class name, its bare message and
    its code (None when the report is not an uncaught exception, e.g. an interrupt).
    When a Python exception raised in a bound callback ended the call, it is
    ``__cause__``.
    """

    default_status = lib.RUNTIME_ERROR

    def __init__(self, message, backtrace=(), status=None):
        """``message`` is the rendered report, ``backtrace`` a sequence of ``Frame``."""
        super().__init__(message, status)
        self.backtrace = list(backtrace)
        self.error_type = self.error_message = self.code = None
        # The report is the headline followed by one line per frame.
        lines = message.split("\n")
        headline = "\n".join(lines[:len(lines) - len(self.backtrace)] or lines)
        match = _HEADLINE.match(headline)
        if match:
            self.error_type = match.group(1)
            self.error_message = match.group(2)
            self.code = int(match.group(3))


class OutOfMemoryError(RuntimeError):
    """The script exceeded the context's memory cap."""

    default_status = lib.OUT_OF_MEMORY


class StackOverflowError(RuntimeError):
    """The script exceeded the context's stack."""

    default_status = lib.STACK_OVERFLOW


class InterruptedError(RuntimeError):
    """The step budget ran out or ``Context.interrupt`` stopped the script."""

    default_status = lib.INTERRUPTED


_BY_STATUS = {
    lib.COMPILE_ERROR: CompileError,
    lib.INVALID_ARGUMENT: InvalidArgumentError,
    lib.RUNTIME_ERROR: RuntimeError,
    lib.OUT_OF_MEMORY: OutOfMemoryError,
    lib.STACK_OVERFLOW: StackOverflowError,
    lib.INTERRUPTED: InterruptedError,
    lib.TYPE_MISMATCH: TypeMismatchError,
    lib.NOT_FOUND: NotFoundError,
    lib.IO_ERROR: IOError,
    lib.INTERNAL_ERROR: InternalError,
}


def error_class(status):
    """The exception class for a C status code (``Error`` for unknown codes)."""
    return _BY_STATUS.get(status, Error)
