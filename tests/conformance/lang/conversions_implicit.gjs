// expect: 3 -3 255 255 -1294967296
// expect: 16777216.000000 7.000000 true false 1
// expect: inf
// expect: param 44 return 1 i16 25536
// expect: assigned 2
// expect: 0.1000000015
// expect: -1 4294967295
// expect: 0.5 is true
// expect: countdown 3 2 1
// note: spec 3.8: implicit conversions apply on initialisation, assignment, argument passing,
// note: return and conditions. 3.99 -> 3 and -3.99 -> -3 (truncation), -1.0 -> u8 255, -1 -> u8
// note: 255, 3000000000 -> i32 -1294967296, 16777217 -> f32 16777216 (nearest, ties to even),
// note: 1e300 -> f32 overflows to inf. 300 -> u8 44, 257 -> u8 1, -40000.7 -> i16: -40000 + 65536.
// note: the u64 literal 18446744073709551615 stored in i64 is -1; the i32 -1 stored in u32 is 2^32-1.
i32 a = 3.99;
i32 b = -3.99;
u8 u = -1.0;
u8 j = -1;
i32 q = 3000000000;
print('' + a + ' ' + b + ' ' + u + ' ' + j + ' ' + q);

f32 v = 16777217;
f64 d = 7;
bool t = 7;
bool z = 0;
i32 one = true;
print('' + v + ' ' + d + ' ' + t + ' ' + z + ' ' + one);

f32 huge = 1e300;
print('' + huge);

u8 pass(u8 x) { return x; }
u8 ret() { return 257; }
i16 fromFloat(f64 x) { return x; }
print('param ' + pass(300) + ' return ' + ret() + ' i16 ' + fromFloat(-40000.7));

i32 w;
w = 2.9;
print('assigned ' + w);

f64 back = 0.1f;
print(back.toFixed(10));

i64 s = 18446744073709551615;
u32 w2 = -1;
print('' + s + ' ' + w2);

if (0.5) print('0.5 is true');
string line = 'countdown';
u8 n = 3;
while (n) {
    line += ' ' + n;
    n--;
}
print(line);
