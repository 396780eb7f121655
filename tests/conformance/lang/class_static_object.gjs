// expect: log ready
// expect: start
// expect: lines=2
// expect: log closed
// note: spec 3.4 / 5.8: a static field of class type is default-constructed in __init__ at the
// note: class declaration and destroyed when the context is freed.
class Log {
    constructor() { print('log ready'); }
    destructor() { print('log closed'); }
    void add(string s) { this.lines.push(s); }
    array<string> lines;
};
class App {
    static Log log;
    static i32 runs;
};
print('start');
App.log.add('a');
App.log.add('b');
print('lines=' + App.log.lines.length);
