// expect: ctor 1
// expect: dtor 1
// expect: r=1
// expect: ctor 2
// expect: dtor 2
// expect: r=2
// note: spec 5.8: only the arm of '?:' that runs makes temporaries, and only those die.
class N {
    constructor(i32 v) { this.v = v; print('ctor ' + v); }
    destructor() { print('dtor ' + this.v); }
    i32 v;
};
N make(i32 v) { return N(v); }
bool c = true;
i32 r = c ? make(1).v : make(2).v;
print('r=' + r);
c = false;
r = c ? make(1).v : make(2).v;
print('r=' + r);
