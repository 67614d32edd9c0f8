/*
 * vssim_v2.c: the V2 syscall matrix, as a VServer kernel answers it
 *
 * The table and the checks follow the kernel's switch (kernel/vserver/
 * switch.c): an unknown word is ENOSYS; a permission level above 1 needs
 * CAP_SYS_ADMIN (EPERM); admin commands come from the host context, setup
 * commands also from a context still in setup (EPERM); a context or
 * network context that is not there is ESRCH; one that can no longer be
 * administered is EACCES.  CAP_SYS_RESOURCE, which the kernel also asks
 * for the resource commands, is not required: hosts commonly drop it from
 * every bounding set (this project's test machine does), and no one
 * could then use the simulator.
 */
#include "internal.h"

#include <linux/capability.h>
#include <signal.h>

#include "vssim_v2.h"

/* arguments the switch looks up for a command (VCA_*) */
#define ARG_VXI 0x01
#define ARG_NXI 0x02
/* what kind of command (VCF_*) */
#define CMD_INFO 0x01
#define CMD_ADMIN 0x02
#define CMD_ARES 0x06               /* resource management; includes admin */
#define CMD_SETUP 0x08

typedef struct {
    vssimModel *m;
    const vssimCall *call;
    const vssimCaller *caller;
    vssimContext *ctx;              /* ARG_VXI */
    vssimNet *net;                  /* ARG_NXI */
} vssimV2Req;

typedef long (*vssimV2Fn)(vssimV2Req *r);

typedef struct {
    uint32_t cmd;
    const char *name;
    int perm;
    unsigned int args;
    unsigned int flags;
    vssimV2Fn fn;
} vssimV2Cmd;

/* the caller's argument struct, in and out */
static long
vssimV2In(vssimV2Req *r, void *buf, size_t len)
{
    return vssimCallRead(r->m->listener, r->call, r->call->data, buf, len);
}

static long
vssimV2Out(vssimV2Req *r, const void *buf, size_t len)
{
    return vssimCallWrite(r->m->listener, r->call, r->call->data, buf, len);
}

static long
vssimV2GetVersion(vssimV2Req *r)
{
    return r->m->config->version;
}

static long
vssimV2GetVci(vssimV2Req *r G_GNUC_UNUSED)
{
    return (1 << VS_VCI_KCBIT_HARDCPU) | (1 << VS_VCI_KCBIT_IDLETIME) |
           (1 << VS_VCI_KCBIT_NETV2);
}

/* the 2.2 kernels' limits: RSS and ANON with a soft limit, these with a
 * maximum */
#define LIMIT(id) (1U << (id))
static const struct vs_ctx_rlimit_mask_v0 vssimV2LimitMask = {
    .minimum = 0,
    .softlimit = LIMIT(VS_RLIMIT_RSS) | LIMIT(VS_VLIMIT_ANON),
    .maximum = LIMIT(VS_RLIMIT_RSS) | LIMIT(VS_RLIMIT_NPROC) | LIMIT(VS_RLIMIT_NOFILE) |
               LIMIT(VS_RLIMIT_MEMLOCK) | LIMIT(VS_RLIMIT_AS) | LIMIT(VS_RLIMIT_LOCKS) |
               LIMIT(VS_RLIMIT_MSGQUEUE) | LIMIT(VS_VLIMIT_NSOCK) | LIMIT(VS_VLIMIT_OPENFD) |
               LIMIT(VS_VLIMIT_ANON) | LIMIT(VS_VLIMIT_SHMEM) | LIMIT(VS_VLIMIT_DENTRY),
};

static bool
vssimV2ValidLimit(uint32_t id)
{
    return id < VS_NUM_LIMITS &&
           ((vssimV2LimitMask.minimum | vssimV2LimitMask.softlimit | vssimV2LimitMask.maximum) &
            LIMIT(id));
}

static long
vssimV2GetRlimitMask(vssimV2Req *r)
{
    return vssimV2Out(r, &vssimV2LimitMask, sizeof(vssimV2LimitMask));
}

static long
vssimV2TaskXid(vssimV2Req *r)
{
    vssimProcStatus st;

    if (!r->call->arg)
        return r->caller->xid;
    /* only the host (and the spectator) may ask about another task */
    if (r->caller->xid > VS_XID_SPECTATOR)
        return -EPERM;
    if (vssimProcReadStatus(r->call->arg, &st) < 0)
        return -ESRCH;
    return vssimTasksXidOf(r->m->tasks, st.tgid);
}

