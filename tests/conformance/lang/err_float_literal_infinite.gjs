// expect-compile-error: float literal that rounds to infinity (E0006)
// expect-error-line: 7
// note: spec 2.3: a float literal whose nearest value is infinite is E0006 (1e400 is beyond f64).
print('must not be printed');
f64 fine = 1e300;
f64 tiny = 1e-300;
f64 huge = 1e400; // <- error
print('' + fine + huge + tiny);
f32 f32max = 3.4028234e38f;
print('' + f32max);
