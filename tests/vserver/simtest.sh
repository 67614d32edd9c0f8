#!/bin/sh
# simtest.sh: the binding's real system-call path, natively (valgrind
# cannot follow seccomp-trapped code: make check-valgrind runs only the
# no-simulator case of these programs).
#
# Without the simulator, this mainline kernel answers ENOSYS for real;
# under virtkit-vserver-sim: each encoding, a kernel that lacks commands,
# the record-only mode, and the enforcement proofs (root, cgroups).
: "${abs_top_builddir:?}"
sim=$abs_top_builddir/tools/vserver-sim/virtkit-vserver-sim
v2=$abs_top_builddir/tests/vserver/vserver_sim_v2_test
v03=$abs_top_builddir/tests/vserver/vserver_sim_2003_test
proof=$abs_top_builddir/tests/vserver/vserver_proof_test
status=0

run() {
    echo "== $*"
    "$@" || { echo "FAILED: $*"; status=1; }
}

run "$v2"
run "$v03"
run "$sim" --abi v2 -- "$v2"
run "$sim" --abi v2 --kernel-version 0x00020102 --without set_sched -- "$v2"
run "$sim" --abi v2 --no-enforce -- "$v2"
run "$sim" --abi 2003 -- "$v03"
run "$sim" --abi 2003 --without memory --without process.stop_create -- "$v03"
run "$sim" --abi 2003 --no-enforce -- "$v03"
run "$sim" --abi v2 -- "$proof"
run "$sim" --abi 2003 -- "$proof"

# the simulator's own refusals of bad options
for bad in "--abi v3" "--without no_such_cmd" "--kernel-version x12"; do
    # shellcheck disable=SC2086
    if "$sim" $bad -- true 2>/dev/null; then
        echo "FAILED: virtkit-vserver-sim $bad was accepted"
        status=1
    fi
done
exit $status
