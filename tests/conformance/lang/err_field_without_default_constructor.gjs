// expect-compile-error: a field whose class has no constructor without parameters (E0307)
// expect-error-line: 9
// note: spec 3.4: a field of class type is default-constructed with its object.
class Engine {
    constructor(i32 power) { this.power = power; }
    i32 power;
};
class Car {
    Engine engine; // <- error
};
