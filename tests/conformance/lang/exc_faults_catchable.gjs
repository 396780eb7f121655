// expect: array index 7 is out of range (length 2) 3
// expect: null object access 3
// expect: stack overflow 5
// expect: assertion failed: nope 3
// expect: pop from an empty array 3
// expect: string index -1 is out of range (length 3) 3
// expect: still running
// note: spec 6.5: runtime faults are Errors with the listed codes and messages.
class Node { i32 v; };
i32 forever(i32 n) { return forever(n + 1) + 1; }
array<i32> a; a.push(1); a.push(2);
try { a[7] = 1; } catch (Error e) { print(e.message + ' ' + e.code); }
Node? n = null;
try { n.v = 1; } catch (Error e) { print(e.message + ' ' + e.code); }
try { forever(0); } catch (Error e) { print(e.message + ' ' + e.code); }
try { assert(false, 'nope'); } catch (Error e) { print(e.message + ' ' + e.code); }
array<string> empty;
try { empty.pop(); } catch (Error e) { print(e.message + ' ' + e.code); }
string s = 'abc';
try { print(s[-1]); } catch (Error e) { print(e.message + ' ' + e.code); }
print('still running');
