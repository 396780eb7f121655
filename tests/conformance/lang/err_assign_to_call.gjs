// expect-compile-error: assignment to a call result (E0302)
// expect-error-line: 10
// note: spec 4.1: call results are temporaries, not places.
print('must not be printed');
i32 seven() {
    return 7;
}
i32 s = seven();
s = 8;
seven() = 8; // <- error
print('' + seven());
