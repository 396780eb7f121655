// expect: 11 calls=1
// note: spec 4.11: without operator +=, 'a += b' is 'a = a + b', with the place 'a' evaluated once.
class V { constructor() { } constructor(i32 x) { this.x = x; } V operator + (V o) { return V(this.x + o.x); } i32 x; };
array<V> a;
a.push(V(1)); a.push(V(2));
i32 calls = 0;
i32 pick() { calls++; return 0; }
a[pick()] += V(10);
print('' + a[0].x + ' calls=' + calls);
