// expect: A B C F
// expect: 1 2 3
// expect: max>5
// expect: calls=1 r=1
// expect: 1.000000
// expect: tf ft
// expect: 15 10
// expect: zero is false
// note: spec 4.4 / 2.4: '?:' is right-associative, so a ? b : c ? d : e is a ? b : (c ? d : e);
// note: only the chosen branch is evaluated; with numeric branches the type is the common type
// note: (i32 and f64 give f64, so true ? 1 : 2.5 is 1.0). A numeric condition is true when not 0.
string grade(i32 s) {
    return s >= 90 ? 'A' : s >= 80 ? 'B' : s >= 70 ? 'C' : 'F';
}
print(grade(95) + ' ' + grade(85) + ' ' + grade(70) + ' ' + grade(10));
bool t = true;
bool f = false;
print('' + (t ? 1 : f ? 2 : 3) + ' ' + (f ? 1 : t ? 2 : 3) + ' ' + (f ? 1 : f ? 2 : 3));
i32 a = 4;
i32 b = 9;
print((a > b ? a : b) > 5 ? 'max>5' : 'max<=5');

i32 calls = 0;
i32 mark(i32 v) {
    calls++;
    return v;
}
i32 r = t ? mark(1) : mark(2);
print('calls=' + calls + ' r=' + r);
print('' + (t ? 1 : 2.5));
string both(bool x, bool y) {
    return x ? (y ? 'tt' : 'tf') : (y ? 'ft' : 'ff');
}
print(both(t, f) + ' ' + both(f, t));
print('' + (10 + (t ? 5 : 0)) + ' ' + (10 + (f ? 5 : 0)));
i32 zero = 0;
print(zero ? 'zero is true' : 'zero is false');
