#!/bin/sh
# Ansible's community.libvirt.virt module (Debian's ansible, unmodified)
# manages domains through virtkitd: tests/data/daemon/ansible/virt.yml
# lists, starts, pauses and stops a test-driver domain of an embedded
# root and, as root with cgroup v1, an LVE of an embedded LVE root; the
# state each step leaves is checked again through virsh.
# Skipped (77) without ansible-playbook, community.libvirt or
# python3-libvirt.
set -u
. "${abs_top_srcdir:?run through make check}/tests/daemon/lib.sh"

if ! command -v ansible-playbook >/dev/null 2>&1 || ! command -v virsh >/dev/null 2>&1 ||
   ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null ||
   [ ! -d /usr/lib/python3/dist-packages/ansible_collections/community/libvirt ]; then
    echo "SKIP: ansible, its community.libvirt collection, virsh or python3-libvirt is missing"
    exit 77
fi
HOME="$DWORK/home"
ANSIBLE_LOCAL_TEMP="$DWORK/ansible-tmp"
ANSIBLE_NOCOLOR=1
ANSIBLE_RETRY_FILES_ENABLED=0
ANSIBLE_LOCALHOST_WARNING=0
ANSIBLE_INVENTORY_UNPARSED_WARNING=0
export HOME ANSIBLE_LOCAL_TEMP ANSIBLE_NOCOLOR ANSIBLE_RETRY_FILES_ENABLED \
    ANSIBLE_LOCALHOST_WARNING ANSIBLE_INVENTORY_UNPARSED_WARNING
mkdir -p "$HOME"
VIRTSH="$abs_top_builddir/tools/virtsh"
PLAY="$DDATA/ansible/virt.yml"
LVE_PARENT="virtkit-ansible-$$"
HOLDER=

cleanup() {
    [ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null
    for c in /sys/fs/cgroup/*/"$LVE_PARENT"; do
        [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
    daemon_cleanup
}
trap cleanup EXIT

# uri SCHEME ROOT [PARAMS]: an embedded root through virtkitd (a libvirt
# client refuses an /embed path itself: the root travels in name=)
uri() {
    daemon_uri "$1" /system "name=$1:///embed%3Froot=$2${3:+%26$3}"
}

play() {
    if ansible-playbook -i localhost, "$PLAY" -e "uri=$1" -e "dom=$2" > "$DWORK/play.log" 2>&1; then
        echo "PASS: $3: $(grep -c '^TASK' "$DWORK/play.log") tasks"
    else
        echo "FAIL: $3"
        cat "$DWORK/play.log"
        status=1
    fi
}

# state URI DOMAIN WANT: the domain's state, through virsh, is WANT
state() {
    got=$(virsh -c "$1" domstate "$2" 2>&1)
    if [ "$got" != "$3" ]; then
        echo "FAIL: $2 is '$got' after the play, not '$3'"
        status=1
    fi
}

daemon_start ansible || exit 1
status=0

# the test driver: a domain's running state lives while a connection to
# its root is open, so one stays open during the play
mkdir -p "$DWORK/test-root"
U=$(uri test "$DWORK/test-root")
virsh -c "$U" define "$DDATA/ansible/web.xml" >/dev/null || exit 1
/usr/bin/python3 -c 'import libvirt, signal, sys; c = libvirt.open(sys.argv[1]); signal.pause()' \
    "$U" &
HOLDER=$!
play "$U" web "test driver"
state "$U" web "shut off"
kill "$HOLDER"
HOLDER=

if [ "$(id -u)" = 0 ] && [ -d /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/freezer ]; then
    mkdir -p "$DWORK/lve-root"
    U=$(uri lve "$DWORK/lve-root" "backend=cgroup%26cgroup_parent=/$LVE_PARENT")
    virsh -c "$U" define "$DDATA/lve/web1001.xml" >/dev/null || exit 1
    play "$U" web1001 "LVE driver"
    state "$U" web1001 "shut off"
    if [ -n "$(find "/sys/fs/cgroup/memory/$LVE_PARENT" -mindepth 1 -type d 2>/dev/null)" ]; then
        echo "FAIL: LVE 1001's cgroup is still there after the play stopped it"
        status=1
    fi
else
    echo "SKIP: the LVE play needs root and cgroup v1"
fi
daemon_stop || status=1
exit $status
