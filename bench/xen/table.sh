#!/bin/sh
# table.sh COUNTS: the Xen benchmark's markdown (make bench-xen) from the
# VKXEN-BENCH lines run-xen-qemu.sh kept (dom0-init.sh prints them)
set -eu
counts=$1
[ -s "$counts" ] || { echo "table.sh: $counts is empty: the benchmark did not run in dom0" >&2; exit 1; }
cat <<'HEAD'
# Xen: what listing domains asks of the hypervisor

`make bench-xen` boots Debian's Xen 4.17 in QEMU (as `make check-xen` does)
and, in dom0, counts what one `virtsh -c xen:///system list --all` and one
`xl list` ask of Xen and of xenstored, with 1 (Domain-0 alone), 2, 4 and 8
domains (guests built paused by `xl create -p`).  The counts come from an
LD_PRELOAD shim (bench/xen/xencount.c): hypercalls are ioctls on
/dev/xen/privcmd, xenstore writes are messages to xenstored.  Counts, not
times: under software emulation times say little.

virtsh's count is a whole process: opening the connection (Xen's version,
physinfo, one getinfolist batch and a xenstore name for each domain it did
not define), the listing (one more getinfolist batch for every domain),
then, for each row, virDomainGetState (one domain-info hypercall, which
also applies a stopped guest's on_* action).  Both tools grow by one
hypercall and two xenstore writes per domain; virtsh's larger constant is
its connection's opening.

| domains | virtsh hypercalls | xl hypercalls | virtsh xenstore writes | xl xenstore writes |
|--------:|------------------:|--------------:|-----------------------:|-------------------:|
HEAD
awk '
/^VKXEN-BENCH / {
    n = ""; tool = ""; h = ""; x = ""
    for (i = 2; i <= NF; i++) {
        split($i, kv, "=")
        if (kv[1] == "domains") n = kv[2]
        else if (kv[1] == "tool") tool = kv[2]
        else if (kv[1] == "hypercalls") h = kv[2]
        else if (kv[1] == "xenstore_writes") x = kv[2]
    }
    if (!(n in seen)) { seen[n] = 1; order[++count] = n }
    hc[n, tool] = h; xs[n, tool] = x
}
END {
    for (i = 1; i <= count; i++) {
        n = order[i]
        printf "| %s | %s | %s | %s | %s |\n", n, hc[n, "virtsh"], hc[n, "xl"], xs[n, "virtsh"], xs[n, "xl"]
    }
}' "$counts"
