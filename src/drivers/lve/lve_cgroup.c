/*
 * lve_cgroup.c: LVEs on the host's cgroups (v1 or v2), for hosts without
 * CloudLinux: what each limit is in cgroup terms, and the backend's ops
 *
 *   SPEED  cpu quota per 100 ms period      v1 cpu.cfs_quota_us   v2 cpu.max
 *   NCPU   the first ncpu CPUs allowed      cpuset.cpus
 *   PMEM   resident memory                  v1 memory.limit_in_bytes  v2 memory.max
 *   NPROC  tasks                            pids.max
 *   IO     KB/s, read and write, per disk   v1 blkio.throttle.*_bps_device  v2 io.max
 *   IOPS   per disk                         v1 blkio.throttle.*_iops_device v2 io.max
 *   EP     counted by lve_cgroup_enter.c: no controller counts entries
 *   VMEM   no cgroup limits virtual memory: only 0 (unlimited) is accepted
 *
 * The groups themselves (making, freezing, killing, removing them, and
 * the files of each limit) are the cgroup module's (vircgroup.h).
 */
#include "internal.h"

#include <unistd.h>

#include "lve_cgroup_priv.h"
#include "lve_error.h"
#include "virerror.h"
#include "virhostcpu.h"
#include "virlog.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_LVE

#define LVE_CPU_PERIOD_US 100000ULL
#define LVE_DEFAULT_PARENT "/virtkit-lve"

/* Which controller each limit needs when it is not unlimited. */
static const int lveLimitController[] = {
    [LVE_LIMIT_SPEED] = VIR_CGROUP_CONTROLLER_CPU,
    [LVE_LIMIT_NCPU] = VIR_CGROUP_CONTROLLER_CPUSET,
    [LVE_LIMIT_PMEM] = VIR_CGROUP_CONTROLLER_MEMORY,
    [LVE_LIMIT_VMEM] = -1,
    [LVE_LIMIT_IO] = VIR_CGROUP_CONTROLLER_BLKIO,
    [LVE_LIMIT_IOPS] = VIR_CGROUP_CONTROLLER_BLKIO,
    [LVE_LIMIT_NPROC] = VIR_CGROUP_CONTROLLER_PIDS,
    [LVE_LIMIT_EP] = -1,
};
G_STATIC_ASSERT(G_N_ELEMENTS(lveLimitController) == LVE_LIMIT_LAST);

static int
lveCgroupCheckControllers(lveCgroup *cg, unsigned int id, const lveLimits *lim,
                          const virBitmap *cpus, unsigned int mask)
{
    int i;

    for (i = 0; i < LVE_LIMIT_LAST; i++) {
        int c = lveLimitController[i];
        bool needed = lim->value[i] != 0;

        if (!(mask & (1U << i)))
            continue;
        if (i == LVE_LIMIT_NCPU)
            needed = cpus != NULL || (lim->value[i] && lim->value[i] < cg->hostcpus);
        if (i == LVE_LIMIT_VMEM && needed) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("LVE %u: vmem cannot be limited on cgroups (no controller limits virtual memory); set vmem='0'"),
                           id);
            return -1;
        }
        if (needed && c >= 0 && !virCgroupTreeHas(cg->tree, c)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("LVE %u: %s needs the '%s' cgroup controller, which this host does not offer (cgroup v%d)"),
                           id, lveLimitName(i), virCgroupControllerName(c),
                           virCgroupTreeVersion(cg->tree));
            return -1;
        }
    }
    return 0;
}

static int
lveCgroupSetCpus(lveCgroup *cg, const char *name, const virBitmap *placement,
                 unsigned long long ncpu)
{
    g_autoptr(virBitmap) cpus = lveCpusetFor(placement, ncpu, cg->hostcpus);
    g_autofree char *list = cpus ? virBitmapFormat(cpus) : NULL;

    /* NULL: every CPU of the parent */
    return virCgroupSetCpusetCpus(cg->tree, name, list);
}

/* Writes the limits in @mask to the groups of LVE @id. */
static int
lveCgroupApply(lveCgroup *cg, unsigned int id, const lveLimits *lim, const virBitmap *cpus,
               unsigned int mask)
{
    virCgroupTree *tree = cg->tree;
    const unsigned long long *v = lim->value;
    char name[LVE_CGROUP_NAME_BUFLEN];

    lveCgroupName(id, name);
    if ((mask & LVE_BIT(LVE_LIMIT_SPEED)) && virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_CPU) &&
        virCgroupSetCpuQuota(tree, name, v[LVE_LIMIT_SPEED] * LVE_CPU_PERIOD_US / 100,
                             LVE_CPU_PERIOD_US) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_NCPU)) && virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_CPUSET) &&
        lveCgroupSetCpus(cg, name, cpus, v[LVE_LIMIT_NCPU]) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_PMEM)) && virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_MEMORY) &&
        virCgroupSetMemoryLimit(tree, name, v[LVE_LIMIT_PMEM] * 1024) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_NPROC)) && virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_PIDS) &&
        virCgroupSetPidsMax(tree, name, v[LVE_LIMIT_NPROC]) < 0)
        return -1;
    if ((mask & (LVE_BIT(LVE_LIMIT_IO) | LVE_BIT(LVE_LIMIT_IOPS))) &&
        virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_BLKIO) &&
        virCgroupSetBlkioThrottle(tree, name, v[LVE_LIMIT_IO] * 1024, v[LVE_LIMIT_IOPS]) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_EP)) &&
        lveCgroupSetEntryLimit(cg, id, v[LVE_LIMIT_EP]) < 0)
        return -1;
    return 0;
}

