// expect: 00,20,22,30,32,33
// expect: outer=4 total=20
// expect: pairs=6
// expect: first pair with product 12: 2x6
// note: break and continue act on the innermost loop only (spec 5.4). First loop: i = 1 is
// note: skipped by 'continue'; for each i, j runs 0..i, skipping j = 1, breaking when j > i.
// note: Second: the inner while adds 1..outer, so the totals are 1 + 3 + 6 + 10 = 20. Third:
// note: pairs a < b of 0..3 = 6. Fourth (a from 2): the outer loop stops through a flag after the
// note: inner break, at 2 * 6 = 12.
string out = '';
for (i32 i = 0; i < 4; i++) {
    if (i == 1) continue;
    for (i32 j = 0; j < 4; j++) {
        if (j > i) break;
        if (j == 1) continue;
        if (out.length > 0) out += ',';
        out += '' + i + j;
    }
}
print(out);

i32 outer = 0;
i32 total = 0;
do {
    outer++;
    i32 k = 0;
    while (true) {
        k++;
        if (k > outer) break;
        total += k;
    }
} while (outer < 4);
print('outer=' + outer + ' total=' + total);

i32 pairs = 0;
for (i32 a = 0; a < 4; a++)
    for (i32 b = 0; b < 4; b++)
        if (a < b) pairs++;
print('pairs=' + pairs);

i32 fa = 0;
i32 fb = 0;
bool found = false;
for (i32 a = 2; a <= 12 && !found; a++) {
    for (i32 b = a + 1; b <= 12; b++) {
        if (a * b == 12) {
            fa = a;
            fb = b;
            found = true;
            break;
        }
    }
}
print('first pair with product 12: ' + fa + 'x' + fb);

