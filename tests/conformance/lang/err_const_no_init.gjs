// expect-compile-error: const declaration without initialiser (E0317)
// expect-error-line: 6
// note: spec 5.2: a const declaration needs its initialiser.
print('must not be printed');
const i32 READY = 1;
const i32 LIMIT; // <- error
i32 plain;
void f() {
    const string NAME = 'n';
    print(NAME);
}
print('' + LIMIT + READY + plain);
