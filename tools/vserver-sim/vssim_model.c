/*
 * vssim_model.c: contexts of the simulated kernel: creation, tasks,
 * limits, pause, signals, exit and who waits for it
 */
#include "internal.h"

#include <signal.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "vssim_model.h"

/* the defaults of a VServer kernel built with HZ=100 */
#define VSSIM_HZ 100

static void
vssimContextFree(vssimContext *ctx)
{
    g_hash_table_unref(ctx->cpuBuckets);
    g_hash_table_unref(ctx->seen);
    g_array_unref(ctx->addrs);
    g_free(ctx->vroot);
    g_free(ctx);
}

static void
vssimNetFree(vssimNet *net)
{
    g_array_unref(net->addrs);
    g_free(net);
}

vssimModel *
vssimModelNew(const vssimConfig *config, vssimListener *listener, vssimTasks *tasks)
{
    vssimModel *m = g_new0(vssimModel, 1);

    m->config = config;
    m->listener = listener;
    m->tasks = tasks;
    m->netMembers = vssimMembersNew();
    m->contexts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                        (GDestroyNotify)vssimContextFree);
    m->nets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                    (GDestroyNotify)vssimNetFree);
    m->netdevs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    m->pageSize = sysconf(_SC_PAGESIZE);
    return m;
}

void
vssimModelFree(vssimModel *m)
{
    if (!m)
        return;
    g_hash_table_unref(m->contexts);
    g_hash_table_unref(m->nets);
    g_hash_table_unref(m->netdevs);
    g_list_free_full(m->waiters, g_free);
    vssimMembersFree(m->netMembers);
    g_free(m);
}

bool
vssimModelLacks(const vssimModel *m, const char *name)
{
    return m->config->without && g_strv_contains((const char *const *)m->config->without, name);
}

int
vssimModelCaller(vssimModel *m, const vssimCall *call, vssimCaller *caller)
{
    int rc;

    memset(caller, 0, sizeof(*caller));
    if ((rc = vssimProcReadStatus(call->pid, &caller->status)) < 0)
        return rc;
    caller->xid = vssimTasksXidOf(m->tasks, caller->status.tgid);
    if (caller->xid)
        caller->ctx = g_hash_table_lookup(m->contexts, GUINT_TO_POINTER(caller->xid));
    return 0;
}

bool
vssimModelCapable(const vssimCaller *caller, int cap)
{
    uint64_t bit = 1ULL << cap;

    /* a context's processes have no capability outside its bounding set */
    return (caller->status.capEff & bit) && (!caller->ctx || (caller->ctx->bcaps & bit));
}

static bool
vssimModelReapable(const vssimContext *ctx)
{
    return !ctx->explicit && !(ctx->flags & VS_VXF_PERSISTENT);
}

static void
vssimModelCheckInit(vssimContext *ctx)
{
    /* the init exited: the kernel forgets it (vx_exit_init) */
    if (ctx->initpid && vssimProcStartTime(ctx->initpid) != ctx->initStart) {
        ctx->initpid = 0;
        ctx->initStart = 0;
    }
}

vssimContext *
vssimModelLookup(vssimModel *m, uint32_t xid)
{
    vssimContext *ctx = g_hash_table_lookup(m->contexts, GUINT_TO_POINTER(xid));
    g_autoptr(GArray) tasks = NULL;

    if (!ctx)
        return NULL;
    vssimModelCheckInit(ctx);
    if (!vssimModelReapable(ctx))
        return ctx;
    /* a context goes with its last task: the kernel would have freed it */
    tasks = vssimModelTasks(m, ctx);
    if (tasks->len == 0) {
        vssimModelTick(m);
        return g_hash_table_lookup(m->contexts, GUINT_TO_POINTER(xid));
    }
    return ctx;
}

