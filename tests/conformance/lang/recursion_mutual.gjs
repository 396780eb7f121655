// expect: true true false
// expect: F: 1 1 2 2 3 3 4 5 5 6 6 7
// expect: M: 0 0 1 2 2 3 4 4 5 6 6 7
// expect: 1010 11111111 1111101000
// expect: depth 900
// expect: 3628800
// note: mutual recursion between functions that call each other before their definitions
// note: (functions are visible module-wide, spec 5.3). Hofstadter sequences: F(0) = 1, M(0) = 0,
// note: F(n) = n - M(F(n - 1)), M(n) = n - F(M(n - 1)). binary() recurses on u32 n / 2 and
// note: appends n % 2. A 900-deep chain must fit (spec 9.2 requires at least 1,000). 10! = 3628800.
bool isEven(i32 n) {
    if (n == 0) return true;
    return isOdd(n - 1);
}
bool isOdd(i32 n) {
    if (n == 0) return false;
    return isEven(n - 1);
}
print('' + isEven(10) + ' ' + isOdd(7) + ' ' + isEven(7));

i32 hofF(i32 n) {
    if (n == 0) return 1;
    return n - hofM(hofF(n - 1));
}
i32 hofM(i32 n) {
    if (n == 0) return 0;
    return n - hofF(hofM(n - 1));
}
string fLine = 'F:';
string mLine = 'M:';
for (i32 i = 0; i < 12; i++) {
    fLine += ' ' + hofF(i);
    mLine += ' ' + hofM(i);
}
print(fLine);
print(mLine);

string binary(u32 n) {
    if (n < 2) return '' + n;
    return binary(n / 2) + (n % 2);
}
print(binary(10) + ' ' + binary(255) + ' ' + binary(1000));

i32 deep(i32 n) {
    if (n == 0) return 0;
    return 1 + deep(n - 1);
}
print('depth ' + deep(900));

i64 fact(i32 n) {
    return n <= 1 ? 1 : n * fact(n - 1);
}
print('' + fact(10));
