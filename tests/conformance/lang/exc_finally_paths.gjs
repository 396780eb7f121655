// expect: loop 0
// expect: finally 0
// expect: finally 1
// expect: loop 2
// expect: finally 2
// expect: finally 3
// expect: broke out
// expect: f finally
// expect: f=10
// expect: g finally
// expect: caught g
// expect: nested inner finally
// expect: nested outer caught x
// note: spec 6.3: finally runs on fall-through, continue, break, return and propagation.
i32 f() {
    try { return 10; } finally { print('f finally'); }
}
void g() {
    try { throw Error('g'); } finally { print('g finally'); }
}
for (i32 i = 0; i < 10; i++) {
    try {
        if (i == 1) continue;
        if (i == 3) break;
        print('loop ' + i);
    } finally {
        print('finally ' + i);
    }
}
print('broke out');
print('f=' + f());
try { g(); } catch (Error e) { print('caught ' + e.message); }
try {
    try { throw Error('x'); } finally { print('nested inner finally'); }
} catch (Error e) { print('nested outer caught ' + e.message); }
