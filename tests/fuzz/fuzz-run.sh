#!/bin/sh
# fuzz-run.sh SRCDIR BUILDDIR NAME SECONDS [LIBFUZZER FLAGS...]
#
# Runs the harness BUILDDIR/fuzz_NAME for SECONDS seconds over the seed
# corpus and the regressions kept in SRCDIR/tests/fuzz.  New inputs are
# kept in BUILDDIR/run/NAME (the source tree stays read-only), a crash in
# BUILDDIR/run/crash-NAME-*.  Exits non-zero when the harness found one.
set -u
srcdir=$1 builddir=$2 name=$3 seconds=$4
shift 4

fuzzdir=$srcdir/tests/fuzz
run=$builddir/run
mkdir -p "$run/$name"

# the longest input worth trying, per harness: just over each parser's cap
case $name in
    domain) extra="-max_len=16384 -dict=$fuzzdir/domain.dict" ;;
    uri)    extra="-max_len=4200" ;;
    cpumap) extra="-max_len=2100" ;;
    virtsh) extra="-max_len=4096 -dict=$fuzzdir/virtsh.dict" ;;  # no cap: 4 KiB is a long batch
    rpc)    extra="-max_len=70000" ;;   # streams of frames, one beyond 64 KiB
    *)      echo "fuzz-run.sh: unknown harness '$name'" >&2; exit 2 ;;
esac

echo "== fuzz_$name: $seconds s"
# leaks count as crashes; a slow input (> 10 s) or 2 GB of memory too
"$builddir/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$run/crash-$name-" $extra "$@" \
    "$run/$name" "$fuzzdir/corpus/$name" "$fuzzdir/regress/$name" \
    > "$run/$name.log" 2>&1
rc=$?
grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$run/$name.log"
if [ $rc -ne 0 ]; then
    echo "FAIL: fuzz_$name found a problem; the input is in $run/crash-$name-*" >&2
    tail -60 "$run/$name.log" >&2
    exit 1
fi
echo "PASS: fuzz_$name"
