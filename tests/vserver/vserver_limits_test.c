/*
 * vserver_limits_test.c: what VServer domains ask of their contexts,
 * through the public API, under virtkit-vserver-sim: every setting given
 * at start and read back from the kernel (vsprobe), live changes of
 * memory, the scheduler and the memory tunables, vcpus and pins (no CPU
 * mask), what a domain reports, what each encoding cannot express, and a
 * kernel that lacks a command
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "vsdriver.h"

/* ---- every setting at start ------------------------------------------ */

START_TEST(test_settings)
{
    g_autofree char *name = g_strdup_printf("settings-%s", vsdAbi());
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, name, 3130);

    ck_assert(vsdProbeMatches(3130, "settings"));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert(!vsdContextExists(3130));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- live changes ------------------------------------------------------ */

static void
setMemtune(virDomainPtr dom, const char *field, unsigned long long kib, int expect)
{
    virTypedParameter param = { .type = VIR_TYPED_PARAM_ULLONG, .value.ul = kib };

    g_strlcpy(param.field, field, sizeof(param.field));
    ck_assert_msg(virDomainSetMemoryParameters(dom, &param, 1, VIR_DOMAIN_AFFECT_LIVE) == expect,
                  "memtune %s=%llu: %s", field, kib, virGetLastErrorMessage());
}

static unsigned long long
getMemtune(virDomainPtr dom, const char *field, unsigned int flags)
{
    virTypedParameter params[4];
    int n = 4, i;

    ck_assert_int_eq(virDomainGetMemoryParameters(dom, params, &n, flags), 0);
    for (i = 0; i < n; i++) {
        if (g_str_equal(params[i].field, field))
            return params[i].value.ul;
    }
    ck_abort_msg("no memtune parameter %s", field);
    return 0;
}

START_TEST(test_live_memory)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3140);

    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 128 * 1024, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_int_eq(getMemtune(dom, VIR_DOMAIN_MEMORY_HARD_LIMIT, 0), 128 * 1024);
    /* the configuration keeps its own until it is changed */
    ck_assert_int_eq(getMemtune(dom, VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_DOMAIN_AFFECT_CONFIG),
                     256 * 1024);
    ck_assert_int_eq(virDomainSetMaxMemory(dom, 512 * 1024), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "cannot resize the maximum memory of running domain");
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 512 * 1024, VIR_DOMAIN_AFFECT_CONFIG |
                                             VIR_DOMAIN_MEM_MAXIMUM), 0);
    setMemtune(dom, VIR_DOMAIN_MEMORY_HARD_LIMIT, 300 * 1024, -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "must be 1 to 262144 KiB, its maximum");
    setMemtune(dom, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, 1024 * 1024, 0);
    if (vsdIsV2()) {
        setMemtune(dom, VIR_DOMAIN_MEMORY_SOFT_LIMIT, 64 * 1024, 0);
        setMemtune(dom, VIR_DOMAIN_MEMORY_MIN_GUARANTEE, 1024, -1);
        ck_assert_error(VIR_ERR_NO_SUPPORT, "this kernel keeps no minimum for the limit rss");
    } else {
        setMemtune(dom, VIR_DOMAIN_MEMORY_SOFT_LIMIT, 64 * 1024, -1);
        ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED,
                        "cannot express a soft limit other than the hard one in 'memory.resident (set)'");
    }
    ck_assert(vsdProbeMatches(3140, "memory"));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    /* what the configuration says now */
    ck_assert_int_eq(virDomainGetMaxMemory(dom), 512 * 1024);
    ck_assert_int_eq(getMemtune(dom, VIR_DOMAIN_MEMORY_HARD_LIMIT, 0), 256 * 1024);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static int
