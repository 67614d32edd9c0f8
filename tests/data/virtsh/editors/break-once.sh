#!/bin/sh
# An editor for "edit" run more than once on the same file (the answer
# 'y' to "Try again?"): the first run breaks the XML, the next ones mend
# it and make the domain restart on a crash.  It counts its runs in the
# current directory.
if [ ! -e edited-once ]; then
    : > edited-once
    sed -i 's|</domain>||' "$1"
else
    grep -q '</domain>' "$1" || echo '</domain>' >> "$1"
    sed -i 's|<on_crash>destroy</on_crash>|<on_crash>restart</on_crash>|' "$1"
fi
