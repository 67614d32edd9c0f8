/*
 * lve_driver_test.c: the LVE driver against the kernel, through the public
 * API: lifecycle, refused starts, usage, live tuning, suspend.
 *
 * Runs as root on cgroup v1, against the backend LVE_TEST_BACKEND names
 * (tests/lve/run-liblve.sh runs it against the stand-in liblve).
 */
#include <config.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

START_TEST(test_lifecycle)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3001);
    virDomainPtr byId;
    g_autofree char *xml = NULL;

    lveTestAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
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
    lveTestAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
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
        lveTestAssertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        state = lveTestReadCgroup("freezer", 3002, "freezer.state");
        ck_assert_str_eq(state, "FROZEN");
        ck_assert_int_eq(virDomainDestroy(dom), 0);
        virDomainFree(dom);
    }
    virConnectClose(conn);
}
END_TEST

/* One memtune parameter, of the domain's current definition. */
static int
setMemtune(virDomainPtr dom, const char *name, unsigned long long kib)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, rc;

    virTypedParamsAddULLong(&params, &n, &max, name, kib);
    rc = virDomainSetMemoryParameters(dom, params, n, 0);
    virTypedParamsFree(params, n);
    return rc;
}

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
    lveTestAssertState(dom, VIR_DOMAIN_SHUTOFF, lveTestIsLiblve() ? VIR_DOMAIN_SHUTOFF_DESTROYED :
                                                             VIR_DOMAIN_SHUTOFF_UNKNOWN);
    ck_assert(!lveTestGroupExists(3003));
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);

    /* the same vmem set on a stopped LVE: refused then, with the error
     * its start would give, not at the start */
    dom = virDomainDefineXML(conn, xml);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(setMemtune(dom, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, 1048576),
                     lveTestIsLiblve() ? 0 : -1);
    if (!lveTestIsLiblve()) {
        ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "LVE 3003: vmem cannot be limited on cgroups");
        ck_assert_int_eq(virDomainCreate(dom), 0);
        ck_assert_int_eq(virDomainDestroy(dom), 0);
    }
    ck_assert_int_eq(setMemtune(dom, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
                                VIR_DOMAIN_MEMORY_PARAM_UNLIMITED), 0);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);

    /* a CPU the host does not have: refused at define already */
    p = strstr(xml, "<vcpu>");
    cpuset = g_strdup_printf("%.*s<vcpu cpuset='0-63'>%s", (int)(p - xml), xml, p + 6);
    ck_assert_ptr_null(virDomainDefineXML(conn, cpuset));
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "uses CPU 63, but the host has only");
    ck_assert(!lveTestGroupExists(3003));
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

/* The VCPU group of the statistics says what virDomainGetVcpus said of
 * each of the @n vcpus in @vcpus: its state, and its CPU's time, which
 * only grows. */
static void
assertVcpuStats(virDomainPtr dom, const virVcpuInfo *vcpus, int n)
{
    virDomainPtr doms[2] = { dom, NULL };
    virDomainStatsRecordPtr *records = NULL;
    virTypedParameterPtr p;
    int np, i;

    ck_assert_int_eq(virDomainListGetStats(doms, VIR_DOMAIN_STATS_VCPU, &records, 0), 1);
    p = records[0]->params;
    np = records[0]->nparams;
    ck_assert_int_eq(np, 2 + 2 * n);
    ck_assert_str_eq(p[0].field, "vcpu.current");
    ck_assert_uint_eq(p[0].value.ui, n);
    for (i = 0; i < n; i++) {
        g_autofree char *state = g_strdup_printf("vcpu.%d.state", i);
        g_autofree char *time = g_strdup_printf("vcpu.%d.time", i);
        unsigned long long ns = 0;
        int value = -1;

        ck_assert_int_eq(virTypedParamsGetInt(p, np, state, &value), 1);
        ck_assert_int_eq(value, vcpus[i].state);
        ck_assert_int_eq(virTypedParamsGetULLong(p, np, time, &ns), 1);
        ck_assert_uint_ge(ns, vcpus[i].cpuTime);
    }
    virDomainStatsRecordListFree(records);
}

START_TEST(test_usage)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3004);
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
    assertVcpuStats(dom, vcpus, n);
    /* the same time, host CPU by host CPU */
    ck_assert_int_eq(virDomainGetCPUStats(dom, stats, 1, 0, 2, 0), 1);
    ck_assert_uint_eq(stats[0].value.ul + stats[1].value.ul >= 200000000ULL, 1);
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

/* The scheduler's speed as a string, live. */
static int
setSpeedString(virDomainPtr dom, const char *speed)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, rc;

    virTypedParamsAddString(&params, &n, &max, "speed", speed);
    rc = virDomainSetSchedulerParametersFlags(dom, params, n, VIR_DOMAIN_AFFECT_LIVE);
    virTypedParamsFree(params, n);
    return rc;
}

