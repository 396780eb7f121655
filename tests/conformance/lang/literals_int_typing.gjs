// expect: i32 2147483647
// expect: i64 2147483648
// expect: i64 3000000000
// expect: i64 9223372036854775807
// expect: u64 9223372036854775808
// expect: u64 18446744073709551615
// expect: i32 7
// expect: i32 0
// expect: i32 -1
// expect: i64 -2147483648
// expect: i32 1410065408
// note: spec 2.3: an integer literal is the first of i32, i64, u64 that holds its value; a
// note: literal is never negative, so -2147483648 is unary minus applied to the i64 2147483648
// note: and stays i64. 007 is decimal 7. The overloads are all exact matches (spec 3.10), so
// note: the chosen one names the literal's type. 100000 * 100000 is i32 arithmetic: 10^10 mod
// note: 2^32 = 1410065408.
string ty(i32 v) { return 'i32 ' + v; }
string ty(i64 v) { return 'i64 ' + v; }
string ty(u64 v) { return 'u64 ' + v; }

print(ty(2147483647));
print(ty(2147483648));
print(ty(3000000000));
print(ty(9223372036854775807));
print(ty(9223372036854775808));
print(ty(18446744073709551615));
print(ty(007));
print(ty(0));
print(ty(-1));
print(ty(-2147483648));
print(ty(100000 * 100000));
