// expect: 3.0 true 3
// expect: -1.0 -2.0 true 9
// expect: 0.0 0.0
// expect: 1.5
// expect: 6.0
// note: spec 4.11: operator methods (binary, unary, [], op=), '!=' falling back to '!(==)',
// note: 'a op= b' falling back to 'a = a op b', and a conversion operator used implicitly
// note: and through U(obj).
class V2 {
    constructor(f32 x, f32 y) { this.x = x; this.y = y; }
    V2 operator + (V2 r) { return V2(this.x + r.x, this.y + r.y); }
    V2 operator * (f32 s) { return V2(this.x * s, this.y * s); }
    bool operator == (V2 r) { return this.x == r.x && this.y == r.y; }
    V2 operator - () { return V2(-this.x, -this.y); }
    operator i32() { return i32(this.x + this.y); }
    f32 operator [] (i32 i) { return i == 0 ? this.x : this.y; }
    void operator += (V2 r) { this.x += r.x; this.y += r.y; }
    f32 x; f32 y;
};
V2 a = V2(1.0f, 2.0f);
V2 b = a + a * 2.0f;
i32 n = a;
print(b.x.toFixed(1) + ' ' + (a == V2(1.0f, 2.0f)) + ' ' + n);
V2 c = -a;
print(c.x.toFixed(1) + ' ' + c[1].toFixed(1) + ' ' + (a != b) + ' ' + i32(b));
c += a;
print(c.x.toFixed(1) + ' ' + c.y.toFixed(1));
b = b * 0.5f;
print(b.x.toFixed(1));
b *= 2.0f;
print(b.y.toFixed(1));
