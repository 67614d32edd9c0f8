#!/bin/sh
# virtkitd's network transports, on loopback only, through Debian's real
# virsh 9.0 (and python3-libvirt):
#
#   TLS        a CA, a server certificate for 127.0.0.1 and client
#              certificates made here with certtool (from the keys in
#              tests/data/daemon/pki); virtkitd --listen on a
#              free port with tls_allowed_dn_list; virsh -c
#              test+tls://127.0.0.1:PORT/default?pkipath=DIR gets in with
#              an allowed certificate, and is refused with one whose DN is
#              not on the list or that another CA signed (virsh says
#              "server verification ... failed", the log says why); the
#              library's remote driver (virtsh) says what virsh says for
#              each, and for a CA that did not sign the server's
#              certificate, a host name the certificate does not name
#              (with and without no_verify=1), a pkipath without files,
#              a client certificate its own CA did not sign, a server's
#              certificate as a client's, and no client certificate;
#              without pkipath, a user other than root (nobody, when the
#              test runs as root) finds its files in $HOME/.pki/libvirt
#   idle TLS   with max_clients = 3 and tls_handshake_timeout = 2, TCP
#              connections that never start their handshake (python3
#              sockets) are dropped, a virsh waiting behind them gets in,
#              and a client whose handshake is done stays
#   plain TCP  refused by default (nothing listens on tcp_port),
#              listen_tcp = 1 alone refused at startup (no SASL here),
#              served with auth_tcp = "none"
#   SSH        an sshd of this test on a free port, with its own host key
#              and an authorized key: virsh -c test+ssh://root@127.0.0.1:
#              PORT/default?socket=S&keyfile=K runs libvirt's
#              netcat proxy on the far side to the daemon's socket (an ssh
#              that knows only the test's host key on PATH).  Skipped
#              without sshd (openssh-server), except under CI.
set -u

. "${abs_top_srcdir:?run through make check}/tests/daemon/lib.sh"

for tool in virsh certtool; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "SKIP: $tool is not installed (libvirt-clients, gnutls-bin)"
        exit 77
    fi
done

HOME="$DWORK/home"
export HOME
mkdir -p "$HOME"
fail=0

# the system's python3 starts faster than a user's shims
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

