class C0 {
constructor() {
do {
'été'.trim();
this.s;
if (false) break;
} while (string.fromCharCode(i32((-2147483647 - 1))).endsWith((-0.0).toFixed(101)));
C0(1).m0(C0(0));
}
constructor(i32 v) {
this.v = v;
}
destructor() {
delete this.next;
return;
}
void m0(C0 p0) {
C0? x1 = null;
while ((32).toFixed(2).startsWith((32).toFixed(2))) {
while ((32).toFixed(2).startsWith((32).toFixed(2))) {
(32).toFixed(2);
}
}
while ((32).toFixed(2).startsWith((32).toFixed(2))) {
}
}
void m1() {
('a' + 1e308);
}
void m2() {
('a' + 1e308);
}
C0 operator + (C0 r) { C0 t = C0(this.v + r.v); t.s = this.s + r.s; return t; }
bool operator == (C0 r) { return this.v == r.v && this.s == r.s; }
static i32 count;
i32 v;
string s;
array<i32> a;
C0? next;
};
array<string> f0() {
array<string> r2;
('a' + 1e308);
return r2;
}
C0? f1(C0 p0) {
('a' + 1e308);
return null;
}
('a' + 1e308);
(32).toFixed(2);
while ((32).toFixed(2).startsWith((32).toFixed(2))) {
while ((32).toFixed(2).startsWith(('a' + 1e308))) {
}
}
string x3 = string.fromCharCode(i32(((~(0)) - (0xFFFFFFFF))));
array<string> x4;
string.fromCharCode(i32(1));
do {
console.log(''.length);
} while (true);
const i32 x5 = 0;
const i32 x6 = 0;
const i32 x7 = 0;

