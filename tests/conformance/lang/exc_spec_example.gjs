// expect: finally
// expect: 3
// expect: caught: division by zero (3)
// expect: finally
// expect: 0
// note: spec 6.3's example.
i32 safeDiv(i32 a, i32 b) {
    try { return a / b; }
    catch (Error e) { print('caught: ' + e.message + ' (' + e.code + ')'); return 0; }
    finally { print('finally'); }
}
print('' + safeDiv(7, 2));
print('' + safeDiv(7, 0));
