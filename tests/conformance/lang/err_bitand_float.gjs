// expect-compile-error: bitwise '&' with a float operand (E0301)
// expect-error-line: 9
// note: spec 4.3: floating operands of & are E0301, even when the other operand is an integer.
print('must not be printed');
f32 a = 1.0f;
i32 b = 3;
i32 c = 6;
print('' + (b & c));
print('' + (b & a)); // <- error
print('' + (b | c));
