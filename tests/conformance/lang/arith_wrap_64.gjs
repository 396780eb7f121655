// expect: i64 max++ = -9223372036854775808
// expect: i64 min-- = 9223372036854775807
// expect: i64 2^32*2^32 = 0
// expect: i64 3037000500^2 = -9223372036709301616
// expect: i64 min/-1 = -9223372036854775808
// expect: i64 min%-1 = 0
// expect: u64 max+=2 = 1
// expect: u64 max*2 = 18446744073709551614
// expect: -9223372036854775808 literal = 9223372036854775808
// expect: stored in i64 = -9223372036854775808
// expect: u32 -5 = 4294967291
// expect: u64 -1 = 18446744073709551615
// note: 64-bit wraparound (spec 3.8, 4.2). 3037000500^2 = 9223372037000250000, minus 2^64 gives
// note: -9223372036709301616. The literal 9223372036854775808 is u64 (spec 2.3), and negating a
// note: u64 wraps (spec 4.3): 2^64 - 2^63 = 2^63, still u64; stored into an i64 it is -2^63.
// note: -w for u32 w = 5 is the u32 2^32 - 5; -v for u64 v = 1 is 2^64 - 1.
i64 a = 9223372036854775807;
a++;
print('i64 max++ = ' + a);
a--;
print('i64 min-- = ' + a);
i64 p = 4294967296;
print('i64 2^32*2^32 = ' + (p * p));
i64 q = 3037000500;
print('i64 3037000500^2 = ' + (q * q));
i64 min = -9223372036854775807 - 1;
i64 minus1 = -1;
print('i64 min/-1 = ' + (min / minus1));
print('i64 min%-1 = ' + (min % minus1));
u64 m = 18446744073709551615;
m += 2;
print('u64 max+=2 = ' + m);
u64 big = 18446744073709551615;
print('u64 max*2 = ' + (big * 2));
print('-9223372036854775808 literal = ' + -9223372036854775808);
i64 stored = -9223372036854775808;
print('stored in i64 = ' + stored);
u32 w = 5;
print('u32 -5 = ' + (-w));
u64 v = 1;
print('u64 -1 = ' + (-v));
