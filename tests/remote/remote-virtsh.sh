#!/bin/sh
# virtsh through the remote driver, compared with Debian's virsh 9.0 on the
# same socket: against virtkitd, and against Debian's libvirtd 9.0 (started
# here on a private socket, when it is installed).  Also: the errors name
# the socket or the host as libvirt's do, and +ssh runs what libvirt's
# client runs (a stand-in for ssh, given with command=, runs it here).
# virtkit's own calls (memory sharing, deduplication, the hypervisor log)
# print through virtkitd what they print locally, on test:///default and
# an LVE root; libvirtd answers them "not supported".
. "$abs_top_srcdir/tests/daemon/lib.sh"

VIRTSH="$abs_top_builddir/tools/virtsh"
RDATA="$abs_top_srcdir/tests/data/remote"
command -v virsh > /dev/null || { echo "SKIP: no virsh to compare with"; exit 77; }
LIBVIRTD_PID=
fail=0

cleanup_libvirtd() {
    [ -n "$LIBVIRTD_PID" ] && kill "$LIBVIRTD_PID" 2>/dev/null && wait "$LIBVIRTD_PID" 2>/dev/null
    LIBVIRTD_PID=
}
trap 'cleanup_libvirtd; daemon_cleanup' EXIT

# CPU time runs on; ids grow with every start on a shared model
normalize() {
    sed -e 's/^\(CPU time: *\).*/\1T/' -e 's/^ *[0-9][0-9]* \{2,\}/ N   /' \
        -e "s/^\(Id: *\)[0-9]*/\1N/" -e "s/ id='[0-9]*'//" \
        -e 's/^\( *cpu\.[a-z]*=\).*/\1T/'
}

# compare NAME URI BATCH: virtsh and virsh run BATCH in turn
compare() {
    "$VIRTSH" -c "$2" "$3" > "$DWORK/$1.virtsh" 2>&1
    virsh -c "$2" "$3" > "$DWORK/$1.virsh" 2>&1
    normalize < "$DWORK/$1.virtsh" > "$DWORK/$1.virtsh.n"
    normalize < "$DWORK/$1.virsh" > "$DWORK/$1.virsh.n"
    if ! diff -u "$DWORK/$1.virsh.n" "$DWORK/$1.virtsh.n"; then
        echo "FAIL: $1: virtsh and virsh differ on $2"
        fail=1
    fi
}

# Everything but the Id column and CPU time leaves the model as it was,
# so virsh meets what virtsh met.
READS='uri; hostname; list --all; dominfo test; domstate --reason test; schedinfo test;
vcpuinfo test; vcpupin test; memtune test; dumpxml test; nodeinfo; domid test; domuuid test;
suspend test; domstate --reason test; resume test; domstate --reason test;
dominfo nosuch; start test'
STATS='domstats test; dommemstat test; domstats --state --balloon --vcpu; send-key test KEY_A'
CYCLE='destroy test; list --all; domstate --reason test; start test; list --all;
dominfo test; setmem test 1048576 --live; dominfo test; setmem test 2097152 --live'

