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

# The LVE example runs on an embedded root on this machine's cgroups
# (tests/lvectl/lib.sh: root and cgroup v1, or it is skipped); the
# usage it reads is the kernel's, so its numbers are not compared.
lve=$( (. "$srcdir/tests/lvectl/lib.sh" >/dev/null
        "$builddir/examples/lve-limits" "$URI" 2>&1) ; echo "[exit $?]")
case $lve in
*"[exit 77]") echo "SKIP: lve-limits: the LVE example needs root and cgroup v1" ;;
*)
    if ! printf '%s\n' "$lve" | sed 's/^usage: [0-9]* ns of CPU, [0-9]* KiB/usage: N ns of CPU, N KiB/' |
            diff -u "$data/lve-limits.out" -; then
        echo "FAIL: lve-limits printed something else" >&2
        status=1
    fi
    ;;
esac
exit $status
