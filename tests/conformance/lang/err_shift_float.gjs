// expect-compile-error: shift of a float (E0301)
// expect-error-line: 9
// note: spec 4.3: floating operands of << and >> are E0301.
print('must not be printed');
i32 n = 2;
f64 v = 2.0;
print('' + (n << 1));
print('' + (v * 2.0));
print('' + (v << 1)); // <- error
print('' + (n >> 1));
