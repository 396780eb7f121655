// Element access with an i32 index is one instruction; the length is read where the
// loop tests it; a local array is zeroed where it is declared and destroyed when its
// scope ends.
f64 total(array<f64> xs) {
    f64 t = 0.0;
    for (i32 i = 0; i < xs.length; i++) {
        t += xs[i];
    }
    return t;
}
f64 squares(i32 n) {
    array<f64> a;
    for (i32 i = 0; i < n; i++) {
        a.push(i * i * 1.0);
    }
    return total(a);
}
print(squares(4).toFixed(1));