static long
vssimV2VxInfo(vssimV2Req *r)
{
    struct vs_vx_info_v0 info = { .xid = r->ctx->xid, .initpid = r->ctx->initpid };

    return vssimV2Out(r, &info, sizeof(info));
}

static long
vssimV2CtxStat(vssimV2Req *r)
{
    g_autoptr(GArray) tasks = vssimModelTasks(r->m, r->ctx);
    struct vs_ctx_stat_v0 stat = { .tasks = tasks->len };

    /* references: the tasks, a persistent context's own, the waiters' */
    stat.usecnt = tasks->len + !!(r->ctx->flags & VS_VXF_PERSISTENT) +
                  vssimModelWaitersOf(r->m, r->ctx->xid);
    return vssimV2Out(r, &stat, sizeof(stat));
}

static long
vssimV2VirtStat(vssimV2Req *r)
{
    g_autoptr(GArray) tasks = vssimModelTasks(r->m, r->ctx);
    struct vs_virt_stat_v0 stat = { 0 };
    size_t i;

    stat.uptime = (g_get_monotonic_time() - r->ctx->createdUs) * 1000;
    for (i = 0; i < tasks->len; i++) {
        vssimProcStatus st;

        if (vssimProcReadStatus(g_array_index(tasks, pid_t, i), &st) < 0)
            continue;
        stat.nr_threads += st.threads;
        if (vssimModelPaused(r->ctx))
            stat.nr_onhold += st.threads;
        else if (st.state == 'R')
            stat.nr_running++;
        else if (st.state == 'D')
            stat.nr_uninterruptible++;
    }
    stat.nr_forks = g_hash_table_size(r->ctx->seen) - MIN(r->ctx->joined,
                                                          g_hash_table_size(r->ctx->seen));
    return vssimV2Out(r, &stat, sizeof(stat));
}

static long
vssimV2GetRlimit(vssimV2Req *r)
{
    struct vs_ctx_rlimit_v0 lim;
    long rc;

    if ((rc = vssimV2In(r, &lim, sizeof(lim))) < 0)
        return rc;
    if (!vssimV2ValidLimit(lim.id))
        return -EINVAL;
    lim.minimum = VS_CRLIM_UNSET;
    lim.softlimit = r->ctx->soft[lim.id];
    lim.maximum = r->ctx->hard[lim.id];
    return vssimV2Out(r, &lim, sizeof(lim));
}

static long
vssimV2SetRlimit(vssimV2Req *r)
{
    struct vs_ctx_rlimit_v0 lim;
    uint64_t soft, hard;
    long rc;

    if ((rc = vssimV2In(r, &lim, sizeof(lim))) < 0)
        return rc;
    if (!vssimV2ValidLimit(lim.id))
        return -EINVAL;
    hard = lim.maximum != VS_CRLIM_KEEP ? lim.maximum : r->ctx->hard[lim.id];
    soft = lim.softlimit != VS_CRLIM_KEEP ? lim.softlimit : r->ctx->soft[lim.id];
    /* the kernel clamps the soft limit to the hard one */
    return vssimModelSetLimit(r->m, r->ctx, lim.id, MIN(soft, hard), hard);
}

static long
vssimV2GetCflags(vssimV2Req *r)
{
    /* the one-time STATE flags read as changeable only while set */
    struct vs_ctx_flags_v0 f = {
        .flagword = r->ctx->flags,
        .mask = ~VS_VXF_ONE_TIME | (r->ctx->flags & VS_VXF_ONE_TIME),
    };

    return vssimV2Out(r, &f, sizeof(f));
}

static long
vssimV2SetCflags(vssimV2Req *r)
{
    struct vs_ctx_flags_v0 f;
    uint64_t mask, trigger;
    bool paused;
    long rc;

    if ((rc = vssimV2In(r, &f, sizeof(f))) < 0)
        return rc;
    /* a one-time flag can be cleared, never set again */
    mask = (f.mask & ~VS_VXF_ONE_TIME) | (f.mask & r->ctx->flags & VS_VXF_ONE_TIME);
    trigger = (mask & r->ctx->flags) ^ (mask & f.flagword);
    if (r->caller->ctx == r->ctx && (trigger & VS_VXF_STATE_INIT)) {
        /* leaving the init state from inside makes the caller the init */
        r->ctx->initpid = r->caller->status.tgid;
        r->ctx->initStart = vssimProcStartTime(r->ctx->initpid);
    }
    paused = vssimModelPaused(r->ctx);
    r->ctx->flags = (r->ctx->flags & ~mask) | (f.flagword & mask);
    if (vssimModelPaused(r->ctx) != paused)
        return vssimModelSetPaused(r->m, r->ctx, !paused);
    return 0;
}

