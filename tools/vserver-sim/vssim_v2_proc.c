/*
 * vssim_v2_proc.c: the V2 commands that act on processes (create,
 * migrate, kill, wait for the exit) and the token-bucket scheduler
 */
#include "internal.h"

#include <signal.h>
#include <unistd.h>

#include "vssim_v2.h"

/* the scheduler defaults of the kernel's do_set_sched, at HZ=100 */
#define VSSIM_HZ 100

long
vssimV2CtxCreate(vssimModel *m, const vssimCall *call, const vssimCaller *caller)
{
    struct vs_ctx_create c = { .flagword = VS_VXF_INIT_SET };
    vssimContext *ctx = NULL;
    long xid, rc;

    if (call->data && (rc = vssimCallRead(m->listener, call, call->data, &c, sizeof(c))) < 0)
        return rc;
    if ((call->arg > VS_XID_STATIC_MAX && call->arg != VS_XID_DYNAMIC) ||
        call->arg < VS_XID_STATIC_MIN)
        return -EINVAL;
    if ((xid = vssimModelCreate(m, call->arg, c.flagword, false, &ctx)) < 0)
        return xid;
    /* the kernel moves the caller into the context it made */
    if ((rc = vssimModelJoin(m, ctx, caller->status.tgid)) < 0) {
        vssimModelDestroy(m, ctx);
        return rc;
    }
    return xid;
}

long
vssimV2CtxMigrate(vssimModel *m, const vssimCall *call, const vssimCaller *caller,
                  vssimContext *ctx)
{
    struct vs_ctx_migrate mg = { 0 };
    long rc;

    if (call->data && (rc = vssimCallRead(m->listener, call, call->data, &mg, sizeof(mg))) < 0)
        return rc;
    if ((rc = vssimModelJoin(m, ctx, caller->status.tgid)) < 0)
        return rc;
    if (mg.flagword & VS_VXM_SET_INIT) {
        ctx->initpid = caller->status.tgid;
        ctx->initStart = vssimProcStartTime(ctx->initpid);
        ctx->flags &= ~VS_VXF_STATE_INIT;
    }
    return 0;
}

/* One process of the context: pid 1 means its init. */
static long
vssimV2KillOne(vssimModel *m, vssimContext *ctx, pid_t pid, int sig)
{
    g_autoptr(GArray) tasks = NULL;

    if (pid == 1 && ctx->initpid) {
        pid = ctx->initpid;
        /* a context that cannot be administered lets its init only be
         * interrupted, as long as other tasks remain */
        tasks = vssimModelTasks(m, ctx);
        if (!(ctx->flags & VS_VXF_STATE_ADMIN) && tasks->len > 1)
            sig = SIGINT;
    }
    if (vssimTasksXidOf(m->tasks, pid) != ctx->xid)
        return -ESRCH;
    return kill(pid, sig) == 0 ? 0 : -errno;
}

long
vssimV2CtxKill(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    struct vs_ctx_kill_v0 k;
    unsigned int count;
    long rc;

    if ((rc = vssimCallRead(m->listener, call, call->data, &k, sizeof(k))) < 0)
        return rc;
    /* a guest may still be shut down when it can no longer be
     * administered: killing all, or one, is refused then */
    if (!(ctx->flags & VS_VXF_STATE_ADMIN) &&
        ((k.pid < 1 && ctx->initpid) || k.pid > 1))
        return -EACCES;
    if (k.sig < 0 || k.sig > SIGRTMAX)
        return -EINVAL;
    if (k.pid == 0 || k.pid == -1)
        return vssimModelKillAll(m, ctx, k.sig, k.pid == -1, &count);
    return vssimV2KillOne(m, ctx, k.pid, k.sig);
}

long
vssimV2WaitExit(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    vssimModelWait(m, call, ctx);
    return VSSIM_DEFERRED;
}

/* The bucket @cpu asks for (with VS_VXSM_CPU_ID), made from the context's
 * own the first time; NULL for a CPU the host does not have. */
