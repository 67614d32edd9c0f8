#!/bin/sh
# apicoverage.sh: the table-driven suites cover the whole public API
#
# From the public headers: every function taking a pointer must have a row
# in nullargtest, every function taking flags a row in flagstest, and every
# function a place in readonlytest (denied, allowed, or no connection).
# A table naming a function the headers do not declare fails too.  So a
# new public function cannot be added without saying what NULL, unknown
# flags and a read-only connection do to it.
srcdir=${abs_top_srcdir:-$(dirname "$0")/../..}
builddir=${abs_top_builddir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "name<TAB>parameters" for each function the headers declare
cat "$srcdir"/include/virt/virt-common.h.in "$srcdir"/include/virt/virt-host.h \
    "$srcdir"/include/virt/virt-domain.h "$srcdir"/include/virt/virt-domain-event.h \
    "$srcdir"/include/virt/virterror.h \
    "$srcdir"/include/virt/virt-virtkit.h |
    perl -0pe 's:/\*.*?\*/::gs; s/^\s*#.*$//mg; s/\{[^{}]*\}//gs' |
    tr '\n' ' ' | tr ';' '\n' | grep -v typedef |
    sed -n 's/.*[ *]\(vir[A-Za-z0-9_]*\) *(\(.*\)) *$/\1	\2/p' |
    sed 's/  */ /g' | sort -u > "$tmp/functions"

cut -f1 "$tmp/functions" | sort -u > "$tmp/all"
awk -F '\t' '$2 ~ /\*|Ptr / { print $1 }' "$tmp/functions" | sort -u > "$tmp/pointer"
awk -F '\t' '$2 ~ /unsigned int flags/ { print $1 }' "$tmp/functions" | sort -u > "$tmp/flags"

status=0
check() {   # check TABLE-PROGRAM EXPECTED-LIST WHAT
    if ! "$builddir/tests/reliability/$1" --list | sort -u > "$tmp/$1"; then
        echo "FAIL: $1 --list" >&2
        status=1
        return
    fi
    if ! diff -u "$2" "$tmp/$1" > "$tmp/$1.diff"; then
        echo "FAIL: $1 does not cover exactly the functions that $3" >&2
        echo "(- : missing from its table, + : not a public function)" >&2
        cat "$tmp/$1.diff" >&2
        status=1
    fi
    echo "apicoverage: $1 covers $(wc -l < "$tmp/$1") functions"
}

[ -s "$tmp/all" ] || { echo "FAIL: no function found in the headers" >&2; exit 1; }
check nullargtest "$tmp/pointer" "take a pointer"
check flagstest "$tmp/flags" "take flags"
check readonlytest "$tmp/all" "the headers declare"
exit $status
