/*
 * vserver_sim_v2_test.c: the binding's real system-call path on a V2
 * kernel: every operation, its success and its refusals
 *
 * Run by tests/vserver/simtest.sh under virtkit-vserver-sim --abi v2 (and
 * --without ..., for a kernel that lacks commands), and without it: this
 * mainline kernel then answers ENOSYS for real.  What it checks depends on
 * the simulator's description in VIRTKIT_VSERVER_SIM.
 */
#include "internal.h"

#include <glib-unix.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_limits.h"
#include "vserver_net.h"
#include "vssimtest.h"

/* ---- no simulator: the real kernel ------------------------------------ */

START_TEST(test_no_vserver)
{
    vserverBinding *b = vserverBindingOpen(&vserverSyscallKernel, NULL);

    ck_assert_ptr_null(b);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel has no Linux-VServer support (the vserver system call is not implemented)");
}
END_TEST

/* ---- contexts --------------------------------------------------------- */

START_TEST(test_open)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();

    ck_assert_int_eq(vserverBindingGetAbi(b), VSERVER_ABI_V2);
    ck_assert_uint_eq(vserverBindingGetVersion(b),
                      g_ascii_strtoull(vstestSimGet("version"), NULL, 16));
}
END_TEST

START_TEST(test_create)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 100, VS_VXF_INIT_SET, NULL);
    g_autofree char *err = NULL;
    vserverContextStat st;
    vserverContextInfo info;
    uint32_t xid = 99;
    uint64_t flags;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverContextGetStat(b, 100, &st), 0);
    ck_assert_uint_eq(st.tasks, 1);
    ck_assert_int_eq(vserverContextGetInfo(b, 100, &info), 0);
    ck_assert_uint_eq(info.xid, 100);
    ck_assert_uint_eq(info.initpid, 0);
    ck_assert_int_eq(vserverTaskContext(b, pid, &xid), 0);
    ck_assert_uint_eq(xid, 100);
    ck_assert_int_eq(vserverTaskContext(b, 0, &xid), 0);
    ck_assert_uint_eq(xid, 0);
    ck_assert_int_eq(vserverContextGetFlags(b, 100, &flags), 0);
    ck_assert_uint_eq(flags & VS_VXF_INIT_SET, VS_VXF_INIT_SET);
    /* the same xid again */
    ck_assert_int_eq(vssimtestSpawn(b, 100, VS_VXF_INIT_SET, &err), -1);
    ck_assert_str_eq(err, "error 55: Requested operation is not valid: VServer context 100: 'ctx_create' refused: it already exists");
    vssimtestReap(pid);
}
END_TEST

START_TEST(test_create_invalid)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    g_autofree char *err1 = NULL;
    g_autofree char *err2 = NULL;

    ck_assert_int_eq(vssimtestSpawn(b, 1, VS_VXF_INIT_SET, &err1), -1);
    ck_assert_ptr_nonnull(strstr(err1, "VServer context 1: 'ctx_create' refused: invalid argument: static context ids are 2-49151"));
    ck_assert_int_eq(vssimtestSpawn(b, 50000, VS_VXF_INIT_SET, &err2), -1);
    ck_assert_ptr_nonnull(strstr(err2, "invalid argument"));
}
END_TEST

START_TEST(test_create_dynamic)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, VS_XID_DYNAMIC, VS_VXF_INIT_SET, NULL);
    uint32_t xid = 0;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverTaskContext(b, pid, &xid), 0);
    ck_assert_uint_ge(xid, VS_XID_DYNAMIC_MIN);
    ck_assert_uint_le(xid, VS_XID_DYNAMIC_MAX);
    vssimtestReap(pid);
}
END_TEST

START_TEST(test_missing_context)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    vserverContextStat st;
    vserverRlimit lim = { .soft = 5, .hard = 5 };

    ck_assert_int_eq(vserverContextGetStat(b, 4242, &st), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID,
                            "VServer context 4242: 'ctx_stat' refused: no such context");
    ck_assert_int_eq(vserverLimitSet(b, 4242, VS_RLIMIT_NPROC, &lim), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "'set_rlimit' refused: no such context");
    ck_assert_int_eq(vserverContextMigrate(b, 4242, 0), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "'ctx_migrate' refused: no such context");
}
END_TEST

