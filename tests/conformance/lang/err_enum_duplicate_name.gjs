// expect-compile-error: the same enumerator twice in one enum (E0201)
// expect-error-line: 11
// note: spec 3.6: a duplicate enumerator name is E0201, reported at the second one (spec 10.1).
print('must not be printed');
enum Other {
    North
};
enum Dir {
    North,
    South,
    North // <- error
};
print('' + Dir.South);
