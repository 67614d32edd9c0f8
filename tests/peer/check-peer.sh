#!/bin/bash
# check-peer.sh: libvirt 9.0's own tests, run against the built virtsh by
# the harnesses beside this script (make check-peer).
#
#   check-peer.sh EXCLUSIONS
#
# Two harnesses of $PEER_TESTS (default: this script's directory):
#   virshtest/run.sh  libvirt's tests/virshtest.c cases and tests/virsh-*
#                     scripts; it has no exclusion option, so its per-case
#                     lines ("ok NAME", "FAIL NAME: why", "skip NAME: why")
#                     are judged here against EXCLUSIONS, one "NAME | reason"
#                     a line (tests/peer/virshtest-exclusions.txt);
#   xml2xml/run.sh    libvirt's domain XML round trips, virtsh beside virsh.
# Both read libvirt's source, fetched by libvirt-source.sh into the cache.
# Passes when every case of both passes, but the excluded ones.  An
# excluded case that passes, or one the harness does not know, fails too:
# the list must stay exact.
#
# Environment:
#   VIRSH                 the virtsh to test (required)
#   PEER_TESTS            the harnesses (default: this script's directory)
#   PEER_VIRSHTEST_CACHE  where libvirt's source is kept between runs
#                         (default /var/cache/virtkit/peer-tests, or
#                         $XDG_CACHE_HOME/virtkit/peer-tests when that is
#                         not writable); a fresh one is filled with
#                         `apt-get source libvirt` by libvirt-source.sh
#   PEER_LOGDIR           each case's output (default: a new directory in /tmp)
#   ONLY                  a regex: only the matching cases of virshtest, and
#                         xml2xml only when it matches "xml2xml"
set -u

exclusions=${1:?usage: check-peer.sh EXCLUSIONS}
VIRSH=${VIRSH:?set VIRSH to the virtsh to test}
PEER_TESTS=${PEER_TESTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
ONLY=${ONLY:-}

for h in virshtest/run.sh xml2xml/run.sh; do
    if [[ ! -f $PEER_TESTS/$h ]]; then
        echo "check-peer: no $PEER_TESTS/$h; set PEER_TESTS to the peer-tests directory" >&2
        exit 2
    fi
done
[[ -r $exclusions ]] || { echo "check-peer: cannot read $exclusions" >&2; exit 2; }

default_cache() {
    local d=/var/cache/virtkit/peer-tests
    if mkdir -p "$d" 2>/dev/null && [[ -w $d ]]; then
        echo "$d"
    else
        echo "${XDG_CACHE_HOME:-$HOME/.cache}/virtkit/peer-tests"
    fi
}
PEER_VIRSHTEST_CACHE=${PEER_VIRSHTEST_CACHE:-$(default_cache)}
mkdir -p "$PEER_VIRSHTEST_CACHE" || exit 2
export PEER_VIRSHTEST_CACHE VIRSH

if [[ -z ${PEER_LOGDIR:-} ]]; then
    PEER_LOGDIR=$(mktemp -d /tmp/check-peer.XXXXXX) || exit 2
fi
rm -rf "$PEER_LOGDIR/virshtest" "$PEER_LOGDIR/xml2xml.txt" "$PEER_LOGDIR/virshtest.txt"
mkdir -p "$PEER_LOGDIR"

# ---- the reviewed exclusions: NAME -> reason
declare -A excluded
while IFS= read -r line; do
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ $line != *" | "* ]]; then
        echo "check-peer: $exclusions: not \"NAME | reason\": $line" >&2
        exit 2
    fi
    excluded[${line%% | *}]=${line#* | }
done <"$exclusions"

# ---- libvirt's virsh tests
start=$SECONDS
ONLY=$ONLY LOGDIR=$PEER_LOGDIR/virshtest bash "$PEER_TESTS/virshtest/run.sh" \
    >"$PEER_LOGDIR/virshtest.txt" 2>&1
declare -A seen
pass=0 fail=0 excl=0 stale=0
while IFS= read -r line; do
    case $line in
        "ok "*) name=${line#ok } verdict=ok ;;
        "FAIL "*) name=${line#FAIL } name=${name%%: *} verdict=fail ;;
        "skip "*) name=${line#skip } seen[${name%%: *}]=1; continue ;;
        *) continue ;;
    esac
    seen[$name]=1
    if [[ -n ${excluded[$name]+set} ]]; then
        if [[ $verdict == ok ]]; then
            echo "FAIL $name: passes, but is excluded: take it out of $(basename "$exclusions")"
            stale=$((stale + 1))
        else
            echo "excluded $name: ${excluded[$name]}"
            excl=$((excl + 1))
        fi
    elif [[ $verdict == ok ]]; then
        pass=$((pass + 1))
    else
        echo "$line"
        fail=$((fail + 1))
    fi
done <"$PEER_LOGDIR/virshtest.txt"
if [[ -z $ONLY ]]; then
    for name in "${!excluded[@]}"; do
        if [[ -z ${seen[$name]+set} ]]; then
            echo "FAIL $name: excluded, but the harness has no such case"
            stale=$((stale + 1))
        fi
    done
fi
summary=$(grep '^peer-virshtest:' "$PEER_LOGDIR/virshtest.txt")
if [[ -z $summary ]]; then
    echo "check-peer: the virshtest harness gave no summary:" >&2
    tail -5 "$PEER_LOGDIR/virshtest.txt" >&2
    fail=$((fail + 1))
fi
echo "${summary:-peer-virshtest: no result}"
echo "check-peer: virshtest: $pass pass, $fail fail, $excl excluded ($(basename "$exclusions")), $stale stale exclusions ($((SECONDS - start))s)"
status=0
[[ $fail == 0 && $stale == 0 && -n $summary ]] || status=1

# ---- libvirt's domain XML round trips
if [[ -z $ONLY || xml2xml =~ $ONLY ]]; then
    start=$SECONDS
    bash "$PEER_TESTS/xml2xml/run.sh" >"$PEER_LOGDIR/xml2xml.txt" 2>&1
    rc=$?
    grep '^FAIL' "$PEER_LOGDIR/xml2xml.txt"
    tail -1 "$PEER_LOGDIR/xml2xml.txt"
    echo "check-peer: xml2xml: exit $rc ($((SECONDS - start))s)"
    [[ $rc == 0 ]] || status=1
fi

echo "check-peer: $([[ $status == 0 ]] && echo PASS || echo FAIL) (logs in $PEER_LOGDIR)"
exit $status