# free_ports N: N distinct TCP ports nobody listens on now
free_ports() {
    "$PYTHON" -c 'import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

# expect NAME PATTERN FILE: FILE has a line matching PATTERN
expect() {
    if ! grep -q -- "$2" "$3"; then
        echo "FAIL: $1: no '$2' in:" >&2
        cat "$3" >&2
        fail=1
    fi
}

# --- the certificates -------------------------------------------------
PKI="$DWORK/pki"
mkdir -p "$PKI/ca" "$PKI/server" "$PKI/good" "$PKI/intruder" "$PKI/stranger"

# cert DIR NAME KEY TEMPLATE [CA]: DIR/NAMEcert.pem for the key
# $DDATA/pki/KEYkey.pem (copied to DIR/NAMEkey.pem), signed by CA (a
# directory holding cakey.pem and cacert.pem) or self-signed
cert() {
    cp "$DDATA/pki/$3key.pem" "$1/$2key.pem" || return 1
    printf '%s\n' "$4" > "$1/$2.info"
    if [ $# -ge 5 ]; then
        certtool --generate-certificate --load-privkey "$1/$2key.pem" \
            --load-ca-certificate "$5/cacert.pem" --load-ca-privkey "$5/cakey.pem" \
            --template "$1/$2.info" --outfile "$1/$2cert.pem" >/dev/null 2>&1
    else
        certtool --generate-self-signed --load-privkey "$1/$2key.pem" \
            --template "$1/$2.info" --outfile "$1/$2cert.pem" >/dev/null 2>&1
    fi
}
CA_TEMPLATE='cn = "virtkit test CA"
ca
cert_signing_key
expiration_days = 2'
CLIENT_TEMPLATE='country = GB
organization = virtkit
expiration_days = 2
tls_www_client
encryption_key
signing_key'
cert "$PKI/ca" ca ca "$CA_TEMPLATE" &&
cert "$PKI/server" server server 'organization = virtkit
cn = "127.0.0.1"
ip_address = 127.0.0.1
expiration_days = 2
tls_www_server
encryption_key
signing_key' "$PKI/ca" &&
cert "$PKI/good" client client "$CLIENT_TEMPLATE
cn = \"admin.example\"" "$PKI/ca" &&
cert "$PKI/intruder" client client "$CLIENT_TEMPLATE
cn = \"intruder.example\"" "$PKI/ca" &&
mkdir -p "$PKI/other" && cert "$PKI/other" ca otherca "$CA_TEMPLATE" &&
cert "$PKI/stranger" client client "$CLIENT_TEMPLATE
cn = \"admin.example\"" "$PKI/other" || {
    echo "FAIL: certtool could not make the test certificates" >&2
    exit 1
}
# virsh's pkipath: cacert.pem, clientcert.pem, clientkey.pem.  The
# stranger trusts its own CA (virsh checks its own certificate against it
# before connecting), so it cannot verify the server (no_verify=1).
for d in good intruder; do
    cp "$PKI/ca/cacert.pem" "$PKI/$d/cacert.pem"
done
cp "$PKI/other/cacert.pem" "$PKI/stranger/cacert.pem"

set -- $(free_ports 3)
TLS_PORT=$1 TCP_PORT=$2 SSH_PORT=$3
cat > "$DWORK/net.conf" <<EOF
log_level = 2
listen_addr = "127.0.0.1"
tls_port = "$TLS_PORT"
tcp_port = "$TCP_PORT"
ca_file = "$PKI/ca/cacert.pem"
cert_file = "$PKI/server/servercert.pem"
key_file = "$PKI/server/serverkey.pem"
tls_allowed_dn_list = [ "C=GB,O=virtkit,CN=admin.*", "CN=nobody" ]
EOF

# --- TLS --------------------------------------------------------------
VIRTSH="$abs_top_builddir/tools/virtsh"

# tls_compare NAME URI: virtsh and virsh say the same on URI (libvirt's
# log lines, which carry a time and a pid, left out)
tls_compare() {
    for shell in virsh "$VIRTSH"; do
        "$shell" -c "$2" 'uri; list --all' 2>&1 |
            grep -v '^[0-9-]* [0-9:.+]*: [0-9]*: ' > "$DWORK/$1.$(basename "$shell")"
    done
    if ! diff -u "$DWORK/$1.virsh" "$DWORK/$1.virtsh"; then
        echo "FAIL: $1: virtsh and virsh differ on $2" >&2
        fail=1
    fi
}

daemon_start net --listen || exit 1
expect "log: TLS listener" "listening on 127.0.0.1:$TLS_PORT (TLS)" "$DWORK/net.log"

tls_uri() {
    printf 'test+tls://127.0.0.1:%s/default?pkipath=%s' "$TLS_PORT" "$PKI/$1"
}

virsh -q -c "$(tls_uri good)" list --all > "$DWORK/good.out" 2>&1
expect "virsh over TLS, allowed certificate" '^ *1 *test *running' "$DWORK/good.out"
virsh -c "$(tls_uri good)" hostname > "$DWORK/hostname.out" 2>&1
expect "virsh hostname over TLS" "^$(hostname)" "$DWORK/hostname.out"
expect "log: the client's DN" "TLS client 'C=GB,O=virtkit,CN=admin.example'" "$DWORK/net.log"

if virsh -c "$(tls_uri intruder)" list > "$DWORK/intruder.out" 2>&1; then
    echo "FAIL: a certificate whose DN is not in tls_allowed_dn_list got in" >&2
    fail=1
fi
expect "virsh refused (DN)" "server verification (of our certificate or IP address) failed" \
    "$DWORK/intruder.out"
expect "log: refused DN" \
    "refused: the client certificate's DN 'C=GB,O=virtkit,CN=intruder.example' is not in tls_allowed_dn_list" \
    "$DWORK/net.log"

if virsh -c "$(tls_uri stranger)&no_verify=1" list > "$DWORK/stranger.out" 2>&1; then
    echo "FAIL: a certificate of another CA got in" >&2
    fail=1
fi
expect "virsh refused (issuer)" "server verification (of our certificate or IP address) failed" \
    "$DWORK/stranger.out"
expect "log: refused issuer" \
    "certificate 'C=GB,O=virtkit,CN=admin.example' failed validation: its issuer is not the CA" \
    "$DWORK/net.log"

# the library's remote driver, through virtsh, against virsh
tls_compare tls-good "$(tls_uri good)"
expect "virtsh over TLS, allowed certificate" '^ *1 *test *running' "$DWORK/tls-good.virtsh"
tls_compare tls-intruder "$(tls_uri intruder)"
tls_compare tls-stranger-noverify "$(tls_uri stranger)&no_verify=1"
tls_compare tls-stranger "$(tls_uri stranger)"
expect "virtsh: a server of another CA" "authentication failed: Failed to verify peer's certificate" \
    "$DWORK/tls-stranger.virtsh"
LOCALHOST_URI="test+tls://localhost:$TLS_PORT/default?pkipath=$PKI/good"
tls_compare tls-hostname "$LOCALHOST_URI"
tls_compare tls-hostname-noverify "$LOCALHOST_URI&no_verify=1"
expect "virtsh: no_verify=1 lets a certificate for another name in" '^ *1 *test *running' \
    "$DWORK/tls-hostname-noverify.virtsh"
tls_compare tls-nofiles "$(tls_uri none)"
# the client's own files: its certificate against its CA (libvirt checks
# before connecting), a certificate for a server (a warning, then the
# server's refusal), none at all (the server ends the handshake)
mkdir -p "$PKI/mixed" "$PKI/purpose" "$PKI/nocert"
cp "$PKI/good/clientcert.pem" "$PKI/good/clientkey.pem" "$PKI/mixed/"
cp "$PKI/other/cacert.pem" "$PKI/mixed/"
cp "$PKI/server/servercert.pem" "$PKI/purpose/clientcert.pem"
cp "$PKI/server/serverkey.pem" "$PKI/purpose/clientkey.pem"
cp "$PKI/ca/cacert.pem" "$PKI/purpose/"
cp "$PKI/ca/cacert.pem" "$PKI/nocert/"
tls_compare tls-mixed "$(tls_uri mixed)"
expect "virtsh: our own certificate" "Our own certificate $PKI/mixed/clientcert.pem failed validation" \
    "$DWORK/tls-mixed.virtsh"
tls_compare tls-purpose "$(tls_uri purpose)"
tls_compare tls-nocert "$(tls_uri nocert)"
expect "virtsh: no client certificate" "Unable to read TLS confirmation" "$DWORK/tls-nocert.virtsh"
expect "virtsh: no CA" "Cannot read CA certificate '$PKI/none/cacert.pem'" "$DWORK/tls-nofiles.virtsh"

# without pkipath, a user other than root reads $HOME/.pki/libvirt/
USERHOME="$DWORK/user"
mkdir -p "$USERHOME/.pki/libvirt"
cp "$PKI/good/cacert.pem" "$PKI/good/clientcert.pem" "$PKI/good/clientkey.pem" \
    "$USERHOME/.pki/libvirt/"
AS_USER=
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
    chmod a+x "$DWORK"
    chown -R 65534:65534 "$USERHOME"
    AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
USERVIRTSH=$VIRTSH
if [ -n "$AS_USER" ] && ! $AS_USER test -x "$VIRTSH"; then
    # a directory above the build tree is closed to others (a clone in
    # /root, mktemp -d): virsh alone
    echo "virtsh as uid 65534 skipped: it cannot reach $VIRTSH"
    USERVIRTSH=
fi
if [ "$(id -u)" != 0 ] || [ -n "$AS_USER" ]; then
    for shell in virsh ${USERVIRTSH:+"$USERVIRTSH"}; do
        $AS_USER env HOME="$USERHOME" "$shell" -q -c "test+tls://127.0.0.1:$TLS_PORT/default" \
            list --all > "$DWORK/user.$(basename "$shell")" 2>&1
        expect "$(basename "$shell"): a user's ~/.pki/libvirt" '^ *1 *test *running' \
            "$DWORK/user.$(basename "$shell")"
    done
else
    echo "~/.pki/libvirt skipped: root without setpriv (util-linux)"
fi

# python3-libvirt through the same listener
"$PYTHON" - "$(tls_uri good)" > "$DWORK/python.out" 2>&1 <<'EOF'
import sys
try:
    import libvirt
except ImportError:
    print("python: skipped, no python3-libvirt ['test'] TEST")
    sys.exit(0)
conn = libvirt.open(sys.argv[1])
print("python:", [d.name() for d in conn.listAllDomains()], conn.getType())
conn.close()
EOF
expect "python3-libvirt over TLS" "python: .*\['test'\] TEST" "$DWORK/python.out"

# plain TCP: not listened on unless asked for
if virsh -c "test+tcp://127.0.0.1:$TCP_PORT/default" list > "$DWORK/tcp.out" 2>&1; then
    echo "FAIL: plain TCP answered without listen_tcp = 1" >&2
    fail=1
fi
expect "plain TCP refused" "Connection refused" "$DWORK/tcp.out"
daemon_stop || fail=1

# --- TLS clients that never finish their handshake ---------------------
# max_clients = 3: a python3-libvirt client in, then idle TCP connections
# to the TLS port fill the other slots and wait in the backlog with a real
# virsh.  Each idle one is dropped after tls_handshake_timeout (2 s); the
# virsh gets in; the client that finished its handshake is never dropped.
{ cat "$DWORK/net.conf"; printf 'max_clients = 3\ntls_handshake_timeout = 2\n'; } \
    > "$DWORK/idle.conf"
daemon_start idle --listen || exit 1
"$PYTHON" - "$(tls_uri good)" "$TLS_PORT" > "$DWORK/idle.out" 2>&1 <<'EOF'
import socket, subprocess, sys
try:
    import libvirt
except ImportError:
    print("idle: skipped, no python3-libvirt")
    sys.exit(0)
uri, port = sys.argv[1], int(sys.argv[2])
conn = libvirt.open(uri)
idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
virsh = subprocess.Popen(["virsh", "-q", "-c", uri, "list", "--all"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def closed(s):
    # a minute at most (a loaded machine): the daemon closes it, or resets it
    s.settimeout(60)
    try:
        return s.recv(1) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


for i, s in enumerate(idle):
    print("idle %d closed by the daemon:" % i, closed(s))
out, _ = virsh.communicate(timeout=120)
print("virsh exit %d: %s" % (virsh.returncode, " ".join(out.split())))
print("handshaken client still served:", [d.name() for d in conn.listAllDomains()])
conn.close()
EOF
if ! grep -q "^idle: skipped" "$DWORK/idle.out"; then
    for i in 0 1 2; do
        expect "idle TLS connection $i dropped" "^idle $i closed by the daemon: True" \
            "$DWORK/idle.out"
    done
    expect "virsh gets in once idle ones are dropped" "^virsh exit 0: 1 test running" \
        "$DWORK/idle.out"
    expect "a finished handshake is not timed out" "still served: \['test'\]" \
        "$DWORK/idle.out"
    expect "log: the idle client's reason" \
        "no TLS handshake within 2 seconds (tls_handshake_timeout)" "$DWORK/idle.log"
fi
cat "$DWORK/idle.out"
daemon_stop || fail=1

printf 'listen_tcp = 1\n' >> "$DWORK/net.conf"
if "$VIRTKITD" --config "$DWORK/net.conf" --socket "$DWORK/x.sock" --listen \
        > "$DWORK/sasl.out" 2>&1; then
    echo "FAIL: listen_tcp = 1 without auth_tcp = \"none\" started" >&2
    fail=1
fi
expect "listen_tcp without SASL" 'listen_tcp = 1 needs auth_tcp = "none"' "$DWORK/sasl.out"

printf 'auth_tcp = "none"\nlisten_tls = 0\n' >> "$DWORK/net.conf"
daemon_start net --listen || exit 1
virsh -q -c "test+tcp://127.0.0.1:$TCP_PORT/default" list --all > "$DWORK/tcp2.out" 2>&1
expect "plain TCP with auth_tcp = none" '^ *1 *test *running' "$DWORK/tcp2.out"
daemon_stop || fail=1

# --- SSH --------------------------------------------------------------
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
if [ ! -x "$SSHD" ] || ! command -v nc >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        echo "FAIL: sshd (openssh-server) or nc (netcat-openbsd) missing under CI" >&2
        exit 1
    fi
    echo "SSH skipped: install openssh-server and netcat-openbsd to run it"
    exit $fail
fi
if [ "$(id -u)" != 0 ]; then
    echo "SSH skipped: sshd needs root to log a user in"
    exit $fail
fi
SSH="$DWORK/ssh"
mkdir -p "$SSH"
ssh-keygen -q -t ed25519 -N '' -f "$SSH/host" && ssh-keygen -q -t ed25519 -N '' -f "$SSH/user" ||
    exit 1
cp "$SSH/user.pub" "$SSH/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cat "$SSH/host.pub")" > "$SSH/known_hosts"
# sshd's privilege separation directory, which the package's unit makes
[ -d /run/sshd ] || mkdir -m 0755 /run/sshd
"$SSHD" -D -e -f /dev/null -o "Port=$SSH_PORT" -o ListenAddress=127.0.0.1 \
    -o "HostKey=$SSH/host" -o "AuthorizedKeysFile=$SSH/authorized_keys" \
    -o "PidFile=$SSH/sshd.pid" -o PermitRootLogin=prohibit-password -o StrictModes=no \
    -o UsePAM=no -o PasswordAuthentication=no > "$SSH/sshd.log" 2>&1 &
SSHD_PID=$!
trap 'kill $SSHD_PID 2>/dev/null; daemon_cleanup' EXIT

daemon_start ssh || exit 1
i=0
until grep -q "Server listening" "$SSH/sshd.log"; do
    i=$((i + 1))
    if [ $i -ge 200 ] || ! kill -0 $SSHD_PID 2>/dev/null; then
        echo "FAIL: sshd did not start:" >&2
        cat "$SSH/sshd.log" >&2
        exit 1
    fi
    sleep 0.05
done
# virsh runs the ssh on PATH, which would read the user's known hosts
# (in root's passwd home, not $HOME): this one knows only the test's sshd
# and reads no configuration of the machine
mkdir -p "$SSH/bin"
printf '#!/bin/sh\nexec %s -F /dev/null -o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes -o BatchMode=yes "$@"\n' \
    "$(command -v ssh)" "$SSH/known_hosts" > "$SSH/bin/ssh"
chmod +x "$SSH/bin/ssh"
SSH_URI="test+ssh://root@127.0.0.1:$SSH_PORT/default?socket=$DWORK/ssh.sock&keyfile=$SSH/user"
PATH="$SSH/bin:$PATH" virsh -q -c "$SSH_URI" list --all > "$DWORK/ssh.out" 2>&1
expect "virsh over SSH" '^ *1 *test *running' "$DWORK/ssh.out"
[ $fail = 0 ] || cat "$SSH/sshd.log" >&2
daemon_stop || fail=1
exit $fail
