// expect: 4
// expect: 6
// expect: 12
// expect-runtime-error: integer division by zero (division by zero, code 3)
// note: spec 4.2 / 6.5: an integer '/' by zero raises the division-by-zero fault. The divisor
// note: counts down 3, 2, 1, 0: 12 / 3, 12 / 2 and 12 / 1 are printed, then 12 / 0 faults while
// note: the argument of the fourth print is being built, so nothing more is printed.
i32 divide(i32 a, i32 b) {
    return a / b;
}
for (i32 d = 3; d >= 0; d--) {
    print('' + divide(12, d));
}
print('unreachable');
