// expect: caught 1000
// note: spec 6.2: 'throw new Error(...)' moves the object and frees its heap storage; a
// note: thousand of them in a small heap would fail otherwise only if the leak were large,
// note: so this checks behaviour, and tests/robustness.rs checks the memory.
i32 n = 0;
for (i32 i = 0; i < 1000; i++) {
    try { throw new Error('e' + i); } catch (Error e) { n++; }
}
print('caught ' + n);
