// expect: 7 % 4 = 3
// expect: 7 % 1 = 0
// expect-runtime-error: integer remainder by zero (division by zero, code 3)
// note: spec 4.2 / 6.5: '%' by zero raises the division-by-zero fault, here on u32 operands;
// note: the fault happens while the argument of the third print is built.
u32 a = 7;
u32 b = 4;
print('7 % 4 = ' + (a % b));
b = 1;
print('7 % 1 = ' + (a % b));
b = 0;
print('7 % 0 = ' + (a % b));
print('unreachable');
