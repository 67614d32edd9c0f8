# Shared by the LVE shell tests (sourced, not run): an embedded LVE root
# on this machine's cgroups.
#
# Sets LVECTL and VIRTSH (the built tools), DATA (tests/data/lvectl),
# WORK (a scratch directory) and URI, an lve:///embed URI whose groups
# live under "virtkit-shtest-<pid>" inside this process's own groups (so
# that memory stays inside the test's accounting).  On exit, whatever the
# tests left in those groups is killed and the groups and WORK removed.
# Exits 77 (SKIP) without root or without the cgroup v1 controllers the
# cgroup backend drives.

: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"

DATA=$abs_top_srcdir/tests/data/lvectl
LVECTL=$abs_top_builddir/tools/virtkit-lvectl
VIRTSH=$abs_top_builddir/tools/virtsh
LVE_CONTROLLERS="cpu cpuacct cpuset memory pids blkio freezer"

lve_skip() {
    echo "SKIP: $*"
    exit 77
}

[ "$(id -u)" = 0 ] || lve_skip "needs root to create cgroups and move tasks (CI runs as root)"

# The directory of this process's group in the v1 hierarchy of $1.
lve_own_group() {
    mnt=$(awk -v c="$1" '$(NF-2) == "cgroup" { n = split($NF, o, ","); for (i = 1; i <= n; i++) if (o[i] == c) print $5 }' /proc/self/mountinfo | head -n1)
    rel=$(awk -F: -v c="$1" '{ n = split($2, o, ","); for (i = 1; i <= n; i++) if (o[i] == c) print $3 }' /proc/self/cgroup | head -n1)
    [ -n "$mnt" ] && [ -n "$rel" ] && echo "$mnt$rel" | sed 's|//*|/|g'
}

LVE_PARENT=virtkit-shtest-$$
LVE_GROUPS=
for c in $LVE_CONTROLLERS; do
    own=$(lve_own_group "$c") || lve_skip "needs the cgroup v1 '$c' controller mounted"
    LVE_GROUPS="$LVE_GROUPS ${own%/}/$LVE_PARENT"
done

mkdir -p "$abs_top_builddir/tests/lvectl"
WORK=$(mktemp -d "$abs_top_builddir/tests/lvectl/work.XXXXXX") || exit 99

lve_cleanup() {
    for g in $LVE_GROUPS; do
        [ -d "$g" ] || continue
        find "$g" -name cgroup.procs -exec cat {} + 2>/dev/null | xargs -r kill -9 2>/dev/null
        find "$g" -depth -type d -exec rmdir {} + 2>/dev/null
    done
    rm -rf "$WORK"
}
trap lve_cleanup EXIT

URI="lve:///embed?root=$WORK/root&backend=cgroup&cgroup_parent=$LVE_PARENT&shutdown_timeout=1"
unset VIRTKIT_DEFAULT_URI VIRTKIT_DEBUG VIRTKIT_LOG_FILE LIBVIRT_DEFAULT_URI
LC_ALL=C.UTF-8
export LC_ALL

# report CMDLINE: runs CMDLINE and prints "$ CMDLINE", its stdout,
# "[stderr]" and its stderr when there is any, and "[exit N]", with WORK
# and the URI shown as $WORK and $URI.
report() {
    (eval "$1") >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    rc=$?
    printf '$ %s\n' "$1"
    lve_normalize "$WORK/stdout"
    if [ -s "$WORK/stderr" ]; then
        printf '[stderr]\n'
        lve_normalize "$WORK/stderr"
    fi
    printf '[exit %d]\n\n' "$rc"
}

lve_normalize() {
    sed -e "s|$WORK|\$WORK|g" -e "s|$LVE_PARENT|\$PARENT|g" "$1"
}

# compare NAME: runs every line of $DATA/NAME.cases through report and
# diffs the result with $DATA/NAME.out (VIRTKIT_TEST_REGENERATE=1 writes
# it instead, for review in git).
compare() {
    grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$DATA/$1.cases" | while IFS= read -r line; do
        report "$line"
    done > "$WORK/$1.out"
    if [ "${VIRTKIT_TEST_REGENERATE:-}" = 1 ]; then
        cp "$WORK/$1.out" "$DATA/$1.out"
        return 0
    fi
    diff -u "$DATA/$1.out" "$WORK/$1.out"
}

# lve_group CONTROLLER ID: the directory of LVE ID's group there.
lve_group() {
    own=$(lve_own_group "$1")
    echo "${own%/}/$LVE_PARENT/lve$2"
}
