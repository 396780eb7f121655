class C0 {
constructor() {
}
constructor(i32 v) {
this.v = v;
}
i32 m0(array<string> p0, array<string> p1, array<i32> p2) {
f32 x1;
p2 = p2;
C0? x2 = new C0;
(0).toFixed(101);
x2.m0(p0, p1, p2);
return i32(+((-2147483647 - 1)));
}
f64 m1(array<i32> p0, f32 p1, u16 p2) {
this.a.reserve(u32(i32(false)));
this.a.reserve(u32(i32(false)));
this.a.reserve(u32(i32(false)));
this.a.reserve(u32(i32(false)));
this.a.reserve(u32(i32(false)));
return ((p1 % p1) % (0.0 - p1));
}
static i32 count;
i32 v;
string s;
array<i32> a;
C0? next;
};
class C1 {
constructor() {
;
;
}
constructor(i32 v) {
this.v = v;
}
destructor() {
delete this.next;
}
static i32 count;
i32 v;
string s;
array<i32> a;
C1? next;
C0 inner;
};
class C2 {
constructor() {
{
assert(true, 'a');
{
print((-(0.0)).toFixed(0));
i16 x3;
}
}
{
assert(true, 'a');
{
print((-(0.0)).toFixed(0));
(2147483647).toFixed(2);
}
}
}
constructor(i32 v) {
this.v = v;
}
destructor() {
assert(true, 'a');
print((-(0.0)).toFixed(0));
}
static i32 count;
i32 v;
string s;
array<i32> a;
C2? next;
C0 inner;
};
array<string> x4;
{
assert(true, 'a');
{
print((-(0.0)).toFixed(0));
do {
array<string> x5 = x4;
x4.push(((0.5f).toFixed(6) + 0.0));
if ((x4.includes('  pad  ') && (9223372036854775807 >= 2147483647))) {
'été';
'\x41\x00\xff';
print(string.fromCharCode(i32(((-1) - (-1)))));
} else {
print(string.fromCharCode(i32(31)).replace(string.fromCharCode(i32(2147483647)), '\'q\''));
assert(true, 'a');
}
{
print(string.fromCharCode(i32(31)).replaceAll(string.fromCharCode(i32(100)), 'tab\there'));
"x,y,z".charAt(u32(2147483647));
}
} while (true);
}
}
bool x6;
const bool x7 = false;
string.fromCharCode(i32(-1));
"x,y,z";
