#!/bin/sh
# One program (tests/daemon/wirecompare.c) built against libvirt and
# against virtkit: the libvirt build talks to virtkitd through libvirt's
# own remote driver, the virtkit build drives the same driver in its own
# process.  Every answer, errors included, must be the same: on
# test:///default and on the node file tests/data/virtsh/node.xml.
# Skipped (77) where libvirt is not installed.
set -u
. "${abs_top_srcdir:?run through make check}/tests/daemon/lib.sh"

lv="$abs_top_builddir/tests/daemon/wirecompare-libvirt"
vk="$abs_top_builddir/tests/daemon/wirecompare-virtkit"
if [ ! -x "$lv" ]; then
    echo "SKIP: libvirt is not installed: nothing to build the client against"
    exit 77
fi
NODE=$(cd "$abs_top_srcdir/tests/data/virtsh" && pwd)/node.xml

daemon_start compat || exit 1
status=0
for path in /default "$NODE"; do
    "$lv" "$(daemon_uri test "$path")" > "$DWORK/libvirt.out" 2>&1 ||
        { echo "FAIL: the libvirt build failed on $path"; cat "$DWORK/libvirt.out"; status=1; }
    "$vk" "test://$path" > "$DWORK/virtkit.out" 2>&1 ||
        { echo "FAIL: the virtkit build failed on $path"; cat "$DWORK/virtkit.out"; status=1; }
    if diff -u "$DWORK/libvirt.out" "$DWORK/virtkit.out"; then
        echo "PASS: test://$path: $(wc -l < "$DWORK/virtkit.out") lines of answers identical"
    else
        echo "FAIL: test://$path: libvirt through virtkitd (-) and virtkit (+) answered differently"
        status=1
    fi
done
daemon_stop || status=1
exit $status
