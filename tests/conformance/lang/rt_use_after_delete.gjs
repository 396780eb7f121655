// expect: a is null
// expect: b still set
// expect: c=9
// expect-runtime-error: use of a deleted object (code 3)
// note: spec 5.7: deleting through one handle leaves other handles dangling; using one is
// note: detected (the new object that reuses the storage is not reached through the old handle).
class Box {
    constructor(i32 v) { this.v = v; }
    i32 v;
};
Box? a = new Box(7);
Box? b = a;
delete a;
if (a == null) { print('a is null'); }
if (b != null) { print('b still set'); }
Box? c = new Box(9);
print('c=' + c.v);
print('b=' + b.v);
