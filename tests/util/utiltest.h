/*
 * utiltest.h: what the unit tests of src/util share
 *
 * These tests call the library's internal functions, so they link the
 * util convenience library rather than libvirtkit.so (whose symbols are
 * the public API only), and use nothing of tests/testutils.c.  Host facts
 * come from fake hosts under tests/data/util, through virFileSetHostRoot();
 * tests that write copy their fake host to a temporary directory first.
 */
#ifndef VIR_UTILTEST_H
# define VIR_UTILTEST_H

# include "internal.h"

# include <check.h>

# include "virerror.h"
# include "virfile.h"

/* tests/data/util/@name (allocated). */
char *utilTestData(const char *name);

/* Reads the fake host tests/data/util/@name from now on (for this test:
 * check runs each in its own process). */
void utilTestUseHost(const char *name);

/* A copy of tests/data/util/@name in a fresh temporary directory, which
 * utilTestRemoveTree() removes; the host is read from it from now on. */
char *utilTestUseHostCopy(const char *name);

void utilTestRemoveTree(const char *path);

/* The content of @path; the test fails if it cannot be read. */
char *utilTestReadFile(const char *path);
/* Writes @content to @path; the test fails if it cannot. */
void utilTestWriteFile(const char *path, const char *content);

/* Asserts the thread's last error has @code and its message contains
 * @needle (NULL: any message). */
# define ck_assert_util_error(code, needle) \
    utilTestAssertError(__FILE__, __LINE__, code, needle)
void utilTestAssertError(const char *file, int line, int code, const char *needle);

/* Runs @suite; the exit status for a TESTS program. */
int utilTestRun(Suite *suite);

#endif /* VIR_UTILTEST_H */
