/*
 * vircgrouplimit.c: a group's limits in controller-neutral terms, written
 * as the tree's cgroup version wants them
 *
 *   CPU quota      v1 cpu.cfs_period_us, cpu.cfs_quota_us   v2 cpu.max
 *   CPUs           cpuset.cpus
 *   memory         v1 memory.limit_in_bytes                 v2 memory.max
 *   tasks          pids.max
 *   disk throttle  v1 blkio.throttle.{read,write}_{bps,iops}_device
 *                  v2 io.max
 */
#include "internal.h"

#include "vircgrouppriv.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

/* A limit as its cgroup file takes it: the number, or @unlimited for 0. */
static int
virCgroupSetLimitValue(const virCgroupTree *tree, virCgroupController c, const char *name,
                       const char *file, unsigned long long value, const char *unlimited)
{
    char num[VIR_ULL_BUFLEN];

    if (virCgroupCheckController(tree, c, name) < 0)
        return -1;
    if (!value)
        return virCgroupWriteValue(tree, c, name, file, unlimited);
    virFormatULL(value, num);
    return virCgroupWriteValue(tree, c, name, file, num);
}

int
virCgroupSetCpuQuota(const virCgroupTree *tree, const char *name,
                     unsigned long long quotaUs, unsigned long long periodUs)
{
    virCgroupController cpu = VIR_CGROUP_CONTROLLER_CPU;
    char value[2 * VIR_ULL_BUFLEN] = "max";
    char *end = value + 3;

    if (virCgroupCheckController(tree, cpu, name) < 0)
        return -1;
    if (tree->version == 2) {
        /* "QUOTA PERIOD", or "max PERIOD" */
        if (quotaUs)
            end = virFormatULL(quotaUs, value);
        *end++ = ' ';
        virFormatULL(periodUs, end);
        return virCgroupWriteValue(tree, cpu, name, "cpu.max", value);
    }
    virFormatULL(periodUs, value);
    if (virCgroupWriteValue(tree, cpu, name, "cpu.cfs_period_us", value) < 0)
        return -1;
    return virCgroupSetLimitValue(tree, cpu, name, "cpu.cfs_quota_us", quotaUs, "-1");
}

int
virCgroupSetCpusetCpus(virCgroupTree *tree, const char *name, const char *cpus)
{
    virCgroupController cpuset = VIR_CGROUP_CONTROLLER_CPUSET;
    const char *value = cpus;

    if (virCgroupCheckController(tree, cpuset, name) < 0)
        return -1;
    if (!value && tree->version == 2) {
        value = "";     /* empty: the parent's CPUs */
    } else if (!value) {
        /* v1 has no "the parent's": they are written out */
        if (virCgroupTreePrepare(tree) < 0)
            return -1;
        value = tree->parentCpus;
    }
    /* an empty write() writes nothing: a newline empties the list */
    return virCgroupWriteValue(tree, cpuset, name, "cpuset.cpus", *value ? value : "\n");
}

int
virCgroupSetMemoryLimit(const virCgroupTree *tree, const char *name, unsigned long long bytes)
{
    virCgroupController mem = VIR_CGROUP_CONTROLLER_MEMORY;

    if (tree->version == 2)
        return virCgroupSetLimitValue(tree, mem, name, "memory.max", bytes, "max");
    return virCgroupSetLimitValue(tree, mem, name, "memory.limit_in_bytes", bytes, "-1");
}

int
virCgroupSetPidsMax(const virCgroupTree *tree, const char *name, unsigned long long max)
{
    return virCgroupSetLimitValue(tree, VIR_CGROUP_CONTROLLER_PIDS, name, "pids.max", max,
                                  "max");
}

/* Writes one throttle rule per disk; disks whose queue takes no throttle
 * (some virtual ones) are skipped, but at least one must take it. */
static int
virCgroupThrottle(virCgroupTree *tree, const char *name, const char *file, const char *fmt,
                  unsigned long long value)
{
    virCgroupPathBuf path;
    size_t i, ok = 0;
    int err = 0;

    virCgroupPathInto(tree, VIR_CGROUP_CONTROLLER_BLKIO, name, file, &path);
    virMutexLock(&tree->lock);
    if (!tree->blockDevices)
        tree->blockDevices = virCgroupReadBlockDevices();
    virMutexUnlock(&tree->lock);
    for (i = 0; i < tree->blockDevices->len; i++) {
        g_autofree char *rule = g_strdup_printf(fmt, (char *)tree->blockDevices->pdata[i],
                                                value, value);
        int rc = virCgroupWriteFile(path.str, rule, true);

        if (rc == 0)
            ok++;
        else
            err = -rc;
    }
    if (ok || !value)
        return 0;
    virCgroupReportGroupSystemError(tree, name, err ? err : ENODEV,
                                    _("no disk accepts the throttle in '%s'"), path.str);
    return -1;
}

int
virCgroupSetBlkioThrottle(virCgroupTree *tree, const char *name, unsigned long long bps,
                          unsigned long long iops)
{
    if (virCgroupCheckController(tree, VIR_CGROUP_CONTROLLER_BLKIO, name) < 0)
        return -1;
    if (tree->version == 2) {
        g_autofree char *b = bps ? g_strdup_printf("%llu", bps) : g_strdup("max");
        g_autofree char *o = iops ? g_strdup_printf("%llu", iops) : g_strdup("max");
        g_autofree char *fmt = g_strdup_printf("%%s rbps=%s wbps=%s riops=%s wiops=%s", b, b, o, o);

        return virCgroupThrottle(tree, name, "io.max", fmt, bps | iops);
    }
    /* v1: "MAJ:MIN 0" removes a rule */
    if (virCgroupThrottle(tree, name, "blkio.throttle.read_bps_device", "%s %llu", bps) < 0 ||
        virCgroupThrottle(tree, name, "blkio.throttle.write_bps_device", "%s %llu", bps) < 0 ||
        virCgroupThrottle(tree, name, "blkio.throttle.read_iops_device", "%s %llu", iops) < 0 ||
        virCgroupThrottle(tree, name, "blkio.throttle.write_iops_device", "%s %llu", iops) < 0)
        return -1;
    return 0;
}
