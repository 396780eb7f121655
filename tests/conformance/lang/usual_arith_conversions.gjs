// expect: i32 300
// expect: u32 0
// expect: i64 3999999999
// expect: u64 18446744073709551615
// expect: u64 18446744073709551615
// expect: f32 -0.500000
// expect: f64 3.500000
// expect: i32 3
// expect: i32 2
// expect: i32 254
// expect: i32 65536
// expect: u32 0
// expect: u32 2
// expect: f32 1.500000
// expect: f64 1.500000
// expect: i64 -2
// expect: bool false
// expect: i32 -200
// note: spec 3.9. f64 beats f32 beats integers; bool/i8/u8/i16/u16 promote to i32; same
// note: signedness: the wider wins; mixed: the unsigned one if at least as wide, else the wider
// note: signed one. So i32 + u32 is u32 (-1 + 1 = 0), u32 + i64 is i64, i64 + u64 and i32 + u64
// note: are u64 (-1 + 0 = 2^64 - 1), i64 * f32 is f32, i16 + u32 is u32, u32 + i64 is i64.
// note: ty() has one overload per primitive type, so the exact match names the result type.
string ty(bool v) { return 'bool ' + v; }
string ty(i8 v) { return 'i8 ' + v; }
string ty(u8 v) { return 'u8 ' + v; }
string ty(i16 v) { return 'i16 ' + v; }
string ty(u16 v) { return 'u16 ' + v; }
string ty(i32 v) { return 'i32 ' + v; }
string ty(u32 v) { return 'u32 ' + v; }
string ty(i64 v) { return 'i64 ' + v; }
string ty(u64 v) { return 'u64 ' + v; }
string ty(f32 v) { return 'f32 ' + v; }
string ty(f64 v) { return 'f64 ' + v; }

u8 c = 200;   u8 d = 100;     i32 m = -1;      u32 one = 1;
i64 m64 = -1; u32 big = 4000000000;            u64 z = 0;
f32 h = 0.5f; bool t = true;  i8 sb = -1;      u8 ub = 255;
u16 w = 65535; i16 s16 = 1;   u32 a32 = 65536;
print(ty(c + d));
print(ty(m + one));
print(ty(big + m64));
print(ty(m64 + z));
print(ty(m + z));
print(ty(m64 * h));
print(ty(7 / 2.0));
print(ty(7 / 2));
print(ty(t + t));
print(ty(sb + ub));
print(ty(w + s16));
print(ty(a32 * a32));
print(ty(s16 + one));
print(ty(h + 1));
print(ty(1.0 + h));
print(ty(m + m64));
print(ty(m < one));
print(ty(-c));
