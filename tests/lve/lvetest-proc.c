/*
 * lvetest-proc.c: domains and child processes for the LVE suites
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

/* ---- domains --------------------------------------------------------- */

virDomainPtr
lveTestDefineAndStart(virConnectPtr conn, const char *name, unsigned int id)
{
    g_autofree char *xml = lveTestDomainXML(name, id);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_msg(dom, "define %s: %s", name, virGetLastErrorMessage());
    ck_assert_msg(virDomainCreate(dom) == 0, "start %s: %s", name, virGetLastErrorMessage());
    return dom;
}

virDomainPtr
lveTestCreate(virConnectPtr conn, const char *name, unsigned int id)
{
    g_autofree char *xml = lveTestDomainXML(name, id);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);

    ck_assert_msg(dom, "start %s: %s", name, virGetLastErrorMessage());
    return dom;
}

void
lveTestAssertState(virDomainPtr dom, int state, int reason)
{
    int s = -1, r = -1;

    ck_assert_int_eq(virDomainGetState(dom, &s, &r, 0), 0);
    ck_assert_int_eq(s, state);
    ck_assert_int_eq(r, reason);
}

void
lveTestAssertCgroup(unsigned int id, const char *controller, const char *file, const char *want)
{
    g_autofree char *value = lveTestReadCgroup(controller, id, file);

    ck_assert_msg(strstr(value, want), "%s/%s is '%s', not '%s'", controller, file, value, want);
}

/* ---- memory sharing ------------------------------------------------- */

unsigned long long
lveTestNodeParam(virConnectPtr conn, const char *name)
{
    virTypedParameter params[32];
    virTypedParameterPtr p;
    int n = 32;

    ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
    ck_assert_ptr_nonnull(p = virTypedParamsGet(params, n, name));
    return p->type == VIR_TYPED_PARAM_UINT ? p->value.ui : p->value.ul;
}

unsigned long long
lveTestSharedPages(virDomainPtr dom)
{
    virTypedParameter params[3];
    int n = 3;
    unsigned long long shared = 0;

    ck_assert_int_eq(virDomainGetMemorySharing(dom, params, &n, 0), 0);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, "shared_pages", &shared), 1);
    return shared;
}

void
lveTestTuneKsm(virConnectPtr conn, unsigned int pagesToScan, unsigned int sleepMillisecs)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;

    virTypedParamsAddUInt(&params, &n, &max, "shm_pages_to_scan", pagesToScan);
    virTypedParamsAddUInt(&params, &n, &max, "shm_sleep_millisecs", sleepMillisecs);
    ck_assert_msg(virNodeSetMemoryParameters(conn, params, n, 0) == 0, "%s",
                  virGetLastErrorMessage());
    virTypedParamsFree(params, n);
}

bool
lveTestMergesAny(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/ksm_stat", (int)pid);
    g_autofree char *stat = NULL;

    ck_assert(g_file_get_contents(path, &stat, NULL, NULL));
    return strstr(stat, "ksm_merge_any: yes") != NULL;
}

/* ---- child processes ------------------------------------------------ */

pid_t
lveTestFork(lveTestChildFunc fn, void *opaque, int *report)
{
    int fds[2];
    pid_t pid;

    ck_assert_int_eq(pipe2(fds, O_CLOEXEC), 0);
    if ((pid = fork()) == 0) {
        /* check's runner handles these by signalling the whole process
         * group: a child dying of SIGTERM must not take the test along */
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGALRM, SIG_DFL);
        close(fds[0]);
        _exit(fn(fds[1], opaque) & 0xff);
    }
    ck_assert_int_gt(pid, 0);
    close(fds[1]);
    *report = fds[0];
    return pid;
}

void
lveTestReport(int report, int value)
{
    if (write(report, &value, sizeof(value)) != sizeof(value))
        _exit(99);
}

int
lveTestChildResult(int report)
{
    int value;

    if (read(report, &value, sizeof(value)) != sizeof(value))
        return -1000;
    return value;
}

int
lveTestWait(pid_t pid)
{
    int status = 0;

    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

int
lveTestKill(pid_t pid)
{
    int status = 0;

    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

int
lveTestEnter(virDomainPtr dom, unsigned int flags, unsigned int *cookie)
{
    unsigned int unused;

    return virDomainEnter(dom, cookie ? cookie : &unused, flags);
}

void
lveTestBurnCpu(double seconds)
{
    struct timespec ts;
    volatile unsigned long spin = 0;

    do {
        spin++;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    } while (ts.tv_sec + ts.tv_nsec / 1e9 < seconds);
}

void
lveTestBusyLoop(double seconds)
{
    gint64 end = g_get_monotonic_time() + (gint64)(seconds * G_USEC_PER_SEC);
    volatile unsigned long spin = 0;

    while (g_get_monotonic_time() < end)
        spin++;
}

