// expect: base=10 scaled=30
// expect: 3 objects
// note: static field initialisers run in __init__ at the class declaration; a static const
// note: field needs one (and may be read like any static).
class Cfg {
    static const i32 BASE = 10;
    static i32 factor = 3;
    static i32 scaled() { return Cfg.BASE * Cfg.factor; }
};
print('base=' + Cfg.BASE + ' scaled=' + Cfg.scaled());
class Counted {
    static i32 alive;
    constructor() { Counted.alive++; }
};
Counted x;
Counted y;
Counted z;
print(Counted.alive + ' objects');
