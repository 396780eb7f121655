// expect-compile-error: integer literal above the u64 range (E0005)
// expect-error-line: 7
// note: spec 2.3: 18446744073709551615 is the largest literal (u64); one more is E0005.
print('must not be printed');
u64 ok = 18446744073709551615;
u64 hex = 0xFFFFFFFFFFFFFFFF;
u64 big = 18446744073709551616; // <- error
print('' + ok + big + hex);
i64 i64max = 9223372036854775807;
print('' + i64max);