static void
vssimContextDefaults(vssimContext *ctx)
{
    struct utsname uts;
    int i;

    for (i = 0; i < VS_NUM_LIMITS; i++) {
        ctx->soft[i] = VS_CRLIM_INFINITY;
        ctx->hard[i] = VS_CRLIM_INFINITY;
    }
    ctx->bcaps = ~0ULL;
    ctx->bucket = (vssimBucket) {
        .fillRate = { 1, 1 }, .interval = { 4, 4 }, .tokens = VSSIM_HZ,
        .tokensMin = VSSIM_HZ / 3, .tokensMax = VSSIM_HZ,
    };
    ctx->cpuMax = VS03_UNLIMITED;
    ctx->cpuMin = 0;
    ctx->diskSpaceKiB = VS03_UNLIMITED;
    ctx->diskInodes = VS03_UNLIMITED;
    /* a new context starts with the host's UTS names */
    if (uname(&uts) == 0) {
        g_strlcpy(ctx->names[VS_VHIN_SYSNAME], uts.sysname, VS_VHI_NAME_LEN);
        g_strlcpy(ctx->names[VS_VHIN_NODENAME], uts.nodename, VS_VHI_NAME_LEN);
        g_strlcpy(ctx->names[VS_VHIN_RELEASE], uts.release, VS_VHI_NAME_LEN);
        g_strlcpy(ctx->names[VS_VHIN_VERSION], uts.version, VS_VHI_NAME_LEN);
        g_strlcpy(ctx->names[VS_VHIN_MACHINE], uts.machine, VS_VHI_NAME_LEN);
        g_strlcpy(ctx->names[VS_VHIN_DOMAINNAME], uts.domainname, VS_VHI_NAME_LEN);
    }
}

long
vssimModelCreate(vssimModel *m, uint32_t xid, uint64_t flags, bool explicit, vssimContext **out)
{
    vssimContext *ctx;
    uint32_t x;
    int rc;

    if (xid == VS_XID_DYNAMIC) {
        for (x = VS_XID_DYNAMIC_MIN; x <= VS_XID_DYNAMIC_MAX; x++) {
            if (!vssimModelLookup(m, x))
                break;
        }
        if (x > VS_XID_DYNAMIC_MAX)
            return -EAGAIN;
        xid = x;
    } else if (vssimModelLookup(m, xid)) {
        return -EEXIST;
    }
    ctx = g_new0(vssimContext, 1);
    ctx->xid = xid;
    ctx->flags = flags;
    ctx->explicit = explicit;
    ctx->cpuBuckets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    ctx->seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    ctx->addrs = g_array_new(FALSE, TRUE, sizeof(vssimAddr));
    ctx->createdUs = g_get_monotonic_time();
    vssimContextDefaults(ctx);
    if ((rc = vssimTasksCreate(m->tasks, xid)) < 0) {
        vssimContextFree(ctx);
        return rc;
    }
    g_hash_table_insert(m->contexts, GUINT_TO_POINTER(xid), ctx);
    *out = ctx;
    return xid;
}

void
vssimModelDestroy(vssimModel *m, vssimContext *ctx)
{
    GHashTableIter iter;
    gpointer value;
    uint32_t xid = ctx->xid;

    g_hash_table_iter_init(&iter, m->netdevs);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        if (((vssimNetDev *)value)->xid == xid)
            ((vssimNetDev *)value)->xid = 0;
    }
    g_hash_table_remove(m->contexts, GUINT_TO_POINTER(xid));
    vssimTasksDrop(m->tasks, xid);
}

long
vssimModelJoin(vssimModel *m, vssimContext *ctx, pid_t pid)
{
    int rc = vssimTasksJoin(m->tasks, ctx->xid, pid);

    if (rc < 0)
        return rc;
    g_hash_table_add(ctx->seen, GINT_TO_POINTER(pid));
    ctx->joined++;
    return 0;
}

GArray *
vssimModelTasks(vssimModel *m, vssimContext *ctx)
{
    GArray *pids = vssimTasksList(m->tasks, ctx->xid);
    size_t i;

    for (i = 0; i < pids->len; i++)
        g_hash_table_add(ctx->seen, GINT_TO_POINTER(g_array_index(pids, pid_t, i)));
    return pids;
}

/* @pages of memory in bytes, G_MAXUINT64 for none */
static uint64_t
vssimModelPagesToBytes(vssimModel *m, uint64_t pages)
{
    if (pages == VS_CRLIM_INFINITY || pages > G_MAXUINT64 / m->pageSize)
        return G_MAXUINT64;
    return pages * m->pageSize;
}

