// expect-compile-error: using the result of a void function as a value (E0316)
// expect-error-line: 11
// note: spec 4.8: a void result is not a value.
void hello() {
    print('hello');
}
i32 number() {
    return 1;
}
hello();
i32 x = hello(); // <- error
print('' + x);
