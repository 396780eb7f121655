// expect: 1
// expect-runtime-error: array index 2 is out of range (length 1) (code 3)
// note: spec 6.5: indexing an array of objects is bounds-checked like any array.
format P { i32 x, i32 y };
array<P> ps;
ps.push(P({ x: 1, y: 2 }));
print('' + ps.length);
print('' + ps[2].x);
