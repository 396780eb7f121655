// expect-compile-error: delete of something that is not a handle (E0319)
// expect-error-line: 8
// note: spec 5.7: only handles can be deleted; stack objects end with their scope.
class P {
    i32 v;
};
P p;
delete p; // <- error
