// expect: i32 31
// expect: i32 255
// expect: i32 255
// expect: i32 2147483647
// expect: i64 2147483648
// expect: i64 4294967295
// expect: i64 9223372036854775807
// expect: u64 9223372036854775808
// expect: u64 18446744073709551615
// expect: i32 4660
// expect: i32 32
// expect: 65535 255 -1
// note: spec 2.3: hexadecimal literals take 0x or 0X and are typed by value like decimal ones:
// note: 0x7FFFFFFF is i32, 0x80000000 and 0xFFFFFFFF are i64, 0x8000000000000000 is u64.
// note: 0x1234 = 4660. Storing 0xFFFFFFFF (i64 4294967295) into an i32 wraps to -1 (spec 3.8).
string ty(i32 v) { return 'i32 ' + v; }
string ty(i64 v) { return 'i64 ' + v; }
string ty(u64 v) { return 'u64 ' + v; }

print(ty(0x1F));
print(ty(0XFF));
print(ty(0x00FF));
print(ty(0x7FFFFFFF));
print(ty(0x80000000));
print(ty(0xFFFFFFFF));
print(ty(0x7FFFFFFFFFFFFFFF));
print(ty(0x8000000000000000));
print(ty(0xFFFFFFFFFFFFFFFF));
print(ty(0x1234));
print(ty(0x10 + 0x10));

u16 h = 0xFFFF;
u8 b = 0xFF;
i32 m = 0xFFFFFFFF;
print('' + h + ' ' + b + ' ' + m);
