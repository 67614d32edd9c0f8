#!/bin/sh
# Runs the same command batches through Debian's virsh (libvirt 9) and
# virtsh, each against its own library's test driver, and diffs their
# stdout, stderr and exit status.  Skipped when virsh is not installed.
#
# tests/data/virtsh/compare/*.batches hold one batch per line:
#   CONNECTION [NAME=VALUE]... [-OPTION]... BATCH
# CONNECTION is "default" (test:///default), "node"
# (tests/data/virtsh/node.xml) or "none" (no -c: the environment's);
# the assignments are put in the environment, the options of the tool
# (one word each, such as -k0 or --debug=1) go before -c.
#
# Only the known differences between the two test drivers are
# normalized, in both outputs alike:
#   - OS Type: libvirt's says "linux" for an hvm domain, virtkit's "hvm";
#   - CPU times: libvirt's are made up (and never 0), virtkit's are the real
#     elapsed running time (0 for a domain that never ran, when virsh
#     leaves the line out), so "CPU time:" lines are dropped and
#     cpu-stats' times hidden;
#   - host CPUs: test:///default has 8 in libvirt, 16 in virtkit, so CPU
#     affinities ("yyyyyyyy", "0-7", "(out of 8)") become CPU lists, with
#     "all" for every CPU of that host, and "maxcpu N" hides N.
#   - a stopped domain: virtkit's errors name it ("domain 'test' is not
#     running"), libvirt's test driver says "domain is not running".

set -u

if ! command -v virsh >/dev/null 2>&1; then
    echo "SKIP: virsh is not installed"
    exit 77
fi

. "${abs_top_srcdir:?run through make check}/tests/virtsh/lib.sh"

COMPARE="$DATA/compare"

# The CPU list of a y/- affinity string ("all" when every CPU is set).
normalize_cpus() {
    awk -v maxcpu="$MAXCPU" '
    function yn2list(s,   i, n, out, start) {
        n = length(s); out = ""; start = -1
        for (i = 0; i <= n; i++) {
            if (i < n && substr(s, i + 1, 1) == "y") {
                if (start < 0) start = i
            } else if (start >= 0) {
                out = out (out == "" ? "" : ",") (start == i - 1 ? start : start "-" (i - 1))
                start = -1
            }
        }
        return out
    }
    function canon(list) {
        return list == ("0-" (maxcpu - 1)) ? "all" : list
    }
    /^CPU Affinity:   [y-]+$/ { print "CPU Affinity:   " canon(yn2list($3)); next }
    /^CPU Affinity:   [0-9,-]* \(out of [0-9]+\)$/ {
        print "CPU Affinity:   " canon($3) " (out of N)"; next
    }
    /^ [0-9]+ +[0-9,-]+$/ && vcpupin { sub(/[0-9,-]+$/, canon($2)); print; next }
    /^ VCPU   CPU Affinity$/ { vcpupin = 1 }
    /^$/ { vcpupin = 0 }
    { print }
    ' "$1" | sed -e 's/exceed the maxcpu [0-9]*$/exceed the maxcpu N/'
}

normalize() {
    sed -e "s|$DATA|\$DATA|g" \
        -e "s|$CASE|\$CASE|g" \
        -e 's/^\(OS Type: *\)linux$/\1hvm/' \
        -e "s/^\(error: Requested operation is not valid: domain\) '[^']*' \(is not running\)$/\1 \2/" \
        -e '/^CPU time: *[0-9][0-9]*\.[0-9]s$/d' \
        -e 's/^\(	.\{12\} \).\{9\}\.[0-9]\{9\} seconds$/\1<seconds> seconds/' "$1" > "$1.sed"
    normalize_cpus "$1.sed"
}

# virsh's save and restore wait for a job in a thread; never let a hang
# there hold the test suite
if command -v timeout >/dev/null 2>&1; then
    TIMEOUT="timeout 120 "
else
    TIMEOUT=
fi

# run TOOL HOSTCPUS LINE: the report of one batch line through TOOL,
# whose test:///default has HOSTCPUS CPUs
run() {
    conn=${3%% *} rest=${3#* } env= opts=
    while [ "${rest#* }" != "$rest" ]; do
        case ${rest%% *} in
            [A-Z]*=*) env="$env${rest%% *} " ;;
            -*) opts="$opts ${rest%% *}" ;;
            *) break ;;
        esac
        rest=${rest#* }
    done
    case $conn in
        default) c=" -c test:///default"; MAXCPU=$2 ;;
        node) c=" -c test://$DATA/node.xml"; MAXCPU=8 ;;
        none) c=; MAXCPU=$2 ;;
        *) echo "unknown connection '$conn'" >&2; exit 99 ;;
    esac
    report "$env$TIMEOUT$1$opts$c '$rest'" normalize | sed -e "1s|$TIMEOUT$1 |TOOL |"
}

status=0
for file in "$COMPARE"/*.batches; do
    name=$(basename "$file" .batches)
    cases "$file" | while IFS= read -r line; do
        run virsh 8 "$line"
    done > "$WORK/$name.virsh"
    cases "$file" | while IFS= read -r line; do
        run virtsh 16 "$line"
    done > "$WORK/$name.virtsh"
    if diff -u "$WORK/$name.virsh" "$WORK/$name.virtsh"; then
        echo "PASS: $name ($(grep -c '^\$ ' "$WORK/$name.virtsh") batches identical)"
    else
        echo "FAIL: $name (- virsh, + virtsh)"
        status=1
    fi
done
exit $status
