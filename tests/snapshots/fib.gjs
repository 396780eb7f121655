// Calls place their argument where the callee's frame starts: no moves around calls.
i32 fib(i32 n) {
    if (n < 2) {
        return n;
    }
    return fib(n - 1) + fib(n - 2);
}
print('' + fib(20));
