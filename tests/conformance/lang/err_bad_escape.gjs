// expect-compile-error: invalid escape sequence \q (E0004)
// expect-error-line: 7
// note: spec 2.3: the escapes are \n \t \r \0 \\ \' \" and \xHH; any other is E0004.
print('must not be printed');
string ok = 'fine \\ \n \t escapes';
string hex = '\x41\x7A';
string s = 'bad \q escape'; // <- error
print(s + ok);
print(hex);
print('\\x');
