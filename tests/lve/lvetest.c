/*
 * lvetest.c: what the LVE check suites share
 */
#include <config.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#if defined(__has_include)
# if __has_include(<valgrind/valgrind.h>)
#  include <valgrind/valgrind.h>
# endif
#endif
#ifndef RUNNING_ON_VALGRIND
# define RUNNING_ON_VALGRIND 0
#endif

#include "lvetest.h"

static const char *const lveTestControllers[] = {
    "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "freezer", NULL
};

static struct {
    const char *backend;
    char *parent;                   /* virtkit-test-<pid> */
    char *tmp;                      /* under the build tree */
    GHashTable *dirs;               /* controller -> the parent's directory */
    char *lastURI;
    char *lastRoot;
} lveTest;

static const char *const lveKsmFiles[] = { "run", "pages_to_scan", "sleep_millisecs" };

#define LVE_KSM_LOCK "/tmp/virtkit-lve-ksm-test.lock"

/* The v1 mount point of @controller, from /proc/self/mountinfo. */
static char *
lveTestMountOf(const char *mounts, const char *controller)
{
    g_auto(GStrv) lines = g_strsplit(mounts, "\n", 0);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], " ", 0);
        guint n = g_strv_length(f);
        g_auto(GStrv) opts = NULL;

        if (n < 10 || !g_str_equal(f[n - 3], "cgroup"))
            continue;
        opts = g_strsplit(f[n - 1], ",", 0);
        if (g_strv_contains((const char *const *)opts, controller))
            return g_strdup(f[4]);
    }
    return NULL;
}

/* The cgroup2 mount point, from /proc/self/mountinfo. */
static char *
lveTestMount2(const char *mounts)
{
    g_auto(GStrv) lines = g_strsplit(mounts, "\n", 0);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], " ", 0);
        guint n = g_strv_length(f);

        if (n >= 10 && g_str_equal(f[n - 3], "cgroup2"))
            return g_strdup(f[4]);
    }
    return NULL;
}

/* The test parent's directory in each v1 hierarchy (and in the v2 one,
 * as "cgroup2"), under this process's own group there (as the driver
 * resolves a relative cgroup_parent). */
static void
lveTestFindHierarchies(void)
{
    g_autofree char *mounts = NULL, *own = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i, c;

    lveTest.dirs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    if (!g_file_get_contents("/proc/self/mountinfo", &mounts, NULL, NULL) ||
        !g_file_get_contents("/proc/self/cgroup", &own, NULL, NULL))
        return;
    lines = g_strsplit(own, "\n", 0);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], ":", 3);
        g_auto(GStrv) names = NULL;

        if (g_strv_length(f) < 3)
            continue;
        if (!*f[1]) {
            g_autofree char *mount2 = lveTestMount2(mounts);

            if (mount2)
                g_hash_table_insert(lveTest.dirs, (char *)"cgroup2",
                                    g_build_filename(mount2, f[2], lveTest.parent, NULL));
            continue;
        }
        names = g_strsplit(f[1], ",", 0);
        for (c = 0; lveTestControllers[c]; c++) {
            g_autofree char *mount = NULL;

            if (g_strv_contains((const char *const *)names, lveTestControllers[c]) &&
                (mount = lveTestMountOf(mounts, lveTestControllers[c])))
                g_hash_table_insert(lveTest.dirs, (char *)lveTestControllers[c],
                                    g_build_filename(mount, f[2], lveTest.parent, NULL));
        }
    }
}

static void
lveTestSkip(const char *suite, const char *why)
{
    printf("SKIP: %s (%s backend): %s\n", suite, lveTest.backend, why);
    fflush(stdout);
    exit(77);
}

void
lveTestInit(const char *suite, bool needKernel)
{
    size_t c;

    lveTest.backend = g_getenv("LVE_TEST_BACKEND") ? g_getenv("LVE_TEST_BACKEND") : "cgroup";
    lveTest.parent = g_strdup_printf("virtkit-test-%d", (int)getpid());
    lveTestFindHierarchies();
    if (needKernel && geteuid() != 0)
        lveTestSkip(suite, "needs root to create cgroups and move tasks (CI runs as root)");
    for (c = 0; needKernel && lveTestControllers[c]; c++) {
        if (!g_hash_table_contains(lveTest.dirs, lveTestControllers[c])) {
            g_autofree char *why = g_strdup_printf("needs the cgroup v1 '%s' controller mounted",
                                                   lveTestControllers[c]);

            lveTestSkip(suite, why);
        }
    }
    if (lveTestIsLiblve()) {
        void *h = dlopen("liblve.so.0", RTLD_NOW | RTLD_LOCAL);

        if (!h)
            lveTestSkip(suite, "the stand-in liblve.so.0 is not found: run tests/lve/run-liblve.sh");
        dlclose(h);
    }
    lveTest.tmp = testMakeTempDir("lve");
    if (lveTestIsLiblve()) {
        g_autofree char *state = g_build_filename(lveTest.tmp, "standin", NULL);

        g_mkdir_with_parents(state, 0700);
        g_setenv("LVE_STANDIN_STATE", state, TRUE);
        g_setenv("LVE_STANDIN_PARENT", lveTest.parent, TRUE);
    }
}

