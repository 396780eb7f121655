// expect: 3000000
// expect: 6000000 yyyy
// expect: 3000001 -1
// note: spec 8.3: repeat and replaceAll build strings larger than the initial heap (1,000,000
// note: bytes by default), which grows up to its cap as for any other allocation.
string s = 'x'.repeat(u32(3000000));
print('' + s.length);
string t = s.replaceAll('x', 'yy');
print('' + t.length + ' ' + t.substring(0, 4));
string u = s + 'z';
print('' + u.length + ' ' + u.indexOf('zz'));
