// Loops are rotated (one test at the bottom), constants are hoisted out of them, and a
// counted loop's step and test fuse into one instruction.
i64 sum(i64 n) {
    i64 acc = 0;
    for (i64 i = 0; i < n; i++) {
        if (acc >= 1000000000000007) {
            acc -= 1000000000000007;
        }
        acc += i;
    }
    return acc;
}
u8 wrap(u8 x) {
    x += 200;
    return x;
}
print('' + sum(10) + ' ' + wrap(100));
