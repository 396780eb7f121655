// expect-compile-error: 'return;' in a non-void function (E0402)
// expect-error-line: 10
// note: spec 5.5: a return without a value in a non-void function is E0402.
void early(i32 v) {
    if (v > 0) return;
    print('not positive');
}
i32 clampPositive(i32 v) {
    if (v > 0) return v;
    return; // <- error
}
early(1);
print('' + clampPositive(3));
