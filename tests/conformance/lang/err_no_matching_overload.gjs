// expect-compile-error: no overload accepts a string argument (E0305)
// expect-error-line: 13
// note: spec 3.10 / 3.8: string does not convert to i32 or f64, so no candidate is viable; the error
// note: is reported at the call.
i32 twice(i32 v) {
    return v * 2;
}
f64 twice(f64 v) {
    return v * 2.0;
}
print('' + twice(4));
print(twice(1.5).toFixed(1));
print('' + twice('seven')); // <- error
