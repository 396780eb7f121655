// expect-compile-error: a function name used as a value (E0308)
// expect-error-line: 9
// note: spec 4.8: functions are not values; they cannot be stored or passed.
print('must not be printed');
i32 seven() {
    return 7;
}
i32 ok = seven();
i32 x = seven; // <- error
print('' + x);
