// expect: init a=1
// expect: between
// expect: init b=2
// expect: peek before declaration: 0 [] false
// expect: after setG: 7
// expect: after declaration: 5 [L] true
// expect: early=0 late=9
// expect: bumped to 8
// expect: 1 2 8
// note: spec 5.2 / 7.1: top-level statements and global initialisers run in source order inside
// note: __init__. Globals are zero (0, '', false) until their declaration runs, and a function
// note: written after a global's declaration may run before that declaration executes (it is
// note: called from earlier top-level code): it then reads the zero value. A value stored
// note: before the declaration executes is overwritten by the initialiser (7 -> 5).
i32 a = trace('a', 1);
print('between');
i32 b = trace('b', a + 1);
i32 trace(string n, i32 v) {
    print('init ' + n + '=' + v);
    return v;
}

print('peek before declaration: ' + peek() + ' [' + peekLabel() + '] ' + peekFlag());
setG();
print('after setG: ' + peek());
i32 g = 5;
string label = 'L';
bool flag = true;
print('after declaration: ' + peek() + ' [' + peekLabel() + '] ' + peekFlag());
i32 peek() { return g; }
string peekLabel() { return label; }
bool peekFlag() { return flag; }
void setG() { g = 7; }

i32 early = readLate();
i32 late = 9;
i32 readLate() { return late; }
print('early=' + early + ' late=' + late);

i32 counter = 3;
void bump() { counter += 5; }
bump();
print('bumped to ' + counter);
print('' + a + ' ' + b + ' ' + counter);