static int
lveCgroupCheckLimits(lveBackend *be, unsigned int id, const lveLimits *lim,
                     const virBitmap *cpus, unsigned int mask)
{
    return lveCgroupCheckControllers(lveCgroupOf(be), id, lim, cpus, mask);
}

static int
lveCgroupSetLimits(lveBackend *be, unsigned int id, const lveLimits *lim,
                   const virBitmap *cpus, unsigned int mask)
{
    lveCgroup *cg = lveCgroupOf(be);

    /* the parent's CPUs are what "every CPU" is written as on v1: an LVE
     * started by another process may be changed before this one started
     * any */
    if (lveCgroupCheckControllers(cg, id, lim, cpus, mask) < 0 ||
        virCgroupTreePrepare(cg->tree) < 0)
        return -1;
    return lveCgroupApply(cg, id, lim, cpus, mask);
}

/* New groups are unlimited: only the limits that are set need writing.
 * ncpu always is, and a new v1 cpuset needs it: it is made without CPUs
 * (VIR_CGROUP_CREATE_CPUS_UNSET), which saves a write per LVE. */
static unsigned int
lveCgroupFreshMask(const lveLimits *lim)
{
    unsigned int mask = 0;
    int i;

    for (i = 0; i < LVE_LIMIT_LAST; i++) {
        if (lim->value[i])
            mask |= LVE_BIT(i);
    }
    return mask;
}

/* lve_setup updates an LVE that exists: its groups are taken as they are. */
static int
lveCgroupCreateLVE(lveBackend *be, unsigned int id, const lveLimits *lim,
                   const virBitmap *cpus)
{
    lveCgroup *cg = lveCgroupOf(be);
    char name[LVE_CGROUP_NAME_BUFLEN];
    int fresh;

    if (lveCgroupCheckControllers(cg, id, lim, cpus, LVE_LIMITS_ALL) < 0 ||
        (fresh = virCgroupCreate(cg->tree, lveCgroupName(id, name),
                                 VIR_CGROUP_CREATE_CPUS_UNSET)) < 0)
        return -1;
    /* entries of an earlier LVE with this id (gone without a destroy) */
    if (fresh)
        lveCgroupForgetEntries(cg, id);
    return lveCgroupApply(cg, id, lim, cpus,
                          fresh ? lveCgroupFreshMask(lim) : LVE_LIMITS_ALL);
}

/* Kills every task (also those forking meanwhile) and removes the groups. */
static int
lveCgroupDestroy(lveBackend *be, unsigned int id)
{
    lveCgroup *cg = lveCgroupOf(be);
    char name[LVE_CGROUP_NAME_BUFLEN];

    lveCgroupName(id, name);
    if (virCgroupKillAll(cg->tree, name) < 0 || virCgroupRemove(cg->tree, name) < 0)
        return -1;
    lveCgroupForgetEntries(cg, id);
    return 0;
}

static int
lveCgroupFreeze(lveBackend *be, unsigned int id, bool frozen)
{
    lveCgroup *cg = lveCgroupOf(be);
    char name[LVE_CGROUP_NAME_BUFLEN];

    if (!virCgroupTreeHas(cg->tree, VIR_CGROUP_CONTROLLER_FREEZER)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: suspending needs the 'freezer' cgroup controller, which this host does not offer"),
                       id);
        return -1;
    }
    lveCgroupName(id, name);
    if (virCgroupSetFrozen(cg->tree, name, frozen, false) == 0)
        return 0;
    if (frozen)
        virCgroupSetFrozen(cg->tree, name, false, true);   /* leave it running, as it was */
    return -1;
}

static int
lveCgroupExists(lveBackend *be, unsigned int id)
{
    char name[LVE_CGROUP_NAME_BUFLEN];

    return virCgroupExists(lveCgroupOf(be)->tree, lveCgroupName(id, name)) ? 1 : 0;
}

static int
lveCgroupListTasks(lveBackend *be, unsigned int id, GArray *pids)
{
    return lveCgroupReadTasks(lveCgroupOf(be)->tree, id, pids);
}

