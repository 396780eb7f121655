// expect: 6
// expect: 6 7
// expect: 6 6
// note: spec 4.11: ++/-- on an object call its operator ++/--; the postfix form yields a copy
// note: taken before the call.
class Counter {
    constructor(i32 v) { this.v = v; }
    Counter operator ++ () { this.v += 1; return this; }
    Counter operator -- () { this.v -= 1; return this; }
    i32 v;
};
Counter c = Counter(5);
++c;
print('' + c.v);
Counter old = c++;
print('' + old.v + ' ' + c.v);
print('' + (--c).v + ' ' + c.v);
