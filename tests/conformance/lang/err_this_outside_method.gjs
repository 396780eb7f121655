// expect-compile-error: 'this' outside a constructor, destructor or method (E0215)
// expect-error-line: 7
// note: spec 3.4: 'this' exists only in constructors, the destructor and instance methods.
class P {
    i32 x;
};
i32 f() { return this.x; } // <- error
