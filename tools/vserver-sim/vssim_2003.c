/*
 * vssim_2003.c: the original 2003 design, as vserver_abi.h numbers it
 *
 * A word with reserved bits, the fourth sub-category, a category or
 * command the kernel lacks answers -ENOTSUP; category 0 answers the patch
 * version, (category, VERSION, 0) the category's handler version and
 * (category, VERSION, command) the command's.  SET commands need
 * CAP_SYS_ADMIN in the host context (EPERM); a context that is not there
 * is ESRCH.
 */
#include "internal.h"

#include <linux/capability.h>
#include <signal.h>

#include "vssim_2003.h"

/* the version of every category handler and command of this kernel */
#define VSSIM_2003_VERSION 1

typedef struct {
    vssimModel *m;
    const vssimCall *call;
    const vssimCaller *caller;
    vssimContext *ctx;
    unsigned int limit;             /* the limit commands: which */
} vssim03Req;

typedef long (*vssim03Fn)(vssim03Req *r);

/* which directions address a context by the id argument */
#define SET_CTX 0x1
#define GET_CTX 0x2

typedef struct {
    unsigned int cat;
    unsigned int num;
    const char *name;
    unsigned int ctx;
    unsigned int limit;
    vssim03Fn set;
    vssim03Fn get;
} vssim03Cmd;

static const char *const vssim03Categories[VS03_CAT_LAST] = {
    "patch", "context", "process", "netdev", "netaddr", "vfs", "memory", "limits",
};

static long
vssim03In(vssim03Req *r, void *buf, size_t len)
{
    return vssimCallRead(r->m->listener, r->call, r->call->data, buf, len);
}

static long
vssim03Out(vssim03Req *r, const void *buf, size_t len)
{
    return vssimCallWrite(r->m->listener, r->call, r->call->data, buf, len);
}

static long
vssim03OutValue(vssim03Req *r, uint64_t value)
{
    struct vs03_value v = { .value = value };

    return vssim03Out(r, &v, sizeof(v));
}

static long
vssim03InValue(vssim03Req *r, uint64_t *value)
{
    struct vs03_value v;
    long rc;

    if ((rc = vssim03In(r, &v, sizeof(v))) < 0)
        return rc;
    *value = v.value;
    return 0;
}

static long
vssim03Create(vssim03Req *r)
{
    struct vs03_ctx_create c = { 0 };
    vssimContext *ctx;
    long rc;

    if (r->call->data && (rc = vssim03In(r, &c, sizeof(c))) < 0)
        return rc;
    if (r->call->arg < VS_XID_STATIC_MIN || r->call->arg > VS_XID_STATIC_MAX)
        return -EINVAL;
    return vssimModelCreate(r->m, r->call->arg,
                            (c.flags & VS03_CTXF_PERSISTENT) ? VS_VXF_PERSISTENT : 0,
                            true, &ctx);
}

static long
vssim03Destroy(vssim03Req *r)
{
    g_autoptr(GArray) tasks = vssimModelTasks(r->m, r->ctx);

    if (tasks->len)
        return -EBUSY;
    vssimModelDestroy(r->m, r->ctx);
    return 0;
}

static long
vssim03SetSched(vssim03Req *r)
{
    struct vs03_sched s;
    bool paused = vssimModelPaused(r->ctx);
    long rc;

    if ((rc = vssim03In(r, &s, sizeof(s))) < 0)
        return rc;
    if ((s.policy & ~(VS03_SCHED_POLICY_MASK | VS03_SCHED_PAUSED)) ||
        (s.policy & VS03_SCHED_POLICY_MASK) > VS03_SCHED_HARD || s.interval == 0 ||
        s.prio_bias < VS_PRIO_BIAS_MIN || s.prio_bias > VS_PRIO_BIAS_MAX ||
        s.tokens_min > s.tokens_max)
        return -EINVAL;
    r->ctx->policy = s.policy;
    r->ctx->bucket.fillRate[0] = s.fill_rate;
    r->ctx->bucket.interval[0] = s.interval;
    r->ctx->bucket.tokens = s.tokens;
    r->ctx->bucket.tokensMin = s.tokens_min;
    r->ctx->bucket.tokensMax = s.tokens_max;
    r->ctx->bucket.prioBias = s.prio_bias;
    if (vssimModelPaused(r->ctx) != paused)
        return vssimModelSetPaused(r->m, r->ctx, !paused);
    return 0;
}

