// expect: 0.12 0.38 1.2 1.4
// expect: 2 4 -2 0 2
// expect: 1.00 2.67 0.5
// expect: -0.00 -0.000 0.000
// expect: 1000000000000000000000.00 123
// expect: 7.00 -7.0 18446744073709551616
// expect: 0.10000000000000000555
// expect: 0.1000000015 0.30000000000000004
// note: spec 8.2: toFixed(n) is C printf("%.*f", n, (f64)value): rounding of the exact binary
// note: value, ties to even. 0.125, 0.375, 1.25, 2.5, 3.5, -2.5, 0.5 and 1.5 are exact ties
// note: (0.12, 0.38, 1.2, 2, 4, -2, 0, 2). 1.35 is 1.3500000000000000888 (up), 1.005 is
// note: 1.00499999999999989 (down), 2.675 is 2.67499999999999982 (down), 0.45 is
// note: 0.45000000000000001 (up). Negative values that round to zero keep the '-' as in C.
// note: Integers are converted to f64 first: u64 max becomes 2^64 = 18446744073709551616.
print((0.125).toFixed(2) + ' ' + (0.375).toFixed(2) + ' ' + (1.25).toFixed(1) + ' ' + (1.35).toFixed(1));
print((2.5).toFixed(0) + ' ' + (3.5).toFixed(0) + ' ' + (-2.5).toFixed(0) + ' '
      + (0.5).toFixed(0) + ' ' + (1.5).toFixed(0));
print((1.005).toFixed(2) + ' ' + (2.675).toFixed(2) + ' ' + (0.45).toFixed(1));
f64 negZero = -0.0;
f64 tiny = -0.0004;
f64 small = 0.0001;
print(negZero.toFixed(2) + ' ' + tiny.toFixed(3) + ' ' + small.toFixed(3));
print((1e21).toFixed(2) + ' ' + (123.456).toFixed(0));
i32 neg = -7;
u64 max = 18446744073709551615;
print(7.toFixed(2) + ' ' + neg.toFixed(1) + ' ' + max.toFixed(0));
print((0.1).toFixed(20));
f32 tenth = 0.1f;
print(tenth.toFixed(10) + ' ' + (0.1 + 0.2).toFixed(17));
