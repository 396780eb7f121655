// expect: i32:3 f64:1.50
// expect: i32:-4 i32:7 f64:2.50
// expect: i16 i32
// expect: i64 u8 i64
// expect: i64 u32 i64
// expect: i32,f64 i64,f64 i32,f64 i32,f64
// expect: only:3.00
// expect: string int int
// note: spec 3.10: rank 0 exact, 1 promotion (integer to a wider type holding all its values, or
// note: f32 -> f64), 2 any other conversion; the unique candidate no worse on every argument and
// note: better on one wins. u8 -> i32 is a promotion but u8 -> f64 is not, so describe(u8) picks
// note: i32; f32 -> f64 is a promotion. i32 -> i64 (promotion) beats i32 -> u8 and i32 -> u32
// note: (conversions); i8 -> i64 is a promotion while i8 -> u32 is not. pair(1, 2): both
// note: candidates convert the second argument, the first is exact for (i32, f64) only.
string describe(i32 v) { return 'i32:' + v; }
string describe(f64 v) { return 'f64:' + v.toFixed(2); }
u8 small = 3;
f32 fv = 1.5f;
print(describe(small) + ' ' + describe(fv));
i16 s16 = -4;
print(describe(s16) + ' ' + describe(7) + ' ' + describe(2.5));

string pick(i16 v) { return 'i16'; }
string pick(i32 v) { return 'i32'; }
print(pick(s16) + ' ' + pick(5));

string wide(i64 v) { return 'i64'; }
string wide(u8 v) { return 'u8'; }
i32 n = 300;
u16 w = 7;
print(wide(n) + ' ' + wide(small) + ' ' + wide(w));

string sgn(u32 v) { return 'u32'; }
string sgn(i64 v) { return 'i64'; }
u32 u = 9;
i8 e = 1;
print(sgn(n) + ' ' + sgn(u) + ' ' + sgn(e));

string pair(i32 a, f64 b) { return 'i32,f64'; }
string pair(i64 a, f64 b) { return 'i64,f64'; }
i64 big = 1;
print(pair(1, 2.0) + ' ' + pair(big, 2.0) + ' ' + pair(1, 2) + ' ' + pair(1, 1.5f));

string only(f64 v) { return 'only:' + v.toFixed(2); }
print(only(3));

string kind(string s) { return 'string'; }
string kind(i32 v) { return 'int'; }
bool flag = true;
print(kind('x') + ' ' + kind(4) + ' ' + kind(flag));
