// expect: 5 7 7 5 5
// expect: 11 16 2 6
// expect: -128 127 255
// expect: prefix -128 postfix -128 after 127
// expect: 2.5 1.5 -0.5
// expect: 0 9223372036854775807
// expect: count=3 n=-1
// note: spec 4.7: prefix ++/-- yield the new value, postfix the old one; integers wrap in the
// note: variable's type. Operands are evaluated left to right (spec 4.1): with x = 5,
// note: x++ + x++ is 5 + 6 (x = 7); ++x * 2 is 16 (x = 8); x-- - --x is 8 - 6 (x = 6).
// note: Floats step by 1.0: 1.5 -> 2.5 -> 1.5; f32 0.5 -> -0.5.
i32 a = 5;
i32 b = a++;
i32 c = ++a;
i32 d = a--;
i32 e = --a;
print('' + b + ' ' + c + ' ' + d + ' ' + e + ' ' + a);
i32 x = 5;
i32 y = x++ + x++;
i32 z = ++x * 2;
i32 w = x-- - --x;
print('' + y + ' ' + z + ' ' + w + ' ' + x);
i8 m = 127;
m++;
string ms = '' + m;
m--;
u8 u = 0;
u--;
print(ms + ' ' + m + ' ' + u);
i8 k = 127;
string pre = 'prefix ' + (++k);
string post = ' postfix ' + (k--);
print(pre + post + ' after ' + k);
f64 f = 1.5;
f++;
string fs = f.toFixed(1);
--f;
f32 g = 0.5f;
g--;
print(fs + ' ' + f.toFixed(1) + ' ' + g.toFixed(1));
u64 big = 18446744073709551615;
big++;
i64 low = -9223372036854775807 - 1;
low--;
print('' + big + ' ' + low);
i32 n = 3;
i32 count = 0;
while (n-- > 0) count++;
print('count=' + count + ' n=' + n);
