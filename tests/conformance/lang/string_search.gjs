// expect: 4 7 -1 7
// expect: 6 -1 9 0
// expect: true false true false
// expect: true false
// expect: 104 111 w []
// expect: hd
// expect: HiA
// expect: 11 3 255
// expect: 1 1
// note: spec 8.3 on s = 'hello world' (h0 e1 l2 l3 o4 _5 w6 o7 r8 l9 d10): indexOf finds the
// note: first occurrence at or after 'from', lastIndexOf the last one, -1 when absent.
// note: charCodeAt gives the unsigned byte value, charAt a one-byte string or '' when out of
// note: range, s[i] a one-byte string. fromCharCode(code) uses code & 255: 321 & 255 = 65 ('A').
// note: 'aaa'.indexOf('aa', 1) is 1 and 'aaa'.lastIndexOf('aa') is 1.
string s = 'hello world';
print('' + s.indexOf('o') + ' ' + s.indexOf('o', 5) + ' ' + s.indexOf('z') + ' ' + s.lastIndexOf('o'));
print('' + s.indexOf('world') + ' ' + s.indexOf('hello', 1) + ' ' + s.lastIndexOf('l') + ' ' + s.indexOf('hello'));
print('' + s.includes('lo w') + ' ' + s.includes('low') + ' ' + s.startsWith('hell') + ' ' + s.startsWith('world'));
print('' + s.endsWith('world') + ' ' + s.endsWith('hello'));
print('' + s.charCodeAt(0) + ' ' + s.charCodeAt(4) + ' ' + s.charAt(6) + ' [' + s.charAt(99) + ']');
print(s[0] + s[10]);
print(string.fromCharCode(72) + string.fromCharCode(105) + string.fromCharCode(321));
print('' + s.length + ' ' + 'abc'.length + ' ' + '\xff'.charCodeAt(0));
print('' + 'aaa'.indexOf('aa', 1) + ' ' + 'aaa'.lastIndexOf('aa'));
