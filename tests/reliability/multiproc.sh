#!/bin/bash
# multiproc.sh: LVEs managed by several processes and several roots at
# once, on the host's real cgroups, through virtsh only.
#
# Scenarios (each ends with the same checks: no orphan cgroup, no running
# LVE that no root lists, the other root untouched):
#   roots       two roots with the same LVE ids: default cgroup parents
#               differ; on one shared parent, the second start is refused
#               before the kernel is touched and names the owner
#   dupid       two definitions with one LVE id, from two processes, one
#               of them long-lived with an out-of-date view
#   kill        SIGKILL at every write and every rename of start, define,
#               undefine and destroy (strace's fault injection); a fresh
#               process sees a consistent state and cleans up
#   loops       a long-lived shell and one-shot processes on one root,
#               ROUNDS rounds (default 200) each
#   readonly    read-only opens change nothing, autostart included
#   defaults    every kind of bad defaults file: the root still opens
#   broken      a configuration that does not load is listed, with why
#
# Needs root, cgroup v1 (pids, memory, cpu, freezer) and strace; exits 77
# (skip) otherwise.  Test groups live under this process's own cgroups.
set -u

VIRTSH=${abs_top_builddir:?run from make check}/tools/virtsh
ROUNDS=${MULTIPROC_ROUNDS:-200}
ONLY=${MULTIPROC_ONLY:-}

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root"
for c in pids memory cpu freezer; do
    [ -d /sys/fs/cgroup/$c ] || skip "needs cgroup v1 controller '$c'"
done
command -v strace >/dev/null || skip "needs strace (Debian: strace)"

W=$(mktemp -d /tmp/multiproc.XXXXXX)
PARENT=virtkit-mp-$$
FAILED=0
# where this process's groups are, per controller
own_dir() { awk -F: -v c="$1" '$2 ~ "(^|,)"c"(,|$)" { print $3 }' /proc/self/cgroup; }
GROUPS_DIR=/sys/fs/cgroup/pids$(own_dir pids | sed 's|/$||')/$PARENT
CPU_DIR=/sys/fs/cgroup/cpu$(own_dir cpu | sed 's|/$||')/$PARENT

cleanup() {
    local u
    for u in "$A" "$B"; do
        "$VIRTSH" -q -c "$u" 'list --all --name' 2>/dev/null | while read -r d; do
            [ -n "$d" ] && "$VIRTSH" -q -c "$u" "destroy '$d'" >/dev/null 2>&1
        done
    done
    for c in pids memory cpu cpuacct cpuset freezer blkio; do
        find "/sys/fs/cgroup/$c$(own_dir $c | sed 's|/$||')/$PARENT" -depth -type d \
            -exec rmdir {} + 2>/dev/null
    done
    rm -rf "$W"
}
trap cleanup EXIT

A="lve:///embed?root=$W/a&cgroup_parent=$PARENT"
B="lve:///embed?root=$W/b&cgroup_parent=$PARENT"

fail() { echo "FAIL [$SCENARIO]: $*"; FAILED=1; }
vs() { "$VIRTSH" -q -c "$@"; }

# domain NAME ID [EXTRA]: a definition file
domain() {
    printf "<domain type='lve' id='%s'>\n  <name>%s</name>\n  <memory unit='MiB'>64</memory>\n%s</domain>\n" \
        "$2" "$1" "${3:-}" > "$W/$1.xml"
    echo "$W/$1.xml"
}

# expect_fail TEXT CMD...: the command fails and says TEXT
expect_fail() {
    local text=$1 out
    shift
    if out=$("$@" 2>&1); then
        fail "'$*' succeeded: $out"
    elif ! grep -qF -- "$text" <<<"$out"; then
        fail "'$*' did not say '$text': $out"
    fi
}

