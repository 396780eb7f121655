// expect: 1 0
// expect: true true false true false
// expect: 1.000000 2
// expect: false true false
// expect: false true true true
// expect: nan is true
// expect: 10 1.500000 1
// expect: wrapped to zero is false
// note: spec 3.8: bool -> numeric gives 1 or 0; numeric -> bool is true unless the value is zero
// note: (so 256 is true and NaN is true). A u8 holding 256 has wrapped to 0 first, so it is false.
// note: bool operands of arithmetic promote to i32 (true + true = 2); two bool operands of
// note: & | ^ give a bool (spec 4.3); ! converts to bool and negates.
i32 t = true;
i32 f = false;
print('' + t + ' ' + f);
bool b1 = 0.5;
bool b2 = -1;
bool b3 = 0;
bool b4 = 256;
u8 wrapped = 256;
bool b5 = wrapped;
print('' + b1 + ' ' + b2 + ' ' + b3 + ' ' + b4 + ' ' + b5);
f64 ft = true;
print('' + ft + ' ' + (true + true));
print('' + (true & false) + ' ' + (true | false) + ' ' + (true ^ true));
print('' + !5 + ' ' + !0 + ' ' + !0.0 + ' ' + !!7);
f64 zero = 0.0;
bool bn = zero / zero;
if (bn) print('nan is true');
i32 cnt = 0;
cnt += (3 > 2);
cnt += (2 > 3);
print('' + (i32(true) * 10) + ' ' + (true + 0.5) + ' ' + cnt);
if (!wrapped) print('wrapped to zero is false');
