#!/bin/sh
# /init of the dom0 that tests/xen/run-xen-qemu.sh boots: loads the Xen
# modules, starts the toolstack daemons libxl needs (xenstored,
# xen-init-dom0, xenconsoled), makes a bridge and three loop devices for the
# guests, runs the suites and powers off.  Everything it prints reaches the
# harness through hvc0, Xen's console and QEMU's serial port; the harness
# reads the suites' output between VKXEN-BEGIN and VKXEN-END.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/lib/xen-4.17/bin
up() { cut -d' ' -f1 /proc/uptime; }

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
# what udev would add: the hotplug scripts' locking stats /dev/stdin
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t tmpfs tmpfs /run
mkdir -p /run/xen /run/xenstored /var/lock /var/log/xen/console /var/lib/xen /tmp
[ -e /var/run ] || ln -s /run /var/run
echo "VKXEN: dom0 $(uname -r) up at $(up) s"

# xenfs needs privcmd; bridge needs stp and llc; no other order matters
for m in xen-privcmd xen-evtchn xen-gntdev xen-gntalloc xenfs xen-blkback xen-netback \
         loop llc stp bridge; do
    insmod "/lib/modules/$m.ko" || echo "VKXEN: insmod $m failed"
done
mkdir -p /proc/xen
mount -t xenfs xenfs /proc/xen

xenstored --pid-file=/run/xenstored.pid
xen-init-dom0
xenconsoled --log=guest --log-dir=/var/log/xen/console
brctl addbr xenbr0
ip link set xenbr0 up
for i in 0 1 2; do
    dd if=/dev/zero of=/tmp/disk$i.img bs=1M count=8 2>/dev/null
    losetup /dev/loop$i /tmp/disk$i.img
done
echo "VKXEN: toolstack up at $(up) s"

echo "VKXEN-BEGIN"
# the suites the harness named, in order: the binding's (xen_dom0_test),
# then one through the public API and virtsh (the driver's, or memory
# sharing's on a rebuilt hypervisor)
cd /virtkit
rc=0
while read -r suite; do
    echo "VKXEN: $suite at $(up) s"
    VIRTKIT_XEN_DATA=/virtkit/data "./$suite" 2>&1 || rc=1
done < /virtkit/suites
# make bench-xen: what `virtsh list --all` and `xl list` ask of Xen and
# xenstored with 1, 2, 4 and 8 domains (guests built paused: they need
# not boot to be listed), counted by bench/xen/xencount.c
if [ -f /virtkit/bench ]; then
    echo "VKXEN: the benchmark at $(up) s"
    printf 'name="vkb-%s"\nmemory=128\nkernel="/guest/vmlinux"\n' '$NAME' > /tmp/vkb.cfg
    have=1
    for n in 1 2 4 8; do
        while [ "$have" -lt "$n" ]; do
            sed "s/\$NAME/$have/" /tmp/vkb.cfg > /tmp/vkb-$have.cfg
            xl create -p /tmp/vkb-$have.cfg >/tmp/vkb.out 2>&1 ||
                { echo "VKXEN: xl create vkb-$have failed:"; tail -5 /tmp/vkb.out; cat /tmp/vkb-$have.cfg; }
            have=$((have + 1))
        done
        for tool in "/virtkit/virtsh -c xen:///system list --all" "xl list"; do
            out=$(LD_PRELOAD=/virtkit/xencount.so $tool 2>&1 >/dev/null | grep '^xencount:')
            name=${tool%% *}
            echo "VKXEN-BENCH domains=$n tool=${name##*/} ${out#xencount: }"
        done
    done
    for i in 1 2 3 4 5 6 7; do xl destroy vkb-$i 2>/dev/null; done
fi
echo "VKXEN-END rc=$rc at $(up) s"
if [ "$rc" != 0 ]; then
    for f in /var/log/xen/console/*.log /var/log/xen/xen-hotplug.log; do
        [ -f "$f" ] && echo "VKXEN-LOG $f:" && cat "$f"
    done
    echo "VKXEN-LOG dom0's kernel (tail):"
    dmesg | tail -30
    echo "VKXEN-LOG xl dmesg (tail):"
    xl dmesg | tail -40
    xl list
fi
poweroff -f
