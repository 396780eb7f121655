// expect: checking
// expect: first assert passed
// expect-runtime-error: assertion failed (code 3)
// note: spec 8.1 / 6.5: a failed assert(cond) raises Error('assertion failed', 3); code after
// note: it does not run.
print('checking');
i32 n = 3;
assert(n == 3);
print('first assert passed');
assert(n > 5);
print('unreachable');