const char *
lveTestBackend(void)
{
    return lveTest.backend;
}

bool
lveTestIsLiblve(void)
{
    return g_str_equal(lveTest.backend, "liblve");
}

/* ---- connections ---------------------------------------------------- */

virConnectPtr
lveTestOpen(const char *extra)
{
    static int serial;

    g_free(lveTest.lastRoot);
    g_free(lveTest.lastURI);
    lveTest.lastRoot = g_strdup_printf("%s/root-%d-%d", lveTest.tmp, (int)getpid(), ++serial);
    lveTest.lastURI = g_strdup_printf("lve:///embed?root=%s&backend=%s&cgroup_parent=%s"
                                      "&shutdown_timeout=1%s%s",
                                      lveTest.lastRoot, lveTest.backend, lveTest.parent,
                                      extra && *extra ? "&" : "", extra ? extra : "");
    return lveTestReopen();
}

virConnectPtr
lveTestReopen(void)
{
    virConnectPtr conn = virConnectOpen(lveTest.lastURI);

    if (!conn)
        ck_abort_msg("cannot open %s: %s", lveTest.lastURI, virGetLastErrorMessage());
    return conn;
}

const char *
lveTestRoot(void)
{
    return lveTest.lastRoot;
}

/* ---- what the kernel has -------------------------------------------- */

char *
lveTestCgroupPath(const char *controller, unsigned int id, const char *file)
{
    const char *dir = g_hash_table_lookup(lveTest.dirs, controller);
    g_autofree char *name = g_strdup_printf("lve%u", id);

    ck_assert_msg(dir, "no cgroup hierarchy for '%s'", controller);
    return g_build_filename(dir, name, file, NULL);
}

char *
lveTestReadCgroup(const char *controller, unsigned int id, const char *file)
{
    g_autofree char *path = lveTestCgroupPath(controller, id, file);
    char *value = NULL;

    if (!g_file_get_contents(path, &value, NULL, NULL))
        ck_abort_msg("cannot read %s", path);
    return g_strstrip(value);
}

bool
lveTestGroupExists(unsigned int id)
{
    size_t c;

    for (c = 0; lveTestControllers[c]; c++) {
        g_autofree char *dir = lveTestCgroupPath(lveTestControllers[c], id, NULL);

        if (g_file_test(dir, G_FILE_TEST_EXISTS))
            return true;
    }
    return false;
}

char *
lveTestDomainXML(const char *name, unsigned int id)
{
    g_autofree char *rel = g_strdup_printf("lve/templates/%s.xml", name);
    g_autofree char *xml = testLoadFile(rel);
    g_autofree char *idstr = g_strdup_printf("%u", id);
    g_auto(GStrv) parts = g_strsplit(xml, "ID", -1);

    return g_strjoinv(idstr, parts);
}

bool
lveTestSkipHeavy(const char *test)
{
    const char *light = g_getenv("VIRTKIT_TEST_LIGHT");

    if (!RUNNING_ON_VALGRIND && !(light && g_str_equal(light, "1")))
        return false;
    printf("SKIP: %s: it measures time or forks, ptraces and allocates heavily "
           "(under valgrind or VIRTKIT_TEST_LIGHT=1)\n", test);
    return true;
}

bool
lveTestSkipSanitized(const char *test)
{
#if defined(__SANITIZE_ADDRESS__)
    printf("SKIP: %s: KSM on an AddressSanitizer process walks its terabytes of "
           "shadow mappings\n", test);
    return true;
#else
    (void)test;
    return false;
#endif
}

/* ---- after the tests ------------------------------------------------ */

