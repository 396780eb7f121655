// expect: true false false true
// expect: true false true true
// expect: true true true
// expect: true false
// expect: true true false
// expect: true true
// expect: false true
// expect: true true false
// note: spec 4.5: strings are equal when length and bytes match and are ordered bytewise by
// note: unsigned byte value, a proper prefix first. 'B' (66) < 'a' (97); 'Z' (90) > 'a' is
// note: false; '\xff' (255) > 'a' and '\x80' > '\x7F' because bytes are unsigned; '10' < '9'
// note: because '1' (49) < '9' (57). NUL bytes take part like any other byte.
string a = 'abc';
string b = 'abd';
string p = 'ab';
string e = '';
print('' + (a == 'abc') + ' ' + (a != 'abc') + ' ' + (a == b) + ' ' + (a != b));
print('' + (a < b) + ' ' + (b < a) + ' ' + (p < a) + ' ' + (a > p));
print('' + (e < p) + ' ' + (e == '') + ' ' + (e.length == 0));
print('' + ('B' < 'a') + ' ' + ('Z' > 'a'));
print('' + ('b' > 'abc') + ' ' + ('abc' <= 'abc') + ' ' + ('abc' >= 'abd'));
print('' + ('\xff' > 'a') + ' ' + ('\x80' > '\x7F'));
print('' + ('a\0b' == 'a\0c') + ' ' + ('a\0' > 'a'));
print('' + ('ab' + 'c' == a) + ' ' + ('10' < '9') + ' ' + ('abc' == 'ABC'));
