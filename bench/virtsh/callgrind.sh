#!/bin/sh
# Instructions executed by virtsh and by Debian's virsh (libvirt 9), as
# counted by valgrind's callgrind, for
#   - one process running "list --all" on test:///default (startup
#     included: the dynamic linker, the library, the connection);
#   - one process running a batch of 1000 commands (five kinds, 200 times).
# Prints a markdown table (also left in bench/out/virtsh/results.md); the
# callgrind files stay in bench/out/virtsh/ for callgrind_annotate.
#
# Usage: bench/virtsh/callgrind.sh [BUILDDIR]   (default: _build)
#
# Instruction counts do not depend on the machine's load, so one run of
# each is enough; they do depend on the libraries installed.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
builddir=$(cd "${1:-$top/_build}" && pwd)
out="$top/bench/out/virtsh"
mkdir -p "$out"

command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
[ -x "$builddir/tools/virtsh" ] || { echo "build virtsh first: no $builddir/tools/virtsh" >&2; exit 1; }

# the batch: 1000 commands, 200 rounds of five that read state
batch=$(i=0; while [ $i -lt 200 ]; do
    printf 'domstate test; dominfo test; list --all; vcpucount test; nodeinfo; '
    i=$((i + 1))
done)

# count NAME [LAUNCHER] PROGRAM ARGS...: runs PROGRAM under callgrind and
# prints its instruction count
count() {
    name=$1
    shift
    case $1 in
        # libtool's execute mode runs the real binary, not its wrapper script
        */libtool) launcher="$1 --mode=execute"; shift ;;
        *) launcher= ;;
    esac
    $launcher valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out.$name" "$@" \
        >/dev/null 2>"$out/$name.log"
    sed -n 's/^summary: *//p' "$out/callgrind.out.$name"
}

lt="$builddir/libtool"
virtsh_one=$(count virtsh-oneshot "$lt" "$builddir/tools/virtsh" -c test:///default list --all)
virtsh_batch=$(count virtsh-batch "$lt" "$builddir/tools/virtsh" -c test:///default "$batch")
if command -v virsh >/dev/null; then
    virsh_one=$(count virsh-oneshot virsh -c test:///default list --all)
    virsh_batch=$(count virsh-batch virsh -c test:///default "$batch")
    virsh_version=$(virsh --version)
else
    virsh_one= virsh_batch= virsh_version="(not installed)"
fi

# millions with one decimal
m() {
    [ -n "$1" ] && awk -v n="$1" 'BEGIN { printf "%.1f M", n / 1e6 }' || printf -- '-'
}
# thousands per command, startup taken out
per() {
    [ -n "$1" ] && awk -v b="$1" -v o="$2" 'BEGIN { printf "%.1f k", (b - o) / 1000 / 1000 }' || printf -- '-'
}
ratio() {
    [ -n "$1" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }' || printf -- '-'
}

table() {
    echo "| instructions (callgrind) | virsh $virsh_version | virtsh | virsh / virtsh |"
    echo "|---|---:|---:|---:|"
    echo "| one-shot \`list --all\` process | $(m "$virsh_one") | $(m "$virtsh_one") | $(ratio "$virsh_one" "$virtsh_one") |"
    echo "| 1000-command batch process | $(m "$virsh_batch") | $(m "$virtsh_batch") | $(ratio "$virsh_batch" "$virtsh_batch") |"
    echo "| per command in the batch (startup taken out) | $(per "$virsh_batch" "$virsh_one") | $(per "$virtsh_batch" "$virtsh_one") | $(ratio "$( [ -n "$virsh_batch" ] && echo $((virsh_batch - virsh_one)))" "$((virtsh_batch - virtsh_one))") |"
}

table | tee "$out/results.md"
