// expect: 1.5 9.0
// expect: 3,4,0
// expect: 0 0.000000
// expect: 3.0
// note: spec 3.5 / 4.9: formats are built with literals (unnamed fields zero, literals nest), copy
// note: by value, 'F x;' is zero, and 'new F({ … })' makes a heap format.
format Vertex { f32 x, f32 y, u8 tag, f64 w };
format Vec2 { f32 x, f32 y };
Vec2 v = Vec2({ x: 1.5f, y: 2.5f });
Vec2 copy = v;  copy.x = 9.0f;
print(v.x.toFixed(1) + ' ' + copy.x.toFixed(1));
format Triple { i32 a, i32 b, i32 c };
format Two { Triple first, Triple second };
Two t = Two({ first: Triple({ a: 1, b: 2, c: 3 }), second: Triple({ a: 4 }) });
print('' + t.first.c + ',' + t.second.a + ',' + t.second.b);
Vertex z;
print('' + z.tag + ' ' + z.w);
Vec2? h = new Vec2({ y: 3.0f });
print(h.y.toFixed(1));
delete h;
