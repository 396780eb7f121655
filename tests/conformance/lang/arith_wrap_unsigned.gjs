// expect: u8 250+=10 = 4
// expect: u8 3-5 stored = 254
// expect: u8 3-5 as expression = -2
// expect: u16 0-- = 65535
// expect: u16 300*300 stored = 24464
// expect: u32 65536*65536 = 0
// expect: u32 0-1 = 4294967295
// expect: u32 3000000000+3000000000 = 1705032704
// expect: u64 2^63*2 = 0
// expect: u8 loop steps = 10
// expect: -u8 = -200
// note: unsigned wraparound modulo 2^N (spec 3.8, 4.2). u8 and u16 operands are promoted to i32
// note: (spec 3.9), so (u8)3 - (u8)5 is the i32 -2 until stored (then 254). u32 * u32 stays u32:
// note: 2^32 mod 2^32 = 0; 6000000000 - 4294967296 = 1705032704. The loop counts 250 -> 4
// note: through the wrap: 5 steps to 255, 1 to 0, 4 to 4. -u8 is an i32 (spec 4.3).
u8 a = 250;
a += 10;
print('u8 250+=10 = ' + a);
u8 three = 3;
u8 five = 5;
u8 diff = three - five;
print('u8 3-5 stored = ' + diff);
print('u8 3-5 as expression = ' + (three - five));
u16 b = 0;
b--;
print('u16 0-- = ' + b);
u16 c = 300;
u16 sq = c * c;
print('u16 300*300 stored = ' + sq);
u32 d = 65536;
print('u32 65536*65536 = ' + (d * d));
u32 z = 0;
print('u32 0-1 = ' + (z - 1));
u32 t = 3000000000;
print('u32 3000000000+3000000000 = ' + (t + t));
u64 h = 9223372036854775808;
print('u64 2^63*2 = ' + (h * 2));
u8 walk = 250;
i32 steps = 0;
while (walk != 4) {
    walk++;
    steps++;
}
print('u8 loop steps = ' + steps);
u8 n = 200;
print('-u8 = ' + (-n));