/* The last task gone, the context is gone. */
START_TEST(test_kill_ends_context)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 101, VS_VXF_INIT_SET, NULL);
    vserverContextStat st;
    int status;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverContextKill(b, 101, 0, SIGTERM), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    ck_assert_int_eq(vserverContextGetStat(b, 101, &st), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "no such context");
}
END_TEST

START_TEST(test_kill_one)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 102, VS_VXF_INIT_SET, NULL);
    int status;

    ck_assert_int_gt(pid, 0);
    /* the test process is no task of the context */
    ck_assert_int_eq(vserverContextKill(b, 102, getpid(), SIGTERM), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "no such context, or no such process in it");
    ck_assert_int_eq(vserverContextKill(b, 102, pid, SIGUSR1), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
}
END_TEST

/* Whether a waiter appears on @xid: the kernel counts a reference (usecnt)
 * for each caller of wait_exit, beside the tasks. */
static bool
waitForWaiter(vserverBinding *b, uint32_t xid)
{
    vserverContextStat st;
    int tries;

    for (tries = 0; tries < 1000; tries++) {
        if (vserverContextGetStat(b, xid, &st) == 0 && st.usecnt == st.tasks + 1)
            return true;
        g_usleep(10000);
    }
    return false;
}

/* wait_exit blocks until the context is gone. */
START_TEST(test_wait_exit)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 103, VS_VXF_INIT_SET, NULL);
    int fds[2];
    pid_t waiter;
    char buf[128] = "";

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(pipe(fds), 0);
    if ((waiter = fork()) == 0) {
        g_autoptr(GString) out = g_string_new(NULL);
        vserverExitInfo ex = { -1, -1 };

        vssimtestChildSignals();
        close(fds[0]);
        vssimtestResult(out, vserverContextWaitExit(b, 103, &ex));
        g_string_append_printf(out, " exit=%d reboot=%d", ex.exitCode, ex.rebootCmd);
        ignore_value(write(fds[1], out->str, out->len));
        _exit(0);
    }
    close(fds[1]);
    /* the waiter holds a reference on the context while it waits */
    ck_assert(waitForWaiter(b, 103));
    ck_assert(g_unix_set_fd_nonblocking(fds[0], TRUE, NULL));
    ck_assert_int_lt(read(fds[0], buf, sizeof(buf)), 0);
    ck_assert_int_eq(errno, EAGAIN);
    vssimtestReap(pid);
    ck_assert(g_unix_set_fd_nonblocking(fds[0], FALSE, NULL));
    ck_assert_int_gt(read(fds[0], buf, sizeof(buf) - 1), 0);
    ck_assert_str_eq(buf, "ok exit=0 reboot=0");
    waitpid(waiter, NULL, 0);
    close(fds[0]);
}
END_TEST

static void
migrateInChild(vserverBinding *b, GString *out, void *opaque)
{
    uint32_t xid = 0;

    vssimtestResult(out, vserverContextMigrate(b, GPOINTER_TO_UINT(opaque), VS_VXM_SET_INIT));
    vserverTaskContext(b, 0, &xid);
    g_string_append_printf(out, " xid=%u", xid);
    /* one way: back to the host is an admin command, refused inside */
    g_string_append(out, "; back: ");
    vssimtestResult(out, vserverContextMigrate(b, 0, 0));
}

START_TEST(test_migrate)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 104, VS_VXF_INIT_SET, NULL);
    g_autofree char *res = NULL;

    ck_assert_int_gt(pid, 0);
    res = vssimtestInChild(b, migrateInChild, GUINT_TO_POINTER(104));
    ck_assert_str_eq(res, "ok xid=104; back: error 88: access denied: VServer context 0: 'ctx_migrate' refused: operation not permitted (it needs CAP_SYS_ADMIN, in the host context or in a context still in setup)");
    vssimtestReap(pid);
}
END_TEST

/* ---- limits, scheduler, flags, names ----------------------------------- */

