// expect-compile-error: no overload of 'split' matches the arguments (E0305)
// expect-error-line: 6
// note: spec 8.3, 3.10: split takes one string; an integer does not convert to string.
string s = 'a,b';
array<string> ok = s.split(',');
array<string> bad = s.split(1); // <- error
print('must not be printed');
