// expect: sum=4,6 dot=11
// expect: n=2 total=7 first=3
// expect: 2 3
// expect: made 5,7
// note: objects as parameters and results (a returned object is built in the caller's storage),
// note: and an array field that is copied with its object.
class V2 {
    constructor(i32 x, i32 y) {
        this.x = x;
        this.y = y;
    }
    V2 add(V2 o) { return V2(this.x + o.x, this.y + o.y); }
    i32 dot(V2 o) { return this.x * o.x + this.y * o.y; }
    i32 x;
    i32 y;
};
V2 a = V2(1, 2);
V2 b = a.add(V2(3, 4));
print('sum=' + b.x + ',' + b.y + ' dot=' + a.dot(V2(3, 4)));

class Bag {
    void add(i32 v) {
        this.items.push(v);
        this.total += v;
    }
    array<i32> items;
    i32 total;
};
Bag g;
g.add(3);
g.add(4);
print('n=' + g.items.length + ' total=' + g.total + ' first=' + g.items[0]);
Bag h = g;
h.add(5);
print(g.items.length + ' ' + h.items.length);

V2 make(i32 k) {
    V2 v = V2(k, k + 2);
    return v;
}
V2 m = make(5);
print('made ' + m.x + ',' + m.y);
