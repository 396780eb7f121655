// expect: 9 -9 44 127 -56 65535
// expect: 9223372036854775807 -9223372036854775808 -1
// expect: 4294967295 18446744073709551615 10000000000000000000
// expect: 9223372036854775807 255 65533 -1794967296
// expect: nan -> 0
// expect: u64(-1e30) = 9223372036854775808
// expect: 16777216.000000 0.1000000015 inf
// expect: 3.500000
// expect: 7 -2 1.500000 true
// expect: 0 0.000000 false
// expect: 1 0 true false false true
// note: spec 3.8: T(expr) performs the implicit conversion. Float -> integer truncates toward
// note: zero, NaN gives 0, and the value saturates to the i64 range (to the u64 range for an
// note: unsigned target and a non-negative value) before wrapping: i32(1e30) is i64 MAX wrapped to
// note: 32 bits = -1, u32(1e30) is u64 MAX wrapped = 4294967295, u64(-1e30) is i64 MIN as u64.
// note: 1e19 is exact in binary and fits u64. i32(2.5e9) = 2500000000 - 2^32. u16(-3.7) = -3
// note: wrapped = 65533. f32(1e40) overflows to inf. string(x) formats like '' + x (spec 4.10).
print('' + i32(9.81) + ' ' + i32(-9.81) + ' ' + u8(300) + ' ' + i8(-129) + ' ' + i8(200) + ' ' + u16(-1));
print('' + i64(1e30) + ' ' + i64(-1e30) + ' ' + i32(1e30));
print('' + u32(1e30) + ' ' + u64(1e30) + ' ' + u64(1e19));
print('' + i64(1e19) + ' ' + u8(-1.0) + ' ' + u16(-3.7) + ' ' + i32(2.5e9));

f64 zero = 0.0;
f64 nan = zero / zero;
print('nan -> ' + i32(nan));
print('u64(-1e30) = ' + u64(-1e30));

print('' + f32(16777217) + ' ' + f32(0.1).toFixed(10) + ' ' + f32(1e40));
print('' + f64(7) / 2);
print(string(7) + ' ' + string(-2) + ' ' + string(1.5) + ' ' + string(true));
print('' + i32() + ' ' + f64() + ' ' + bool());
print('' + i32(true) + ' ' + i32(false) + ' ' + bool(5) + ' ' + bool(0) + ' ' + bool(0.0) + ' ' + bool(-0.5));
