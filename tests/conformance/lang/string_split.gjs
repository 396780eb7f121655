// expect: 3:[a][b][c]
// expect: 3:[one][two][three]
// expect: 4:[][a][b][]
// expect: 4:[a][][][b]
// expect: 3:[a][b][c]
// expect: 1:[]
// expect: 0:
// expect: 1:[hello]
// expect: 1:[ab]
// expect: 2:[][]
// expect: 3:[][][] 2:[][a]
// expect: 3:[a][b][]
// expect: 2 255 128
// expect: 2:[l1][l2]
// expect: 3:[a][ b][ c ]
// note: spec 8.3: split gives the parts between occurrences of sep, left to right; an
// note: occurrence at the start or end, or two in a row, leave an empty part there, so n
// note: occurrences always give n + 1 parts: ',a,b,' has 3 -> 4 parts. Occurrences do not
// note: overlap: 'aaaa'.split('aa') finds 0 and 2 (3 empty parts), 'aaa'.split('aa') finds
// note: only 0 (parts '' and 'a'). A separator that does not occur (or is longer than the
// note: string) gives the whole string. An empty sep gives one part per byte (bytes, not
// note: characters: '\xff\x80' gives 2 parts, byte values 255 and 128). ''.split(',') is one
// note: empty string (spec); ''.split('') has no bytes, so no parts: [] as in JavaScript.
string show(array<string> parts) {
    string out = '' + parts.length + ':';
    for (u32 i = 0; i < parts.length; i++) out += '[' + parts[i] + ']';
    return out;
}
print(show('a,b,c'.split(',')));
print(show('one::two::three'.split('::')));
print(show(',a,b,'.split(',')));
print(show('a,,,b'.split(',')));
print(show('abc'.split('')));
print(show(''.split(',')));
print(show(''.split('')));
print(show('hello'.split('x')));
print(show('ab'.split('abc')));
print(show('abc'.split('abc')));
print(show('aaaa'.split('aa')) + ' ' + show('aaa'.split('aa')));
print(show('a\0b\0'.split('\0')));
array<string> raw = '\xff\x80'.split('');
print('' + raw.length + ' ' + raw[0].charCodeAt(0) + ' ' + raw[1].charCodeAt(0));
print(show('l1\nl2'.split('\n')));
print(show('a, b, c '.split(',')));
