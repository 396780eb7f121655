// expect: 42 1.25
// expect: hi!
// expect: 3 0
// expect: ba 0
// expect: 7
// expect: 9
// note: spec 3.7: class and format templates are compiled once per type argument; each instance
// note: has its own static fields; subtype may be used in fields, parameters, results and arrays.
class Box<subtype> {
    constructor(subtype v) { this.value = v; }
    subtype get() { return this.value; }
    static i32 count;
    subtype value;
};
Box<i32> bi = Box<i32>(41);
Box<f64> bd = Box<f64>(1.25);
print('' + (bi.get() + 1) + ' ' + bd.get().toFixed(2));
Box<string> bs = Box<string>('hi');
print(bs.get() + '!');
Box<i32>.count = 3;
print('' + Box<i32>.count + ' ' + Box<f64>.count);
class Stack<subtype> {
    void push(subtype v) { this.items.push(v); }
    subtype pop() { return this.items.pop(); }
    i32 size() { return i32(this.items.length); }
    array<subtype> items;
};
Stack<string> st;
st.push('a');
st.push('b');
print(st.pop() + st.pop() + ' ' + st.size());
format Pair<subtype> { subtype a, subtype b };
Pair<i16> p = Pair<i16>({ a: 3, b: 4 });
print('' + (p.a + p.b));
Box<i32>? h = new Box<i32>(9);
print('' + h.get());
delete h;
