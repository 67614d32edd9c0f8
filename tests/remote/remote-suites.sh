#!/bin/sh
# The check suites of the test driver, run through the remote driver: each
# suite's connections become test+unix:///NODE?socket=S (testutils.c,
# VIRTKIT_TEST_REMOTE_SOCKET) to a virtkitd started here, which opens the
# same node files.  A remote connection must answer as a local one.
#
# testDefaultURI() gives test:///default the same way: the daemon's, which
# starts afresh once the last connection to it closes (eventtest,
# metadatatest).  tunetest's memory-sharing and deduplication cases travel
# in virtkit's own program (VKR_VIRTKIT_PROGRAM); virDomainEnter and
# virDomainLeave have no procedure (they move the calling process), and
# tunetest checks instead that the remote driver says so.
#
# Not run: the suites that reach into files or threads of the library
# itself.
. "$abs_top_srcdir/tests/daemon/lib.sh"

SUITES="lifecycletest domainlisttest vcputest metadatatest nodetest eventtest renametest devicetest
statstest keytest tunetest"

daemon_start suites || exit 99
VIRTKIT_TEST_REMOTE_SOCKET="$DWORK/suites.sock"
export VIRTKIT_TEST_REMOTE_SOCKET
# check forks each case; one at a time keeps the daemon's log readable
CK_FORK=yes
export CK_FORK

fail=0
for t in $SUITES; do
    if ! "$abs_top_builddir/tests/$t" > "$DWORK/$t.log" 2>&1; then
        echo "FAIL: $t through the remote driver:"
        tail -20 "$DWORK/$t.log"
        fail=1
    fi
done
daemon_stop || fail=1
exit $fail
