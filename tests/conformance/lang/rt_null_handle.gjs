// expect: before
// expect-runtime-error: null object access (code 3)
// note: spec 5.7 / 6.5: using a null handle where an object is expected faults.
class Node {
    i32 v;
};
Node? n = null;
print('before');
print('' + n.v);
print('unreachable');
