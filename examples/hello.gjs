// A tour of the language core: functions with overloading and recursion, module
// globals, enums, loops, strings and number formatting.
enum Shape { Circle, Square = 4, Hexagon = 6 };

i32 calls = 0;

i64 factorial(i64 n) {
    calls++;
    if (n <= 1) return 1;
    return n * factorial(n - 1);
}

string describe(i32 v) { return 'i32:' + v; }
string describe(f64 v) { return 'f64:' + v.toFixed(2); }

f64 area(i32 shape, f64 size) {
    if (shape == Shape.Circle) return 3.141592653589793 * size * size;
    return shape * size * size / 4.0;
}

print('Hello from gjs!');
print('20! = ' + factorial(20) + ' after ' + calls + ' calls');
print(describe(7) + ' ' + describe(2.5));

string line = '';
for (i32 i = 1; i <= 5; i++) {
    if (i > 1) line += ', ';
    line += i * i;
}
print('squares: ' + line);

u8 small = 250;
small += 10;
print('u8 wraps: 250 + 10 = ' + small);
print('circle area: ' + area(Shape.Circle, 2.0).toFixed(3));
print('hexagon "area": ' + area(Shape.Hexagon, 2.0).toFixed(1));

i32 n = 27;
i32 steps = 0;
while (n != 1) {
    n = n % 2 == 0 ? n / 2 : 3 * n + 1;
    steps++;
}
print('collatz(27) takes ' + steps + ' steps');
console.log(true && steps > 100);
