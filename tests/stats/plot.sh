#!/bin/sh
# virtkit-info --plot over a known history (tests/data/stats/history.sql
# and plot.sql, rolled up by a collector round at a fixed time): the SVG
# is well-formed XML (xmllint) whose title and legend name the domain, the
# range and the lines, with a point per minute in each usage line and a
# marker per bucket with faults; the PNG has the PNG signature and the
# size asked for; bad options and paths get a clear error.
. "$abs_top_srcdir/tests/stats/lib.sh"

EMPTY="test://$abs_top_srcdir/tests/data/nodes/empty.xml"
DB=$STATS_WORK/plot.db
T0=1767225600                   # 2026-01-01 00:00:00 UTC, the first sample
END=$((T0 + 7200))

if "$INFO" --db /nonexistent --plot x.svg --domain a 2>&1 | grep -q 'built without cairo'; then
    echo "SKIP: virtkit-info was built without cairo"
    exit 77
fi
XMLLINT=${XMLLINT:-xmllint}
command -v "$XMLLINT" >/dev/null || { echo "SKIP: no xmllint"; exit 77; }

VIRTKIT_STATS_NOW=$((T0 - 60)) "$STATSD" -c "$EMPTY" --db "$DB" --once || fail "the schema round failed"
"$PYTHON" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for f in sys.argv[2:]:
    db.executescript(open(f).read())
db.commit()' "$DB" "$DATA/history.sql" "$DATA/plot.sql" || exit 99
VIRTKIT_STATS_NOW=$END "$STATSD" -c "$EMPTY" --db "$DB" --once || fail "the roll-up round failed"
export VIRTKIT_STATS_NOW=$END

# the SVG: well-formed, its title and legend, its points
SVG=$STATS_WORK/zigzag.svg
"$INFO" --db "$DB" --period 2h --domain zigzag --plot "$SVG" || fail "--plot FILE.svg failed"
"$XMLLINT" --noout "$SVG" || fail "the SVG is not well-formed XML"
title=$("$XMLLINT" --xpath 'string(/*[local-name()="svg"]/*[local-name()="title"])' "$SVG")
[ "$title" = "zigzag: usage against limits, 2026-01-01 00:00 to 2026-01-01 02:00 (per minute)" ] ||
    fail "the SVG's title: '$title'"
desc=$("$XMLLINT" --xpath 'string(/*[local-name()="svg"]/*[local-name()="desc"])' "$SVG")
[ "$desc" = "Legend: CPU average, CPU maximum, CPU limit, memory average, memory maximum, memory limit, faults" ] ||
    fail "the SVG's legend: '$desc'"
"$PYTHON" - "$SVG" <<'PY' || fail "the SVG's lines or markers are not the history's"
import re, sys
import xml.etree.ElementTree as ET
svg = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert svg.get("width") == "1000px" and svg.get("height") == "600px", svg.attrib
# the paths drawn outside the glyph definitions
defs = set(id(p) for d in svg.iter(ns + "defs") for p in d.iter(ns + "path"))
paths = [p for p in svg.iter(ns + "path") if id(p) not in defs]
def commands(p):
    return re.findall(r"[MLCZ]", p.get("d", ""))
# 120 minutes less minute 90: four lines (CPU and memory, average and
# maximum) of 119 points in two pieces
lines = [c for c in map(commands, paths) if len(c) > 20]
assert len(lines) == 4, [len(c) for c in map(commands, paths)]
for c in lines:
    assert c.count("M") == 2 and c.count("L") == 117 and len(c) == 119, c
# the limits: dashed, each broken at minute 90; the CPU limit steps down
# at the hour (a point at each end of each level), the memory limit stays
dashed = [commands(p) for p in paths if "dasharray" in p.get("style", "")]
plotted = sorted(len(c) for c in dashed if c.count("M") == 2)
assert plotted == [4, 6], dashed
# the markers: four buckets with faults, and the legend's
markers = [c for c in map(commands, paths) if "C" in c]
assert len(markers) == 5, len(markers)
PY

# beta's four entry-process faults, alpha's one memory fault
for d in beta:4 alpha:1 gamma:0; do
    "$INFO" --db "$DB" --period 2h --domain "${d%:*}" --plot "$STATS_WORK/${d%:*}.svg" ||
        fail "--plot of ${d%:*} failed"
    n=$("$PYTHON" - "$STATS_WORK/${d%:*}.svg" <<'PY'
import sys
import xml.etree.ElementTree as ET
svg = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
defs = set(id(p) for d in svg.iter(ns + "defs") for p in d.iter(ns + "path"))
print(sum(1 for p in svg.iter(ns + "path") if id(p) not in defs and "C" in p.get("d", "")) - 1)
PY
)
    [ "$n" = "${d#*:}" ] || fail "${d%:*}: $n fault markers, expected ${d#*:}"
done

# the PNG: its signature and the size asked for
PNG=$STATS_WORK/zigzag.PNG
"$INFO" --db "$DB" --from "2026-01-01 00:00" --to "2026-01-01 02:00" --domain zigzag \
    --plot "$PNG" --size 640x480 || fail "--plot FILE.PNG failed"
"$PYTHON" - "$PNG" <<'PY' || fail "the PNG is not a 640x480 PNG"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
assert data[12:16] == b"IHDR", data[12:16]
assert struct.unpack(">II", data[16:24]) == (640, 480), struct.unpack(">II", data[16:24])
PY

# bad input: each refusal says what was wrong, and writes nothing
refuse() {
    expected=$1
    shift
    if "$INFO" --db "$DB" "$@" > "$STATS_WORK/out" 2>&1; then
        fail "virtkit-info $* succeeded"
    elif [ "$(cat "$STATS_WORK/out")" != "$expected" ]; then
        fail "virtkit-info $*: '$(cat "$STATS_WORK/out")', expected '$expected'"
    fi
}
refuse "virtkit-info: --plot needs --domain NAME: it draws one domain's history" \
    --plot "$STATS_WORK/x.svg"
refuse "virtkit-info: --plot '$STATS_WORK/x.pdf': the file name must end in .png or .svg" \
    --plot "$STATS_WORK/x.pdf" --domain alpha
refuse "virtkit-info: --plot '.svg': the file name must end in .png or .svg" \
    --plot .svg --domain alpha
refuse "virtkit-info: cannot write the plot '$STATS_WORK/none/x.png': No such file or directory" \
    --plot "$STATS_WORK/none/x.png" --domain alpha
refuse "virtkit-info: no domain 'nosuch' in the database" \
    --plot "$STATS_WORK/x.png" --domain nosuch
refuse "virtkit-info: --plot does not go with --json" \
    --plot "$STATS_WORK/x.png" --domain alpha --json
refuse "virtkit-info: invalid value '10x10' for --size: expected WIDTHxHEIGHT, each from 200 to 10000 pixels" \
    --plot "$STATS_WORK/x.png" --domain alpha --size 10x10
refuse "virtkit-info: --size goes with --plot" --domain alpha --size 640x480
[ ! -e "$STATS_WORK/x.png" ] && [ ! -e "$STATS_WORK/x.svg" ] || fail "a refused --plot wrote a file"
if [ "$(id -u)" != 0 ]; then
    mkdir "$STATS_WORK/ro" && chmod 555 "$STATS_WORK/ro"
    refuse "virtkit-info: cannot write the plot '$STATS_WORK/ro/x.png': Permission denied" \
        --plot "$STATS_WORK/ro/x.png" --domain alpha
fi

exit $status
