#!/bin/bash
# A stand-in for the peer-tests virshtest harness, for check-peer-test.sh:
# prints the per-case lines of $FAKE_VIRSHTEST (a file) and its summary,
# as the real harness does, and exits 1 when any case failed.
set -u
: "${VIRSH:?}" "${PEER_VIRSHTEST_CACHE:?}" "${LOGDIR:?}"
cat "$FAKE_VIRSHTEST"
pass=$(grep -c '^ok ' "$FAKE_VIRSHTEST")
total=$(grep -c -e '^ok ' -e '^FAIL ' "$FAKE_VIRSHTEST")
echo "peer-virshtest: $pass/$total libvirt virsh test cases pass (virshtest.c $pass/$total, shell tests 0/0)"
[[ $pass == "$total" ]]
