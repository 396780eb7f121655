// expect-compile-error: ++ on a const local (E0303)
// expect-error-line: 8
// note: spec 4.1 / 5.2: ++ and -- need a place that is not const.
void count() {
    i32 m = 0;
    m++;
    const i32 n = 0;
    n++; // <- error
    print('' + n + m);
}
print('must not be printed');
count();
