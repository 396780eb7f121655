// expect-compile-error: a local in the function body redeclares a parameter (E0201)
// expect-error-line: 12
// note: spec 5.3: a function body and its parameters form one scope, so the local 'a' is a
// note: redeclaration, not a shadowing (nested blocks may shadow).
i32 shadowInBlock(i32 a) {
    {
        i32 a = 5;
        return a;
    }
}
i32 twice(i32 a) {
    i32 a = 2; // <- error
    return a * 2;
}
print('' + twice(1) + shadowInBlock(1));
