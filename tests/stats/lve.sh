#!/bin/sh
# virtkit-statsd on a real LVE (an embedded root on this machine's
# cgroups: root and cgroup v1, or it skips, as tests/lvectl): a task that
# goes past the LVE's memory limit is killed by the kernel while the
# collector samples every 0.5 s, and virtkit-info --faults lists the LVE
# with memory faults.  Then the collector is killed and started again: the
# first sample after the restart counts from the last stored one, so the
# faults are not counted twice and the CPU % is known at once.
. "$abs_top_srcdir/tests/lvectl/lib.sh"
. "$abs_top_srcdir/tests/stats/lib.sh"
trap 'lve_cleanup; stats_cleanup' EXIT

DB=$STATS_WORK/lve.db
lvectl() { "$LVECTL" -c "$URI" "$@"; }

lvectl set 1030 --pmem=32M >/dev/null && lvectl apply 1030 >/dev/null || exit 99
"$STATSD" -c "$URI" --db "$DB" --interval 0.5 &
pid=$!

samples() { sql "$DB" "SELECT count(*) FROM samples JOIN domains USING (uuid) WHERE name = 'lve1030'" 2>/dev/null || echo 0; }
sampled() { [ "$(samples)" -gt "$1" ]; }
wait_for 120 "a first sample of lve1030" sampled 0

# a task that wants 100 MB of the 32 MB it may have: the OOM killer ends it
"$VIRTSH" -c "$URI" enter 1030 -- "$PYTHON" -c 'b = b"x" * (100 << 20)' 2>/dev/null
rc=$?
[ $rc = 137 ] || fail "the task wanting 100 MB in a 32 MB LVE exited $rc, not killed by SIGKILL (137)"

memfaults() {
    "$INFO" --db "$DB" --faults --period 1h --csv > "$STATS_WORK/faults.csv" &&
        "$PYTHON" - "$STATS_WORK/faults.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["domain"] == "lve1030"]
sys.exit(0 if rows and int(rows[0]["mem_faults"]) >= 1 else 1)
PY
}
wait_for 120 "virtkit-info --faults to list lve1030 with memory faults" memfaults
"$INFO" --db "$DB" --faults --period 1h --json > "$STATS_WORK/faults.json" || fail "--faults --json failed"
"$PYTHON" -c 'import json, sys
d = json.load(open(sys.argv[1]))["domains"]
assert d and d[0]["domain"] == "lve1030" and d[0]["mem_faults"] >= 1, d' "$STATS_WORK/faults.json" ||
    fail "--faults --json does not list lve1030 with memory faults"
# the counters as the driver gave them, with the LVE's limits
[ "$(sql "$DB" "SELECT max(mem_limit), max(mem_faults) >= 1, count(cpu_time) = count(*) FROM samples")" = "32768|1|1" ] ||
    fail "stored counters: $(sql "$DB" 'SELECT mem_limit, mem_faults, cpu_time FROM samples')"
faults=$(sql "$DB" 'SELECT sum(mem_f) FROM samples')
[ "$faults" = "$(sql "$DB" 'SELECT max(mem_faults) FROM samples')" ] ||
    fail "the memory fault deltas add up to $faults, not to the counter"

# killed and started again
kill -KILL $pid
wait $pid 2>/dev/null
n=$(samples)
"$STATSD" -c "$URI" --db "$DB" --interval 0.5 &
pid=$!
wait_for 120 "a sample after the restart" sampled "$n"
kill -TERM $pid
wait $pid
rc=$?
[ $rc = 0 ] || fail "SIGTERM ended the collector with status $rc"
first=$(sql "$DB" "SELECT cpu IS NOT NULL, mem_f FROM samples JOIN domains USING (uuid)
                    WHERE name = 'lve1030' ORDER BY ts LIMIT 1 OFFSET $n")
[ "$first" = "1|0" ] ||
    fail "the first sample after the restart (CPU % known, memory fault delta) is '$first', not '1|0'"
[ "$(sql "$DB" 'SELECT sum(mem_f) FROM samples')" = "$faults" ] || fail "faults counted again after the restart"

lvectl destroy 1030 >/dev/null || fail "destroy failed"
exit $status
