# Shared by virtsh's shell tests (sourced, not run).
#
# Sets DATA (tests/data/virtsh), VIRTSH (the built virtsh) and WORK (a
# scratch directory removed on exit), puts a "virtsh" wrapper and
# "bash-complete" (bash completion of a line) first on PATH, and clears
# the environment that could change an output.
#
# report CMDLINE NORMALIZER: runs CMDLINE with eval in a fresh empty
# directory and prints "$ CMDLINE", its stdout, "[stderr]" and its stderr
# when there is any, and "[exit N]", each output passed through the
# NORMALIZER function (which reads a file and writes to stdout).

: "${abs_top_srcdir:?run through make check}"
: "${abs_top_builddir:?run through make check}"

# without "..": the library shows a node file's URI with a clean path
DATA=$(cd "$abs_top_srcdir/tests/data/virtsh" && pwd) || exit 99
VIRTSH="$abs_top_builddir/tools/virtsh"
export DATA VIRTSH

mkdir -p "$abs_top_builddir/tests/virtsh"
WORK=$(mktemp -d "$abs_top_builddir/tests/virtsh/work.XXXXXX") || exit 99
trap 'rm -rf "$WORK"' EXIT

mkdir "$WORK/bin"
# VIRTSH_WRAPPER runs virtsh under a tool, e.g. valgrind (make check-valgrind);
# a case that sets VIRTSH_NATIVE=1 runs it as it is: valgrind itself cannot
# start with a TMPDIR that does not exist, and libtool --mode=execute loses
# an argument from its first newline on
cat > "$WORK/bin/virtsh" <<EOF
#!/bin/sh
[ -n "\${VIRTSH_NATIVE:-}" ] && exec "$VIRTSH" "\$@"
exec ${VIRTSH_WRAPPER:-} "$VIRTSH" "\$@"
EOF
chmod +x "$WORK/bin/virtsh"
ln -s "$abs_top_srcdir/tests/virtsh/bash-complete.sh" "$WORK/bin/bash-complete"

unset VIRTKIT_DEFAULT_URI VIRTKIT_DEBUG VIRTKIT_LOG_FILE VIRTSH_HISTSIZE
unset LIBVIRT_DEFAULT_URI VIRSH_DEFAULT_CONNECT_URI
VIRTKIT_SCHEMA_DIR="$abs_top_srcdir/docs/schemas"
HOME="$WORK/home"
XDG_DATA_HOME="$WORK/home/.local/share"
PATH="$WORK/bin:$PATH"
LC_ALL=C.UTF-8
export VIRTKIT_SCHEMA_DIR HOME XDG_DATA_HOME PATH LC_ALL

# The case's directory, shown as $CASE in reports.
CASE="$WORK/case"

report() {
    rm -rf "$CASE"
    mkdir -p "$CASE" "$HOME"
    (cd "$CASE" && eval "$1") >"$WORK/stdout" 2>"$WORK/stderr" </dev/null
    rc=$?
    printf '$ %s\n' "$1"
    "$2" "$WORK/stdout"
    if [ -s "$WORK/stdout" ] && [ "$(tail -c1 "$WORK/stdout" | od -An -c | tr -d ' ')" != '\n' ]; then
        printf '\n[no newline at the end]\n'
    fi
    if [ -s "$WORK/stderr" ]; then
        printf '[stderr]\n'
        "$2" "$WORK/stderr"
    fi
    printf '[exit %d]\n\n' "$rc"
}

# cases FILE: the case lines of FILE, without blank lines and # comments
cases() {
    grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$1"
}
