#!/bin/sh
# virtkit-statsd against test:///default: --once twice gives two samples
# of every domain, with what the driver reports (its statistics are read
# from virtsh domstats, not assumed); a collector killed with SIGKILL and
# started again keeps every round it committed and writes no duplicate;
# the minute and hour rows the collector folds each sample into are what
# grouping all the samples gives (rounds across a minute and an hour, one
# repeated, one back in time); SIGTERM ends it with status 0; bad options are refused.
. "$abs_top_srcdir/tests/stats/lib.sh"

URI=test:///default
DB=$STATS_WORK/collect.db
VIRTSH=$abs_top_builddir/tools/virtsh

# ---- --once, twice ----
"$STATSD" -c "$URI" --db "$DB" --once || fail "the first --once failed"
"$STATSD" -c "$URI" --db "$DB" --once || fail "the second --once failed"
ndom=$("$VIRTSH" -c "$URI" list --all --name | grep -c .)
[ "$ndom" -ge 1 ] || exit 99
[ "$(sql "$DB" 'SELECT count(DISTINCT uuid) FROM samples')" = "$ndom" ] ||
    fail "samples of $(sql "$DB" 'SELECT count(DISTINCT uuid) FROM samples') domains, not $ndom"
[ "$(sql "$DB" 'SELECT DISTINCT count(*) FROM samples GROUP BY uuid')" = 2 ] ||
    fail "not two samples of every domain: $(sql "$DB" 'SELECT uuid, count(*) FROM samples GROUP BY uuid')"
[ "$(sql "$DB" "SELECT name FROM domains WHERE uuid = '$("$VIRTSH" -c "$URI" domuuid test)'")" = test ] ||
    fail "domain 'test' is not named in the database"
# the state is the driver's; CPU time is stored when the driver gives it
# (cpu.time in domstats), and then the second sample has a CPU %
stats=$("$VIRTSH" -c "$URI" domstats --state --cpu-total --balloon test)
state=$(echo "$stats" | sed -n 's/^ *state\.state=//p')
[ "$(sql "$DB" "SELECT DISTINCT state FROM samples JOIN domains USING (uuid) WHERE name = 'test'")" = "$state" ] ||
    fail "the stored state is not domstats' $state"
if echo "$stats" | grep -q 'cpu\.time='; then
    [ "$(sql "$DB" "SELECT count(cpu_time), count(cpu) FROM samples JOIN domains USING (uuid) WHERE name = 'test'")" = "2|1" ] ||
        fail "cpu.time is reported but not stored with its rate"
else
    [ "$(sql "$DB" 'SELECT count(cpu_time), count(cpu) FROM samples')" = "0|0" ] ||
        fail "CPU values stored though the driver reports no cpu.time"
fi
# both rounds are rolled up into the same minute or two
[ "$(sql "$DB" 'SELECT sum(n) FROM minutes')" = $((2 * ndom)) ] ||
    fail "the minute rows count $(sql "$DB" 'SELECT sum(n) FROM minutes') samples"
"$INFO" --db "$DB" --period 1h --csv | grep -q "^test," || fail "virtkit-info does not list 'test'"

# ---- killed and restarted ----
DB=$STATS_WORK/restart.db
q() { sql "$DB" "$1"; }
check_db() { [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "the database is damaged"; }
kill_and_restart "$DB" 1767225600

# ---- the folded roll-ups are the samples grouped ----
# buckets DB TABLE WIDTH: TABLE's rows, and those the samples grouped by
# WIDTH ms give, in the same form (doubles to 12 significant digits: the
# sums are added in another order)
buckets() {
    cols=n
    grouped="count(*)"
    for g in cpu mem io iops nproc ep; do
        cols="$cols, printf('%.12g', ${g}_sum), ${g}_cnt, printf('%.12g', ${g}_max)"
        grouped="$grouped, printf('%.12g', sum($g)), count($g), printf('%.12g', max($g))"
    done
    for f in cpu_f mem_f nproc_f ep_f; do
        cols="$cols, $f"
        grouped="$grouped, sum($f)"
    done
    sql "$1" "SELECT uuid, ts, $cols FROM $2 ORDER BY uuid, ts" > "$STATS_WORK/$2.folded"
    sql "$1" "SELECT uuid, ts - ts % $3, $grouped FROM samples GROUP BY 1, 2 ORDER BY 1, 2" \
        > "$STATS_WORK/$2.grouped"
    [ -s "$STATS_WORK/$2.grouped" ] || fail "$1 has no samples to group"
    diff -u "$STATS_WORK/$2.grouped" "$STATS_WORK/$2.folded" ||
        fail "$2 of $1 are not the samples grouped by $3 ms"
}
DB=$STATS_WORK/fold.db
T0=1767225600
for t in 3590 3595 3600 3610 3655 3660 3600 3545 7200; do
    VIRTKIT_STATS_NOW=$((T0 + t)) "$STATSD" -c "$URI" --db "$DB" --once || fail "--once at +$t failed"
done
[ "$(sql "$DB" 'SELECT count(*) FROM samples')" = $((8 * ndom)) ] ||
    fail "$(sql "$DB" 'SELECT count(*) FROM samples') samples, not 8 rounds of $ndom"
buckets "$DB" minutes 60000
buckets "$DB" hours 3600000
# the killed and restarted collector's too (its last rounds went back to 2026)
DB=$STATS_WORK/restart.db
buckets "$DB" minutes 60000
buckets "$DB" hours 3600000

# ---- bad input ----
refused() {
    if "$STATSD" "$@" >/dev/null 2>"$STATS_WORK/err"; then
        fail "virtkit-statsd $* was accepted"
    elif ! grep -q "$REASON" "$STATS_WORK/err"; then
        fail "virtkit-statsd $*: '$(cat "$STATS_WORK/err")' does not say '$REASON'"
    fi
}
REASON="invalid value 'fast' for --interval" refused -c "$URI" --db "$DB" --interval fast
REASON="invalid value '0' for --interval" refused -c "$URI" --db "$DB" --interval 0
REASON="invalid value '-1' for --retention-raw" refused -c "$URI" --db "$DB" --retention-raw -1
REASON="invalid value '1.5' for --retention-hour" refused -c "$URI" --db "$DB" --retention-hour 1.5
REASON="unexpected argument 'now'" refused -c "$URI" --db "$DB" now
REASON="cannot connect to 'nosuch:///x'" refused -c nosuch:///x --db "$DB" --once
REASON="cannot open $STATS_WORK/no/such/dir/x.db.lock" refused -c "$URI" --db "$STATS_WORK/no/such/dir/x.db" --once
"$PYTHON" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version = 7")' \
    "$STATS_WORK/future.db" || exit 99
REASON="schema version 7, newer than this program knows" refused -c "$URI" --db "$STATS_WORK/future.db" --once
exit $status
