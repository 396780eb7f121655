// expect-compile-error: a format field that is not a primitive or a format (E0315)
// expect-error-line: 5
// note: spec 3.5: formats hold plain data only, so a host struct matches them byte for byte.
format Ok { i32 a, f64 b };
format Bad { i32 n, string s }; // <- error
