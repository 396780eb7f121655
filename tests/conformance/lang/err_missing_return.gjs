// expect-compile-error: not all paths of a non-void function return a value (E0400)
// expect-error-line: 6
// note: spec 5.5: the end of a non-void body must be unreachable; an 'if' without 'else' can
// note: complete. E0400 is reported at the function name (spec 10.1).
print('must not be printed');
i32 sign(i32 v) { // <- error
    if (v < 0) return -1;
    if (v > 0) return 1;
}
i32 signOk(i32 v) {
    if (v < 0) return -1;
    else if (v > 0) return 1;
    return 0;
}
print('' + sign(3) + signOk(3));
