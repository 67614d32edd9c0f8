#!/bin/bash
# run.sh: libvirt 9.0's own domain XML round trips on test:///default,
# through $VIRSH and through real virsh (libvirt-clients): each input of
# tests/genericxml2xmltest.c and tests/lxcxml2xmltest.c (their DO_TEST and
# DO_TEST_DIFFERENT names) is defined and dumped back with
# "dumpxml --inactive"; $VIRSH must print what virsh prints, byte for byte.
# Inputs real virsh refuses are skipped ("libvirt refuses it").
#
# libvirt's source comes from PEER_VIRSHTEST_CACHE (../libvirt-source.sh).
# Output: "ok   SUITE/NAME" or "FAIL SUITE/NAME: why" per input, then
#   peer-xml2xml: P/T inputs round-trip as libvirt keeps them (generic A/B, lxc C/D; libvirt refused R)
# Exits 0 only when every input round-trips.
set -u
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${VIRSH:?set VIRSH to the virsh-like binary to test}"
cache=${PEER_VIRSHTEST_CACHE:?set PEER_VIRSHTEST_CACHE to where libvirt source is kept}
give_up() {
    echo "peer-xml2xml: 0/0 inputs round-trip ($*)"
    exit 2
}
src=$(bash "$here/../libvirt-source.sh" "$cache") || give_up "no libvirt source in $cache"
command -v virsh >/dev/null || give_up "real virsh missing: apt-get install libvirt-clients"
[[ $VIRSH == */* ]] && VIRSH=$(cd "$(dirname "$VIRSH")" && pwd)/$(basename "$VIRSH")

w=$(mktemp -d /tmp/peer-xml2xml.XXXXXX) || give_up "mktemp failed"
trap 'rm -rf "$w"' EXIT
pass=0 total=0 refused=0
declare -A P N

# dump BINARY OUT: define in.xml and dump it back, as one virsh session
dump() {
    (cd "$w" && timeout 30 "$1" -c test:///default \
        "define in.xml; dumpxml --inactive '$name'" >"$2" 2>&1 </dev/null)
}

for suite in generic lxc; do
    P[$suite]=0 N[$suite]=0
    data=$src/tests/${suite}xml2xmlindata
    [[ -d $data ]] || data=$src/tests/${suite}xml2xmldata
    for t in $(grep -oE 'DO_TEST(_DIFFERENT)?\("[^"]+"' "$src/tests/${suite}xml2xmltest.c" |
               sed -E 's/.*\("([^"]+)"/\1/'); do
        f=$data/$t.xml
        [[ -f $f ]] || f=$data/lxc-$t.xml
        [[ -f $f ]] || continue
        cp "$f" "$w/in.xml"
        name=$(sed -n 's:.*<name>\(.*\)</name>.*:\1:p' "$f" | head -n 1)
        dump virsh "$w/virsh.txt"
        if grep -q '^error' "$w/virsh.txt"; then
            refused=$((refused + 1))
            echo "skip $suite/$t: libvirt refuses it"
            continue
        fi
        dump "$VIRSH" "$w/virtsh.txt"
        total=$((total + 1)) N[$suite]=$((N[$suite] + 1))
        if cmp -s "$w/virsh.txt" "$w/virtsh.txt"; then
            pass=$((pass + 1)) P[$suite]=$((P[$suite] + 1))
            echo "ok   $suite/$t"
        else
            err=$(grep -m1 '^error' "$w/virtsh.txt")
            lost=$(diff "$w/virsh.txt" "$w/virtsh.txt" | grep -c '^<')
            echo "FAIL $suite/$t: ${err:-$lost lines of the reference dump lost or changed}"
        fi
    done
done
echo "peer-xml2xml: $pass/$total inputs round-trip as libvirt keeps them" \
    "(generic ${P[generic]}/${N[generic]}, lxc ${P[lxc]}/${N[lxc]}; libvirt refused $refused)"
[[ $pass == "$total" && $total -gt 0 ]]
