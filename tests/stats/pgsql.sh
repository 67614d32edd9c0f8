#!/bin/sh
# virtkit-statsd and virtkit-info on PostgreSQL give what they give on
# SQLite.  The test starts Debian's server itself (package postgresql):
# initdb into the scratch directory, the socket in a private directory and
# no TCP, as nobody when run as root (initdb refuses root).  Then:
#  - the known history (tests/data/stats/history.sql, the same file
#    history.sh loads into SQLite) rolled up at the same time: every line
#    of history.cases (tables, CSV, JSON, errors) answers byte for byte
#    what it answers on SQLite, and what history.out expects; so do the
#    lines of history-retained.cases after the same retention round;
#  - two real --once rounds on test:///default at fixed times, into both
#    databases: the same answers from both;
#  - a collector killed with SIGKILL and started again keeps every round
#    it committed and writes no duplicate; a second collector is refused;
#  - the server stopped and started again under a running collector: the
#    rounds taken while it was down are kept and written once it is back
#    (each with every domain, none twice), and the collector goes on;
#  - the schema version lives in table stats_schema; a newer one, a
#    database without the schema, a password in the URI (not shown).
# Skipped (77) without the server, or with tools built without libpq;
# under CI (CI=true) both are failures.
. "$abs_top_srcdir/tests/stats/lib.sh"

skip() {
    if [ "${CI:-}" = true ]; then
        echo "FAIL: $* (required under CI: quickstart installs postgresql and libpq-dev)" >&2
        exit 1
    fi
    echo "SKIP: $*"
    exit 77
}

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || skip "no PostgreSQL server (package postgresql)"
"$INFO" --db postgresql:///x > /dev/null 2> "$STATS_WORK/err"
if grep -q "PostgreSQL support was not built" "$STATS_WORK/err"; then
    skip "virtkit-info was built without libpq (libpq-dev)"
fi

# ---- the server ----
# a short socket path whatever the build directory (sun_path is 108 bytes);
# the cluster beside it, where nobody reaches it even when a directory
# above the build tree is closed to others (a clone in /root, mktemp -d)
PG_SOCK=$(mktemp -d /tmp/virtkit-pg.XXXXXX) || exit 99
PG_DATA=$PG_SOCK/data
AS_USER=
if [ "$(id -u)" = 0 ]; then
    command -v setpriv > /dev/null || skip "root without setpriv (util-linux) to run the server as nobody"
    AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups"
    chown 65534:65534 "$PG_SOCK"
fi
mkdir "$PG_DATA" && chown "$(stat -c %u:%g "$PG_SOCK")" "$PG_DATA" || exit 99
pg_stop() {
    $AS_USER "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate stop > /dev/null 2>&1
    rm -rf "$PG_SOCK"
    stats_cleanup
}
trap pg_stop EXIT

$AS_USER "$PG_BIN/initdb" -D "$PG_DATA" -U virtkit --auth=trust --no-locale -E UTF8 \
    > "$STATS_WORK/initdb.log" 2>&1 || { cat "$STATS_WORK/initdb.log"; exit 99; }
$AS_USER "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 120 -l "$PG_DATA/server.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$PG_SOCK' -c fsync=off" start \
    > /dev/null || { cat "$PG_DATA/server.log"; exit 99; }

uri() { echo "postgresql:///$1?host=$PG_SOCK&user=virtkit"; }
# psql DB ARGS...: psql on database DB, rows as sql() gives them
psql() {
    db=$1
    shift
    "$PG_BIN/psql" -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d "$(uri "$db")" "$@"
}
for db in history collect restart outage bare future; do
    psql postgres -c "CREATE DATABASE $db" || exit 99
done
# pgsql DB QUERY: as sql DB QUERY
pgsql() {
    psql "$1" -c "$2"
}

# ---- the known history, on both ----
EMPTY="test://$abs_top_srcdir/tests/data/nodes/empty.xml"
T0=1767225600
END=$((T0 + 7200))
SQLITE_DB=$STATS_WORK/history.db
PG_DB=$(uri history)

for db in "$SQLITE_DB" "$PG_DB"; do
    VIRTKIT_STATS_NOW=$((T0 - 60)) "$STATSD" -c "$EMPTY" --db "$db" --once ||
        fail "the schema round on $db failed"
done
[ "$(pgsql history 'SELECT version FROM stats_schema')" = 1 ] ||
    fail "the schema version in stats_schema: $(pgsql history 'SELECT * FROM stats_schema')"
"$PYTHON" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open(sys.argv[2]).read())
db.commit()' "$SQLITE_DB" "$DATA/history.sql" || exit 99
psql history -f "$DATA/history.sql" || fail "history.sql does not load into PostgreSQL"
for db in "$SQLITE_DB" "$PG_DB"; do
    VIRTKIT_STATS_NOW=$END "$STATSD" -c "$EMPTY" --db "$db" --once ||
        fail "the roll-up round on $db failed"
