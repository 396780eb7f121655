// expect-compile-error: no conversion from int to string (E0300)
// expect-error-line: 9
// note: spec 3.8: there is no implicit conversion between string and numbers (string(5) would be
// note: the explicit form).
print('must not be printed');
string ok = string(5);
string alsoOk = '' + 5;
i32 n = 5;
string s = 5; // <- error
print(s + ok);
