// expect-compile-error: assignment to a non-place (E0302)
// expect-error-line: 8
// note: spec 4.1: assignment needs a place; a literal is not one.
print('must not be printed');
i32 x = 1;
x = 2;
i32 y = x = 3;
1 = 2; // <- error
print('' + x + y);
print('not reached');
