// expect: before
// expect: 1/1=1
// expect-runtime-error: constant integer division by zero compiles and faults when executed
// note: spec 4.12: a constant integer division by zero is an error only in an enum initialiser;
// note: elsewhere it compiles and faults when executed, so the first prints happen. Constant
// note: float division by zero is not a fault at all (it is inf).
print('before');
print('1/1=' + 1 / 1);
f64 inf = 1.0 / 0.0;
i32 q = 1 / 0;
print('unreachable ' + q + ' ' + inf);
