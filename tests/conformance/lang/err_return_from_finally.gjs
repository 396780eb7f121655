// expect-compile-error: return cannot leave a finally block (E0405)
// expect-error-line: 4
i32 f() {
    try { return 1; } finally { return 2; } // <- error
}
