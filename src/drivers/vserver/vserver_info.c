/*
 * vserver_info.c: a VServer domain's state, memory, CPU time and vcpus,
 * its statistics, and entering its context
 */
#include "internal.h"

#include <unistd.h>

#include "domain_kernel.h"
#include "domain_stats.h"
#include "vserver_context.h"
#include "vserver_def.h"
#include "vserver_info.h"
#include "vserver_net.h"
#include "vserver_private.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

/* ---- state --------------------------------------------------------- */

/* What the kernel says of running @obj; what the domain was told when it
 * cannot say.  Also hooks->state, for the statistics. */
void
vserverDomainHookState(virDomainDriverBase *base, virDomainObj *obj, int *state, int *reason)
{
    vserverDriver *driver = vserverDriverFromBase(base);
    uint32_t xid = vserverDomainXid(obj);
    vserverVirtStat vs = { 0 };
    bool paused;

    *state = obj->state;
    *reason = obj->reason;
    if (!virDomainObjIsActive(obj))
        return;
    if (vserverContextGetPaused(driver->binding, xid, &paused) < 0 ||
        (vserverDriverIsV2(driver) && vserverContextGetVirtStat(driver->binding, xid, &vs) < 0)) {
        VIR_DEBUG("context %u: %s", xid, virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    if (paused) {
        /* paused by someone else than this driver: it cannot say why */
        if (obj->state != VIR_DOMAIN_PAUSED)
            *reason = VIR_DOMAIN_PAUSED_UNKNOWN;
        *state = VIR_DOMAIN_PAUSED;
    } else if (vs.onhold && !vs.running) {
        /* the hard scheduler holds every thread back, for want of tokens */
        *state = VIR_DOMAIN_BLOCKED;
        *reason = VIR_DOMAIN_BLOCKED_UNKNOWN;
    } else if (obj->state != VIR_DOMAIN_RUNNING) {
        *state = VIR_DOMAIN_RUNNING;
        *reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    }
}

int
vserverDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    virDomainObj *obj;
    int why;

    virCheckFlags(0, -1);
    if (!(obj = virDomainDriverFindObj(dom, VIR_DOMAIN_DRIVER_OBJ_REFRESH |
                                            VIR_DOMAIN_DRIVER_OBJ_BROKEN)))
        return -1;
    vserverDomainHookState(virDomainDriverBaseFromConn(dom->conn), obj, state, &why);
    if (reason)
        *reason = why;
    virDomainObjEndAPI(&obj);
    return 0;
}

/* ---- usage --------------------------------------------------------- */

typedef struct {
    unsigned long long userNs;
    unsigned long long systemNs;
    unsigned long long rssKiB;
} vserverUsage;

/* Adds what /proc/@pid/stat says of a process: user and system time in
 * clock ticks (fields 14, 15), resident pages (field 24). */
static void
vserverUsageAddTask(vserverUsage *u, pid_t pid, long pageSize)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
    g_autofree char *text = NULL;
    g_auto(GStrv) fields = NULL;
    const char *paren;
    long hz = sysconf(_SC_CLK_TCK);

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(paren = strrchr(text, ')')))
        return;     /* ended meanwhile */
    /* after the command: field 3 (the state) onwards */
    fields = g_strsplit(paren + 2, " ", 23);
    if (g_strv_length(fields) < 23 || hz <= 0)
        return;
    u->userNs += g_ascii_strtoull(fields[11], NULL, 10) * (1000000000ULL / hz);
    u->systemNs += g_ascii_strtoull(fields[12], NULL, 10) * (1000000000ULL / hz);
    u->rssKiB += g_ascii_strtoull(fields[21], NULL, 10) * (pageSize / 1024);
}

/* The usage of running @obj's processes: 1, 0 where the kernel cannot
 * name them (2003), -1 with an error. */
static int
vserverDomainUsage(vserverDriver *driver, virDomainObj *obj, vserverUsage *u)
{
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guint i;

    memset(u, 0, sizeof(*u));
    if (!vserverDriverIsV2(driver))
        return 0;
    if (vserverContextListTasks(driver->binding, vserverDomainXid(obj), pids) < 0)
        return -1;
    for (i = 0; i < pids->len; i++)
        vserverUsageAddTask(u, g_array_index(pids, pid_t, i), driver->pageSize);
    return 1;
}

