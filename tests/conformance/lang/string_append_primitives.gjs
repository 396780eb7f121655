// expect: x-8|200|-300|60000|-70000|4000000000|-9000000000|18446744073709551615|0.500000|-2.250000|true
// expect: len=93
// expect: 7 1.500000 false
// expect: 3a a12 1a2 a3
// expect: s unchanged: abc, copy: abc!
// note: spec 4.10: '+=' appends any primitive to a string place: integers in decimal (u64
// note: unsigned), floats as C "%f", bool as true/false. '+' is left-associative: 1 + 2 + 'a' is
// note: "3a", 'a' + 1 + 2 is "a12". Strings have value semantics (spec 3.3): a copy is
// note: independent. The first line has 1 + 2+1+3+1+4+1+5+1+6+1+10+1+11+1+20+1+8+1+9+1+4 = 93
// note: bytes (x, ten values with a '|' after each but the last).
i8 v1 = -8;
u8 v2 = 200;
i16 v3 = -300;
u16 v4 = 60000;
i32 v5 = -70000;
u32 v6 = 4000000000;
i64 v7 = -9000000000;
u64 v8 = 18446744073709551615;
f32 v9 = 0.5f;
f64 v10 = -2.25;
bool v11 = true;
string s = 'x';
s += v1; s += '|';
s += v2; s += '|';
s += v3; s += '|';
s += v4; s += '|';
s += v5; s += '|';
s += v6; s += '|';
s += v7; s += '|';
s += v8; s += '|';
s += v9; s += '|';
s += v10; s += '|';
s += v11;
print(s);
print('len=' + s.length);
string lit = '';
lit += 7; lit += ' ';
lit += 1.5; lit += ' ';
lit += false;
print(lit);
print(1 + 2 + 'a' + ' ' + ('a' + 1 + 2) + ' ' + (1 + 'a' + 2) + ' ' + ('a' + (1 + 2)));
string orig = 'abc';
string copy = orig;
copy += '!';
print('s unchanged: ' + orig + ', copy: ' + copy);
