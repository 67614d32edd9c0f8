#!/bin/sh
# Every public function, type and macro has a doc comment, from which the
# API reference is generated (scripts/apidoc.sh; `make doc`).  The check
# itself is checked first: on a copy of the tree with one comment taken
# out, a parameter left undescribed and a Returns dropped, it must fail and
# name each of them.
srcdir=${abs_top_srcdir:-$(dirname "$0")/..}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

mkdir -p "$tmp/tree/src/util" "$tmp/tree/src/api"
cp -r "$srcdir/include" "$srcdir/scripts" "$tmp/tree/"
cp "$srcdir"/src/api/*.c "$tmp/tree/src/api/"
cp "$srcdir"/src/util/vir*.c "$tmp/tree/src/util/"
chmod -R u+w "$tmp/tree"    # a distcheck's source tree is read-only
perl -0pi -e 's{/\*\*\n \* VIR_UUID_BUFLEN:.*?\*/\n}{}s' "$tmp/tree/include/virt/virt-host.h"
perl -0pi -e 's{( \* virDomainSuspend:\n) \* \@domain:[^\n]*\n}{$1}' "$tmp/tree/src/api/libvirt-domain-lifecycle.c"
perl -0pi -e 's{(/\*\*\n \* virConnectClose:.*?)Returns}{$1returns}s' "$tmp/tree/src/api/libvirt-host.c"
"$tmp/tree/scripts/apidoc.sh" check "$tmp/tree" > "$tmp/out" 2>&1
for expected in "VIR_UUID_BUFLEN: no doc comment" \
                "virDomainSuspend: the doc comment does not describe @domain" \
                "virConnectClose: the doc comment does not say what it returns"; do
    if ! grep -q "^$expected" "$tmp/out"; then
        echo "FAIL: the check did not report '$expected':" >&2
        cat "$tmp/out" >&2
        status=1
    fi
done

if ! "$srcdir/scripts/apidoc.sh" check "$srcdir"; then
    echo "FAIL: public names without a complete doc comment (see above)" >&2
    status=1
fi
exit $status
