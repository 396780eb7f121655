// expect: 2 3
// expect: 1
// expect: 2
// expect: 4
// expect: 2
// expect: 2 1
// expect: b
// expect: 1 7
// expect: 9 1
// expect: 10010000
// note: spec 4.4: the branches of '?:' may be two arrays of one type, like two objects
// note: of one class. A declaration from it copies the chosen array once or builds the
// note: chosen call's result straight in; a temporary chosen for a member access or an
// note: index dies at the end of the full expression (the loop would need 80 MB if the
// note: 40 KB temporaries leaked, against the harness's 64 MiB). A by-reference
// note: parameter given `c ? x : y` of two variables changes the chosen one.
array<i32> make(i32 n) { array<i32> a; for (i32 i = 0; i < n; i++) a.push(i); return a; }
array<i32> big(u32 n) { array<i32> a; a.resize(n); return a; }
array<i32> x = make(2);
array<i32> y = make(3);
bool c = true;
array<i32> z = c ? x : y;
z.push(9);
print('' + x.length + ' ' + z.length);
array<i32> w = !c ? make(5) : make(1);
print('' + w.length);
print('' + (c ? x : y).length);
print('' + (c ? make(4) : y).length);
print('' + (c ? y : make(4))[2]);
string s = 'a,b';
print('' + (c ? s.split(',') : s.split(';')).length + ' ' + (!c ? s.split(',') : s.split(';')).length);
array<string> parts = c ? s.split(',') : s.split('|');
print(parts[1]);
class N { i32 v; constructor(i32 v) { this.v = v; } }
array<N> ns;
ns.push(N(7));
array<N> none;
array<N> pick = c ? ns : none;
print('' + pick.length + ' ' + pick[0].v);
void grow(array<i32> a) { a.push(a.length + 7); }
grow(c ? x : y);
print('' + x[2] + ' ' + y.length / 3);
u32 total = 0;
for (i32 i = 0; i < 2000; i++) {
    total += (i % 2 == 0 ? big(10000) : make(0)).length + (i % 2 == 0 ? make(0) : big(10000)).length / 1000;
}
// 1000 even rounds of 10000 + 0, 1000 odd rounds of 0 + 10000 / 1000.
print('' + total);
