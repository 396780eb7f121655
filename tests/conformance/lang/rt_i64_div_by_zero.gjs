// expect: big=9000000000
// expect: big/3=3000000000
// expect-runtime-error: i64 division by zero (division by zero, code 3)
// note: spec 4.2: 64-bit integer division by zero faults like 32-bit division.
i64 big = 9000000000;
i64 three = 3;
i64 zero = 0;
print('big=' + big);
print('big/3=' + (big / three));
print('big/0=' + (big / zero));
print('unreachable');
