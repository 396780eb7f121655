// expect: body j=50 header j=0
// expect: body j=50 header j=1
// expect: k=3
// note: spec 5.3 lists "a for header" and "each loop body" as separate scopes (unlike a function
// note: body, which shares one scope with its parameters), so a declaration directly in the body
// note: may shadow the header's variable; the loop keeps counting with the header's j. C++ would
// note: reject this redeclaration; gjs's scope rules allow it. The while body declares its
// note: local afresh on every iteration.
for (i32 j = 0; j < 2; j++) {
    i32 header = j;
    i32 j = 50;
    print('body j=' + j + ' header j=' + header);
}
i32 k = 0;
while (k < 3) {
    i32 step = 1;
    k += step;
}
print('k=' + k);