# The checks after every scenario: every LVE group in the kernel is a
# domain some root lists as running, and the other way round.
check_consistent() {
    local g id running
    running=$( { vs "$A" 'list --name --state-running' 2>/dev/null
                 vs "$B" 'list --name --state-running' 2>/dev/null; } | sort)
    for g in "$GROUPS_DIR"/lve*; do
        [ -d "$g" ] || continue
        id=${g##*/lve}
        if ! { vs "$A" "domname $id" 2>/dev/null; vs "$B" "domname $id" 2>/dev/null; } | grep -q .; then
            fail "LVE $id runs in the kernel, but no root lists it (running: ${running:-none})"
        fi
    done
    for d in $(vs "$A" 'list --id' 2>/dev/null) $(vs "$B" 'list --id' 2>/dev/null); do
        [ -d "$GROUPS_DIR/lve$d" ] || fail "a root lists LVE $d running, but the kernel has no LVE $d"
    done
}

# Stops and removes every domain of both roots, then checks nothing is left.
reset_roots() {
    local u d
    for u in "$A" "$B"; do
        for d in $(vs "$u" 'list --all --name' 2>/dev/null); do
            vs "$u" "destroy $d" >/dev/null 2>&1
            vs "$u" "undefine $d" >/dev/null 2>&1
        done
        [ -z "$(vs "$u" 'list --all --name' 2>/dev/null)" ] || fail "domains left in $u after cleanup"
    done
    if ls -d "$GROUPS_DIR"/lve* >/dev/null 2>&1; then
        fail "orphan LVE groups after cleanup: $(ls -d "$GROUPS_DIR"/lve* | xargs -n1 basename | tr '\n' ' ')"
    fi
}

run() {
    SCENARIO=$1
    [ -n "$ONLY" ] && [ "$ONLY" != "$1" ] && return
    echo "== $1"
    "scenario_$1"
    check_consistent
    reset_roots
}

# ---- scenarios ------------------------------------------------------------

scenario_roots() {
    local quota
    # the default parents of two roots differ (no cgroup_parent given): an
    # open writes nothing to the kernel, and the capabilities say where
    if [ "$(vs "lve:///embed?root=$W/x" capabilities | grep -o "parent='[^']*'")" = \
         "$(vs "lve:///embed?root=$W/y" capabilities | grep -o "parent='[^']*'")" ]; then
        fail "two roots have the same default cgroup parent"
    fi
    # one shared parent: the ids are one namespace, and the marks decide
    vs "$A" "define $(domain a1 7001)" >/dev/null || fail "define a1"
    vs "$B" "define $(domain b1 7001)" >/dev/null || fail "define b1"
    vs "$A" 'start a1' >/dev/null || fail "start a1"
    vs "$A" 'schedinfo a1 --set speed=50 --live' >/dev/null || fail "speed of a1"
    quota=$(cat "$CPU_DIR/lve7001/cpu.cfs_quota_us")
    expect_fail "LVE 7001 belongs to domain 'a1' of lve:///embed?root=$W/a" vs "$B" 'start b1'
    expect_fail "is not running" vs "$B" 'destroy b1'
    [ "$(vs "$A" domstate a1)" = running ] || fail "a1 no longer runs after b1's attempts"
    local after
    after=$(cat "$CPU_DIR/lve7001/cpu.cfs_quota_us")
    [ "$quota" = "$after" ] || fail "b1's start changed a1's cpu quota ($quota -> $after)"
    vs "$A" 'destroy a1' >/dev/null || fail "destroy a1"
    vs "$B" 'start b1' >/dev/null || fail "b1 does not start once a1 stopped"
    expect_fail "LVE 7001 belongs to domain 'b1' of lve:///embed?root=$W/b" vs "$A" 'start a1'
}

scenario_dupid() {
    local longlived
    # a long-lived shell opened before either definition
    coproc LL { "$VIRTSH" -q -c "$A" 2>&1; }
    longlived=$LL_PID
    echo 'list --all' >&"${LL[1]}"
    vs "$A" "define $(domain x1 7200)" >/dev/null || fail "define x1"
    vs "$A" 'start x1' >/dev/null || fail "start x1"
    expect_fail "LVE id 7200 is already the id of domain 'x1'" vs "$A" "define $(domain x2 7200)"
    # the long-lived shell's view is refreshed before it acts
    echo "define $(domain x3 7200)" >&"${LL[1]}"
    echo 'echo MARK' >&"${LL[1]}"
    local line out=
    while IFS= read -r -t 30 line <&"${LL[0]}"; do
        [ "$line" = MARK ] && break
        out+="$line"$'\n'
    done
    grep -q "LVE id 7200 is already the id of domain 'x1'" <<<"$out" ||
        fail "the long-lived shell defined a second domain with id 7200: $out"
    # it sees x1 running, and an undefine leaves it running, transient
    echo 'undefine x1' >&"${LL[1]}"
    echo 'quit' >&"${LL[1]}"
    wait "$longlived"
    [ "$(vs "$A" domstate x1)" = running ] || fail "x1 stopped after a stale undefine"
    [ -d "$GROUPS_DIR/lve7200" ] || fail "LVE 7200 is gone"
    vs "$A" 'destroy x1' >/dev/null || fail "x1 cannot be destroyed"
}

# kill_at SYSCALL N CMD: runs CMD under strace, killed at its Nth SYSCALL;
# prints "done" when CMD completed first.
kill_at() {
    local sys=$1 n=$2
    shift 2
    # LeakSanitizer cannot run under ptrace: in ASan builds, no leak check
    # for the traced process (the other scenarios keep it)
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -qq -o /dev/null -e trace="$sys" -e inject="$sys":signal=SIGKILL:when="$n" \
        "$@" >/dev/null 2>&1
    [ $? -eq 0 ] && echo done
}

# after a kill: a fresh process sees a consistent state and cleans up
after_kill() {
    local what=$1 state
    check_consistent
    state=$(vs "$A" 'domstate w' 2>/dev/null)
    case $state in
        running|paused) vs "$A" 'destroy w' >/dev/null || fail "$what: w cannot be destroyed" ;;
    esac
    [ -d "$GROUPS_DIR/lve7300" ] && fail "$what: LVE 7300 left in the kernel after cleanup"
}

scenario_kill() {
    local op sys n xml
    xml=$(domain w 7300)
    for op in start define undefine destroy; do
        for sys in write rename; do
            for n in $(seq 1 400); do  # ASan builds write more
                # the state each operation starts from
                case $op in
                    start|destroy|undefine) vs "$A" "define $xml" >/dev/null 2>&1 ;;
                    define) vs "$A" 'undefine w' >/dev/null 2>&1 ;;
                esac
                [ $op = destroy ] && { vs "$A" 'start w' >/dev/null 2>&1; }
                case $op in
                    start) r=$(kill_at $sys $n "$VIRTSH" -q -c "$A" 'start w') ;;
                    define) r=$(kill_at $sys $n "$VIRTSH" -q -c "$A" "define $xml") ;;
                    undefine) r=$(kill_at $sys $n "$VIRTSH" -q -c "$A" 'undefine w') ;;
                    destroy) r=$(kill_at $sys $n "$VIRTSH" -q -c "$A" 'destroy w') ;;
                esac
                after_kill "$op killed at $sys #$n"
                [ "$r" = done ] && break
            done
            [ "$r" = done ] || fail "$op never completed under $sys injection"
            echo "   $op: killed at each of its $((n - 1)) ${sys}s"
        done
    done
    vs "$A" 'undefine w' >/dev/null 2>&1
}

