/*
 * lve_driver_test.c: the LVE driver against the kernel, through the public
 * API: lifecycle, live tuning, enter and leave, shutdown and reboot, a new
 * process taking running LVEs back, autostart, default limits.
 *
 * Runs as root on cgroup v1, against the backend LVE_TEST_BACKEND names
 * (tests/lve/run-liblve.sh runs it against the stand-in liblve).
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

static virDomainPtr
defineAndStart(virConnectPtr conn, const char *name, unsigned int id)
{
    g_autofree char *xml = lveTestDomainXML(name, id);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_msg(dom, "define %s: %s", name, virGetLastErrorMessage());
    ck_assert_msg(virDomainCreate(dom) == 0, "start %s: %s", name, virGetLastErrorMessage());
    return dom;
}

static void
assertState(virDomainPtr dom, int state, int reason)
{
    int s = -1, r = -1;

    ck_assert_int_eq(virDomainGetState(dom, &s, &r, 0), 0);
    ck_assert_int_eq(s, state);
    ck_assert_int_eq(r, reason);
}

START_TEST(test_lifecycle)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = defineAndStart(conn, "unlimited", 3001);
    virDomainPtr byId;
    g_autofree char *xml = NULL;

    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virDomainGetID(dom), 3001);
    ck_assert(lveTestGroupExists(3001));
    byId = virDomainLookupByID(conn, 3001);
    ck_assert_ptr_nonnull(byId);
    ck_assert_str_eq(virDomainGetName(byId), "lve-3001");
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<domain type='lve' id='3001'"));
    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is already running");

    ck_assert_int_eq(virDomainDestroy(dom), 0);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ck_assert(!lveTestGroupExists(3001));
    ck_assert_int_eq(virDomainDestroy(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");

    /* undefined while it runs: it goes on, transient, and goes at destroy */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "lve-3001"));
    ck_assert(!lveTestGroupExists(3001));
    virDomainFree(byId);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
}
END_TEST

START_TEST(test_transient)
{
    virConnectPtr conn = lveTestOpen(NULL);
    g_autofree char *xml = lveTestDomainXML("unlimited", 3002);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);

    ck_assert_msg(dom, "%s", virGetLastErrorMessage());
    ck_assert(lveTestGroupExists(3002));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 0);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);

    /* started paused: frozen from the start where the kernel can freeze */
    dom = virDomainCreateXML(conn, xml, VIR_DOMAIN_START_PAUSED);
    if (lveTestIsLiblve()) {
        ck_assert_ptr_null(dom);
        ck_assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "the liblve backend cannot freeze an LVE");
        ck_assert(!lveTestGroupExists(3002));
    } else {
        g_autofree char *state = NULL;

        ck_assert_ptr_nonnull(dom);
        assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        state = lveTestReadCgroup("freezer", 3002, "freezer.state");
        ck_assert_str_eq(state, "FROZEN");
        ck_assert_int_eq(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    virConnectClose(conn);
}
END_TEST

/* A start the host refuses leaves no LVE behind. */
START_TEST(test_start_refused)
{
    virConnectPtr conn = lveTestOpen(NULL);
    g_autofree char *xml = lveTestDomainXML("unlimited", 3003);
    g_autofree char *vmem = NULL, *cpuset = NULL;
    virDomainPtr dom;
    char *p;

    /* vmem: kept by liblve, but no cgroup limits virtual memory */
    p = strstr(xml, "speed='0'");
    vmem = g_strdup_printf("%.*svmem='1G' %s", (int)(p - xml), xml, p);
    dom = virDomainDefineXML(conn, vmem);
    ck_assert_ptr_nonnull(dom);
    if (lveTestIsLiblve()) {
        ck_assert_int_eq(virDomainCreate(dom), 0);
        ck_assert_int_eq(virDomainDestroy(dom), 0);
    } else {
        ck_assert_int_eq(virDomainCreate(dom), -1);
        ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "LVE 3003: vmem cannot be limited on cgroups");
    }
    assertState(dom, VIR_DOMAIN_SHUTOFF, lveTestIsLiblve() ? VIR_DOMAIN_SHUTOFF_DESTROYED :
                                                             VIR_DOMAIN_SHUTOFF_UNKNOWN);
    ck_assert(!lveTestGroupExists(3003));
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);

    /* a CPU the host does not have */
    p = strstr(xml, "<vcpu>");
    cpuset = g_strdup_printf("%.*s<vcpu cpuset='0-63'>%s", (int)(p - xml), xml, p + 6);
    dom = virDomainDefineXML(conn, cpuset);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "uses CPU 63, but the host has only");
    ck_assert(!lveTestGroupExists(3003));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- usage ---------------------------------------------------------- */

