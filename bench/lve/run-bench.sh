#!/usr/bin/env bash
# LVE benchmark: create + limit + destroy of N LVEs through the API, against
# the same cgroup mkdir/write/rmdir sequence written directly in C (the
# floor).  Instructions are counted with callgrind (the measured loop
# only); wall-clock time is from a native run.  Root and cgroup v1.
#
#   bench/lve/run-bench.sh [BUILD_DIR] [N...]     (default: _build, 1000 10000)
#
# Prints a markdown table on stdout.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
shift || true
sizes=("${@:-1000 10000}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})

[ "$(id -u)" -eq 0 ] || { echo "run-bench.sh: needs root (cgroups)" >&2; exit 77; }
command -v valgrind >/dev/null || { echo "run-bench.sh: needs valgrind" >&2; exit 77; }
[ -f "$build/src/.libs/libvirtkit.so" ] || { echo "run-bench.sh: build $build first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2046
gcc -O2 -Wall -Wno-format-truncation -DBENCH_CALLGRIND \
    -I"$top/include" -I"$build/include" -o "$work/lve_bench" "$top/bench/lve/lve_bench.c" \
    -L"$build/src/.libs" -lvirtkit $(pkg-config --cflags --libs libxml-2.0)
export LD_LIBRARY_PATH="$build/src/.libs"

# instructions of the measured loop, per LVE
# (callgrind counts what runs in user space: the kernel's share of a cgroup
# mkdir or rmdir is not in it, which is why the wall-clock column is there)
instr() {
    local mode=$1 n=$2
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$mode.$n.%p" \
        "$work/lve_bench" "$mode" "$n" >/dev/null 2>"$work/err.$mode.$n" ||
        { cat "$work/err.$mode.$n" >&2; exit 1; }
    awk -v n="$n" '/^summary:/ { printf "%.0f", $2 / n }' "$work"/cg."$mode"."$n".*.1
}

# the share of the loop spent writing status files
statusShare() {
    local mode=$1 n=$2 f
    f=$(ls "$work"/cg."$mode"."$n".*.1)
    callgrind_annotate --inclusive=yes "$f" 2>/dev/null | awk '
        /PROGRAM TOTALS/ { gsub(",", "", $1); total = $1 }
        !status && /virDomainStoreSaveStatus/ { gsub(",", "", $1); status = $1 }
        END { if (total) printf "%.0f%%", 100 * status / total }'
}

# seconds of the measured loop, natively
wall() {
    "$work/lve_bench" "$1" "$2" | awk '/^loop_seconds/ { print $2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# CreateXML takes a document: its second floor parses that document with
# libxml2 (as the library does) before the same cgroup calls
echo "| N | floor (C) instr/LVE | API start+limit+destroy instr/LVE | ratio | of which status files | API CreateXML+limit+destroy instr/LVE | ratio | floor + XML parse (C) instr/LVE | CreateXML ratio to it | wall floor (s) | wall API (s) | wall ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
    raw=$(instr raw "$n")
    rawxml=$(instr raw-xml "$n")
    start=$(instr api-start "$n")
    create=$(instr api-create "$n")
    share=$(statusShare api-start "$n")
    wraw=$(wall raw "$n")
    wapi=$(wall api-start "$n")
    printf '| %s | %s | %s | %sx | %s | %s | %sx | %s | %sx | %.2f | %.2f | %sx |\n' \
        "$n" "$raw" "$start" "$(ratio "$start" "$raw")" "$share" \
        "$create" "$(ratio "$create" "$raw")" "$rawxml" "$(ratio "$create" "$rawxml")" \
        "$wraw" "$wapi" "$(ratio "$wapi" "$wraw")"
done
