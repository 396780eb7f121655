// expect: drop y
// expect: drop z
// expect: drop a
// expect: drop b
// expect: drop c
// expect: main done
// expect: drop c
// expect: drop b
// expect: drop a
// expect: drop z
// expect: drop y
// note: spec 5.8: module-level objects are destroyed when the context is freed, in
// note: reverse order of construction; an array destroys its elements last first
// note: (spec 8.4 'clear'), and the elements of an array of arrays go the same way.
// note: Each pushed temporary dies at the end of its statement (the array holds a copy).
class T {
    string name;
    constructor(string n) { this.name = n; }
    destructor() { print('drop ' + this.name); }
}
array<array<T>> nested;
array<T> items;
nested.push(items);
nested[0].push(T('y'));
nested[0].push(T('z'));
items.push(T('a'));
items.push(T('b'));
items.push(T('c'));
print('main done');
