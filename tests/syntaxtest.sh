#!/bin/sh
# The style checker, as part of make check.
exec "${abs_top_srcdir:-$(dirname "$0")/..}/scripts/syntax-check.sh" "${abs_top_srcdir:-$(dirname "$0")/..}"
