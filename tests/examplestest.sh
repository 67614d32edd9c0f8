#!/bin/sh
# Runs the example programs against the test driver and compares what
# they print with tests/data/examples/*.out.
srcdir=${abs_top_srcdir:-$(dirname "$0")/..}
builddir=${abs_top_builddir:-.}
data=$srcdir/tests/data/examples
status=0

check() {
    name=$1; shift
    if ! out=$("$builddir/examples/$name" "$@" 2>&1); then
        echo "FAIL: $name $*: exit status $?: $out" >&2
        status=1
    elif ! printf '%s\n' "$out" | diff -u "$data/$name.out" -; then
        echo "FAIL: $name printed something else" >&2
        status=1
    fi
}

check list-domains
check define-start "$data/web.xml"
check pin-vcpus test
if "$builddir/examples/pin-vcpus" nosuch >/dev/null 2>&1; then
    echo "FAIL: pin-vcpus accepted a missing domain" >&2
    status=1
fi
exit $status
