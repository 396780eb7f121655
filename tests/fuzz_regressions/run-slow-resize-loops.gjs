array<string> x1;
class C0 {
constructor() {
}
constructor(i32 v) {
this.v = v;
bool x2;
;
assert(((65535 * 0xFFFFFFFF) < +(18446744073709551615)), 'a');
}
void m0(bool p0) {
print(((0 + 0)).toFixed(0));
const i32 x3 = 0;
}
void m1(i32 p0) {
}
string m2() {
return '';
}
static i32 count;
i32 v;
string s;
array<i32> a;
C0? next;
};
f64 f0(i32 p0) {
string x4 = ('  pad  ' + u64(0.0));
x1 = x1;
do {
array<string> x5 = x1;
do {
x1.resize(u32(((2147483647) - (10))));
string.fromCharCode(i32(p0));
x1.resize(u32(((2147483647) - (100))));
} while (true);
x1.resize(u32(((2147483647) - (255))));
} while (false);
return ((1.5 + p0) + u8(p0));
}
C0? f1(array<string> p0, u8 p1) {
assert((-(1e308) >= -(1e308)), 'a');
assert((-(1e308) >= -(1e308)), 'a');
assert((-(1e308) >= -(1e308)), 'a');
return null;
}
f64 f2() {
assert(false, 'a');
while (true) {
while (x1.includes('\'q\''[9223372036854775807])) {
}
}
x1 = x1;
return 0.5f;
}
bool f3() {
string.fromCharCode(i32(2147483647));
return false;
}
('hello' + 10);
do {
do {
do {
do {
x1.push(((100.0).toFixed(2) + i32(false)));
'a'.replace('abcabcabc', "x,y,z");
('' + 2147483647 + 'été');
} while (false);
do {
} while (x1.includes("x,y,z".charAt(u32(2147483647))));
string.fromCharCode(i32(2147483647));
f3();
} while ((+(65535) >= ~(0)));
} while (f3());
'tab\there'.repeat(u32(2));
if ((-(64) < i32(true))) {
C0(1).m2();
'été'.repeat(u32(1)).indexOf(string.fromCharCode(i32(10)));
} else {
string.fromCharCode(i32(0x7FFFFFFF));
x1 = x1;
}
} while (((false | true) && true));
('hello' + 256);
C0(1).m2();
array<i32> x6;
assert((2147483647 < ''.length), 'a');
if (true) {
} else {
}

