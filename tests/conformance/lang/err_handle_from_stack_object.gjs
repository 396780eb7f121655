// expect-compile-error: a handle cannot refer to a stack object (E0300)
// expect-error-line: 8
// note: spec 5.7: 'Node? h = someLocal;' is an error: there are no handles to stack objects.
class Node {
    i32 v;
};
Node local;
Node? h = local; // <- error
