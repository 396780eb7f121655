// expect: 100000000000000000000.000000
// expect: -0.000000
// expect: 0.100000 123.456000 0.300000
// expect: 0.000000 0.000000 0.000002
// expect: 9.999999
// expect: -1.500000 16777216.000000
// expect: 340282346638528859811704183484516925440.000000
// expect: 1.0 -1.5 0.000200
// note: spec 4.10: '' + float prints like C "%f": six decimals, correctly rounded from the exact
// note: binary value, all integer digits. The f64 nearest 5e-7 is 4.99999999999999977e-7 (rounds
// note: down), the one nearest 1.5e-6 is 1.50000000000000004e-6 (rounds up), the one nearest
// note: 9.9999995 is 9.99999949999999949 (rounds down). 2.5e-7 rounds to 0. -0.0 keeps its sign.
// note: 3.4028235e38f is the largest f32, 2^128 - 2^104 = 340282346638528859811704183484516925440.
print('' + 1e20);
print('' + -0.0);
print('' + 0.1 + ' ' + 123.456 + ' ' + (0.1 + 0.2));
print('' + 2.5e-7 + ' ' + 5e-7 + ' ' + 1.5e-6);
print('' + 9.9999995);
f32 g = -1.5f;
f32 h = 16777216.0f;
h += 1.0f;
print('' + g + ' ' + h);
print('' + 3.4028235e38f);
f64 one = 1.0;
print(one.toFixed(1) + ' ' + g.toFixed(1) + ' ' + (2e-4).toFixed(6));
