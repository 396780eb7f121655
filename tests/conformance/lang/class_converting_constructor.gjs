// expect: made 5.0
// expect: a=5.0
// expect: made 3.0
// expect: twice=6.0
// expect: gone 3.0
// expect: made 7.0
// expect: gone 7.0
// expect: a=7.0
// expect: gone 7.0
// note: spec 3.8 (kind 4): a value converts to a class through a one-parameter constructor;
// note: initialising constructs in place, an argument or assigned value is a temporary of its
// note: full expression; the module object dies when the context is freed.
class Meters {
    constructor(f64 v) { this.v = v; print('made ' + this.v.toFixed(1)); }
    destructor() { print('gone ' + this.v.toFixed(1)); }
    f64 v;
};
f64 twice(Meters m) { return m.v * 2.0; }
Meters a = 5;
print('a=' + a.v.toFixed(1));
print('twice=' + twice(3).toFixed(1));
a = 7;
print('a=' + a.v.toFixed(1));
