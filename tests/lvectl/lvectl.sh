#!/bin/sh
# virtkit-lvectl through the built program: the commands of
# tests/data/lvectl/lvectl.cases against a fresh embedded LVE root, their
# output compared with lvectl.out; then what the kernel's groups say
# after set and apply on a running LVE.
. "$abs_top_srcdir/tests/lvectl/lib.sh"

lvectl() { "$LVECTL" -c "$URI" "$@"; }
virtsh() { "$VIRTSH" -c "$URI" "$@"; }
status=0

compare lvectl || status=1

# a running LVE gets speed at once: its CPU quota is 40% of its period
lvectl set 1010 --speed=10% --ep=3 || status=1
lvectl apply 1010 || status=1
lvectl set 1010 --speed=40% || status=1
cpu=$(lve_group cpu 1010)
quota=$(cat "$cpu/cpu.cfs_quota_us" 2>/dev/null)
period=$(cat "$cpu/cpu.cfs_period_us" 2>/dev/null)
if [ -z "$quota" ] || [ $((quota * 100)) -ne $((period * 40)) ]; then
    echo "FAIL: LVE 1010 has quota '$quota' of period '$period' after set --speed=40%" >&2
    status=1
fi
lvectl destroy 1010 || status=1
if [ -d "$cpu" ]; then
    echo "FAIL: the group of LVE 1010 is still there after destroy" >&2
    status=1
fi
exit $status
