// expect-compile-error: 'T x;' needs a constructor without parameters (E0307)
// expect-error-line: 8
// note: spec 3.4: a class with constructors needs one without parameters for 'T x;'.
class P {
    constructor(i32 v) { this.v = v; }
    i32 v;
};
P p; // <- error
