// expect: out of memory 4
// expect: after 4
// note: spec 6.5: running out of heap is an Error with code 4; unwinding destroys the
// note: array that filled the heap, so the handler has memory again.
void fill() {
    array<i64> a;
    while (true) { a.push(1); }
}
try { fill(); } catch (Error e) { print(e.message + ' ' + e.code); }
print('after ' + Error.OUT_OF_MEMORY);
