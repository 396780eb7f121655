// expect: ctor 1
// expect: ctor 2
// expect: ctor 3
// expect: end of init
// expect: dtor 3
// expect: dtor 2
// expect: dtor 1
// note: spec 5.8: module objects (globals and static fields) are destroyed when the context is
// note: freed, in reverse order of construction.
class Noisy {
    constructor(i32 id) { this.id = id; print('ctor ' + this.id); }
    destructor() { print('dtor ' + this.id); }
    i32 id;
};
Noisy a = Noisy(1);
class Holder {
    static Noisy kept = Noisy(2);
};
Noisy b = Noisy(3);
print('end of init');
