// expect-compile-error: a static member used through an object (E0214)
// expect-error-line: 9
// note: spec 3.4: static members are reached as Type.name, never through an object.
class P {
    static i32 count;
    i32 x;
};
P p;
p.count = 1; // <- error
