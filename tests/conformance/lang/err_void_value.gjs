// expect-compile-error: a call of a void function used as a value
// expect-error-line: 8
// note: spec 4.8: a void result is not a value (E0316), in any position.
void hello() {
    print('hello');
}
hello();
print('' + hello()); // <- error
