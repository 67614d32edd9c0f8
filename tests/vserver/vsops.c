/*
 * vsops.c: every operation of the binding once, with the arguments a
 * transcript shows; the results are noted in the fake's log
 */
#include "internal.h"

#include <arpa/inet.h>
#include <signal.h>
#include <sys/socket.h>

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_limits.h"
#include "vserver_net.h"
#include "vsops.h"
#include "vstest.h"

#define XID 42

static void
vsopsResult(vsfake *f, int rc, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
vsopsResult(vsfake *f, int rc, const char *fmt, ...)
{
    g_autofree char *err = NULL;
    g_autofree char *what = NULL;
    va_list ap;

    if (rc < 0) {
        err = vstestLastError();
        vsfakeNote(f, "  -> %s", err);
        return;
    }
    va_start(ap, fmt);
    what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vsfakeNote(f, "  -> ok%s%s", *what ? " " : "", what);
}

static void
vsopsLifecycle(vserverBinding *b, vsfake *f)
{
    vserverContextInfo info = { 0 };
    vserverContextStat stat = { 0 };
    vserverVirtStat vstat = { 0 };
    vserverExitInfo ex = { 0 };
    uint32_t xid = 0;
    int rc;

    vsfakeNote(f, "create(42, INIT_SET)");
    rc = vserverContextCreate(b, XID, VS_VXF_INIT_SET, &xid);
    vsopsResult(f, rc, "xid=%u", xid);
    vsfakeNote(f, "create(42, INIT_SET|PERSISTENT|VIRT_MEM)");
    rc = vserverContextCreate(b, XID, VS_VXF_INIT_SET | VS_VXF_PERSISTENT | VS_VXF_VIRT_MEM, &xid);
    vsopsResult(f, rc, "xid=%u", xid);
    vsfakeNote(f, "migrate(42, SET_INIT)");
    vsopsResult(f, vserverContextMigrate(b, XID, VS_VXM_SET_INIT), "%s", "");
    vsfakeNote(f, "migrate(42, 0)");
    vsopsResult(f, vserverContextMigrate(b, XID, 0), "%s", "");
    vsfakeNote(f, "destroy(42)");
    vsopsResult(f, vserverContextDestroy(b, XID), "%s", "");
    vsfakeNote(f, "task context(0)");
    rc = vserverTaskContext(b, 0, &xid);
    vsopsResult(f, rc, "xid=%u", xid);
    vsfakeNote(f, "task context(1234)");
    rc = vserverTaskContext(b, 1234, &xid);
    vsopsResult(f, rc, "xid=%u", xid);
    vsfakeNote(f, "info(42)");
    rc = vserverContextGetInfo(b, XID, &info);
    vsopsResult(f, rc, "xid=%u initpid=%u", info.xid, info.initpid);
    vsfakeNote(f, "stat(42)");
    rc = vserverContextGetStat(b, XID, &stat);
    vsopsResult(f, rc, "usecnt=%u tasks=%u", stat.usecnt, stat.tasks);
    vsfakeNote(f, "virt stat(42)");
    rc = vserverContextGetVirtStat(b, XID, &vstat);
    vsopsResult(f, rc, "offset=%" G_GUINT64_FORMAT " uptime=%" G_GUINT64_FORMAT
                " threads=%u running=%u uninterruptible=%u onhold=%u forks=%u load=%u,%u,%u",
                vstat.offsetNs, vstat.uptimeNs, vstat.threads, vstat.running,
                vstat.uninterruptible, vstat.onhold, vstat.forks,
                vstat.load[0], vstat.load[1], vstat.load[2]);
    vsfakeNote(f, "kill(42, 0, SIGTERM)");
    vsopsResult(f, vserverContextKill(b, XID, 0, SIGTERM), "%s", "");
    vsfakeNote(f, "kill(42, 1234, SIGKILL)");
    vsopsResult(f, vserverContextKill(b, XID, 1234, SIGKILL), "%s", "");
    vsfakeNote(f, "wait exit(42)");
    rc = vserverContextWaitExit(b, XID, &ex);
    vsopsResult(f, rc, "reboot_cmd=%d exit_code=%d", ex.rebootCmd, ex.exitCode);
}

static void
vsopsSettings(vserverBinding *b, vsfake *f)
{
    g_autofree char *name = NULL;
    uint64_t u = 0;
    bool flag = false;
    int64_t bias = 0;
    int rc;

    vsfakeNote(f, "get flags(42)");
    rc = vserverContextGetFlags(b, XID, &u);
    vsopsResult(f, rc, "flags=0x%" G_GINT64_MODIFIER "x", u);
    vsfakeNote(f, "set flags(42, SCHED_HARD, SCHED_HARD|STATE_SETUP)");
    vsopsResult(f, vserverContextSetFlags(b, XID, VS_VXF_SCHED_HARD,
                                          VS_VXF_SCHED_HARD | VS_VXF_STATE_SETUP), "%s", "");
    vsfakeNote(f, "set paused(42, true)");
    vsopsResult(f, vserverContextSetPaused(b, XID, true), "%s", "");
    vsfakeNote(f, "get paused(42)");
    rc = vserverContextGetPaused(b, XID, &flag);
    vsopsResult(f, rc, "paused=%d", flag);
    vsfakeNote(f, "get ccaps(42)");
    rc = vserverContextGetCcaps(b, XID, &u);
    vsopsResult(f, rc, "ccaps=0x%" G_GINT64_MODIFIER "x", u);
    vsfakeNote(f, "set ccaps(42, SET_UTSNAME, SET_UTSNAME|SET_RLIMIT)");
    vsopsResult(f, vserverContextSetCcaps(b, XID, VS_VXC_SET_UTSNAME,
                                          VS_VXC_SET_UTSNAME | VS_VXC_SET_RLIMIT), "%s", "");
    vsfakeNote(f, "get bcaps(42)");
    rc = vserverContextGetBcaps(b, XID, &u);
    vsopsResult(f, rc, "bcaps=0x%" G_GINT64_MODIFIER "x", u);
    vsfakeNote(f, "set bcaps(42, 0, 1 << CAP_SYS_ADMIN)");
    vsopsResult(f, vserverContextSetBcaps(b, XID, 0, 1ULL << 21), "%s", "");
    vsfakeNote(f, "get name(42, NODENAME)");
    rc = vserverContextGetName(b, XID, VS_VHIN_NODENAME, &name);
    vsopsResult(f, rc, "name=%s", NULLSTR(name));
    vsfakeNote(f, "set name(42, NODENAME, web.example.org)");
    vsopsResult(f, vserverContextSetName(b, XID, VS_VHIN_NODENAME, "web.example.org"), "%s", "");
    vsfakeNote(f, "get badness(42)");
    rc = vserverContextGetBadness(b, XID, &bias);
    vsopsResult(f, rc, "bias=%" G_GINT64_FORMAT, bias);
    vsfakeNote(f, "set badness(42, -5)");
    vsopsResult(f, vserverContextSetBadness(b, XID, -5), "%s", "");
    vsfakeNote(f, "set stop create(42, true)");
    vsopsResult(f, vserverContextSetStopCreate(b, XID, true), "%s", "");
    vsfakeNote(f, "get stop create(42)");
    rc = vserverContextGetStopCreate(b, XID, &flag);
    vsopsResult(f, rc, "stop=%d", flag);
}

static void
vsopsLimits(vserverBinding *b, vsfake *f)
{
    static const unsigned int limits[] = {
        VS_RLIMIT_NPROC, VS_RLIMIT_RSS, VS_RLIMIT_AS, VS_RLIMIT_NOFILE, VS_VLIMIT_NSOCK,
        VS_VLIMIT_ANON,
    };
    vserverRlimit set = { .minimum = VSERVER_RLIM_UNSET, .soft = 5, .hard = 5 };
    vserverRlimit lim = { 0 };
    vserverRlimitMask mask = { 0 };
    vserverSched sched = {
        .mask = VS_VXSM_FILL_RATE | VS_VXSM_INTERVAL | VS_VXSM_TOKENS | VS_VXSM_TOKENS_MIN |
                VS_VXSM_TOKENS_MAX | VS_VXSM_PRIO_BIAS,
        .cpuId = -1, .bucketId = -1, .fillRate = { 1, 0 }, .interval = { 4, 0 },
        .tokens = 100, .tokensMin = 50, .tokensMax = 200, .prioBias = 2,
    };
    vserverSched percpu = {
        .mask = VS_VXSM_FILL_RATE2 | VS_VXSM_INTERVAL2 | VS_VXSM_CPU_ID,
        .cpuId = 1, .bucketId = 0, .fillRate = { 0, 3 }, .interval = { 0, 8 },
    };
    uint64_t a = 0, c = 0;
    size_t i;
    int rc;

    for (i = 0; i < G_N_ELEMENTS(limits); i++) {
        vsfakeNote(f, "set limit(42, %s, 5/5)", vserverLimitName(limits[i]));
        vsopsResult(f, vserverLimitSet(b, XID, limits[i], &set), "%s", "");
        vsfakeNote(f, "get limit(42, %s)", vserverLimitName(limits[i]));
        rc = vserverLimitGet(b, XID, limits[i], &lim);
        vsopsResult(f, rc, "min=%" G_GUINT64_FORMAT " soft=%" G_GUINT64_FORMAT
                    " hard=%" G_GUINT64_FORMAT, lim.minimum, lim.soft, lim.hard);
    }
    vsfakeNote(f, "get limit mask");
    rc = vserverLimitGetMask(b, &mask);
    vsopsResult(f, rc, "min=0x%x soft=0x%x hard=0x%x", mask.minimum, mask.soft, mask.hard);
    vsfakeNote(f, "set sched(42, 1/4 tokens 100 [50, 200] bias 2)");
    vsopsResult(f, vserverSchedSet(b, XID, &sched), "%s", "");
    vsfakeNote(f, "set sched(42, cpu 1: idle 3/8)");
    vsopsResult(f, vserverSchedSet(b, XID, &percpu), "%s", "");
    vsfakeNote(f, "get sched(42)");
    memset(&sched, 0, sizeof(sched));
    sched.cpuId = -1;
    sched.bucketId = -1;
    rc = vserverSchedGet(b, XID, &sched);
    vsopsResult(f, rc, "mask=0x%x fill=%d/%d interval=%d/%d tokens=%d [%d, %d] bias=%d",
                sched.mask, sched.fillRate[0], sched.fillRate[1], sched.interval[0],
                sched.interval[1], sched.tokens, sched.tokensMin, sched.tokensMax,
                sched.prioBias);
    vsfakeNote(f, "cpu limit(42, max 50, min 10)");
    vsopsResult(f, vserverCpuLimitSet(b, XID, true, 50) < 0 ? -1 :
                   vserverCpuLimitSet(b, XID, false, 10), "%s", "");
    vsfakeNote(f, "get cpu limit(42, max)");
    rc = vserverCpuLimitGet(b, XID, true, &a);
    vsopsResult(f, rc, "max=%" G_GUINT64_FORMAT, a);
    vsfakeNote(f, "disk limit(42, 1048576 KiB, 10000 inodes)");
    vsopsResult(f, vserverDiskLimitSet(b, XID, 1048576, 10000), "%s", "");
    vsfakeNote(f, "get disk limit(42)");
    rc = vserverDiskLimitGet(b, XID, &a, &c);
    vsopsResult(f, rc, "space=%" G_GUINT64_FORMAT " inodes=%" G_GUINT64_FORMAT, a, c);
    vsfakeNote(f, "vroot(42, /srv/web)");
    vsopsResult(f, vserverVRootSet(b, XID, "/srv/web"), "%s", "");
}

static void
vsopsNet(vserverBinding *b, vsfake *f)
{
    vserverAddress v4, v6;

    ck_assert_int_eq(vserverAddressParse("192.0.2.10", 24, &v4), 0);
    ck_assert_int_eq(vserverAddressParse("2001:db8::10", 64, &v6), 0);
    vsfakeNote(f, "net create(42, INIT_SET)");
    vsopsResult(f, vserverNetCreate(b, XID, VS_NXF_INIT_SET), "%s", "");
    vsfakeNote(f, "net migrate(42)");
    vsopsResult(f, vserverNetMigrate(b, XID), "%s", "");
    vsfakeNote(f, "add address(42, 192.0.2.10/24)");
    vsopsResult(f, vserverNetAddAddress(b, XID, &v4), "%s", "");
    vsfakeNote(f, "add address(42, 2001:db8::10/64)");
    vsopsResult(f, vserverNetAddAddress(b, XID, &v6), "%s", "");
    vsfakeNote(f, "remove address(42, 192.0.2.10/24)");
    vsopsResult(f, vserverNetRemoveAddress(b, XID, &v4), "%s", "");
    vsfakeNote(f, "remove address(42, 2001:db8::10/64)");
    vsopsResult(f, vserverNetRemoveAddress(b, XID, &v6), "%s", "");
    vsfakeNote(f, "remove every address(42)");
    vsopsResult(f, vserverNetRemoveAddress(b, XID, NULL), "%s", "");
    vsfakeNote(f, "netdev create(3)");
    vsopsResult(f, vserverNetDevCreate(b, 3), "%s", "");
    vsfakeNote(f, "netdev attach(3, 42)");
    vsopsResult(f, vserverNetDevAttach(b, 3, XID), "%s", "");
    vsfakeNote(f, "netdev bandwidth(3, max 10000, min 1000)");
    vsopsResult(f, vserverNetDevSetBandwidth(b, 3, true, 10000) < 0 ? -1 :
                   vserverNetDevSetBandwidth(b, 3, false, 1000), "%s", "");
    vsfakeNote(f, "netdev destroy(3)");
    vsopsResult(f, vserverNetDevDestroy(b, 3), "%s", "");
}

void
vsopsRunAll(vserverBinding *b, vsfake *f)
{
    vsopsLifecycle(b, f);
    vsopsSettings(b, f);
    vsopsLimits(b, f);
    vsopsNet(b, f);
}
