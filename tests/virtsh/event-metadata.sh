#!/bin/sh
# virtsh event --event metadata-change --loop prints, as virsh 9.0 does
# (tests/data/virtsh/event-metadata.out: the lines real virsh printed
# against virtkitd, tests/daemon/events-wire.sh), what another virtsh
# changes of an LVE's title, description and <metadata> on the same root.
# The listener's registration shows by nothing: titles are set until the
# first event comes, then each change waits for its event.  Run as root
# or not: the domain never starts.
set -u

b=${abs_top_builddir:?run through make check}
s=${abs_top_srcdir:?run through make check}
VIRTSH="$b/tools/virtsh"
dir=$(mktemp -d)
LISTENER=
trap '[ -z "$LISTENER" ] || kill "$LISTENER" 2>/dev/null; rm -rf "$dir"' EXIT
uri="lve:///embed?root=$dir&backend=cgroup&cgroup_parent=/virtkit-mdtest-$$"

if ! "$VIRTSH" -q -c "$uri" define "$s/tests/data/daemon/lve/web1001.xml" >/dev/null 2>&1; then
    echo "SKIP: no LVE root to define in"
    exit 77
fi
timeout 120 "$VIRTSH" -q -c "$uri" event --event metadata-change --loop > "$dir/events" 2>&1 &
LISTENER=$!

# wait_for TYPE N: until N events of TYPE were printed (a minute at most)
wait_for() {
    i=0
    while [ "$(grep -c "^event .*type $1," "$dir/events")" -lt "$2" ]; do
        [ $i -lt 1200 ] || { echo "FAIL: no $1 event $2; printed:"; cat "$dir/events"; exit 1; }
        sleep 0.05
        i=$((i + 1))
    done
}

n=0
while [ "$(grep -c '^event ' "$dir/events")" -lt 1 ]; do
    [ $n -lt 600 ] || { echo "FAIL: virtsh event saw no title change"; cat "$dir/events"; exit 1; }
    "$VIRTSH" -q -c "$uri" desc web1001 --title "title $n" >/dev/null || exit 1
    n=$((n + 1))
    sleep 0.05
done
# a title change still under way when the first event came prints before
# the description's, which is why each wait is for a type
"$VIRTSH" -q -c "$uri" desc web1001 "a description" >/dev/null || exit 1
wait_for description 1
"$VIRTSH" -q -c "$uri" metadata web1001 http://example.org/ns --key ex --set "<x/>" \
    >/dev/null || exit 1
wait_for element 1
"$VIRTSH" -q -c "$uri" metadata web1001 http://example.org/ns --remove >/dev/null || exit 1
wait_for element 2
kill "$LISTENER" 2>/dev/null
wait "$LISTENER" 2>/dev/null
LISTENER=
{
    grep '^event ' "$dir/events" | sed -n '1p'
    grep '^event ' "$dir/events" | sed -n '/type description,/,$p'
} > "$dir/got"
if diff -u "$s/tests/data/virtsh/event-metadata.out" "$dir/got"; then
    echo "PASS: virtsh event --event metadata-change"
else
    echo "FAIL: virtsh event --event metadata-change (- expected, + printed)"
    exit 1
fi
