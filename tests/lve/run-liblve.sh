#!/bin/sh
# Runs the LVE suites against the stand-in liblve.so.0 built in tests/lve:
# the driver finds it through the same dlopen("liblve.so.0") it uses on
# CloudLinux, via LD_LIBRARY_PATH.
#   run-liblve.sh              every suite that needs the kernel (make check)
#   run-liblve.sh PROGRAM      one of them, such as lve_driver_test
# Exits 77 (skip) when every suite skipped, 1 when one failed.
b=${abs_top_builddir:?run from make check, or set abs_top_builddir}/tests/lve
LD_LIBRARY_PATH="$b/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
LVE_TEST_BACKEND=liblve
export LD_LIBRARY_PATH LVE_TEST_BACKEND

[ $# -gt 0 ] && exec "$b/$1"

rc=77
for suite in lve_driver_test lve_session_test lve_status_test lve_proof_test lve_ksm_test lve_dedup_test \
             lve_stop_test; do
    echo "== $suite (liblve backend)"
    "$b/$suite"
    case $? in
        0) [ $rc -eq 77 ] && rc=0 ;;
        77) ;;
        *) rc=1 ;;
    esac
done
exit $rc