static long
vssimV2GetCcaps(vssimV2Req *r)
{
    struct vs_ctx_caps_v1 c = { .ccaps = r->ctx->ccaps, .cmask = ~0ULL };

    return vssimV2Out(r, &c, sizeof(c));
}

static long
vssimV2SetCcaps(vssimV2Req *r)
{
    struct vs_ctx_caps_v1 c;
    long rc;

    if ((rc = vssimV2In(r, &c, sizeof(c))) < 0)
        return rc;
    r->ctx->ccaps = (r->ctx->ccaps & ~c.cmask) | (c.ccaps & c.cmask);
    return 0;
}

static long
vssimV2GetBcaps(vssimV2Req *r)
{
    struct vs_bcaps c = { .bcaps = r->ctx->bcaps, .bmask = ~0ULL };

    return vssimV2Out(r, &c, sizeof(c));
}

static long
vssimV2SetBcaps(vssimV2Req *r)
{
    struct vs_bcaps c;
    long rc;

    if ((rc = vssimV2In(r, &c, sizeof(c))) < 0)
        return rc;
    r->ctx->bcaps = (r->ctx->bcaps & ~c.bmask) | (c.bcaps & c.bmask);
    return 0;
}

static long
vssimV2GetVhiName(vssimV2Req *r)
{
    struct vs_vhi_name_v0 n;
    long rc;

    if ((rc = vssimV2In(r, &n, sizeof(n))) < 0)
        return rc;
    if (n.field >= VS_VHIN_LAST)
        return -EINVAL;
    memcpy(n.name, r->ctx->names[n.field], VS_VHI_NAME_LEN);
    return vssimV2Out(r, &n, sizeof(n));
}

static long
vssimV2SetVhiName(vssimV2Req *r)
{
    struct vs_vhi_name_v0 n;
    long rc;

    if ((rc = vssimV2In(r, &n, sizeof(n))) < 0)
        return rc;
    if (n.field >= VS_VHIN_LAST)
        return -EINVAL;
    memcpy(r->ctx->names[n.field], n.name, VS_VHI_NAME_LEN);
    return 0;
}

static long
vssimV2GetBadness(vssimV2Req *r)
{
    struct vs_badness_v0 b = { .bias = r->ctx->badness };

    return vssimV2Out(r, &b, sizeof(b));
}

static long
vssimV2SetBadness(vssimV2Req *r)
{
    struct vs_badness_v0 b;
    long rc;

    if ((rc = vssimV2In(r, &b, sizeof(b))) < 0)
        return rc;
    r->ctx->badness = b.bias;
    return 0;
}

static long
vssimV2SetSchedFn(vssimV2Req *r)
{
    return vssimV2SetSched(r->m, r->call, r->ctx);
}

static long
vssimV2GetSchedFn(vssimV2Req *r)
{
    return vssimV2GetSched(r->m, r->call, r->ctx);
}

static long
vssimV2CtxCreateFn(vssimV2Req *r)
{
    return vssimV2CtxCreate(r->m, r->call, r->caller);
}

static long
vssimV2CtxMigrateFn(vssimV2Req *r)
{
    return vssimV2CtxMigrate(r->m, r->call, r->caller, r->ctx);
}

static long
vssimV2CtxKillFn(vssimV2Req *r)
{
    return vssimV2CtxKill(r->m, r->call, r->ctx);
}

static long
vssimV2WaitExitFn(vssimV2Req *r)
{
    return vssimV2WaitExit(r->m, r->call, r->ctx);
}

static long
vssimV2NetFn(vssimV2Req *r)
{
    return vssimV2NetCall(r->m, r->call, r->caller, r->net);
}

#define CMD(c, n, p, a, f, fn) { c, n, p, a, f, fn }

