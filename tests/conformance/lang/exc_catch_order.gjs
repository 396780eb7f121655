// expect: A 1
// expect: B 2
// expect: Error 3
// expect: outer got B 4
// note: spec 6.3: clauses are tried in order and match the exact class only.
class A { constructor(i32 v) { this.v = v; } i32 v; };
class B { constructor(i32 v) { this.v = v; } i32 v; };
void raise(i32 k) {
    if (k == 1) throw A(1);
    if (k == 2) throw B(2);
    if (k == 3) throw Error('three', 3);
    throw B(4);
}
void inner(i32 k) {
    try { raise(k); }
    catch (A a) { print('A ' + a.v); }
    catch (B b) { if (b.v == 4) throw b; print('B ' + b.v); }
    catch (Error e) { print('Error ' + e.code); }
}
for (i32 k = 1; k <= 4; k++) {
    try { inner(k); } catch (B b) { print('outer got B ' + b.v); }
}
