#!/bin/sh
# virtkit-info over a known history: tests/data/stats/history.sql is
# loaded into a database the collector made (schema only, from a node
# with no domains), a collector round at a fixed time rolls it up, and the
# answers of history.cases are compared with history.out; the CSV and JSON
# are read back by Python.  Then a round three days later with a short
# retention leaves only the hour rows, which give the same averages
# (history-retained.cases).
. "$abs_top_srcdir/tests/stats/lib.sh"

EMPTY="test://$abs_top_srcdir/tests/data/nodes/empty.xml"
DB=$STATS_WORK/history.db
T0=1767225600                   # 2026-01-01 00:00:00 UTC, the first sample
END=$((T0 + 7200))              # 02:00, just after the last one
export INFO DB STATS_WORK

VIRTKIT_STATS_NOW=$((T0 - 60)) "$STATSD" -c "$EMPTY" --db "$DB" --once || fail "the schema round failed"
[ "$(sql "$DB" 'PRAGMA user_version')" = 1 ] || fail "the new database has no schema version 1"
[ "$(sql "$DB" 'PRAGMA journal_mode')" = wal ] || fail "the database is not in WAL mode"
"$PYTHON" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open(sys.argv[2]).read())
db.commit()' "$DB" "$DATA/history.sql" || exit 99

VIRTKIT_STATS_NOW=$END "$STATSD" -c "$EMPTY" --db "$DB" --once || fail "the roll-up round failed"
# 4 domains x 120 minutes, x 2 hours; every sample counted once
[ "$(sql "$DB" 'SELECT count(*), sum(n) FROM minutes')" = "480|960" ] ||
    fail "minute rows: $(sql "$DB" 'SELECT count(*), sum(n) FROM minutes')"
[ "$(sql "$DB" 'SELECT count(*), sum(n) FROM hours')" = "8|960" ] ||
    fail "hour rows: $(sql "$DB" 'SELECT count(*), sum(n) FROM hours')"
[ "$(sql "$DB" "SELECT cpu_sum / cpu_cnt, cpu_max, mem_f FROM hours WHERE uuid LIKE '%a' ORDER BY ts")" = "20.0|30.0|1
20.0|30.0|0" ] || fail "alpha's hours: $(sql "$DB" "SELECT * FROM hours WHERE uuid LIKE '%a'")"

# databases virtkit-info must refuse
echo "not a database" > "$STATS_WORK/text.db"
"$PYTHON" -c 'import sqlite3, sys
sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version = 99")
sqlite3.connect(sys.argv[2]).execute("CREATE TABLE t (x)")' "$STATS_WORK/future.db" "$STATS_WORK/bare.db" || exit 99

export VIRTKIT_STATS_NOW=$END
compare history

# CSV and JSON as a script reads them
"$INFO" --db "$DB" --period 2h --by mem --csv > "$STATS_WORK/top.csv" || fail "--csv failed"
"$INFO" --db "$DB" --period 2h --json > "$STATS_WORK/top.json" || fail "--json failed"
"$INFO" --db "$DB" --period 2h --faults --json > "$STATS_WORK/faults.json" || fail "--faults --json failed"
"$INFO" --db "$DB" --domain alpha --step hour --period 2h --json > "$STATS_WORK/alpha.json" ||
    fail "--domain --json failed"
"$PYTHON" - "$STATS_WORK" <<'PY' || fail "the CSV or JSON did not read back as expected"
import csv, json, sys
work = sys.argv[1]
rows = list(csv.DictReader(open(work + "/top.csv", newline="")))
assert [r["domain"] for r in rows] == ["gamma", "alpha", "beta", 'delta, "off"'], rows
assert [r["mem_avg"] for r in rows] == ["250000", "100000", "50000", ""], rows
assert rows[0]["mem_max"] == "300000" and rows[1]["io_avg"] == "2.0", rows
assert rows[3]["uuid"] == "00000000-0000-0000-0000-00000000000d", rows
top = json.load(open(work + "/top.json"))
assert top["step"] == "minute" and top["from"] == "2026-01-01 00:00:00", top
assert [d["domain"] for d in top["domains"]] == ["beta", "alpha", "gamma", 'delta, "off"'], top
assert [d["cpu_avg"] for d in top["domains"]] == [25.0, 20.0, 5.0, None], top
assert top["domains"][2]["faults"] is None and top["domains"][0]["faults"] == 4, top
faults = json.load(open(work + "/faults.json"))
assert [(d["domain"], d["mem_faults"], d["ep_faults"], d["faults"]) for d in faults["domains"]] == \
    [("beta", 0, 4, 4), ("alpha", 1, 0, 1)], faults
alpha = json.load(open(work + "/alpha.json"))
assert alpha["domain"] == "alpha" and alpha["step"] == "hour", alpha
assert [(h["time"], h["samples"], h["cpu_avg"], h["cpu_max"], h["mem_faults"])
        for h in alpha["history"]] == [("2026-01-01 00:00", 120, 20.0, 30.0, 1),
                                       ("2026-01-01 01:00", 120, 20.0, 30.0, 0)], alpha
PY

# the top list reads whole hours from the hour rows and the ends of the
# range from the minutes: the same answer as the minutes alone
for range in "--period 2h" "--period 90m" "--period 75m" "--from @1767226500 --to @1767232500" \
        "--from @1767225660 --to @1767229200" "--from @1767229140 --to @1767229320"; do
    for by in cpu mem io faults; do
        # shellcheck disable=SC2086
        a=$("$INFO" --db "$DB" $range --by $by --csv --top 3) &&
            b=$("$INFO" --db "$DB" $range --by $by --csv --top 3 --step minute) ||
            fail "top $range --by $by failed"
        [ -n "$a" ] && [ "$a" = "$b" ] ||
            fail "top $range --by $by: hours and minutes '$a', minutes alone '$b'"
    done
done

# three days on, raw samples kept an hour and minutes a day: the hours
# remain, and give the same top list
VIRTKIT_STATS_NOW=$((END + 3 * 86400)) "$STATSD" -c "$EMPTY" --db "$DB" --once \
    --retention-raw 1 --retention-minute 1 || fail "the retention round failed"
[ "$(sql "$DB" 'SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM minutes), (SELECT count(*) FROM hours), (SELECT count(*) FROM domains)')" = "0|0|8|4" ] ||
    fail "after the retention: $(sql "$DB" 'SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM minutes), (SELECT count(*) FROM hours)')"
compare history-retained

# a year on with hours kept 90 days: nothing is left, not even the names
VIRTKIT_STATS_NOW=$((END + 365 * 86400)) "$STATSD" -c "$EMPTY" --db "$DB" --once \
    --retention-raw 1 --retention-minute 1 || fail "the second retention round failed"
[ "$(sql "$DB" 'SELECT (SELECT count(*) FROM hours), (SELECT count(*) FROM domains)')" = "0|0" ] ||
    fail "after a year: $(sql "$DB" 'SELECT (SELECT count(*) FROM hours), (SELECT count(*) FROM domains)')"
exit $status
