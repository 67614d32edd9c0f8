#!/bin/sh
# Many hosts: two virtkitd, each with its own test:///default (the state
# of its process), listening on plain TCP (auth_tcp = "none") on
# 127.0.0.2 and 127.0.0.3, one domain defined on each (web1, db1).
#   - one interactive virtsh session (its standard input) moves between
#     them with `connect URI` and says each host's uri, hostname and
#     domains: tests/data/remote/hosts/session.out, and Debian's virsh 9.0
#     says the same of the same script;
#   - Ansible's community.libvirt.virt lists the domains of both hosts of
#     an inventory whose hosts each carry their URI (hosts/inventory.yml,
#     hosts/list.yml).  Skipped without ansible and community.libvirt.
set -u
. "${abs_top_srcdir:?run through make check}/tests/daemon/lib.sh"

VIRTSH="$abs_top_builddir/tools/virtsh"
HDATA="$abs_top_srcdir/tests/data/remote/hosts"
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
HOME="$DWORK/home"
export HOME
mkdir -p "$HOME"
fail=0
PID2=
PID3=
HOLD2=
HOLD3=

cleanup() {
    for p in $HOLD2 $HOLD3 $PID2 $PID3; do
        kill -9 "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    daemon_cleanup
}
trap cleanup EXIT

# free_port ADDR: a TCP port nobody listens on at ADDR now
free_port() {
    "$PYTHON" -c 'import socket, sys
s = socket.socket()
s.bind((sys.argv[1], 0))
print(s.getsockname()[1])' "$1"
}

# host N: a virtkitd on 127.0.0.N, plain TCP only; its pid in PIDN
host() {
    port=$(free_port "127.0.0.$1") || return 1
    cat > "$DWORK/h$1.conf" <<CONF
log_level = 2
listen_addr = "127.0.0.$1"
listen_tls = 0
listen_tcp = 1
auth_tcp = "none"
tcp_port = "$port"
CONF
    daemon_start "h$1" --listen || return 1
    eval "PID$1=\$DAEMON_PID PORT$1=\$port"
    DAEMON_PID=
}
host 2 && host 3 || exit 1
URI2="test+tcp://127.0.0.2:$PORT2/default"
URI3="test+tcp://127.0.0.3:$PORT3/default"

# each host its own domain.  A test:///default lives as long as a
# connection to it (libvirt's test driver forgets it with the last one),
# so a python3-libvirt client holds one open on each host until the test
# ends.
if ! "$PYTHON" -c 'import libvirt' 2>/dev/null; then
    echo "SKIP: python3-libvirt is missing (it holds the hosts' state)"
    exit 77
fi
# hold N XML: host N keeps its state, and defines XML
hold() {
    : > "$DWORK/hold$1.out"
    "$PYTHON" -c 'import libvirt, signal, sys
c = libvirt.open(sys.argv[1])
print("open", flush=True)
signal.pause()' "$(eval echo "\$URI$1")" > "$DWORK/hold$1.out" 2>&1 &
    eval "HOLD$1=\$!"
    i=0
    until grep -q "^open" "$DWORK/hold$1.out"; do
        i=$((i + 1))
        if [ $i -ge 400 ] || ! kill -0 "$(eval echo "\$HOLD$1")" 2>/dev/null; then
            echo "FAIL: no connection to host $1:" >&2
            cat "$DWORK/hold$1.out" >&2
            return 1
        fi
        sleep 0.05
    done
    "$VIRTSH" -c "$(eval echo "\$URI$1")" define "$2" > /dev/null
}
hold 2 "$HDATA/web1.xml" && hold 3 "$HDATA/db1.xml" || exit 1

# fill FILE: FILE with this run's ports and host name
fill() {
    sed -e "s/@PORT2@/$PORT2/g" -e "s/@PORT3@/$PORT3/g" -e "s/@HOSTNAME@/$(hostname)/g" "$1"
}

# --- one virtsh session, two hosts ------------------------------------
fill "$HDATA/session.in" > "$DWORK/session.in"
fill "$HDATA/session.out" > "$DWORK/session.expected"
"$VIRTSH" -q < "$DWORK/session.in" > "$DWORK/session.virtsh" 2>&1
if ! diff -u "$DWORK/session.expected" "$DWORK/session.virtsh"; then
    echo "FAIL: virtsh's session across two hosts" >&2
    fail=1
fi
if command -v virsh > /dev/null; then
    # virsh echoes its prompt and each command when its input is no
    # terminal; virtsh does not
    virsh -q < "$DWORK/session.in" 2>&1 | grep -v '^virsh # ' > "$DWORK/session.virsh"
    if ! diff -u "$DWORK/session.virsh" "$DWORK/session.virtsh"; then
        echo "FAIL: virtsh and virsh differ on the session across two hosts" >&2
        fail=1
    fi
fi

# --- Ansible: an inventory of the two hosts ---------------------------
if ! command -v ansible-playbook > /dev/null 2>&1 || ! "$PYTHON" -c 'import libvirt' 2>/dev/null ||
   [ ! -d /usr/lib/python3/dist-packages/ansible_collections/community/libvirt ]; then
    echo "Ansible skipped: ansible, community.libvirt or python3-libvirt is missing"
    exit $fail
fi
ANSIBLE_LOCAL_TEMP="$DWORK/ansible-tmp"
ANSIBLE_NOCOLOR=1
ANSIBLE_RETRY_FILES_ENABLED=0
ANSIBLE_HOST_KEY_CHECKING=0
export ANSIBLE_LOCAL_TEMP ANSIBLE_NOCOLOR ANSIBLE_RETRY_FILES_ENABLED ANSIBLE_HOST_KEY_CHECKING
fill "$HDATA/inventory.yml" > "$DWORK/inventory.yml"
if ! ansible-playbook -i "$DWORK/inventory.yml" "$HDATA/list.yml" > "$DWORK/play.log" 2>&1; then
    echo "FAIL: the play over two hosts" >&2
    cat "$DWORK/play.log" >&2
    exit 1
fi
for want in "DOMAINS web-host: test,web1" "DOMAINS db-host: db1,test"; do
    if ! grep -q "\"$want\"" "$DWORK/play.log"; then
        echo "FAIL: no '$want' in the play's output:" >&2
        cat "$DWORK/play.log" >&2
        fail=1
    fi
done
[ $fail = 0 ] && echo "PASS: Ansible listed the domains of both hosts"
exit $fail