# compare_local NAME REMOTE LOCAL BATCH: virtkit's own calls, which virsh
# does not have: virtsh through virtkitd prints what virtsh prints locally
compare_local() {
    "$VIRTSH" -c "$2" "$4" > "$DWORK/$1.remote" 2>&1
    echo "exit $?" >> "$DWORK/$1.remote"
    "$VIRTSH" -c "$3" "$4" > "$DWORK/$1.local" 2>&1
    echo "exit $?" >> "$DWORK/$1.local"
    if ! diff -u "$DWORK/$1.local" "$DWORK/$1.remote"; then
        echo "FAIL: $1: virtsh through $2 and on $3 differ"
        fail=1
    elif ! grep -q '^Enabled: *no' "$DWORK/$1.remote"; then
        echo "FAIL: $1: memory sharing was not turned off"
        cat "$DWORK/$1.remote"
        fail=1
    fi
}
MEMSHARE='memshareinfo test; setmemshare test --disable --live; memshareinfo test;
memshareinfo test --config; memshare-dedup test; dmesg'
LVE_MEMSHARE="define $abs_top_srcdir/tests/data/daemon/lve/web1001.xml; start web1001;
memshareinfo web1001; setmemshare web1001 --disable; memshareinfo web1001;
memshareinfo web1001 --config; memshare-dedup; destroy web1001; undefine web1001"
LVE_PARENT="virtkit-remotetest-$$"
lve_cleanup() {
    for c in /sys/fs/cgroup/*/"$LVE_PARENT"*; do
        [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
}
trap 'cleanup_libvirtd; lve_cleanup; daemon_cleanup' EXIT

# --- virtkitd ---
daemon_start remote || exit 99
URI="test+unix:///default?socket=$DWORK/remote.sock"
compare virtkitd-reads "$URI" "$READS"
compare virtkitd-cycle "$URI" "$CYCLE"
compare virtkitd-stats "$URI" "$STATS"
# -k/-K: keepalive asked of the remote driver (virConnectSetKeepAlive)
for k in "-k 1 -K 2" "-K 3" "-k 0"; do
    "$VIRTSH" $k -c "$URI" 'uri; list' > "$DWORK/k.virtsh" 2>&1
    virsh $k -c "$URI" 'uri; list' > "$DWORK/k.virsh" 2>&1
    if ! diff -u "$DWORK/k.virsh" "$DWORK/k.virtsh"; then
        echo "FAIL: virtsh $k and virsh $k differ on $URI"
        fail=1
    fi
done
compare_local virtkitd-memshare "$URI" test:///default "$MEMSHARE"
# an LVE root through lve+unix (as root with cgroup v1; skipped elsewhere)
if [ "$(id -u)" = 0 ] && [ -d /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/freezer ] &&
   "$VIRTSH" -c 'lve:///embed?root=/nonexistent' uri >/dev/null 2>&1; then
    mkdir -p "$DWORK/lve1" "$DWORK/lve2"
    compare_local virtkitd-lve-memshare \
        "lve+unix:///embed?root=$DWORK/lve1&backend=cgroup&cgroup_parent=/$LVE_PARENT&socket=$DWORK/remote.sock" \
        "lve:///embed?root=$DWORK/lve2&backend=cgroup&cgroup_parent=/${LVE_PARENT}l" "$LVE_MEMSHARE"
fi

# errors: the socket, the host and port, the transport, as libvirt words them
# (ssh's own complaint ends the error, as in libvirt's)
for u in "test+unix:///default?socket=$DWORK/none.sock" "test+tcp://127.0.0.1:1/default" \
         "test+bogus:///default" "test+ssh://127.0.0.1:1/default?no_tty=1"; do
    case $u in test+ssh:*) command -v ssh > /dev/null || continue;; esac
    "$VIRTSH" -c "$u" uri > "$DWORK/err.virtsh" 2>&1
    # libvirt 9.0 races ssh's stderr against the socket's end: at times it
    # says "client socket is closed" instead of ssh's complaint; its usual
    # words are the ones to match (three tries)
    for try in 1 2 3; do
        virsh -c "$u" uri > "$DWORK/err.virsh" 2>&1
        grep -q "client socket is closed" "$DWORK/err.virsh" || break
    done
    if ! diff -u "$DWORK/err.virsh" "$DWORK/err.virtsh"; then
        echo "FAIL: the error opening $u"
        fail=1
    fi
done

# +ssh: what runs on the far side is libvirt's command; a stand-in for
# ssh records its arguments and runs that command here, where it reaches
# virtkitd through nc
FAKESSH="$DWORK/fake-ssh"
cat > "$FAKESSH" <<FAKE
#!/bin/sh
for a; do printf '%s\n' "\$a"; done > "$DWORK/ssh-argv"
for a; do last=\$a; done
exec sh -c "\$last"
FAKE
chmod +x "$FAKESSH"
SSHURI="test+ssh://admin@h2:2222/default?command=$FAKESSH&proxy=netcat&socket=$DWORK/remote.sock&no_tty=1&no_verify=1&keyfile=/k/id"
if command -v nc > /dev/null; then
    "$VIRTSH" -c "$SSHURI" 'uri; list --all' > "$DWORK/ssh.out" 2>&1
    sed "s|@DWORK@|$DWORK|g" "$RDATA/ssh.out" | diff -u - "$DWORK/ssh.out" || fail=1
    sed -e "s|@DWORK@|$DWORK|g" "$RDATA/ssh-argv" | diff -u - "$DWORK/ssh-argv" || fail=1
fi
daemon_stop || fail=1

# --- Debian's libvirtd 9.0, its test:///default on a private socket ---
# As root, libvirtd keeps state in /run/libvirt whatever its socket
# directory, and two cannot run at once; as nobody it is a session daemon
# whose every file is under this test's directory.
LIBVIRTD=/usr/sbin/libvirtd
if [ -x "$LIBVIRTD" ] && command -v setpriv > /dev/null; then
    L="$DWORK/libvirtd"
    URI="test+unix:///default?socket=$L/run/libvirt-sock"
    libvirtd_session "$L" "$URI" || exit 99
    compare libvirtd-reads "$URI" "$READS"
    compare libvirtd-cycle "$URI" "$CYCLE"
    # virtkit's own calls: libvirtd is asked once whether it serves
    # virtkit's program, says no, and the connection goes on
    "$VIRTSH" -c "$URI" 'memshareinfo test; setmemshare test --disable; domstate test' \
        > "$DWORK/libvirtd-memshare" 2>&1
    sed "s|@HOST@|localhost|" "$RDATA/libvirtd-memshare.out" |
        diff -u - "$DWORK/libvirtd-memshare" || fail=1
    cleanup_libvirtd
else
    echo "no libvirtd 9.0 (package libvirt-daemon) or setpriv: its comparison is skipped"
fi
exit $fail
