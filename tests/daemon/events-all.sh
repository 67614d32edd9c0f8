#!/bin/sh
# `event --all --loop`: virtkit's remote driver registers every event ID
# and prints each event as Debian's virsh 9.0 prints it, both listening to
# the same daemon at once.
#
#   virtkitd  test:///default through virtkitd: virsh and virtsh (the
#             remote driver) hear lifecycle and metadata-change events of
#             another virtsh's changes (tests/data/daemon/events-all.out)
#   libvirtd  Debian's libvirtd 9.0 as nobody (a session daemon whose files
#             are all under this test's directory), a QEMU (TCG) guest
#             without an operating system: events of 13 IDs beyond those
#             two come from QEMU and libvirt for real (reboot, tunable,
#             device-added, device-removed, tray-change, graphics,
#             disk-change, agent-lifecycle, block-job, block-job-2,
#             migration-iteration, job-completed), decoded by libvirt's
#             XDR in virsh and by virtkit's in virtsh.  Skipped (with a
#             note) without qemu-system-x86_64, libvirtd or setpriv.
#
# Every step waits for its event in both printouts, never for a time.
set -u

command -v virsh > /dev/null || { echo "SKIP: virsh is not installed"; exit 77; }
. "${abs_top_srcdir:?run through make check}/tests/daemon/lib.sh"

VIRTSH="$abs_top_builddir/tools/virtsh"
PYTHON=/usr/bin/python3
LISTENERS=
LIBVIRTD_PID=
status=0

cleanup() {
    for p in $LISTENERS; do kill "$p" 2>/dev/null; done
    if [ -n "$LIBVIRTD_PID" ]; then
        virsh -c "$QURI" destroy ev > /dev/null 2>&1
        kill "$LIBVIRTD_PID" 2>/dev/null
        wait "$LIBVIRTD_PID" 2>/dev/null
    fi
    daemon_cleanup
}
trap cleanup EXIT

# listen URI: virsh and virtsh `event --all --loop` on URI, into
# DWORK/virsh.out and DWORK/virtsh.out
listen() {
    : > "$DWORK/virsh.out"
    : > "$DWORK/virtsh.out"
    virsh -c "$1" event --all --loop > "$DWORK/virsh.out" 2>&1 &
    LISTENERS="$!"
    "$VIRTSH" -c "$1" event --all --loop > "$DWORK/virtsh.out" 2>&1 &
    LISTENERS="$LISTENERS $!"
}

# heard PATTERN [N]: waits until both printed N (1) lines matching PATTERN
heard() {
    i=0
    while [ "$(grep -c -- "$1" "$DWORK/virsh.out")" -lt "${2:-1}" ] ||
          [ "$(grep -c -- "$1" "$DWORK/virtsh.out")" -lt "${2:-1}" ]; do
        if [ $i -ge 1200 ]; then
            echo "not heard by both: $1"
            echo "virsh:"; cat "$DWORK/virsh.out"
            echo "virtsh:"; cat "$DWORK/virtsh.out"
            return 1
        fi
        sleep 0.05
        i=$((i + 1))
    done
}

# run CMD...: a change the listeners are to hear
run() {
    "$@" > "$DWORK/run.out" 2>&1 || { echo "failed: $*"; cat "$DWORK/run.out"; return 1; }
}

# stop: interrupts both listeners (virsh prints "event loop interrupted")
stop() {
    for p in $LISTENERS; do kill -INT "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    LISTENERS=
}

# same NAME [EXPECTED]: virsh and virtsh printed the same events (and
# those of EXPECTED when given); lines matching DROP are left out
DROP='^$'
same() {
    grep -v -e "$DROP" "$DWORK/virsh.out" > "$DWORK/virsh.got"
    grep -v -e "$DROP" "$DWORK/virtsh.out" > "$DWORK/virtsh.got"
    if ! diff -u "$DWORK/virsh.got" "$DWORK/virtsh.got"; then
        echo "FAIL: $1: virtsh (+) does not print what virsh (-) prints"
        status=1
    elif [ -n "${2:-}" ] && ! diff -u "$2" "$DWORK/virtsh.got"; then
        echo "FAIL: $1: not the expected events (-)"
        status=1
    else
        echo "PASS: $1 ($(grep -c "^event '" "$DWORK/virtsh.got") events, the same in virsh and virtsh)"
    fi
}

# --- virtkitd, test:///default ---------------------------------------
daemon_start all || exit 1
uri=$(daemon_uri test /default)
registered() {
    # every ID, once per listener
    [ "$(grep -c "memory-device-size-change events, callback" "$DWORK/all.log")" -ge 2 ]
}
listen "$uri"
i=0
until registered; do
    [ $i -lt 1200 ] || { echo "FAIL: the listeners did not register every event"; exit 1; }
    sleep 0.05
    i=$((i + 1))
