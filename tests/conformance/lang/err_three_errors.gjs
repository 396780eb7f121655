// expect-compile-error: three independent errors; all are reported
// expect-error-line: 11
// note: spec 10.1: compilation reports all the errors it finds. The errors are on lines 7 (E0300),
// note: 9 (E0200) and 11 (E0300); the checked line is the last one, so a compiler that stops
// note: at the first error fails this test.
print('must not be printed');
i32 a = 'one'; // <- error
void f() {
    undefinedThing = 2; // <- error
}
string s = 5; // <- error
