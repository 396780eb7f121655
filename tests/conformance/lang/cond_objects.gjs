// expect: d 101 n1+copy
// expect: e 6 n6
// expect: tag n7
// expect: drop n7
// expect: null
// expect: m 9
// expect: drop n9
// expect: 23
// expect: f n2
// expect: drop n6
// expect: drop n1+copy
// expect: drop n2
// expect: drop n1
// note: spec 4.4: '?:' of two objects of one class has that class; of a handle and null,
// note: the handle type. A declaration initialised from it copies the chosen variable
// note: once, or builds the chosen construction straight in (spec 5.8); a temporary
// note: built for a member access dies at the end of the full expression.
class N {
    i32 v;
    string tag;
    constructor(i32 v) { this.v = v; this.tag = 'n' + v; }
    constructor(N o) { this.v = o.v + 100; this.tag = o.tag + '+copy'; }
    destructor() { print('drop ' + this.tag); }
}
N a = N(1);
N b = N(2);
bool c = true;
N d = c ? a : b;
print('d ' + d.v + ' ' + d.tag);
N e = !c ? N(5) : N(6);
print('e ' + e.v + ' ' + e.tag);
print('tag ' + (c ? N(7) : b).tag);
N? h = new N(9);
N? k = c ? null : h;
print(k == null ? 'null' : 'set');
N? m = c ? h : null;
print('m ' + m.v);
delete h;
format P { i32 x, i32 y }
P p1 = P({ x: 1, y: 2 });
P p2 = P({ x: 3 });
print('' + (c ? p1 : p2).y + (c ? p2 : p1).x);
print('f ' + (c ? b : a).tag);