scenario_loops() {
    local i out
    vs "$A" "define $(domain c1 7400)" >/dev/null || fail "define c1"
    vs "$B" "define $(domain c9 7400)" >/dev/null || fail "define c9"
    # one-shot processes start and stop c1 while another root competes for
    # the same id, and a long-lived shell watches and changes the root
    ( for i in $(seq 1 "$ROUNDS"); do
          vs "$A" 'start c1; destroy c1' >/dev/null 2>&1
      done ) &
    local oneshot=$!
    ( for i in $(seq 1 "$ROUNDS"); do
          vs "$B" 'start c9; destroy c9' >/dev/null 2>&1
      done ) &
    local other=$!
    domain c2 7401 >/dev/null
    for i in $(seq 1 "$ROUNDS"); do
        echo "list --all; dominfo c1; define $W/c2.xml; undefine c2"
    done | "$VIRTSH" -q -c "$A" > "$W/longlived.out" 2>&1
    wait $oneshot $other
    grep -q "^error: .*\(is not running\|belongs to\)" "$W/longlived.out" &&
        fail "the long-lived shell reported: $(grep -m1 '^error' "$W/longlived.out")"
    [ "$(vs "$A" domstate c1)" = "shut off" ] || fail "c1 is $(vs "$A" domstate c1) after the loops"
    [ "$(vs "$B" domstate c9)" = "shut off" ] || fail "c9 is $(vs "$B" domstate c9) after the loops"
    [ -z "$(vs "$A" 'list --all --name' | grep -x c2)" ] || fail "c2 is left defined"
}

