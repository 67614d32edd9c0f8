#!/bin/bash
# check-peer-test.sh: how check-peer.sh judges the harnesses' verdicts,
# against stand-in harnesses (tests/data/peer/harness) that print given
# per-case lines: an excluded case may fail, any other failure fails, an
# excluded case that passes or that the harness does not know fails, and
# so does a failing xml2xml run or a malformed exclusions file.
#
# The report of every case (output with the timings and the log directory
# hidden, and the exit status) is compared with tests/data/peer/
# check-peer.out; VIRTKIT_TEST_REGENERATE=1 rewrites that file instead.
set -u

: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"
data=$abs_top_srcdir/tests/data/peer
work=$(mktemp -d "$abs_top_builddir/tests/peer-test.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

# run NAME VIRSHTEST-LINES [ENV...]: one run of check-peer.sh, reported
run() {
    local name=$1 lines=$2
    shift 2
    printf '$ %s (%s)\n' "$name" "$lines"
    env -u ONLY FAKE_VIRSHTEST="$data/$lines" PEER_TESTS="$data/harness" \
        VIRSH=/bin/true PEER_VIRSHTEST_CACHE="$work/cache" PEER_LOGDIR="$work/log" "$@" \
        bash "$abs_top_srcdir/tests/peer/check-peer.sh" "${EXCLUSIONS:-$data/exclusions.txt}" \
        >"$work/out" 2>&1
    echo "[exit $?]"
    sed -e 's/ ([0-9]*s)$/ (<s>)/' -e "s|$work|\$WORK|g" -e "s|$data|\$DATA|g" "$work/out"
    echo
}

{
    run "excluded cases fail, the rest pass" all-pass.txt
    run "a case that is not excluded fails" one-fails.txt
    run "an excluded case passes" excluded-passes.txt
    run "an excluded case the harness does not know" excluded-unknown.txt
    run "ONLY leaves unknown exclusions alone, and xml2xml out" excluded-unknown.txt \
        ONLY='^virsh'
    run "xml2xml fails" all-pass.txt FAKE_XML2XML_FAIL=1
    printf 'virsh echo 0 without a reason\n' >"$work/bad.txt"
    EXCLUSIONS=$work/bad.txt run "a malformed exclusions file" all-pass.txt
    EXCLUSIONS=$work/none.txt run "no exclusions file" all-pass.txt
    run "no harnesses" all-pass.txt PEER_TESTS="$work/nowhere"
} >"$work/report" 2>&1

if [[ ${VIRTKIT_TEST_REGENERATE:-0} == 1 ]]; then
    cp "$work/report" "$data/check-peer.out"
    echo "REGENERATED: check-peer.out"
    exit 0
fi
if diff -u "$data/check-peer.out" "$work/report"; then
    echo "PASS: check-peer ($(grep -c '^\$ ' "$work/report") cases)"
    exit 0
fi
echo "FAIL: check-peer"
exit 1
