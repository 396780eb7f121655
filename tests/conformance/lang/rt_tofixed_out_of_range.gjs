// expect: 102
// expect: 1.50
// expect-runtime-error: toFixed() digits out of range (code 3)
// note: spec 8.2: toFixed accepts up to 100 digits ('1.' plus 100 digits is 102 bytes); more
// note: than 100 faults with 'toFixed() digits out of range'.
f64 x = 1.5;
print('' + x.toFixed(100).length);
print(x.toFixed(2));
print(x.toFixed(101));
print('unreachable');
