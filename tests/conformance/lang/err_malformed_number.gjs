// expect-compile-error: malformed number literal 12ab (E0006)
// expect-error-line: 8
// note: spec 2.3: a number followed by letters that are not a valid suffix is E0006.
print('must not be printed');
i32 ab = 1;
f32 suffixed = 12f;
f64 exponent = 12e3;
i32 n = 12ab; // <- error
print('' + suffixed + exponent);
print('' + n + ab);