setSched(virDomainPtr dom, const char *field, int type, int value, unsigned int flags)
{
    virTypedParameter param = { .type = type };

    g_strlcpy(param.field, field, sizeof(param.field));
    if (type == VIR_TYPED_PARAM_INT)
        param.value.i = value;
    else
        param.value.ui = value;
    return virDomainSetSchedulerParametersFlags(dom, &param, 1, flags);
}

static char *
schedText(virDomainPtr dom, unsigned int flags)
{
    g_autoptr(GString) out = g_string_new(NULL);
    virTypedParameter params[8];
    int n = 8, i;

    ck_assert_int_eq(virDomainGetSchedulerParametersFlags(dom, params, &n, flags), 0);
    for (i = 0; i < n; i++)
        g_string_append_printf(out, "%s=%d ", params[i].field,
                               params[i].type == VIR_TYPED_PARAM_INT ? params[i].value.i :
                                                                       (int)params[i].value.ui);
    return g_string_free(g_steal_pointer(&out), FALSE);
}

START_TEST(test_live_sched)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "sched", 3150);
    g_autofree char *type = NULL, *live = NULL, *config = NULL;
    int nparams = 0;

    type = virDomainGetSchedulerType(dom, &nparams);
    ck_assert_str_eq(type, "vserver");
    ck_assert_int_eq(nparams, vsdIsV2() ? 8 : 6);
    ck_assert_int_eq(setSched(dom, "fill_rate", VIR_TYPED_PARAM_UINT, 3, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_int_eq(setSched(dom, "priority_bias", VIR_TYPED_PARAM_INT, 5, 0), 0);
    ck_assert_int_eq(setSched(dom, "tokens_max", VIR_TYPED_PARAM_UINT, 300,
                              VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(setSched(dom, "interval", VIR_TYPED_PARAM_UINT, 0, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "the scheduler's interval must be 1 to 2147483647, not 0");
    ck_assert_int_eq(setSched(dom, "priority_bias", VIR_TYPED_PARAM_INT, 21, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "priority_bias must be -20 to 20, not 21");
    ck_assert_int_eq(setSched(dom, "interval", VIR_TYPED_PARAM_INT, 3, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "interval");
    if (!vsdIsV2()) {
        ck_assert_int_eq(setSched(dom, "fill_rate2", VIR_TYPED_PARAM_UINT, 1, 0), -1);
        ck_assert_error(VIR_ERR_NO_SUPPORT, "has no idle-time bucket (fill_rate2)");
    }
    /* live: what the kernel holds; config: what the definition says */
    live = schedText(dom, VIR_DOMAIN_AFFECT_LIVE);
    config = schedText(dom, VIR_DOMAIN_AFFECT_CONFIG);
    ck_assert_str_eq(config, "fill_rate=1 interval=4 tokens_max=300 ");
    ck_assert(vsdProbeMatches(3150, "sched"));
    ck_assert_msg(strstr(live, "fill_rate=3 interval=4 ") && strstr(live, "priority_bias=5 "),
                  "%s", live);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- vcpus ------------------------------------------------------------ */

START_TEST(test_vcpus)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3160);
    unsigned char map = 1;
    unsigned char cpumaps[8] = { 0 };
    virVcpuInfo info[4];
    int n;

    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_error(VIR_ERR_NO_SUPPORT, vsdIsV2() ? "scheduler ('set_sched') has no CPU mask" :
                                        "scheduler ('context.sched_policy') has no CPU mask");
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 0, &map, 1, VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_NO_SUPPORT, "its vcpus cannot be pinned");
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_CONFIG), 0);
    n = virDomainGetVcpus(dom, info, 4, cpumaps, 1);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(info[0].state, VIR_VCPU_RUNNING);
    ck_assert_int_eq(info[0].cpu, VIR_VCPU_INFO_CPU_UNAVAILABLE);
    /* it may run on every CPU of the host */
    ck_assert(VIR_CPU_USABLE(cpumaps, 1, 0, 0));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 4, NULL, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- what a domain reports -------------------------------------------- */

START_TEST(test_info)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3170);
    g_autofree char *caps = virConnectGetCapabilities(conn);
    g_autofree char *want = g_strdup_printf("abi='%s'", vsdIsV2() ? "V2" : "2003");
    virTypedParameter stats[3];
    unsigned long version = 0;
    virDomainInfo info;

    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(info.maxMem, 256 * 1024);
    ck_assert_int_eq(info.nrVirtCpu, 1);
    if (vsdIsV2()) {
        /* what its processes hold: the sleeping init, some pages */
        ck_assert_msg(info.memory > 0 && info.memory < 64 * 1024, "%lu KiB", info.memory);
        ck_assert_int_eq(virDomainGetCPUStats(dom, stats, 3, -1, 1, 0), 3);
        ck_assert_str_eq(stats[0].field, VIR_DOMAIN_CPU_STATS_CPUTIME);
    } else {
        ck_assert_int_eq(info.memory, 256 * 1024);
        ck_assert_int_eq(virDomainGetCPUStats(dom, stats, 3, -1, 1, 0), -1);
        ck_assert_error(VIR_ERR_NO_SUPPORT, "cannot name the processes of a context");
    }
    ck_assert_int_eq(virDomainGetCPUStats(dom, stats, 1, 0, 1, 0), -1);
    ck_assert_error(VIR_ERR_NO_SUPPORT, "no CPU time per host CPU");
    ck_assert_str_eq(virConnectGetType(conn), "VServer");
    ck_assert_int_eq(virConnectGetVersion(conn, &version), 0);
    ck_assert_int_eq(version, vsdIsV2() ? 2003001 : 1000000);
    ck_assert_msg(strstr(caps, want) && strstr(caps, "<domain type='vserver'/>"), "%s", caps);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(info.memory, 256 * 1024);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* The bulk statistics and the memory statistics: the state, CPU time
 * and resident set the kernel gives (V2: its processes), the balloon's
 * limit, and vcpus with a state but no time (the kernel keeps none per
 * vcpu). */
START_TEST(test_stats)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3175);
    virDomainPtr doms[2] = { dom, NULL };
    virDomainMemoryStatStruct mem[VIR_DOMAIN_MEMORY_STAT_NR];
    virDomainStatsRecordPtr *records = NULL;
    virTypedParameterPtr params;
    unsigned long long ull = 0;
    int nparams, value = -1;
    unsigned int ui = 0;

    ck_assert_int_eq(virDomainListGetStats(doms, 0, &records, 0), 1);
    params = records[0]->params;
    nparams = records[0]->nparams;
    ck_assert_int_eq(virTypedParamsGetInt(params, nparams, "state.state", &value), 1);
    ck_assert_int_eq(value, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(virTypedParamsGetULLong(params, nparams, "balloon.current", &ull), 1);
    ck_assert_uint_eq(ull, 256 * 1024);
    ck_assert_int_eq(virTypedParamsGetUInt(params, nparams, "vcpu.current", &ui), 1);
    ck_assert_uint_eq(ui, 1);
    ck_assert_int_eq(virTypedParamsGetInt(params, nparams, "vcpu.0.state", &value), 1);
    ck_assert_int_eq(value, VIR_VCPU_RUNNING);
    ck_assert_ptr_null(virTypedParamsGet(params, nparams, "vcpu.0.time"));
    ck_assert_ptr_null(virTypedParamsGet(params, nparams, "vcpu.1.state"));
    if (vsdIsV2()) {
        /* the sleeping init: some pages, a CPU time that adds up */
        unsigned long long user = 0, sys = 0;

        ck_assert_int_eq(virTypedParamsGetULLong(params, nparams, "balloon.rss", &ull), 1);
        ck_assert_msg(ull > 0 && ull < 64 * 1024, "%llu KiB", ull);
        ck_assert_int_eq(virTypedParamsGetULLong(params, nparams, "cpu.user", &user), 1);
        ck_assert_int_eq(virTypedParamsGetULLong(params, nparams, "cpu.system", &sys), 1);
        ck_assert_int_eq(virTypedParamsGetULLong(params, nparams, "cpu.time", &ull), 1);
        ck_assert_uint_eq(ull, user + sys);
        ck_assert_int_eq(virDomainMemoryStats(dom, mem, VIR_DOMAIN_MEMORY_STAT_NR, 0), 2);
        ck_assert_int_eq(mem[1].tag, VIR_DOMAIN_MEMORY_STAT_RSS);
        ck_assert_msg(mem[1].val > 0 && mem[1].val < 64 * 1024, "%llu KiB", mem[1].val);
    } else {
        /* the 2003 design cannot name the processes: nothing to count */
        ck_assert_ptr_null(virTypedParamsGet(params, nparams, "cpu.time"));
        ck_assert_ptr_null(virTypedParamsGet(params, nparams, "balloon.rss"));
        ck_assert_int_eq(virDomainMemoryStats(dom, mem, VIR_DOMAIN_MEMORY_STAT_NR, 0), 1);
    }
    ck_assert_int_eq(mem[0].tag, VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON);
    ck_assert_uint_eq(mem[0].val, 256 * 1024);
    virDomainStatsRecordListFree(records);

    /* paused: the vcpus are blocked, the state is the kernel's */
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainListGetStats(doms, VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_VCPU,
                                           &records, 0), 1);
    params = records[0]->params;
    nparams = records[0]->nparams;
    ck_assert_int_eq(virTypedParamsGetInt(params, nparams, "state.state", &value), 1);
    ck_assert_int_eq(value, VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(virTypedParamsGetInt(params, nparams, "vcpu.0.state", &value), 1);
    ck_assert_int_eq(value, VIR_VCPU_BLOCKED);
    virDomainStatsRecordListFree(records);

    /* shut off: what the definition says, no numbers, no vcpu */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainListGetStats(doms, 0, &records, 0), 1);
    params = records[0]->params;
    nparams = records[0]->nparams;
    ck_assert_int_eq(virTypedParamsGetInt(params, nparams, "state.state", &value), 1);
    ck_assert_int_eq(value, VIR_DOMAIN_SHUTOFF);
    ck_assert_ptr_null(virTypedParamsGet(params, nparams, "cpu.time"));
    ck_assert_ptr_null(virTypedParamsGet(params, nparams, "vcpu.0.state"));
    ck_assert_int_eq(virTypedParamsGetUInt(params, nparams, "vcpu.maximum", &ui), 1);
    virDomainStatsRecordListFree(records);
    ck_assert_int_eq(virDomainMemoryStats(dom, mem, VIR_DOMAIN_MEMORY_STAT_NR, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    ck_assert_int_eq(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_BLOCK, &records,
                                                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS),
                     -1);
    ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "Stats types bits 0x20");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* The node is the host: its KSM tunables are the node's memory
 * parameters, as on the other drivers.  Only refused changes are made:
 * the host is not changed. */
START_TEST(test_node_memory)
{
    virConnectPtr conn = vsdOpen(NULL);
    virTypedParameter params[8];            /* KSM's 3 tunables, 5 counters */
    virTypedParameter zero = { .type = VIR_TYPED_PARAM_UINT, .value.ui = 0 };
    int n = 0;

    ck_assert_int_eq(virNodeGetMemoryParameters(conn, NULL, &n, 0), 0);
    ck_assert_int_eq(n, 8);
    if (g_file_test("/sys/kernel/mm/ksm/pages_to_scan", G_FILE_TEST_EXISTS)) {
        ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
        ck_assert_int_eq(n, 8);
        ck_assert_str_eq(params[0].field, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN);
        g_strlcpy(zero.field, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, sizeof(zero.field));
        ck_assert_int_eq(virNodeSetMemoryParameters(conn, &zero, 1, 0), -1);
        ck_assert_error(VIR_ERR_INVALID_ARG, "shm_pages_to_scan must be at least 1");
    } else {
        ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), -1);
        printf("SKIP: node memory parameters: this host has no KSM\n");
    }
    virConnectClose(conn);
}
END_TEST

