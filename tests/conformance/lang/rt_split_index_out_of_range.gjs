// expect: b
// expect-runtime-error: array index 2 is out of range (length 2)
// note: spec 8.3, 8.4: 'a,b'.split(',') has the two parts 'a' and 'b'; indexing the
// note: temporary result is bounds-checked like any array.
string s = 'a,b';
print(s.split(',')[1]);
print(s.split(',')[2]);
print('unreachable');
