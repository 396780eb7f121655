// expect-compile-error: assignment to a const global (E0303)
// expect-error-line: 10
// note: spec 5.2: a const variable cannot be assigned after its declaration.
print('must not be printed');
const i32 LIMIT = 10;
i32 counter = 0;
counter += LIMIT;
print('' + LIMIT);
counter = LIMIT + 1;
LIMIT = 11; // <- error
print('' + LIMIT + counter);