/* With vcpu 0 pinned to CPU 1: a second vcpu takes another CPU, and
 * pinning it to CPU 1 too narrows the cpuset to CPU 1, on which both are
 * reported (never on no CPU); the pins are in the domain's XML. */
static void
assertPinsHold(virDomainPtr dom)
{
    virVcpuInfo vcpus[2];
    unsigned char maps[2] = { 0, 0 };
    unsigned char map = 1 << 1;
    g_autofree char *xml = NULL;

    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_AFFECT_LIVE), 0);
    lveTestAssertCgroup(3005, "cpuset", "cpuset.cpus", "0-1");
    ck_assert_int_eq(virDomainGetVcpus(dom, vcpus, 2, maps, 1), 2);
    ck_assert_int_eq(vcpus[0].cpu, 1);
    ck_assert_uint_eq(maps[0], 1 << 1);
    ck_assert_int_eq(vcpus[1].cpu, 0);
    ck_assert_uint_eq(maps[1] & 1, 1);

    ck_assert_int_eq(virDomainPinVcpu(dom, 1, &map, 1), 0);
    lveTestAssertCgroup(3005, "cpuset", "cpuset.cpus", "1");
    ck_assert_int_eq(virDomainGetVcpus(dom, vcpus, 2, maps, 1), 2);
    ck_assert_int_eq(vcpus[0].cpu, 1);
    ck_assert_int_eq(vcpus[1].cpu, 1);
    ck_assert_uint_eq(maps[1], 1 << 1);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<vcpupin vcpu='0' cpuset='1'/>"));
    ck_assert_ptr_nonnull(strstr(xml, "<vcpupin vcpu='1' cpuset='1'/>"));
}

START_TEST(test_live_tuning)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3005);
    g_autofree char *config = NULL;
    unsigned char map = 1 << 1;

    ck_assert_int_eq(setUIntParam(dom, true, "speed", 30, VIR_DOMAIN_AFFECT_LIVE), 0);
    lveTestAssertCgroup(3005, "cpu", "cpu.cfs_quota_us", "30000");
    /* speed as the XML writes it */
    ck_assert_int_eq(setSpeedString(dom, "150%"), 0);
    lveTestAssertCgroup(3005, "cpu", "cpu.cfs_quota_us", "150000");
    ck_assert_int_eq(setSpeedString(dom, "50"), 0);
    lveTestAssertCgroup(3005, "cpu", "cpu.cfs_quota_us", "50000");
    ck_assert_int_eq(setSpeedString(dom, "50x"), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "invalid speed '50x': expected a percentage of one core");
    ck_assert_int_eq(setSpeedString(dom, "900000%"), -1);
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "is more than an LVE can hold");
    lveTestAssertCgroup(3005, "cpu", "cpu.cfs_quota_us", "50000");
    ck_assert_int_eq(setUIntParam(dom, true, "speed", 30, VIR_DOMAIN_AFFECT_LIVE), 0);
    config = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(config, "speed='0'"));
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 131072, VIR_DOMAIN_AFFECT_LIVE), 0);
    lveTestAssertCgroup(3005, "memory", "memory.limit_in_bytes", "134217728");
    ck_assert_int_eq(setUIntParam(dom, false, "io", 1024, VIR_DOMAIN_AFFECT_LIVE), 0);
    lveTestAssertCgroup(3005, "blkio", "blkio.throttle.read_bps_device", " 1048576");
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    lveTestAssertCgroup(3005, "cpuset", "cpuset.cpus", "0");
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
        lveTestAssertCgroup(3005, "cpuset", "cpuset.cpus", "1");
        ck_assert_int_eq(virDomainGetVcpus(dom, &vcpu, 1, &maps, 1), 1);
        ck_assert_int_eq(vcpu.cpu, 1);
        ck_assert_uint_eq(maps, 1 << 1);
        assertPinsHold(dom);
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

/* A refused change leaves a running LVE as it was: no pending
 * configuration (virDomainIsUpdated), the same limits in the kernel. */
#define LVE_DISK "<disk type='file'><source file='/srv/web.img'/><target dev='vdb'/></disk>"

