// expect-compile-error: use of a for header's variable after the loop (E0200)
// expect-error-line: 11
// note: spec 5.4: a variable declared in the init of a for loop belongs to the loop.
print('must not be printed');
i32 total = 0;
for (i32 i = 0; i < 3; i++) {
    total += i;
}
for (i32 i = 0; i < 3; i++) {
}
print('' + total + i); // <- error
