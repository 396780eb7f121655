"""Helpers shared by the tests."""

import unittest

import gjs


class ContextTestCase(unittest.TestCase):
    """Gives each test a fresh context whose print output is captured in
    ``self.out`` (bytes) and console.warn/error output in ``self.err``."""

    context_args = {}

    def setUp(self):
        self.ctx = gjs.Context(**self.context_args)
        self.addCleanup(self.ctx.close)
        self._out, self._err = [], []
        self.ctx.set_output(self._out.append)
        self.ctx.set_error_output(self._err.append)

    @property
    def out(self):
        return b"".join(self._out)

    @property
    def err(self):
        return b"".join(self._err)

    def module(self, source, name="test"):
        """Compiles ``source`` as module ``name`` and runs its top-level code."""
        mod = self.ctx.add_code(name, source)
        mod.init()
        return mod
