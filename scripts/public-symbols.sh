#!/bin/sh
# Lists the functions and variables the public headers declare, one per
# line, sorted: what src/libvirtkit.syms must export, no more, no less.
srcdir=${1:-.}
cat "$srcdir"/include/virt/virt.h "$srcdir"/include/virt/virt-common.h.in \
    "$srcdir"/include/virt/virt-host.h "$srcdir"/include/virt/virt-domain.h \
    "$srcdir"/include/virt/virt-domain-event.h "$srcdir"/include/virt/virt-event.h \
    "$srcdir"/include/virt/virterror.h "$srcdir"/include/virt/virt-virtkit.h |
    perl -0pe 's:/\*.*?\*/::gs; s/^\s*#.*$//mg; s/\{[^{}]*\}//gs' |
    tr '\n' ' ' | tr ';' '\n' |
    grep -v typedef |
    sed -n -e 's/.*[ *]\(vir[A-Za-z0-9_]*\) *(.*/\1/p' \
           -e 's/^ *VIR_EXPORT_VAR .*[ *]\(vir[A-Za-z0-9_]*\) *$/\1/p' |
    sort -u
