/*
 * lve_cgroup.c: LVEs on the host's cgroups (v1 or v2), for hosts without
 * CloudLinux
 *
 *   SPEED  cpu quota per 100 ms period      v1 cpu.cfs_quota_us   v2 cpu.max
 *   NCPU   the first ncpu CPUs allowed      cpuset.cpus
 *   PMEM   resident memory                  v1 memory.limit_in_bytes  v2 memory.max
 *   NPROC  tasks                            pids.max
 *   IO     KB/s, read and write, per disk   v1 blkio.throttle.*_bps_device  v2 io.max
 *   IOPS   per disk                         v1 blkio.throttle.*_iops_device v2 io.max
 *   EP     counted by lve_cgroup_enter.c: no controller counts entries
 *   VMEM   no cgroup limits virtual memory: only 0 (unlimited) is accepted
 */
#include "internal.h"

#include <sys/stat.h>
#include <unistd.h>

#include "lve_cgroup_priv.h"
#include "lve_error.h"
#include "virerror.h"
#include "virlog.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

#define LVE_CPU_PERIOD_US 100000ULL
#define LVE_DEFAULT_PARENT "/virtkit-lve"

/* Which controller each limit needs when it is not unlimited. */
static const int lveLimitController[] = {
    [LVE_LIMIT_SPEED] = LVE_CG_CPU,
    [LVE_LIMIT_NCPU] = LVE_CG_CPUSET,
    [LVE_LIMIT_PMEM] = LVE_CG_MEMORY,
    [LVE_LIMIT_VMEM] = -1,
    [LVE_LIMIT_IO] = LVE_CG_BLKIO,
    [LVE_LIMIT_IOPS] = LVE_CG_BLKIO,
    [LVE_LIMIT_NPROC] = LVE_CG_PIDS,
    [LVE_LIMIT_EP] = -1,
};
G_STATIC_ASSERT(G_N_ELEMENTS(lveLimitController) == LVE_LIMIT_LAST);

static int
lveCgroupWriteLVE(lveCgroup *cg, lveCgroupController c, unsigned int id, const char *file,
                  const char *value)
{
    lveCgroupPathBuf path;

    lveCgroupPathInto(cg->tree, c, id, file, &path);
    return lveCgroupWrite(path.str, value, false) < 0 ? -1 : 0;
}

/* A limit as its cgroup file takes it: the number, or @unlimited for 0. */
static int
lveCgroupWriteLimit(lveCgroup *cg, lveCgroupController c, unsigned int id, const char *file,
                    unsigned long long value, const char *unlimited)
{
    char num[LVE_ULL_BUFLEN];

    if (!value)
        return lveCgroupWriteLVE(cg, c, id, file, unlimited);
    lveFormatULL(value, num);
    return lveCgroupWriteLVE(cg, c, id, file, num);
}

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
        if (needed && c >= 0 && !lveCgroupHas(cg->tree, c)) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("LVE %u: %s needs the '%s' cgroup controller, which this host does not offer (cgroup v%d)"),
                           id, lveLimitName(i), lveCgroupControllerName(c), cg->tree->version);
            return -1;
        }
    }
    return 0;
}

/* The parents, and what a new v1 cpuset group must copy from them: they
 * are made and read once. */
static int
lveCgroupPrepare(lveCgroup *cg)
{
    g_autofree char *mems = NULL, *cpus = NULL;
    int ret = 0;

    g_mutex_lock(&cg->lock);
    if (cg->parentsMade)
        goto cleanup;
    if ((ret = lveCgroupMakeParents(cg->tree)) < 0)
        goto cleanup;
    if (cg->tree->version == 1 && lveCgroupHas(cg->tree, LVE_CG_CPUSET)) {
        mems = g_build_filename(cg->tree->parent[LVE_CG_CPUSET], "cpuset.mems", NULL);
        cpus = g_build_filename(cg->tree->parent[LVE_CG_CPUSET], "cpuset.cpus", NULL);
        if ((ret = lveCgroupRead(mems, &cg->parentMems)) < 0 ||
            (ret = lveCgroupRead(cpus, &cg->parentCpus)) < 0)
            goto cleanup;
        g_strstrip(cg->parentMems);
        g_strstrip(cg->parentCpus);
    }
    cg->parentsMade = true;
 cleanup:
    g_mutex_unlock(&cg->lock);
    return ret;
}

