#!/bin/sh
# Debian's virsh 9.0, `virsh event --loop`, against virtkitd: what happens
# to the domains is printed as libvirt prints it.
#
#   test   another virsh changes test:///default through the daemon:
#          define, start, suspend, resume, destroy, undefine, create,
#          destroy, shutdown (tests/data/daemon/events-test.out)
#   lve    virtsh changes an LVE root in its own process, not through the
#          daemon: the daemon sees it on the host (events-lve.out; as
#          root with cgroup v1, skipped elsewhere)
#   kernel a task of an LVE killed by its memory limit: the daemon hears it
#          from the kernel and virsh prints "Crashed Panicked" (the LVE
#          runs on)
#   metadata  `virsh event --event metadata-change` while another virsh
#          sets a title, a description and an element through the daemon
#          (events-metadata.out)
#
# test and metadata are heard twice: by virsh, then by virtsh through
# virtkit's remote driver (test+unix:///default?socket=S), against the
# same expected output.
#
# Each change waits for its event before the next one, so nothing depends
# on how fast the daemon looks.
set -u

if ! command -v virsh >/dev/null 2>&1; then
    echo "SKIP: virsh is not installed"
    exit 77
fi
. "${abs_top_srcdir:?run through make check}/tests/daemon/lib.sh"

VIRTSH="$abs_top_builddir/tools/virtsh"
HOME="$DWORK/home"
export HOME
mkdir -p "$HOME"
LISTENER=
LVE_PARENT="virtkit-eventtest-$$"

