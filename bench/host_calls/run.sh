#!/usr/bin/env bash
# bench/host_calls/run.sh: the cost of crossing the embedding boundary, gjs against
# Lua 5.4 through its C API, measured side by side with hyperfine:
#   script->host  10M calls of a bound `f64 f(f64)` from a script loop
#   host->script  1M calls of a small script function from C
# Needs gcc, hyperfine and Lua 5.4's headers (liblua5.4-dev; installed with apt-get
# when missing). Prints a Markdown table of medians and gjs/lua ratios.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -f /usr/include/lua5.4/lua.h ] || need+=(liblua5.4-dev)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
(cd "$root" && cargo build --release --quiet)
out="$(mktemp -d -t gjs-host-bench.XXXXXX)"
gcc -O2 -std=c99 -I"$root/include" "$here/gjs_host.c" -L"$root/target/release" -lgjs \
    -Wl,-rpath,"$root/target/release" -o "$out/gjs_host"
gcc -O2 -std=c99 -I/usr/include/lua5.4 "$here/lua_host.c" -llua5.4 -o "$out/lua_host"
for part in script host; do
    g="$("$out/gjs_host" "$part")"
    l="$("$out/lua_host" "$part")"
    if [ "$g" != "$l" ]; then
        echo "outputs differ for $part: gjs '$g' lua '$l'" >&2
        exit 1
    fi
done
median() { sed -n 's/^ *"median": *\([-0-9.eE+]*\),\{0,1\} *$/\1/p' "$1" | head -n 1; }
echo "| part | gjs ms | lua5.4 ms | gjs/lua5.4 |"
echo "|---|---:|---:|---:|"
for part in script host; do
    hyperfine -N --warmup 1 --min-runs 5 --export-json "$out/$part.gjs.json" "$out/gjs_host $part" >/dev/null
    hyperfine -N --warmup 1 --min-runs 5 --export-json "$out/$part.lua.json" "$out/lua_host $part" >/dev/null
    g="$(median "$out/$part.gjs.json")"
    l="$(median "$out/$part.lua.json")"
    awk -v p="$part" -v g="$g" -v l="$l" 'BEGIN {
        name = (p == "script") ? "script->host (10M)" : "host->script (1M)";
        printf "| %s | %.1f | %.1f | %.2f |\n", name, g * 1000, l * 1000, g / l }'
done
