// expect: inner x=3
// expect: f x=2
// expect: global x=1
// expect: block x=10
// expect: nested x=str
// expect: block again x=10
// expect: param x=400
// expect: header x=7
// expect: loop i=5
// expect: global i=99
// expect: global again x=1
// note: spec 5.3: blocks, function bodies and for headers open scopes; an inner declaration
// note: shadows an outer one until its scope ends, even with another type. A for header's
// note: variable belongs to the loop, so a global with the same name may follow the loop.
// note: A parameter shadows a global of the same name.
i32 x = 1;
void f() {
    i32 x = 2;
    {
        i32 x = 3;
        print('inner x=' + x);
    }
    print('f x=' + x);
}
f();
print('global x=' + x);
{
    i32 x = 10;
    print('block x=' + x);
    {
        string x = 'str';
        print('nested x=' + x);
    }
    print('block again x=' + x);
}
i32 param(i32 x) {
    return x * 100;
}
print('param x=' + param(4));
for (i32 x = 7; x < 8; x++) {
    print('header x=' + x);
}
for (i32 i = 0; i < 2; i++) {
}
i32 i = 99;
for (i32 i = 5; i < 6; i++) {
    print('loop i=' + i);
}
print('global i=' + i);
print('global again x=' + x);
