#!/usr/bin/env bash
# KSM benchmark: one deduplication pass (virtsh memshare-dedup, which is
# virNodeMemoryDedup) over the kind of workload Xen's dedup pass is
# measured on (bench/RESULTS-xen.md): two 128 MiB domains, 65,536 pages,
# of which the same share is identical.  Here the domains are LVEs on
# this machine's cgroups, each running tests/lve/ksm-fill with 32,768
# pages, 28,477 of them equal to the other's (56,954 of 65,536, Xen's
# guests' figure), the rest unique.  Root, cgroup v1 and KSM.
#
#   bench/ksm/run-bench.sh [BUILD_DIR] [RUNS]     (default: _build, 3)
#
# Each setting of ksmd's tunables gets RUNS passes, each from cold (KSM
# unmerged and its rmap items gone, run 2), and the median by time is
# printed.  Prints a markdown section body on stdout.  The host's KSM
# settings are put back at the end; one KSM job at a time on the host
# (the lock the KSM tests take).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
runs=${2:-3}
KSM=/sys/kernel/mm/ksm
PAGES=32768                     # per domain: 128 MiB
SAME=28477                      # per domain: 56,954 identical pages in all
XEN_SCANNED=65536
XEN_IDENTICAL=56954

skip() { echo "run-bench.sh: $*" >&2; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (cgroups, KSM)"
[ -w "$KSM/run" ] && [ -r "$KSM/pages_scanned" ] || skip "needs a kernel with KSM and its pages_scanned"
[ -d /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/freezer ] || skip "needs cgroup v1"
command -v flock >/dev/null && command -v python3 >/dev/null || skip "needs flock and python3"
[ -x "$build/tools/virtsh" ] || { echo "run-bench.sh: build $build first" >&2; exit 1; }

work=$(mktemp -d)
parent=virtkit-ksmbench-$$
exec 9>/tmp/virtkit-lve-ksm-test.lock
flock 9
saved="$(cat $KSM/run) $(cat $KSM/pages_to_scan) $(cat $KSM/sleep_millisecs)"
cleanup() {
    for c in /sys/fs/cgroup/*/"$parent"; do
        [ -d "$c" ] || continue
        find "$c" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -9 2>/dev/null || true
        find "$c" -depth -type d -exec rmdir {} + 2>/dev/null || true
    done
    # shellcheck disable=SC2086
    set -- $saved
    echo 2 > $KSM/run; echo "$1" > $KSM/run
    echo "$2" > $KSM/pages_to_scan; echo "$3" > $KSM/sleep_millisecs
    rm -rf "$work"
}
trap cleanup EXIT

gcc -O2 -Wall -o "$work/ksm-fill" "$top/tests/lve/ksm-fill.c"
uri="lve:///embed?root=$work/root&backend=cgroup&cgroup_parent=/$parent"
virtsh() { "$build/tools/virtsh" -c "$uri" "$@"; }
for n in 1 2; do
    cat > "$work/bench$n.xml" <<XML
<domain type='lve' id='$((1080 + n))' xmlns:lve='urn:virtkit:lve:1'>
  <name>bench$n</name>
  <memory unit='MiB'>512</memory>
  <vcpu>1</vcpu>
  <lve:limits speed='0' io='0' iops='0' nproc='0' ep='0'/>
</domain>
XML
    virtsh create "$work/bench$n.xml" >/dev/null
    virtsh enter bench$n -- "$work/ksm-fill" $PAGES $SAME 7 "$work/bench$n.state" &
done
for n in 1 2; do
    for i in $(seq 600); do grep -qx filled "$work/bench$n.state" 2>/dev/null && break; sleep 0.1; done
    grep -qx filled "$work/bench$n.state" || { echo "run-bench.sh: bench$n did not fill its pages" >&2; exit 1; }
done

scans() { virtsh node-memory-tune | awk '$1 == "shm_full_scans" { print $2 }'; }

# pages of the workload's tasks that KSM merged (memshareinfo)
merged() {
    local n total=0
    for n in 1 2; do
        total=$((total + $(virtsh memshareinfo bench$n | awk '/^Shared pages:/ { print $3 }')))
    done
    echo $total
}

# one pass from cold: "time_ms scanned identical shared freed full_scans merged"
pass() {
    echo 2 > $KSM/run
    echo 0 > $KSM/run
    local before json
    before=$(scans)
    json=$(virtsh memshare-dedup --json)
    echo "$json" | python3 -c 'import json, sys
r = json.load(sys.stdin)
print(r["time_ms"], r["pages_scanned"], r["pages_identical"], r["pages_shared"], r["pages_freed"], end=" ")'
    echo "$(( $(scans) - before )) $(merged)"
}

row() {
    local toscan=$1 sleep=$2 i
    virtsh "node-memory-tune --shm-pages-to-scan $toscan --shm-sleep-millisecs $sleep" >/dev/null
    for i in $(seq "$runs"); do pass; done | sort -n | awk -v m=$(( (runs + 1) / 2 )) 'NR == m' |
    while read -r ms scanned identical shared freed fullscans merged; do
        awk -v ts="$toscan" -v sl="$sleep" -v ms="$ms" -v sc="$scanned" -v id="$identical" \
            -v fr="$freed" -v fs="$fullscans" -v mg="$merged" -v w=$((2 * PAGES)) \
            -v planted=$((2 * SAME)) 'BEGIN {
            printf "| KSM, %d pages every %d ms | %.1f | %d | %d | %d | %.0f | %.0f | %d | %d | %d | %.1f%% | %.1f%% |\n",
                ts, sl, ms / 1000, fs, sc, sc / fs, sc * 1000 / ms, w * 1000 / ms, id, fr, mg,
                100 * mg / w, 100 * mg / planted }'
    done
}

# what else on the host is mergeable (KSM scans it too): "pages (names)"
others() {
    local f p comm rss total=0 names=""
    for f in /proc/[0-9]*/ksm_stat; do
        p=${f#/proc/}; p=${p%/ksm_stat}
        grep -qE "ksm_mergeable: yes|ksm_merge_any: yes" "$f" 2>/dev/null || continue
        comm=$(cat "/proc/$p/comm" 2>/dev/null) || continue
        case $comm in ksm-fill|virtsh) continue;; esac
        rss=$(awk '/^RssAnon:/ { print int($2 / 4) }' "/proc/$p/status" 2>/dev/null)
        [ -n "$rss" ] && [ "$rss" -gt 0 ] || continue
        total=$((total + rss))
        case " $names " in *" $comm "*) ;; *) names="$names $comm";; esac
    done
    if [ $total -gt 0 ]; then
        echo "$total pages of anonymous memory of other mergeable processes ($(echo $names | sed 's/ /, /g'))"
    else
        echo "no other mergeable process"
    fi
}

