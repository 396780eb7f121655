// expect-compile-error: 'break' in top-level code outside a loop (E0403)
// expect-error-line: 10
// note: spec 5.4: break outside a loop is E0403; an 'if' at top level is not a loop.
i32 n = 0;
while (n < 3) {
    n++;
    if (n == 2) break;
}
if (n == 2) {
    break; // <- error
}
print('' + n);
