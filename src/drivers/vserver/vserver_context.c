/*
 * vserver_context.c: contexts and their processes, in either ABI
 */
#include "internal.h"

#include "vserver_abi.h"
#include "vserver_context.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

#define NOLIMIT 0

static bool
vserverIsV2(vserverBinding *b)
{
    return vserverBindingGetAbi(b) == VSERVER_ABI_V2;
}

int
vserverContextCreate(vserverBinding *b, uint32_t xid, uint64_t flags, uint32_t *newXid)
{
    struct vs_ctx_create v2 = { .flagword = flags };
    struct vs03_ctx_create v03 = { 0 };
    long ret;

    if (vserverIsV2(b)) {
        if ((ret = vserverBindingCall(b, VSERVER_CMD_CTX_CREATE, NOLIMIT, xid, &v2)) < 0)
            return -1;
    } else {
        /* 2003 contexts have no flags but this one; the STATE flags
         * describe what every 2003 context is */
        if (flags & ~(VS_VXF_PERSISTENT | VS_VXF_INIT_SET)) {
            vserverBindingReportUnexpressible(b, VSERVER_CMD_CTX_CREATE, NOLIMIT,
                                              _("context flags other than 'persistent'"));
            return -1;
        }
        if (flags & VS_VXF_PERSISTENT)
            v03.flags = VS03_CTXF_PERSISTENT;
        if ((ret = vserverBindingCall(b, VSERVER_CMD_CTX_CREATE, NOLIMIT, xid, &v03)) < 0)
            return -1;
        if (vserverBindingCall(b, VSERVER_CMD_CTX_MIGRATE, NOLIMIT, ret, NULL) < 0) {
            virErrorPtr saved = NULL;

            /* no half-made context: remove the one nobody entered */
            virErrorPreserveLast(&saved);
            ignore_value(vserverBindingCall(b, VSERVER_CMD_CTX_DESTROY, NOLIMIT, ret, NULL));
            virErrorRestore(&saved);
            return -1;
        }
    }
    if (newXid)
        *newXid = ret;
    return 0;
}

int
vserverContextMigrate(vserverBinding *b, uint32_t xid, uint64_t flags)
{
    struct vs_ctx_migrate v2 = { .flagword = flags };

    if (vserverIsV2(b))
        return vserverBindingCall(b, VSERVER_CMD_CTX_MIGRATE, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
    if (flags) {
        vserverBindingReportUnexpressible(b, VSERVER_CMD_CTX_MIGRATE, NOLIMIT,
                                          _("an init process (2003 contexts have none)"));
        return -1;
    }
    return vserverBindingCall(b, VSERVER_CMD_CTX_MIGRATE, NOLIMIT, xid, NULL) < 0 ? -1 : 0;
}

int
vserverContextDestroy(vserverBinding *b, uint32_t xid)
{
    return vserverBindingCall(b, VSERVER_CMD_CTX_DESTROY, NOLIMIT, xid, NULL) < 0 ? -1 : 0;
}

int
vserverTaskContext(vserverBinding *b, pid_t pid, uint32_t *xid)
{
    long ret;

    if (!vserverIsV2(b) && pid != 0) {
        vserverBindingReportUnexpressible(b, VSERVER_CMD_TASK_XID, NOLIMIT,
                                          _("another process than the caller"));
        return -1;
    }
    if ((ret = vserverBindingCall(b, VSERVER_CMD_TASK_XID, NOLIMIT, pid, NULL)) < 0)
        return -1;
    *xid = ret;
    return 0;
}

int
vserverContextGetInfo(vserverBinding *b, uint32_t xid, vserverContextInfo *info)
{
    struct vs_vx_info_v0 v2 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_VX_INFO, NOLIMIT, xid, &v2) < 0)
        return -1;
    info->xid = v2.xid;
    info->initpid = v2.initpid;
    return 0;
}

