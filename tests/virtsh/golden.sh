#!/bin/sh
# Golden-output tests of virtsh.
#
# Each tests/data/virtsh/golden/NAME.cases holds one shell command line per
# case (blank lines and '#' comments are skipped), run in a fresh empty
# directory with "virtsh" on PATH being the built one.  The stdout, stderr
# and exit status of every case go into one report, compared with
# NAME.out; VIRTKIT_TEST_REGENERATE=1 rewrites NAME.out instead, for review
# in git.
#
# In case lines, $DATA is tests/data/virtsh.  The report shows it as
# $DATA too, the case's directory as $CASE, and hides what cannot be the
# same twice: CPU times (dominfo's, vcpuinfo's and cpu-stats', also as
# JSON "..._time_ns"), the timings of -t and the host name.
#
# Usage: golden.sh [NAME...]   (default: every .cases file)

set -u

. "${abs_top_srcdir:?run through make check}/tests/virtsh/lib.sh"

GOLDEN="$DATA/golden"
HOSTNAME_NOW=$(uname -n)

normalize() {
    sed -e "s|$DATA|\$DATA|g" \
        -e "s|$CASE|\$CASE|g" \
        -e 's/^\(CPU time: *\)[0-9][0-9]*\.[0-9]s$/\1<seconds>s/' \
        -e 's/^\(	.\{12\} \).\{9\}\.[0-9]\{9\} seconds$/\1<seconds> seconds/' \
        -e 's/^\( *"[a-z]*_time_ns": \)[0-9][0-9]*/\1<ns>/' \
        -e 's/^(Time: [0-9.]* ms)$/(Time: <ms> ms)/' \
        -e "s/^$HOSTNAME_NOW\$/<hostname>/" \
        -e "s/^\(  \"hostname\": \"\)$HOSTNAME_NOW\"\$/\1<hostname>\"/" "$1"
}

run_file() {
    name=$1
    out="$WORK/$name.out"
    cases "$GOLDEN/$name.cases" | while IFS= read -r line; do
        report "$line" normalize
    done > "$out"

    if [ "${VIRTKIT_TEST_REGENERATE:-0}" = 1 ]; then
        cp "$out" "$GOLDEN/$name.out"
        echo "REGENERATED: $name"
        return 0
    fi
    if diff -u "$GOLDEN/$name.out" "$out"; then
        echo "PASS: $name ($(grep -c '^\$ ' "$out") cases)"
        return 0
    fi
    echo "FAIL: $name"
    return 1
}

if [ $# -eq 0 ]; then
    set -- $(cd "$GOLDEN" && ls *.cases | sed 's/\.cases$//')
fi
status=0
for name in "$@"; do
    run_file "$name" || status=1
done
exit $status
