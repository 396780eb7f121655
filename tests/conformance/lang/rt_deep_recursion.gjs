// expect: reached 900
// expect-runtime-error: stack overflow through unbounded mutual recursion (code 5)
// note: spec 9.2: when the stack is exhausted the stack-overflow fault (code 5) is raised; a
// note: chain of 1,000 calls must still succeed, so depth 900 is reached (and printed once)
// note: before the overflow. The calls are not in tail position.
i32 ping(i32 n) {
    if (n == 900) print('reached 900');
    return pong(n + 1) + 1;
}
i32 pong(i32 n) {
    i32 local = n * 2;
    return ping(n + 1) + local;
}
i32 r = ping(0);
print('unreachable ' + r);