static vssimBucket *
vssimV2Bucket(vssimContext *ctx, uint32_t mask, int32_t cpu, int32_t bucket, bool create)
{
    gpointer key;
    vssimBucket *b;

    if (!(mask & VS_VXSM_CPU_ID))
        return &ctx->bucket;
    if (cpu < 0 || cpu >= sysconf(_SC_NPROCESSORS_CONF))
        return NULL;
    key = GUINT_TO_POINTER(((guint)cpu << 16) | ((guint)bucket & 0xFFFF));
    if ((b = g_hash_table_lookup(ctx->cpuBuckets, key)) || !create)
        return b ? b : &ctx->bucket;
    b = g_memdup2(&ctx->bucket, sizeof(*b));
    g_hash_table_insert(ctx->cpuBuckets, key, b);
    return b;
}

static void
vssimV2ApplySched(vssimBucket *b, const struct vs_sched_v5 *s)
{
    if (s->mask & VS_VXSM_FILL_RATE)
        b->fillRate[0] = s->fill_rate[0];
    if (s->mask & VS_VXSM_INTERVAL)
        b->interval[0] = s->interval[0];
    if (s->mask & VS_VXSM_FILL_RATE2)
        b->fillRate[1] = s->fill_rate[1];
    if (s->mask & VS_VXSM_INTERVAL2)
        b->interval[1] = s->interval[1];
    if (s->mask & VS_VXSM_TOKENS)
        b->tokens = s->tokens;
    if (s->mask & VS_VXSM_TOKENS_MIN)
        b->tokensMin = s->tokens_min;
    if (s->mask & VS_VXSM_TOKENS_MAX)
        b->tokensMax = s->tokens_max;
    if (s->mask & VS_VXSM_PRIO_BIAS)
        b->prioBias = s->prio_bias;
}

long
vssimV2SetSched(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    struct vs_sched_v5 s;
    vssimBucket *b;
    GHashTableIter iter;
    gpointer value;
    long rc;

    if ((rc = vssimCallRead(m->listener, call, call->data, &s, sizeof(s))) < 0)
        return rc;
    if (((s.mask & VS_VXSM_INTERVAL) && s.interval[0] <= 0) ||
        ((s.mask & VS_VXSM_INTERVAL2) && s.interval[1] <= 0))
        return -EINVAL;
    /* the kernel's sanity rules */
    if (s.tokens_max <= 0)
        s.tokens_max = VSSIM_HZ;
    if (s.tokens_min < 0)
        s.tokens_min = VSSIM_HZ / 3;
    if (s.tokens_min >= s.tokens_max)
        s.tokens_min = s.tokens_max;
    s.prio_bias = CLAMP(s.prio_bias, VS_PRIO_BIAS_MIN, VS_PRIO_BIAS_MAX);
    if (!(b = vssimV2Bucket(ctx, s.mask, s.cpu_id, s.bucket_id, true)))
        return -EINVAL;
    vssimV2ApplySched(b, &s);
    if (!(s.mask & VS_VXSM_CPU_ID)) {
        /* the context's values are every CPU's */
        g_hash_table_iter_init(&iter, ctx->cpuBuckets);
        while (g_hash_table_iter_next(&iter, NULL, &value))
            vssimV2ApplySched(value, &s);
    }
    return 0;
}

long
vssimV2GetSched(vssimModel *m, const vssimCall *call, vssimContext *ctx)
{
    struct vs_sched_v5 s;
    vssimBucket *b;
    long rc;

    if ((rc = vssimCallRead(m->listener, call, call->data, &s, sizeof(s))) < 0)
        return rc;
    if (!(b = vssimV2Bucket(ctx, s.mask, s.cpu_id, s.bucket_id, false)))
        return -EINVAL;
    memcpy(s.fill_rate, b->fillRate, sizeof(s.fill_rate));
    memcpy(s.interval, b->interval, sizeof(s.interval));
    s.tokens = b->tokens;
    s.tokens_min = b->tokensMin;
    s.tokens_max = b->tokensMax;
    s.prio_bias = b->prioBias;
    return vssimCallWrite(m->listener, call, call->data, &s, sizeof(s));
}
