#!/bin/sh
# splice.sh SECTION.md RESULTS.md: puts SECTION (a markdown file whose
# first line is its "## " heading) into RESULTS in place of the section of
# that heading, or, when RESULTS has none, before "## Where targets are
# missed" (the last section `make bench` writes), or at the end.
set -e
section=$1
results=$2
heading=$(head -n 1 "$section")
tmp=$results.tmp.$$
awk -v heading="$heading" -v section="$section" '
    function put() { while ((getline line < section) > 0) print line; print ""; done = 1 }
    $0 == heading { put(); skip = 1; next }
    skip && /^## / { skip = 0 }
    skip { next }
    !done && /^## Where targets are missed/ { put() }
    { print }
    END { if (!done) { print ""; put() } }
' "$results" > "$tmp"
mv "$tmp" "$results"
