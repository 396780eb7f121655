// expect-compile-error: string literal not closed on its line (E0002)
// expect-error-line: 9
// note: spec 2.3: a string literal must end on the line where it starts; the marker comment below is
// note: part of the unterminated string.
print('must not be printed');
string ok = 'closed';
string other = "also closed";
string quotes = "it's";
string s = 'never closed; // <- error
print(s + ok);
