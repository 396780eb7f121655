// expect: open 4
// expect: value=44
// expect: close 4
// expect: open 5
// expect: close 5
// expect: direct=55
// expect: end
// note: spec 5.7: a 'new' object whose handle is not stored in a T? place is an unnamed heap
// note: object destroyed at the end of its full expression, so it cannot leak.
class Res {
    constructor(i32 id) {
        this.id = id;
        print('open ' + this.id);
    }
    destructor() { print('close ' + this.id); }
    i32 value() { return this.id * 11; }
    i32 id;
};
i32 useIt(Res q) {
    return q.value();
}
print('value=' + useIt(new Res(4)));
i32 d = new Res(5).value();
print('direct=' + d);
print('end');