static const vssimV2Cmd vssimV2Cmds[] = {
    /* unprivileged */
    CMD(VS_VCMD_GET_VERSION, "get_version", 0, 0, 0, vssimV2GetVersion),
    CMD(VS_VCMD_GET_VCI, "get_vci", 0, 0, 0, vssimV2GetVci),
    CMD(VS_VCMD_GET_RLIMIT_MASK, "get_rlimit_mask", 0, 0, 0, vssimV2GetRlimitMask),
    /* information */
    CMD(VS_VCMD_TASK_XID, "task_xid", 2, 0, 0, vssimV2TaskXid),
    CMD(VS_VCMD_VX_INFO, "vx_info", 3, ARG_VXI, CMD_INFO, vssimV2VxInfo),
    CMD(VS_VCMD_GET_BCAPS, "get_bcaps", 3, ARG_VXI, CMD_INFO, vssimV2GetBcaps),
    CMD(VS_VCMD_GET_CCAPS, "get_ccaps", 3, ARG_VXI, CMD_INFO, vssimV2GetCcaps),
    CMD(VS_VCMD_GET_CFLAGS, "get_cflags", 3, ARG_VXI, CMD_INFO, vssimV2GetCflags),
    CMD(VS_VCMD_GET_VHI_NAME, "get_vhi_name", 3, ARG_VXI, CMD_INFO, vssimV2GetVhiName),
    CMD(VS_VCMD_GET_RLIMIT, "get_rlimit", 3, ARG_VXI, CMD_INFO, vssimV2GetRlimit),
    CMD(VS_VCMD_CTX_STAT, "ctx_stat", 3, ARG_VXI, CMD_INFO, vssimV2CtxStat),
    CMD(VS_VCMD_VIRT_STAT, "virt_stat", 3, ARG_VXI, CMD_INFO, vssimV2VirtStat),
    CMD(VS_VCMD_GET_SCHED, "get_sched", 3, ARG_VXI, CMD_INFO, vssimV2GetSchedFn),
    CMD(VS_VCMD_GET_BADNESS, "get_badness", 3, ARG_VXI, CMD_INFO, vssimV2GetBadness),
    CMD(VS_VCMD_NX_INFO, "nx_info", 3, ARG_NXI, CMD_INFO, vssimV2NetFn),
    CMD(VS_VCMD_GET_NFLAGS, "get_nflags", 3, ARG_NXI, CMD_INFO, vssimV2NetFn),
    /* lower admin */
    CMD(VS_VCMD_WAIT_EXIT, "wait_exit", 4, ARG_VXI, CMD_INFO, vssimV2WaitExitFn),
    CMD(VS_VCMD_CTX_CREATE, "ctx_create", 5, 0, 0, vssimV2CtxCreateFn),
    CMD(VS_VCMD_CTX_MIGRATE, "ctx_migrate", 5, ARG_VXI, CMD_ADMIN, vssimV2CtxMigrateFn),
    CMD(VS_VCMD_NET_CREATE, "net_create", 5, 0, 0, vssimV2NetFn),
    CMD(VS_VCMD_NET_MIGRATE, "net_migrate", 5, ARG_NXI, CMD_ADMIN, vssimV2NetFn),
    /* higher admin */
    CMD(VS_VCMD_CTX_KILL, "ctx_kill", 6, ARG_VXI, CMD_ARES, vssimV2CtxKillFn),
    CMD(VS_VCMD_SET_CCAPS, "set_ccaps", 7, ARG_VXI, CMD_ARES | CMD_SETUP, vssimV2SetCcaps),
    CMD(VS_VCMD_SET_BCAPS, "set_bcaps", 7, ARG_VXI, CMD_ARES | CMD_SETUP, vssimV2SetBcaps),
    CMD(VS_VCMD_SET_CFLAGS, "set_cflags", 7, ARG_VXI, CMD_ARES | CMD_SETUP, vssimV2SetCflags),
    CMD(VS_VCMD_SET_VHI_NAME, "set_vhi_name", 7, ARG_VXI, CMD_ARES | CMD_SETUP,
        vssimV2SetVhiName),
    CMD(VS_VCMD_SET_RLIMIT, "set_rlimit", 7, ARG_VXI, CMD_ARES | CMD_SETUP, vssimV2SetRlimit),
    CMD(VS_VCMD_SET_SCHED, "set_sched", 7, ARG_VXI, CMD_ARES | CMD_SETUP, vssimV2SetSchedFn),
    CMD(VS_VCMD_SET_BADNESS, "set_badness", 7, ARG_VXI, CMD_ARES | CMD_SETUP,
        vssimV2SetBadness),
    CMD(VS_VCMD_SET_NFLAGS, "set_nflags", 7, ARG_NXI, CMD_ARES | CMD_SETUP, vssimV2NetFn),
    CMD(VS_VCMD_NET_ADD_IPV4, "net_add_ipv4", 8, ARG_NXI, CMD_ARES | CMD_SETUP, vssimV2NetFn),
    CMD(VS_VCMD_NET_REM_IPV4, "net_rem_ipv4", 8, ARG_NXI, CMD_ARES | CMD_SETUP, vssimV2NetFn),
    CMD(VS_VCMD_NET_ADD_IPV6, "net_add_ipv6", 8, ARG_NXI, CMD_ARES | CMD_SETUP, vssimV2NetFn),
    CMD(VS_VCMD_NET_REM_IPV6, "net_remove_ipv6", 8, ARG_NXI, CMD_ARES | CMD_SETUP,
        vssimV2NetFn),
};

