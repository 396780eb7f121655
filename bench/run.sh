#!/usr/bin/env bash
# bench/run.sh [BENCH...]: builds the release CLI and times it against Lua 5.4, LuaJIT
# (with and without its JIT) and C on the shared benchmark programs, side by side in one
# run. The table on stdout is compare.sh's; ratios below 1.00 mean gjs is faster.
#
#   bash bench/run.sh                  # all benchmarks
#   bash bench/run.sh fib loop_i32     # some of them
#
# The benchmark programs live in ../shared/bench (next to this repository), each as
# bench.gjs, bench.lua, bench.c and expected.txt. Set GJS_BENCH_DIR to use another copy.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bench_dir="${GJS_BENCH_DIR:-$here/../shared/bench}"
if [ ! -f "$bench_dir/compare.sh" ]; then
    echo "bench/run.sh: no compare.sh in $bench_dir (set GJS_BENCH_DIR)" >&2
    exit 2
fi
cd "$here"
cargo build --release --quiet
exec bash "$bench_dir/compare.sh" "$here/target/release/gjs run" "$@"
