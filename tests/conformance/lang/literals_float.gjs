// expect: f64 1.500000
// expect: f32 1.500000
// expect: f64 1500.000000
// expect: f64 0.000200
// expect: f64 10000000000.000000
// expect: f32 1000.000000
// expect: f32 2.000000
// expect: i32 2
// expect: f64 0.012500
// expect: f32 0.100000
// expect: f32 16777216.000000
// expect: f64 16777217.000000
// expect: f64 5.000000
// note: spec 2.3: a float literal without 'f' is f64, with 'f' it is f32 (also '2f' and '1e3f').
// note: '' + float prints like C "%f" (spec 4.10). 16777217.0f rounds to the nearest f32,
// note: 16777216 (2^24 + 1 is not representable in binary32); as an f64 it is exact.
// note: 2e-4 and 1.25E-2 are not exact in binary but round to 0.000200 and 0.012500.
string ty(i32 v) { return 'i32 ' + v; }
string ty(f32 v) { return 'f32 ' + v; }
string ty(f64 v) { return 'f64 ' + v; }

print(ty(1.5));
print(ty(1.5f));
print(ty(1.5e3));
print(ty(2e-4));
print(ty(1E+10));
print(ty(1e3f));
print(ty(2f));
print(ty(2));
print(ty(1.25E-2));
print(ty(0.1f));
print(ty(16777217.0f));
print(ty(16777217.0));
print(ty(0.5e1));
