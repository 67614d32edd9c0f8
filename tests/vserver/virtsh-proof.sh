#!/bin/sh
# virtsh-proof.sh: the VServer driver's limits act on real processes,
# shown through virtsh only, under virtkit-vserver-sim as root (the
# simulator then enforces the kernel's model with cgroups):
#
#   - an NPROC limit of 5 stops the sixth process of the context;
#   - an RSS limit stops a large allocation, and setmem lifts it;
#   - suspend freezes the context, resume lets it run on;
#   - destroy leaves no process of the context.
#
# Every step's command, output and exit status go into one report,
# compared with tests/data/vserver/proof.out (VIRTKIT_TEST_REGENERATE=1
# rewrites it).  The domains are tests/data/vserver/proof/*.xml.  Run by
# tests/vserver/simtest.sh under each encoding; where the simulator does
# not enforce (no root, no cgroups), it says so and skips.

: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"
DATA=$abs_top_srcdir/tests/data/vserver
VIRTSH=$abs_top_builddir/tools/virtsh

enforce=$(printf '%s\n' "$VIRTKIT_VSERVER_SIM" | sed -n 's/.*enforce=\([^ ]*\).*/\1/p')
for what in nproc memory pause kill; do
    case ",$enforce," in
        *",$what,"*) ;;
        *) echo "SKIP: virtsh-proof.sh: the simulator does not enforce $what (${VIRTKIT_VSERVER_SIM:-not under virtkit-vserver-sim})"
           exit 0 ;;
    esac
done

WORK=$(mktemp -d "$abs_top_builddir/tests/vserver/proof.XXXXXX") || exit 99
trap 'rm -rf "$WORK"' EXIT
URI="vserver:///embed?root=$WORK/root"
for f in "$DATA"/proof/*.xml; do
    sed "s|@WORK@|$WORK|g" "$f" > "$WORK/$(basename "$f")"
done
PATH="$abs_top_builddir/tests/vserver:$PATH"
export PATH LC_ALL=C

virtsh() {
    "$VIRTSH" -c "$URI" "$@"
}

# How many processes have a command line matching @1 (a regular
# expression); with @2, waits (10 s at most) until there are that many.
tasks() {
    i=0
    while :; do
        n=0
        for f in /proc/[0-9]*/cmdline; do
            if { tr '\0' ' ' < "$f"; } 2>/dev/null | grep -q -e "$1"; then
                n=$((n + 1))
            fi
        done
        [ -z "$2" ] || [ "$n" = "$2" ] || [ $i -ge 500 ] && break
        sleep 0.02
        i=$((i + 1))
    done
    echo "$n processes match '$1'"
}

# Whether the counter of the "counter" domain moves within 10 s.
moves() {
    before=$(cat "$WORK/counter" 2>/dev/null)
    i=0
    while [ $i -lt 500 ]; do
        [ "$(cat "$WORK/counter" 2>/dev/null)" != "$before" ] && { echo "the counter moves"; return; }
        sleep 0.02
        i=$((i + 1))
    done
    echo "the counter stands still"
}

# Whether it stays where it is for a second (a frozen context).
stands() {
    before=$(cat "$WORK/counter")
    sleep 1
    if [ "$(cat "$WORK/counter")" = "$before" ]; then
        echo "the counter stands still"
    else
        echo "the counter moves"
    fi
}

step() {
    printf '$ %s\n' "$1"
    (cd "$WORK" && eval "$1") > "$WORK/out" 2>&1 < /dev/null
    rc=$?
    sed "s|$WORK|\$WORK|g" "$WORK/out"
    printf '[exit %d]\n\n' "$rc"
}

report() {
    echo "# NPROC 5: the init is the first process, the entering shell the second"
    step "virtsh define nproc5.xml"
    step "virtsh start nproc5"
    step "virtsh enter nproc5 -- /bin/sh -c 'for i in 3 4 5 6 7; do sleep 1000 & echo \"process \$i runs\"; done'"
    step "virtsh destroy nproc5"

    echo "# RSS: 16 MiB (4096 pages) stop an allocation of 64 MiB; 128 MiB do not"
    step "virtsh define rss16.xml"
    step "virtsh start rss16"
    step "virtsh enter rss16 -- vsmemhog 64"
    step "virtsh setmem rss16 128M --live"
    step "virtsh memtune rss16"
    step "virtsh enter rss16 -- vsmemhog 64"
    step "virtsh destroy rss16"

    echo "# suspend freezes every process of the context"
    step "virtsh define counter.xml"
    step "virtsh start counter"
    step "moves"
    step "virtsh suspend counter"
    step "virtsh domstate counter --reason"
    step "stands"
    step "virtsh resume counter"
    step "moves"
    step "virtsh destroy counter"

    echo "# destroy leaves no process"
    step "virtsh define forks.xml"
    step "virtsh start forks"
    step "tasks 'sleep 250300[12]' 4"
    step "virtsh destroy forks"
    step "tasks 'sleep 250300[12]'"
    step "virtsh list --all"
}

report > "$WORK/proof.out"
if [ "${VIRTKIT_TEST_REGENERATE:-0}" = 1 ]; then
    cp "$WORK/proof.out" "$DATA/proof.out"
    echo "REGENERATED: tests/data/vserver/proof.out"
    exit 0
fi
if diff -u "$DATA/proof.out" "$WORK/proof.out"; then
    echo "PASS: virtsh-proof.sh ($(grep -c '^\$ ' "$WORK/proof.out") steps)"
    exit 0
fi
echo "FAIL: virtsh-proof.sh"
exit 1
