// expect-compile-error: a reserved word used as a variable name (E0102)
// expect-error-line: 6
// note: spec 2.2: 'let' is reserved for future versions and unusable as a name (E0102).
print('must not be printed');
i32 letter = 1;
i32 let = 1; // <- error
i32 lets = 2;
i32 variable = 3;
print('' + variable);
print('' + letter + lets);