/* ---- what each encoding cannot express -------------------------------- */

static const struct {
    const char *name;
    const char *abi;            /* which encoding refuses it */
    int code;
    const char *needle;
} refusals[] = {
    { "disklimit", "v2", VIR_ERR_NO_SUPPORT, "the V2 ABI has no command 'vfs.disk_limit'" },
    { "bandwidth", "v2", VIR_ERR_NO_SUPPORT, "the V2 ABI has no command 'netdev.create'" },
    { "rss-min", "v2", VIR_ERR_NO_SUPPORT, "this kernel keeps no minimum for the limit rss" },
    { "flags", "2003", VIR_ERR_NO_SUPPORT, "the 2003 ABI has no command 'set_cflags'" },
    { "anon", "2003", VIR_ERR_NO_SUPPORT, "the 2003 ABI has no command for the limit ANON" },
    { "uts", "2003", VIR_ERR_NO_SUPPORT, "the 2003 ABI has no command 'set_vhi_name'" },
    { "cpu-bucket", "2003", VIR_ERR_ARGUMENT_UNSUPPORTED, "per-CPU buckets" },
    { "soft-hard", "2003", VIR_ERR_ARGUMENT_UNSUPPORTED, "a soft limit other than the hard one" },
    { "rss-min", "2003", VIR_ERR_ARGUMENT_UNSUPPORTED, "cannot express a minimum" },
};

