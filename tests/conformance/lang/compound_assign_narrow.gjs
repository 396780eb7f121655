// expect: 4 255 254 252 63
// expect: -56 100 44
// expect: u16 65535
// expect: false true false
// expect: 9223372036854775808 0
// expect: u32 4294967295 1
// note: spec 4.6: 'a op= b' computes in the common type, then converts back to a's type, wrapping.
// note: u8: 250+10 = 260 -> 4, 4-5 = -1 -> 255, 255*2 = 510 -> 254, 254<<1 = 508 -> 252,
// note: 252>>2 = 63. i8: 100+100 = 200 -> -56, -56-100 = -156 -> 100, 100*3 = 300 -> 44.
// note: u16 0 -= 1 -> 65535. bool &= | ^ stay bool (spec 4.3). u64: 2^63 + 2^63 wraps to 0.
// note: u32 0 -= 1 -> 4294967295, then /= 4294967295 -> 1.
u8 u = 250;
u += 10;  string us = '' + u;
u -= 5;   us += ' ' + u;
u *= 2;   us += ' ' + u;
u <<= 1;  us += ' ' + u;
u >>= 2;  us += ' ' + u;
print(us);

i8 s = 100;
s += 100; string ss = '' + s;
s -= 100; ss += ' ' + s;
s *= 3;   ss += ' ' + s;
print(ss);

u16 h = 0;
h -= 1;
print('u16 ' + h);

bool b = true;
b &= false; string bs = '' + b;
b |= true;  bs += ' ' + b;
b ^= true;  bs += ' ' + b;
print(bs);

u64 big = 1;
big <<= 63;
string gs = '' + big;
big += big;
print(gs + ' ' + big);

u32 w = 0;
w -= 1;
string ws = '' + w;
w /= 4294967295;
print('u32 ' + ws + ' ' + w);
