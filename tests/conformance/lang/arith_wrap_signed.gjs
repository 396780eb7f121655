// expect: i8 127++ = -128
// expect: i8 -128-- = 127
// expect: i8 100+=100 = -56
// expect: i16 32767++ = -32768
// expect: i16 300*=300 = 24464
// expect: i32 max+1 = -2147483648
// expect: i32 46341*46341 = -2147479015
// expect: i32 -2147483647-2 = 2147483647
// expect: i32 = 3000000000 -> -1294967296
// expect: i32 min/-1 = -2147483648
// expect: i32 min%-1 = 0
// expect: i8 as expression = 200
// note: spec 3.8 / 4.2: signed integers wrap modulo 2^N (two's complement) when stored; an
// note: i8/i16 operand is promoted to i32 inside an expression (spec 3.9), so 100 + 100 is 200
// note: until stored. 300*300 = 90000 = 65536 + 24464. 46341^2 = 2147488281 = 2^31 + 4633,
// note: which wraps to -2147479015. MIN / -1 wraps to MIN and MIN % -1 is 0 (spec 4.2).
i8 a = 127;
a++;
print('i8 127++ = ' + a);
i8 b = -128;
b--;
print('i8 -128-- = ' + b);
i8 c = 100;
c += 100;
print('i8 100+=100 = ' + c);
i16 d = 32767;
d++;
print('i16 32767++ = ' + d);
i16 e = 300;
e *= 300;
print('i16 300*=300 = ' + e);
i32 g = 2147483647;
g = g + 1;
print('i32 max+1 = ' + g);
i32 h = 46341;
print('i32 46341*46341 = ' + (h * h));
i32 k = -2147483647;
k -= 2;
print('i32 -2147483647-2 = ' + k);
i32 q = 3000000000;
print('i32 = 3000000000 -> ' + q);
i32 min = -2147483648;
i32 minus1 = -1;
print('i32 min/-1 = ' + (min / minus1));
print('i32 min%-1 = ' + (min % minus1));
i8 x = 100;
i8 y = 100;
print('i8 as expression = ' + (x + y));
