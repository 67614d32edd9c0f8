#!/bin/sh
# Every XML file in the tree validates against its schema, chosen by its
# root element as virtkit-xml-validate chooses it (libvirt's for <capabilities>);
# files meant to be refused live under an 'invalid' or 'err'
# directory and are left out, as are 'templates' (documents with
# placeholders, such as id='ID', that tests fill in), as are the 'lenient-*' inputs: documents the
# parser accepts although they are outside the schema (stray whitespace
# around values).  Everything else the parser keeps, the schema accepts.  Domain XML virtkit writes for test domains
# (tests/data/xml2xml/out) also validates against libvirt's own schema
# when libvirt's schemas are installed.
srcdir=${abs_top_srcdir:-$(dirname "$0")/..}
builddir=${abs_top_builddir:-.}
VIRTKIT_SCHEMA_DIR=${VIRTKIT_SCHEMA_DIR:-$srcdir/docs/schemas}
export VIRTKIT_SCHEMA_DIR
libvirt_schemas=/usr/share/libvirt/schemas
status=0
checked=0

validate() {
    if ! out=$(xmllint --noout --nonet --relaxng "$1" "$2" 2>&1); then
        echo "FAIL: $2 against $1" >&2
        echo "$out" >&2
        status=1
    fi
    checked=$((checked + 1))
}

files=$(find "$srcdir/tests/data" "$srcdir/examples" "$srcdir/docs" -name '*.xml' \
             -not -path '*/invalid/*' -not -path '*/err/*' -not -path '*/templates/*' -not -path '*/in/lenient-*' | sort)
for f in $files; do
    root=$(xmllint --nonet --xpath 'local-name(/*)' "$f" 2>/dev/null)
    case $root in
        capabilities)
            if [ -f "$libvirt_schemas/capability.rng" ]; then
                validate "$libvirt_schemas/capability.rng" "$f"
            fi ;;
        *)
            # virtkit's own schemas, chosen by the root element as the
            # installed tool chooses them (an unknown root fails)
            if ! out=$("$builddir/tools/virtkit-xml-validate" "$f" 2>&1 >/dev/null); then
                echo "FAIL: $f (virtkit-xml-validate)" >&2
                echo "$out" >&2
                status=1
            fi
            checked=$((checked + 1)) ;;
    esac
done

if [ -f "$libvirt_schemas/domain.rng" ]; then
    for f in "$srcdir"/tests/data/xml2xml/out/*.xml; do
        validate "$libvirt_schemas/domain.rng" "$f"
    done
else
    echo "note: libvirt's schemas are not installed; skipped the libvirt schema check"
fi

echo "schematest: $checked validations"
exit $status
