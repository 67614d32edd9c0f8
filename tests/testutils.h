/*
 * testutils.h: what the check suites share
 *
 * Data lives in files under tests/data; expected outputs are compared with
 * testCompareToFile(), and rewritten instead when VIRTKIT_TEST_REGENERATE=1
 * is set, for review in git.
 */
#ifndef VIR_TESTUTILS_H
# define VIR_TESTUTILS_H

# include <stdbool.h>
# include <check.h>
# include <virt/virt.h>

/* $(abs_top_srcdir)/tests/data, or $VIRTKIT_TEST_DATA */
const char *testDataDir(void);
char *testDataPath(const char *relpath);

/* The content of tests/data/@relpath; the suite fails if it is missing. */
char *testLoadFile(const char *relpath);

/* Compares @actual with tests/data/@relpath; with VIRTKIT_TEST_REGENERATE=1
 * writes @actual there instead.  Returns true when equal (or written). */
bool testCompareToFile(const char *actual, const char *relpath);

/* "test:///ABS/PATH" for the node file tests/data/@relpath, and a
 * connection to it: a private model, fresh for each connection.  With
 * VIRTKIT_TEST_REMOTE_SOCKET set, "test+unix:///ABS/PATH?socket=SOCKET":
 * the same model, opened by the daemon listening there. */
char *testNodeURI(const char *relpath);
virConnectPtr testOpenNode(const char *relpath);

/* Whether the suite runs through the remote driver
 * (VIRTKIT_TEST_REMOTE_SOCKET set: tests/remote/remote-suites.sh). */
bool testIsRemote(void);

/* "test:///default", or through the remote driver
 * "test+unix:///default?socket=SOCKET": the daemon's test:///default,
 * which starts afresh once its last connection is closed. */
char *testDefaultURI(void);

/* A connection to testDefaultURI() (read-only with @readonly), or NULL
 * with the library's error. */
virConnectPtr testOpenDefault(bool readonly);

/* Keeps libvirt's default error printing off stderr. */
void testQuietErrors(void);

/* Asserts the thread's last error has @code and its message contains
 * @needle (NULL: any message). */
# define ck_assert_error(code, needle) \
    testAssertError(__FILE__, __LINE__, code, needle)
void testAssertError(const char *file, int line, int code, const char *needle);

/* A fresh empty directory under the build tree; removed by testRemoveTree. */
char *testMakeTempDir(const char *prefix);
void testRemoveTree(const char *path);

/* Runs @suite and returns the exit status for a TESTS program. */
int testRunSuite(Suite *suite);

#endif /* VIR_TESTUTILS_H */
