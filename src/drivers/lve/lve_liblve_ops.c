/*
 * lve_liblve_ops.c: the liblve backend's operations: limits converted to
 * liblve's units, every call serialized, refusals said in LVE terms; usage
 * and tasks from the kernel's own cgroups of each LVE
 */
#include "internal.h"

#include "lve_cgroup_stats.h"
#include "lve_error.h"
#include "lve_liblve_priv.h"
#include "virerror.h"
#include "virlog.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* ---- limits in liblve's units -------------------------------------- */

static int32_t
lvePages(unsigned long long kib)
{
    return (int32_t)((kib + 3) / 4);
}

/* lve_setup takes CPU as a percentage of ls_cpus CPUs: speed 150% on 2 CPUs
 * is 75; the kernel rounds to whole percent of those CPUs. */
static void
lveLiblveToSettings(const lveLimits *lim, long hostcpus, liblveSettings *set)
{
    unsigned long long ncpu = lim->value[LVE_LIMIT_NCPU] ? lim->value[LVE_LIMIT_NCPU] : (unsigned long long)hostcpus;
    unsigned long long speed = lim->value[LVE_LIMIT_SPEED];

    memset(set, 0, sizeof(*set));
    set->ls_cpus = ncpu;
    set->ls_cpu = speed ? MIN(100, (speed + ncpu - 1) / ncpu) : 100;
    set->ls_cpu_weight = 100;
    set->ls_io = lim->value[LVE_LIMIT_IO];
    set->ls_iops = lim->value[LVE_LIMIT_IOPS];
    set->ls_enters = lim->value[LVE_LIMIT_EP];
    set->ls_nproc = lim->value[LVE_LIMIT_NPROC];
    set->ls_memory = lvePages(lim->value[LVE_LIMIT_VMEM]);
    set->ls_memory_phy = lvePages(lim->value[LVE_LIMIT_PMEM]);
}

/* lve_info reports CPU as a percentage of all online CPUs. */
static void
lveLiblveFromSettings(const liblveSettings *set, long hostcpus, lveLimits *lim)
{
    lim->value[LVE_LIMIT_SPEED] = (unsigned long long)MAX(set->ls_cpu, 0) * hostcpus;
    lim->value[LVE_LIMIT_NCPU] = MAX(set->ls_cpus, 0);
    lim->value[LVE_LIMIT_IO] = MAX(set->ls_io, 0);
    lim->value[LVE_LIMIT_IOPS] = MAX(set->ls_iops, 0);
    lim->value[LVE_LIMIT_EP] = MAX(set->ls_enters, 0);
    lim->value[LVE_LIMIT_NPROC] = MAX(set->ls_nproc, 0);
    lim->value[LVE_LIMIT_VMEM] = (unsigned long long)MAX(set->ls_memory, 0) * 4;
    lim->value[LVE_LIMIT_PMEM] = (unsigned long long)MAX(set->ls_memory_phy, 0) * 4;
    lim->set = LVE_LIMITS_ALL;
}

/* ---- the operations ------------------------------------------------ */

static int
lveLiblveSetLimits(lveBackend *be, unsigned int id, const lveLimits *lim,
                   const virBitmap *cpus, unsigned int mask G_GNUC_UNUSED)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveSettings set;
    int rc;

    if (cpus) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: liblve cannot choose the CPUs an LVE runs on (NCPU is only a count); remove the vcpu pinning"),
                       id);
        return -1;
    }
    lveLiblveToSettings(lim, l->hostcpus, &set);
    virMutexLock(&l->lock);
    rc = l->fn.setup(l->lve, id, &set);
    virMutexUnlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_SETUP, id, -rc, lim);
        return -1;
    }
    return 0;
}

/* lve_setup creates an LVE that does not exist */
static int
lveLiblveCreate(lveBackend *be, unsigned int id, const lveLimits *lim, const virBitmap *cpus)
{
    return lveLiblveSetLimits(be, id, lim, cpus, LVE_LIMITS_ALL);
}

static int
lveLiblveExists(lveBackend *be, unsigned int id)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveInfo info;
    int rc;

    virMutexLock(&l->lock);
    rc = l->fn.info(l->lve, id, &info);
    virMutexUnlock(&l->lock);
    if (rc == 0 || rc == -ESRCH)
        return rc == 0;
    lveReportKernelError(LVE_OP_INFO, id, -rc, NULL);
    return -1;
}

