// expect: part 1
// expect: part 2
// expect: bad
// expect: ~part 2
// expect: ~part 1
// expect: caught field
// expect: part 3
// expect: part 4
// expect: bad
// expect: ~part 4
// expect: ~part 3
// expect: caught field
// expect: part 5
// expect: part 6
// expect: raises 7
// expect: ~part 6
// expect: ~part 5
// expect: caught body 7
// expect: part 7
// expect: part 8
// expect: raises 8
// expect: ~part 8
// expect: ~part 7
// expect: caught body 8
// expect: part 9
// expect: ~part 9
// expect: caught value
// expect: done
// note: spec 5.8, 6.4: construction that raises leaves no object. The object fields built
// note: so far are destroyed, last first, whether a later field's constructor, the
// note: constructor body or a literal's field value raises; the destructor of the
// note: unfinished object never runs, on the stack as with 'new'.
i32 next = 0;
class Part {
    constructor() { next++; this.id = next; print('part ' + this.id); }
    destructor() { print('~part ' + this.id); }
    i32 id;
};
class Bad {
    constructor() { print('bad'); throw Error('field'); }
    destructor() { print('~bad'); }
    i32 unused;
};
class Outer {
    constructor() { print('outer'); }
    destructor() { print('~outer'); }
    Part a;
    string label;
    Part b;
    Bad c;
    Part d;
};
class Raises {
    constructor(i32 v) { this.label = 'v' + v; print('raises ' + v); throw Error('body ' + v); }
    destructor() { print('~raises'); }
    Part a;
    string label;
    Part b;
};
class Plain {
    Part a;
    string label;
};
string fail() { throw Error('value'); }
try { Outer o; print('never'); } catch (Error e) { print('caught ' + e.message); }
try { Outer? h = new Outer(); print('never'); } catch (Error e) { print('caught ' + e.message); }
try { Raises r = Raises(7); print('never'); } catch (Error e) { print('caught ' + e.message); }
try { Raises? h = new Raises(8); print('never'); } catch (Error e) { print('caught ' + e.message); }
try { Plain p = Plain({ label: fail() }); print('never'); } catch (Error e) { print('caught ' + e.message); }
print('done');
