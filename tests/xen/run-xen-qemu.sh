#!/bin/bash
# run-xen-qemu.sh: the Xen suites against a real Xen 4.17 (`make check-xen`,
# and `make check-xen-memshr` on a hypervisor rebuilt with memory sharing)
#
# Boots Debian 12's Xen hypervisor with a Debian dom0 kernel inside QEMU,
# with software emulation (TCG: this machine's /dev/kvm cannot run Xen),
# from an initramfs built here: busybox, the Xen modules, the xl toolstack's
# daemons and hotplug scripts, the suite (XEN_TEST_BINARY) with the shared
# libraries ldd names, its data (XEN_TEST_DATA), and a tiny guest kernel +
# busybox initrd.  The suite's output comes back on the serial console; the
# exit status is the suite's.  Nothing is installed on this host: the .debs
# are fetched with `apt-get download` and unpacked in the cache.
#
# Environment:
#   XEN_TEST_BINARY   the binding's suite (tests/xen/xen_dom0_test)
#   XEN_TEST_DATA     tests/data/xen, required
#   XEN_DRIVER_TEST   a suite through the public API (make check-xen:
#                     tests/xen/xen_driver_dom0_test; make check-xen-memshr:
#                     tests/xen/xen_memshr_dom0_test), run after the binding's
#                     with XEN_VIRTSH (tools/.libs/virtsh) and XEN_LIBVIRTKIT
#                     (src/.libs/libvirtkit.so.0); at least one of the two
#   XEN_QEMU_FLAGS    more options for QEMU (word-split), e.g. -singlestep
#   XEN_VIRTKITD      virtkitd (daemon/.libs/virtkitd), copied to /virtkit
#                     for the suites that start it (make check-xen-memshr)
#   XEN_DRIVER_MODULE virtkit_driver_xen.so, which the library loads, put in
#                     dom0 at XEN_DRIVER_MODULE_DIR (the configured path)
#   XEN_HYPERVISOR    the hypervisor to boot (a multiboot ELF, or gzipped):
#                     Debian's from xen-hypervisor-4.17-amd64 unless set
#                     (make check-xen-memshr: build-xen-memshr.sh's)
#   XEN_CACHE         downloads and unpacked packages (/var/cache/virtkit/xen)
#   XEN_TIMEOUT       seconds QEMU may run before it counts as hung (900)
#   XEN_SCHED         Xen's scheduler (credit; Debian's default is credit2)
#   XEN_TCG_THREAD    single (default) or multi: QEMU's TCG threading
#   XEN_KEEP_WORK     1: keep the work directory (initramfs, serial log)
#   XEN_BENCH_OUT     a file: also run the benchmark in dom0 (what `virtsh list
#                     --all` and `xl list` ask of Xen, bench/xen/xencount.c)
#                     and write its VKXEN-BENCH lines there (make bench-xen)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ -n "${XEN_TEST_BINARY:-}${XEN_DRIVER_TEST:-}" ] ||
    { echo "run-xen-qemu.sh: set XEN_TEST_BINARY (tests/xen/xen_dom0_test) or XEN_DRIVER_TEST" >&2; exit 1; }
: "${XEN_TEST_DATA:?set XEN_TEST_DATA to tests/data/xen}"
cache=${XEN_CACHE:-/var/cache/virtkit/xen}
timeout=${XEN_TIMEOUT:-900}
sched=${XEN_SCHED:-credit}
xenver=4.17
packages=(xen-hypervisor-$xenver-amd64 xen-utils-$xenver xen-utils-common xenstore-utils)
modules=(xen-privcmd xen-evtchn xen-gntdev xen-gntalloc xenfs xen-blkback xen-netback
         loop llc stp bridge)

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'run-xen-qemu.sh: %s\n' "$*" >&2; exit 1; }

