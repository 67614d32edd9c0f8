#!/bin/sh
# virtkit-top --batch and --json through the built program: the table of
# test:///default and of the node file tests/data/virtsh/node.xml (four
# domains in three states), --sort and --filter, --json read back by
# python3's json, names of CJK and multibyte characters (the table lined
# up by display width), the errors of bad options; then the same through
# virtkitd (the remote driver's bulk statistics), when it is built.
: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"

TOP=$abs_top_builddir/tools/virtkit-top
NODE="test://$(cd "$abs_top_srcdir/tests/data/virtsh" && pwd)/node.xml"
unset VIRTKIT_DEFAULT_URI VIRTKIT_DEBUG VIRTKIT_LOG_FILE LIBVIRT_DEFAULT_URI
LC_ALL=C.UTF-8
export LC_ALL
T=$(mktemp -d "${TMPDIR:-/tmp}/virtkit-top.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

# frames FILE: how many headers --batch printed
frames() { grep -c '^virtkit-top - [0-9][0-9]:[0-9][0-9]:[0-9][0-9], ' "$1"; }
# names FILE: the NAME column of the last frame, in order
names() {
    awk '/^virtkit-top - /{n = 0; delete rows; next}
         /^ ID /{next} /^---/{next} NF {rows[++n] = $0}
         END {for (i = 1; i <= n; i++) print rows[i]}' "$1" |
        sed -e 's/^ [^ ]*  *//' -e 's/   *[a-z][a-z ]*   .*//'
}

# --- the test driver: two frames, each after one interval ---
"$TOP" -c test:///default --batch -n 2 -d 0.2 > "$T/batch" 2> "$T/err" ||
    fail "--batch -n 2 exited $?: $(cat "$T/err")"
[ "$(frames "$T/batch")" = 2 ] || fail "--batch -n 2 printed $(frames "$T/batch") frames: $(cat "$T/batch")"
grep -q '^virtkit-top - .*, 1 domain, 1 running, interval [0-9]*\.[0-9][0-9] s, sort cpu$' "$T/batch" ||
    fail "no header line with the count, the interval and the sort: $(head -1 "$T/batch")"
[ "$(grep -c '^ ID   NAME   STATE     CPU%   CPULIM   MEM   MEMLIM   EP   NPROC   IO/s   IOPS   FAULTS$' "$T/batch")" = 2 ] ||
    fail "the column names are not there twice: $(cat "$T/batch")"
# the test driver reports the state only: every other value is '-'
[ "$(grep -c '^ 1    test   running   -      -        -     -        -    -       -      -      -$' "$T/batch")" = 2 ] ||
    fail "the row of 'test' is not there twice, running with '-' for what it lacks: $(cat "$T/batch")"
[ -s "$T/err" ] && fail "--batch wrote to stderr: $(cat "$T/err")"

# --- four domains: states, the sort orders, the filter ---
"$TOP" -c "$NODE" --batch -n 1 -d 0.1 > "$T/node" || fail "--batch on $NODE exited $?"
grep -q ', 4 domains, 2 running, ' "$T/node" || fail "the header does not count 4 domains, 2 running: $(head -1 "$T/node")"
grep -q '^ -    gamma-long-domain-name   shut off   -' "$T/node" || fail "no shut off row without an id: $(cat "$T/node")"
grep -q '^ 2    web server               paused     -' "$T/node" || fail "no paused row: $(cat "$T/node")"
# nothing has CPU here: the cpu order falls back on names, as name does
printf 'alpha\ndelta\ngamma-long-domain-name\nweb server\n' > "$T/want"
for key in name cpu mem io faults; do
    "$TOP" -c "$NODE" --batch -n 1 -d 0.1 --sort "$key" > "$T/sorted" || fail "--sort $key exited $?"
    names "$T/sorted" | diff -u "$T/want" - || fail "--sort $key: not in the order of names"
    grep -q ", sort $key\$" "$T/sorted" || fail "--sort $key: the header does not say it: $(head -1 "$T/sorted")"
done
"$TOP" -c "$NODE" --batch -n 1 -d 0.1 --filter a > "$T/filtered" || fail "--filter exited $?"
printf 'alpha\ndelta\ngamma-long-domain-name\n' | diff -u - "$(names "$T/filtered" > "$T/got"; echo "$T/got")" ||
    fail "--filter a: not the three names holding 'a'"
grep -q ", filter 'a' (3 shown)\$" "$T/filtered" || fail "--filter: the header does not say it: $(head -1 "$T/filtered")"
"$TOP" -c "$NODE" --batch -n 1 -d 0.1 --filter 'web ser' > "$T/filtered" || fail "--filter 'web ser' exited $?"
names "$T/filtered" | grep -qx 'web server' && [ "$(names "$T/filtered" | wc -l)" = 1 ] ||
    fail "--filter 'web ser': $(cat "$T/filtered")"
"$TOP" -c "$NODE" --batch -n 1 -d 0.1 --filter nosuch > "$T/filtered" || fail "--filter nosuch exited $?"
[ "$(names "$T/filtered" | wc -l)" = 0 ] || fail "--filter nosuch shows rows: $(cat "$T/filtered")"

# --- names not a byte a column: the columns line up by display width ---
# (CJK characters take two columns; tests/data/top/wide-batch.out is the
# table as a terminal shows it, under its first line, the clock)
WIDE="test://$(cd "$abs_top_srcdir/tests/data/top" && pwd)/wide.xml"
"$TOP" -c "$WIDE" --batch -n 1 -d 0.1 --sort name > "$T/wide" || fail "--batch on $WIDE exited $?"
tail -n +2 "$T/wide" | diff -u "$abs_top_srcdir/tests/data/top/wide-batch.out" - ||
    fail "--batch with CJK and multibyte names: not the table of wide-batch.out"

# --- --json: one object per sample, one per line ---
"$TOP" -c "$NODE" --json -n 2 -d 0.1 --sort name --filter a > "$T/json" || fail "--json exited $?"
python3 - "$T/json" <<'PY' || fail "--json: $(cat "$T/json")"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 2, "%d lines for -n 2" % len(lines)
for line in lines:
    s = json.loads(line)
    assert s["total"] == 4 and s["running"] == 2 and s["sort"] == "name", s
    assert 0.05 <= s["interval"] < 30, s["interval"]
    assert s["time"].endswith("Z"), s["time"]
    doms = s["domains"]
    assert [d["name"] for d in doms] == ["alpha", "delta", "gamma-long-domain-name"], doms
    alpha, delta, gamma = doms
    assert alpha["state"] == "running" and alpha["id"] == 1, alpha
    assert gamma["state"] == "shut off" and gamma["id"] is None, gamma
    assert len(alpha["uuid"]) == 36, alpha
    for key in ("cpu_percent", "memory_kib", "memory_limit_kib", "io_bytes_per_second",
                "iops", "faults", "ep", "nproc", "cpu_limit_percent"):
        assert alpha[key] is None, (key, alpha)
    assert alpha["stats"]["state.state"] == 1, alpha["stats"]
    assert gamma["stats"]["state.state"] == 5, gamma["stats"]
PY

# --- bad input: a clear error and 1, nothing on stdout ---
bad() {
    want=$1; shift
    "$TOP" "$@" > "$T/out" 2> "$T/err" </dev/null
    rc=$?
    [ $rc = 1 ] || fail "virtkit-top $* exited $rc, not 1"
    [ -s "$T/out" ] && fail "virtkit-top $* printed on stdout: $(cat "$T/out")"
    grep -q "^error: $want" "$T/err" || fail "virtkit-top $*: '$(cat "$T/err")' is not 'error: $want'"
}
bad "unknown sort key 'cpus' (known: cpu, mem, io, faults, name)" -c test:///default --batch --sort cpus
bad "invalid delay '0': expected a number of seconds above 0, at most 86400" -c test:///default --batch -d 0
bad "invalid delay '-1': expected" -c test:///default --batch -d -1
bad "invalid delay 'soon': expected" -c test:///default --batch --delay soon
bad "invalid delay '1x': expected" -c test:///default --batch -d 1x
bad "invalid delay 'nan': expected" -c test:///default --batch -d nan
bad "invalid delay '1e300': expected a number of seconds above 0, at most 86400" -c test:///default --batch -d 1e300
bad "invalid number of iterations '0': expected a whole number above 0" -c test:///default --batch -n 0
bad "invalid number of iterations 'two'" -c test:///default --batch -n two
bad "failed to connect to the hypervisor bogus:///x: .*bogus" -c bogus:///x --batch -n 1
bad "failed to connect to the hypervisor test:///nosuch/node.xml: " -c test:///nosuch/node.xml --batch -n 1
bad "--batch and --json cannot be combined" -c test:///default --batch --json
bad "unexpected argument 'extra'" -c test:///default --batch extra
bad "the interactive screen needs a terminal: use --batch or --json" -c test:///default
"$TOP" --bogus > "$T/out" 2> "$T/err"
[ $? = 1 ] && grep -q "unrecognized option '--bogus'" "$T/err" && grep -q '^usage: virtkit-top' "$T/err" ||
    fail "an unknown option: $(cat "$T/err")"
"$TOP" --help > "$T/out" && grep -q -- '--sort=KEY' "$T/out" || fail "--help: $(cat "$T/out")"

# --- through virtkitd: the remote driver's bulk statistics ---
if [ -x "$abs_top_builddir/daemon/virtkitd" ]; then
    trap - EXIT
    . "$abs_top_srcdir/tests/daemon/lib.sh"
    trap 'daemon_cleanup; rm -rf "$T"' EXIT
    daemon_start top || exit 99
    RURI=$(daemon_uri test "$(cd "$abs_top_srcdir/tests/data/virtsh" && pwd)/node.xml")
    "$TOP" -c "$RURI" --batch -n 1 -d 0.1 > "$T/remote" 2> "$T/err" ||
        fail "--batch through virtkitd exited $?: $(cat "$T/err")"
    # the same rows as the local driver gives
    tail -n +2 "$T/node" > "$T/node.rows"
    tail -n +2 "$T/remote" | diff -u "$T/node.rows" - || fail "virtkitd's rows differ from the local driver's"
    # the read-only socket is enough
    ROURI=$(printf '%s' "$RURI" | sed 's/\.sock$/.sock-ro/')
    "$TOP" -c "$ROURI" --json -n 1 -d 0.1 > "$T/json" 2> "$T/err" ||
        fail "--json through the read-only socket exited $?: $(cat "$T/err")"
    python3 -c 'import json, sys; s = json.loads(open(sys.argv[1]).read()); assert s["total"] == 4, s' "$T/json" ||
        fail "--json through virtkitd: $(cat "$T/json")"
    daemon_stop || status=1
fi
exit $status
