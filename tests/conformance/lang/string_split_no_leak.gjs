// expect: 2000 202000 198000 2000
// note: spec 5.8, 9.1: every split result dies with its temporary, variable or container,
// note: with all its parts, so this loop runs in the harness's fixed memory budget (64 MiB).
// note: line is 100 copies of 99 'y' and a ',' (10,000 bytes): 100 occurrences, 101 parts,
// note: the last one empty. Each iteration makes four results of about 14 KB (100 parts of
// note: 99 bytes in 128-byte blocks, plus the array): leaked, 2,000 iterations would need
// note: about 110 MB. Totals: parts 2,000 * 101; bytes 2,000 * 99 (part i % 100 is 99 'y').
string line = ('y'.repeat(u32(99)) + ',').repeat(u32(100));
array<string> keep(string s) { return s.split(','); }
i64 parts = 0;
i64 bytes = 0;
i32 empty = 0;
i32 i = 0;
for (; i < 2000; i++) {
    parts += line.split(',').length;
    array<string> local = keep(line);
    bytes += local[i % 100].length;
    array<array<string>> nested;
    nested.push(line.split(','));
    local = line.split(',');
    if (nested[0][100] == '' && local[100].length == 0) empty++;
}
print('' + i + ' ' + parts + ' ' + bytes + ' ' + empty);