#define USAGE_MIB 16

/* Inside the domain: burns CPU, touches memory, says so, waits. */
static int
childUse(int report, void *opaque)
{
    volatile char *mem;
    size_t i;

    if (lveTestEnter(opaque, 0, NULL) < 0) {
        fprintf(stderr, "enter: %s\n", virGetLastErrorMessage());
        lveTestReport(report, -1);
        return 1;
    }
    lveTestBurnCpu(0.3);
    /* volatile: the compiler must not drop memory nobody reads */
    mem = malloc(USAGE_MIB << 20);
    for (i = 0; mem && i < (USAGE_MIB << 20); i += 4096)
        mem[i] = 1;
    lveTestReport(report, mem ? 0 : -2);
    pause();
    return 0;
}

START_TEST(test_usage)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = defineAndStart(conn, "unlimited", 3004);
    virVcpuInfo vcpus[4];
    virTypedParameter stats[3];
    virDomainInfo info;
    unsigned long long cpuTime = 0, perCpu = 0;
    int report, n, i;
    pid_t pid = lveTestFork(childUse, dom, &report);

    ck_assert_int_eq(lveTestChildResult(report), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_uint_eq(info.nrVirtCpu, 2);
    ck_assert_uint_eq(info.maxMem, 262144);
    ck_assert_uint_ge(info.cpuTime, 200000000ULL);
    ck_assert_uint_ge(info.memory, (USAGE_MIB - 2) * 1024);
    n = virDomainGetCPUStats(dom, stats, 3, -1, 1, 0);
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(virTypedParamsGetULLong(stats, n, "cpu_time", &cpuTime), 1);
    ck_assert_uint_ge(cpuTime, info.cpuTime);
    /* per CPU: the LVE's two CPUs, with the time spent on each */
    n = virDomainGetVcpus(dom, vcpus, 4, NULL, 0);
    ck_assert_int_eq(n, 2);
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(vcpus[i].number, i);
        ck_assert_int_eq(vcpus[i].cpu, i);
        perCpu += vcpus[i].cpuTime;
    }
    ck_assert_uint_ge(perCpu, 200000000ULL);
    lveTestKill(pid);
    close(report);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_uint_eq(info.cpuTime, 0);
    ck_assert_int_eq(virDomainGetVcpus(dom, vcpus, 4, NULL, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "it is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- live tuning ---------------------------------------------------- */

static int
setUIntParam(virDomainPtr dom, bool sched, const char *name, unsigned int value,
             unsigned int flags)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, rc;

    virTypedParamsAddUInt(&params, &n, &max, name, value);
    rc = sched ? virDomainSetSchedulerParametersFlags(dom, params, n, flags) :
                 virDomainSetBlkioParameters(dom, params, n, flags);
    virTypedParamsFree(params, n);
    return rc;
}

static void
assertCgroup(unsigned int id, const char *controller, const char *file, const char *want)
{
    g_autofree char *value = lveTestReadCgroup(controller, id, file);

    ck_assert_msg(strstr(value, want), "%s/%s is '%s', not '%s'", controller, file, value, want);
}

START_TEST(test_live_tuning)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = defineAndStart(conn, "unlimited", 3005);
    g_autofree char *config = NULL;
    unsigned char map = 1 << 1;

    ck_assert_int_eq(setUIntParam(dom, true, "speed", 30, VIR_DOMAIN_AFFECT_LIVE), 0);
    assertCgroup(3005, "cpu", "cpu.cfs_quota_us", "30000");
    config = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(config, "speed='0'"));
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 131072, VIR_DOMAIN_AFFECT_LIVE), 0);
    assertCgroup(3005, "memory", "memory.limit_in_bytes", "134217728");
    ck_assert_int_eq(setUIntParam(dom, false, "io", 1024, VIR_DOMAIN_AFFECT_LIVE), 0);
    assertCgroup(3005, "blkio", "blkio.throttle.read_bps_device", " 1048576");
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    assertCgroup(3005, "cpuset", "cpuset.cpus", "0");
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 1);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), 2);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 3, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "its maximum is 2");
    /* pinning: the cpuset is where the vcpus may run */
    if (lveTestIsLiblve()) {
        ck_assert_int_eq(virDomainPinVcpuFlags(dom, 0, &map, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
        ck_assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "cannot choose the CPUs of an LVE");
    } else {
        virVcpuInfo vcpu;
        unsigned char maps = 0;

        ck_assert_int_eq(virDomainPinVcpuFlags(dom, 0, &map, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
        assertCgroup(3005, "cpuset", "cpuset.cpus", "1");
        ck_assert_int_eq(virDomainGetVcpus(dom, &vcpu, 1, &maps, 1), 1);
        ck_assert_int_eq(vcpu.cpu, 1);
        ck_assert_uint_eq(maps, 1 << 1);
    }
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    /* the configuration was left alone */
    g_free(config);
    config = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(config, "<lve:limits speed='0' ncpu='2' pmem='256M' io='0'"));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_suspend)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = defineAndStart(conn, "unlimited", 3006);
    unsigned int cookie;

    if (lveTestIsLiblve()) {
        ck_assert_int_eq(virDomainSuspend(dom), -1);
        ck_assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "liblve 1.3 offers no way to freeze an LVE");
        assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    } else {
        ck_assert_int_eq(virDomainSuspend(dom), 0);
        assertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        assertCgroup(3006, "freezer", "freezer.state", "FROZEN");
        ck_assert_int_eq(virDomainSuspend(dom), -1);
        ck_assert_error(VIR_ERR_OPERATION_INVALID, "is already paused");
        ck_assert_int_eq(virDomainEnter(dom, &cookie, 0), -1);
        ck_assert_error(VIR_ERR_OPERATION_INVALID, "nothing can enter a frozen LVE");
        ck_assert_int_eq(virDomainResume(dom), 0);
        assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        assertCgroup(3006, "freezer", "freezer.state", "THAWED");
    }
    ck_assert_int_eq(virDomainResume(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not paused");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- shutdown and reboot -------------------------------------------- */

typedef struct {
    virDomainPtr dom;
    bool ignoreTerm;
} waitArgs;

/* Inside the domain: waits, dying of SIGTERM or ignoring it. */
static int
childWait(int report, void *opaque)
{
    waitArgs *args = opaque;

    if (args->ignoreTerm)
        signal(SIGTERM, SIG_IGN);
    if (lveTestEnter(args->dom, 0, NULL) < 0) {
        lveTestReport(report, -1);
        return 1;
    }
    lveTestReport(report, 0);
    for (;;)
        pause();
    return 0;
}

static int
waitFor(pid_t pid)
{
    int status = 0;

    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return status;
}

START_TEST(test_shutdown)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = defineAndStart(conn, "unlimited", 3007);
    waitArgs polite = { dom, false }, stubborn = { dom, true };
    int report1, report2, status;
    pid_t p1 = lveTestFork(childWait, &polite, &report1);
    pid_t p2 = lveTestFork(childWait, &stubborn, &report2);
    gint64 start;

    ck_assert_int_eq(lveTestChildResult(report1), 0);
    ck_assert_int_eq(lveTestChildResult(report2), 0);
    /* SIGTERM: the first goes; the second waits out the grace (1 s) */
    start = g_get_monotonic_time();
    ck_assert_int_eq(virDomainShutdown(dom), 0);
    ck_assert_int_ge(g_get_monotonic_time() - start, G_USEC_PER_SEC);
    assertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    status = waitFor(p1);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    status = waitFor(p2);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    ck_assert(!lveTestGroupExists(3007));
    close(report1);
    close(report2);

    /* graceful destroy fails rather than kill, and changes nothing */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    p2 = lveTestFork(childWait, &stubborn, &report2);
    ck_assert_int_eq(lveTestChildResult(report2), 0);
    ck_assert_int_eq(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL), -1);
    ck_assert_error(VIR_ERR_OPERATION_TIMEOUT, "LVE 3007: 1 tasks are still running after SIGTERM");
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert_int_eq(kill(p2, 0), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    status = waitFor(p2);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    close(report2);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_reboot)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = defineAndStart(conn, "unlimited", 3008);
    waitArgs args = { dom, false };
    int report, status;
    pid_t pid = lveTestFork(childWait, &args, &report);

    ck_assert_int_eq(lveTestChildResult(report), 0);
    ck_assert_int_eq(virDomainReboot(dom, 0), 0);
    status = waitFor(pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert(lveTestGroupExists(3008));
    close(report);
    /* it takes new tasks, with the same id */
    pid = lveTestFork(childWait, &args, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    lveTestKill(pid);
    close(report);
    ck_assert_int_eq(virDomainGetID(dom), 3008);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- enter and leave ------------------------------------------------ */

/* Whether this process's group of @controller is LVE @id's. */
static bool
insideLVE(const char *controller, unsigned int id)
{
    g_autofree char *groups = NULL;
    g_autofree char *want = g_strdup_printf("/lve%u\n", id);
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents("/proc/self/cgroup", &groups, NULL, NULL))
        return false;
    lines = g_strsplit(groups, "\n", 0);
    for (i = 0; lines[i]; i++) {
        g_autofree char *line = g_strconcat(lines[i], "\n", NULL);
        g_auto(GStrv) f = g_strsplit(lines[i], ":", 3);

        if (g_strv_length(f) == 3 && g_str_equal(f[1], controller))
            return g_str_has_suffix(line, want);
    }
    return false;
}

/* Each step returns its number when what it sees is wrong. */
#define STEP(n, cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "step %d: %s (%s)\n", n, #cond, virGetLastErrorMessage()); \
            return n; \
        } \
    } while (0)

