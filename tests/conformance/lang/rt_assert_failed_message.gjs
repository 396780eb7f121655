// expect: n=3
// expect: passed: n should be 3
// expect-runtime-error: assertion failed: n should be 4 (code 3)
// note: spec 8.1 / 6.5: a failed assert(cond, message) raises Error('assertion failed: ' +
// note: message, 3); the message may be built at run time. A passing assert prints nothing.
i32 n = 3;
print('n=' + n);
assert(n == 3, 'n should be 3');
print('passed: n should be 3');
string expected(i32 v) {
    return 'n should be ' + v;
}
assert(n == 4, expected(n + 1));
print('unreachable');