done
{
    run "$VIRTSH" -c "$uri" suspend test && heard "Suspended Paused" &&
    run "$VIRTSH" -c "$uri" resume test && heard "Resumed Unpaused" &&
    run "$VIRTSH" -c "$uri" destroy test && heard "Stopped Destroyed" &&
    run "$VIRTSH" -c "$uri" start test && heard "Started Booted" &&
    run "$VIRTSH" -c "$uri" desc test --title "a title" && heard "type title"
} || status=1
stop
same virtkitd "$DDATA/events-all.out"
daemon_stop || status=1

# --- Debian's libvirtd 9.0, QEMU -------------------------------------
QEMU=/usr/bin/qemu-system-x86_64
LIBVIRTD=/usr/sbin/libvirtd
if [ ! -x "$QEMU" ] || [ ! -x "$LIBVIRTD" ] || ! command -v setpriv > /dev/null ||
   [ ! -x "$PYTHON" ]; then
    echo "no qemu-system-x86_64, libvirtd 9.0, setpriv or python3: libvirtd's events are not heard"
    exit $status
fi
L="$DWORK/libvirtd"
QURI="qemu+unix:///session?socket=$L/run/libvirt-sock"
libvirtd_session "$L" "$QURI" || { echo "FAIL: Debian's libvirtd"; exit 1; }
truncate -s 16M "$L/disk.img"
truncate -s 1M "$L/cd.iso"
chmod 666 "$L/disk.img" "$L/cd.iso"
sed "s|@DIR@|$L|g" "$DDATA/events-all-qemu.xml" > "$L/ev.xml"
V="virsh -q -c $QURI"

# libvirtd says nothing of registrations: a domain defined and undefined
# until both listeners heard it shows they listen (its lines are left out)
listen "$QURI"
printf "<domain type='qemu'><name>probe</name><memory>65536</memory>%s</domain>\n" \
    "<os><type arch='x86_64'>hvm</type></os>" > "$L/probe.xml"
i=0
while :; do
    run $V define "$L/probe.xml" && run $V undefine probe || exit 1
    if grep -q "'probe'" "$DWORK/virsh.out" && grep -q "'probe'" "$DWORK/virtsh.out"; then
        break
    fi
    [ $i -lt 100 ] || { echo "FAIL: the listeners do not hear libvirtd"; exit 1; }
    sleep 0.1
    i=$((i + 1))
done
DROP="'probe'"

# a VNC client on the guest's socket: connects, initialises, leaves
vnc() {
    "$PYTHON" - "$L/vnc.sock" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(s.recv(12))            # RFB version
n = s.recv(1)[0]                 # security types
s.recv(n)
s.sendall(bytes([1]))            # None
s.recv(4)                        # SecurityResult
s.sendall(bytes([1]))            # ClientInit, shared
s.recv(24)                       # ServerInit, before its name
s.close()
PY
}
echo "<input type='tablet' bus='usb'><alias name='ua-tablet'/></input>" > "$L/tablet.xml"
{
    run $V create "$L/ev.xml" && heard "Started Booted" &&
    heard "event 'disk-change'" && heard "event 'agent-lifecycle'" &&
    run $V reset ev && heard "event 'reboot'" &&
    run $V vcpupin ev 0 0 --live && heard "cputune.vcpupin0" &&
    run $V attach-device ev "$L/tablet.xml" --live && heard "event 'device-added'" &&
    run $V detach-device-alias ev ua-tablet --live && heard "event 'device-removed'" &&
    run $V change-media ev hdc "$L/cd.iso" --insert && heard "event 'tray-change'.*closed" &&
    run $V change-media ev hdc --eject && heard "event 'tray-change'.*closed" 2 &&
    run vnc && heard "event 'graphics'.*disconnect" &&
    run $V blockcopy ev vda "$L/copy.img" --wait --pivot && heard "event 'block-job-2'.*completed" &&
    run $V save ev "$L/ev.save" && heard "Stopped Saved" &&
    run $V restore "$L/ev.save" && heard "Started Restored" &&
    run $V destroy ev && heard "Stopped Destroyed"
} || status=1
stop
same libvirtd
for ev in reboot tunable device-added device-removed tray-change graphics disk-change \
          agent-lifecycle block-job block-job-2 migration-iteration job-completed; do
    grep -q "^event '$ev'" "$DWORK/virtsh.got" || { echo "FAIL: no '$ev' event"; status=1; }
done
exit $status