cleanup() {
    [ -z "$LISTENER" ] || kill "$LISTENER" 2>/dev/null
    for c in /sys/fs/cgroup/*/"$LVE_PARENT"; do
        [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
    daemon_cleanup
}
trap cleanup EXIT

# listen URI [EVENT]: $LISTEN_SHELL (virsh, or virtsh through virtkit's
# remote driver) event --loop on URI into DWORK/events, once the daemon
# has its callback (EVENT: lifecycle by default)
LISTEN_SHELL=virsh
listen() {
    ev=${2:-lifecycle}
    : > "$DWORK/events"
    registered=$(grep -c "$ev events, callback" "$DWORK/$DAEMON_NAME.log")
    timeout 120 "$LISTEN_SHELL" -c "$1" event --loop --event "$ev" > "$DWORK/events" 2>&1 &
    LISTENER=$!
    i=0
    while [ "$(grep -c "$ev events, callback" "$DWORK/$DAEMON_NAME.log")" = "$registered" ]; do
        [ $i -lt 600 ] || { echo "virsh event did not register"; cat "$DWORK/events"; return 1; }
        sleep 0.05
        i=$((i + 1))
    done
}

# step N CMD...: runs CMD, then waits until N events were printed
step() {
    n=$1; shift
    "$@" > /dev/null || { echo "failed: $*"; return 1; }
    i=0
    while [ "$(grep -c '^event ' "$DWORK/events")" -lt "$n" ]; do
        [ $i -lt 600 ] || { echo "no event after: $*"; return 1; }
        sleep 0.05
        i=$((i + 1))
    done
}

# check NAME: the events printed, against tests/data/daemon/events-NAME.out
check() {
    kill "$LISTENER" 2>/dev/null
    wait "$LISTENER" 2>/dev/null
    LISTENER=
    grep '^event ' "$DWORK/events" > "$DWORK/events.got"
    if diff -u "$DDATA/events-$1.out" "$DWORK/events.got"; then
        echo "PASS: $1 by $(basename "$LISTEN_SHELL") ($(wc -l < "$DWORK/events.got") events)"
    else
        echo "FAIL: $1 (- expected, + printed by $LISTEN_SHELL event --loop)"
        status=1
    fi
}

status=0
daemon_start events || exit 1
uri=$(daemon_uri test /default)
xml="$DWORK/evt.xml"
printf "<domain type='test'><name>evt</name><memory>65536</memory><vcpu>1</vcpu>%s</domain>\n" \
    "<os><type>hvm</type></os>" > "$xml"
# virsh listens, then virtsh through virtkit's remote driver: both print
# what libvirt prints
for LISTEN_SHELL in virsh "$VIRTSH"; do
# test runs again, whether the daemon's test:///default started afresh
# (the last connection closed) or not yet
virsh -c "$uri" start test > /dev/null 2>&1
{
    listen "$uri" &&
    step 1 virsh -c "$uri" define "$xml" &&
    step 2 virsh -c "$uri" start evt &&
    step 3 virsh -c "$uri" suspend evt &&
    step 4 virsh -c "$uri" resume evt &&
    step 5 virsh -c "$uri" destroy evt &&
    step 6 virsh -c "$uri" undefine evt &&
    step 7 virsh -c "$uri" create "$xml" &&
    step 8 virsh -c "$uri" destroy evt &&
    step 9 virsh -c "$uri" shutdown test
} || status=1
check test

{
    listen "$uri" metadata-change &&
    step 1 virsh -c "$uri" desc test --title "a title" &&
    step 2 virsh -c "$uri" desc test --config "a description" &&
    step 3 virsh -c "$uri" metadata test http://example.org/ns --key ex --set "<x/>" &&
    step 4 virsh -c "$uri" metadata test http://example.org/ns --remove
} || status=1
check metadata
done
LISTEN_SHELL=virsh

if [ "$(id -u)" = 0 ] && [ -d /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/freezer ] &&
   "$VIRTSH" -c 'lve:///embed?root=/nonexistent' uri >/dev/null 2>&1; then
    root="$DWORK/lve"
    mkdir -p "$root"
    local="lve:///embed?root=$root&backend=cgroup&cgroup_parent=/$LVE_PARENT"
    remote=$(daemon_uri lve /system \
        "name=lve:///embed%3Froot=$root%26backend=cgroup%26cgroup_parent=/$LVE_PARENT")
    {
        listen "$remote" &&
        step 1 "$VIRTSH" -c "$local" define "$DDATA/lve/web1001.xml" &&
        step 2 "$VIRTSH" -c "$local" start web1001 &&
        step 3 "$VIRTSH" -c "$local" suspend web1001 &&
        step 4 "$VIRTSH" -c "$local" resume web1001 &&
        step 5 "$VIRTSH" -c "$local" destroy web1001 &&
        step 6 "$VIRTSH" -c "$local" undefine web1001
    } || status=1
    check lve

    # what the kernel tells: a task over the LVE's 256 MiB is OOM-killed
    {
        listen "$remote" &&
        step 1 "$VIRTSH" -c "$local" define "$DDATA/lve/web1001.xml" &&
        step 2 "$VIRTSH" -c "$local" start web1001
    } || status=1
    "$VIRTSH" -c "$local" enter web1001 -- /usr/bin/python3 -c 'b = b"x" * (400 << 20)' \
        > "$DWORK/oom.out" 2>&1
    i=0
    until grep -q "^event 'lifecycle' for domain 'web1001': Crashed Panicked" "$DWORK/events"; do
        if [ $i -ge 600 ]; then
            echo "FAIL: kernel: no Crashed event for the OOM kill; virsh event printed:"
            cat "$DWORK/events" "$DWORK/oom.out"
            status=1
            break
        fi
        sleep 0.05
        i=$((i + 1))
    done
    [ $i -ge 600 ] || echo "PASS: kernel (the OOM kill heard as Crashed Panicked)"
    kill "$LISTENER" 2>/dev/null
    wait "$LISTENER" 2>/dev/null
    LISTENER=
    "$VIRTSH" -c "$local" destroy web1001 > /dev/null &&
        "$VIRTSH" -c "$local" undefine web1001 > /dev/null || status=1
else
    echo "SKIP: lve (no root or no cgroup v1)"
fi
daemon_stop || status=1
exit $status
