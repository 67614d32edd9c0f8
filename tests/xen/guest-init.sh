#!/bin/sh
# /init of the test guests (tests/xen/run-xen-qemu.sh builds their busybox
# initrd): says hello, then reports its disks and network interfaces each
# time they change, so that the dom0 suite sees a hotplug arrive in the
# guest, and brings online each vcpu Xen makes present again, as udev's
# rule does in a full distribution (the kernel only marks it present).
# Its console is hvc0, which xenconsoled logs in dom0.
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# every magic SysRq key (Debian's kernel enables some only): the suite
# crashes the guest with 'c' through control/sysrq
echo 1 > /proc/sys/kernel/sysrq
insmod /lib/xen-blkfront.ko
insmod /lib/xen-netfront.ko
echo "GUEST: hello from $(uname -r) after $(cut -d' ' -f1 /proc/uptime) s"
# shell builtins only in the loop: a fork costs much in a PV guest under
# TCG, and the guests share the emulated CPUs with dom0's hotplug scripts
disks=none
nics=none
while :; do
    d=
    for f in /sys/block/xvd*; do [ -e "$f" ] && d="$d${f##*/} "; done
    n=
    for f in /sys/class/net/eth*; do [ -e "$f" ] && n="$n${f##*/} "; done
    if [ "$d" != "$disks" ]; then disks=$d; echo "GUEST: disks [$d]"; fi
    if [ "$n" != "$nics" ]; then nics=$n; echo "GUEST: nics [$n]"; fi
    for c in /sys/devices/system/cpu/cpu[0-9]*/online; do
        [ -e "$c" ] && read -r v < "$c" && [ "$v" = 0 ] && echo 1 > "$c"
    done
    sleep 1
done
