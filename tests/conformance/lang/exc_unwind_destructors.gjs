// expect: ctor 1
// expect: ctor 2
// expect: ctor 3
// expect: dtor 3
// expect: dtor 2
// expect: dtor 1
// expect: caught too deep 3
// expect: after
// note: spec 6.4: frames are unwound one by one, destroying their objects in reverse order.
class Noisy {
    constructor(i32 id) { this.id = id; print('ctor ' + this.id); }
    destructor() { print('dtor ' + this.id); }
    i32 id;
};
class TooDeep { constructor(i32 n) { this.n = n; } i32 n; };
void dive(i32 n) {
    Noisy here = Noisy(n);
    string label = 'level ' + n;
    if (n == 3) throw TooDeep(n);
    dive(n + 1);
    print('never');
}
try { dive(1); } catch (TooDeep t) { print('caught too deep ' + t.n); }
print('after');
