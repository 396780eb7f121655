// expect: make 1
// expect: drop 1
// expect: make 2
// expect: drop 2
// expect: len=2 item2
// expect: drop 10
// expect: after remove len=1
// expect: popped 2 len=0
// expect: 1 40 100 2
// expect: grid 012 7
// expect: end of run
// expect: drop 2
// expect: done
// note: spec 8.4 / 5.8: arrays of classes, formats and arrays: push copies its argument (the
// note: temporary dies after), remove destroys the element, pop moves the last element into
// note: the variable it initialises, copies are deep, resize default-constructs new elements.
class Item {
    constructor() { this.id = 0; this.name = 'none'; }
    constructor(i32 id) { this.id = id; this.name = 'item' + id; print('make ' + id); }
    destructor() { print('drop ' + this.id); }
    i32 id;
    string name;
};
format P { i32 x, i32 y };
void run() {
    array<Item> items;
    items.push(Item(1));
    items.push(Item(2));
    print('len=' + items.length + ' ' + items[1].name);
    items[0].id = 10;
    items.remove(0);
    print('after remove len=' + items.length);
    Item last = items.pop();
    print('popped ' + last.id + ' len=' + items.length);
    array<P> ps;
    ps.push(P({ x: 1, y: 2 }));
    ps.push(P({ x: 3, y: 4 }));
    ps[1].y = 40;
    array<P> copy = ps;
    copy[0].x = 100;
    print('' + ps[0].x + ' ' + ps[1].y + ' ' + copy[0].x + ' ' + copy.length);
    array<array<i32>> grid;
    grid.resize(u32(3));
    grid[1].push(5);
    grid[2].push(6);
    grid[2].push(7);
    print('grid ' + grid[0].length + grid[1].length + grid[2].length + ' ' + grid[2][1]);
    print('end of run');
}
run();
print('done');