long
vssimModelApplyNproc(vssimModel *m, vssimContext *ctx)
{
    uint64_t max = ctx->hard[VS_RLIMIT_NPROC];
    g_autoptr(GArray) pids = NULL;
    size_t i;

    if (max == VS_CRLIM_INFINITY)
        max = G_MAXUINT64;
    if (ctx->stopCreate) {
        /* no new task: the limit is what runs now */
        pids = vssimModelTasks(m, ctx);
        for (max = 0, i = 0; i < pids->len; i++) {
            vssimProcStatus st;

            if (vssimProcReadStatus(g_array_index(pids, pid_t, i), &st) == 0)
                max += st.threads;
        }
    }
    return vssimTasksSetNproc(m->tasks, ctx->xid, max);
}

long
vssimModelSetLimit(vssimModel *m, vssimContext *ctx, unsigned int id, uint64_t soft, uint64_t hard)
{
    uint64_t rss, anon;

    ctx->soft[id] = soft;
    ctx->hard[id] = hard;
    if (id == VS_RLIMIT_NPROC)
        return vssimModelApplyNproc(m, ctx);
    if (id == VS_RLIMIT_RSS || id == VS_VLIMIT_ANON) {
        /* the memory cgroup counts resident anonymous and cache pages */
        rss = vssimModelPagesToBytes(m, ctx->hard[VS_RLIMIT_RSS]);
        anon = vssimModelPagesToBytes(m, ctx->hard[VS_VLIMIT_ANON]);
        return vssimTasksSetMemory(m->tasks, ctx->xid, MIN(rss, anon));
    }
    return 0;
}

bool
vssimModelPaused(const vssimContext *ctx)
{
    return (ctx->flags & VS_VXF_SCHED_PAUSE) || (ctx->policy & VS03_SCHED_PAUSED);
}

long
vssimModelSetPaused(vssimModel *m, vssimContext *ctx, bool paused)
{
    return vssimTasksSetPaused(m->tasks, ctx->xid, paused);
}

long
vssimModelKillAll(vssimModel *m, vssimContext *ctx, int sig, bool spareInit, unsigned int *count)
{
    g_autoptr(GArray) pids = NULL;
    size_t i;
    long rc;

    *count = 0;
    vssimModelCheckInit(ctx);
    if (!spareInit || !ctx->initpid) {
        if ((rc = vssimTasksKillAll(m->tasks, ctx->xid, sig, count)) < 0)
            return rc;
        return *count ? 0 : -ESRCH;
    }
    pids = vssimModelTasks(m, ctx);
    for (i = 0; i < pids->len; i++) {
        pid_t pid = g_array_index(pids, pid_t, i);

        if (pid != (pid_t)ctx->initpid && kill(pid, sig) == 0)
            (*count)++;
    }
    return *count ? 0 : -ESRCH;
}

void
vssimModelWait(vssimModel *m, const vssimCall *call, vssimContext *ctx G_GNUC_UNUSED)
{
    m->waiters = g_list_append(m->waiters, g_memdup2(call, sizeof(*call)));
}

bool
vssimModelHasWaiters(const vssimModel *m)
{
    return m->waiters != NULL;
}

unsigned int
vssimModelWaitersOf(const vssimModel *m, uint32_t xid)
{
    unsigned int n = 0;
    GList *l;

    for (l = m->waiters; l; l = l->next) {
        if (((vssimCall *)l->data)->arg == xid)
            n++;
    }
    return n;
}

/* Answers the waiters of @xid, or those whose caller is gone (@xid 0). */
static void
vssimModelAnswerWaiters(vssimModel *m, uint32_t xid, int32_t exitCode, int32_t rebootCmd)
{
    GList *l = m->waiters;

    while (l) {
        GList *next = l->next;
        vssimCall *call = l->data;
        struct vs_wait_exit_v0 info = { .reboot_cmd = rebootCmd, .exit_code = exitCode };

        if (!vssimListenerValid(m->listener, call->id)) {
            m->waiters = g_list_delete_link(m->waiters, l);
            g_free(call);
        } else if (xid && call->arg == xid) {
            long ret = vssimCallWrite(m->listener, call, call->data, &info, sizeof(info));

            vssimListenerRespond(m->listener, call->id, ret);
            m->waiters = g_list_delete_link(m->waiters, l);
            g_free(call);
        }
        l = next;
    }
}