done
[ "$(pgsql history 'SELECT count(*), sum(n) FROM minutes')" = "480|960" ] ||
    fail "minute rows: $(pgsql history 'SELECT count(*), sum(n) FROM minutes')"
[ "$(pgsql history 'SELECT count(*), sum(n) FROM hours')" = "8|960" ] ||
    fail "hour rows: $(pgsql history 'SELECT count(*), sum(n) FROM hours')"

# the files history.sh compares need the databases it makes refused
echo "not a database" > "$STATS_WORK/text.db"
"$PYTHON" -c 'import sqlite3, sys
sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version = 99")
sqlite3.connect(sys.argv[2]).execute("CREATE TABLE t (x)")' "$STATS_WORK/future.db" "$STATS_WORK/bare.db" || exit 99

# answers NAME DB: every line of NAME.cases on DB, as compare() shows it
answers() {
    DB=$2
    export INFO DB STATS_WORK
    grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$DATA/$1.cases" | while IFS= read -r line; do
        (eval "$line") >"$STATS_WORK/stdout" 2>"$STATS_WORK/stderr" </dev/null
        rc=$?
        printf '$ %s\n' "$line"
        cat "$STATS_WORK/stdout"
        printf '[stderr]\n'
        cat "$STATS_WORK/stderr"
        printf '[exit %d]\n\n' "$rc"
    done
}
# same NAME: NAME.cases answers the same on both, and as NAME.out says
same() {
    answers "$1" "$SQLITE_DB" > "$STATS_WORK/$1.sqlite"
    answers "$1" "$PG_DB" > "$STATS_WORK/$1.pgsql"
    [ "$(grep -c '^\[exit 0\]' "$STATS_WORK/$1.pgsql")" -ge 5 ] || fail "$1: few answers on PostgreSQL"
    cmp -s "$STATS_WORK/$1.sqlite" "$STATS_WORK/$1.pgsql" ||
        fail "$1: PostgreSQL answers otherwise than SQLite:
$(diff -u "$STATS_WORK/$1.sqlite" "$STATS_WORK/$1.pgsql")"
    DB=$PG_DB
    compare "$1"
}
VIRTKIT_STATS_NOW=$END
export VIRTKIT_STATS_NOW
same history

# three days on, raw samples kept an hour and minutes a day: the hours
for db in "$SQLITE_DB" "$PG_DB"; do
    VIRTKIT_STATS_NOW=$((END + 3 * 86400)) "$STATSD" -c "$EMPTY" --db "$db" --once \
        --retention-raw 1 --retention-minute 1 || fail "the retention round on $db failed"
done
[ "$(pgsql history 'SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM minutes), (SELECT count(*) FROM hours), (SELECT count(*) FROM domains)')" = "0|0|8|4" ] ||
    fail "after the retention on PostgreSQL: $(pgsql history 'SELECT count(*) FROM hours')"
same history-retained
unset VIRTKIT_STATS_NOW

# ---- real rounds on test:///default, into both ----
URI=test:///default
SQLITE_DB=$STATS_WORK/collect.db
PG_DB=$(uri collect)
for db in "$SQLITE_DB" "$PG_DB"; do
    for t in $T0 $((T0 + 10)); do
        VIRTKIT_STATS_NOW=$t "$STATSD" -c "$URI" --db "$db" --once || fail "--once at $t into $db failed"
    done
done
ndom=$("$abs_top_builddir/tools/virtsh" -c "$URI" list --all --name | grep -c .)
[ "$(pgsql collect 'SELECT count(DISTINCT uuid), count(*) FROM samples')" = "$ndom|$((2 * ndom))" ] ||
    fail "PostgreSQL has samples $(pgsql collect 'SELECT count(DISTINCT uuid), count(*) FROM samples') of $ndom domains"
cat > "$STATS_WORK/collect.cases" <<'EOF'
$INFO --db "$DB" --period 1h
$INFO --db "$DB" --period 1h --csv
$INFO --db "$DB" --period 1h --json
$INFO --db "$DB" --period 1h --by mem --json
$INFO --db "$DB" --faults --period 1h --json
$INFO --db "$DB" --domain test --period 1h
$INFO --db "$DB" --domain test --period 1h --csv
$INFO --db "$DB" --domain test --period 1h --step hour --json
EOF
DATA=$STATS_WORK
VIRTKIT_STATS_NOW=$((T0 + 60))
export VIRTKIT_STATS_NOW
answers collect "$SQLITE_DB" > "$STATS_WORK/collect.sqlite"
answers collect "$PG_DB" > "$STATS_WORK/collect.pgsql"
unset VIRTKIT_STATS_NOW
grep -q '^test,' "$STATS_WORK/collect.pgsql" || fail "the collected rounds do not list 'test'"
[ "$(grep -c '^\[exit 0\]' "$STATS_WORK/collect.pgsql")" = 8 ] || fail "a question on the collected rounds failed"
cmp -s "$STATS_WORK/collect.sqlite" "$STATS_WORK/collect.pgsql" ||
    fail "the collected rounds answer otherwise on PostgreSQL:
