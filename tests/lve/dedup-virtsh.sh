#!/bin/sh
# virtsh memshare-dedup on LVEs through the built virtsh: one KSM pass
# over two LVEs whose tasks (tests/lve/ksm-fill, started with virtsh
# enter) hold the same 2,048 pages, one of them without memory merging:
# the pass merges them, starts ksmd only for itself, and what it prints
# agrees with memshareinfo and node-memory-tune; a task that writes its
# pages unshares them; the errors, and the output's form
# (tests/data/lve/dedup).  Root, cgroup v1 and KSM, or it skips; one KSM
# test at a time on the host (the lock the check suites take), and the
# host's KSM settings are put back.
. "$abs_top_srcdir/tests/lvectl/lib.sh"

DATA=$abs_top_srcdir/tests/data/lve/dedup
FILL=$abs_top_builddir/tests/lve/ksm-fill
KSM=/sys/kernel/mm/ksm
PAGES=2048
WAIT=600                                # tenths of a second: 60 s

[ -w "$KSM/run" ] || lve_skip "needs a kernel with KSM (no writable $KSM/run)"
case "${SANITIZER_CFLAGS:-}" in
    *address*) lve_skip "KSM on an AddressSanitizer process walks its terabytes of shadow mappings";;
esac
command -v flock >/dev/null || lve_skip "needs flock (util-linux)"

exec 9>/tmp/virtkit-lve-ksm-test.lock
flock 9 || exit 99
KSM_SAVED="$(cat "$KSM/run") $(cat "$KSM/pages_to_scan") $(cat "$KSM/sleep_millisecs")"
ksm_restore() {
    set -- $KSM_SAVED
    echo 2 > "$KSM/run"                 # unmerges what the test merged
    echo "$1" > "$KSM/run"
    echo "$2" > "$KSM/pages_to_scan"
    echo "$3" > "$KSM/sleep_millisecs"
}
trap 'lve_cleanup; ksm_restore' EXIT

virtsh() { "$VIRTSH" -c "$URI" "$@"; }
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

# waits for FILE to say WORD
wait_state() {
    i=0
    until grep -qx "$2" "$1" 2>/dev/null; do
        i=$((i + 1))
        [ $i -le $WAIT ] || { echo "$1 does not say '$2' after 60 s" >&2; exit 1; }
        sleep 0.1
    done
}

# the value after LABEL in virtsh's text
field() { echo "$1" | sed -n "s/^$2: *//p"; }

# the task of LVE $1 that runs ksm-fill
fill_pid() {
    for p in $(cat "$(lve_group memory "$1")/cgroup.procs"); do
        [ "$(cat "/proc/$p/comm" 2>/dev/null)" = ksm-fill ] && echo "$p"
    done
}

echo 0 > "$KSM/run"     # stopped: the pass starts ksmd and stops it again
virtsh "node-memory-tune --shm-pages-to-scan 5000 --shm-sleep-millisecs 10" >/dev/null || exit 99
for d in web1 web2 static3 idle4; do
    virtsh define "$DATA/$d.xml" >/dev/null || exit 99
done
virtsh "start web1; start web2; start static3" >/dev/null || exit 99
virtsh enter web1 -- "$FILL" $PAGES $PAGES 7 "$WORK/web1.state" &
virtsh enter web2 -- "$FILL" --no-merge $PAGES $PAGES 7 "$WORK/web2.state" &
wait_state "$WORK/web1.state" filled
wait_state "$WORK/web2.state" filled
pid2=$(fill_pid 1052)
grep -q "ksm_merge_any: no" "/proc/$pid2/ksm_stat" || fail "web2's task merges before the pass"
before=$(virtsh node-memory-tune | awk '$1 == "shm_pages_sharing" { print $2 }')

# every running LVE that shares: web1 and web2
out=$(virtsh memshare-dedup) || fail "memshare-dedup failed: $out"
[ "$(cat "$KSM/run")" = 0 ] || fail "ksmd was left running (run $(cat "$KSM/run"))"
grep -q "ksm_merge_any: yes" "/proc/$pid2/ksm_stat" || fail "the pass did not make web2's task mergeable"
[ "$(field "$out" 'Pages scanned')" -ge $((2 * PAGES)) ] || fail "too few pages scanned: $out"
[ "$(field "$out" 'Pages identical')" -ge $((2 * PAGES)) ] || fail "too few identical pages: $out"
[ "$(field "$out" 'Pages shared')" -ge $PAGES ] || fail "too few pages shared: $out"
[ "$(field "$out" 'Pages freed')" = "$(field "$out" 'Pages shared')" ] || fail "freed is not shared: $out"
after=$(virtsh node-memory-tune | awk '$1 == "shm_pages_sharing" { print $2 }')
[ "$after" -ge $((before + PAGES)) ] || fail "shm_pages_sharing went from $before to $after only"
for d in web1 web2; do
    shared=$(field "$(virtsh memshareinfo $d)" 'Shared pages')
    [ "$shared" -ge $PAGES ] || fail "$d has $shared shared pages, not $PAGES"
done

# web2 writes every page: copies of its own again, which KSM's counters
# show once ksmd has looked at them (the next pass, over web2 alone)
kill -USR1 "$pid2"
wait_state "$WORK/web2.state" written
json=$(virtsh memshare-dedup web2 --json) || fail "memshare-dedup web2 --json failed: $json"
echo "$json" | python3 -c 'import json, sys
r = json.load(sys.stdin)
assert sorted(r) == ["pages_freed", "pages_identical", "pages_scanned", "pages_shared", "time_ms"], r
assert r["pages_scanned"] >= '$PAGES', r' || fail "memshare-dedup --json printed: $json"
shared=$(field "$(virtsh memshareinfo web2)" 'Shared pages')
[ "$shared" -lt $((PAGES / 2)) ] || fail "web2 still has $shared shared pages after writing them"

# the form of the output, and the errors
compare memshare-dedup || status=1
exit $status
