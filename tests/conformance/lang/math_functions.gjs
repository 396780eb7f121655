// expect: 4.000000 1.4142 -3.000000 3.000000 -3.000000
// expect: 7 -128 3 9 10
// expect: 3.14159 1024.000000 -1 2.500000 0.7854
// expect: true true
// expect: 3.000000
// expect: nan
// note: spec 8.5: the math module's functions: integer overloads of the float functions compute
// note: in f64 (sqrt(16)), round takes halves away from zero, abs of a signed minimum wraps to
// note: itself, clamp/lerp/sign/atan2, equal seeds give equal random sequences, and a NaN
// note: argument of min gives NaN.
import { sqrt, floor, abs, min, max, clamp, PI, pow, sign, lerp, random, randomSeed, round, atan2 } from 'math';
print('' + sqrt(16) + ' ' + sqrt(2.0).toFixed(4) + ' ' + floor(-2.5) + ' ' + round(2.5) + ' ' + round(-2.5));
i8 m = -128;
print('' + abs(-7) + ' ' + abs(m) + ' ' + min(3, 9) + ' ' + max(u32(3), u32(9)) + ' ' + clamp(15, 0, 10));
print(PI.toFixed(5) + ' ' + pow(2.0, 10.0) + ' ' + sign(-3) + ' ' + lerp(0.0, 10.0, 0.25) + ' ' + atan2(1.0, 1.0).toFixed(4));
randomSeed(7);
i32 r1 = random(1, 6);
randomSeed(7);
i32 r2 = random(1, 6);
print('' + (r1 == r2) + ' ' + (r1 >= 1 && r1 <= 6));
f32 s = sqrt(9.0f);
print('' + s);
f64 zero = 0.0;
print('' + min(zero / zero, 1.0));
