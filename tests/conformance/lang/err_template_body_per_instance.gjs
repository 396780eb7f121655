// expect-compile-error: a template body that does not work for one argument (E0207)
// expect-error-line: 10
// note: spec 3.7: a template body is checked per instantiation, and the error is reported at
// note: the instantiation (with a note at the template line). Box<string> is fine.
class Box<subtype> {
    i32 size() { return i32(this.v.length); }
    subtype v;
};
Box<string> fine;
Box<i32> broken; // <- error
