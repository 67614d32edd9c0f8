#!/bin/sh
# The kernel proofs against the stand-in liblve.so.0.
exec "$(dirname "$0")/run-liblve.sh" lve_proof_test
