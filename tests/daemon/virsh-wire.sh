#!/bin/sh
# Debian's real virsh 9.0 through virtkitd against virtsh on the same
# driver, locally: every batch of the virsh comparison suite
# (tests/data/virtsh/compare/*.batches) and of tests/data/daemon/*.batches
# must print the same stdout, stderr and exit status.
#
#   default BATCH   virsh -c test+unix:///default?socket=S
#                   virtsh -c test:///default
#   node BATCH      the node file tests/data/virtsh/node.xml
#   lve BATCH       lve:///embed?root=R1 through virtkitd against
#                   lve:///embed?root=R2 locally, each root fresh and
#                   holding the definitions of tests/data/daemon/lve (as
#                   root with cgroup v1; skipped elsewhere).  A libvirt
#                   client refuses an /embed path itself (it would load
#                   the driver in-process), so the root travels in the
#                   remote driver's name= parameter:
#                   lve+unix:///system?socket=S&name=lve:///embed%3Froot=R1
#
# Between the batches the daemon keeps running: test:///default starts
# afresh once the last connection to it closes, as in one process.  Only
# what cannot be the same twice is normalized: CPU times (virsh's "CPU
# time:" lines and cpu-stats' seconds), and the URIs.
set -u

if ! command -v virsh >/dev/null 2>&1; then
    echo "SKIP: virsh is not installed"
    exit 77
fi
. "${abs_top_srcdir:?run through make check}/tests/daemon/lib.sh"

VIRTSH="$abs_top_builddir/tools/virtsh"
VDATA=$(cd "$abs_top_srcdir/tests/data/virtsh" && pwd)
HOME="$DWORK/home"
export HOME
mkdir -p "$HOME"

lve_ok=0
if [ "$(id -u)" = 0 ] && [ -d /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/freezer ] &&
   "$VIRTSH" -c 'lve:///embed?root=/nonexistent' uri >/dev/null 2>&1; then
    lve_ok=1
fi
LVE_PARENT="virtkit-wiretest-$$"
lve_cleanup() {
    for c in /sys/fs/cgroup/*/"$LVE_PARENT"*; do
        [ -d "$c" ] || continue
        find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
}

normalize() {
    sed -e "s|$VDATA|\$DATA|g" -e "s|$DDATA|\$DDATA|g" -e "s|$DWORK|\$WORK|g" \
        -e '/^CPU time: *[0-9][0-9]*\.[0-9]s$/d' \
        -e 's/^\(	.\{12\} \).\{9\}\.[0-9]\{9\} seconds$/\1<seconds> seconds/' \
        -e 's/^lve+unix:.*name=lve:\/\/\/embed.*$/lve:\/\/\/embed/' \
        -e 's/^lve:\/\/\/embed?.*$/lve:\/\/\/embed/' \
        -e 's/^\(test\)+unix:\/\/\([^?]*\)?socket=.*$/\1:\/\/\2/' "$1"
}

# report CMDLINE: the command's stdout, stderr and status, normalized
report() {
    (cd "$DWORK" && eval "$1") >"$DWORK/stdout" 2>"$DWORK/stderr" </dev/null
    rc=$?
    normalize "$DWORK/stdout"
    if [ -s "$DWORK/stderr" ]; then
        printf '[stderr]\n'
        normalize "$DWORK/stderr"
    fi
    printf '[exit %d]\n\n' "$rc"
}

# a fresh LVE root holding the definitions of tests/data/daemon/lve
lve_root() {
    rm -rf "$1"
    mkdir -p "$1"
    for xml in "$DDATA"/lve/*.xml; do
        "$VIRTSH" -c "lve:///embed?root=$1&backend=cgroup&cgroup_parent=/$LVE_PARENT-local" \
            define "$xml" >/dev/null || return 1
    done
}

run_batch() {
    conn=$1 batch=$2
    case $conn in
        default)
            remote=$(daemon_uri test /default)
            local=test:///default ;;
        node)
            remote=$(daemon_uri test "$VDATA/node.xml")
            local="test://$VDATA/node.xml" ;;
        lve)
            lve_root "$DWORK/lve-remote" && lve_root "$DWORK/lve-local" || return 1
            remote=$(daemon_uri lve /system \
                "name=lve:///embed%3Froot=$DWORK/lve-remote%26backend=cgroup%26cgroup_parent=/$LVE_PARENT-remote")
            local="lve:///embed?root=$DWORK/lve-local&backend=cgroup&cgroup_parent=/$LVE_PARENT-local" ;;
    esac
    printf '$ %s %s\n' "$conn" "$batch"
    report "timeout 120 virsh -c '$remote' '$batch'" > "$DWORK/one.virsh"
    report "timeout 120 '$VIRTSH' -c '$local' '$batch'" > "$DWORK/one.virtsh"
    if ! cmp -s "$DWORK/one.virsh" "$DWORK/one.virtsh"; then
        diff -u "$DWORK/one.virsh" "$DWORK/one.virtsh" | sed -e 's/^/    /'
        return 1
    fi
}

cp -r "$DDATA/lve" "$DWORK/lve" && chmod -R u+w "$DWORK/lve"
daemon_start wire || exit 1
status=0
for file in "$VDATA"/compare/*.batches "$DDATA"/*.batches; do
    name=$(basename "$file" .batches)
    n=0 failed=0 skipped=0
    while IFS= read -r line; do
        case $line in ''|'#'*) continue ;; esac
        if [ "${line%% *}" = lve ] && [ $lve_ok = 0 ]; then
            skipped=$((skipped + 1))
            continue
        fi
        n=$((n + 1))
        if ! run_batch "${line%% *}" "${line#* }" > "$DWORK/batch.out" 2>&1; then
            cat "$DWORK/batch.out"
            failed=$((failed + 1))
        fi
    done < "$file"
    lve_cleanup
    note=
    [ $skipped -eq 0 ] || note=", $skipped LVE batches skipped: no root or no cgroup v1"
    if [ $failed -eq 0 ]; then
        echo "PASS: $name ($n batches identical through virtkitd$note)"
    else
        echo "FAIL: $name ($failed of $n batches differ: - virsh through virtkitd, + virtsh)"
        status=1
    fi
done
daemon_stop || status=1
exit $status
