# Shared by virtkitd's shell tests (sourced, not run).
#
# Sets VIRTKITD (the built daemon), DDATA (tests/data/daemon) and DWORK (a
# scratch directory in the build tree, removed on exit, whose sockets
# are the only ones the tests use: never /run/libvirt).
#
# daemon_start NAME [ARGS...]: starts virtkitd in the foreground of a
#     background job on DWORK/NAME.sock and DWORK/NAME.sock-ro, with the
#     configuration DWORK/NAME.conf when it exists, logging into
#     DWORK/NAME.log; waits until it listens.  Sets DAEMON_PID.
# daemon_stop: stops it with SIGTERM and waits; fails when it crashed.
# daemon_uri SCHEME PATH [QUERY]: SCHEME+unix://PATH?[QUERY&]socket=...

: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"

VIRTKITD="$abs_top_builddir/daemon/virtkitd"
DDATA=$(cd "$abs_top_srcdir/tests/data/daemon" && pwd) || exit 99
export VIRTKITD DDATA

mkdir -p "$abs_top_builddir/tests/daemon"
# short: a socket path must fit 108 bytes
DWORK=$(mktemp -d /tmp/vkd-test.XXXXXX) || exit 99
DAEMON_PID=
DAEMON_NAME=

daemon_cleanup() {
    if [ -n "$DAEMON_PID" ]; then
        kill -9 "$DAEMON_PID" 2>/dev/null
        wait "$DAEMON_PID" 2>/dev/null
    fi
    rm -rf "$DWORK"
}
trap daemon_cleanup EXIT

unset VIRTKIT_DEFAULT_URI VIRTKIT_DEBUG VIRTKIT_LOG_FILE LIBVIRT_DEFAULT_URI
VIRTKIT_SCHEMA_DIR="$abs_top_srcdir/docs/schemas"
LC_ALL=C.UTF-8
export VIRTKIT_SCHEMA_DIR LC_ALL

daemon_start() {
    DAEMON_NAME=$1; shift
    conf="$DWORK/$DAEMON_NAME.conf"
    [ -f "$conf" ] || printf 'log_level = 2\n' > "$conf"
    rm -f "$DWORK/$DAEMON_NAME.sock" "$DWORK/$DAEMON_NAME.sock-ro"
    "$VIRTKITD" --config "$conf" --socket "$DWORK/$DAEMON_NAME.sock" \
        --socket-ro "$DWORK/$DAEMON_NAME.sock-ro" "$@" >> "$DWORK/$DAEMON_NAME.log" 2>&1 &
    DAEMON_PID=$!
    i=0
    while [ ! -S "$DWORK/$DAEMON_NAME.sock-ro" ]; do
        if ! kill -0 "$DAEMON_PID" 2>/dev/null || [ $i -ge 200 ]; then
            echo "virtkitd did not start:" >&2
            cat "$DWORK/$DAEMON_NAME.log" >&2
            DAEMON_PID=
            return 1
        fi
        sleep 0.05
        i=$((i + 1))
    done
    return 0
}

daemon_stop() {
    [ -n "$DAEMON_PID" ] || return 0
    kill -TERM "$DAEMON_PID"
    wait "$DAEMON_PID"
    rc=$?
    DAEMON_PID=
    if [ $rc -ne 0 ]; then
        echo "virtkitd exited with status $rc:" >&2
        tail -20 "$DWORK/$DAEMON_NAME.log" >&2
        return 1
    fi
    return 0
}

daemon_uri() {
    printf '%s+unix://%s?%ssocket=%s' "$1" "$2" "${3:+$3&}" "$DWORK/$DAEMON_NAME.sock"
}

# libvirtd_session DIR URI: Debian's libvirtd as nobody, a session daemon
# whose every file is under DIR (as root, libvirtd keeps state in
# /run/libvirt whatever its socket directory, and two cannot run at once);
# its socket is DIR/run/libvirt-sock, its output DIR/log.  Sets
# LIBVIRTD_PID (the caller kills it) and returns once virsh answers on
# URI, or 1 with the end of its log.
libvirtd_session() {
    mkdir -p "$1/run"
    cat > "$1/libvirtd.conf" <<CONF
unix_sock_dir = "$1/run"
unix_sock_rw_perms = "0777"
auth_unix_rw = "none"
auth_unix_ro = "none"
CONF
    chmod 755 "$(dirname "$1")"
    chmod 777 "$1" "$1/run"
    setpriv --reuid=65534 --regid=65534 --clear-groups \
        env HOME="$1" XDG_RUNTIME_DIR="$1/run" XDG_CONFIG_HOME="$1/config" \
        XDG_CACHE_HOME="$1/cache" /usr/sbin/libvirtd --config "$1/libvirtd.conf" \
        > "$1/log" 2>&1 &
    LIBVIRTD_PID=$!
    _i=0
    while ! virsh -c "$2" uri > /dev/null 2>&1; do
        _i=$((_i + 1))
        if [ $_i -ge 300 ] || ! kill -0 "$LIBVIRTD_PID" 2>/dev/null; then
            echo "libvirtd did not start:"; tail "$1/log"
            return 1
        fi
        sleep 0.1
    done
}
