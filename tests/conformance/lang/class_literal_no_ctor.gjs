// expect: 3 4 none
// expect: copy 3 4
// note: spec 4.9: a class without constructors may be built with a literal (string fields
// note: included) and copied with T(t).
class Pt {
    i32 x;
    i32 y;
    string label;
    i32 sum() { return this.x + this.y; }
};
Pt p = Pt({ x: 3, y: 4, label: 'none' });
print('' + p.x + ' ' + p.y + ' ' + p.label);
Pt q = Pt(p);
print('copy ' + q.x + ' ' + q.y);