START_TEST(test_limits)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 105, VS_VXF_INIT_SET, NULL);
    vserverRlimit set = { .minimum = VSERVER_RLIM_UNSET, .soft = 5, .hard = 5 };
    vserverRlimit over = { .minimum = VSERVER_RLIM_KEEP, .soft = 100, .hard = VSERVER_RLIM_KEEP };
    vserverRlimit lim;
    vserverRlimitMask mask;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverLimitGet(b, 105, VS_RLIMIT_NPROC, &lim), 0);
    ck_assert_uint_eq(lim.hard, VSERVER_RLIM_INFINITY);
    ck_assert_int_eq(vserverLimitSet(b, 105, VS_RLIMIT_NPROC, &set), 0);
    ck_assert_int_eq(vserverLimitGet(b, 105, VS_RLIMIT_NPROC, &lim), 0);
    ck_assert_uint_eq(lim.soft, 5);
    ck_assert_uint_eq(lim.hard, 5);
    /* a soft limit above the hard one is clamped */
    ck_assert_int_eq(vserverLimitSet(b, 105, VS_RLIMIT_NPROC, &over), 0);
    ck_assert_int_eq(vserverLimitGet(b, 105, VS_RLIMIT_NPROC, &lim), 0);
    ck_assert_uint_eq(lim.soft, 5);
    ck_assert_int_eq(vserverLimitSet(b, 105, VS_RLIMIT_CPU, &set), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "'set_rlimit' refused: invalid argument: the kernel does not limit that resource");
    ck_assert_int_eq(vserverLimitGetMask(b, &mask), 0);
    ck_assert_uint_eq(mask.hard & (1U << VS_RLIMIT_NPROC), 1U << VS_RLIMIT_NPROC);
    ck_assert_uint_eq(mask.soft, (1U << VS_RLIMIT_RSS) | (1U << VS_VLIMIT_ANON));
    vssimtestReap(pid);
}
END_TEST

START_TEST(test_sched)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 106, VS_VXF_INIT_SET, NULL);
    vserverSched set = {
        .mask = VS_VXSM_FILL_RATE | VS_VXSM_INTERVAL | VS_VXSM_TOKENS | VS_VXSM_TOKENS_MIN |
                VS_VXSM_TOKENS_MAX | VS_VXSM_PRIO_BIAS,
        .cpuId = -1, .bucketId = -1, .fillRate = { 1, 0 }, .interval = { 4, 0 },
        .tokens = 100, .tokensMin = 50, .tokensMax = 200, .prioBias = 30,
    };
    vserverSched cpu0 = {
        .mask = VS_VXSM_FILL_RATE | VS_VXSM_CPU_ID, .cpuId = 0, .fillRate = { 3, 0 },
        .tokensMax = 200, .tokensMin = 50,
    };
    vserverSched bad = { .mask = VS_VXSM_INTERVAL, .interval = { 0, 0 } };
    vserverSched get = { .cpuId = -1, .bucketId = -1 };

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverSchedSet(b, 106, &set), 0);
    ck_assert_int_eq(vserverSchedGet(b, 106, &get), 0);
    ck_assert_int_eq(get.fillRate[0], 1);
    ck_assert_int_eq(get.interval[0], 4);
    ck_assert_int_eq(get.tokens, 100);
    ck_assert_int_eq(get.tokensMin, 50);
    ck_assert_int_eq(get.tokensMax, 200);
    ck_assert_int_eq(get.prioBias, VS_PRIO_BIAS_MAX);      /* clamped */
    ck_assert_int_eq(vserverSchedSet(b, 106, &cpu0), 0);
    get = (vserverSched) { .mask = VS_VXSM_CPU_ID, .cpuId = 0 };
    ck_assert_int_eq(vserverSchedGet(b, 106, &get), 0);
    ck_assert_int_eq(get.fillRate[0], 3);
    get = (vserverSched) { .cpuId = -1 };
    ck_assert_int_eq(vserverSchedGet(b, 106, &get), 0);
    ck_assert_int_eq(get.fillRate[0], 1);
    ck_assert_int_eq(vserverSchedSet(b, 106, &bad), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "'set_sched' refused: invalid argument");
    cpu0.cpuId = 9999;
    ck_assert_int_eq(vserverSchedSet(b, 106, &cpu0), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "'set_sched' refused: invalid argument");
    vssimtestReap(pid);
}
END_TEST

