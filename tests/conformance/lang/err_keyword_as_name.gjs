// expect-compile-error: a keyword used as a variable name (E0102)
// expect-error-line: 6
// note: spec 2.2: 'class' is a keyword; using it as a name is E0102.
print('must not be printed');
i32 classes = 1;
i32 class = 1; // <- error
i32 klass = 2;
i32 formats = 3;
print('' + formats);
print('' + classes + klass);
