// expect-compile-error: ambiguous call: each candidate converts one argument (E0306)
// expect-error-line: 10
// note: spec 3.10: for g(1, 1) g(i32, f64) is exact on the first argument and g(f64, i32) on the
// note: second; neither is at least as good on every argument, so the call is ambiguous.
void g(i32 a, f64 b) { print('first'); }
void g(f64 a, i32 b) { print('second'); }
print('must not be printed');
g(1, 2.0);
g(1.0, 2);
g(1, 1); // <- error
