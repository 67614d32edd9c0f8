/*
 * vserver_sim_2003_test.c: the binding's real system-call path on a
 * kernel of the 2003 design: every operation, its success and refusals
 *
 * Run by tests/vserver/simtest.sh under virtkit-vserver-sim --abi 2003
 * (and --without ..., for a kernel that lacks a category and a command),
 * and without it, where this mainline kernel answers ENOSYS.
 */
#include "internal.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_limits.h"
#include "vserver_net.h"
#include "vssimtest.h"

START_TEST(test_no_vserver)
{
    vserverBinding *b = vserverBindingOpen(&vserverSyscallKernel, NULL);

    ck_assert_ptr_null(b);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel has no Linux-VServer support (the vserver system call is not implemented)");
}
END_TEST

START_TEST(test_open)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();

    ck_assert_int_eq(vserverBindingGetAbi(b), VSERVER_ABI_2003);
    ck_assert_uint_eq(vserverBindingGetVersion(b), 0x00010000);
}
END_TEST

/* A 2003 context lives until it is destroyed, and not while it has tasks. */
static void
migrateInChild(vserverBinding *b, GString *out, void *opaque)
{
    uint32_t xid = 0;

    vssimtestResult(out, vserverContextMigrate(b, GPOINTER_TO_UINT(opaque), 0));
    vserverTaskContext(b, 0, &xid);
    g_string_append_printf(out, " xid=%u", xid);
}

START_TEST(test_lifecycle)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 300, VS_VXF_INIT_SET, NULL);
    g_autofree char *err = NULL;
    vserverContextStat st;
    uint32_t xid = 7;
    int status;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverContextGetStat(b, 300, &st), 0);
    ck_assert_uint_eq(st.tasks, 1);
    g_free(err);
    err = vssimtestInChild(b, migrateInChild, GUINT_TO_POINTER(300));
    ck_assert_str_eq(err, "ok xid=300");
    g_clear_pointer(&err, g_free);
    ck_assert_int_eq(vserverTaskContext(b, 0, &xid), 0);
    ck_assert_uint_eq(xid, 0);
    ck_assert_int_eq(vssimtestSpawn(b, 300, VS_VXF_INIT_SET, &err), -1);
    ck_assert_str_eq(err, "error 55: Requested operation is not valid: VServer context 300: 'context.create (set)' refused: it already exists");
    ck_assert_int_eq(vserverContextDestroy(b, 300), -1);
    ck_assert_vserver_error(VIR_ERR_RESOURCE_BUSY,
                            "VServer context 300: 'context.destroy (set)' refused: it still has processes");
    ck_assert_int_eq(vserverContextKill(b, 300, 0, SIGTERM), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    ck_assert_int_eq(vserverContextGetStat(b, 300, &st), 0);
    ck_assert_uint_eq(st.tasks, 0);
    ck_assert_int_eq(vserverContextDestroy(b, 300), 0);
    ck_assert_int_eq(vserverContextGetStat(b, 300, &st), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID,
                            "VServer context 300: 'process.count (get)' refused: no such context");
}
END_TEST

static void
currentInChild(vserverBinding *b, GString *out, void *opaque G_GNUC_UNUSED)
{
    uint32_t xid = 0;

    vssimtestResult(out, vserverContextCreate(b, 301, 0, NULL));
    vserverTaskContext(b, 0, &xid);
    g_string_append_printf(out, " xid=%u; ", xid);
    /* inside a context, nothing is set up any more */
    vssimtestResult(out, vserverContextSetStopCreate(b, 301, true));
}

START_TEST(test_current_and_inside)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    g_autofree char *res = vssimtestInChild(b, currentInChild, NULL);

    ck_assert_str_eq(res, "ok xid=301; error 88: access denied: VServer context 301: 'process.stop_create (set)' refused: operation not permitted (it needs CAP_SYS_ADMIN, in the host context)");
    ck_assert_int_eq(vserverContextDestroy(b, 301), 0);
}
END_TEST

START_TEST(test_create_invalid)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    g_autofree char *err = NULL;

    ck_assert_int_eq(vssimtestSpawn(b, 1, 0, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "VServer context 1: 'context.create (set)' refused: invalid argument"));
}
END_TEST

