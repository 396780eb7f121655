// expect-compile-error: 0x without hex digits (E0006)
// expect-error-line: 8
// note: spec 2.3: '0x' without digits is a malformed number (E0006).
print('must not be printed');
i32 m = 0x1F;
i32 zero = 0;
i32 upper = 0XAB;
i32 n = 0x; // <- error
print('' + upper);
print('' + n + m);
