#!/bin/bash
# run.sh: libvirt 9.0's own virsh tests (tests/virshtest.c and the
# tests/virsh-* scripts) against $VIRSH, by virshtest.py beside it, with
# libvirt's source from PEER_VIRSHTEST_CACHE (fetched there on first use
# by ../libvirt-source.sh).  Output and exit status: see virshtest.py.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${VIRSH:?set VIRSH to the virsh-like binary to test}"
cache=${PEER_VIRSHTEST_CACHE:?set PEER_VIRSHTEST_CACHE to where libvirt source is kept}
if ! src=$(bash "$here/../libvirt-source.sh" "$cache"); then
    echo "peer-virshtest: 0/0 libvirt virsh test cases pass (no libvirt source in $cache)"
    exit 2
fi
exec python3 "$here/virshtest.py" "$VIRSH" "$src"
