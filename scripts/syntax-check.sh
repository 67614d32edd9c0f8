#!/bin/sh
# A small style checker (run by `make syntax-check` and by `make check`):
# banned functions, trailing whitespace, tabs in C sources, and the
# VIR_FROM_THIS every error-raising source file needs.
srcdir=${1:-.}
cd "$srcdir" || exit 1
status=0

report() {
    if [ -n "$2" ]; then
        echo "syntax-check: $1" >&2
        echo "$2" >&2
        status=1
    fi
}

# bench/api_workload.c is the team's shared workload, kept verbatim so its
# figures compare with libvirt's
c_files=$( (git ls-files --cached --others --exclude-standard '*.c' '*.h' '*.h.in' 2>/dev/null ||
           find src tools tests examples bench -name '*.[ch]') | grep -v '^bench/api_workload\.c$')

# unbounded or unchecked: use g_strlcpy, g_strdup_printf, g_strsplit, g_ascii_string_to_*
report "banned functions (strcpy, strcat, sprintf, vsprintf, gets, strtok, atoi, atol):" \
    "$(grep -nE '\<(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol)[[:space:]]*\(' $c_files |
       grep -vE ':[[:space:]]*(/?\*|//)')"
report "trailing whitespace:" \
    "$(grep -nE '[[:space:]]+$' $c_files configure.ac Makefile.am $(git ls-files '*.am' '*.sh' 2>/dev/null))"
report "tabs in C sources (indent with 4 spaces):" "$(grep -nP '\t' $c_files)"
for f in $(grep -lE 'virReportError\(|virReportSystemError\(' $(echo "$c_files" | grep '^src/.*\.c$')); do
    grep -q '^#define VIR_FROM_THIS' "$f" || report "no VIR_FROM_THIS:" "$f"
done
exit $status
