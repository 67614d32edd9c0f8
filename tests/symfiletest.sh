#!/bin/sh
# The shared library exports exactly the public API: what the headers
# declare, src/libvirtkit.syms lists and the built library exports in its
# public version node are one and the same set.  (Its VIRTKIT_PRIVATE node
# holds what the driver modules call: scripts/private-symbols.sh.)
srcdir=${abs_top_srcdir:-$(dirname "$0")/..}
builddir=${abs_top_builddir:-.}
lib=$builddir/src/.libs/libvirtkit.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$srcdir/scripts/public-symbols.sh" "$srcdir" > "$tmp/headers"
sed -n 's/^ *\(vir[A-Za-z0-9_]*\);$/\1/p' "$srcdir/src/libvirtkit.syms" | sort > "$tmp/symfile"
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDB]$/ && $3 !~ /@@VIRTKIT_PRIVATE_/ { print $3 }' |
    sed 's/@.*//' |
    grep -v '^_' | sort > "$tmp/exported"

status=0
if ! diff -u "$tmp/headers" "$tmp/symfile"; then
    echo "FAIL: src/libvirtkit.syms does not match the public headers" >&2
    status=1
fi
if ! diff -u "$tmp/symfile" "$tmp/exported"; then
    echo "FAIL: $lib does not export exactly src/libvirtkit.syms" >&2
    status=1
fi
echo "symfiletest: $(wc -l < "$tmp/headers") public symbols"
exit $status
