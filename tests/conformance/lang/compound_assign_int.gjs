// expect: 15 12 48 9 1 16 4 7 5 9
// expect: 2.50 2.00 6.00 1.50 0.50
// expect: 3 4 4
// expect: res=42 t=42
// expect: p=6 q=5
// note: spec 4.6: 'a op= b' is a = T(a op b) with T the type of a, for + - * / % << >> & | ^.
// note: 10+5 = 15, -3 = 12, *4 = 48, /5 = 9, %4 = 1, <<4 = 16, >>2 = 4, |3 = 7, &5 = 5, ^12 = 9.
// note: f64: 1.5+1 = 2.5, -0.5 = 2, *3 = 6, /4 = 1.5, %1 = 0.5 (fmod). An i32 with a float
// note: operand: 7 / 2.0 = 3.5 -> 3, 3 * 1.5 = 4.5 -> 4, 4 + 0.9 = 4.9 -> 4 (truncation).
// note: The expression yields the new value; assignment is right-associative (q += 3 first).
i32 a = 10;
a += 5;  string r = '' + a;
a -= 3;  r += ' ' + a;
a *= 4;  r += ' ' + a;
a /= 5;  r += ' ' + a;
a %= 4;  r += ' ' + a;
a <<= 4; r += ' ' + a;
a >>= 2; r += ' ' + a;
a |= 3;  r += ' ' + a;
a &= 5;  r += ' ' + a;
a ^= 12; r += ' ' + a;
print(r);

f64 f = 1.5;
f += 1.0; string fs = f.toFixed(2);
f -= 0.5; fs += ' ' + f.toFixed(2);
f *= 3.0; fs += ' ' + f.toFixed(2);
f /= 4.0; fs += ' ' + f.toFixed(2);
f %= 1.0; fs += ' ' + f.toFixed(2);
print(fs);

i32 k = 7;
k /= 2.0; string ks = '' + k;
k *= 1.5; ks += ' ' + k;
k += 0.9; ks += ' ' + k;
print(ks);

i32 t = 40;
i32 res = (t += 2);
print('res=' + res + ' t=' + t);
i32 p = 1;
i32 q = 2;
p += q += 3;
print('p=' + p + ' q=' + q);
