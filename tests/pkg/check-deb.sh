#!/bin/sh
# check-deb.sh SRCDIR OUTDIR: build the Debian packages from SRCDIR's git
# tree (debian/ is kept in git, not in the release tarball), check them with
# lintian, install them, use them, and purge them again.
#
#   - dpkg-buildpackage -us -uc -b in a copy of the tree under a temporary
#     directory, so that nothing lands beside SRCDIR; the .debs are kept
#     in OUTDIR.  The suite is not run inside the build (make check is its
#     own target): CHECK_DEB_TESTS=yes runs it there too.  CHECK_DEB_REUSE=yes
#     skips the build and checks the packages already in OUTDIR.
#   - lintian on the .changes, failing on any error or warning.
#   - dpkg -i of the five packages, then, from the installed files only:
#     virtsh -c test:///default list prints what virsh prints, and the
#     README's C example builds as written with the installed dev package
#     and prints what the same program built against libvirt prints.
#   - dpkg --purge of every package it installed, whatever happened, so
#     the machine is left as it was.  It refuses to start if a virtkit
#     package is already installed: purging that one would not leave the
#     machine as it was.
#
# Needs root (dpkg -i), and debhelper, lintian and the Build-Depends of
# debian/control (dpkg-checkbuilddeps says which are missing).
set -eu

srcdir=$(cd "${1:?usage: check-deb.sh SRCDIR OUTDIR}" && pwd)
outdir=${2:?usage: check-deb.sh SRCDIR OUTDIR}
data=$srcdir/tests/data/pkg
packages="libvirtkit0 libvirtkit-dev virtkit-clients virtkit-daemon virtkit-driver-xen"

fail() { echo "check-deb: $*" >&2; exit 1; }

[ -d "$srcdir/debian" ] ||
    fail "$srcdir has no debian/: the packaging is kept in git, not in the release tarball"
[ "$(id -u)" = 0 ] || fail "installing the packages needs root"
for tool in dpkg-buildpackage dh lintian git; do
    command -v "$tool" >/dev/null ||
        fail "$tool was not found (apt-get install dpkg-dev debhelper lintian git)"
done
for p in $packages; do
    if dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'installed$'; then
        fail "$p is already installed; purge it first (this check purges what it installs)"
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/check-deb.XXXXXX")
installed=
cleanup() {
    status=$?
    if [ -n "$installed" ]; then
        echo "check-deb: purging $installed"
        dpkg --purge $installed >"$work/purge.log" 2>&1 ||
            { cat "$work/purge.log" >&2; status=1; }
        for p in $installed; do
            if dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -qv 'not-installed$'; then
                echo "check-deb: $p is still on the machine after the purge" >&2
                status=1
            fi
        done
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# The tree as git sees it: tracked files and new ones not ignored, so the
# check covers uncommitted work and never a build directory.
echo "check-deb: copying $srcdir to $work/virtkit"
mkdir "$work/virtkit"
(cd "$srcdir" && git ls-files -z --cached --others --exclude-standard |
    xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh) >"$work/files"
tar -C "$srcdir" -cf - -T "$work/files" | tar -C "$work/virtkit" -xf -

dpkg-checkbuilddeps "$work/virtkit/debian/control" ||
    fail "install the missing build dependencies above (apt-get install ...)"

if [ "${CHECK_DEB_REUSE:-no}" = yes ] && ls "$outdir"/*.changes >/dev/null 2>&1; then
    # iterating on the checks below: the packages of the last build
    echo "check-deb: CHECK_DEB_REUSE=yes: the packages already in $outdir"
    cp "$outdir"/*.deb "$outdir"/*.changes "$outdir"/*.buildinfo "$work/"
else
    opts=${DEB_BUILD_OPTIONS:-}
    [ "${CHECK_DEB_TESTS:-no}" = yes ] || opts="$opts nocheck"
    case " $opts " in *" parallel="*) ;; *) opts="$opts parallel=$(nproc)" ;; esac
    opts=${opts# }    # dpkg warns about the empty flag before a leading space
    echo "check-deb: dpkg-buildpackage -us -uc -b (DEB_BUILD_OPTIONS='$opts'; log: $outdir/build.log)"
    mkdir -p "$outdir"
    rm -f "$outdir"/*.deb "$outdir"/*.changes "$outdir"/*.buildinfo
    if ! (cd "$work/virtkit" && DEB_BUILD_OPTIONS=$opts dpkg-buildpackage -us -uc -b) \
            >"$outdir/build.log" 2>&1; then
        tail -n 40 "$outdir/build.log" >&2
        fail "dpkg-buildpackage failed (the whole log: $outdir/build.log)"
    fi
    cp "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo "$outdir/"
fi

echo "check-deb: lintian"
lintian --fail-on error,warning "$work"/*.changes

for p in $packages; do
    ls "$work/${p}_"*.deb >/dev/null 2>&1 || fail "dpkg-buildpackage built no $p package"
done
echo "check-deb: dpkg -i $packages"
installed=$packages
dpkg -i $(for p in $packages; do ls "$work/${p}_"*.deb; done) >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "dpkg -i failed"; }

# From here on only installed files: no build tree on any path.
cd "$work"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset LD_LIBRARY_PATH VIRTKIT_SCHEMA_DIR VIRTKIT_DEFAULT_URI LIBVIRT_DEFAULT_URI

[ "$(command -v virtsh)" = /usr/bin/virtsh ] || fail "virtsh is not /usr/bin/virtsh"
virtsh -c test:///default list >list.out
diff -u "$data/list.out" list.out || fail "the installed virtsh's list differs from virsh's"
echo "check-deb: virtsh -c test:///default list: as virsh"

# the README's example, as written: the first C block after "A short example"
awk '/^## A short example/ { s = 1 } s && /^```c$/ { c = 1; next }
     c && /^```$/ { exit } c' "$srcdir/README.md" >example.c
[ -s example.c ] || fail "README.md has no C block under 'A short example'"
cc example.c $(pkg-config --cflags --libs virtkit) -o example ||
    fail "the README's example does not build against the installed libvirtkit-dev"
./example >example.out || fail "the README's example failed"
diff -u "$data/example.out" example.out || fail "the README's example printed something else"
echo "check-deb: the README's example builds and runs against the installed packages"

for f in /usr/sbin/virtkitd /etc/virtkit/virtkitd.conf /lib/systemd/system/virtkitd.socket; do
    [ -e "$f" ] || fail "virtkit-daemon did not install $f"
done
virtkitd --help >/dev/null || fail "virtkitd --help failed"

# the Xen driver: its libraries come with its package only, and the
# library loads it (this host is no dom0: the driver itself says so)
if ldd /usr/lib/*/libvirtkit.so.0 | grep -q libxen; then
    fail "libvirtkit0 links a Xen library"
fi
ldd /usr/lib/*/virtkit/connection-driver/virtkit_driver_xen.so | grep -q libxenctrl ||
    fail "virtkit_driver_xen.so does not link libxenctrl"
# (off a dom0 virtsh fails: the message says who answered)
virtsh -c xen:///system list >xen.out 2>&1 || true
grep -q "not a Xen dom0" xen.out || { cat xen.out >&2; fail "the installed Xen module was not loaded"; }
echo "check-deb: the Xen driver is its own package, loaded as a module"

echo "check-deb: PASS (packages in $outdir)"