$(diff -u "$STATS_WORK/collect.sqlite" "$STATS_WORK/collect.pgsql")"

# ---- killed and restarted ----
DB=$(uri restart)
q() { pgsql restart "$1"; }
# the server ends the session of a killed collector, and its lock, when
# it sees the socket closed: the restart waits for that, as systemd's
# RestartSec does
unlocked() { [ "$(pgsql restart "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")" = 0 ]; }
after_kill() { wait_for 120 "the killed collector's session to end" unlocked; }
kill_and_restart "$DB" "$T0"
unset -f after_kill

# ---- the server restarted under the collector ----
DB=$(uri outage)
q() { pgsql outage "$1"; }
# kept: the most rounds the collector said it kept to write later (0)
kept() {
    sed -n 's/.*; \([0-9]*\) rounds* kept to write later$/\1/p' "$STATS_WORK/outage.err" |
        sort -n | tail -n 1 | grep . || echo 0
}
kept_more() { [ "$(kept)" -ge "$1" ]; }
"$STATSD" -c "$URI" --db "$DB" --interval 0.2 2>"$STATS_WORK/outage.err" &
pid=$!
wait_for 120 "three rounds before the server stops" more_than 2
$AS_USER "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 120 stop > /dev/null || fail "the server did not stop"
down=$(date +%s%3N)
# rounds taken as the server went down may be kept already
wait_for 120 "four rounds kept while the server is down" kept_more $(( $(kept) + 4 ))
up=$(date +%s%3N)
$AS_USER "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 120 -l "$PG_DATA/server.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$PG_SOCK' -c fsync=off" start \
    > /dev/null || { cat "$PG_DATA/server.log"; exit 99; }
n=$(count)
wait_for 120 "three rounds after the server is back" more_than $((n + 3 * ndom))
kill -TERM $pid
wait $pid
rc=$?
[ $rc = 0 ] || fail "SIGTERM ended the collector with status $rc (after the server restarted)"
# the rounds taken while the server was down are all there, whole
downs=$(pgsql outage "SELECT count(DISTINCT ts) FROM samples WHERE ts > $down AND ts < $up")
[ "$downs" -ge 3 ] || fail "$downs rounds of the time the server was down were written, not 3 or more"
[ "$(pgsql outage 'SELECT count(*) FROM (SELECT ts FROM samples GROUP BY ts HAVING count(*) <> '"$ndom"') x')" = 0 ] ||
    fail "rounds with samples missing: $(pgsql outage 'SELECT ts, count(*) FROM samples GROUP BY ts')"
[ "$(pgsql outage 'SELECT count(*) = count(DISTINCT (uuid, ts)) FROM samples')" = t ] ||
    fail "duplicate samples after the server restarted"
[ "$(pgsql outage 'SELECT sum(n) FROM minutes')" = "$(count)" ] ||
    fail "the roll-ups count $(pgsql outage 'SELECT sum(n) FROM minutes') samples of $(count)"
grep -q "cannot reconnect\|server closed the connection\|terminating connection" "$STATS_WORK/outage.err" ||
    fail "the collector did not say the database was lost: $(head -n 3 "$STATS_WORK/outage.err")"

# ---- databases refused ----
refused() {
    if "$@" >/dev/null 2>"$STATS_WORK/err"; then
        fail "$* was accepted"
    elif ! grep -qF "$REASON" "$STATS_WORK/err"; then
        fail "$*: '$(cat "$STATS_WORK/err")' does not say '$REASON'"
    fi
}
pgsql future "CREATE TABLE stats_schema (version INTEGER); INSERT INTO stats_schema VALUES (7)" || exit 99
REASON="schema version 7, newer than this program knows" refused "$STATSD" -c "$URI" --db "$(uri future)" --once
REASON="schema version 7, newer than this program knows" refused "$INFO" --db "$(uri future)"
REASON="$(uri bare): not a virtkit statistics database (no schema)" refused "$INFO" --db "$(uri bare)"
[ "$(pgsql bare "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] ||
    fail "virtkit-info wrote into a database without the schema"
REASON="postgresql://virtkit:***@/nosuch?host=$PG_SOCK: cannot open the database" \
    refused "$INFO" --db "postgresql://virtkit:secret@/nosuch?host=$PG_SOCK"
grep -q secret "$STATS_WORK/err" && fail "the password is shown: $(cat "$STATS_WORK/err")"
exit $status
