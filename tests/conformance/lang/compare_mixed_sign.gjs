// expect: -1 < 1u: false
// expect: -1 > 1u: true
// expect: -1 == 4294967295u: true
// expect: -1 == 4294967295: false
// expect: i64 -1 < 1u: true
// expect: i64 -1 < u64 1: false
// expect: i8 -1 < u8 255: true
// expect: u32 1 > -1: false
// expect: true == 1: true, true == 2: false
// expect: 0.1f == 0.1: false, 0.5f == 0.5: true
// expect: 2^53+1 == 2^53 as f64: true
// note: comparisons use the usual arithmetic conversions (spec 4.5, 3.9). i32 vs u32 compares as
// note: u32, so -1 becomes 4294967295. The literal 4294967295 is i64, so i32 -1 == 4294967295 is
// note: false. i64 vs u32 compares as i64; i64 vs u64 as u64. i8 vs u8 promote to i32. bool is
// note: 1. 0.1f widened to f64 is 0.100000001490116..., not 0.1. 9007199254740993 (i64) becomes
// note: the nearest f64, 9007199254740992 (tie, even).
i32 neg = -1;
u32 one = 1;
u32 umax = 4294967295;
print('-1 < 1u: ' + (neg < one));
print('-1 > 1u: ' + (neg > one));
print('-1 == 4294967295u: ' + (neg == umax));
print('-1 == 4294967295: ' + (neg == 4294967295));
i64 wide = -1;
u64 u1 = 1;
print('i64 -1 < 1u: ' + (wide < one));
print('i64 -1 < u64 1: ' + (wide < u1));
i8 sb = -1;
u8 ub = 255;
print('i8 -1 < u8 255: ' + (sb < ub));
print('u32 1 > -1: ' + (one > -1));
bool t = true;
print('true == 1: ' + (t == 1) + ', true == 2: ' + (t == 2));
f32 tenth = 0.1f;
f32 half = 0.5f;
print('0.1f == 0.1: ' + (tenth == 0.1) + ', 0.5f == 0.5: ' + (half == 0.5));
i64 odd = 9007199254740993;
print('2^53+1 == 2^53 as f64: ' + (odd == 9007199254740992.0));
