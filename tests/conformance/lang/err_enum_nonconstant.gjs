// expect-compile-error: enum initialiser that is not a constant expression (E0312)
// expect-error-line: 7
// note: spec 3.6 / 4.12: an enumerator initialiser may use literals, operators and earlier
// note: enumerators only; a (non-const) global variable is not a constant expression.
i32 base = 3;
enum Level {
    Low = base, // <- error
    High
};
print('' + Level.High);