/* Creates the groups of LVE @id.  Returns 1 when they are new, 0 when
 * they were there (lve_setup updates an LVE that exists), -1 on error. */
static int
lveCgroupMakeGroups(lveCgroup *cg, unsigned int id)
{
    int c, fresh = 1;

    if (lveCgroupPrepare(cg) < 0)
        return -1;
    for (c = 0; c < LVE_CG_LAST; c++) {
        lveCgroupPathBuf dir;

        if (!cg->tree->parent[c] || !cg->tree->primary[c])
            continue;
        if (mkdir(lveCgroupPathInto(cg->tree, c, id, NULL, &dir), 0755) == 0)
            continue;
        if (errno != EEXIST) {
            virReportSystemError(errno, _("LVE %u: cannot create cgroup '%s'"), id, dir.str);
            return -1;
        }
        fresh = 0;
    }
    /* a v1 cpuset group admits no task before it has memory nodes */
    if (cg->tree->version == 1 && lveCgroupHas(cg->tree, LVE_CG_CPUSET) &&
        lveCgroupWriteLVE(cg, LVE_CG_CPUSET, id, "cpuset.mems", cg->parentMems) < 0)
        return -1;
    return fresh;
}

static int
lveCgroupSetSpeed(lveCgroup *cg, unsigned int id, unsigned long long speed)
{
    unsigned long long quota = speed * LVE_CPU_PERIOD_US / 100;
    char max[2 * LVE_ULL_BUFLEN] = "max";
    char *end = max + 3;

    if (cg->tree->version == 2) {
        /* "QUOTA PERIOD", or "max PERIOD" */
        if (speed)
            end = lveFormatULL(quota, max);
        *end++ = ' ';
        lveFormatULL(LVE_CPU_PERIOD_US, end);
        return lveCgroupWriteLVE(cg, LVE_CG_CPU, id, "cpu.max", max);
    }
    if (lveCgroupWriteLVE(cg, LVE_CG_CPU, id, "cpu.cfs_period_us", "100000") < 0)
        return -1;
    return lveCgroupWriteLimit(cg, LVE_CG_CPU, id, "cpu.cfs_quota_us", quota, "-1");
}

static int
lveCgroupSetCpus(lveCgroup *cg, unsigned int id, const virBitmap *placement,
                 unsigned long long ncpu)
{
    g_autoptr(virBitmap) cpus = lveCpusetFor(placement, ncpu, cg->hostcpus);
    g_autofree char *list = NULL;
    const char *value;

    if (cpus)
        value = list = virBitmapFormat(cpus);
    else if (cg->tree->version == 2)
        value = "";     /* empty: the parent's CPUs */
    else
        value = cg->parentCpus;
    return lveCgroupWriteLVE(cg, LVE_CG_CPUSET, id, "cpuset.cpus", *value ? value : "\n");
}

static int
lveCgroupSetMemory(lveCgroup *cg, unsigned int id, unsigned long long kib)
{
    if (cg->tree->version == 2)
        return lveCgroupWriteLimit(cg, LVE_CG_MEMORY, id, "memory.max", kib * 1024, "max");
    return lveCgroupWriteLimit(cg, LVE_CG_MEMORY, id, "memory.limit_in_bytes", kib * 1024, "-1");
}

static int
lveCgroupSetNproc(lveCgroup *cg, unsigned int id, unsigned long long nproc)
{
    return lveCgroupWriteLimit(cg, LVE_CG_PIDS, id, "pids.max", nproc, "max");
}

/* Writes one throttle rule per disk; disks whose queue takes no throttle
 * (some virtual ones) are skipped, but at least one must take it. */
