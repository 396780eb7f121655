// expect-compile-error: a type error in the body of a function that is never called
// expect-error-line: 10
// note: spec 10.1: every function body is compiled and checked; any error means no code runs, so
// note: the first print must not appear.
print('must not be printed');
void called() {
    print('called');
}
void neverCalled() {
    i32 x = 'text'; // <- error
    print('' + x);
}
called();
print('nor this');
