// expect-compile-error: \x escape with one hex digit (E0004)
// expect-error-line: 7
// note: spec 2.3: \xHH needs exactly two hex digits; \xG is invalid.
print('must not be printed');
string s = 'ok \x41';
string u = 'ok \x4A\x4B';
string t = 'bad \xG1'; // <- error
print(s + t + u);
string v = 'ok \x00';
print(v);