static bool
lastErrorHas(const char *needle)
{
    const char *msg = virGetLastErrorMessage();

    return msg && strstr(msg, needle);
}

static int
childEnterLeave(int report G_GNUC_UNUSED, void *opaque)
{
    virDomainPtr dom = opaque;
    bool liblve = lveTestIsLiblve();
    unsigned int cookie = 0, other;

    STEP(1, virDomainEnter(dom, &cookie, 0) == 0 && cookie != 0);
    STEP(2, insideLVE("freezer", 3009) && insideLVE("memory", 3009));
    STEP(3, virDomainLeave(dom, cookie + 1, 0) < 0 && lastErrorHas("cookie is not the one"));
    STEP(4, virDomainEnter(dom, &other, 0) < 0 &&
            lastErrorHas(liblve ? "already inside an LVE" : "already inside it"));
    STEP(5, virDomainLeave(dom, cookie, 0) == 0 && !insideLVE("freezer", 3009));
    STEP(6, virDomainLeave(dom, cookie, 0) < 0 && lastErrorHas("not inside it"));
    /* without the memory limits */
    STEP(7, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_NO_UBC) == 0);
    STEP(8, insideLVE("freezer", 3009) && !insideLVE("memory", 3009) && !insideLVE("pids", 3009));
    STEP(9, virDomainLeave(dom, cookie, 0) == 0);
    /* the namespace is CageFS: only liblve has one */
    if (liblve) {
        STEP(10, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_NAMESPACE) == 0);
        STEP(11, virDomainLeave(dom, cookie, 0) == 0);
    } else {
        STEP(12, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_NAMESPACE) < 0 &&
                 lastErrorHas("no LVE namespace"));
    }
    /* one way: no cookie, no way back */
    STEP(13, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_ONE_WAY) == 0 && cookie == 0);
    STEP(14, virDomainLeave(dom, 0, 0) < 0 && insideLVE("freezer", 3009));
    return 0;
}

