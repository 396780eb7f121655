// expect-compile-error: only class values can be thrown (E0320)
// expect-error-line: 3
throw 42; // <- error
