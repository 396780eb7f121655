// expect-compile-error: a template used without its type argument (E0309)
// expect-error-line: 7
// note: spec 3.7: Name<T> needs its argument.
class Box<subtype> {
    subtype v;
};
Box b; // <- error