static bool
lveLiblveViewHas(lveLiblve *l, unsigned int id)
{
    g_autofree char *dir = NULL;

    if (!l->view || !virCgroupTreeHas(l->view, VIR_CGROUP_CONTROLLER_CPUACCT))
        return false;
    dir = lveCgroupPath(l->view, VIR_CGROUP_CONTROLLER_CPUACCT, id, NULL);
    return g_file_test(dir, G_FILE_TEST_IS_DIR);
}

/* lve_destroy kills the tasks; the LVE is gone once its groups are. */
static int
lveLiblveDestroy(lveBackend *be, unsigned int id)
{
    lveLiblve *l = lveLiblveOf(be);
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    int rc;

    virMutexLock(&l->lock);
    rc = l->fn.destroy(l->lve, id);
    virMutexUnlock(&l->lock);
    if (rc < 0 && rc != -ESRCH) {
        lveReportKernelError(LVE_OP_DESTROY, id, -rc, NULL);
        return -1;
    }
    while (lveLiblveViewHas(l, id)) {
        if (g_get_monotonic_time() > deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("LVE %u: lve_destroy returned, but its cgroups are still there after 10 seconds"),
                           id);
            return -1;
        }
        g_usleep(5000);
    }
    return 0;
}

static int
lveLiblveListTasks(lveBackend *be, unsigned int id, GArray *pids)
{
    lveLiblve *l = lveLiblveOf(be);

    if (!lveLiblveViewHas(l, id)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: liblve cannot list its tasks, and its kernel cgroups were not found"),
                       id);
        return -1;
    }
    return lveCgroupReadTasks(l->view, id, pids);
}

/* Usage where the kernel's groups are found; liblve itself has none. */
static int
lveLiblveUsage(lveBackend *be, unsigned int id, lveUsage *usage)
{
    lveLiblve *l = lveLiblveOf(be);

    memset(usage, 0, sizeof(*usage));
    if (!lveLiblveViewHas(l, id)) {
        VIR_DEBUG("LVE %u: no kernel cgroups found, so no usage", id);
        return 0;
    }
    return lveCgroupReadUsage(l->view, id, usage);
}

/* liblve notifies nothing (its API has no callback or descriptor), but
 * kmod-lve keeps cgroups for each LVE: the kernel's notices of those,
 * as on the cgroup backend.  Entries through liblve register nowhere a
 * watch sees: they show at the next poll. */
static lveWatch *
lveLiblveWatch(lveBackend *be, unsigned int id, lveNoticeFunc func, void *opaque,
               GDestroyNotify freecb)
{
    lveLiblve *l = lveLiblveOf(be);

    if (!lveLiblveViewHas(l, id)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: liblve notifies nothing, and its kernel cgroups were not found"),
                       id);
        if (freecb)
            freecb(opaque);
        return NULL;
    }
    return lveCgroupWatchGroups(l->view, NULL, id, func, opaque, freecb);
}

static int
lveLiblveCpuUsage(lveBackend *be, unsigned int id, guint64 *percpu, size_t ncpus)
{
    lveLiblve *l = lveLiblveOf(be);

    if (!lveLiblveViewHas(l, id))
        return -1;
    return lveCgroupReadPerCpu(l->view, id, percpu, ncpus);
}

static int
lveLiblveEnter(lveBackend *be, unsigned int id, const lveLimits *lim, unsigned int flags,
               unsigned int *cookie)
{
    lveLiblve *l = lveLiblveOf(be);
    uint32_t c = 0;
    int lflags = 0, rc;

    if (flags & VIR_DOMAIN_ENTER_NO_UBC)
        lflags |= LIBLVE_NO_UBC;
    if (!(flags & VIR_DOMAIN_ENTER_NAMESPACE))
        lflags |= LIBLVE_NO_NAMESPACE;
    if (flags & VIR_DOMAIN_ENTER_NO_MAXENTER)
        lflags |= LIBLVE_NO_MAXENTER;
    virMutexLock(&l->lock);
    rc = l->fn.enter(l->lve, id, &c, lflags);
    virMutexUnlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_ENTER, id, -rc, lim);
        return -1;
    }
    /* one way: the cookie is dropped, so nothing can lead back out */
    *cookie = (flags & VIR_DOMAIN_ENTER_ONE_WAY) ? 0 : c;
    return 0;
}

