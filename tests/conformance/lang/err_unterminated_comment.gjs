// expect-compile-error: block comment never closed (E0003)
// expect-error-line: 10
// note: spec 2.1: a block comment without '*/' is E0003. The comment starts on the last line, which
// note: has no newline, so its start and the end of the file are on the same line.
print('must not be printed');
/* a closed comment */
i32 a = 1;
/* another
   closed comment */
/* this comment is never closed // <- error