// expect: dtor first
// expect: caught second
// note: spec 6.3: an exception raised by a finally block abandons the pending one (destroyed).
class Ex {
    constructor(string n) { this.name = n; }
    destructor() { print('dtor ' + this.name); }
    string name;
};
try {
    try { throw Ex('first'); }
    finally { throw Error('second'); }
} catch (Error e) { print('caught ' + e.message); }
