// expect-compile-error: a name starting with two underscores (E0206)
// expect-error-line: 8
// note: spec 2.2: names that start with two underscores are reserved for the implementation.
print('must not be printed');
i32 _single = 1;
i32 a__b = 2;
i32 trailing__ = 3;
i32 __hidden = 1; // <- error
print('' + trailing__);
print('' + _single + a__b);
