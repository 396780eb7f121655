// expect-compile-error: invalid character '@' (E0001)
// expect-error-line: 7
// note: spec 2.1 / 10.2: '@' is not a token of the language.
print('must not be printed');
i32 b = 5 & 3;
i32 c = 5 ^ 3;
i32 a = 5 @ 3; // <- error
print('' + c);
string at = 'an @ inside a string is fine'; // and @ in a comment too
print(at);
print('' + a + b);
