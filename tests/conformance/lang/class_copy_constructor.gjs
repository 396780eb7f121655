// expect: copy 1
// expect: b 1 copies=1
// expect: copy 2
// expect: c 2 copies=1
// expect: assign 2
// expect: b 20
// expect: copy 1
// expect: elem copies=1
// note: spec 3.4: initialising from another object uses the copy constructor (also for a
// note: returned local and a pushed element); assignment uses a matching operator =.
class Tracked {
    constructor(i32 id) { this.id = id; this.copies = 0; }
    constructor(Tracked other) { this.id = other.id; this.copies = other.copies + 1; print('copy ' + this.id); }
    void operator = (Tracked other) { this.id = other.id * 10; print('assign ' + other.id); }
    i32 id;
    i32 copies;
};
Tracked make(i32 id) { Tracked t = Tracked(id); return t; }
Tracked a = Tracked(1);
Tracked b = a;
print('b ' + b.id + ' copies=' + b.copies);
Tracked c = make(2);
print('c ' + c.id + ' copies=' + c.copies);
b = c;
print('b ' + b.id);
array<Tracked> all;
all.push(a);
print('elem copies=' + all[0].copies);