cat <<EOF
Measured by bench/ksm/run-bench.sh (\`make bench-ksm\`) on $(nproc) cores, Linux $(uname -r):
\`virtsh memshare-dedup\` (virNodeMemoryDedup) on an LVE root, over two LVEs each
running tests/lve/ksm-fill with $PAGES pages (128 MiB), $SAME of them equal to the
other's: $((2 * SAME)) identical pages of $((2 * PAGES)), the share Xen's two booted
128 MiB guests have (${XEN_IDENTICAL} of ${XEN_SCANNED}).  Each pass starts cold (KSM unmerged, run 2,
then stopped: the pass starts ksmd and stops it again) and waits for three
full scans; the median of $runs passes by time.  KSM's counters are the host's:
a full scan also covers whatever else on the host is mergeable (the pages
per full scan beyond $((2 * PAGES))); on the host at the start: $(others).

| pass | time (s) | full scans | pages scanned (host) | per full scan | scanned per s | workload pages per s | identical (host) | freed (host) | identical found in the workload | of its pages | of its identical pages |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
EOF
row 5000 10
row 100000 1
cat <<EOF
| Xen dedup pass ([RESULTS-xen.md](RESULTS-xen.md)) | | 1 | ${XEN_SCANNED} | ${XEN_SCANNED} | | | ${XEN_IDENTICAL} | | ${XEN_IDENTICAL} | $(awk -v a=$XEN_IDENTICAL -v b=$XEN_SCANNED 'BEGIN { printf "%.1f%%", 100 * a / b }') | |

"Scanned per s" is KSM's pages_scanned over the pass's time; KSM looks at
every page in each of the three full scans (a page merges in the second
scan after its checksum held, and the scan under way when the pages became
mergeable may have passed them), so "workload pages per s", the $((2 * PAGES))
pages over the time, is the figure that compares with Xen's pass, which
reads every page once.  The "(host)" columns are what the pass reports
(virNodeMemoryDedup): KSM's counters, pages_shared + pages_sharing and
pages_sharing moved by, over all the host's mergeable memory; "identical
found in the workload" is the two domains' own merged pages (virtsh
memshareinfo, ksm_merging_pages of their tasks).  Xen's pass reads each
page once, hashes it and compares candidates byte for byte; the README has
it at 65 to 100 s over these 65,536 pages under QEMU's software emulation
(650 to 1,000 pages a second), so its speed and KSM's on this machine's
own CPU say nothing of each other; what compares is what each finds: the
same share of identical pages.  KSM's defaults (100 pages
every 20 ms) scan at most 5,000 pages a second, three full scans of these
two domains alone in 40 s or more; the rows trade ksmd's CPU for speed,
the last one as fast as ksmd goes on this machine.
EOF
