// expect-compile-error: comparing a string with an integer (E0301)
// expect-error-line: 10
// note: spec 4.5: values of different kinds cannot be compared.
print('must not be printed');
string s = '1';
i32 n = 1;
if (s == '' + n) {
    print('equal as strings');
}
if (s == n) { // <- error
    print('equal');
}