START_TEST(test_flags_caps_names)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 107, VS_VXF_INIT_SET, NULL);
    g_autofree char *name = NULL;
    uint64_t flags, caps;
    int64_t bias;
    bool paused;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverContextSetFlags(b, 107, VS_VXF_SCHED_HARD,
                                            VS_VXF_SCHED_HARD | VS_VXF_STATE_SETUP), 0);
    ck_assert_int_eq(vserverContextGetFlags(b, 107, &flags), 0);
    ck_assert_uint_eq(flags & (VS_VXF_SCHED_HARD | VS_VXF_STATE_SETUP), VS_VXF_SCHED_HARD);
    /* a one-time flag stays cleared */
    ck_assert_int_eq(vserverContextSetFlags(b, 107, VS_VXF_STATE_SETUP, VS_VXF_STATE_SETUP), 0);
    ck_assert_int_eq(vserverContextGetFlags(b, 107, &flags), 0);
    ck_assert_uint_eq(flags & VS_VXF_STATE_SETUP, 0);
    ck_assert_int_eq(vserverContextSetPaused(b, 107, true), 0);
    ck_assert_int_eq(vserverContextGetPaused(b, 107, &paused), 0);
    ck_assert(paused);
    ck_assert_int_eq(vserverContextSetPaused(b, 107, false), 0);
    ck_assert_int_eq(vserverContextSetCcaps(b, 107, VS_VXC_SET_UTSNAME,
                                            VS_VXC_SET_UTSNAME | VS_VXC_SET_RLIMIT), 0);
    ck_assert_int_eq(vserverContextGetCcaps(b, 107, &caps), 0);
    ck_assert_uint_eq(caps, VS_VXC_SET_UTSNAME);
    ck_assert_int_eq(vserverContextSetBcaps(b, 107, 0, 1ULL << 21), 0);
    ck_assert_int_eq(vserverContextGetBcaps(b, 107, &caps), 0);
    ck_assert_uint_eq(caps, ~(1ULL << 21));
    ck_assert_int_eq(vserverContextSetName(b, 107, VS_VHIN_NODENAME, "web.example.org"), 0);
    ck_assert_int_eq(vserverContextGetName(b, 107, VS_VHIN_NODENAME, &name), 0);
    ck_assert_str_eq(name, "web.example.org");
    ck_assert_int_eq(vserverContextSetName(b, 107, 99, "x"), -1);
    ck_assert_vserver_error(VIR_ERR_INVALID_ARG, "'set_vhi_name' refused: invalid argument: no such UTS name field");
    ck_assert_int_eq(vserverContextSetBadness(b, 107, -7), 0);
    ck_assert_int_eq(vserverContextGetBadness(b, 107, &bias), 0);
    ck_assert_int_eq(bias, -7);
    vssimtestReap(pid);
}
END_TEST

START_TEST(test_virt_stat)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 108, VS_VXF_INIT_SET, NULL);
    vserverVirtStat st;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverContextGetVirtStat(b, 108, &st), 0);
    ck_assert_uint_ge(st.threads, 1);
    ck_assert_uint_gt(st.uptimeNs, 0);
    ck_assert_uint_eq(st.forks, 0);
    vssimtestReap(pid);
}
END_TEST

/* ---- permissions -------------------------------------------------------- */

static void
unprivilegedInChild(vserverBinding *b, GString *out, void *opaque)
{
    vserverRlimit lim = { .soft = 5, .hard = 5 };
    vserverContextInfo info;

    vssimtestBecomeNobody();
    vssimtestResult(out, vserverLimitSet(b, GPOINTER_TO_UINT(opaque), VS_RLIMIT_NPROC, &lim));
    g_string_append(out, "; ");
    vssimtestResult(out, vserverContextCreate(b, 150, VS_VXF_INIT_SET, NULL));
    g_string_append(out, "; ");
    vssimtestResult(out, vserverContextGetInfo(b, GPOINTER_TO_UINT(opaque), &info));
}

