// expect: before
// expect: finally runs
// expect-runtime-error: an exception of a user class that nothing catches
class Boom { i32 x; };
print('before');
try { throw Boom(); } finally { print('finally runs'); }
print('unreachable');
