// expect: x=10
// expect: x=5
// expect-runtime-error: '/=' by zero (division by zero, code 3)
// note: spec 6.5 lists '/=' explicitly: x /= 0 faults like x / 0. The fault happens before the
// note: assignment, so the last print never runs.
i32 x = 10;
i32 two = 2;
i32 zero = 0;
print('x=' + x);
x /= two;
print('x=' + x);
x /= zero;
print('x=' + x);