static long
vssim03GetSched(vssim03Req *r)
{
    struct vs03_sched s = {
        .policy = r->ctx->policy,
        .prio_bias = r->ctx->bucket.prioBias,
        .fill_rate = r->ctx->bucket.fillRate[0],
        .interval = r->ctx->bucket.interval[0],
        .tokens = r->ctx->bucket.tokens,
        .tokens_min = r->ctx->bucket.tokensMin,
        .tokens_max = r->ctx->bucket.tokensMax,
    };

    return vssim03Out(r, &s, sizeof(s));
}

static long
vssim03SetCpu(vssim03Req *r)
{
    bool max = VS03_COMMAND(r->call->cmd) == VS03_CONTEXT_CPU_MAX;
    uint64_t value;
    long rc;

    if ((rc = vssim03InValue(r, &value)) < 0)
        return rc;
    if (max ? value < r->ctx->cpuMin : value > r->ctx->cpuMax)
        return -EINVAL;
    if (max)
        r->ctx->cpuMax = value;
    else
        r->ctx->cpuMin = value;
    return 0;
}

static long
vssim03GetCpu(vssim03Req *r)
{
    bool max = VS03_COMMAND(r->call->cmd) == VS03_CONTEXT_CPU_MAX;

    return vssim03OutValue(r, max ? r->ctx->cpuMax : r->ctx->cpuMin);
}

static long
vssim03Migrate(vssim03Req *r)
{
    return vssimModelJoin(r->m, r->ctx, r->caller->status.tgid);
}

static long
vssim03Current(vssim03Req *r)
{
    return r->caller->xid;
}

static long
vssim03SetLimit(vssim03Req *r)
{
    uint64_t value;
    long rc;

    if ((rc = vssim03InValue(r, &value)) < 0)
        return rc;
    return vssimModelSetLimit(r->m, r->ctx, r->limit, value, value);
}

static long
vssim03GetLimit(vssim03Req *r)
{
    return vssim03OutValue(r, r->ctx->hard[r->limit]);
}

static long
vssim03SetCaps(vssim03Req *r)
{
    struct vs03_caps c;
    long rc;

    if ((rc = vssim03In(r, &c, sizeof(c))) < 0)
        return rc;
    r->ctx->bcaps = c.caps;
    return 0;
}

static long
vssim03GetCaps(vssim03Req *r)
{
    struct vs03_caps c = { .caps = r->ctx->bcaps };

    return vssim03Out(r, &c, sizeof(c));
}

static long
vssim03SetStop(vssim03Req *r)
{
    uint64_t value;
    long rc;

    if ((rc = vssim03InValue(r, &value)) < 0)
        return rc;
    if (value > 1)
        return -EINVAL;
    r->ctx->stopCreate = value;
    return vssimModelApplyNproc(r->m, r->ctx);
}

static long
vssim03GetStop(vssim03Req *r)
{
    return vssim03OutValue(r, r->ctx->stopCreate);
}

static long
vssim03Signal(vssim03Req *r)
{
    struct vs03_signal s;
    unsigned int count = 0;
    long rc;

    if ((rc = vssim03In(r, &s, sizeof(s))) < 0)
        return rc;
    if (s.sig < 0 || s.sig > SIGRTMAX)
        return -EINVAL;
    rc = vssimModelKillAll(r->m, r->ctx, s.sig, false, &count);
    return rc == -ESRCH ? 0 : rc < 0 ? rc : (long)count;
}

static long
vssim03Count(vssim03Req *r)
{
    g_autoptr(GArray) tasks = vssimModelTasks(r->m, r->ctx);

    return tasks->len;
}