scenario_readonly() {
    local before after
    vs "$A" "define $(domain r1 7500)" >/dev/null || fail "define r1"
    vs "$A" 'autostart r1' >/dev/null || fail "autostart r1"
    # as after a reboot: autostart happens at the first open since the boot
    rm -f "$W/a/run/virtkit/lve/.booted"
    before=$(cd "$W/a" && find . -printf '%p %s %T@\n' | sort)
    out=$("$VIRTSH" -q -r -c "$A" 'list --all; dominfo r1' 2>&1) || fail "read-only open: $out"
    grep -q "shut off" <<<"$out" || fail "a read-only open autostarted r1: $out"
    [ -d "$GROUPS_DIR/lve7500" ] && fail "a read-only open made LVE 7500"
    after=$(cd "$W/a" && find . -printf '%p %s %T@\n' | sort)
    [ "$before" = "$after" ] || fail "a read-only open changed files: $(diff <(echo "$before") <(echo "$after") | head -3)"
    # the first read-write open starts it; the next ones do not again
    [ "$(vs "$A" domstate r1)" = running ] || fail "r1 was not autostarted by a read-write open"
    vs "$A" 'destroy r1' >/dev/null || fail "destroy r1"
    [ "$(vs "$A" domstate r1)" = "shut off" ] || fail "r1 was autostarted again by a later open"
}

scenario_defaults() {
    local f="$W/a/etc/virtkit/lve/defaults/limits.xml" kind out
    vs "$A" "define $(domain d1 7600)" >/dev/null || fail "define d1"
    for kind in value truncated directory fifo symlink; do
        rm -rf "$f"
        mkdir -p "$(dirname "$f")"
        case $kind in
            value) echo "<defaults speed='-5%'/>" > "$f" ;;
            truncated) printf "<defaults speed='10" > "$f" ;;
            directory) mkdir "$f" ;;
            fifo) mkfifo "$f" ;;
            symlink) ln -s /etc/passwd "$f" ;;
        esac
        out=$("$VIRTSH" -q -c "$A" 'start d1; list --all; destroy d1' 2>&1) ||
            fail "defaults as a $kind: the root does not work: $out"
        grep -q "warning : .*LVE defaults in .* do not load" <<<"$out" ||
            fail "defaults as a $kind: no warning on stderr: $out"
    done
    rm -rf "$f"
}

scenario_broken() {
    local conf="$W/a/etc/virtkit/lve/bad.xml" out
    vs "$A" 'list' >/dev/null
    echo "<domain type='lve' id='7700'><name>bad" > "$conf"
    out=$("$VIRTSH" -q -c "$A" 'list --all' 2>&1)
    grep -q "bad .*shut off" <<<"$out" || fail "a configuration that does not load is not listed: $out"
    grep -q "warning : .*domain 'bad': its configuration in .* does not load" <<<"$out" ||
        fail "no warning on stderr for a configuration that does not load: $out"
    expect_fail "its configuration does not load" vs "$A" 'start bad'
    vs "$A" "define $(domain bad 7700)" >/dev/null 2>&1 || fail "bad cannot be defined anew"
    grep -q "<name>bad$" "$conf.broken" || fail "the configuration that did not load is not kept"
}

for s in roots dupid kill loops readonly defaults broken; do
    run $s
done
[ $FAILED = 0 ] && echo "multiproc: every scenario passed"
exit $FAILED
