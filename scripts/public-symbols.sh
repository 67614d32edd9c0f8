#!/bin/sh
# Lists the functions and variables the public headers declare, one per
# line, sorted: what src/libvirtkit.syms must export, no more, no less.
# With --all, the types (typedef names) and macros too: every name the API
# reference documents.  Enum values are documented with their type.
# With --headers, the public headers themselves.
all=no
case $1 in
    --all) all=yes; shift ;;
    --headers) shift
        for h in virt.h virt-common.h.in virt-host.h virt-domain.h virt-domain-event.h \
                 virt-event.h virterror.h virt-virtkit.h; do
            echo "${1:-.}/include/virt/$h"
        done
        exit 0 ;;
esac
srcdir=${1:-.}
headers=$("$0" --headers "$srcdir")

functions() {
    # shellcheck disable=SC2086
    cat $headers |
    perl -0pe 's:/\*.*?\*/::gs; s/^\s*#.*$//mg; s/\{[^{}]*\}//gs' |
    tr '\n' ' ' | tr ';' '\n' |
    grep -v typedef |
    sed -n -e 's/.*[ *]\(vir[A-Za-z0-9_]*\) *(.*/\1/p' \
           -e 's/^ *VIR_EXPORT_VAR .*[ *]\(vir[A-Za-z0-9_]*\) *$/\1/p' |
    sort -u
}

types_and_macros() {
    # shellcheck disable=SC2086
    cat $headers | perl -0ne '
        my $t = $_;
        # macros, but the header guards
        while ($t =~ /^\s*#\s*define\s+(\w+)/mg) {
            print "$1\n" unless $1 =~ /_H(_INCLUDES)?$/;
        }
        # typedef names: join continued lines, drop comments, preprocessor
        # lines, the C++ guard and the bodies of enums and structs
        $t =~ s/\\\n/ /g;
        $t =~ s:/\*.*?\*/::gs;
        $t =~ s/^\s*#.*$//mg;
        $t =~ s/extern "C" \{//g;
        $t =~ s/\{[^{}]*\}/ /gs;
        for my $s (split /;/, $t) {
            next unless $s =~ /^\s*typedef\b/;
            print "$1\n" if $s =~ /\(\s*\*\s*(\w+)\s*\)/ || $s =~ /(\w+)\s*$/;
        }'
}

if [ $all = yes ]; then
    { functions; types_and_macros; } | sort -u
else
    functions
fi