int
vserverDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    vserverDriver *driver = vserverDriverFromConn(dom->conn);
    virDomainObj *obj;
    vserverUsage u = { 0 };
    int state, reason, counted = 0;

    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (virDomainObjIsActive(obj) && (counted = vserverDomainUsage(driver, obj, &u)) < 0) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    vserverDomainHookState(&driver->base, obj, &state, &reason);
    info->state = state;
    info->maxMem = obj->def->maxMemory;
    /* what its processes hold while it runs, as far as the kernel tells */
    info->memory = counted > 0 ? u.rssKiB : obj->def->curMemory;
    info->nrVirtCpu = obj->def->vcpus;
    info->cpuTime = u.userNs + u.systemNs;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
vserverDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                         int start_cpu, unsigned int ncpus, unsigned int flags)
{
    vserverDriver *driver = vserverDriverFromConn(dom->conn);
    const char *names[] = { VIR_DOMAIN_CPU_STATS_CPUTIME, VIR_DOMAIN_CPU_STATS_USERTIME,
                            VIR_DOMAIN_CPU_STATS_SYSTEMTIME };
    virDomainObj *obj;
    vserverUsage u;
    unsigned int i;
    int rc = -1;

    virCheckFlags(0, -1);
    if (start_cpu != -1) {
        virReportError(VIR_ERR_NO_SUPPORT, "%s",
                       _("the VServer kernel keeps no CPU time per host CPU for a context: only the total (start_cpu -1)"));
        return -1;
    }
    if (!params)
        return G_N_ELEMENTS(names);
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    if ((rc = vserverDomainUsage(driver, obj, &u)) == 0)
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("domain '%s': the 2003 design cannot name the processes of a context, so it has no CPU time to give"),
                       obj->def->name);
    virDomainObjEndAPI(&obj);
    if (rc <= 0)
        return -1;
    for (i = 0; i < MIN(nparams, G_N_ELEMENTS(names)); i++)
        virTypedParamSetULLong(&params[i], names[i],
                               i == 0 ? u.userNs + u.systemNs : i == 1 ? u.userNs : u.systemNs);
    return i;
}

/* A context runs on whatever CPU the host's scheduler gives it: each vcpu
 * may use every CPU, and none is bound to one.  The kernel keeps no time
 * per vcpu (a vcpu is a share of the scheduler, not a thread). */
static int
vserverDomainFillVcpus(virDomainDriverBase *base, virDomainObj *obj, virVcpuInfoPtr info,
                       int maxinfo, unsigned char *cpumaps, int maplen)
{
    size_t cpu;
    int i, n;

    n = MIN(maxinfo, (int)obj->def->vcpus);
    for (i = 0; i < n; i++) {
        info[i].number = i;
        info[i].state = obj->state == VIR_DOMAIN_PAUSED ? VIR_VCPU_BLOCKED : VIR_VCPU_RUNNING;
        info[i].cpu = VIR_VCPU_INFO_CPU_UNAVAILABLE;
        info[i].cpuTime = 0;
        for (cpu = 0; cpumaps && cpu < base->hostcpus && cpu < (size_t)maplen * 8; cpu++)
            VIR_USE_CPU(VIR_GET_CPUMAP(cpumaps, maplen, i), cpu);
    }
    return n;
}

