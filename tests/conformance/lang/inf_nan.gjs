// expect: inf -inf nan
// expect: inf
// expect: inf -inf nan
// expect: inf
// expect: true false true false false
// expect: nan
// expect: inf inf
// expect: nan is true
// note: spec 4.2 / 4.10: float division by zero gives inf, -inf or NaN (no fault), printed as
// note: inf, -inf and nan, also by toFixed. Every comparison with NaN is false except '!='
// note: (spec 4.5). inf - inf is NaN. An f64 -> f32 conversion that overflows gives inf, and so
// note: does f32 arithmetic beyond the f32 range (3e38 * 10). NaN converts to bool true (spec 3.8).
// note: The sign bit of a NaN is not shown: 0.0 / 0.0 prints as nan.
f64 zero = 0.0;
f64 one = 1.0;
f64 inf = one / zero;
f64 nan = zero / zero;
print('' + inf + ' ' + (-one / zero) + ' ' + nan);
print('' + 1.0 / 0.0);
print(inf.toFixed(2) + ' ' + (-inf).toFixed(3) + ' ' + nan.toFixed(1));
f32 fz = 0.0f;
print('' + (1.0f / fz));
print('' + (inf > 1e308) + ' ' + (nan == nan) + ' ' + (nan != nan) + ' ' + (nan < one) + ' ' + (nan >= one));
print('' + (inf - inf));
f32 narrowed = 1e300;
f32 big = 3e38f;
print('' + narrowed + ' ' + (big * 10.0f));
if (nan) print('nan is true');
