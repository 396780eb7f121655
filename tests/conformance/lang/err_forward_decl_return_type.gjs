// expect-compile-error: forward declaration and definition differ in return type (E0203)
// expect-error-line: 8
// note: spec 5.5: a forward declaration must match the definition's return type (E0203). The
// note: conflict is reported at the later declaration, the definition (as E0201/E0202 are reported
// note: at the second declaration, spec 10.1).
i32 area(i32 w, i32 h);
print('must not be printed');
f64 area(i32 w, i32 h) { // <- error
    return w * h;
}