START_TEST(test_limits)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    static const unsigned int limits[] = {
        VS_RLIMIT_NPROC, VS_RLIMIT_RSS, VS_RLIMIT_AS, VS_RLIMIT_NOFILE, VS_VLIMIT_NSOCK,
    };
    pid_t pid = vssimtestSpawn(b, 302, 0, NULL);
    vserverRlimit lim;
    size_t i;

    ck_assert_int_gt(pid, 0);
    for (i = 0; i < G_N_ELEMENTS(limits); i++) {
        vserverRlimit set = { .soft = 1000 + i, .hard = 1000 + i };

        ck_assert_int_eq(vserverLimitGet(b, 302, limits[i], &lim), 0);
        ck_assert_uint_eq(lim.hard, VSERVER_RLIM_INFINITY);
        ck_assert_int_eq(vserverLimitSet(b, 302, limits[i], &set), 0);
        ck_assert_int_eq(vserverLimitGet(b, 302, limits[i], &lim), 0);
        ck_assert_uint_eq(lim.hard, 1000 + i);
        ck_assert_uint_eq(lim.soft, 1000 + i);
    }
    ck_assert_int_eq(vserverLimitGet(b, 302, VS_VLIMIT_ANON, &lim), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT, "the 2003 ABI has no command for the limit ANON");
    vssimtestReap(pid);
    ck_assert_int_eq(vserverContextDestroy(b, 302), 0);
}
END_TEST

START_TEST(test_sched_cpu_caps)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 303, 0, NULL);
    vserverSched set = {
        .mask = VS_VXSM_FILL_RATE | VS_VXSM_INTERVAL | VS_VXSM_PRIO_BIAS | VS_VXSM_TOKENS_MAX |
                VS_VXSM_TOKENS_MIN,
        .fillRate = { 1, 0 }, .interval = { 4, 0 }, .prioBias = -3, .tokensMin = 10,
        .tokensMax = 300,
    };
    vserverSched bad = { .mask = VS_VXSM_INTERVAL };
    vserverSched get = { 0 };
    uint64_t value;
    bool flag;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverSchedSet(b, 303, &set), 0);
    ck_assert_int_eq(vserverSchedGet(b, 303, &get), 0);
    ck_assert_int_eq(get.fillRate[0], 1);
    ck_assert_int_eq(get.interval[0], 4);
    ck_assert_int_eq(get.prioBias, -3);
    ck_assert_int_eq(get.tokensMax, 300);
    ck_assert_int_eq(vserverSchedSet(b, 303, &bad), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "'context.sched_policy (set)' refused: invalid argument");
    ck_assert_int_eq(vserverContextSetPaused(b, 303, true), 0);
    ck_assert_int_eq(vserverContextGetPaused(b, 303, &flag), 0);
    ck_assert(flag);
    ck_assert_int_eq(vserverContextSetPaused(b, 303, false), 0);
    ck_assert_int_eq(vserverSchedGet(b, 303, &get), 0);
    ck_assert_int_eq(get.fillRate[0], 1);
    ck_assert_int_eq(vserverCpuLimitSet(b, 303, true, 50), 0);
    ck_assert_int_eq(vserverCpuLimitSet(b, 303, false, 10), 0);
    ck_assert_int_eq(vserverCpuLimitGet(b, 303, true, &value), 0);
    ck_assert_uint_eq(value, 50);
    ck_assert_int_eq(vserverCpuLimitSet(b, 303, false, 60), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "the guaranteed minimum is above the maximum");
    ck_assert_int_eq(vserverContextSetBcaps(b, 303, 0, 1ULL << 21), 0);
    ck_assert_int_eq(vserverContextGetBcaps(b, 303, &value), 0);
    ck_assert_uint_eq(value, ~(1ULL << 21));
    ck_assert_int_eq(vserverContextSetStopCreate(b, 303, true), 0);
    ck_assert_int_eq(vserverContextGetStopCreate(b, 303, &flag), 0);
    ck_assert(flag);
    vssimtestReap(pid);
    ck_assert_int_eq(vserverContextDestroy(b, 303), 0);
}
END_TEST

