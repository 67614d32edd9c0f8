/*
 * lve_ksm_test.c: memory sharing of LVE domains against the real kernel:
 * KSM merges the identical pages of two entered tasks (domain and node
 * counters move), and sharing switched on or off for a running domain
 * reaches the tasks already inside.  Root, cgroup v1 and KSM; either
 * backend (LVE_TEST_BACKEND).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

static int
enterOrReport(virDomainPtr dom, int report)
{
    if (lveTestEnter(dom, 0, NULL) == 0)
        return 0;
    fprintf(stderr, "enter: %s\n", virGetLastErrorMessage());
    lveTestReport(report, -1);
    return -1;
}

/* ---- memory sharing ------------------------------------------------- */

#define SHARE_MIB 16
#define SHARE_PAGES (SHARE_MIB * 256)

/* Inside: fills memory with pages that are the same in every such task. */
static int
childIdenticalPages(int report, void *opaque)
{
    volatile char *mem;
    size_t i;

    if (enterOrReport(opaque, report) < 0)
        return 1;
    if (!(mem = malloc(SHARE_MIB << 20)))
        return 2;
    for (i = 0; i < (SHARE_MIB << 20); i++)
        mem[i] = 0x5a + (i % 7);
    lveTestReport(report, 0);
    pause();
    return 0;
}

START_TEST(test_ksm)
{
    virConnectPtr conn;
    virDomainPtr dom;
    unsigned long long before;
    gint64 deadline;
    int r1, r2;
    pid_t p1, p2;

    if (lveTestSkipHeavy("KSM merges the pages of entered tasks") ||
        lveTestSkipSanitized("KSM merges the pages of entered tasks") || !lveTestKsmBegin())
        return;
    conn = lveTestOpen(NULL);
    dom = lveTestCreate(conn, "unlimited", 4007);
    lveTestTuneKsm(conn, 4000, 10);
    ck_assert_uint_eq(lveTestNodeParam(conn, "shm_pages_to_scan"), 4000);
    before = lveTestNodeParam(conn, "shm_pages_sharing");
    p1 = lveTestFork(childIdenticalPages, dom, &r1);
    p2 = lveTestFork(childIdenticalPages, dom, &r2);
    ck_assert_int_eq(lveTestChildResult(r1), 0);
    ck_assert_int_eq(lveTestChildResult(r2), 0);
    /* ksmd scans 4000 pages every 10 ms: a few seconds at most */
    deadline = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;
    while (lveTestSharedPages(dom) < SHARE_PAGES && g_get_monotonic_time() < deadline)
        g_usleep(100000);
    ck_assert_uint_ge(lveTestSharedPages(dom), SHARE_PAGES);
    ck_assert_uint_ge(lveTestNodeParam(conn, "shm_pages_sharing"), before + SHARE_PAGES / 2);
    lveTestKill(p1);
    lveTestKill(p2);
    close(r1);
    close(r2);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    lveTestKsmEnd();
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

typedef struct {
    virDomainPtr dom;
    int input;
} readerArgs;

/* Inside: blocks in read(); exits 0 only when the byte arrives intact. */
static int
childReader(int report, void *opaque)
{
    readerArgs *args = opaque;
    char c = 0;

    if (enterOrReport(args->dom, report) < 0)
        return 1;
    lveTestReport(report, 0);
    if (read(args->input, &c, 1) != 1)
        return 2;
    return c == 'k' ? 0 : 3;
}

/* Sharing switched on for a running domain reaches the tasks inside; a
 * task stopped in a system call goes on as if nothing happened. */
START_TEST(test_ksm_running_tasks)
{
    virConnectPtr conn;
    virDomainPtr dom;
    readerArgs args;
    virTypedParameter params[3];
    int fds[2], report, status, n = 3, enabled = -1;
    pid_t pid;

    if (lveTestSkipHeavy("memory sharing for tasks already inside (ptrace)") ||
        lveTestSkipSanitized("memory sharing for tasks already inside"))
        return;
    conn = lveTestOpen(NULL);
    dom = lveTestCreate(conn, "noshare", 4008);
    ck_assert_int_eq(pipe(fds), 0);
    args.dom = dom;
    args.input = fds[0];
    pid = lveTestFork(childReader, &args, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    ck_assert(!lveTestMergesAny(pid));
    g_usleep(100000);       /* well inside read() */
    ck_assert_msg(virDomainSetMemorySharing(dom, 1, VIR_DOMAIN_AFFECT_LIVE) == 0, "%s",
                  virGetLastErrorMessage());
    ck_assert(lveTestMergesAny(pid));
    ck_assert_int_eq(virDomainGetMemorySharing(dom, params, &n, 0), 0);
    ck_assert_int_eq(virTypedParamsGetBoolean(params, n, "enabled", &enabled), 1);
    ck_assert_int_eq(enabled, 1);
    ck_assert_int_eq(virDomainSetMemorySharing(dom, 0, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert(!lveTestMergesAny(pid));
    ck_assert_int_eq(write(fds[1], "k", 1), 1);
    status = lveTestWait(pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "reader status 0x%x", status);
    close(fds[0]);
    close(fds[1]);
    close(report);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
lveKsmSuite(void)
{
    Suite *s = suite_create("lve-ksm");
    TCase *tc = tcase_create(lveTestBackend());

    tcase_set_timeout(tc, 90);
    tcase_add_test(tc, test_ksm);
    tcase_add_test(tc, test_ksm_running_tasks);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-ksm", true);
    return lveTestRun(lveKsmSuite());
}
