// expect: 0 1 2
// expect: 5 6 50 51 -3 -2
// expect: i32 1 i64 3000000000 i64 3000000001
// expect: 1410065408 17 -2147483648 -1 255
// expect: i32 1000000000
// expect: 0 1 7
// expect: 21 3000000001
// expect: Red Green Blue
// note: spec 3.6: enumerators number as in C++ (first 0, then previous + 1 unless initialised);
// note: an initialiser is a constant expression that may use earlier enumerators by bare name.
// note: An enumerator is i32 if its value fits, else i64: Huge = 3000000000 (an i64 literal) and
// note: Next = Huge + 1 are i64; Diff = 3000000000 - 2000000000 is computed in i64 but its value
// note: fits, so it is i32. Constant expressions use run-time rules (spec 4.12): 100000 * 100000
// note: wraps in i32 to 1410065408, 1 << 31 is -2147483648, ~0 is -1. Trailing commas are allowed.
string ty(i32 v) { return 'i32 ' + v; }
string ty(i64 v) { return 'i64 ' + v; }

enum Color { Red, Green, Blue };
enum Step { A = 5, B, C = A * 10, D, E = -3, F };
enum Big { Small = 1, Huge = 3000000000, Next };
enum Wrap { W = 100000 * 100000, H = 0x10 | 1, S = 1 << 31, N = ~0, M = 0xFF };
enum Fits { Diff = 3000000000 - 2000000000 };
enum Other { Red, Green, Blue = 7, };

print('' + Color.Red + ' ' + Color.Green + ' ' + Color.Blue);
print('' + Step.A + ' ' + Step.B + ' ' + Step.C + ' ' + Step.D + ' ' + Step.E + ' ' + Step.F);
print(ty(Big.Small) + ' ' + ty(Big.Huge) + ' ' + ty(Big.Next));
print('' + Wrap.W + ' ' + Wrap.H + ' ' + Wrap.S + ' ' + Wrap.N + ' ' + Wrap.M);
print(ty(Fits.Diff));
print('' + Other.Red + ' ' + Other.Green + ' ' + Other.Blue);
print('' + (Color.Blue * 10 + Color.Green) + ' ' + (Big.Huge + 1));

string name(i32 c) {
    if (c == Color.Red) return 'Red';
    if (c == Color.Green) return 'Green';
    return 'Blue';
}
string names = '';
for (i32 c = Color.Red; c <= Color.Blue; c++) {
    if (c != Color.Red) names += ' ';
    names += name(c);
}
print(names);
