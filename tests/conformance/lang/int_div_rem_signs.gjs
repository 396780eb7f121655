// expect: 3 -3 -3 3
// expect: 1 -1 1 -1
// expect: -3 -2 2
// expect: i8 -128/-1 = 128
// expect: stored in i8 = -128
// expect: u32 4294967295/2 = 2147483647 %10 = 5
// expect: i32 -7 / u32 2 = 2147483644 rem 1
// expect: i64 -9000000000/7 = -1285714285 rem -5
// expect: u64 max/3 = 6148914691236517205 %10 = 5
// expect: 17
// expect: 3 3.500000
// note: spec 4.2: integer '/' truncates toward zero and '%' takes the dividend's sign. i8
// note: operands are promoted to i32, so -128 / -1 is the i32 128 (wrapping only when stored).
// note: i32 / u32 is u32 (spec 3.9): -7 becomes 4294967289; 4294967289 / 2 = 2147483644 rem 1.
// note: 9000000000 = 7 * 1285714285 + 5. 17 / 5 * 5 + 17 % 5 = 15 + 2.
i32 a = 7;
i32 b = 2;
i32 na = -7;
i32 nb = -2;
print('' + (a / b) + ' ' + (na / b) + ' ' + (a / nb) + ' ' + (na / nb));
print('' + (a % b) + ' ' + (na % b) + ' ' + (a % nb) + ' ' + (na % nb));
print('' + (-17 / 5) + ' ' + (-17 % 5) + ' ' + (17 % -5));

i8 x = -128;
i8 y = -1;
print('i8 -128/-1 = ' + (x / y));
i8 q = x / y;
print('stored in i8 = ' + q);

u32 big = 4294967295;
print('u32 4294967295/2 = ' + (big / 2) + ' %10 = ' + (big % 10));

i32 m = -7;
u32 two = 2;
print('i32 -7 / u32 2 = ' + (m / two) + ' rem ' + (m % two));

i64 l = -9000000000;
print('i64 -9000000000/7 = ' + (l / 7) + ' rem ' + (l % 7));

u64 u = 18446744073709551615;
print('u64 max/3 = ' + (u / 3) + ' %10 = ' + (u % 10));

i32 s = 17;
print('' + (s / 5 * 5 + s % 5));
print('' + (7 / 2) + ' ' + (7 / 2.0));
