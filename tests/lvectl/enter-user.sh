#!/bin/sh
# virtsh enter --user through the built virtsh: the command runs inside
# the LVE with the user's ids and groups, an unknown user is refused
# before anything enters.  A user is made for the test (useradd) and
# removed at the end.
. "$abs_top_srcdir/tests/lvectl/lib.sh"

command -v useradd >/dev/null || lve_skip "needs useradd to make a test user"
USER_NAME=vklve$$
GROUP_NAME=vklveg$$
SUPP_NAME=vklves$$
groupadd "$GROUP_NAME" || exit 99
groupadd "$SUPP_NAME" || { groupdel "$GROUP_NAME"; exit 99; }
if ! useradd -M -N -g "$GROUP_NAME" -G "$SUPP_NAME" -d /nonexistent -s /bin/sh "$USER_NAME"; then
    groupdel "$SUPP_NAME"
    groupdel "$GROUP_NAME"
    exit 99
fi
trap 'userdel "$USER_NAME"; groupdel "$SUPP_NAME"; groupdel "$GROUP_NAME"; lve_cleanup' EXIT
USER_ID=$(id -u "$USER_NAME")
GROUP_ID=$(id -g "$USER_NAME")
SUPP_ID=$(getent group "$SUPP_NAME" | cut -d: -f3)

lvectl() { "$LVECTL" -c "$URI" "$@"; }
virtsh() { "$VIRTSH" -c "$URI" "$@"; }
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

lvectl set 1020 --ep=5 --nproc=50 && lvectl apply 1020 || exit 99

# the ids, the groups and the LVE, seen from inside, by LVE id
out=$(virtsh enter 1020 --user "$USER_NAME" -- /bin/sh -c 'id -u; id -g; id -G | tr " " "\n" | sort -n | tr "\n" " "; echo; echo $HOME $USER $LOGNAME; cat /proc/self/cgroup') ||
    fail "enter --user $USER_NAME exited $?: $out"
line() { echo "$out" | sed -n "$1p"; }
[ "$(line 1)" = "$USER_ID" ] || fail "uid inside is '$(line 1)', not $USER_ID"
[ "$(line 2)" = "$GROUP_ID" ] || fail "gid inside is '$(line 2)', not $GROUP_ID"
want=$(printf '%s\n' "$GROUP_ID" "$SUPP_ID" | sort -n | tr '\n' ' ')
[ "$(line 3)" = "$want" ] || fail "groups inside are '$(line 3)', not '$want' (root's were not dropped?)"
[ "$(line 4)" = "/nonexistent $USER_NAME $USER_NAME" ] || fail "environment inside is '$(line 4)'"
echo "$out" | grep -q ":memory:.*/lve1020\$" || fail "the command did not run in LVE 1020's groups: $out"

# a uid is taken too
out=$(virtsh enter 1020 --user "$USER_ID" -- id -un) && [ "$out" = "$USER_NAME" ] ||
    fail "enter --user $USER_ID ran as '$out'"

# without --user, the caller's identity
out=$(virtsh enter lve1020 -- id -u) && [ "$out" = 0 ] || fail "enter without --user ran as '$out'"

# the exit status is the command's
virtsh enter 1020 --user "$USER_NAME" -- sh -c 'exit 7'
[ $? -eq 7 ] || fail "the command's exit status 7 was not given back"

# a user who cannot do what the command needs: root's file is not theirs
virtsh enter 1020 --user "$USER_NAME" -- cat /etc/shadow >/dev/null 2>&1 &&
    fail "$USER_NAME read /etc/shadow inside the LVE"

compare enter-user-errors || status=1

lvectl destroy 1020 || status=1
exit $status
