// expect: ~ok
// expect: caught push 1
// expect: caught insert 1
// expect: caught resize 2
// expect: ~ok++
// expect: ~ok++
// expect: caught copy 1 2
// expect: ok+ ok+++
// expect: end
// expect: ~ok+++
// expect: ~bad
// expect: ~bad
// expect: ~ok+
// note: spec 5.8, 6.4: an element whose construction raises (a copy constructor for push,
// note: insert and array copies, the default constructor for resize) is not added: the
// note: array keeps its length and never destroys a half-built element; a partial copy
// note: of a whole array is destroyed and the target keeps its old elements. (b.push(a[0])
// note: copies the element aside first, as it may move: ok++, then ok+++ in b.)
bool failing = false;
class C {
    constructor() { if (failing) throw Error('default'); this.s = 'ok'; }
    constructor(string s) { this.s = s; }
    constructor(C o) { if (o.s == 'bad') throw Error('copy'); this.s = o.s + '+'; }
    destructor() { print('~' + this.s); }
    string s;
};
void run() {
    array<C> a;
    a.push(C('ok'));
    C bad = C('bad');
    try { a.push(bad); } catch (Error e) { print('caught push ' + a.length); }
    try { a.insert(u32(0), bad); } catch (Error e) { print('caught insert ' + a.length); }
    failing = true;
    a.resize(u32(1));
    failing = false;
    a.resize(u32(2));
    failing = true;
    try { a.resize(u32(4)); } catch (Error e) { print('caught resize ' + a.length); }
    failing = false;
    a[1].s = 'bad';
    array<C> b;
    b.push(a[0]);
    try { b = a; } catch (Error e) { print('caught copy ' + b.length + ' ' + a.length); }
    print(a[0].s + ' ' + b[0].s);
    print('end');
}
run();
