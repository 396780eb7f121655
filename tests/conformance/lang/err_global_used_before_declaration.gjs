// expect-compile-error: a function written before a global's declaration uses it (E0200)
// expect-error-line: 7
// note: spec 5.3: module globals are visible from their declaration on, in top-level code and in
// note: function bodies written after it; this function is written before the declaration.
i32 first = 1;
i32 early() {
    return first + later; // <- error
}
i32 later = 5;
print('' + early());
