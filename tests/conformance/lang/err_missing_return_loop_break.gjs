// expect-compile-error: a while (true) loop with a break can complete (E0400)
// expect-error-line: 5
// note: spec 5.5: 'while (true)' cannot complete only if it has no 'break' for it; this one has one,
// note: so the end of the body is reachable. E0400 is reported at the function name.
i32 search(i32 limit) { // <- error
    i32 i = 0;
    while (true) {
        if (i * i > limit) return i;
        if (i > 100) break;
        i++;
    }
}
print('' + search(50));