START_TEST(test_refusals)
{
    unsigned int xid = 3180 + _i;
    virConnectPtr conn;
    virDomainPtr dom;

    if (!g_str_equal(refusals[_i].abi, vsdAbi())) {
        printf("SKIP: %s: a refusal of the %s encoding (this kernel is %s)\n",
               refusals[_i].name, refusals[_i].abi, vsdAbi());
        return;
    }
    conn = vsdOpen(NULL);
    dom = vsdDefine(conn, refusals[_i].name, xid);
    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(refusals[_i].code, refusals[_i].needle);
    /* nothing is left of the start */
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    ck_assert(!vsdContextExists(xid));
    ck_assert_int_eq(vsdFindInit(xid), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* Run under a kernel started --without set_sched (simtest.sh). */
START_TEST(test_kernel_lacks)
{
    virConnectPtr conn;
    virDomainPtr dom;

    if (!vsdLacks("set_sched")) {
        printf("SKIP: a kernel without set_sched: this one has it\n");
        return;
    }
    conn = vsdOpen(NULL);
    dom = vsdDefine(conn, "sched", 3220);
    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(VIR_ERR_NO_SUPPORT, "this kernel does not offer the VServer command 'set_sched'");
    ck_assert(!vsdContextExists(3220));
    virDomainFree(dom);
    /* what does not need it runs */
    dom = vsdDefineAndStart(conn, "plain", 3221);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
limitsSuite(void)
{
    Suite *s = suite_create("vserver-limits");
    TCase *tc = tcase_create("limits");
    TCase *kernel = tcase_create("kernel");

    tcase_add_test(tc, test_settings);
    tcase_add_test(tc, test_live_memory);
    tcase_add_test(tc, test_live_sched);
    tcase_add_test(tc, test_vcpus);
    tcase_add_test(tc, test_info);
    tcase_add_test(tc, test_stats);
    tcase_add_test(tc, test_node_memory);
    tcase_add_loop_test(tc, test_refusals, 0, G_N_ELEMENTS(refusals));
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    tcase_add_test(kernel, test_kernel_lacks);
    suite_add_tcase(s, kernel);
    return s;
}

int
main(void)
{
    vsdInit("vserver_limits_test");
    return vsdRun(limitsSuite());
}