/* The kernel checks the capability before it looks for the context. */
START_TEST(test_eperm_unprivileged)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    g_autofree char *res = NULL;
    const char *why = "refused: operation not permitted (it needs CAP_SYS_ADMIN, in the host context or in a context still in setup)";
    g_autofree char *want = g_strdup_printf("error 88: access denied: VServer context 109: 'set_rlimit' %s; "
                                            "error 88: access denied: VServer context 150: 'ctx_create' %s; "
                                            "error 88: access denied: VServer context 109: 'vx_info' %s",
                                            why, why, why);

    res = vssimtestInChild(b, unprivilegedInChild, GUINT_TO_POINTER(109));
    ck_assert_str_eq(res, want);
}
END_TEST

/* Inside a context: settings while it is in setup, not after. */
static void
setupInChild(vserverBinding *b, GString *out, void *opaque G_GNUC_UNUSED)
{
    vserverRlimit lim = { .soft = 50, .hard = 50 };

    vssimtestResult(out, vserverContextCreate(b, 110, VS_VXF_INIT_SET, NULL));
    g_string_append(out, "; ");
    vssimtestResult(out, vserverLimitSet(b, 110, VS_RLIMIT_NPROC, &lim));
    g_string_append(out, "; ");
    vssimtestResult(out, vserverContextSetFlags(b, 110, 0, VS_VXF_STATE_SETUP));
    g_string_append(out, "; ");
    vssimtestResult(out, vserverLimitSet(b, 110, VS_RLIMIT_NPROC, &lim));
}

START_TEST(test_eperm_after_setup)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    g_autofree char *res = vssimtestInChild(b, setupInChild, NULL);

    ck_assert_str_eq(res, "ok; ok; ok; error 88: access denied: VServer context 110: 'set_rlimit' refused: operation not permitted (it needs CAP_SYS_ADMIN, in the host context or in a context still in setup)");
}
END_TEST

START_TEST(test_eacces)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 111, VS_VXF_INIT_SET, NULL);
    vserverRlimit lim = { .soft = 5, .hard = 5 };
    int status;

    ck_assert_int_gt(pid, 0);
    ck_assert_int_eq(vserverContextSetFlags(b, 111, 0, VS_VXF_STATE_ADMIN), 0);
    ck_assert_int_eq(vserverLimitSet(b, 111, VS_RLIMIT_NPROC, &lim), -1);
    ck_assert_vserver_error(VIR_ERR_ACCESS_DENIED,
                            "VServer context 111: 'set_rlimit' refused: permission denied (the context can no longer be administered");
    /* a guest can still be shut down: kill stays allowed without an init */
    ck_assert_int_eq(vserverContextKill(b, 111, 0, SIGKILL), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
}
END_TEST

/* ---- network contexts ------------------------------------------------- */

static void
netMigrateInChild(vserverBinding *b, GString *out, void *opaque G_GNUC_UNUSED)
{
    vssimtestResult(out, vserverNetMigrate(b, 120));
    g_string_append(out, "; ");
    vssimtestResult(out, vserverNetMigrate(b, 121));
}

