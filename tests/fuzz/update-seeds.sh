#!/bin/sh
# update-seeds.sh: refreshes the seed corpora from tests/data
#
# The domain corpus is every domain document of the test data (accepted
# and refused ones); the URI and cpumap corpora are the URIs and cpulists
# the suites use, plus a few raw cpumaps; the virtsh corpus is what virtsh
# parses in its golden cases and in the batches compared with virsh.  Run
# from any directory; commit the result.  Inputs libFuzzer adds during a
# run stay in the build tree: only crashes become files here (under
# regress/).
set -eu
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus

rm -f "$out"/domain/* "$out"/uri/* "$out"/cpumap/*
for f in tests/data/xml2xml/in/*.xml tests/data/xml2xml/err/*.xml \
         tests/data/nodes/domains/*.xml tests/data/examples/*.xml; do
    dir=$(basename "$(dirname "$f")")
    cp "$f" "$out/domain/$dir-$(basename "$f")"
done

i=0
for uri in 'test:///default' 'test:///embed?root=/var/tmp/virtkit' \
           'test:///ABS/PATH/node.xml' 'lve:///system' 'lve:///embed?root=/srv/lve' \
           'vserver:///system' 'xen:///system' 'lve+unix:///system' \
           'xen+ssh://root@host.example.com:2222/system?keyfile=%2Froot%2Fkey&no_verify=1' \
           'test:///embed?root=/tmp/a%20b&root=/tmp/c' 'TEST:///default#frag' \
           'test:' 'test:///' \
           'test://%75ser@host/p%2Fth'; do
    i=$((i + 1))
    printf '%s' "$uri" > "$out/uri/seed-$i"
done

i=0
for list in 0 1 0-3 '1-4,^3,6' '1,^1' '0-16' '1-2,4,6' ' 2 , 5-7 ' '0-16383' \
            '^0' '3-1' '1-' ',' '99999999999' '0-1048575,^5'; do
    i=$((i + 1))
    printf '%s' "$list" > "$out/cpumap/list-$i"
done
printf '\001' > "$out/cpumap/map-1"
printf '\377\377' > "$out/cpumap/map-2"
printf '\000\000\200' > "$out/cpumap/map-3"
printf '\252\125\000\001\000\000\000\000\001' > "$out/cpumap/map-4"

# virtsh: every case line of tests/data/virtsh/golden runs (in a scratch
# directory, $DATA being tests/data/virtsh) with stand-ins for virtsh and
# bash-complete first on PATH, which write what the real virtsh would
# parse: its one argument (a batch); the words of a command given as
# several arguments, both quoted for the parser and as the harness reads
# argv; the script of -f or of standard input; the line that its complete
# command completes.  The batches compared with virsh's
# (tests/data/virtsh/compare) come as they are.
seeds=$(pwd)/$out/virtsh
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -f "$seeds"/*
mkdir "$scratch/bin"
cat > "$scratch/bin/virtsh" <<'STANDIN'
#!/bin/sh
# a file of its own for each run, even when a case runs virtsh twice
seed=$SEED n=1
while [ -e "$seed" ]; do n=$((n + 1)); seed=$SEED-$n; done
file=
while [ $# -gt 0 ]; do
    case $1 in
        -c|-d|-e|-l) [ $# -gt 1 ] && shift ;;
        -f) [ $# -gt 1 ] && shift && file=$1 ;;
        --file=*) file=${1#--file=} ;;
        -*) ;;
        *) break ;;
    esac
    shift
done
word() {
    case $1 in
        ''|*[!A-Za-z0-9_./:=,@%^+-]*)
            printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
        *) printf '%s' "$1" ;;
    esac
}
if [ $# -eq 1 ]; then
    printf '%s' "$1" > "$seed"
elif [ $# -gt 1 ]; then
    sep=
    for w in "$@"; do printf '%s' "$sep"; word "$w"; sep=' '; done > "$seed"
    # the words as the harness reads argv: NUL between them
    sep=
    for w in "$@"; do printf "$sep%s" "$w"; sep='\000'; done > "$seed-argv"
    if [ "$1" = complete ] && [ "$2" = -- ]; then
        shift 2
        printf '%s' "$*" > "$seed-line"
    fi
elif [ -n "$file" ]; then
    cat "$file" > "$seed"
else
    cat > "$seed"
fi
[ -s "$seed" ] || rm -f "$seed"
STANDIN
cat > "$scratch/bin/bash-complete" <<'STANDIN'
#!/bin/sh
# the line after "virtsh" and its options, which is what complete gets
printf '%s' "$1" | sed -E 's/^virtsh( +-[cdel] +[^ -][^ ]*| +-[^ ]*)*( +|$)//' > "$SEED"
[ -s "$SEED" ] || rm -f "$SEED"
STANDIN
chmod +x "$scratch/bin/virtsh" "$scratch/bin/bash-complete"
for cases in tests/data/virtsh/golden/*.cases; do
    name=$(basename "$cases" .cases)
    i=0
    grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$cases" | while IFS= read -r line; do
        i=$((i + 1))
        rm -rf "$scratch/case" && mkdir "$scratch/case"
        (cd "$scratch/case" && export DATA=tests/data/virtsh SEED="$seeds/$name-$i" \
            PATH="$scratch/bin:$PATH" && eval "$line") < /dev/null > /dev/null 2>&1 || :
    done
done
for batches in tests/data/virtsh/compare/*.batches; do
    name=$(basename "$batches" .batches)
    i=0
    grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$batches" | while IFS= read -r line; do
        i=$((i + 1))
        printf '%s' "${line#* }" > "$seeds/compare-$name-$i"
    done
done
