// expect-compile-error: an operator with the wrong number of parameters (E0322)
// expect-error-line: 5
// note: spec 4.11: binary operators take one parameter, unary ones none.
class V {
    V operator * (f32 a, f32 b) { return V(); } // <- error
    f32 x;
};
