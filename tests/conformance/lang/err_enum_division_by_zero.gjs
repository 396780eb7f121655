// expect-compile-error: constant division by zero in an enum initialiser (E0312)
// expect-error-line: 10
// note: spec 4.12: a constant integer division by zero is E0312 in an enum initialiser.
print('must not be printed');
enum Good {
    Two = 4 / 2
};
enum Bad {
    One = 1,
    Broken = One / 0, // <- error
    Three
};
print('' + Bad.One);
