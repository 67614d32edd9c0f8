#!/bin/bash
# build-xen-memshr.sh: Debian's Xen 4.17 hypervisor rebuilt with memory
# sharing, for `make check-xen-memshr`
#
# Debian builds Xen without CONFIG_MEM_SHARING (it sits behind
# CONFIG_UNSUPPORTED), so every xc_memshr_* call answers ENOSYS.  This
# script rebuilds only the hypervisor (xen/, not the tools) from Debian's
# xen source package with Debian's own configuration plus
#     CONFIG_UNSUPPORTED=y CONFIG_MEM_SHARING=y   (and CONFIG_TBOOT off,
#                                                  which UNSUPPORTED turns on)
# and xen-memshr-svm.patch, which lets Xen 4.17 enable sharing on AMD SVM
# (the CPU QEMU's TCG emulates; upstream checks for Intel VMX only).  See
# /work/shared/xen-qemu/MEMSHR.md for the measurements behind each step.
#
# The result is cached under XEN_MEMSHR_CACHE, named by a key of the source
# version, the configuration and the patch: a second run builds nothing and
# fetches nothing.  Prints the path of the hypervisor (a multiboot ELF that
# QEMU's -kernel loads) on stdout; progress goes to stderr.
#
# Environment:
#   XEN_MEMSHR_CACHE  source, build tree and results (/var/cache/virtkit/xen-memshr)
#   XEN_CACHE         where run-xen-qemu.sh keeps Debian's .debs; the binary
#                     hypervisor package (for its configuration) is taken
#                     from there or downloaded into it (/var/cache/virtkit/xen)
#   XEN_BUILD_JOBS    make -j (the number of CPUs)
#
# Needs root the first time only: flex and bison (kconfig) are installed when
# missing, and deb-src entries copied from the deb entries are added when apt
# has none.  Not `apt-get build-dep xen`: that pulls in ocaml, pandoc, seabios
# and the rest, which the hypervisor alone does not need.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${XEN_MEMSHR_CACHE:-/var/cache/virtkit/xen-memshr}
debcache=${XEN_CACHE:-/var/cache/virtkit/xen}
jobs=${XEN_BUILD_JOBS:-$(nproc)}
patchfile=$here/xen-memshr-svm.patch
xenver=4.17
hvpkg=xen-hypervisor-$xenver-amd64
apt=(apt-get -q -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
[ "$(id -u)" = 0 ] && apt+=(-o APT::Sandbox::User=root)
export DEBIAN_FRONTEND=noninteractive

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'build-xen-memshr.sh: %s\n' "$*" >&2; exit 1; }

# Debian's resolved configuration of the binary hypervisor package
debian_config() {
    local deb
    deb=$(compgen -G "$debcache/debs/${hvpkg}_*.deb" | sort -V | tail -1 || true)
    if [ -z "$deb" ]; then
        mkdir -p "$debcache/debs"
        log "downloading $hvpkg into $debcache/debs (for its configuration)"
        (cd "$debcache/debs" && "${apt[@]}" download "$hvpkg" >&2) ||
            die "apt-get download $hvpkg failed (run apt-get update?)"
        deb=$(compgen -G "$debcache/debs/${hvpkg}_*.deb" | sort -V | tail -1)
    fi
    dpkg-deb --fsys-tarfile "$deb" | tar -xO "./boot/xen-$xenver-amd64.config" ||
        die "$deb has no /boot/xen-$xenver-amd64.config"
}

# The configuration we build: Debian's, with sharing on and TBOOT off
wanted_config() {
    debian_config | sed -e '/CONFIG_UNSUPPORTED[= ]/d' -e '/CONFIG_MEM_SHARING[= ]/d' \
                        -e '/CONFIG_TBOOT[= ]/d'
    printf 'CONFIG_UNSUPPORTED=y\nCONFIG_MEM_SHARING=y\n# CONFIG_TBOOT is not set\n'
}

# apt must know source packages: deb-src entries copied from the deb ones
ensure_deb_src() {
    if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        return 0
    fi
    [ "$(id -u)" = 0 ] || die "apt has no deb-src entries and adding them needs root"
    log "adding deb-src entries copied from the deb entries"
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed -e '/^#/d' -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
            > /etc/apt/sources.list.d/debian-src.sources
    else
        sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/debian-src.list
    fi
    "${apt[@]}" update >&2
}