static int
lveCgroupThrottle(lveCgroup *cg, unsigned int id, const char *file, const char *fmt,
                  unsigned long long value)
{
    lveCgroupPathBuf path;
    size_t i, ok = 0;
    int err = 0;

    lveCgroupPathInto(cg->tree, LVE_CG_BLKIO, id, file, &path);
    g_mutex_lock(&cg->lock);
    if (!cg->blockDevices)
        cg->blockDevices = lveCgroupBlockDevices();
    g_mutex_unlock(&cg->lock);
    for (i = 0; i < cg->blockDevices->len; i++) {
        g_autofree char *rule = g_strdup_printf(fmt, (char *)cg->blockDevices->pdata[i], value, value);
        int rc = lveCgroupWrite(path.str, rule, true);

        if (rc == 0)
            ok++;
        else
            err = -rc;
    }
    if (ok || !value)
        return 0;
    virReportSystemError(err ? err : ENODEV, _("LVE %u: no disk accepts the throttle in '%s'"),
                         id, path.str);
    return -1;
}

static int
lveCgroupSetIO(lveCgroup *cg, unsigned int id, const lveLimits *lim)
{
    unsigned long long bps = lim->value[LVE_LIMIT_IO] * 1024, iops = lim->value[LVE_LIMIT_IOPS];

    if (cg->tree->version == 2) {
        g_autofree char *b = bps ? g_strdup_printf("%llu", bps) : g_strdup("max");
        g_autofree char *o = iops ? g_strdup_printf("%llu", iops) : g_strdup("max");
        g_autofree char *fmt = g_strdup_printf("%%s rbps=%s wbps=%s riops=%s wiops=%s", b, b, o, o);

        return lveCgroupThrottle(cg, id, "io.max", fmt, bps | iops);
    }
    /* v1: "MAJ:MIN 0" removes a rule */
    if (lveCgroupThrottle(cg, id, "blkio.throttle.read_bps_device", "%s %llu", bps) < 0 ||
        lveCgroupThrottle(cg, id, "blkio.throttle.write_bps_device", "%s %llu", bps) < 0 ||
        lveCgroupThrottle(cg, id, "blkio.throttle.read_iops_device", "%s %llu", iops) < 0 ||
        lveCgroupThrottle(cg, id, "blkio.throttle.write_iops_device", "%s %llu", iops) < 0)
        return -1;
    return 0;
}

/* Writes the limits in @mask to the groups of LVE @id. */
static int
lveCgroupApply(lveCgroup *cg, unsigned int id, const lveLimits *lim, const virBitmap *cpus,
               unsigned int mask)
{
    if ((mask & LVE_BIT(LVE_LIMIT_SPEED)) && lveCgroupHas(cg->tree, LVE_CG_CPU) &&
        lveCgroupSetSpeed(cg, id, lim->value[LVE_LIMIT_SPEED]) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_NCPU)) && lveCgroupHas(cg->tree, LVE_CG_CPUSET) &&
        lveCgroupSetCpus(cg, id, cpus, lim->value[LVE_LIMIT_NCPU]) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_PMEM)) && lveCgroupHas(cg->tree, LVE_CG_MEMORY) &&
        lveCgroupSetMemory(cg, id, lim->value[LVE_LIMIT_PMEM]) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_NPROC)) && lveCgroupHas(cg->tree, LVE_CG_PIDS) &&
        lveCgroupSetNproc(cg, id, lim->value[LVE_LIMIT_NPROC]) < 0)
        return -1;
    if ((mask & (LVE_BIT(LVE_LIMIT_IO) | LVE_BIT(LVE_LIMIT_IOPS))) &&
        lveCgroupHas(cg->tree, LVE_CG_BLKIO) && lveCgroupSetIO(cg, id, lim) < 0)
        return -1;
    if ((mask & LVE_BIT(LVE_LIMIT_EP)) &&
        lveCgroupSetEntryLimit(cg, id, lim->value[LVE_LIMIT_EP]) < 0)
        return -1;
    return 0;
}

static int
lveCgroupSetLimits(lveBackend *be, unsigned int id, const lveLimits *lim,
                   const virBitmap *cpus, unsigned int mask)
{
    lveCgroup *cg = lveCgroupOf(be);

    /* the parent's CPUs are what "every CPU" is written as on v1: an LVE
     * started by another process may be changed before this one started
     * any */
    if (lveCgroupCheckControllers(cg, id, lim, cpus, mask) < 0 || lveCgroupPrepare(cg) < 0)
        return -1;
    return lveCgroupApply(cg, id, lim, cpus, mask);
}

