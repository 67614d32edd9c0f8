/*
 * vstest.h: what the VServer test programs share
 *
 * They test the binding, which is not behind the public API yet: they link
 * it with the util library and read its errors from there (not from
 * libvirtkit.so, whose own copy of the error functions would hold a
 * different last error).  Expected outputs live under tests/data/vserver
 * and are rewritten instead of compared when VIRTKIT_TEST_REGENERATE=1.
 */
#ifndef VSTEST_H
# define VSTEST_H

# include "internal.h"

# include <check.h>

/* Compares @actual with tests/data/vserver/@name (or rewrites it). */
bool vstestCompareToFile(const char *actual, const char *name);

/* Asserts the thread's last error has @code and its message contains
 * @needle (NULL: any message). */
# define ck_assert_vserver_error(code, needle) \
    vstestAssertError(__FILE__, __LINE__, code, needle)
void vstestAssertError(const char *file, int line, int code, const char *needle);

/* "code N: message" of the last error, for transcripts. */
char *vstestLastError(void);

/* What virtkit-vserver-sim said in VIRTKIT_VSERVER_SIM: the value of
 * @key ("abi", "version", "enforce", "without"), or NULL outside it. */
const char *vstestSimGet(const char *key);
/* Whether the simulator enforces @what ("nproc", "memory", "pause",
 * "kill"). */
bool vstestSimEnforces(const char *what);

/* Runs @suite; the exit status for a TESTS program. */
int vstestRunSuite(Suite *suite);

#endif /* VSTEST_H */
