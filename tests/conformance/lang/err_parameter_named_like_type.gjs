// expect-compile-error: a parameter named like a type (E0206)
// expect-error-line: 7
// note: spec 5.3: type names cannot name variables, parameters or functions.
f64 third(f64 v) {
    return v / 3.0;
}
f64 half(f64 f32) { // <- error
    return f32 / 2.0;
}
print(half(3.0).toFixed(1) + third(3.0).toFixed(1));
