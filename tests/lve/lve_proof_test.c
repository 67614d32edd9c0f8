/*
 * lve_proof_test.c: the limits hold against the real kernel
 *
 * nproc=5 refuses a sixth task; pmem=32M kills a task that wants 100 MB
 * inside the LVE and nothing outside; speed=50% holds a busy loop near
 * half a CPU (from the usage counters); suspend stops a busy loop's CPU
 * time and resume lets it go on; destroy leaves no task and no group,
 * even with tasks forking meanwhile; the 21st concurrent entry into an
 * ep=20 LVE is refused with the E2BIG message.  Each refusal shows in
 * the LVE's fault counter of the statistics (lve.*.faults), its limit
 * beside it.  Root and cgroup v1; either backend (LVE_TEST_BACKEND).
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

static int
enterOrReport(virDomainPtr dom, int report)
{
    if (lveTestEnter(dom, 0, NULL) == 0)
        return 0;
    fprintf(stderr, "enter: %s\n", virGetLastErrorMessage());
    lveTestReport(report, -1);
    return -1;
}

/* The field @name of the LVE statistics of @dom (VIR_DOMAIN_STATS_LVE). */
static unsigned long long
lveStat(virDomainPtr dom, const char *name)
{
    virDomainPtr doms[2] = { dom, NULL };
    virDomainStatsRecordPtr *records = NULL;
    virTypedParameterPtr p;
    unsigned long long value;

    ck_assert_int_eq(virDomainListGetStats(doms, VIR_DOMAIN_STATS_LVE, &records, 0), 1);
    p = virTypedParamsGet(records[0]->params, records[0]->nparams, name);
    ck_assert_msg(p != NULL, "no %s in the statistics", name);
    value = p->type == VIR_TYPED_PARAM_UINT ? p->value.ui : p->value.ul;
    virDomainStatsRecordListFree(records);
    return value;
}

/* ---- nproc ---------------------------------------------------------- */

/* Inside: forks until refused; reports how many forks worked, then why
 * the last did not. */
static int
childForkUntilRefused(int report, void *opaque)
{
    int forks = 0, err = 0;

    if (enterOrReport(opaque, report) < 0)
        return 1;
    for (forks = 0; forks < 20; forks++) {
        pid_t pid = fork();

        if (pid == 0) {
            pause();
            _exit(0);
        }
        if (pid < 0) {
            err = errno;
            break;
        }
    }
    lveTestReport(report, forks);
    lveTestReport(report, err);
    pause();
    return 0;
}