START_TEST(test_enter_leave)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = defineAndStart(conn, "unlimited", 3009);
    unsigned int cookie;
    int report, status;
    pid_t pid = lveTestFork(childEnterLeave, dom, &report);

    status = waitFor(pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "enter/leave failed at step %d", WEXITSTATUS(status));
    close(report);
    ck_assert_int_eq(virDomainEnter(dom, &cookie, 1 << 7), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x80)");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainEnter(dom, &cookie, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "(LVE 3009) is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- a new process -------------------------------------------------- */

static void
removeGroups(unsigned int id)
{
    static const char *const controllers[] = {
        "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "freezer",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(controllers); i++) {
        g_autofree char *dir = lveTestCgroupPath(controllers[i], id, NULL);

        rmdir(dir);
    }
}

/* Running LVEs are taken back from their status; those the kernel lost
 * are stopped (and transient ones forgotten). */
START_TEST(test_reload)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr kept = defineAndStart(conn, "unlimited", 3010);
    g_autofree char *xml = lveTestDomainXML("unlimited", 3011);
    virDomainPtr lost = virDomainCreateXML(conn, xml, 0);

    ck_assert_ptr_nonnull(lost);
    virDomainFree(kept);
    virDomainFree(lost);
    ck_assert_int_eq(virConnectClose(conn), 0);
    removeGroups(3011);

    conn = lveTestReopen();
    kept = virDomainLookupByID(conn, 3010);
    ck_assert_ptr_nonnull(kept);
    assertState(kept, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_ptr_null(virDomainLookupByName(conn, "lve-3011"));
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_int_eq(virDomainDestroy(kept), 0);
    virDomainFree(kept);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_autostart)
{
    virConnectPtr conn = lveTestOpen(NULL);
    g_autofree char *xml = lveTestDomainXML("unlimited", 3012);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    virDomainPtr transient;
    int autostart = -1;

    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);

    conn = lveTestReopen();
    dom = virDomainLookupByName(conn, "lve-3012");
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 1);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert(lveTestGroupExists(3012));
    g_free(xml);
    xml = lveTestDomainXML("unlimited", 3013);
    transient = virDomainCreateXML(conn, xml, 0);
    ck_assert_int_eq(virDomainSetAutostart(transient, 1), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "autostart needs a persistent domain");
    ck_assert_int_eq(virDomainDestroy(transient), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainSetAutostart(dom, 0), 0);
    virDomainFree(transient);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- default limits ------------------------------------------------- */