int
vserverDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int n;

    if (virDomainDriverCheckMaplen(base, maplen) < 0 || !(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    n = vserverDomainFillVcpus(base, obj, info, maxinfo, cpumaps, maplen);
    virDomainObjEndAPI(&obj);
    return n;
}

/* ---- statistics ---------------------------------------------------- */

/* What one record's groups read of the context's processes, once
 * (virDomainStatsReadOnce); counted is 0 on the 2003 design (nothing to
 * count). */
typedef struct {
    vserverUsage usage;
    int counted;
} vserverStatsData;

static int
vserverStatsRead(virDomainDriverBase *base, virDomainObj *obj, void *opaque)
{
    vserverStatsData *data = opaque;

    data->counted = vserverDomainUsage(vserverDriverFromBase(base), obj, &data->usage);
    return data->counted < 0 ? -1 : 0;
}

/* The vcpus of the VCPU group: their state only (no time per vcpu, see
 * vserverDomainFillVcpus: 0 would read as an idle vcpu). */
static void
vserverStatsVcpus(virDomainDriverBase *base, virDomainObj *obj, virDomainStatsList *list)
{
    g_autofree virVcpuInfo *info = g_new0(virVcpuInfo, MAX(obj->def->vcpus, 1));
    int n = vserverDomainFillVcpus(base, obj, info, obj->def->vcpus, NULL, 0);

    virDomainStatsAddVcpus(list, info, n, false);
}

/* cpu.* and balloon.rss from the processes of a running context (V2);
 * the balloon's current and maximum (the RSS limit and the most memory)
 * are the shared layer's.  The 2003 design has nothing to add. */
int
vserverDomainHookStats(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                       virDomainStatsList *list)
{
    vserverStatsData *data;

    if (!virDomainObjIsActive(obj))
        return 0;
    if (group == VIR_DOMAIN_STATS_VCPU) {
        vserverStatsVcpus(base, obj, list);
        return 0;
    }
    if (!(group & (VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON)))
        return 0;
    if (!(data = virDomainStatsReadOnce(list, sizeof(*data), vserverStatsRead, base, obj)))
        return -1;
    if (!data->counted)
        return 0;
    if (group == VIR_DOMAIN_STATS_CPU_TOTAL) {
        virDomainStatsAddULLong(list, data->usage.userNs + data->usage.systemNs, "cpu.time");
        virDomainStatsAddULLong(list, data->usage.userNs, "cpu.user");
        virDomainStatsAddULLong(list, data->usage.systemNs, "cpu.system");
    } else {
        virDomainStatsAddULLong(list, data->usage.rssKiB, "balloon.rss");
    }
    return 0;
}

/* A context's balloon is its RSS limit (the current memory); what its
 * processes hold is the resident set (V2 only). */
int
vserverDomainHookMemoryStats(virDomainDriverBase *base, virDomainObj *obj,
                             virDomainMemoryStatPtr stats, unsigned int nr)
{
    vserverUsage u;
    int counted;
    int n = 0;

    if ((counted = vserverDomainUsage(vserverDriverFromBase(base), obj, &u)) < 0)
        return -1;
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON,
                            obj->def->curMemory);
    if (counted)
        virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_RSS, u.rssKiB);
    return n;
}

/* ---- entering ------------------------------------------------------ */

/* Migrates the caller: into the network context first, which only the
 * host context may do; with NAMESPACE, into the domain's root too. */
static int
vserverDomainMigrateSelf(vserverDriver *driver, virDomainObj *obj, unsigned int flags)
{
    g_autoptr(vserverDefRun) run = vserverDefRunNew(obj->def);
    uint32_t xid = vserverDomainXid(obj);

    if (vserverDriverIsV2(driver) && run->nnets && vserverNetMigrate(driver->binding, xid) < 0)
        return -1;
    if (vserverContextMigrate(driver->binding, xid, 0) < 0)
        return -1;
    if ((flags & VIR_DOMAIN_ENTER_NAMESPACE) && run->root &&
        (chroot(run->root) < 0 || chdir("/") < 0)) {
        virReportSystemError(errno, _("process %d entered context %u, but cannot change to its root '%s'"),
                             (int)getpid(), xid, run->root);
        return -1;
    }
    return 0;
}

/* VServer migration is one way: VIR_DOMAIN_ENTER_ONE_WAY is implied,
 * and the cookie is 0 (there is nothing to leave with). */
int
vserverDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags)
{
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_ENTER_ONE_WAY | VIR_DOMAIN_ENTER_NAMESPACE, -1);
    *cookie = 0;
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (virDomainDriverCheckEnterable(virDomainDriverBaseFromConn(dom->conn), obj) == 0)
        ret = vserverDomainMigrateSelf(vserverDriverFromConn(dom->conn), obj, flags);
    virDomainObjEndAPI(&obj);
    return ret;
}

int
vserverDomainLeave(virDomainPtr dom, unsigned int cookie G_GNUC_UNUSED, unsigned int flags)
{
    virCheckFlags(0, -1);
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                   _("a process cannot leave the VServer context of domain '%s': migration into a context is one way"),
                   dom->name);
    return -1;
}