START_TEST(test_refused_unchanged)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3006);
    g_autofree char *before = virDomainGetXMLDesc(dom, 0);
    g_autofree char *after = NULL;
    unsigned char map = 1;

    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    ck_assert_int_eq(virDomainSetMemory(dom, 1UL << 40), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "its maximum is");
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 5, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 9, &map, 1, VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    ck_assert_int_eq(setUIntParam(dom, true, "speed", 4000000000U, 0), -1);
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, ULONG_MAX, VIR_DOMAIN_AFFECT_CONFIG |
                                             VIR_DOMAIN_MEM_MAXIMUM), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "is too large");
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    /* an LVE has no devices to hotplug */
    ck_assert_int_eq(virDomainAttachDeviceFlags(dom, LVE_DISK, VIR_DOMAIN_AFFECT_LIVE |
                                                VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "live attach of device 'disk' is not supported");
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    after = virDomainGetXMLDesc(dom, 0);
    ck_assert_str_eq(after, before);
    /* a change of the configuration that is made shows, and waits */
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainIsUpdated(dom), 1);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), 2);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), 1);
    /* nor in its configuration, as at define */
    ck_assert_int_eq(virDomainAttachDeviceFlags(dom, LVE_DISK, VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "<disk> is not supported: an LVE has no devices");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainIsUpdated(dom), 0);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, 0), 1);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_suspend)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3006);
    unsigned int cookie;

    if (lveTestIsLiblve()) {
        ck_assert_int_eq(virDomainSuspend(dom), -1);
        ck_assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "liblve 1.3 offers no way to freeze an LVE");
        lveTestAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    } else {
        ck_assert_int_eq(virDomainSuspend(dom), 0);
        lveTestAssertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        lveTestAssertCgroup(3006, "freezer", "freezer.state", "FROZEN");
        ck_assert_int_eq(virDomainSuspend(dom), -1);
        ck_assert_error(VIR_ERR_OPERATION_INVALID, "is already paused");
        ck_assert_int_eq(virDomainEnter(dom, &cookie, 0), -1);
        ck_assert_error(VIR_ERR_OPERATION_INVALID, "nothing can enter a frozen LVE");
        ck_assert_int_eq(virDomainResume(dom), 0);
        lveTestAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        lveTestAssertCgroup(3006, "freezer", "freezer.state", "THAWED");
    }
    ck_assert_int_eq(virDomainResume(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not paused");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* Inside (a v2 group): says so, waits. */
static int
childInsideV2(int report, void *opaque)
{
    g_autofree char *groups = NULL;

    if (lveTestEnter(opaque, 0, NULL) < 0 ||
        !g_file_get_contents("/proc/self/cgroup", &groups, NULL, NULL)) {
        lveTestReport(report, -1);
        return 1;
    }
    lveTestReport(report, strstr(groups, "0::/") && strstr(groups, "/lve3020\n") ? 0 : -2);
    pause();
    return 0;
}

/* cgroup v2: this host's unified hierarchy has no limit controllers, but
 * an LVE without limits runs there: entry, freezing, killing. */
START_TEST(test_cgroup_v2)
{
    g_autofree char *dir = NULL, *caps = NULL, *events = NULL, *nproc = NULL;
    virConnectPtr conn;
    virDomainPtr dom;
    int report, status;
    pid_t pid;

    if (lveTestIsLiblve())
        return;
    dir = lveTestCgroupPath("cgroup2", 3020, NULL);
    conn = lveTestOpen("cgroup_mode=v2");
    caps = virConnectGetCapabilities(conn);
    ck_assert_ptr_nonnull(strstr(caps, "name='cgroup' cgroup='v2'"));
    dom = lveTestCreate(conn, "v2", 3020);
    ck_assert(g_file_test(dir, G_FILE_TEST_IS_DIR));
    pid = lveTestFork(childInsideV2, dom, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    events = lveTestReadCgroup("cgroup2", 3020, "cgroup.events");
    ck_assert_ptr_nonnull(strstr(events, "frozen 1"));
    ck_assert_int_eq(virDomainResume(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    status = lveTestWait(pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    ck_assert(!g_file_test(dir, G_FILE_TEST_EXISTS));
    close(report);
    virDomainFree(dom);
    /* a limit whose controller v2 does not offer here is refused */
    if (!strstr(caps, "<lve:controller name='pids'/>")) {
        g_autofree char *v2 = lveTestDomainXML("v2", 3021);
        g_auto(GStrv) parts = g_strsplit(v2, "nproc='0'", 2);

        nproc = g_strjoinv("nproc='5'", parts);
        ck_assert_ptr_null(virDomainCreateXML(conn, nproc, 0));
        ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED,
                        "LVE 3021: nproc needs the 'pids' cgroup controller, which this host does not offer (cgroup v2)");
    }
    virConnectClose(conn);
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
    tcase_add_test(tc, test_refused_unchanged);
    tcase_add_test(tc, test_suspend);
    tcase_add_test(tc, test_cgroup_v2);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-driver", true);
    return lveTestRun(lveDriverSuite());
}
