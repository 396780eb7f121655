// expect-compile-error: a field named twice in a literal (E0201)
// expect-error-line: 5
// note: spec 4.9: each name of a literal must be a field and occur once.
format P { i32 x, i32 y };
P p = P({ x: 1, y: 2, x: 3 }); // <- error