static void
setDefault(virConnectPtr conn, const char *name, unsigned int value)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;

    virTypedParamsAddUInt(&params, &n, &max, name, value);
    ck_assert_msg(virNodeSetMemoryParameters(conn, params, n, 0) == 0, "%s",
                  virGetLastErrorMessage());
    virTypedParamsFree(params, n);
}

static unsigned int
getDefault(virConnectPtr conn, const char *name)
{
    virTypedParameter params[32];
    int n = 32;
    unsigned int value = 0;

    ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
    ck_assert_int_eq(virTypedParamsGetUInt(params, n, name, &value), 1);
    return value;
}

/* Limits a definition leaves out are the defaults; with liblve, the
 * kernel keeps them too (lve_set_default), for a new root to read. */
START_TEST(test_defaults_apply)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom;
    g_autofree char *xml = NULL;

    setDefault(conn, "lve_default_nproc", 7);
    dom = defineAndStart(conn, "bare", 3014);
    assertCgroup(3014, "pids", "pids.max", "7");
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_null(strstr(xml, "nproc="));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);

    conn = lveTestOpen(NULL);
    ck_assert_uint_eq(getDefault(conn, "lve_default_nproc"), lveTestIsLiblve() ? 7 : 100);
    setDefault(conn, "lve_default_nproc", 100);
    virConnectClose(conn);
}
END_TEST

/* init_lve's version check, as the stand-in kernel answers it */
START_TEST(test_liblve_version)
{
    static const struct { const char *api; const char *needle; } cases[] = {
        { "0.8", "do not match (init_lve: Invalid argument)" },
        { "none", "do not match (init_lve: Function not implemented)" },
    };
    size_t i;

    if (!lveTestIsLiblve())
        return;
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *dir = testMakeTempDir("lve-api");
        g_autofree char *uri = g_strdup_printf("lve:///embed?root=%s&backend=liblve", dir);

        g_setenv("LVE_STANDIN_KERNEL_API", cases[i].api, TRUE);
        ck_assert_ptr_null(virConnectOpen(uri));
        ck_assert_error(VIR_ERR_NO_SUPPORT, cases[i].needle);
        testRemoveTree(dir);
    }
    g_unsetenv("LVE_STANDIN_KERNEL_API");
}
END_TEST

static Suite *
lveDriverSuite(void)
{
    Suite *s = suite_create("lve-driver");
    TCase *tc = tcase_create(lveTestBackend());

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_lifecycle);
    tcase_add_test(tc, test_transient);
    tcase_add_test(tc, test_start_refused);
    tcase_add_test(tc, test_usage);
    tcase_add_test(tc, test_live_tuning);
    tcase_add_test(tc, test_suspend);
    tcase_add_test(tc, test_shutdown);
    tcase_add_test(tc, test_reboot);
    tcase_add_test(tc, test_enter_leave);
    tcase_add_test(tc, test_reload);
    tcase_add_test(tc, test_autostart);
    tcase_add_test(tc, test_defaults_apply);
    tcase_add_test(tc, test_liblve_version);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-driver", true);
    return lveTestRun(lveDriverSuite());
}
