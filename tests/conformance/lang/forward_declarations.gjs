// expect: 42
// expect: hello gjs
// expect: 12
// expect: 2.5 2
// expect: hello called
// note: spec 5.5: a declaration ending in ';' is a forward declaration that a later definition
// note: with the same return type completes. Functions are visible throughout their module
// note: (spec 5.3), so later() can also be called before it is written, without a declaration.
// note: Overloads may be forward-declared one by one: half(5.0) is f64 2.5, half(5) is i32 2.
i32 twice(i32 x);
string greet(string name);
f64 half(f64 v);
i32 half(i32 v);
void hello();

print('' + twice(21));
print(greet('gjs'));
print('' + later(4));
print(half(5.0).toFixed(1) + ' ' + half(5));
hello();

i32 twice(i32 x) {
    return x * 2;
}
string greet(string name) {
    return 'hello ' + name;
}
i32 later(i32 n) {
    return n + twice(n);
}
f64 half(f64 v) {
    return v / 2.0;
}
i32 half(i32 v) {
    return v / 2;
}
void hello() {
    print('hello called');
}
