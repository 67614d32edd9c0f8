#!/usr/bin/env bash
# The collector's cost: instructions of one virtkit-statsd round
# (statsdRound: read every domain's statistics, write them, roll them up;
# counted by callgrind with --toggle-collect, so the start-up and the
# loading of the node file are not in it) over N domains of the test
# driver (a node file of N running domains) and, as root on cgroup v1,
# over N LVEs on cgroups.  The round measured is the second: the first
# (not counted) creates the database and gives the previous samples that
# rates are derived from, as in a running collector.
#
#   bench/stats/collect.sh BUILD_DIR TEST_SIZES LVE_SIZES
#       e.g. _b "1000 10000" "1000"
#
# Prints a markdown section on stdout; work files go to bench/out/stats
# (ignored by git, not distributed).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
test_sizes=($2)
lve_sizes=(${3:-})
out=$top/bench/out/stats
mkdir -p "$out"
statsd=$build/tools/virtkit-statsd
virtsh=$build/tools/virtsh
lt="$build/libtool --mode=execute"
T0=1767225600
interval=10

command -v valgrind >/dev/null || { echo "collect.sh: needs valgrind" >&2; exit 1; }

# ---- instructions per second on this machine ------------------------------
gcc -O2 -Wall -o "$out/ips" "$top/bench/stats/ips.c"
instr_total() { sed -n 's/^summary: *//p' "$1"; }
valgrind --tool=callgrind --callgrind-out-file="$out/cg.ips.small" "$out/ips" 1000000 >/dev/null 2>&1
valgrind --tool=callgrind --callgrind-out-file="$out/cg.ips.big" "$out/ips" 5000000 >/dev/null 2>&1
per_step=$(awk -v a="$(instr_total "$out/cg.ips.small")" -v b="$(instr_total "$out/cg.ips.big")" \
    'BEGIN { printf "%.3f", (b - a) / 4000000 }')
steps=300000000
cpu=$("$out/ips" $steps | awk '/^cpu_seconds/ { print $2 }')
ips=$(awk -v p="$per_step" -v n=$steps -v s="$cpu" 'BEGIN { printf "%.0f", p * n / s }')

# ---- a round ----------------------------------------------------------------
# round NAME URI [late]: the instructions of the second round, and the
# CPU seconds (user + system, natively) of a third whole --once process.
# A round folds each sample into its minute and hour rows, so it should
# cost the same at any minute of the hour; "late" measures the last round
# of an hour (minute 59, the 59 minutes before it filled in by copying the
# first round's minute rows, and the hour row made their sum), beside the
# first.
round() {
    local name=$1 uri=$2 db=$out/$1.db t=$T0
    rm -f "$db" "$db-wal" "$db-shm"
    [ "${3:-}" = late ] && t=$((T0 + 3540))
    VIRTKIT_STATS_NOW=$t "$statsd" -c "$uri" --db "$db" --once
    if [ "${3:-}" = late ]; then
        sqlite3 "$db" "WITH RECURSIVE k (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 59)
            INSERT INTO minutes SELECT uuid, ts - i * 60000, n, cpu_sum, cpu_cnt, cpu_max,
                mem_sum, mem_cnt, mem_max, io_sum, io_cnt, io_max, iops_sum, iops_cnt, iops_max,
                nproc_sum, nproc_cnt, nproc_max, ep_sum, ep_cnt, ep_max, cpu_f, mem_f, nproc_f, ep_f
            FROM minutes, k;
            DELETE FROM hours;
            INSERT INTO hours SELECT uuid, ts - ts % 3600000, sum(n),
                sum(cpu_sum), sum(cpu_cnt), max(cpu_max), sum(mem_sum), sum(mem_cnt), max(mem_max),
                sum(io_sum), sum(io_cnt), max(io_max), sum(iops_sum), sum(iops_cnt), max(iops_max),
                sum(nproc_sum), sum(nproc_cnt), max(nproc_max), sum(ep_sum), sum(ep_cnt), max(ep_max),
                sum(cpu_f), sum(mem_f), sum(nproc_f), sum(ep_f)
            FROM minutes GROUP BY 1, 2"
    fi
    VIRTKIT_STATS_NOW=$((t + interval)) $lt valgrind --tool=callgrind \
        --toggle-collect=statsdRound --callgrind-out-file="$out/cg.$name" \
        "$statsd" -c "$uri" --db "$db" --once 2>"$out/$name.log"
    round_instr=$(instr_total "$out/cg.$name")
    local TIMEFORMAT='%U %S'
    once_cpu=$( { time LD_LIBRARY_PATH=$build/src/.libs VIRTKIT_STATS_NOW=$((t + 2 * interval)) \
        "$build/tools/.libs/virtkit-statsd" -c "$uri" --db "$db" \
        --once >/dev/null 2>&1; } 2>&1 | awk '{ printf "%.2f", $1 + $2 }')
    rows=$(sqlite3 "$db" "SELECT count(*) FROM samples WHERE ts = $(( (t + interval) * 1000 ))")
}

