// expect: 3 x=1 z=333 total=12
// expect: 3 y=22 22
// expect: longest=3
// expect: fox quick the 3
// expect: [p][q][end]
// expect: 2xy
// expect: 3 3 2 1 34
// expect: 4d
// expect: 2 false d 3
// expect: abcd abce
// expect: k=v
// expect: 2 1
// note: spec 3.3, 5.6, 5.8, 8.3, 8.4: the result of split is an ordinary array<string>. It
// note: initialises a variable; a temporary result (s.split(';').length, s.split(';')[1])
// note: lives to the end of its full expression; an array parameter refers to a temporary
// note: argument; functions return it by value; it is copied into an array<array<string>>,
// note: assigned over another array or a field, and its members work. fields: 'x=1' (3
// note: bytes), 'y=22' (4), 'z=333' (5): 12. words() trims '  the quick fox ' first, so there
// note: are no empty parts. m = [b, a, c, d]: indexOf('c') is 2, pop() gives 'd', then the
// note: length is 3 (operands left to right). Parts are values: a part that is the whole
// note: source string still changes independently of it. A ?: of strings can be split:
// note: 'a b' gives 2 parts, 'c' one.
string csv = 'x=1;y=22;z=333';
array<string> fields = csv.split(';');
i32 total = 0;
for (u32 i = 0; i < fields.length; i++) total += i32(fields[i].length);
print('' + fields.length + ' ' + fields[0] + ' ' + fields[2] + ' total=' + total);
print('' + csv.split(';').length + ' ' + csv.split(';')[1] + ' ' + csv.split(';')[1].split('=')[1]);
i32 longest(array<string> parts) {
    i32 best = 0;
    for (u32 i = 0; i < parts.length; i++) {
        if (i32(parts[i].length) > best) best = i32(parts[i].length);
    }
    return best;
}
print('longest=' + longest('a bbb cc'.split(' ')));
array<string> words(string line) { return line.trim().split(' '); }
array<string> w = words('  the quick fox ');
print(w[2] + ' ' + w[1] + ' ' + w[0] + ' ' + w.length);
array<string> pair(string a, string b) {
    array<string> r = (a + ',' + b).split(',');
    r.push('end');
    return r;
}
array<string> pq = pair('p', 'q');
print('[' + pq[0] + '][' + pq[1] + '][' + pq[2] + ']');
w = 'x|y'.split('|');
print('' + w.length + w[0] + w[1]);
array<array<string>> table;
table.push('1,2,3'.split(','));
table.push('4,5'.split(','));
table.push(''.split(','));
print('' + table.length + ' ' + table[0].length + ' ' + table[1].length + ' ' + table[2].length
      + ' ' + table[0][2] + table[1][0]);
table[1] = 'a;b;c;d'.split(';');
print('' + table[1].length + table[1][3]);
array<string> m = 'b,a,c'.split(',');
m.push('d');
print('' + m.indexOf('c') + ' ' + m.includes('z') + ' ' + m.pop() + ' ' + m.length);
string src = 'abc';
array<string> whole = src.split(',');
src += 'd';
whole[0] += 'e';
print(src + ' ' + whole[0]);
class Row { array<string> cells; };
Row r;
r.cells = 'k,v'.split(',');
print(r.cells[0] + '=' + r.cells[1]);
csv.split(';');
bool wide = true;
print('' + (wide ? 'a b' : 'c').split(' ').length + ' ' + (!wide ? 'a b' : 'c').split(' ').length);
