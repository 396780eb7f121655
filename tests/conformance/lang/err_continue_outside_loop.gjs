// expect-compile-error: 'continue' in a function outside any loop (E0404)
// expect-error-line: 7
// note: spec 5.4: continue outside a loop is E0404, even if the function is called from inside a
// note: loop.
void skip(i32 v) {
    if (v > 0) {
        continue; // <- error
    }
    print('' + v);
}
for (i32 i = 0; i < 3; i++) {
    skip(i);
}
