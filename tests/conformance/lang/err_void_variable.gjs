// expect-compile-error: a variable of type void (E0316)
// expect-error-line: 7
// note: spec 3.1: void is only a return type; elsewhere it is E0316.
print('must not be printed');
void f() {
    i32 something;
    void nothing; // <- error
    print('f' + something);
}
void g() {
}
f();
