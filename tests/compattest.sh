#!/bin/sh
# The same program (tests/compat/apicompare.c) against libvirt and against
# virtkit: test:///default must answer every call the same.  Skipped (77)
# where libvirt is not installed.
builddir=${abs_top_builddir:-.}
lv=$builddir/tests/compat/apicompare-libvirt
vk=$builddir/tests/compat/apicompare-virtkit
if [ ! -x "$lv" ]; then
    echo "libvirt is not installed: nothing to compare against"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$lv" > "$tmp/libvirt.out" 2>&1 || { echo "FAIL: the libvirt build failed"; cat "$tmp/libvirt.out"; exit 1; }
"$vk" > "$tmp/virtkit.out" 2>&1 || { echo "FAIL: the virtkit build failed"; cat "$tmp/virtkit.out"; exit 1; }
if ! diff -u "$tmp/libvirt.out" "$tmp/virtkit.out"; then
    echo "FAIL: virtkit and libvirt answered differently" >&2
    exit 1
fi
echo "compattest: $(wc -l < "$tmp/virtkit.out") lines of answers identical"