static int
lveLiblveLeave(lveBackend *be, unsigned int id, unsigned int cookie)
{
    lveLiblve *l = lveLiblveOf(be);
    uint32_t c = cookie;
    int rc;

    if (cookie == 0) {
        lveReportKernelError(LVE_OP_LEAVE, id, EINVAL, NULL);
        return -1;
    }
    virMutexLock(&l->lock);
    rc = l->fn.exit(l->lve, &c);
    virMutexUnlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_LEAVE, id, -rc, NULL);
        return -1;
    }
    return 0;
}

static int
lveLiblveSetDefaults(lveBackend *be, const lveLimits *lim)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveSettings set;
    int rc;

    lveLiblveToSettings(lim, l->hostcpus, &set);
    virMutexLock(&l->lock);
    rc = l->fn.setDefault(l->lve, &set);
    virMutexUnlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_DEFAULTS, 0, -rc, lim);
        return -1;
    }
    return 0;
}

/* The kernel keeps the defaults as LVE 0. */
static int
lveLiblveGetDefaults(lveBackend *be, lveLimits *lim)
{
    lveLiblve *l = lveLiblveOf(be);
    liblveInfo info;
    int rc;

    virMutexLock(&l->lock);
    rc = l->fn.info(l->lve, 0, &info);
    virMutexUnlock(&l->lock);
    if (rc < 0) {
        lveReportKernelError(LVE_OP_INFO, 0, -rc, NULL);
        return -1;
    }
    lveLiblveFromSettings(&info.li_set, l->hostcpus, lim);
    return 0;
}

static void
lveLiblveFormatCaps(lveBackend *be, GString *buf)
{
    lveLiblve *l = lveLiblveOf(be);

    g_string_append_printf(buf, "    <lve:backend xmlns:lve='%s' name='liblve' library='%s'",
                           LVE_NS_URI, LIBLVE_SONAME);
    if (l->fn.kapiVersion) {
        uint32_t v = l->fn.kapiVersion(l->lve);

        g_string_append_printf(buf, " kernel_api='%u.%u'", v >> 16, v & 0xffff);
    }
    if (l->view)
        virXMLAddAttr(buf, "cgroups", virCgroupTreeParentSpec(l->view));
    g_string_append(buf, "/>\n");
}

/* The kernel's LVE interface, "1.3" as 1003000; liblve builds without
 * lve_kapi_ver do not say. */
static unsigned long
lveLiblveVersion(lveBackend *be)
{
    lveLiblve *l = lveLiblveOf(be);
    uint32_t v;

    if (!l->fn.kapiVersion)
        return 0;
    v = l->fn.kapiVersion(l->lve);
    return (v >> 16) * 1000000UL + (v & 0xffff) * 1000UL;
}

static void
lveLiblveClose(lveBackend *be)
{
    lveLiblve *l = lveLiblveOf(be);

    if (l->lve)
        l->fn.fini(l->lve);
    /* the library stays loaded: a process that entered an LVE may still
     * hold state inside it */
    virCgroupTreeFree(l->view);
    virMutexDestroy(&l->lock);
    g_free(l);
}

const lveOps lveLiblveOps = {
    .name = "liblve",
    .cpuPlacement = false,
    .close = lveLiblveClose,
    .formatCaps = lveLiblveFormatCaps,
    .version = lveLiblveVersion,
    .create = lveLiblveCreate,
    .setLimits = lveLiblveSetLimits,
    .destroy = lveLiblveDestroy,
    .exists = lveLiblveExists,
    .freeze = NULL,
    .listTasks = lveLiblveListTasks,
    .usage = lveLiblveUsage,
    .cpuUsage = lveLiblveCpuUsage,
    .enter = lveLiblveEnter,
    .leave = lveLiblveLeave,
    .setDefaults = lveLiblveSetDefaults,
    .getDefaults = lveLiblveGetDefaults,
    .watch = lveLiblveWatch,
    .unwatch = lveCgroupUnwatch,
};