START_TEST(test_nproc)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestCreate(conn, "nproc5", 4001);
    int report, status;
    pid_t pid = lveTestFork(childForkUntilRefused, dom, &report);

    ck_assert_uint_eq(lveStat(dom, "lve.nproc.faults"), 0);
    /* the child is one task: four forks make five, the fifth is refused */
    ck_assert_int_eq(lveTestChildResult(report), 4);
    ck_assert_int_eq(lveTestChildResult(report), EAGAIN);
    ck_assert_uint_eq(lveStat(dom, "lve.nproc.faults"), 1);
    ck_assert_uint_eq(lveStat(dom, "lve.nproc.limit"), 5);
    ck_assert_uint_eq(lveStat(dom, "lve.nproc.usage"), 5);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    status = lveTestWait(pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    close(report);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- pmem ----------------------------------------------------------- */

#define GREEDY_MIB 100

static int
childGreedy(int report, void *opaque)
{
    volatile char *mem;
    size_t i;

    if (enterOrReport(opaque, report) < 0)
        return 1;
    lveTestReport(report, 0);
    if (!(mem = malloc((size_t)GREEDY_MIB << 20)))
        return 2;
    for (i = 0; i < ((size_t)GREEDY_MIB << 20); i += 4096)
        mem[i] = 1;
    /* still alive: the limit did not hold */
    lveTestReport(report, 1);
    return 3;
}

START_TEST(test_pmem)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestCreate(conn, "pmem32", 4002);
    g_autofree char *limit = lveTestReadCgroup("memory", 4002, "memory.limit_in_bytes");
    g_autofree char *oom = NULL;
    pid_t bystander = fork();
    int report, status;
    pid_t pid;

    if (bystander == 0) {
        pause();
        _exit(0);
    }
    ck_assert_str_eq(limit, "33554432");
    ck_assert_uint_eq(lveStat(dom, "lve.mem.faults"), 0);
    ck_assert_uint_eq(lveStat(dom, "lve.mem.limit"), 32768);
    pid = lveTestFork(childGreedy, dom, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    status = lveTestWait(pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "the task wanting %d MB was not killed (status 0x%x)", GREEDY_MIB, status);
    ck_assert_int_eq(lveTestChildResult(report), -1000);
    /* the kernel's OOM killer acted inside the LVE, and only there */
    oom = lveTestReadCgroup("memory", 4002, "memory.oom_control");
    ck_assert_msg(strstr(oom, "oom_kill 1"), "memory.oom_control: %s", oom);
    /* and the statistics count the hits of the limit */
    ck_assert_uint_gt(lveStat(dom, "lve.mem.faults"), 0);
    ck_assert_int_eq(kill(bystander, 0), 0);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    lveTestKill(bystander);
    close(report);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- speed ---------------------------------------------------------- */

static int
childSpin(int report, void *opaque)
{
    if (enterOrReport(opaque, report) < 0)
        return 1;
    lveTestReport(report, 0);
    for (;;)
        lveTestBusyLoop(1);
    return 0;
}

static unsigned long long
cpuTime(virDomainPtr dom)
{
    virDomainInfo info;

    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    return info.cpuTime;
}

/* CPU time the domain used per second of wall time, over @seconds. */
static double
cpuShare(virDomainPtr dom, double seconds)
{
    unsigned long long t0 = cpuTime(dom);
    gint64 w0 = g_get_monotonic_time();

    g_usleep((gulong)(seconds * G_USEC_PER_SEC));
    return (double)(cpuTime(dom) - t0) / ((g_get_monotonic_time() - w0) * 1000.0);
}

START_TEST(test_speed)
{
    virConnectPtr conn;
    virDomainPtr dom;
    int report;
    double share;
    pid_t pid;

    if (lveTestSkipHeavy("speed=50% holds a busy loop near half a CPU"))
        return;
    conn = lveTestOpen(NULL);
    dom = lveTestCreate(conn, "speed50", 4003);
    pid = lveTestFork(childSpin, dom, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    g_usleep(300000);       /* past the first period's burst */
    share = cpuShare(dom, 2);
    /* at most half a CPU; at least some of it even on a busy host */
    ck_assert_msg(share > 0.2 && share < 0.7, "a busy loop used %.2f CPUs under speed=50%%", share);
    lveTestKill(pid);
    close(report);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_suspend_freezes)
{
    virConnectPtr conn;
    virDomainPtr dom;
    unsigned long long frozen;
    int report;
    pid_t pid;

    if (lveTestSkipHeavy("suspend stops a busy loop"))
        return;
    conn = lveTestOpen(NULL);
    dom = lveTestCreate(conn, "unlimited", 4004);
    pid = lveTestFork(childSpin, dom, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    if (lveTestIsLiblve()) {
        ck_assert_int_eq(virDomainSuspend(dom), -1);
        ck_assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "no way to freeze an LVE");
    } else {
        ck_assert_int_eq(virDomainSuspend(dom), 0);
        frozen = cpuTime(dom);
        g_usleep(500000);
        ck_assert_uint_eq(cpuTime(dom), frozen);
        ck_assert_int_eq(virDomainResume(dom), 0);
        /* however busy the host, a thawed loop gets some CPU */
        ck_assert_msg(cpuShare(dom, 0.5) > 0.05, "the loop did not run again after resume");
    }
    lveTestKill(pid);
    close(report);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- destroy -------------------------------------------------------- */

/* Inside: every task forks without end (nproc bounds them) and reaps. */
static int
childForkStorm(int report, void *opaque)
{
    if (enterOrReport(opaque, report) < 0)
        return 1;
    lveTestReport(report, 0);
    for (;;) {
        if (fork() < 0)
            g_usleep(1000);
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
    }
    return 0;
}

/* Whether any process on the host is still in a group of LVE @id. */
static bool
anyTaskIn(unsigned int id)
{
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    g_autofree char *needle = g_strdup_printf("/lve%u\n", id);
    const char *name;

    while ((name = g_dir_read_name(proc))) {
        g_autofree char *path = NULL, *groups = NULL;

        if (!g_ascii_isdigit(name[0]))
            continue;
        path = g_strdup_printf("/proc/%s/cgroup", name);
        if (g_file_get_contents(path, &groups, NULL, NULL) && strstr(groups, needle))
            return true;
    }
    return false;
}

START_TEST(test_destroy_forking)
{
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *xml = NULL;
    g_auto(GStrv) parts = NULL;
    int report, status;
    pid_t pid;

    if (lveTestSkipHeavy("destroy while tasks fork"))
        return;
    conn = lveTestOpen(NULL);
    xml = lveTestDomainXML("nproc5", 4005);
    parts = g_strsplit(xml, "nproc='5'", 2);
    g_free(xml);
    xml = g_strjoinv("nproc='64'", parts);
    dom = virDomainCreateXML(conn, xml, 0);
    ck_assert_ptr_nonnull(dom);
    pid = lveTestFork(childForkStorm, dom, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    g_usleep(300000);
    ck_assert(anyTaskIn(4005));
    ck_assert_msg(virDomainDestroy(dom) == 0, "%s", virGetLastErrorMessage());
    ck_assert(!lveTestGroupExists(4005));
    ck_assert(!anyTaskIn(4005));
    status = lveTestWait(pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    close(report);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- entry processes ------------------------------------------------ */

#define EP_MESSAGE "LVE 4006: too many entry processes (limit 20)"

/* Inside (or refused): 0 entered, 2 refused with the E2BIG message. */
static int
childEnterAndStay(int report, void *opaque)
{
    if (lveTestEnter(opaque, 0, NULL) < 0) {
        const char *msg = virGetLastErrorMessage();

        lveTestReport(report, msg && strstr(msg, EP_MESSAGE) ? 2 : 1);
        if (!msg || !strstr(msg, EP_MESSAGE))
            fprintf(stderr, "enter refused: %s\n", msg);
        return 0;
    }
    lveTestReport(report, 0);
    pause();
    return 0;
}

START_TEST(test_entry_processes)
{
    virConnectPtr conn;
    virDomainPtr dom;
    pid_t pids[22];
    int reports[22], i;

    if (lveTestSkipHeavy("the 21st entry"))
        return;
    conn = lveTestOpen(NULL);
    dom = lveTestCreate(conn, "ep20", 4006);
    for (i = 0; i < 21; i++) {
        pids[i] = lveTestFork(childEnterAndStay, dom, &reports[i]);
        ck_assert_int_eq(lveTestChildResult(reports[i]), i < 20 ? 0 : 2);
    }
    /* the cgroup backend counts the refusals in its entry registry */
    if (!lveTestIsLiblve()) {
        ck_assert_uint_eq(lveStat(dom, "lve.ep.faults"), 1);
        ck_assert_uint_eq(lveStat(dom, "lve.ep.usage"), 20);
        ck_assert_uint_eq(lveStat(dom, "lve.ep.limit"), 20);
    }
    /* an entry process that exits frees its place */
    lveTestKill(pids[0]);
    pids[21] = lveTestFork(childEnterAndStay, dom, &reports[21]);
    ck_assert_int_eq(lveTestChildResult(reports[21]), 0);
    for (i = 0; i < 22; i++) {
        lveTestKill(pids[i]);
        close(reports[i]);
    }
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
lveProofSuite(void)
{
    Suite *s = suite_create("lve-proof");
    TCase *tc = tcase_create(lveTestBackend());

    tcase_set_timeout(tc, 90);
    tcase_add_test(tc, test_nproc);
    tcase_add_test(tc, test_pmem);
    tcase_add_test(tc, test_speed);
    tcase_add_test(tc, test_suspend_freezes);
    tcase_add_test(tc, test_destroy_forking);
    tcase_add_test(tc, test_entry_processes);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-proof", true);
    return lveTestRun(lveProofSuite());
}
