#!/bin/sh
# virtkit-top on a real LVE: an embedded LVE root on this machine's
# cgroups (tests/lvectl/lib.sh: root and cgroup v1, or it skips), two
# running LVEs, a task burning CPU inside one of them (put there by
# virtsh enter), and virtkit-top --batch --sort cpu shows that LVE first
# with a CPU% above 0, its LVE values beside it; --json gives them too;
# and so does a connection through virtkitd's read-only socket, when the
# daemon is built.
. "$abs_top_srcdir/tests/lvectl/lib.sh"

TOP=$abs_top_builddir/tools/virtkit-top
lvectl() { "$LVECTL" -c "$URI" "$@"; }
virtsh() { "$VIRTSH" -c "$URI" "$@"; }
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

lvectl set 1040 --speed=100% --pmem=256M --nproc=50 && lvectl apply 1040 || exit 99
lvectl set 1041 --speed=100% --pmem=256M --nproc=50 && lvectl apply 1041 || exit 99

# the burner runs inside LVE 1041 until the groups are cleaned up
virtsh enter 1041 -- sh -c 'while :; do :; done' > /dev/null 2>&1 &
BURNER=$!
procs=$(lve_group cpuacct 1041)/cgroup.procs
i=0
until [ -n "$(cat "$procs" 2>/dev/null)" ]; do
    i=$((i + 1))
    [ $i -le 200 ] || { echo "the burner never entered LVE 1041" >&2; exit 99; }
    sleep 0.05
done

# A busy task gets some CPU in a second however loaded the machine is;
# the idle LVE has none.  The first frame comes after one interval.
"$TOP" -c "$URI" --batch --sort cpu -n 1 -d 1 > "$WORK/cpu" 2> "$WORK/err" ||
    fail "--batch --sort cpu exited $?: $(cat "$WORK/err")"
first=$(awk '/^---/ {getline; print; exit}' "$WORK/cpu")
set -- $first
[ "$1 $2 $3" = "1041 lve1041 running" ] || fail "LVE 1041 is not first by CPU: $(cat "$WORK/cpu")"
awk -v c="$4" 'BEGIN { exit !(c + 0 > 0) }' || fail "LVE 1041's CPU% is '$4': $(cat "$WORK/cpu")"
[ "$5" = "100%" ] || fail "LVE 1041's CPU limit is '$5', not 100%: $first"
[ "$7" = "256M" ] || fail "LVE 1041's memory limit is '$7', not 256M: $first"
[ "$9" -ge 1 ] 2>/dev/null || fail "LVE 1041's NPROC is '$9', not at least its burner: $first"
grep -q '^ 1040   lve1040   running   ' "$WORK/cpu" || fail "LVE 1040 is not shown running: $(cat "$WORK/cpu")"

# by name, the idle one first
"$TOP" -c "$URI" --batch --sort name -n 1 -d 0.2 > "$WORK/name" || fail "--sort name exited $?"
[ "$(awk '/^---/ {getline; print $2; exit}' "$WORK/name")" = lve1040 ] ||
    fail "--sort name does not start with lve1040: $(cat "$WORK/name")"

# --json: the same, as numbers, and the lve.* fields of the record
"$TOP" -c "$URI" --json --sort cpu -n 1 -d 1 > "$WORK/json" || fail "--json exited $?"
python3 - "$WORK/json" <<'PY' || fail "--json: $(cat "$WORK/json")"
import json, sys
s = json.loads(open(sys.argv[1]).read())
burner, idle = s["domains"]
assert burner["name"] == "lve1041" and burner["id"] == 1041, burner
assert burner["cpu_percent"] > 0, burner
assert burner["cpu_limit_percent"] == 100 and burner["memory_limit_kib"] == 262144, burner
assert burner["nproc"] >= 1 and burner["memory_kib"] is not None, burner
assert burner["faults"] is not None and burner["io_bytes_per_second"] is not None, burner
for field in ("lve.cpu.usage", "lve.mem.usage", "lve.nproc.usage", "lve.ep.limit",
              "lve.io.usage", "lve.iops.usage", "cpu.time", "balloon.current"):
    assert field in burner["stats"], (field, burner["stats"])
assert idle["name"] == "lve1040" and idle["nproc"] == 0, idle
PY

# through virtkitd: the remote driver's bulk statistics of the same root
if [ -x "$abs_top_builddir/daemon/virtkitd" ]; then
    . "$abs_top_srcdir/tests/daemon/lib.sh"
    trap 'daemon_cleanup; lve_cleanup' EXIT
    daemon_start top-lve || exit 99
    RURI=$(printf '%s' "$URI" | sed "s|^lve:///embed?|lve+unix:///embed?socket=$DWORK/top-lve.sock-ro\&|")
    "$TOP" -c "$RURI" --batch --sort cpu -n 1 -d 1 > "$WORK/remote" 2> "$WORK/err" ||
        fail "--batch through virtkitd exited $?: $(cat "$WORK/err")"
    set -- $(awk '/^---/ {getline; print; exit}' "$WORK/remote")
    [ "$1 $2" = "1041 lve1041" ] && awk -v c="$4" 'BEGIN { exit !(c + 0 > 0) }' ||
        fail "through virtkitd, LVE 1041 is not first with CPU% above 0: $(cat "$WORK/remote")"
    daemon_stop || status=1
fi

kill "$BURNER" 2>/dev/null
lvectl destroy 1041 || status=1
lvectl destroy 1040 || status=1
wait
exit $status