int
vserverContextGetStat(vserverBinding *b, uint32_t xid, vserverContextStat *stat)
{
    struct vs_ctx_stat_v0 v2 = { 0 };
    long ret;

    if (vserverIsV2(b)) {
        if (vserverBindingCall(b, VSERVER_CMD_CTX_STAT, NOLIMIT, xid, &v2) < 0)
            return -1;
        stat->usecnt = v2.usecnt;
        stat->tasks = v2.tasks;
        return 0;
    }
    if ((ret = vserverBindingCall(b, VSERVER_CMD_CTX_STAT, NOLIMIT, xid, NULL)) < 0)
        return -1;
    stat->usecnt = ret;
    stat->tasks = ret;
    return 0;
}

int
vserverContextGetVirtStat(vserverBinding *b, uint32_t xid, vserverVirtStat *stat)
{
    struct vs_virt_stat_v0 v2 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_VIRT_STAT, NOLIMIT, xid, &v2) < 0)
        return -1;
    stat->offsetNs = v2.offset;
    stat->uptimeNs = v2.uptime;
    stat->threads = v2.nr_threads;
    stat->running = v2.nr_running;
    stat->uninterruptible = v2.nr_uninterruptible;
    stat->onhold = v2.nr_onhold;
    stat->forks = v2.nr_forks;
    memcpy(stat->load, v2.load, sizeof(stat->load));
    return 0;
}

int
vserverContextKill(vserverBinding *b, uint32_t xid, int pid, int sig)
{
    struct vs_ctx_kill_v0 v2 = { .pid = pid, .sig = sig };
    struct vs03_signal v03 = { .sig = sig };

    if (vserverIsV2(b))
        return vserverBindingCall(b, VSERVER_CMD_CTX_KILL, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
    if (pid != 0) {
        vserverBindingReportUnexpressible(b, VSERVER_CMD_CTX_KILL, NOLIMIT,
                                          _("one process (it signals every process of a context)"));
        return -1;
    }
    return vserverBindingCall(b, VSERVER_CMD_CTX_KILL, NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}

int
vserverContextWaitExit(vserverBinding *b, uint32_t xid, vserverExitInfo *info)
{
    struct vs_wait_exit_v0 v2 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_WAIT_EXIT, NOLIMIT, xid, &v2) < 0)
        return -1;
    info->rebootCmd = v2.reboot_cmd;
    info->exitCode = v2.exit_code;
    return 0;
}

int
vserverContextGetFlags(vserverBinding *b, uint32_t xid, uint64_t *flags)
{
    struct vs_ctx_flags_v0 v2 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_CFLAGS_GET, NOLIMIT, xid, &v2) < 0)
        return -1;
    *flags = v2.flagword;
    return 0;
}

