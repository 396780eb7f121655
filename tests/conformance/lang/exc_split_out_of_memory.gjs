// expect: caught 4
// expect: caught 4
// expect: after 10000000 3 abc
// note: spec 6.5, 8.3, 9.1: s is three parts of 9,999,999 'x', each followed by ','
// note: (30,000,000 bytes: a 32 MiB heap block, beside the 16 MiB one its temporary piece
// note: left free). Each part needs a 16 MiB block, and the three do not fit in the 64 MiB
// note: memory budget of the harness: out of memory, an Error with code 4, both when the
// note: result initialises a variable and when it is a temporary. The parts made before
// note: the fault are freed, so afterwards a 10,000,000-byte string fits again.
string s = ('x'.repeat(u32(9999999)) + ',').repeat(u32(3));
try {
    array<string> parts = s.split(',');
    print('not reached ' + parts.length);
} catch (Error e) {
    print('caught ' + e.code);
}
try {
    print('not reached ' + s.split(',').length);
} catch (Error e) {
    print('caught ' + e.code);
}
array<string> small = 'a,b,c'.split(',');
print('after ' + s.substring(0, 10000000).length + ' ' + small.length + ' ' + small[0] + small[1] + small[2]);
