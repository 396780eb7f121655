// expect-compile-error: assigning an object whose class has a const field (E0303)
// expect-error-line: 10
// note: spec 3.4: a class with a const field and no operator = cannot be assigned (copying it
// note: into a new variable is fine).
class K {
    constructor(i32 v) { this.id = v; }
    const i32 id;
};
K a = K(1);
a = K(2); // <- error