# nodes N: a node file of N running test domains
nodes() {
    awk -v n="$1" 'BEGIN {
        print "<node><cpu><mhz>2400</mhz><model>x86_64</model><active>8</active>"
        print "<nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>2</threads></cpu>"
        print "<memory>67108864</memory>"
        for (i = 0; i < n; i++)
            printf "<domain type=\"test\"><name>d%05d</name><uuid>00000000-0000-4000-8000-%012d</uuid>" \
                   "<memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>\n", i, i
        print "</node>" }'
}

pct() { awk -v i="$1" -v ips="$2" -v t="$interval" 'BEGIN { printf "%.3f", 100 * i / (ips * t) }'; }

echo "Instructions per second on this machine: $ips (bench/stats/ips.c: a"
echo "pseudo-random walk over a 4 MiB table, $per_step instructions a step by callgrind, $steps steps"
echo "in $cpu s of CPU time natively).  A round of N domains every ${interval} s costs"
echo "instructions / (that figure x ${interval} s) of one core."
echo
echo "| driver | minute of the hour | domains | samples written | instructions per round | per domain | % of one core at ${interval} s | CPU s of a whole --once (native, user+sys) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for n in "${test_sizes[@]}"; do
    nodes "$n" > "$out/nodes-$n.xml"
    for when in early late; do
        round "test-$n-$when" "test://$out/nodes-$n.xml" $when
        [ "$rows" = "$n" ] || { echo "collect.sh: test-$n wrote $rows samples, not $n" >&2; exit 1; }
        printf '| test | %s | %d | %d | %s | %s | %s %% | %s |\n' "$([ $when = late ] && echo 59 || echo 0)" \
            "$n" "$rows" "$round_instr" $((round_instr / n)) "$(pct "$round_instr" "$ips")" "$once_cpu"
    done
done

# ---- LVEs on cgroups ----------------------------------------------------------
lve_ok=true
if [ ${#lve_sizes[@]} = 0 ]; then
    lve_ok=false
elif [ "$(id -u)" != 0 ] || [ ! -d /sys/fs/cgroup/cpu ] || [ ! -x "$virtsh" ]; then
    lve_ok=false
    echo
    echo "(LVEs not measured: they need root, cgroup v1 and the LVE driver)"
fi
if $lve_ok; then
    for n in "${lve_sizes[@]}"; do
        root=$(mktemp -d "$out/lve-root.XXXXXX")
        parent=virtkit-bench-stats-$$
        uri="lve:///embed?root=$root&backend=cgroup&cgroup_parent=$parent"
        batch=""
        for ((i = 0; i < n; i++)); do
            id=$((20000 + i))
            printf "<domain type='lve' id='%d' xmlns:lve='urn:virtkit:lve:1'><name>bench-%d</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><lve:limits speed='50%%' nproc='100' io='0' iops='0' ep='0'/></domain>\n" \
                "$id" "$id" > "$root/$id.xml"
            batch+="create $root/$id.xml; "
        done
        $lt "$virtsh" -c "$uri" "$batch" >/dev/null
        round "lve-$n" "$uri" late
        $lt "$virtsh" -c "$uri" "$(for ((i = 0; i < n; i++)); do printf 'destroy bench-%d; ' $((20000 + i)); done)" >/dev/null
        rm -rf "$root"
        # the LVEs' parent cgroup, empty now, in each controller
        rmdir /sys/fs/cgroup/*/"$parent" 2>/dev/null || true
        [ "$rows" = "$n" ] || { echo "collect.sh: lve-$n wrote $rows samples, not $n" >&2; exit 1; }
        printf '| lve (cgroup v1) | 59 | %d | %d | %s | %s | %s %% | %s |\n' "$n" "$rows" \
            "$round_instr" $((round_instr / n)) "$(pct "$round_instr" "$ips")" "$once_cpu"
    done
fi
