#!/usr/bin/env bash
# ctests/memcheck.sh: runs the C and C++ test programs, the example hosts and the CLI on
# every conformance program under valgrind memcheck, and fails on any invalid access or
# definite/indirect leak. Slow (minutes); not part of `cargo test`.
#
#   bash ctests/memcheck.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
command -v valgrind >/dev/null 2>&1 || {
    echo "memcheck.sh: valgrind is required (apt-get install valgrind)" >&2
    exit 2
}
# Builds libgjs, the gjs binary and every test program (and runs them once).
cargo test --quiet --test ctests >/dev/null
vg=(valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect -q)
failed=0
check() {
    local label="$1"
    shift
    local log
    log="$(mktemp)"
    set +e
    "${vg[@]}" "$@" >/dev/null 2>"$log"
    local rc=$?
    set -e
    if [ "$rc" -eq 99 ]; then
        echo "FAIL $label"
        sed -n '1,40p' "$log"
        failed=1
    else
        echo "ok   $label"
    fi
    rm -f "$log"
}
for bin in target/ctests/debug/c/* target/ctests/debug/cpp/* target/ctests/debug/examples/*; do
    [ -f "$bin" ] && [ -x "$bin" ] || continue
    # As tests/ctests.rs runs them: in their build directory, with TMPDIR beside it.
    dir="$root/$(dirname "$bin")"
    mkdir -p "$dir/tmp"
    (cd "$dir" && TMPDIR="$dir/tmp" check "$bin" "$root/$bin")
done
while IFS= read -r -d '' f; do
    grep -q '^// library-module' "$f" && continue
    # A 16 MiB heap cap keeps the out-of-memory programs short under valgrind.
    (cd "$(dirname "$f")" &&
        check "$f" "$root/target/debug/gjs" run --max-memory-size 16777216 "$(basename "$f")")
done < <(find tests/conformance -name '*.gjs' -print0 | sort -z)
exit "$failed"
