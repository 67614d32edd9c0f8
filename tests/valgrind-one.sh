#!/bin/sh
# valgrind-one.sh KIND NAME: one piece of `make check-valgrind`, which runs
# the pieces side by side (one per CPU); the Makefile exports LIBTOOL,
# VALGRIND, VALGRIND_FLAGS and the tests' environment.
#
#   suite NAME    the check suite NAME (a program path) under valgrind;
#                 log NAME.valgrind.log
#   golden NAME   the virtsh golden file NAME (tests/virtsh/golden.sh NAME)
#                 with every virtsh under valgrind; log
#                 tests/virtsh-golden-NAME.valgrind.log
#
# Prints PASS or FAIL (with the log's tail) and exits 0 or 1.
kind=$1
name=$2
case $kind in
suite)
    log=$name.valgrind.log
    # shellcheck disable=SC2086
    what="$name (valgrind)"
    $LIBTOOL --mode=execute $VALGRIND $VALGRIND_FLAGS "./$name" > "$log" 2>&1
    ;;
golden)
    log=tests/virtsh-golden-$name.valgrind.log
    what="virtsh golden $name (virtsh under valgrind)"
    VIRTSH_WRAPPER="$abs_top_builddir/libtool --mode=execute $VALGRIND $VALGRIND_FLAGS --error-exitcode=97" \
        "$abs_top_srcdir/tests/virtsh/golden.sh" "$name" > "$log" 2>&1
    ;;
*)
    echo "valgrind-one.sh: unknown kind '$kind'" >&2
    exit 1
    ;;
esac
# (the status of the last command of the branch: the run)
if [ $? -eq 0 ]; then
    echo "PASS: $what"
    exit 0
fi
# one block, so that side-by-side pieces do not interleave their lines
{ echo "FAIL: $what, see $log"; tail -50 "$log"; } | cat
exit 1