static const vssimV2Cmd *
vssimV2Lookup(const vssimModel *m, uint32_t word)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vssimV2Cmds); i++) {
        if (vssimV2Cmds[i].cmd == word)
            return vssimModelLacks(m, vssimV2Cmds[i].name) ? NULL : &vssimV2Cmds[i];
    }
    return NULL;
}

bool
vssimV2Knows(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vssimV2Cmds); i++) {
        if (STREQ(vssimV2Cmds[i].name, name))
            return true;
    }
    return false;
}

char *
vssimV2Names(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vssimV2Cmds); i++)
        g_string_append_printf(out, "%s%s", i ? " " : "", vssimV2Cmds[i].name);
    return g_string_free(g_steal_pointer(&out), FALSE);
}

/* The switch's checks before a command runs: 0 to go on, or the refusal. */
static long
vssimV2Permit(vssimV2Req *r, const vssimV2Cmd *cmd)
{
    bool permit = true;

    if (cmd->perm > 1 && !vssimModelCapable(r->caller, CAP_SYS_ADMIN))
        return -EPERM;
    /* admin commands come from the host; setup ones also from a context
     * that is still being set up */
    if (cmd->flags & CMD_ADMIN)
        permit = r->caller->xid == VS_XID_HOST;
    if (!permit && (cmd->flags & CMD_SETUP))
        permit = r->caller->ctx && (r->caller->ctx->flags & VS_VXF_STATE_SETUP);
    if (!permit)
        return -EPERM;
    if (cmd->args & ARG_VXI) {
        if (!(r->ctx = vssimModelLookup(r->m, r->call->arg)))
            return -ESRCH;
        /* ctx_kill stays allowed, so that a guest can still be shut down */
        if ((cmd->flags & CMD_ADMIN) && cmd->cmd != VS_VCMD_CTX_KILL &&
            !(r->ctx->flags & VS_VXF_STATE_ADMIN))
            return -EACCES;
    }
    if (cmd->args & ARG_NXI) {
        if (!(r->net = vssimModelNetLookup(r->m, r->call->arg)))
            return -ESRCH;
        if ((cmd->flags & CMD_ADMIN) && !(r->net->flags & VS_NXF_STATE_ADMIN))
            return -EACCES;
    }
    return 0;
}

long
vssimV2Handle(vssimModel *m, const vssimCall *call)
{
    const vssimV2Cmd *cmd = vssimV2Lookup(m, call->cmd);
    vssimCaller caller;
    vssimV2Req r = { .m = m, .call = call, .caller = &caller };
    long rc;

    if (!cmd)
        return -ENOSYS;
    if ((rc = vssimModelCaller(m, call, &caller)) < 0)
        return rc;
    /* the spectator context is a special case of the kernel's */
    if (cmd->cmd == VS_VCMD_CTX_MIGRATE && call->arg == VS_XID_SPECTATOR &&
        vssimModelCapable(&caller, CAP_SYS_ADMIN))
        return VS_XID_SPECTATOR;
    if ((rc = vssimV2Permit(&r, cmd)) < 0)
        return rc;
    return cmd->fn(&r);
}
