// expect: part ctor
// expect: part ctor
// expect: whole ctor
// expect: body 12
// expect: whole dtor
// expect: part dtor 2
// expect: part dtor 1
// expect: done
// note: spec 5.8: class fields are default-constructed in declaration order before the
// note: constructor body; destruction runs the destructor, then the fields in reverse order.
class Part {
    constructor() {
        this.id = 0;
        print('part ctor');
    }
    destructor() { print('part dtor ' + this.id); }
    i32 id;
};
class Whole {
    constructor() {
        print('whole ctor');
        this.a.id = 1;
        this.b.id = 2;
    }
    destructor() { print('whole dtor'); }
    Part a;
    Part b;
};
void f() {
    Whole w;
    print('body ' + w.a.id + w.b.id);
}
f();
print('done');
