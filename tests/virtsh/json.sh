#!/bin/sh
# Every --json output parses as JSON.
#
# Runs each case line of tests/data/virtsh/golden/json.cases that has
# --json (the golden test compares their text) with virtsh -q, so that
# nothing but the commands' own output is on stdout, and checks that
# stdout is a sequence of JSON values and nothing else: at least one when
# the case succeeded, none when it failed (errors go to stderr).
# Skipped without python3.

set -u

if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 is not installed"
    exit 77
fi

. "${abs_top_srcdir:?run through make check}/tests/virtsh/lib.sh"

# -q leaves out the blank line after each command and define's messages
mkdir "$WORK/quiet"
cat > "$WORK/quiet/virtsh" <<EOF2
#!/bin/sh
exec "$WORK/bin/virtsh" -q "\$@"
EOF2
chmod +x "$WORK/quiet/virtsh"
PATH="$WORK/quiet:$PATH"

# JSON values one after the other; prints how many, fails on anything else
count_json() {
    python3 -c '
import json, sys
text = sys.stdin.read()
decoder = json.JSONDecoder()
pos, count = 0, 0
while True:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos == len(text):
        break
    try:
        _, pos = decoder.raw_decode(text, pos)
    except ValueError as e:
        sys.exit("not JSON: %s" % e)
    count += 1
print(count)
'
}

status=0
ncases=0
while IFS= read -r line; do
    case $line in
    *--json*) ;;
    *) continue ;;
    esac
    ncases=$((ncases + 1))
    rm -rf "$CASE"
    mkdir -p "$CASE" "$HOME"
    (cd "$CASE" && eval "$line") >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    rc=$?
    if ! values=$(count_json < "$WORK/stdout"); then
        echo "FAIL: $line: stdout is not JSON:"
        cat "$WORK/stdout"
        status=1
    elif [ "$rc" -eq 0 ] && [ "$values" -eq 0 ]; then
        echo "FAIL: $line: succeeded without printing JSON"
        status=1
    elif [ "$rc" -ne 0 ] && [ "$values" -ne 0 ]; then
        echo "FAIL: $line: failed but printed $values JSON values"
        status=1
    fi
done <<EOF2
$(cases "$DATA/golden/json.cases")
EOF2

[ $status -eq 0 ] && echo "PASS: json ($ncases cases)"
exit $status