check_tools() {
    local missing=() t
    for t in qemu-system-x86_64:qemu-system-x86 cpio:cpio apt-get:apt dpkg-deb:dpkg \
             ldd:libc-bin gzip:gzip xz:xz-utils gcc:gcc bash:bash flock:util-linux; do
        command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}")
    done
    # a static busybox (ldd refuses it): the guests' initrd has no libraries
    if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then missing+=(busybox-static); fi
    [ ${#missing[@]} -eq 0 ] ||
        die "missing tools; install the Debian packages: ${missing[*]} (./quickstart lists them)"
}

# The kernel linux-image-amd64 points at now, or the one already cached
kernel_package() {
    local k
    k=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
    if [ -z "$k" ]; then
        k=$(cd "$cache/debs" 2>/dev/null && ls linux-image-*-amd64_*.deb 2>/dev/null | sed 's/_.*//' | sort -V | tail -1)
    fi
    [ -n "$k" ] || die "cannot tell which Debian kernel to use (apt-cache depends linux-image-amd64 gave nothing)"
    echo "$k"
}

# Downloads what the cache lacks (one .deb per package name), unpacks
# when the set of .debs changed
fetch() {
    local kpkg=$1 want=() p sandbox=()
    mkdir -p "$cache/debs"
    for p in "${packages[@]}" "$kpkg"; do
        compgen -G "$cache/debs/${p}_*.deb" >/dev/null || want+=("$p")
    done
    if [ ${#want[@]} -gt 0 ]; then
        log "downloading ${want[*]} into $cache/debs"
        [ "$(id -u)" = 0 ] && sandbox=(-o APT::Sandbox::User=root)
        (cd "$cache/debs" && apt-get -q "${sandbox[@]}" download "${want[@]}") ||
            die "apt-get download ${want[*]} failed (run apt-get update?)"
    fi
    local stamp list
    list=$(cd "$cache/debs" && ls ./*.deb | sort)
    stamp=$(cat "$cache/root.stamp" 2>/dev/null || true)
    if [ "$list" != "$stamp" ] || [ ! -d "$cache/root" ]; then
        log "unpacking the .debs into $cache/root"
        rm -rf "$cache/root"
        mkdir -p "$cache/root"
        for p in "$cache"/debs/*.deb; do dpkg-deb -x "$p" "$cache/root"; done
        echo "$list" > "$cache/root.stamp"
    fi
}

# Copies @binaries into the tree @root with every library ldd names
copy_with_libs() {
    local root=$1; shift
    local lib
    mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64"
    for lib in $(ldd "$@" 2>/dev/null | awk '/=> \// {print $3}' | sort -u) \
               /lib/x86_64-linux-gnu/libgcc_s.so.1; do
        cp -L "$lib" "$root/lib/x86_64-linux-gnu/"
    done
    cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
}

busybox_tree() {
    local root=$1 a
    mkdir -p "$root/bin" "$root/sbin"
    cp /bin/busybox "$root/bin/"
    for a in $(/bin/busybox --list); do
        [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
    done
}

make_cpio() {
    (cd "$1" && find . | cpio -o -H newc -R 0:0 2>/dev/null | gzip -1) > "$2"
}

# The ELF kernel inside a bzImage: its XZ payload, unpacked here.  libxl
# would unpack it itself, but under TCG that costs half a minute a guest.
extract_vmlinux() {
    local bz=$1 out=$2 setup off len
    setup=$(od -An -tu1 -j $((0x1f1)) -N1 "$bz" | tr -d ' ')
    off=$(od -An -tu4 -j $((0x248)) -N4 "$bz" | tr -d ' ')
    len=$(od -An -tu4 -j $((0x24c)) -N4 "$bz" | tr -d ' ')
    dd if="$bz" iflag=skip_bytes,count_bytes skip=$(( (setup + 1) * 512 + off )) count="$len" \
        bs=1M status=none | xz -dc --single-stream > "$out" ||
        die "cannot unpack the kernel in $bz (not XZ?)"
    [ "$(head -c 4 "$out" | od -An -c | tr -d ' ')" = '177ELF' ] || die "$bz did not hold an ELF kernel"
}

# guest_static OUT SOURCE [CFLAGS...]: a guest's static helper, with no C
# library (guest-sys.h)
guest_static() {
    local out=$1 src=$2; shift 2
    rm -f "$out"
    gcc -static -nostdlib -ffreestanding -fno-builtin -fno-stack-protector -O2 "$@" \
        -o "$out" "$src" || die "cannot build the guest's ${src##*/}"
}

# The PV guest's initrd: busybox, the PV block and network front ends, our
# init (guest-init.sh) and what the kernel runs for a shutdown request
guest_initrd() {
    local g=$work/guest kmod=$cache/root/lib/modules/$kver/kernel
    rm -rf "$g"
    busybox_tree "$g"
    mkdir -p "$g/proc" "$g/sys" "$g/dev" "$g/lib"
    cp "$kmod/drivers/block/xen-blkfront.ko" "$kmod/drivers/net/xen-netfront.ko" "$g/lib/"
    install -m 755 "$here/guest-init.sh" "$g/init"
    # orderly_poweroff() and orderly_reboot() run these (guest-stop.c)
    guest_static "$g/sbin/poweroff" "$here/guest-stop.c" -DGUEST_STOP_CMD=LINUX_REBOOT_CMD_POWER_OFF
    guest_static "$g/sbin/reboot" "$here/guest-stop.c" -DGUEST_STOP_CMD=LINUX_REBOOT_CMD_RESTART
    make_cpio "$g" "$1"
}

# The PVH guest's initrd: the front ends and a static init that does
# almost nothing in user mode (pvh-init.c says why)
pvh_initrd() {
    local g=$work/guest-pvh kmod=$cache/root/lib/modules/$kver/kernel
    rm -rf "$g"
    mkdir -p "$g/dev" "$g/lib"
    cp "$kmod/drivers/block/xen-blkfront.ko" "$kmod/drivers/net/xen-netfront.ko" "$g/lib/"
    guest_static "$g/init" "$here/pvh-init.c"
    make_cpio "$g" "$1"
}

# The sharing suite's PVH guests: nothing but an init that fills pages
# both guests share and writes into them when asked (memshr-guest.c)
memshr_initrd() {
    local g=$work/guest-memshr
    rm -rf "$g"
    mkdir -p "$g/dev"
    guest_static "$g/init" "$here/memshr-guest.c"
    make_cpio "$g" "$1"
}

dom0_initrd() {
    local d=$work/dom0 xr=$cache/root kmod=$cache/root/lib/modules/$kver/kernel m f
    local xbin=$xr/usr/lib/xen-$xenver/bin
    # xenctx: where a guest that stopped answering spins (the suite's report)
    local tools=(xl xenstored xenconsoled xen-init-dom0 libxl-save-helper xenctx)
    rm -rf "$d"
    busybox_tree "$d"
    mkdir -p "$d"/{proc,sys,dev,run,tmp,lib/modules,etc/xen,var/lib/xen,var/log/xen/console} \
             "$d/usr/lib/xen-$xenver/bin" "$d/usr/bin" "$d/guest" "$d/virtkit"
    for m in "${modules[@]}"; do
        f=$(find "$kmod" -name "$m.ko" | head -1)
        [ -n "$f" ] || die "the kernel $kver has no module $m.ko"
        cp "$f" "$d/lib/modules/"
    done
    for f in "${tools[@]}"; do cp "$xbin/$f" "$d/usr/lib/xen-$xenver/bin/"; done
    cp "$xr/usr/bin/xenstore" "$d/usr/bin/"
    for f in read write exists rm list ls chmod watch; do ln -s xenstore "$d/usr/bin/xenstore-$f"; done
    cp -a "$xr/etc/xen/scripts" "$d/etc/xen/"
    echo 'autoballoon="off"' > "$d/etc/xen/xl.conf"
    # the hotplug scripts are bash and take locks with flock (busybox has none)
    rm -f "$d/bin/bash" "$d/bin/flock"
    cp /bin/bash /usr/bin/flock "$d/bin/"
    cp -a "$XEN_TEST_DATA" "$d/virtkit/data"
    # dom0's init runs the suites this file names, in order
    local suites=()
    if [ -n "${XEN_TEST_BINARY:-}" ]; then
        cp "$XEN_TEST_BINARY" "$d/virtkit/"
        suites+=("$XEN_TEST_BINARY")
    fi
    local driver=()
    if [ -n "${XEN_DRIVER_TEST:-}" ]; then
        # the library first: ldd then finds it for the suite and virtsh
        mkdir -p "$d/lib/x86_64-linux-gnu"
        cp -L "$XEN_LIBVIRTKIT" "$d/lib/x86_64-linux-gnu/libvirtkit.so.0"
        cp "$XEN_DRIVER_TEST" "$XEN_VIRTSH" "$d/virtkit/"
        driver=("$XEN_DRIVER_TEST" "$XEN_VIRTSH" "$XEN_LIBVIRTKIT")
        # the Xen driver is a module the library loads from where it is
        # installed: the same path in dom0
        if [ -n "${XEN_DRIVER_MODULE:-}" ]; then
            mkdir -p "$d$XEN_DRIVER_MODULE_DIR"
            cp "$XEN_DRIVER_MODULE" "$d$XEN_DRIVER_MODULE_DIR/"
            driver+=("$XEN_DRIVER_MODULE")
        fi
        # make check-xen-memshr: the daemon, which keeps the sharing scanner
        if [ -n "${XEN_VIRTKITD:-}" ]; then
            cp "$XEN_VIRTKITD" "$d/virtkit/virtkitd"
            driver+=("$XEN_VIRTKITD")
        fi
        suites+=("$XEN_DRIVER_TEST")
    fi
    printf '%s\n' "${suites[@]##*/}" > "$d/virtkit/suites"
    copy_with_libs "$d" /bin/bash /usr/bin/flock "$xr/usr/bin/xenstore" \
        "${tools[@]/#/$xbin/}" "${suites[@]}" "${driver[@]}"
    if [ -n "${XEN_BENCH_OUT:-}" ]; then
        # make bench-xen: the counting shim, and the flag dom0's init looks for
        gcc -shared -fPIC -O2 -o "$d/virtkit/xencount.so" "$here/../../bench/xen/xencount.c" -ldl ||
            die "cannot build bench/xen/xencount.c"
        touch "$d/virtkit/bench"
    fi
    extract_vmlinux "$cache/root/boot/vmlinuz-$kver" "$d/guest/vmlinux"
    cp "$cache/root/boot/System.map-$kver" "$d/guest/System.map"
    guest_initrd "$d/guest/initrd.gz"
    pvh_initrd "$d/guest/initrd-pvh.gz"
    memshr_initrd "$d/guest/initrd-memshr.gz"
    install -m 755 "$here/dom0-init.sh" "$d/init"
    # not compressed: QEMU loads it as it is, and the dom0 kernel would
    # take long to gunzip it under TCG
    (cd "$d" && find . | cpio -o -H newc -R 0:0 2>/dev/null) > "$1"
}

# The suite's output, or the whole log when the suite did not end
report() {
    local serial=$1 rc
    sed -n '/^VKXEN-BEGIN/,/^VKXEN-END/p' "$serial" | tr -d '\r'
    rc=$(tr -d '\r' < "$serial" | sed -n 's/^VKXEN-END rc=\([0-9]*\).*/\1/p' | tail -1)
    if [ -z "$rc" ] || [ "$rc" != 0 ]; then
        echo "---- serial log ($serial) ----"
        tr -d '\r' < "$serial"
        echo "---- end of serial log ----"
        [ -n "$rc" ] || { echo "run-xen-qemu.sh: the suite did not finish (hang or crash)"; rc=1; }
    fi
    return "$rc"
}

check_tools
kpkg=$(kernel_package)
kver=${kpkg#linux-image-}
# two runs at once (make check-xen and check-xen-memshr side by side, each
# QEMU on a CPU of its own): one downloads and unpacks, the other waits
mkdir -p "$cache"
exec 8> "$cache/lock"
flock 8
fetch "$kpkg"
exec 8>&-
work=$(mktemp -d "${TMPDIR:-/tmp}/virtkit-xen.XXXXXX")
[ "${XEN_KEEP_WORK:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
log "building the initramfs in $work (kernel $kver)"
dom0_initrd "$work/dom0.cpio"
# a multiboot ELF: QEMU loads it (zcat -f: the rebuilt one is not gzipped)
hypervisor=${XEN_HYPERVISOR:-$cache/root/boot/xen-$xenver-amd64.gz}
[ -f "$hypervisor" ] || die "no hypervisor at $hypervisor"
zcat -f "$hypervisor" > "$work/xen.bin"

# smap=0: under TCG, Xen faults writing the PV dom0's bounce frames with
# SMAP on.  -initrd holds the multiboot modules: the dom0 kernel with its
# command line, then its initramfs.  One TCG thread for both vCPUs: on this
# 2-core host shared with other work it ran the suite in half the time of
# multi-threaded TCG, and without the occasional crash of a dom0 process
# (a hotplug script's bash once died of SIGSEGV under thread=multi).
log "booting Xen $xenver ($hypervisor, scheduler $sched) under QEMU TCG, at most $timeout s"
start=$(date +%s)
status=0
# shellcheck disable=SC2086
timeout "$timeout" qemu-system-x86_64 -accel tcg,thread="${XEN_TCG_THREAD:-single}" -cpu max -m 3072 -smp 2 \
    ${XEN_QEMU_FLAGS:-} -display none -no-reboot -serial "file:$work/serial.log" -monitor none \
    -kernel "$work/xen.bin" \
    -append "console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M noreboot smap=0 sched=$sched ${XEN_CMDLINE:-}" \
    -initrd "$cache/root/boot/vmlinuz-$kver console=hvc0 earlyprintk=xen panic=-1 quiet,$work/dom0.cpio" &
qemu=$!
# noreboot keeps a panicked Xen spinning until the timeout: stop QEMU as
# soon as the serial log says Xen panicked (its message is complete then)
while kill -0 "$qemu" 2>/dev/null; do
    if grep -aq '^(XEN) Manual reset required' "$work/serial.log" 2>/dev/null; then
        echo "run-xen-qemu.sh: Xen panicked; stopping QEMU"
        kill "$qemu" 2>/dev/null || true
        break
    fi
    sleep 2
done
wait "$qemu" || status=$?
log "QEMU ended (status $status) after $(( $(date +%s) - start )) s"
[ "$status" = 124 ] && echo "run-xen-qemu.sh: QEMU was stopped after $timeout s"
if [ -n "${XEN_BENCH_OUT:-}" ]; then
    tr -d '\r' < "$work/serial.log" | grep '^VKXEN-BENCH ' > "$XEN_BENCH_OUT" || true
fi
report "$work/serial.log"
