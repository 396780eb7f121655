// expect: start
// expect: all asserts passed
// note: spec 8.1: assert(cond) and assert(cond, message) do nothing when cond is true. The
// note: condition parameter is bool, so a numeric argument converts implicitly (5 is true).
print('start');
assert(true);
assert(1 < 2, 'one is less than two');
i32 n = 5;
assert(n == 5, 'n is five');
assert(n);
assert(n > 0 && n < 10);
string s = 'abc';
assert(s.length == 3, 'length is ' + s.length);
assert(s == 'abc');
f64 x = 0.5;
assert(x * 2.0 == 1.0, 'exact float arithmetic');
print('all asserts passed');
