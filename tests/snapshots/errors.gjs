// Every error in a file is reported, each at the offending token, with no cascades.
i32 f(i32 a) {
    string s = a;
    return undefinedName + 1;
}
void g() {
    break;
    return 1;
}
i32 h(bool b) {
    if (b) return 1;
}
i32 x = f(1, 2);
