// expect-compile-error: '~' on a float (E0301)
// expect-error-line: 10
// note: spec 4.3: floating operands of ~ & | ^ << >> are E0301.
print('must not be printed');
i32 bits = 5;
i32 ok = ~bits;
u8 small = 1;
i32 alsoOk = ~small;
f64 x = 1.5;
i32 y = ~x; // <- error
print('' + y + ok);