static long
vssim03NetDevFn(vssim03Req *r)
{
    return vssim03NetDev(r->m, r->call);
}

static long
vssim03NetAddrFn(vssim03Req *r)
{
    return vssim03NetAddr(r->m, r->call, r->ctx);
}

static long
vssim03VfsFn(vssim03Req *r)
{
    return vssim03Vfs(r->m, r->call, r->ctx);
}

#define C(cat, num, name, ctx, limit, set, get) \
    { VS03_CAT_ ## cat, num, name, ctx, limit, set, get }
#define BOTH (SET_CTX | GET_CTX)

static const vssim03Cmd vssim03Cmds[] = {
    C(CONTEXT, VS03_CONTEXT_CREATE, "context.create", 0, 0, vssim03Create, NULL),
    C(CONTEXT, VS03_CONTEXT_DESTROY, "context.destroy", SET_CTX, 0, vssim03Destroy, NULL),
    C(CONTEXT, VS03_CONTEXT_SCHED_POLICY, "context.sched_policy", BOTH, 0,
      vssim03SetSched, vssim03GetSched),
    C(CONTEXT, VS03_CONTEXT_CPU_MAX, "context.cpu_max", BOTH, 0, vssim03SetCpu, vssim03GetCpu),
    C(CONTEXT, VS03_CONTEXT_CPU_MIN, "context.cpu_min", BOTH, 0, vssim03SetCpu, vssim03GetCpu),
    C(PROCESS, VS03_PROCESS_MIGRATE, "process.migrate", SET_CTX, 0,
      vssim03Migrate, vssim03Current),
    C(PROCESS, VS03_PROCESS_MAX_PROCS, "process.max_procs", BOTH, VS_RLIMIT_NPROC,
      vssim03SetLimit, vssim03GetLimit),
    C(PROCESS, VS03_PROCESS_CAPS, "process.caps", BOTH, 0, vssim03SetCaps, vssim03GetCaps),
    C(PROCESS, VS03_PROCESS_STOP_CREATE, "process.stop_create", BOTH, 0,
      vssim03SetStop, vssim03GetStop),
    C(PROCESS, VS03_PROCESS_SIGNAL, "process.signal", BOTH, 0, vssim03Signal, vssim03Count),
    C(NETDEV, VS03_NETDEV_CREATE, "netdev.create", 0, 0, vssim03NetDevFn, NULL),
    C(NETDEV, VS03_NETDEV_ATTACH, "netdev.attach", 0, 0, vssim03NetDevFn, NULL),
    C(NETDEV, VS03_NETDEV_DESTROY, "netdev.destroy", 0, 0, vssim03NetDevFn, NULL),
    C(NETDEV, VS03_NETDEV_QOS_MAX, "netdev.qos_max", 0, 0, vssim03NetDevFn, vssim03NetDevFn),
    C(NETDEV, VS03_NETDEV_QOS_MIN, "netdev.qos_min", 0, 0, vssim03NetDevFn, vssim03NetDevFn),
    C(NETADDR, VS03_NETADDR_IPV4, "netaddr.ipv4", SET_CTX, 0, vssim03NetAddrFn, NULL),
    C(NETADDR, VS03_NETADDR_IPV6, "netaddr.ipv6", SET_CTX, 0, vssim03NetAddrFn, NULL),
    C(NETADDR, VS03_NETADDR_REMOVE, "netaddr.remove", SET_CTX, 0, vssim03NetAddrFn, NULL),
    C(VFS, VS03_VFS_VROOT, "vfs.vroot", SET_CTX, 0, vssim03VfsFn, NULL),
    C(VFS, VS03_VFS_DISK_LIMIT, "vfs.disk_limit", BOTH, 0, vssim03VfsFn, vssim03VfsFn),
    C(VFS, VS03_VFS_FILES, "vfs.files", BOTH, VS_RLIMIT_NOFILE,
      vssim03SetLimit, vssim03GetLimit),
    C(MEMORY, VS03_MEMORY_TOTAL, "memory.total", BOTH, VS_RLIMIT_AS,
      vssim03SetLimit, vssim03GetLimit),
    C(MEMORY, VS03_MEMORY_RESIDENT, "memory.resident", BOTH, VS_RLIMIT_RSS,
      vssim03SetLimit, vssim03GetLimit),
    C(LIMITS, VS03_LIMITS_TCP_SOCKETS, "limits.tcp_sockets", BOTH, VS_VLIMIT_NSOCK,
      vssim03SetLimit, vssim03GetLimit),
};

static const vssim03Cmd *
vssim03Lookup(const vssimModel *m, unsigned int cat, unsigned int num)
{
    size_t i;

    if (cat >= VS03_CAT_LAST || vssimModelLacks(m, vssim03Categories[cat]))
        return NULL;
    for (i = 0; i < G_N_ELEMENTS(vssim03Cmds); i++) {
        if (vssim03Cmds[i].cat == cat && vssim03Cmds[i].num == num)
            return vssimModelLacks(m, vssim03Cmds[i].name) ? NULL : &vssim03Cmds[i];
    }
    return NULL;
}

bool
vssim2003Knows(const char *name)
{
    size_t i;

    for (i = 1; i < VS03_CAT_LAST; i++) {
        if (STREQ(vssim03Categories[i], name))
            return true;
    }
    for (i = 0; i < G_N_ELEMENTS(vssim03Cmds); i++) {
        if (STREQ(vssim03Cmds[i].name, name))
            return true;
    }
    return false;
}

char *
vssim2003Names(void)
{
    g_autoptr(GString) out = g_string_new(NULL);
    size_t i;

    for (i = 1; i < VS03_CAT_LAST; i++)
        g_string_append_printf(out, "%s ", vssim03Categories[i]);
    for (i = 0; i < G_N_ELEMENTS(vssim03Cmds); i++)
        g_string_append_printf(out, "%s%s", i ? " " : "", vssim03Cmds[i].name);
    return g_string_free(g_steal_pointer(&out), FALSE);
}

/* (category, VERSION, command) */
static long
vssim03Version(vssimModel *m, unsigned int cat, unsigned int num)
{
    if (cat == VS03_CAT_PATCH)
        return num == 0 ? (long)m->config->version : -ENOTSUP;
    if (cat >= VS03_CAT_LAST || vssimModelLacks(m, vssim03Categories[cat]))
        return -ENOTSUP;
    if (num == 0 || vssim03Lookup(m, cat, num))
        return VSSIM_2003_VERSION;
    return -ENOTSUP;
}

long
vssim2003Handle(vssimModel *m, const vssimCall *call)
{
    unsigned int cat = VS03_CATEGORY(call->cmd);
    unsigned int sub = VS03_SUBCATEGORY(call->cmd);
    unsigned int num = VS03_COMMAND(call->cmd);
    const vssim03Cmd *cmd;
    vssimCaller caller;
    vssim03Req r = { .m = m, .call = call, .caller = &caller };
    vssim03Fn fn;
    long rc;

    if ((call->cmd & VS03_RESERVED_BITS) || sub > VS03_VERSION)
        return -ENOTSUP;
    if (sub == VS03_VERSION)
        return vssim03Version(m, cat, num);
    if (!(cmd = vssim03Lookup(m, cat, num)) || !(fn = sub == VS03_SET ? cmd->set : cmd->get))
        return -ENOTSUP;
    if ((rc = vssimModelCaller(m, call, &caller)) < 0)
        return rc;
    if (sub == VS03_SET &&
        (caller.xid != VS_XID_HOST || !vssimModelCapable(&caller, CAP_SYS_ADMIN)))
        return -EPERM;
    if ((cmd->ctx & (sub == VS03_SET ? SET_CTX : GET_CTX)) &&
        !(r.ctx = vssimModelLookup(m, call->arg)))
        return -ESRCH;
    r.limit = cmd->limit;
    return fn(&r);
}
