// expect: -2147483648 1 2 -2147483648 16
// expect: -16 -16 -16
// expect: 1 1 2147483648
// expect: -9223372036854775808 1 -9223372036854775808 4294967296
// expect: -1 15 15
// expect: 256 256 0
// expect: 2 1099511627776 8
// expect: -64 4095
// note: spec 4.3: only the low 5 bits of the count matter for a 32-bit (or narrower, promoted)
// note: left operand and the low 6 bits for a 64-bit one; a negative count uses its two's
// note: complement low bits (-1 -> 31 or 63, -28 -> 4). 36 & 31 = 4, 124 & 63 = 60, 40 & 31 = 8.
// note: The result has the promoted left operand's type: u8 << 8 is the i32 256, and i64 << 32
// note: is not cut to 32 bits. '>>' is arithmetic for signed and logical for unsigned operands.
i32 one = 1;
i32 c36 = 36;
print('' + (one << 31) + ' ' + (one << 32) + ' ' + (one << 33) + ' ' + (one << -1) + ' ' + (one << c36));

i32 m = -256;
print('' + (m >> 4) + ' ' + (m >> 36) + ' ' + (m >> -28));

u32 u = 0x80000000;
print('' + (u >> 31) + ' ' + (u >> 63) + ' ' + (u >> 32));

i64 l = 1;
print('' + (l << 63) + ' ' + (l << 64) + ' ' + (l << -1) + ' ' + (l << 32));

i64 ln = -1;
u64 ul = 18446744073709551615;
print('' + (ln >> 63) + ' ' + (ul >> 60) + ' ' + (ul >> 124));

u8 b = 1;
u8 stored = b << 8;
print('' + (b << 8) + ' ' + (b << 40) + ' ' + stored);

i64 cnt = 33;
i32 k = 40;
i32 x = 1;
x <<= 35;
print('' + (one << cnt) + ' ' + (l << k) + ' ' + x);

i8 n8 = -128;
u16 w = 65535;
print('' + (n8 >> 1) + ' ' + (w >> 4));