/* New groups are unlimited: only the limits that are set need writing.
 * ncpu always is, and a new v1 cpuset needs it: it starts with no CPU. */
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

static int
lveCgroupCreateLVE(lveBackend *be, unsigned int id, const lveLimits *lim,
                   const virBitmap *cpus)
{
    lveCgroup *cg = lveCgroupOf(be);
    int fresh;

    if (lveCgroupCheckControllers(cg, id, lim, cpus, LVE_LIMITS_ALL) < 0 ||
        (fresh = lveCgroupMakeGroups(cg, id)) < 0)
        return -1;
    /* entries of an earlier LVE with this id (gone without a destroy) */
    if (fresh)
        lveCgroupForgetEntries(cg, id);
    return lveCgroupApply(cg, id, lim, cpus,
                          fresh ? lveCgroupFreshMask(lim) : LVE_LIMITS_ALL);
}

/* The controller whose group every task of an LVE is in: entering always
 * joins the freezer (and cpu), also with VIR_DOMAIN_ENTER_NO_UBC. */
lveCgroupController
lveCgroupAnchor(const lveCgroupTree *tree)
{
    if (lveCgroupHas(tree, LVE_CG_FREEZER))
        return LVE_CG_FREEZER;
    if (lveCgroupHas(tree, LVE_CG_CPU))
        return LVE_CG_CPU;
    return LVE_CG_CPUACCT;
}

static int
lveCgroupExists(lveBackend *be, unsigned int id)
{
    lveCgroup *cg = lveCgroupOf(be);
    lveCgroupPathBuf dir;
    struct stat sb;

    lveCgroupPathInto(cg->tree, lveCgroupAnchor(cg->tree), id, NULL, &dir);
    return stat(dir.str, &sb) == 0 && S_ISDIR(sb.st_mode) ? 1 : 0;
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
    return lveCgroupReadUsage(lveCgroupOf(be)->tree, id, usage);
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
                           LVE_NS_URI, cg->tree->version);
    virXMLAddAttr(buf, "parent", cg->tree->parentSpec);
    g_string_append(buf, ">\n");
    for (c = 0; c < LVE_CG_LAST; c++) {
        if (lveCgroupHas(cg->tree, c))
            g_string_append_printf(buf, "      <lve:controller name='%s'/>\n",
                                   lveCgroupControllerName(c));
    }
    g_string_append(buf, "    </lve:backend>\n");
}

static void
lveCgroupClose(lveBackend *be)
{
    lveCgroup *cg = lveCgroupOf(be);

    lveCgroupTreeFree(cg->tree);
    g_free(cg->stateDir);
    g_free(cg->parentMems);
    g_free(cg->parentCpus);
    if (cg->blockDevices)
        g_ptr_array_unref(cg->blockDevices);
    g_hash_table_destroy(cg->origins);
    g_mutex_clear(&cg->lock);
    g_free(cg);
}

static const lveOps lveCgroupOps = {
    .name = "cgroup",
    .cpuPlacement = true,
    .close = lveCgroupClose,
    .formatCaps = lveCgroupFormatCaps,
    .create = lveCgroupCreateLVE,
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
};

lveBackend *
lveCgroupOpen(const lveBackendConfig *config)
{
    g_autoptr(lveCgroupTree) tree = NULL;
    lveBackend *be;
    lveCgroup *cg;

    if (strlen(config->stateDir) + sizeof("/lve4294967295.enter") > PATH_MAX) {
        virReportSystemError(ENAMETOOLONG, _("state directory '%s' is too long"),
                             config->stateDir);
        return NULL;
    }
    if (!(tree = lveCgroupTreeNew(config->cgroupParent ? config->cgroupParent : LVE_DEFAULT_PARENT,
                                  config->cgroupMode)))
        return NULL;
    cg = g_new0(lveCgroup, 1);
    cg->tree = g_steal_pointer(&tree);
    cg->stateDir = g_strdup(config->stateDir);
    cg->hostcpus = MAX(sysconf(_SC_NPROCESSORS_ONLN), 1);
    g_mutex_init(&cg->lock);
    cg->origins = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                        lveCgroupOriginFree);
    be = g_new0(lveBackend, 1);
    be->ops = &lveCgroupOps;
    be->priv = cg;
    return be;
}
