// expect-compile-error: a class that contains itself by value (E0314)
// expect-error-line: 4
// note: spec 3.4: only a handle field 'Node? next;' may refer to the class itself.
class Node { // <- error
    i32 v;
    Node next;
};