static int
lveCgroupUsage(lveBackend *be, unsigned int id, lveUsage *usage)
{
    if (lveCgroupExists(be, id) == 0) {
        lveReportKernelError(LVE_OP_INFO, id, ESRCH, NULL);
        return -1;
    }
    if (lveCgroupReadUsage(lveCgroupOf(be)->tree, id, usage) < 0)
        return -1;
    return lveCgroupReadEntries(lveCgroupOf(be), id, &usage->entries, &usage->epFaults);
}

static int
lveCgroupCpuUsage(lveBackend *be, unsigned int id, guint64 *percpu, size_t ncpus)
{
    return lveCgroupReadPerCpu(lveCgroupOf(be)->tree, id, percpu, ncpus);
}

static void
lveCgroupFormatCaps(lveBackend *be, GString *buf)
{
    lveCgroup *cg = lveCgroupOf(be);
    int c;

    g_string_append_printf(buf, "    <lve:backend xmlns:lve='%s' name='cgroup' cgroup='v%d'",
                           LVE_NS_URI, virCgroupTreeVersion(cg->tree));
    virXMLAddAttr(buf, "parent", virCgroupTreeParentSpec(cg->tree));
    g_string_append(buf, ">\n");
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (virCgroupTreeHas(cg->tree, c))
            g_string_append_printf(buf, "      <lve:controller name='%s'/>\n",
                                   virCgroupControllerName(c));
    }
    g_string_append(buf, "    </lve:backend>\n");
}

/* No LVE runs here, but Linux's cgroups: their version is the kernel's,
 * as libvirt's LXC driver reports it. */
static unsigned long
lveCgroupVersion(lveBackend *be G_GNUC_UNUSED)
{
    return virHostKernelVersion();
}

static void
lveCgroupClose(lveBackend *be)
{
    lveCgroup *cg = lveCgroupOf(be);

    virCgroupTreeFree(cg->tree);
    g_free(cg->stateDir);
    g_hash_table_destroy(cg->origins);
    virMutexDestroy(&cg->lock);
    g_free(cg);
}

static const lveOps lveCgroupOps = {
    .name = "cgroup",
    .cpuPlacement = true,
    .close = lveCgroupClose,
    .formatCaps = lveCgroupFormatCaps,
    .version = lveCgroupVersion,
    .create = lveCgroupCreateLVE,
    .checkLimits = lveCgroupCheckLimits,
    .setLimits = lveCgroupSetLimits,
    .destroy = lveCgroupDestroy,
    .exists = lveCgroupExists,
    .freeze = lveCgroupFreeze,
    .listTasks = lveCgroupListTasks,
    .usage = lveCgroupUsage,
    .cpuUsage = lveCgroupCpuUsage,
    .enter = lveCgroupEnter,
    .leave = lveCgroupLeave,
    .setDefaults = NULL,
    .watch = lveCgroupWatch,
    .unwatch = lveCgroupUnwatch,
};

/* The parent of the LVEs of root @root: /virtkit-lve for the host's, a
 * group of its own under it for an embedded root, so that two roots never
 * share LVE ids by default. */
static char *
lveCgroupDefaultParent(const char *root)
{
    g_autofree char *sum = NULL;

    if (!root || STREQ(root, "/"))
        return g_strdup(LVE_DEFAULT_PARENT);
    sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, root, -1);
    return g_strdup_printf(LVE_DEFAULT_PARENT "/embed-%.12s", sum);
}

lveBackend *
lveCgroupOpen(const lveBackendConfig *config)
{
    g_autofree char *defaultParent = NULL;
    g_autoptr(virCgroupTree) tree = NULL;
    lveBackend *be;
    lveCgroup *cg;

    if (strlen(config->stateDir) + sizeof("/lve4294967295.enter") > PATH_MAX) {
        virReportSystemError(ENAMETOOLONG, _("state directory '%s' is too long"),
                             config->stateDir);
        return NULL;
    }
    if (!(tree = lveCgroupTreeNew(config->cgroupParent ? config->cgroupParent :
                                  (defaultParent = lveCgroupDefaultParent(config->root)),
                                  config->cgroupMode)))
        return NULL;
    cg = g_new0(lveCgroup, 1);
    cg->tree = g_steal_pointer(&tree);
    cg->stateDir = g_strdup(config->stateDir);
    cg->hostcpus = MAX(sysconf(_SC_NPROCESSORS_ONLN), 1);
    virMutexInit(&cg->lock);
    cg->origins = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                        lveCgroupOriginFree);
    be = g_new0(lveBackend, 1);
    be->ops = &lveCgroupOps;
    be->priv = cg;
    be->scope = g_strdup_printf("cgroup:%s",
                                virCgroupTreeParentDir(cg->tree, virCgroupTreeAnchor(cg->tree)));
    return be;
}