START_TEST(test_net)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    vserverAddress v4, v6;
    g_autofree char *res = NULL;
    pid_t holder;
    int fds[2];
    char buf[256] = "";

    ck_assert_int_eq(vserverAddressParse("192.0.2.10", 24, &v4), 0);
    ck_assert_int_eq(vserverAddressParse("2001:db8::10", 64, &v6), 0);
    ck_assert_int_eq(pipe(fds), 0);
    if ((holder = fork()) == 0) {
        g_autoptr(GString) out = g_string_new(NULL);

        vssimtestChildSignals();
        /* the creator moves in, and stays: the network context lives on */
        vssimtestResult(out, vserverNetCreate(b, 120, VS_NXF_INIT_SET));
        g_string_append(out, "; ");
        vssimtestResult(out, vserverNetCreate(b, 120, VS_NXF_INIT_SET));
        g_string_append_printf(out, "; pid=%d", (int)getpid());
        ignore_value(write(fds[1], out->str, out->len));
        close(fds[1]);
        for (;;)
            pause();
    }
    close(fds[1]);
    ck_assert_int_gt(read(fds[0], buf, sizeof(buf) - 1), 0);
    res = g_strdup_printf("ok; error 55: Requested operation is not valid: VServer network context 120: 'net_create' refused: it already exists; pid=%d",
                          (int)holder);
    ck_assert_str_eq(buf, res);
    ck_assert_int_eq(vserverNetAddAddress(b, 120, &v4), 0);
    ck_assert_int_eq(vserverNetAddAddress(b, 120, &v6), 0);
    ck_assert_int_eq(vserverNetAddAddress(b, 120, &v4), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "'net_add_ipv4' refused: it already exists");
    ck_assert_int_eq(vserverNetRemoveAddress(b, 120, &v4), 0);
    ck_assert_int_eq(vserverNetRemoveAddress(b, 120, &v4), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "VServer network context 120: 'net_rem_ipv4' refused: no such network context, or no such address in it");
    ck_assert_int_eq(vserverNetRemoveAddress(b, 120, NULL), 0);
    ck_assert_int_eq(vserverNetRemoveAddress(b, 120, &v6), -1);
    ck_assert_int_eq(vserverNetAddAddress(b, 121, &v4), -1);
    ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "VServer network context 121: 'net_add_ipv4' refused: no such network context");
    g_free(res);
    res = vssimtestInChild(b, netMigrateInChild, NULL);
    ck_assert_str_eq(res, "ok; error 55: Requested operation is not valid: VServer network context 121: 'net_migrate' refused: no such network context");
    vssimtestReap(holder);
    close(fds[0]);
}
END_TEST

/* ---- a kernel without commands (--without, --kernel-version) ------------ */

START_TEST(test_without)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    pid_t pid = vssimtestSpawn(b, 130, VS_VXF_INIT_SET, NULL);
    vserverSched s = { .mask = VS_VXSM_FILL_RATE, .fillRate = { 1, 0 } };
    vserverContextStat st;

    ck_assert_int_gt(pid, 0);
    ck_assert_uint_eq(vserverBindingGetVersion(b), 0x00020102);
    /* older than VSTAT (2.1.3): not even asked */
    ck_assert_int_eq(vserverContextGetStat(b, 130, &st), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel (VServer interface 0x00020102) is older than the VServer command 'ctx_stat' (since 0x00020103)");
    /* asked, and the kernel answers ENOSYS */
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_SCHED_SET, 0), 1);
    ck_assert_int_eq(vserverSchedSet(b, 130, &s), -1);
    ck_assert_vserver_error(VIR_ERR_NO_SUPPORT,
                            "this kernel does not offer the VServer command 'set_sched' (0x0e010005)");
    ck_assert_int_eq(vserverBindingSupports(b, VSERVER_CMD_SCHED_SET, 0), 0);
    vssimtestReap(pid);
}
END_TEST

static Suite *
simSuite(void)
{
    Suite *s = suite_create("vserver-sim-v2");
    TCase *tc = tcase_create("real-path");
    const char *abi = vstestSimGet("abi");
    const char *without = vstestSimGet("without");

    if (!abi) {
        tcase_add_test(tc, test_no_vserver);
    } else if (!vssimtestPrivileged()) {
        tcase_add_test(tc, test_open);
        tcase_add_test(tc, test_eperm_unprivileged);
    } else if (STREQ(abi, "v2") && without && STREQ(without, "set_sched")) {
        tcase_add_test(tc, test_without);
    } else if (STREQ(abi, "v2")) {
        tcase_add_test(tc, test_open);
        tcase_add_test(tc, test_create);
        tcase_add_test(tc, test_create_invalid);
        tcase_add_test(tc, test_create_dynamic);
        tcase_add_test(tc, test_missing_context);
        tcase_add_test(tc, test_kill_ends_context);
        tcase_add_test(tc, test_kill_one);
        tcase_add_test(tc, test_wait_exit);
        tcase_add_test(tc, test_migrate);
        tcase_add_test(tc, test_limits);
        tcase_add_test(tc, test_sched);
        tcase_add_test(tc, test_flags_caps_names);
        tcase_add_test(tc, test_virt_stat);
        tcase_add_test(tc, test_eperm_unprivileged);
        tcase_add_test(tc, test_eperm_after_setup);
        tcase_add_test(tc, test_eacces);
        tcase_add_test(tc, test_net);
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