void
vssimModelTick(vssimModel *m)
{
    GHashTableIter iter;
    gpointer value;
    g_autoptr(GPtrArray) gone = g_ptr_array_new();
    size_t i;

    g_hash_table_iter_init(&iter, m->contexts);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        vssimContext *ctx = value;
        g_autoptr(GArray) tasks = NULL;

        if (!vssimModelReapable(ctx))
            continue;
        tasks = vssimModelTasks(m, ctx);
        if (tasks->len == 0)
            g_ptr_array_add(gone, ctx);
    }
    for (i = 0; i < gone->len; i++) {
        vssimContext *ctx = g_ptr_array_index(gone, i);
        uint32_t xid = ctx->xid;

        vssimModelAnswerWaiters(m, xid, ctx->exitCode, ctx->rebootCmd);
        vssimModelDestroy(m, ctx);
    }
    vssimModelAnswerWaiters(m, 0, 0, 0);
}

void
vssimModelShutdown(vssimModel *m)
{
    g_autoptr(GList) contexts = g_hash_table_get_values(m->contexts);
    GList *l;
    unsigned int count;
    int tries;

    for (l = contexts; l; l = l->next) {
        vssimContext *ctx = l->data;

        ctx->explicit = false;
        ctx->flags &= ~VS_VXF_PERSISTENT;
        vssimModelSetPaused(m, ctx, false);
        vssimTasksKillAll(m->tasks, ctx->xid, SIGKILL, &count);
    }
    /* the killed tasks take a moment to be gone; then every context ends */
    for (tries = 0; tries < 200 && g_hash_table_size(m->contexts); tries++) {
        vssimModelTick(m);
        if (g_hash_table_size(m->contexts))
            g_usleep(10000);
    }
    g_hash_table_remove_all(m->contexts);
}

vssimNet *
vssimModelNetLookup(vssimModel *m, uint32_t nid)
{
    vssimNet *net = g_hash_table_lookup(m->nets, GUINT_TO_POINTER(nid));
    g_autoptr(GArray) members = NULL;

    if (!net || (net->flags & VS_NXF_PERSISTENT))
        return net;
    /* like a context, a network context goes with its last task */
    members = vssimMembersList(m->netMembers, nid);
    if (members->len == 0) {
        vssimMembersForget(m->netMembers, nid);
        g_hash_table_remove(m->nets, GUINT_TO_POINTER(nid));
        return NULL;
    }
    return net;
}

vssimNet *
vssimModelNetCreate(vssimModel *m, uint32_t nid, uint64_t flags)
{
    vssimNet *net = g_new0(vssimNet, 1);

    net->nid = nid;
    net->flags = flags;
    net->addrs = g_array_new(FALSE, TRUE, sizeof(vssimAddr));
    g_hash_table_insert(m->nets, GUINT_TO_POINTER(nid), net);
    return net;
}

void
vssimModelNetJoin(vssimModel *m, vssimNet *net, pid_t pid)
{
    vssimMembersAdd(m->netMembers, pid, net->nid);
}

static bool
vssimAddrEqual(const vssimAddr *a, const vssimAddr *b)
{
    return a->family == b->family && a->type == b->type && a->flags == b->flags &&
           a->prefix == b->prefix && memcmp(a->ip, b->ip, 16) == 0 &&
           memcmp(a->ip2, b->ip2, 16) == 0 && memcmp(a->mask, b->mask, 16) == 0;
}

long
vssimAddrAdd(GArray *addrs, const vssimAddr *addr)
{
    size_t i;

    for (i = 0; i < addrs->len; i++) {
        if (vssimAddrEqual(&g_array_index(addrs, vssimAddr, i), addr))
            return -EEXIST;
    }
    g_array_append_val(addrs, *addr);
    return 0;
}

long
vssimAddrRemove(GArray *addrs, const vssimAddr *addr)
{
    size_t i;

    for (i = 0; i < addrs->len; i++) {
        if (vssimAddrEqual(&g_array_index(addrs, vssimAddr, i), addr)) {
            g_array_remove_index(addrs, i);
            return 0;
        }
    }
    return -ESRCH;
}
