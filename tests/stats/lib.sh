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
