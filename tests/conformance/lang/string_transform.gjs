// expect: world|hello|hello|he|lo world
// expect: world|hello|[]|he|ll
// expect: HELLO, WORLD 1! mixed 42
// expect: [pad me] [ab  ] [  ab]
// expect: ababab||-----
// expect: heLlo heLLo bba abc
// expect: ab-c a+b+c
// expect: abc ABC
// expect: mixed CASE
// note: spec 8.3 on s = 'hello world' (length 11). substring clamps both bounds to 0..length and
// note: swaps them if start > end: substring(5, 0) = substring(0, 5), substring(-3, 2) =
// note: substring(0, 2). slice counts negative bounds from the end (-5 -> 6, -6 -> 5,
// note: -100 -> clamped to 0) and does not swap, so slice(3, 1) is ''. trim removes ASCII
// note: whitespace (space, \t, \n ...). replace changes the first occurrence, replaceAll every
// note: non-overlapping one ('aaaaa' -> 'bba'). The methods return new strings.
string s = 'hello world';
print(s.substring(6) + '|' + s.substring(0, 5) + '|' + s.substring(5, 0) + '|'
      + s.substring(-3, 2) + '|' + s.substring(3, 100));
print(s.slice(-5) + '|' + s.slice(0, -6) + '|[' + s.slice(3, 1) + ']|'
      + s.slice(-100, 2) + '|' + s.slice(2, 4));
print('Hello, World 1!'.toUpperCase() + ' ' + 'MiXeD 42'.toLowerCase());
string padded = '  \t pad me \n ';
string two = '  ab  ';
print('[' + padded.trim() + '] [' + two.trimStart() + '] [' + two.trimEnd() + ']');
print('ab'.repeat(3) + '|' + 'x'.repeat(0) + '|' + '-'.repeat(5));
print('hello'.replace('l', 'L') + ' ' + 'hello'.replaceAll('l', 'L') + ' '
      + 'aaaaa'.replaceAll('aa', 'b') + ' ' + 'abc'.replace('x', 'y'));
print('a-b-c'.replace('-', '') + ' ' + 'a-b-c'.replaceAll('-', '+'));
string t = 'abc';
string u = t.toUpperCase();
print(t + ' ' + u);
print('  Mixed Case  '.trim().toLowerCase().replace('case', 'CASE'));
