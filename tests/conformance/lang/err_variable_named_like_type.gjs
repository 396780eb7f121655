// expect-compile-error: a variable named like a type (E0206)
// expect-error-line: 6
// note: spec 2.2 / 5.3: the predeclared type names (string, i32, ...) cannot name variables.
print('must not be printed');
i32 strings = 0;
i32 string = 1; // <- error
i32 i32s = 2;
string text = 'text';
print(text);
print('' + strings + i32s);
