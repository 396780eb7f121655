// expect: 30
// expect: gjs 3 0.25
// expect: local=15
// expect: sq=0 sq=1 sq=4
// expect: true 44
// expect: inner LIMIT=3 outer LIMIT=10
// expect: GJS
// note: spec 5.2: const locals and globals need an initialiser and cannot be assigned, but any
// note: expression may initialise them (a const in a loop body gets a new value each iteration).
// note: const u8 SMALL = 300 wraps to 44 like any u8. A const may be shadowed in an inner block.
// note: Methods of a const string may be called (they return new strings).
const i32 LIMIT = 10;
const string NAME = 'gjs';
const f64 RATE = 0.25;
i32 scaled(i32 v) {
    return v * LIMIT;
}
print('' + scaled(3));
print(NAME + ' ' + NAME.length + ' ' + RATE.toFixed(2));

void f() {
    const i32 local = LIMIT + 5;
    print('local=' + local);
}
f();

string squares = '';
for (i32 i = 0; i < 3; i++) {
    const i32 sq = i * i;
    if (i > 0) squares += ' ';
    squares += 'sq=' + sq;
}
print(squares);

const bool FLAG = LIMIT > 5;
const u8 SMALL = 300;
print('' + FLAG + ' ' + SMALL);
{
    const i32 LIMIT = 3;
    print('inner LIMIT=' + LIMIT + ' outer LIMIT=' + scaled(1));
}
print(NAME.toUpperCase());
