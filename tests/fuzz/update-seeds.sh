#!/bin/sh
# update-seeds.sh: refreshes the seed corpora from tests/data
#
# The domain corpus is every domain document of the test data (accepted
# and refused ones); the URI and cpumap corpora are the URIs and cpulists
# the suites use, plus a few raw cpumaps.  Run from the top source
# directory; commit the result.  Inputs libFuzzer adds during a run stay
# in the build tree: only crashes become files here (under regress/).
set -eu
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus

rm -f "$out"/domain/* "$out"/uri/* "$out"/cpumap/*
for f in tests/data/xml2xml/in/*.xml tests/data/xml2xml/err/*.xml \
         tests/data/nodes/domains/*.xml tests/data/examples/*.xml; do
    dir=$(basename "$(dirname "$f")")
    cp "$f" "$out/domain/$dir-$(basename "$f")"
done

i=0
for uri in 'test:///default' 'test:///embed?root=/var/tmp/virtkit' \
           'test:///ABS/PATH/node.xml' 'lve:///system' 'lve:///embed?root=/srv/lve' \
           'vserver:///system' 'xen:///system' 'lve+unix:///system' \
           'xen+ssh://root@host.example.com:2222/system?keyfile=%2Froot%2Fkey&no_verify=1' \
           'test:///embed?root=/tmp/a%20b&root=/tmp/c' 'TEST:///default#frag' \
           'test:' 'test:///' \
           'test://%75ser@host/p%2Fth'; do
    i=$((i + 1))
    printf '%s' "$uri" > "$out/uri/seed-$i"
done

i=0
for list in 0 1 0-3 '1-4,^3,6' '1,^1' '0-16' '1-2,4,6' ' 2 , 5-7 ' '0-16383' \
            '^0' '3-1' '1-' ',' '99999999999' '0-1048575,^5'; do
    i=$((i + 1))
    printf '%s' "$list" > "$out/cpumap/list-$i"
done
printf '\001' > "$out/cpumap/map-1"
printf '\377\377' > "$out/cpumap/map-2"
printf '\000\000\200' > "$out/cpumap/map-3"
printf '\252\125\000\001\000\000\000\000\001' > "$out/cpumap/map-4"
