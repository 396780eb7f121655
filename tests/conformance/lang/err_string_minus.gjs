// expect-compile-error: '-' on two strings (E0301)
// expect-error-line: 9
// note: spec 4.2 / 4.10: only '+' is defined on strings; '-' is E0301.
print('must not be printed');
string a = 'abc';
string b = 'b';
print(a + b);
a += b;
print(a - b); // <- error
print(a);
