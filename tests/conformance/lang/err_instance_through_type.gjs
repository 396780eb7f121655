// expect-compile-error: an instance method called through the type (E0214)
// expect-error-line: 8
// note: spec 3.4: instance members need an object.
class P {
    i32 get() { return 1; }
};
print('x');
i32 v = P.get(); // <- error
