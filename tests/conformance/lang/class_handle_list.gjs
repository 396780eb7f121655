// expect: sum=6
// expect: free 3
// expect: free 2
// expect: free 1
// expect: head is null
// note: spec 5.7: handles re-point, never copy; a destructor that deletes its handle field frees
// note: the whole list; 'delete h' sets the place h to null.
class Node {
    constructor(i32 v) { this.v = v; }
    destructor() {
        print('free ' + this.v);
        delete this.next;
    }
    i32 v;
    Node? next;
};
Node? head = null;
for (i32 i = 1; i <= 3; i++) {
    Node? n = new Node(i);
    n.next = head;
    head = n;
}
i32 sum = 0;
for (Node? cur = head; cur != null; cur = cur.next) { sum += cur.v; }
print('sum=' + sum);
delete head;
if (head == null) {
    print('head is null');
}