# Fetches the xen source package into $cache/src: the version of the binary
# hypervisor first, then the newest other 4.17 that downloads (this
# machine's mirror answers 404 for the security pool's source files, while
# it serves the binaries).  Prints the version it got.
fetch_source() {
    local want v versions
    ensure_deb_src
    want=$(apt-cache policy "$hvpkg" | awk '/Candidate:/ {print $2}')
    versions=$( (echo "$want"; apt-cache showsrc xen | awk '/^Version: 4\.17/ {print $2}' | sort -rV) |
                awk 'NF && !seen[$0]++')
    [ -n "$versions" ] || die "apt knows no xen 4.17 source package (apt-get update?)"
    rm -rf "$cache/src.tmp"
    mkdir -p "$cache/src.tmp"
    for v in $versions; do
        if (cd "$cache/src.tmp" && "${apt[@]}" source --download-only "xen=$v" > fetch.log 2>&1); then
            log "fetched the source of xen $v"
            rm -rf "$cache/src"
            rm -f "$cache/src.tmp/fetch.log"
            mv "$cache/src.tmp" "$cache/src"
            echo "$v" > "$cache/src/version"
            echo "$v"
            return 0
        fi
        log "apt-get source xen=$v failed: $(grep -m1 '^E:' "$cache/src.tmp/fetch.log" || true)"
        rm -f "$cache/src.tmp"/*
    done
    die "no xen $xenver source package could be fetched"
}

# Unpacks the source afresh into $cache/build and builds xen/ there
build() {
    local config=$1 out=$2 dsc tree start
    for t in flex bison; do
        command -v "$t" >/dev/null && continue
        [ "$(id -u)" = 0 ] || die "$t is missing (apt-get install flex bison)"
        log "installing flex and bison (kconfig needs them)"
        "${apt[@]}" install -y --no-install-recommends flex bison >&2
        break
    done
    dsc=$(compgen -G "$cache/src/xen_*.dsc" | head -1)
    rm -rf "$cache/build"
    mkdir -p "$cache/build"
    log "unpacking $(basename "$dsc")"
    dpkg-source --no-check -x "$dsc" "$cache/build/xen" >/dev/null ||
        die "dpkg-source -x $dsc failed"
    tree=$cache/build/xen
    patch -d "$tree" -p1 --no-backup-if-mismatch < "$patchfile" >&2 ||
        die "$patchfile does not apply to xen $(cat "$cache/src/version")"
    cp "$config" "$tree/xen/.config"
    make -s -C "$tree/xen" olddefconfig XEN_TARGET_ARCH=x86_64 >&2
    grep -q '^CONFIG_MEM_SHARING=y' "$tree/xen/.config" ||
        die "CONFIG_MEM_SHARING did not stay on after olddefconfig"
    log "building the hypervisor (make -j$jobs; log in $cache/build/build.log)"
    start=$(date +%s)
    # WGET, GIT: nothing is fetched during the build
    if ! make -C "$tree/xen" -j"$jobs" XEN_TARGET_ARCH=x86_64 WGET=/bin/false GIT=/bin/false \
            > "$cache/build/build.log" 2>&1; then
        tail -30 "$cache/build/build.log" >&2
        die "the hypervisor build failed"
    fi
    log "hypervisor built in $(( $(date +%s) - start )) s"
    cp "$tree/xen/xen" "$out.tmp"
    mv "$out.tmp" "$out"
    rm -rf "$cache/build"
}

mkdir -p "$cache"
exec 9> "$cache/lock"
flock 9            # two runs at once build once
if [ -f "$cache/src/version" ]; then
    version=$(cat "$cache/src/version")
else
    version=$(fetch_source)
fi
wanted_config > "$cache/config.tmp"
key=$( { echo "$version"; cat "$cache/config.tmp" "$patchfile"; } | sha256sum | cut -c1-16)
out=$cache/xen-$version-$key.bin
if [ -f "$out" ]; then
    log "cached: $out (xen $version, key $key)"
else
    mv "$cache/config.tmp" "$cache/config-$key"
    build "$cache/config-$key" "$out"
fi
rm -f "$cache/config.tmp"
echo "$out"
