// expect: s[0]=a
// expect: s[2]=c
// expect-runtime-error: string index 3 is out of range (length 3)
// note: spec 8.3 / 6.5: s[i] faults when i is not less than the length; the failing read
// note: happens while the argument of the third print is built, so it prints nothing.
string s = 'abc';
print('s[0]=' + s[0]);
i32 i = 2;
print('s[2]=' + s[i]);
i++;
print('s[3]=' + s[i]);
print('unreachable');