int
vserverContextSetFlags(vserverBinding *b, uint32_t xid, uint64_t flags, uint64_t mask)
{
    struct vs_ctx_flags_v0 v2 = { .flagword = flags, .mask = mask };

    return vserverBindingCall(b, VSERVER_CMD_CFLAGS_SET, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
}

int
vserverContextSetPaused(vserverBinding *b, uint32_t xid, bool paused)
{
    struct vs03_sched v03 = { 0 };

    if (vserverIsV2(b))
        return vserverContextSetFlags(b, xid, paused ? VS_VXF_SCHED_PAUSE : 0,
                                      VS_VXF_SCHED_PAUSE);
    if (vserverBindingCall(b, VSERVER_CMD_SCHED_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    if (paused)
        v03.policy |= VS03_SCHED_PAUSED;
    else
        v03.policy &= ~VS03_SCHED_PAUSED;
    return vserverBindingCall(b, VSERVER_CMD_SCHED_SET, NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}

int
vserverContextGetPaused(vserverBinding *b, uint32_t xid, bool *paused)
{
    struct vs03_sched v03 = { 0 };
    uint64_t flags;

    if (vserverIsV2(b)) {
        if (vserverContextGetFlags(b, xid, &flags) < 0)
            return -1;
        *paused = !!(flags & VS_VXF_SCHED_PAUSE);
        return 0;
    }
    if (vserverBindingCall(b, VSERVER_CMD_SCHED_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    *paused = !!(v03.policy & VS03_SCHED_PAUSED);
    return 0;
}

int
vserverContextGetCcaps(vserverBinding *b, uint32_t xid, uint64_t *ccaps)
{
    struct vs_ctx_caps_v1 v2 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_CCAPS_GET, NOLIMIT, xid, &v2) < 0)
        return -1;
    *ccaps = v2.ccaps;
    return 0;
}

int
vserverContextSetCcaps(vserverBinding *b, uint32_t xid, uint64_t ccaps, uint64_t mask)
{
    struct vs_ctx_caps_v1 v2 = { .ccaps = ccaps, .cmask = mask };

    return vserverBindingCall(b, VSERVER_CMD_CCAPS_SET, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
}

int
vserverContextGetBcaps(vserverBinding *b, uint32_t xid, uint64_t *bcaps)
{
    struct vs_bcaps v2 = { 0 };
    struct vs03_caps v03 = { 0 };

    if (vserverIsV2(b)) {
        if (vserverBindingCall(b, VSERVER_CMD_BCAPS_GET, NOLIMIT, xid, &v2) < 0)
            return -1;
        *bcaps = v2.bcaps;
        return 0;
    }
    if (vserverBindingCall(b, VSERVER_CMD_BCAPS_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    *bcaps = v03.caps;
    return 0;
}

int
vserverContextSetBcaps(vserverBinding *b, uint32_t xid, uint64_t bcaps, uint64_t mask)
{
    struct vs_bcaps v2 = { .bcaps = bcaps, .bmask = mask };
    struct vs03_caps v03 = { 0 };

    if (vserverIsV2(b))
        return vserverBindingCall(b, VSERVER_CMD_BCAPS_SET, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
    /* the 2003 command replaces the whole set: merge the bits of @mask */
    if (vserverBindingCall(b, VSERVER_CMD_BCAPS_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    v03.caps = (v03.caps & ~mask) | (bcaps & mask);
    return vserverBindingCall(b, VSERVER_CMD_BCAPS_SET, NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}

int
vserverContextGetName(vserverBinding *b, uint32_t xid, unsigned int field, char **name)
{
    struct vs_vhi_name_v0 v2;

    memset(&v2, 0, sizeof(v2));
    v2.field = field;
    if (vserverBindingCall(b, VSERVER_CMD_NAME_GET, NOLIMIT, xid, &v2) < 0)
        return -1;
    *name = g_strndup(v2.name, sizeof(v2.name));
    return 0;
}

int
vserverContextSetName(vserverBinding *b, uint32_t xid, unsigned int field, const char *name)
{
    struct vs_vhi_name_v0 v2;

    if (strlen(name) >= sizeof(v2.name)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("VServer context %u: the UTS name '%s' is longer than %zu bytes"),
                       xid, name, sizeof(v2.name) - 1);
        return -1;
    }
    memset(&v2, 0, sizeof(v2));
    v2.field = field;
    g_strlcpy(v2.name, name, sizeof(v2.name));
    return vserverBindingCall(b, VSERVER_CMD_NAME_SET, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
}

int
vserverContextGetBadness(vserverBinding *b, uint32_t xid, int64_t *bias)
{
    struct vs_badness_v0 v2 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_BADNESS_GET, NOLIMIT, xid, &v2) < 0)
        return -1;
    *bias = v2.bias;
    return 0;
}

int
vserverContextSetBadness(vserverBinding *b, uint32_t xid, int64_t bias)
{
    struct vs_badness_v0 v2 = { .bias = bias };

    return vserverBindingCall(b, VSERVER_CMD_BADNESS_SET, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
}

int
vserverContextGetStopCreate(vserverBinding *b, uint32_t xid, bool *stop)
{
    struct vs03_value v03 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_STOP_CREATE_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    *stop = v03.value != 0;
    return 0;
}

int
vserverContextSetStopCreate(vserverBinding *b, uint32_t xid, bool stop)
{
    struct vs03_value v03 = { .value = stop };

    return vserverBindingCall(b, VSERVER_CMD_STOP_CREATE_SET, NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}
