// expect-compile-error: function declared but never defined (E0204)
// expect-error-line: 6
// note: spec 5.5: a function declared but never defined in its module is E0204. It is reported
// note: at the forward declaration (the only place the function appears).
print('must not be printed');
i32 helper(i32 x); // <- error
i32 other(i32 x) {
    return x + 1;
}
print('' + other(1));
