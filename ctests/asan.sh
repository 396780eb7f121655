#!/usr/bin/env bash
# ctests/asan.sh: builds the C and C++ test programs and the native example hosts with
# AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer against libgjs, runs
# them, and fails on any report. Not part of `cargo test`.
#
#   bash ctests/asan.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --quiet --lib
out="$root/target/ctests/asan"
mkdir -p "$out/tmp"
flags=(-g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
    -I"$root/include" -L"$root/target/debug" -Wl,-rpath,"$root/target/debug")
failed=0
run() {
    local name="$1"
    shift
    if ! "$@" -o "$out/$name" "${flags[@]}" -lgjs -lpthread; then
        echo "FAIL $name (build)"
        failed=1
        return
    fi
    set +e
    (cd "$out" && TMPDIR="$out/tmp" ASAN_OPTIONS=detect_leaks=1 "./$name" >/dev/null 2>"$name.err")
    local rc=$?
    set -e
    if grep -q "Sanitizer" "$out/$name.err" || [ "$rc" -ne 0 ]; then
        echo "FAIL $name (exit $rc)"
        sed -n '1,30p' "$out/$name.err"
        failed=1
    else
        echo "ok   $name"
    fi
}
for f in ctests/*.c; do
    run "c_$(basename "$f" .c)" cc -std=c99 "$f"
done
for f in ctests/cpp/*.cpp; do
    [ -f "$f" ] || continue
    run "cpp_$(basename "$f" .cpp)" c++ -std=c++17 -I"$root/bindings/cpp" "$f"
done
run c_host cc -std=c99 examples/c_host/main.c
run cpp_host c++ -std=c++17 -I"$root/bindings/cpp" examples/cpp_host/main.cpp
exit "$failed"
