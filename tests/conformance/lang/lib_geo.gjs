// library-module
// note: not a standalone test: imported by modules_qualified_import.gjs.
print('lib_geo init');
i32 made = 0;
enum Axis { X, Y, Z };
class Pt {
    constructor(i32 x, i32 y) {
        this.x = x;
        this.y = y;
        made++;
    }
    static Pt origin() { return Pt(0, 0); }
    i32 sum() { return this.x + this.y; }
    i32 x;
    i32 y;
};
format Size { i32 w, i32 h };
i32 area(Size s) { return s.w * s.h; }
