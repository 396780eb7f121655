// expect-compile-error: a string used as a condition (E0304)
// expect-error-line: 9
// note: spec 4.4: a condition must be bool, numeric or an object with operator bool(); a string is
// note: none of these.
string s = 'x';
if (s.length) {
    print('length is a number');
}
if (s) { // <- error
    print('non-empty');
}
