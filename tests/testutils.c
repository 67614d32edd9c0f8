/*
 * testutils.c: what the check suites share
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "testutils.h"

const char *
testDataDir(void)
{
    const char *dir = g_getenv("VIRTKIT_TEST_DATA");

    return dir && *dir ? dir : ABS_SRCDIR "/tests/data";
}

char *
testDataPath(const char *relpath)
{
    return g_build_filename(testDataDir(), relpath, NULL);
}

char *
testLoadFile(const char *relpath)
{
    g_autofree char *path = testDataPath(relpath);
    g_autoptr(GError) err = NULL;
    char *data = NULL;

    if (!g_file_get_contents(path, &data, NULL, &err))
        ck_abort_msg("cannot read test data '%s': %s", path, err->message);
    return data;
}

bool
testCompareToFile(const char *actual, const char *relpath)
{
    g_autofree char *path = testDataPath(relpath);
    g_autofree char *expected = NULL;
    const char *regen = g_getenv("VIRTKIT_TEST_REGENERATE");

    if (regen && g_str_equal(regen, "1")) {
        g_autofree char *dir = g_path_get_dirname(path);

        g_mkdir_with_parents(dir, 0755);
        if (!g_file_set_contents(path, actual, -1, NULL))
            ck_abort_msg("cannot write '%s'", path);
        return true;
    }
    if (!g_file_get_contents(path, &expected, NULL, NULL)) {
        fprintf(stderr, "missing expected output '%s' (set VIRTKIT_TEST_REGENERATE=1 to create it)\n",
                path);
        return false;
    }
    if (strcmp(expected, actual) != 0) {
        fprintf(stderr, "--- expected %s\n%s\n--- actual\n%s\n", path, expected, actual);
        return false;
    }
    return true;
}

/* the suites run through the remote driver too (tests/remote/) */
static const char *
testRemoteSocket(void)
{
    const char *sock = g_getenv("VIRTKIT_TEST_REMOTE_SOCKET");

    return sock && *sock ? sock : NULL;
}

bool
testIsRemote(void)
{
    return testRemoteSocket() != NULL;
}

char *
testNodeURI(const char *relpath)
{
    g_autofree char *path = testDataPath(relpath);
    const char *sock = testRemoteSocket();

    if (sock)
        return g_strdup_printf("test+unix://%s?socket=%s", path, sock);
    return g_strdup_printf("test://%s", path);
}

char *
testDefaultURI(void)
{
    const char *sock = testRemoteSocket();

    if (sock)
        return g_strdup_printf("test+unix:///default?socket=%s", sock);
    return g_strdup("test:///default");
}

/* Whether @conn shows test:///default as it starts: "test" running as
 * domain 1, alone. */
static bool
testDefaultIsFresh(virConnectPtr conn)
{
    virDomainPtr dom;
    int state = -1;
    bool fresh;

    if (virConnectNumOfDomains(conn) != 1 || virConnectNumOfDefinedDomains(conn) != 0 ||
        !(dom = virDomainLookupByName(conn, "test")))
        return false;
    fresh = virDomainGetID(dom) == 1 && virDomainGetState(dom, &state, NULL, 0) == 0 &&
        state == VIR_DOMAIN_RUNNING;
    virDomainFree(dom);
    return fresh;
}

virConnectPtr
testOpenDefault(bool readonly)
{
    /* Through the daemon, test:///default is the daemon's, fresh again
     * once its last connection has gone; the daemon learns that a case
     * before this one (another process) has gone a moment after that
     * process ended.  The first connection of a process waits for the
     * fresh one (20 s at most, then goes on: its checks then fail). */
    static bool opened;
    g_autofree char *uri = testDefaultURI();
    gint64 until = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
    virConnectPtr conn;

    for (;;) {
        conn = readonly ? virConnectOpenReadOnly(uri) : virConnectOpen(uri);
        if (!conn || opened || !testRemoteSocket() || testDefaultIsFresh(conn) ||
            g_get_monotonic_time() > until)
            break;
        virConnectClose(conn);
        g_usleep(50 * 1000);
    }
    opened = true;
    return conn;
}

virConnectPtr
testOpenNode(const char *relpath)
{
    g_autofree char *uri = testNodeURI(relpath);
    virConnectPtr conn = virConnectOpen(uri);

    if (!conn)
        ck_abort_msg("cannot open '%s': %s", uri, virGetLastErrorMessage());
    return conn;
}

static void
testSilentErrorFunc(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

void
testQuietErrors(void)
{
    virSetErrorFunc(NULL, testSilentErrorFunc);
}

void
testAssertError(const char *file, int line, int code, const char *needle)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        ck_abort_msg("%s:%d: expected error %d, but no error is set", file, line, code);
    if (err->code != code)
        ck_abort_msg("%s:%d: expected error %d, got %d: %s", file, line, code, err->code,
                     err->message);
    if (needle && (!err->message || !strstr(err->message, needle)))
        ck_abort_msg("%s:%d: error message '%s' does not contain '%s'", file, line,
                     err->message, needle);
}

char *
testMakeTempDir(const char *prefix)
{
    g_autofree char *tmpl = g_strdup_printf("%s/tests/tmp-%s-XXXXXX", ABS_BUILDDIR, prefix);
    char *dir;

    g_mkdir_with_parents(ABS_BUILDDIR "/tests", 0755);
    if (!(dir = g_mkdtemp(g_strdup(tmpl))))
        ck_abort_msg("cannot create a temporary directory from '%s': %s", tmpl, g_strerror(errno));
    return dir;
}

void
testRemoveTree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    if (dir) {
        while ((name = g_dir_read_name(dir))) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
                testRemoveTree(child);
            else
                g_unlink(child);
        }
    }
    g_rmdir(path);
}

int
testRunSuite(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    int failed;

    testQuietErrors();
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