START_TEST(test_net_and_vfs)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 304, 0, NULL);
    vserverAddress v4, v6;
    uint64_t space, inodes;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverAddressParse("198.51.100.7", 24, &v4), 0);
    ck_assert_int_eq(vserverAddressParse("2001:db8::7", 48, &v6), 0);
    ck_assert_int_eq(vserverNetAddAddress(b, 304, &v4), 0);
    ck_assert_int_eq(vserverNetAddAddress(b, 304, &v6), 0);
    ck_assert_int_eq(vserverNetAddAddress(b, 304, &v4), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "'netaddr.ipv4 (set)' refused: it already exists");
    ck_assert_int_eq(vserverNetRemoveAddress(b, 304, &v4), 0);
    ck_assert_int_eq(vserverNetRemoveAddress(b, 304, &v4), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "no such network context, or no such address in it");
    ck_assert_int_eq(vserverNetRemoveAddress(b, 304, NULL), 0);
    ck_assert_int_eq(vserverNetRemoveAddress(b, 304, &v6), -1);
    ck_assert_int_eq(vserverNetDevCreate(b, 5), 0);
    ck_assert_int_eq(vserverNetDevCreate(b, 5), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "VServer network device 5: 'netdev.create (set)' refused: it already exists");
    ck_assert_int_eq(vserverNetDevAttach(b, 5, 304), 0);
    ck_assert_int_eq(vserverNetDevAttach(b, 5, 9999), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "no such device, or no such context to attach it to");
    ck_assert_int_eq(vserverNetDevSetBandwidth(b, 5, false, 1000), 0);
    ck_assert_int_eq(vserverNetDevSetBandwidth(b, 5, true, 500), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "the maximum is below the guaranteed bandwidth");
    ck_assert_int_eq(vserverNetDevSetBandwidth(b, 5, true, 10000), 0);
    ck_assert_int_eq(vserverNetDevDestroy(b, 5), 0);
    ck_assert_int_eq(vserverNetDevDestroy(b, 5), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "'netdev.destroy (set)' refused: no such device");
    ck_assert_int_eq(vserverVRootSet(b, 304, "/"), 0);
    ck_assert_int_eq(vserverVRootSet(b, 304, "relative/dir"), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "not an absolute path to a directory");
    ck_assert_int_eq(vserverVRootSet(b, 304, "/no/such/directory"), -1);
    ck_assert_vserver_error(VIR_ERR_SYSTEM_ERROR, "'vfs.vroot (set)' failed: No such file or directory");
    ck_assert_int_eq(vserverDiskLimitSet(b, 304, 1048576, 10000), 0);
    ck_assert_int_eq(vserverDiskLimitGet(b, 304, &space, &inodes), 0);
    ck_assert_uint_eq(space, 1048576);
    ck_assert_uint_eq(inodes, 10000);
    vssimtestReap(pid);
    ck_assert_int_eq(vserverContextDestroy(b, 304), 0);
}
END_TEST

static void
unprivilegedInChild(vserverBinding *b, GString *out, void *opaque G_GNUC_UNUSED)
{
    vssimtestBecomeNobody();
    vssimtestResult(out, vserverContextCreate(b, 305, 0, NULL));
}

START_TEST(test_eperm_unprivileged)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    g_autofree char *res = vssimtestInChild(b, unprivilegedInChild, NULL);

    ck_assert_str_eq(res, "error 88: access denied: VServer context 305: 'context.create (set)' refused: operation not permitted (it needs CAP_SYS_ADMIN, in the host context)");
}
END_TEST

/* --without memory --without process.stop_create */
START_TEST(test_without)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 310, 0, NULL);
    vserverRlimit lim = { .soft = 100, .hard = 100 };

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverLimitSet(b, 310, VS_RLIMIT_RSS, &lim), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel has no 2003 category 6, so no command 'memory.resident'");
    ck_assert_int_eq(vserverContextSetStopCreate(b, 310, true), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel does not offer the VServer command 'process.stop_create' (2003 ABI)");
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_RLIMIT_SET, VS_RLIMIT_NPROC), 1);
    ck_assert_int_eq(vserverLimitSet(b, 310, VS_RLIMIT_NPROC, &lim), 0);
    vssimtestReap(pid);
    ck_assert_int_eq(vserverContextDestroy(b, 310), 0);
}
END_TEST

static Suite *
simSuite(void)
{
    Suite *s = suite_create("vserver-sim-2003");
    TCase *tc = tcase_create("real-path");
    const char *abi = vstestSimGet("abi");
    const char *without = vstestSimGet("without");

    if (!abi) {
        tcase_add_test(tc, test_no_vserver);
    } else if (!vssimtestPrivileged()) {
        tcase_add_test(tc, test_open);
        tcase_add_test(tc, test_eperm_unprivileged);
    } else if (STREQ(abi, "2003") && STRNEQ(without, "none")) {
        tcase_add_test(tc, test_without);
    } else if (STREQ(abi, "2003")) {
        tcase_add_test(tc, test_open);
        tcase_add_test(tc, test_lifecycle);
        tcase_add_test(tc, test_current_and_inside);
        tcase_add_test(tc, test_create_invalid);
        tcase_add_test(tc, test_limits);
        tcase_add_test(tc, test_sched_cpu_caps);
        tcase_add_test(tc, test_net_and_vfs);
        tcase_add_test(tc, test_eperm_unprivileged);
    }
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    /* valgrind runs the case without the simulator only */
    if (vssimtestUnderValgrind() && vstestSimGet("abi"))
        return EXIT_SUCCESS;
    return vstestRunSuite(simSuite());
}
