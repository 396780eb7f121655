// expect-compile-error: 'return' in module top-level code (E0406)
// expect-error-line: 10
// note: spec 5.5: return in top-level code is E0406; nothing runs, not even the print before it.
print('must not be printed');
i32 n = 1;
i32 one() {
    return 1;
}
if (n > 0) {
    return; // <- error
}
print('after' + one());
