#!/bin/sh
# Runs an LVE suite (tests/lve/lve_driver_test, lve_proof_test) against the
# stand-in liblve.so.0 built in tests/lve: the driver finds it through the
# same dlopen("liblve.so.0") it uses on CloudLinux, via LD_LIBRARY_PATH.
#   run-liblve.sh PROGRAM
set -e
b=${abs_top_builddir:?run from make check, or set abs_top_builddir}/tests/lve
LD_LIBRARY_PATH="$b/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
LVE_TEST_BACKEND=liblve
export LD_LIBRARY_PATH LVE_TEST_BACKEND
exec "$b/$1"
