// expect: 1
// expect: -1
// note: spec 5.5: a throw cannot complete, so both functions return on all paths.
i32 check(i32 v) {
    if (v > 0) return 1;
    throw Error('negative');
}
i32 guarded(i32 v) {
    try { return check(v); } catch (Error e) { return -1; }
}
print('' + guarded(5));
print('' + guarded(-5));
