#!/bin/sh
# enosys.sh: without virtkit-vserver-sim, this mainline kernel has no
# vserver system call: virtsh says so clearly, and exits 1 (a golden
# output: tests/data/vserver/enosys.out; VIRTKIT_TEST_REGENERATE=1
# rewrites it).  vserver:///system is for root: other users skip.
: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"
EXPECTED=$abs_top_srcdir/tests/data/vserver/enosys.out
VIRTSH=$abs_top_builddir/tools/virtsh

if [ -n "$VIRTKIT_VSERVER_SIM" ]; then
    echo "SKIP: enosys.sh runs without virtkit-vserver-sim"
    exit 77
fi
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: enosys.sh: vserver:///system is for root"
    exit 77
fi
WORK=$(mktemp -d "$abs_top_builddir/tests/vserver/enosys.XXXXXX") || exit 99
trap 'rm -rf "$WORK"' EXIT
unset VIRTKIT_DEFAULT_URI LIBVIRT_DEFAULT_URI VIRSH_DEFAULT_CONNECT_URI
export LC_ALL=C HOME="$WORK"
ROOT=$WORK/root
mkdir "$ROOT"

virtsh() {
    "$VIRTSH" "$@"
}

step() {
    printf '$ %s\n' "$1"
    (eval "$1") > "$WORK/stdout" 2> "$WORK/stderr" < /dev/null
    rc=$?
    sed "s|$WORK|\$WORK|g" "$WORK/stdout"
    if [ -s "$WORK/stderr" ]; then
        echo "[stderr]"
        sed "s|$WORK|\$WORK|g" "$WORK/stderr"
    fi
    printf '[exit %d]\n\n' "$rc"
}

# the embedded root stays empty: nothing is written on such a kernel
{
    step 'virtsh -c vserver:///system list'
    step 'virtsh -r -c vserver:///system dominfo web'
    step 'virtsh -c "vserver:///embed?root=$ROOT" list --all; echo "files: $(ls -A "$ROOT")"'
} > "$WORK/enosys.out"

if [ "${VIRTKIT_TEST_REGENERATE:-0}" = 1 ]; then
    cp "$WORK/enosys.out" "$EXPECTED"
    echo "REGENERATED: tests/data/vserver/enosys.out"
    exit 0
fi
if diff -u "$EXPECTED" "$WORK/enosys.out"; then
    echo "PASS: enosys.sh"
    exit 0
fi
echo "FAIL: enosys.sh"
exit 1
