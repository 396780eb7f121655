// expect-compile-error: enum has no value with this name (E0209)
// expect-error-line: 11
// note: spec 3.6 / 10.2: Color has no enumerator Purple.
print('must not be printed');
enum Color {
    Red,
    Green,
    Blue
};
i32 ok = Color.Blue;
i32 c = Color.Purple; // <- error
print('' + ok + c);
