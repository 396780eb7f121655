// expect-compile-error: the right operand's operators are never searched (E0301)
// expect-error-line: 9
// note: spec 4.11: 'v * 2.0f' may use V's operator *, but '2.0f * v' is an error.
class V {
    V operator * (f32 s) { return V(); }
    f32 x;
};
V v;
V w = 2.0f * v; // <- error
