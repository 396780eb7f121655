// expect: line1
// expect: line2
// expect: double quoted
// expect: single 'quoted'
// expect: it's "fine"
// expect: back\slash
// expect: AB ABC Z
// expect: say "hi"
// expect: tab: 3 9
// expect: cr: 13 nul: 0 3
// expect: \n is two chars: 2
// expect: not // a comment /* nor this */
// expect: true 1 1
// note: spec 2.3: strings use ' or " (the other quote may appear unescaped); escapes are \n \t
// note: \r \0 \\ \' \" and \xHH with exactly two hex digits, so '\x41BC' is "ABC". print writes
// note: a \n inside its argument as a line break. Tabs, CR and NUL are checked through length
// note: and charCodeAt instead of being printed. Comment markers inside strings are text.
print('line1\nline2');
print("double quoted");
print('single \'quoted\'');
print("it's \"fine\"");
print('back\\slash');
print('\x41\x42' + ' ' + '\x41BC' + ' ' + "\x5A");
print('say "hi"');
string tab = 'a\tb';
print('tab: ' + tab.length + ' ' + tab.charCodeAt(1));
string cr = 'x\ry';
string nul = 'a\0b';
print('cr: ' + cr.charCodeAt(1) + ' nul: ' + nul.charCodeAt(1) + ' ' + nul.length);
print('\\n is two chars: ' + '\\n'.length);
print('not // a comment /* nor this */');
print('' + ('abc' == "abc") + ' ' + '\''.length + ' ' + "\"".length);
