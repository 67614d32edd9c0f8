/*
 * lve_dedup_test.c: virNodeMemoryDedup on LVE domains against the real
 * kernel: one KSM pass merges the identical pages of tasks in two LVEs
 * (one that came in without memory merging is made mergeable), starts
 * ksmd only for the pass, and what it reports agrees with the node's and
 * the domains' counters; a task that writes its pages unshares them.
 * Then the errors.  Root, cgroup v1 and KSM; either backend
 * (LVE_TEST_BACKEND).
 *
 * The tasks are tests/lve/ksm-fill.  KSM's counters are the host's: what
 * else on the host is mergeable is merged and counted too, so the pass's
 * figures are checked as at least what these tasks give.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

#define DEDUP_PAGES 2048                /* per task: 8 MiB */
#define DEDUP_WAIT_S 60                 /* for a task to fill or write its pages */
#define KSM_RUN "/sys/kernel/mm/ksm/run"

typedef struct {
    virDomainPtr dom;
    bool noMerge;
    char *state;
} fillArgs;

/* Inside: enters the domain, then becomes ksm-fill. */
static int
childFill(int report, void *opaque)
{
    fillArgs *args = opaque;
    g_autofree char *prog = g_build_filename(ABS_BUILDDIR, "tests", "lve", "ksm-fill", NULL);
    g_autofree char *pages = g_strdup_printf("%d", DEDUP_PAGES);

    if (lveTestEnter(args->dom, 0, NULL) < 0) {
        fprintf(stderr, "enter: %s\n", virGetLastErrorMessage());
        lveTestReport(report, -1);
        return 1;
    }
    lveTestReport(report, 0);
    if (args->noMerge)
        execl(prog, prog, "--no-merge", pages, pages, "7", args->state, (char *)NULL);
    else
        execl(prog, prog, pages, pages, "7", args->state, (char *)NULL);
    fprintf(stderr, "exec %s: %s\n", prog, g_strerror(errno));
    return 2;
}

static void
waitState(const char *path, const char *want)
{
    gint64 deadline = g_get_monotonic_time() + DEDUP_WAIT_S * G_USEC_PER_SEC;
    g_autofree char *state = NULL;

    while (g_get_monotonic_time() < deadline) {
        g_clear_pointer(&state, g_free);
        if (g_file_get_contents(path, &state, NULL, NULL) && g_str_has_prefix(state, want))
            return;
        g_usleep(20000);
    }
    ck_abort_msg("%s does not say '%s' after %d s", path, want, DEDUP_WAIT_S);
}

static pid_t
startFill(virDomainPtr dom, bool noMerge, const char *state)
{
    fillArgs args = { dom, noMerge, (char *)state };
    int report;
    pid_t pid = lveTestFork(childFill, &args, &report);

    ck_assert_int_eq(lveTestChildResult(report), 0);
    close(report);
    waitState(state, "filled");
    return pid;
}

static char *
ksmRun(void)
{
    char *run = NULL;

    ck_assert(g_file_get_contents(KSM_RUN, &run, NULL, NULL));
    return g_strstrip(run);
}

/* sysfs: written in place */
static void
setKsmRun(const char *value)
{
    int fd = open(KSM_RUN, O_WRONLY);

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, value, strlen(value)), (ssize_t)strlen(value));
    close(fd);
}

typedef struct {
    unsigned long long scanned, identical, shared, freed, timeMs;
} dedupResult;

static void
dedup(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms, dedupResult *r)
{
    virTypedParameterPtr params = NULL;
    int n = 0;

    ck_assert_msg(virNodeMemoryDedup(conn, doms, ndoms, &params, &n, 0) == 0, "%s",
                  virGetLastErrorMessage());
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_DEDUP_PAGES_SCANNED,
                                             &r->scanned), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_DEDUP_PAGES_IDENTICAL,
                                             &r->identical), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_DEDUP_PAGES_SHARED,
                                             &r->shared), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_DEDUP_PAGES_FREED,
                                             &r->freed), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_DEDUP_TIME_MS,
                                             &r->timeMs), 1);
    virTypedParamsFree(params, n);
}

