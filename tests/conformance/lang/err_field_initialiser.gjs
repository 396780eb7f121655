// expect-compile-error: only static fields may have an initialiser (E0109)
// expect-error-line: 5
// note: spec 3.4: instance fields start zero (or default-constructed); only statics take '= expr'.
class P {
    i32 v = 3; // <- error
};