static void
lveTestWriteFile(const char *path, const char *value)
{
    int fd = open(path, O_WRONLY);

    if (fd < 0)
        return;
    if (write(fd, value, strlen(value)) < 0)
        fprintf(stderr, "cannot write '%s' to %s: %s\n", value, path, g_strerror(errno));
    close(fd);
}

static void
lveTestKillProcs(const char *dir)
{
    g_autofree char *procs = g_build_filename(dir, "cgroup.procs", NULL);
    g_autofree char *freezer = g_build_filename(dir, "freezer.state", NULL);
    g_autofree char *kill2 = g_build_filename(dir, "cgroup.kill", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) pids = NULL;
    size_t i;

    if (g_file_get_contents(procs, &text, NULL, NULL)) {
        pids = g_strsplit(text, "\n", 0);
        for (i = 0; pids[i]; i++) {
            if (*pids[i])
                kill((pid_t)g_ascii_strtoll(pids[i], NULL, 10), SIGKILL);
        }
    }
    /* a frozen task dies only once thawed */
    if (g_file_test(freezer, G_FILE_TEST_EXISTS))
        lveTestWriteFile(freezer, "THAWED");
    if (g_file_test(kill2, G_FILE_TEST_EXISTS))
        lveTestWriteFile(kill2, "1");
}

/* Kills what is left in @dir and its subgroups, and removes them. */
static void
lveTestSweep(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    int tries;

    if (!d)
        return;
    while ((name = g_dir_read_name(d))) {
        g_autofree char *sub = g_build_filename(dir, name, NULL);

        if (g_file_test(sub, G_FILE_TEST_IS_DIR))
            lveTestSweep(sub);
    }
    for (tries = 0; tries < 300 && rmdir(dir) < 0 && errno == EBUSY; tries++) {
        lveTestKillProcs(dir);
        g_usleep(10000);
    }
}

static char *
lveTestKsmSavePath(void)
{
    return g_build_filename(lveTest.tmp, "ksm-saved", NULL);
}

/* Puts back the KSM settings a test saved, if it did not itself. */
static void
lveTestRestoreKsm(void)
{
    g_autofree char *path = lveTestKsmSavePath();
    g_autofree char *saved = NULL;
    g_auto(GStrv) values = NULL;
    size_t i;

    if (!g_file_get_contents(path, &saved, NULL, NULL))
        return;
    values = g_strsplit(saved, "\n", 0);
    for (i = G_N_ELEMENTS(lveKsmFiles); i-- > 0;) {
        g_autofree char *file = g_build_filename("/sys/kernel/mm/ksm", lveKsmFiles[i], NULL);

        if (i >= g_strv_length(values) || !*values[i])
            continue;
        /* run=2 unmerges every page before ksmd is set back */
        if (i == 0)
            lveTestWriteFile(file, "2");
        lveTestWriteFile(file, values[i]);
    }
    unlink(path);
}

bool
lveTestKsmLock(void)
{
    g_autofree char *path = lveTestKsmSavePath();
    g_autoptr(GString) saved = g_string_new(NULL);
    int fd = open(LVE_KSM_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    size_t i;

    /* one KSM test at a time on this host: the counters are the host's */
    if (fd < 0 || flock(fd, LOCK_EX) < 0 || access("/sys/kernel/mm/ksm/run", W_OK) < 0) {
        printf("SKIP: KSM is not writable here: %s\n", g_strerror(errno));
        return false;
    }
    for (i = 0; i < G_N_ELEMENTS(lveKsmFiles); i++) {
        g_autofree char *file = g_build_filename("/sys/kernel/mm/ksm", lveKsmFiles[i], NULL);
        g_autofree char *value = NULL;

        if (g_file_get_contents(file, &value, NULL, NULL))
            g_string_append(saved, g_strstrip(value));
        g_string_append_c(saved, '\n');
    }
    ck_assert(g_file_set_contents(path, saved->str, -1, NULL));
    return true;
}

bool
lveTestKsmBegin(void)
{
    if (!lveTestKsmLock())
        return false;
    lveTestWriteFile("/sys/kernel/mm/ksm/run", "1");
    return true;
}

void
lveTestKsmEnd(void)
{
    lveTestRestoreKsm();
}

int
lveTestRun(Suite *suite)
{
    GHashTableIter iter;
    gpointer dir;
    int rc = testRunSuite(suite);

    g_hash_table_iter_init(&iter, lveTest.dirs);
    while (g_hash_table_iter_next(&iter, NULL, &dir))
        lveTestSweep(dir);
    lveTestRestoreKsm();
    testRemoveTree(lveTest.tmp);
    return rc;
}
