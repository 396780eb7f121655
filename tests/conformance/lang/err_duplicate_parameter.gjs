// expect-compile-error: two parameters with the same name (E0201)
// expect-error-line: 7
// note: spec 5.3: a name declared twice in one scope is E0201; parameters share one scope.
i32 sub(i32 a, i32 b) {
    return a - b;
}
i32 add(i32 a, i32 a) { // <- error
    return a + a;
}
print('' + add(1, 2) + sub(3, 2));
