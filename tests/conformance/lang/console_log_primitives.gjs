// expect: text
// expect: 42
// expect: -5
// expect: 255
// expect: -300
// expect: 65535
// expect: -70000
// expect: 4294967295
// expect: -9000000000
// expect: 18446744073709551615
// expect: 0.250000
// expect: -1.500000
// expect: true
// expect: false
// expect: between
// expect: a1
// note: spec 8.1: console.log(v) writes v and a newline to the output sink, the same sink as
// note: print, with one overload per primitive type formatted as in spec 4.10.
// note: console.warn and console.error write to the error sink, which is not part of the output.
console.log('text');
console.log(42);
i8 a = -5;
console.log(a);
u8 b = 255;
console.log(b);
i16 c = -300;
console.log(c);
u16 d = 65535;
console.log(d);
i32 e = -70000;
console.log(e);
u32 f = 4294967295;
console.log(f);
i64 g = -9000000000;
console.log(g);
u64 h = 18446744073709551615;
console.log(h);
f32 i = 0.25f;
console.log(i);
console.log(-1.5);
console.log(true);
bool no = false;
console.log(no);
console.warn('to the error sink');
print('between');
console.error('also to the error sink');
console.log('a' + 1);
