#!/bin/bash
# libvirt-source.sh: prints the directory of libvirt 9.0's unpacked source
# (Debian 12's libvirt source package), fetching it first when the cache
# does not hold it yet.
#
#   libvirt-source.sh CACHE
#
# LIBVIRT_SRC, when set to a directory holding tests/virshtest.c, is used
# as it is.  Otherwise CACHE/libvirt-9.0.0 is used, and filled when empty:
# `apt-get source --download-only libvirt` into CACHE (adding deb-src
# entries beside the deb ones when there are none, which needs root), then
# dpkg-source -x.  Nothing of libvirt's is kept in virtkit's tree.
set -u

cache=${1:?usage: libvirt-source.sh CACHE}
version=9.0.0
if [[ -n ${LIBVIRT_SRC:-} && -f $LIBVIRT_SRC/tests/virshtest.c ]]; then
    cd "$LIBVIRT_SRC" && pwd
    exit 0
fi
dir=$cache/libvirt-$version
if [[ -f $dir/tests/virshtest.c ]]; then
    echo "$dir"
    exit 0
fi

mkdir -p "$cache" || exit 1
cd "$cache" || exit 1
download() {
    ls libvirt_"$version"-*.dsc >/dev/null 2>&1 ||
        apt-get source --download-only libvirt >&2
}
if ! download; then
    # no deb-src entries: add them for the deb ones, as Debian documents
    src=/etc/apt/sources.list.d/debian.sources
    if [[ ! -f $src ]] || ! grep -q '^Types: deb$' "$src"; then
        echo "libvirt-source: no deb-src entries and no $src to derive them from" >&2
        exit 1
    fi
    sed 's/^Types: deb$/Types: deb-src/' "$src" >/etc/apt/sources.list.d/debian-src.sources &&
        apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 && download || exit 1
fi
rm -rf "libvirt-$version.tmp"
if command -v dpkg-source >/dev/null; then
    dpkg-source --no-check -x libvirt_"$version"-*.dsc "libvirt-$version.tmp" >&2 || exit 1
else
    mkdir "libvirt-$version.tmp" &&
        tar xJf libvirt_"$version".orig.tar.xz --strip-components=1 -C "libvirt-$version.tmp" || exit 1
fi
mv "libvirt-$version.tmp" "libvirt-$version" && echo "$dir"
