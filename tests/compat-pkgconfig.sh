#!/bin/sh
# A program written for libvirt (tests/data/compat/hello-libvirt.c) built
# unchanged against virtkit the way its user would build it: virtkit's
# headers, library and virtkit.pc installed (here under a DESTDIR, by the
# project's own install rules), then
#     cc app.c $(pkg-config --cflags --libs virtkit)
# It must find virtkit's <libvirt/libvirt.h> and <libvirt/virterror.h> even
# where libvirt-dev's are installed in /usr/include/libvirt, link virtkit and
# not libvirt, and answer as expected against test:///default, named by
# LIBVIRT_DEFAULT_URI.  Where libvirt is installed, its own build of the
# program must answer the same.
builddir=${abs_top_builddir:-.}
srcdir=${abs_top_srcdir:-.}
src=$srcdir/tests/data/compat/hello-libvirt.c
expected=$srcdir/tests/data/compat/hello-libvirt.out
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# only what a program needs: the install rules of virtkit's headers, the
# library and the .pc file (the parent make's jobserver is not ours)
if ! (cd "$builddir" && env -u MAKEFLAGS -u MFLAGS ${MAKE:-make} -s DESTDIR="$root" \
        install-virtincludeHEADERS install-nodist_virtincludeHEADERS \
        install-compatincludeHEADERS install-libLTLIBRARIES install-pkgconfigDATA) \
        > "$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    fail "cannot install virtkit under $root"
fi
pc=$(find "$root" -name virtkit.pc)
[ -f "$pc" ] || fail "virtkit.pc was not installed"
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
# the installed file, its paths seen from inside $root
pkg() {
    PKG_CONFIG_LIBDIR=$pcdir PKG_CONFIG_SYSROOT_DIR=$root "$PKG_CONFIG" "$@" virtkit
}
cflags=$(pkg --cflags) || fail "pkg-config cannot read $pc"
libs=$(pkg --libs) || fail "pkg-config cannot read $pc"

# which headers the compiler reads: virtkit's libvirt/ directory, never
# libvirt-dev's
$CC -M $cflags "$src" > "$tmp/deps" || fail "cannot preprocess $src with: $cflags"
grep -q "$root[^ ]*/virtkit/libvirt/libvirt\.h" "$tmp/deps" ||
    fail "<libvirt/libvirt.h> is not virtkit's: $(grep -o '[^ ]*libvirt/libvirt\.h' "$tmp/deps")"
grep -q "$root[^ ]*/virtkit/libvirt/virterror\.h" "$tmp/deps" ||
    fail "<libvirt/virterror.h> is not virtkit's"
grep -q "$root[^ ]*/virt/virt\.h" "$tmp/deps" || fail "<virt/virt.h> is not the installed one"
if grep -q "/usr/include/libvirt/" "$tmp/deps"; then
    fail "libvirt-dev's headers were read: $(grep -o '/usr/include/libvirt/[^ ]*' "$tmp/deps" | sort -u)"
fi

# (a library built with sanitizers needs their runtime in the program)
$CC -Wall -Werror $SANITIZER_CFLAGS -o "$tmp/hello" "$src" $cflags $libs -Wl,-rpath,"$libdir" ||
    fail "$src does not build with: $cflags $libs"
ldd "$tmp/hello" > "$tmp/ldd"
grep -q "libvirtkit\.so[^ ]* => $root" "$tmp/ldd" || fail "not linked with the installed libvirtkit: $(cat "$tmp/ldd")"
if grep -q "libvirt\.so" "$tmp/ldd"; then
    fail "linked with libvirt: $(grep 'libvirt\.so' "$tmp/ldd")"
fi

unset VIRTKIT_DEFAULT_URI
LIBVIRT_DEFAULT_URI=test:///default "$tmp/hello" > "$tmp/virtkit.out" 2>&1 ||
    { cat "$tmp/virtkit.out"; fail "the program failed against virtkit"; }
diff -u "$expected" "$tmp/virtkit.out" || fail "virtkit's answers differ from $expected"

if "$PKG_CONFIG" --exists libvirt 2>/dev/null; then
    $CC -Wall -Werror -o "$tmp/hello-libvirt" "$src" $("$PKG_CONFIG" --cflags --libs libvirt) ||
        fail "$src does not build against libvirt"
    LIBVIRT_DEFAULT_URI=test:///default "$tmp/hello-libvirt" > "$tmp/libvirt.out" 2>&1 ||
        { cat "$tmp/libvirt.out"; fail "the program failed against libvirt"; }
    diff -u "$tmp/libvirt.out" "$tmp/virtkit.out" || fail "virtkit and libvirt answered differently"
    echo "compat-pkgconfig: built with $cflags $libs beside libvirt-dev; answers as libvirt's build"
else
    echo "compat-pkgconfig: built with $cflags $libs (libvirt is not installed: no comparison)"
fi
