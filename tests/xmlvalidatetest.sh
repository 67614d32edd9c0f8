#!/bin/sh
# virtkit-xml-validate, as built, against the source tree's schemas: what
# it prints and how it exits, for valid and invalid documents
# (tests/data/xml-validate) and for its usage errors.  The exit codes and
# messages are those of libvirt's virt-xml-validate.
srcdir=${abs_top_srcdir:-$(dirname "$0")/..}
builddir=${abs_top_builddir:-.}
tool=$builddir/tools/virtkit-xml-validate
data=$srcdir/tests/data/xml-validate
VIRTKIT_SCHEMA_DIR=${VIRTKIT_SCHEMA_DIR:-$srcdir/docs/schemas}
export VIRTKIT_SCHEMA_DIR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
cases=0

# expect RC PATTERN ARGS...: the tool exits with RC and its output (stdout
# and stderr) has a line matching the grep pattern PATTERN
expect() {
    rc=$1 pattern=$2
    shift 2
    cases=$((cases + 1))
    "$tool" "$@" > "$tmp/out" 2>&1 < "${stdin:-/dev/null}"
    got=$?
    if [ "$got" != "$rc" ] || ! grep -q -- "$pattern" "$tmp/out"; then
        echo "FAIL: virtkit-xml-validate $*: exit $got (expected $rc), output:" >&2
        cat "$tmp/out" >&2
        echo "(expected a line matching '$pattern')" >&2
        status=1
    fi
}

for f in "$data"/valid/*.xml; do
    expect 0 "^$f validates$" "$f"
done
expect 0 "validates$" "$data/valid/domain.xml" domain
expect 0 "validates$" "$data/valid/disk.xml" device
stdin=$data/valid/node.xml expect 0 '^- validates$' -

expect 3 "fails to validate$" "$data/invalid/domain-misspelt.xml"
expect 3 "element nme: Relax-NG validity error" "$data/invalid/domain-misspelt.xml"
expect 3 "fails to validate$" "$data/invalid/disk-bad-device.xml"
expect 3 "fails to validate$" "$data/valid/disk.xml" domain
expect 1 "parser error" "$data/invalid/not-well-formed.xml"
expect 3 "cannot determine schema type for $data/invalid/unknown-root.xml$" \
    "$data/invalid/unknown-root.xml"
expect 4 "schema $VIRTKIT_SCHEMA_DIR/capabilities.rng does not exist$" \
    "$data/valid/domain.xml" capabilities
expect 2 "document $data/missing.xml does not exist$" "$data/missing.xml"
expect 1 "^syntax: .* XMLFILE \[TYPE\]$"
expect 1 "unrecognized option '-x'$" -x
expect 0 "^Usage:$" --help
expect 0 "(virtkit) [0-9][0-9.]*$" --version

echo "xmlvalidatetest: $cases cases"
exit $status
