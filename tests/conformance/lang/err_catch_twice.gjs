// expect-compile-error: a class caught twice by one try (E0321)
// expect-error-line: 4
try { print('x'); }
catch (Error a) { } catch (Error b) { } // <- error
