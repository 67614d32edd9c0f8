#!/bin/sh
# The LVE driver suite against the stand-in liblve.so.0.
exec "$(dirname "$0")/run-liblve.sh" lve_driver_test
