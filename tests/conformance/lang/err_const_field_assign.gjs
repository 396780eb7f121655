// expect-compile-error: a const field assigned outside a constructor (E0303)
// expect-error-line: 6
// note: spec 3.4: const fields may be assigned only in the class's constructors.
class P {
    constructor(i32 v) { this.id = v; }
    void reset() { this.id = 0; } // <- error
    const i32 id;
};
