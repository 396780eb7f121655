// expect: -1 0 1
// expect: 8
// expect: 4
// expect: 42
// expect: 2
// expect: odd
// note: spec 5.5: the end of a non-void function's body must be unreachable. These bodies are
// note: valid: if/else chains that all return, while (true) and for (;;) loops without a break,
// note: a do loop whose body cannot complete (and has no continue), and a nested block that
// note: returns. firstOver(50) is 8 (64 > 50); forever(1) counts up to 4.
i32 sign(i32 v) {
    if (v < 0) return -1;
    else if (v == 0) return 0;
    else return 1;
}
i32 firstOver(i32 limit) {
    i32 i = 0;
    while (true) {
        if (i * i > limit) return i;
        i++;
    }
}
i32 forever(i32 n) {
    for (;;) {
        if (n > 3) return n;
        n++;
    }
}
i32 doOnce(i32 v) {
    do {
        return v * 2;
    } while (false);
}
i32 blocky(i32 v) {
    {
        return v + 1;
    }
}
string parity(i32 v) {
    if (v % 2 == 0) {
        return 'even';
    } else {
        return 'odd';
    }
}
print('' + sign(-5) + ' ' + sign(0) + ' ' + sign(9));
print('' + firstOver(50));
print('' + forever(1));
print('' + doOnce(21));
print('' + blocky(1));
print(parity(7));
