// expect-compile-error: use of a block's local after the block ended (E0200)
// expect-error-line: 11
// note: spec 5.3: a local is visible only until its scope ends.
i32 outside = 0;
{
    i32 inside = 1;
    outside = inside;
    print('' + inside);
}
print('' + outside);
print('' + inside); // <- error
