// expect-compile-error: an enum name used as a value (E0308)
// expect-error-line: 10
// note: spec 3.6: the enum name itself is neither a type nor a value.
print('must not be printed');
enum Color {
    Red,
    Green
};
i32 g = Color.Green;
i32 c = Color; // <- error
print('' + c + g);
