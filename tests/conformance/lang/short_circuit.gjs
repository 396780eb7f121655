// expect: eval 1
// expect: eval 3
// expect: eval 4
// expect: eval 5
// expect: eval 7
// expect: eval 8
// expect: false false true false
// expect: eval 9
// expect: eval 11
// expect: chain=true
// expect: eval 12
// expect: x=false
// expect: eval 14
// expect: y=true
// expect: safe=false
// expect: false true
// note: spec 4.4 / 4.6: '&&' evaluates its right operand only when the left is true, '||' only
// note: when it is false; '&&' binds tighter than '||'. 'a &&= b' evaluates b only when a is
// note: true and 'a ||= b' only when a is false. The guarded division by zero never runs.
// note: Numeric operands are converted to bool: 5 && 0 is false, 0 || 2.5 is true.
bool side(string tag, bool v) {
    print('eval ' + tag);
    return v;
}
bool a = side('1', false) && side('2', true);
bool b = side('3', true) && side('4', false);
bool c = side('5', true) || side('6', true);
bool d = side('7', false) || side('8', false);
print('' + a + ' ' + b + ' ' + c + ' ' + d);
bool chain = side('9', false) && side('10', true) || side('11', true);
print('chain=' + chain);
bool x = true;
x &&= side('12', false);
x &&= side('13', true);
print('x=' + x);
bool y = false;
y ||= side('14', true);
y ||= side('15', false);
print('y=' + y);
i32 zero = 0;
bool safe = zero != 0 && 10 / zero > 1;
print('safe=' + safe);
print('' + (5 && 0) + ' ' + (0 || 2.5));
