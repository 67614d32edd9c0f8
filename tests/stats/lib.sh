# Shared by the tests of virtkit-statsd and virtkit-info (sourced, not
# run): the built tools, a scratch directory removed on exit, and helpers.

: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"

STATSD=$abs_top_builddir/tools/virtkit-statsd
INFO=$abs_top_builddir/tools/virtkit-info
DATA=$abs_top_srcdir/tests/data/stats
PYTHON=${PYTHON:-/usr/bin/python3}
unset VIRTKIT_DEFAULT_URI VIRTKIT_DEBUG VIRTKIT_LOG_FILE LIBVIRT_DEFAULT_URI VIRTKIT_STATS_NOW
TZ=UTC LC_ALL=C.UTF-8
export TZ LC_ALL

mkdir -p "$abs_top_builddir/tests/stats"
STATS_WORK=$(mktemp -d "$abs_top_builddir/tests/stats/work.XXXXXX") || exit 99
stats_cleanup() {
    rm -rf "$STATS_WORK"
}
trap stats_cleanup EXIT

status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

# sql DB QUERY: the rows of QUERY, one per line, columns separated by '|'
# (NULL as empty), read by Python's sqlite3 as any reader would.
sql() {
    "$PYTHON" - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=30)
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
PY
}

# wait_for SECONDS WHAT COMMAND...: runs COMMAND until it succeeds; fails
# the test naming WHAT when SECONDS pass first (long: CI is loaded and
# runs some tests under valgrind).
wait_for() {
    limit=$(( $(date +%s) + $1 ))
    what=$2
    shift 2
    until "$@"; do
        if [ "$(date +%s)" -ge "$limit" ]; then
            fail "timed out waiting for $what"
            return 1
        fi
        sleep 0.1
    done
}

# count: the samples on the caller's database (read with its q QUERY);
# more_than N: whether there are more than N
count() { q 'SELECT count(*) FROM samples'; }
more_than() { [ "$(count 2>/dev/null || echo 0)" -gt "$1" ]; }

# kill_and_restart DB NOW: a collector on DB (the test's $URI) killed with
# SIGKILL after three rounds and started again: every round committed
# before the kill is still there, in front of the new ones; a second
# collector is refused; SIGTERM ends the first with 0; no sample is stored
# twice and the minute roll-ups count every sample; a sample of the time
# NOW (seconds), taken twice, is written once.  The caller defines
# q QUERY (its rows on DB, one per line), and may define after_kill (waits
# until a new collector may take DB) and check_db (more checks of DB).
kill_and_restart() {
    # names of its own: the callers' helpers set db, n and the like
    local kr_db=$1 kr_now=$2 kr_pid kr_rc kr_before kr_n

    "$STATSD" -c "$URI" --db "$kr_db" --interval 0.2 &
    kr_pid=$!
    wait_for 120 "three rounds before the kill" more_than 2
    kill -KILL $kr_pid
    wait $kr_pid 2>/dev/null
    if command -v after_kill > /dev/null; then after_kill; fi
    q 'SELECT uuid, ts FROM samples ORDER BY uuid, ts' > "$STATS_WORK/before" ||
        fail "the database does not read after the kill"
    kr_before=$(wc -l < "$STATS_WORK/before")

    "$STATSD" -c "$URI" --db "$kr_db" --interval 0.2 &
    kr_pid=$!
    wait_for 120 "three rounds after the restart" more_than $((kr_before + 2))
    "$STATSD" -c "$URI" --db "$kr_db" --once 2>"$STATS_WORK/err" && fail "a second collector was started"
    grep -q "another virtkit-statsd writes $kr_db" "$STATS_WORK/err" ||
        fail "a second collector: $(cat "$STATS_WORK/err")"
    kill -TERM $kr_pid
    wait $kr_pid
    kr_rc=$?
    [ $kr_rc = 0 ] || fail "SIGTERM ended the collector with status $kr_rc"
    q 'SELECT uuid, ts FROM samples ORDER BY uuid, ts' > "$STATS_WORK/after"
    head -n "$kr_before" "$STATS_WORK/after" | diff -u "$STATS_WORK/before" - ||
        fail "rounds committed before the kill are missing after the restart"
    [ "$(q 'SELECT count(*) FROM (SELECT DISTINCT uuid, ts FROM samples) AS d')" = "$(count)" ] ||
        fail "duplicate samples"
    if command -v check_db > /dev/null; then check_db; fi
    [ "$(q 'SELECT sum(n) FROM minutes')" = "$(count)" ] ||
        fail "the roll-ups count $(q 'SELECT sum(n) FROM minutes') samples of $(count)"

    VIRTKIT_STATS_NOW=$kr_now "$STATSD" -c "$URI" --db "$kr_db" --once || fail "--once at a fixed time failed"
    kr_n=$(count)
    VIRTKIT_STATS_NOW=$kr_now "$STATSD" -c "$URI" --db "$kr_db" --once || fail "--once again at that time failed"
    [ "$(count)" = "$kr_n" ] || fail "a second sample for one time was written"
}

# compare NAME: runs every line of $DATA/NAME.cases (VIRTKIT_STATS_NOW,
# DB and the tools set by the caller) and diffs "$ line", its stdout, its
# stderr and its exit status with $DATA/NAME.out
# (VIRTKIT_TEST_REGENERATE=1 writes it instead, for review in git).
compare() {
    grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$DATA/$1.cases" | while IFS= read -r line; do
        (eval "$line") >"$STATS_WORK/stdout" 2>"$STATS_WORK/stderr" </dev/null
        rc=$?
        printf '$ %s\n' "$line"
        sed "s|$STATS_WORK|\$WORK|g" "$STATS_WORK/stdout"
        if [ -s "$STATS_WORK/stderr" ]; then
            printf '[stderr]\n'
            sed "s|$STATS_WORK|\$WORK|g" "$STATS_WORK/stderr"
        fi
        printf '[exit %d]\n\n' "$rc"
    done > "$STATS_WORK/$1.out"
    if [ "${VIRTKIT_TEST_REGENERATE:-}" = 1 ]; then
        cp "$STATS_WORK/$1.out" "$DATA/$1.out"
        return 0
    fi
    diff -u "$DATA/$1.out" "$STATS_WORK/$1.out" || fail "$1: the output differs from $1.out"
}
