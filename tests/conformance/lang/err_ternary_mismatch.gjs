// expect-compile-error: ?: with a string branch and an integer branch (E0300)
// expect-error-line: 8
// note: spec 4.4: the branches of ?: need a common type; string and i32 have none.
print('must not be printed');
bool flag = true;
print(flag ? 'yes' : 'no');
print('' + (flag ? 1 : 2.5));
print('' + (flag ? 'yes' : 0)); // <- error
print('' + (flag ? 'yes' : '' + 0));
i32 n = flag ? 1 : 0;
print('' + n);
