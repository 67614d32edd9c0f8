#!/bin/sh
# Regenerate the build system: ./autogen.sh [configure options]
# With options (or NOCONFIGURE unset and options given), runs ./configure too.
set -e
srcdir=$(dirname "$0")
cd "$srcdir"
autoreconf --force --install --verbose >/dev/null
if [ -n "$NOCONFIGURE" ] || [ $# -eq 0 ]; then
    echo "Now run ./configure && make"
    exit 0
fi
exec ./configure "$@"
