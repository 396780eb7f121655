// expect: 1 2 calls=1
// note: spec 4.11: postfix ++ on an object yields the copy taken before operator ++ runs, and
// note: evaluates its operand once.
class C { constructor() { } constructor(i32 v) { this.v = v; } C operator ++ () { this.v += 1; return this; } i32 v; };
array<C> a;
a.push(C(1));
i32 calls = 0;
i32 pick() { calls++; return 0; }
C old = a[pick()]++;
print('' + old.v + ' ' + a[0].v + ' calls=' + calls);