START_TEST(test_dedup)
{
    g_autofree char *stateA = NULL, *stateB = NULL, *run = NULL;
    virConnectPtr conn;
    virDomainPtr a, b;
    unsigned long long before;
    dedupResult r;
    pid_t pa, pb;

    if (lveTestSkipHeavy("a KSM pass over two LVEs") ||
        lveTestSkipSanitized("a KSM pass over two LVEs") || !lveTestKsmLock())
        return;
    /* stopped: the pass starts ksmd and stops it again */
    setKsmRun("0");
    conn = lveTestOpen(NULL);
    /* ksmd at 5,000 pages every 10 ms: the pass scans the host's
     * mergeable memory three times in seconds even on a busy host */
    lveTestTuneKsm(conn, 5000, 10);
    a = lveTestCreate(conn, "unlimited", 4011);
    b = lveTestCreate(conn, "unlimited", 4012);
    stateA = g_build_filename(lveTestRoot(), "a.state", NULL);
    stateB = g_build_filename(lveTestRoot(), "b.state", NULL);
    pa = startFill(a, false, stateA);
    pb = startFill(b, true, stateB);
    ck_assert(lveTestMergesAny(pa));
    ck_assert(!lveTestMergesAny(pb));
    before = lveTestNodeParam(conn, "shm_pages_sharing");

    /* every running LVE that shares: both */
    dedup(conn, NULL, 0, &r);
    ck_assert_str_eq(run = ksmRun(), "0");
    ck_assert(lveTestMergesAny(pb));
    ck_assert_uint_ge(r.scanned, 2 * DEDUP_PAGES);
    ck_assert_uint_ge(r.identical, 2 * DEDUP_PAGES);
    ck_assert_uint_ge(r.shared, DEDUP_PAGES);
    ck_assert_uint_eq(r.freed, r.shared);
    ck_assert_uint_le(r.shared, r.identical);
    ck_assert_uint_ge(lveTestNodeParam(conn, "shm_pages_sharing"), before + DEDUP_PAGES);
    ck_assert_uint_ge(lveTestSharedPages(a), DEDUP_PAGES);
    ck_assert_uint_ge(lveTestSharedPages(b), DEDUP_PAGES);

    /* b writes every page: copies of its own again, which KSM's counters
     * show once ksmd has looked at them (the next pass) */
    ck_assert_int_eq(kill(pb, SIGUSR1), 0);
    waitState(stateB, "written");
    dedup(conn, &b, 1, &r);
    ck_assert_uint_lt(lveTestSharedPages(b), DEDUP_PAGES / 2);
    ck_assert_uint_ge(r.scanned, DEDUP_PAGES);
    g_free(run);
    ck_assert_str_eq(run = ksmRun(), "0");

    lveTestKill(pa);
    lveTestKill(pb);
    ck_assert_int_eq(virDomainDestroy(a), 0);
    ck_assert_int_eq(virDomainDestroy(b), 0);
    lveTestKsmEnd();
    virDomainFree(a);
    virDomainFree(b);
    virConnectClose(conn);
}
END_TEST

/* Inside a child that is no longer root (it keeps the connection). */
static int
childNotRoot(int report, void *opaque)
{
    virConnectPtr conn = opaque;
    virTypedParameterPtr params = NULL;
    int n = 0;
    virErrorPtr err;

    if (seteuid(65534) < 0 ||
        virNodeMemoryDedup(conn, NULL, 0, &params, &n, 0) == 0) {
        lveTestReport(report, 1);
        return 1;
    }
    err = virGetLastError();
    lveTestReport(report, err && err->code == VIR_ERR_OPERATION_DENIED &&
                  strstr(err->message, "needs root") ? 0 : 2);
    return 0;
}

START_TEST(test_dedup_errors)
{
    g_autofree char *xml = lveTestDomainXML("unlimited", 4013);
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr off, noshare;
    virTypedParameterPtr params = NULL;
    unsigned long long value = 1;
    int n = 0, report;
    pid_t pid;

    ck_assert_ptr_nonnull(off = virDomainDefineXML(conn, xml));
    ck_assert_int_eq(virNodeMemoryDedup(conn, &off, 1, &params, &n, 0), -1);
    ck_assert_str_eq(virGetLastErrorMessage(),
                     "Requested operation is not valid: domain 'lve-4013' is not running: only a running domain's memory is deduplicated");
    ck_assert_ptr_null(params);

    noshare = lveTestCreate(conn, "noshare", 4014);
    ck_assert_int_eq(virNodeMemoryDedup(conn, &noshare, 1, &params, &n, 0), -1);
    ck_assert_ptr_nonnull(strstr(virGetLastErrorMessage(),
                                 "domain 'lve-4014' has memory sharing off: turn it on first"));
    ck_assert_int_eq(virGetLastErrorCode(), VIR_ERR_OPERATION_INVALID);

    /* no running domain shares: nothing to merge, ksmd left alone */
    ck_assert_int_eq(virNodeMemoryDedup(conn, NULL, 0, &params, &n, 0), 0);
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_DEDUP_PAGES_SCANNED, &value), 1);
    ck_assert_uint_eq(value, 0);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_DEDUP_TIME_MS, &value), 1);
    ck_assert_uint_eq(value, 0);
    virTypedParamsFree(params, n);

    pid = lveTestFork(childNotRoot, conn, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    close(report);
    lveTestWait(pid);

    ck_assert_int_eq(virDomainDestroy(noshare), 0);
    ck_assert_int_eq(virDomainUndefine(off), 0);
    virDomainFree(noshare);
    virDomainFree(off);
    virConnectClose(conn);
}
END_TEST

static Suite *
lveDedupSuite(void)
{
    Suite *s = suite_create("lve-dedup");
    TCase *tc = tcase_create(lveTestBackend());

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_dedup);
    tcase_add_test(tc, test_dedup_errors);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-dedup", true);
    return lveTestRun(lveDedupSuite());
}
