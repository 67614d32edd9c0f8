/*
 * lve_info.c: what an LVE domain reports: its state and usage, its CPU time
 */
#include "internal.h"

#include "lve_info.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* Usage of a running domain; a stopped one uses nothing. */
static int
lveDomainUsage(lveDriver *driver, virDomainObj *obj, lveUsage *usage)
{
    memset(usage, 0, sizeof(*usage));
    if (!virDomainObjIsActive(obj))
        return 0;
    return driver->backend->ops->usage(driver->backend, lveDomainId(obj), usage);
}

int
lveDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    lveUsage usage;
    int ret = -1;

    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (lveDomainUsage(driver, obj, &usage) < 0)
        goto cleanup;
    info->state = obj->state;
    info->maxMem = obj->def->maxMemory;
    /* memory in use while it runs; what it may use when it does not */
    info->memory = virDomainObjIsActive(obj) ? usage.memoryBytes / 1024 : obj->def->curMemory;
    info->nrVirtCpu = obj->def->vcpus;
    info->cpuTime = usage.cpuTimeNs;
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

static int
lveDomainTotalCPUStats(lveDriver *driver, virDomainObj *obj, virTypedParameterPtr params,
                       unsigned int nparams)
{
    const char *names[] = { VIR_DOMAIN_CPU_STATS_CPUTIME, VIR_DOMAIN_CPU_STATS_USERTIME,
                            VIR_DOMAIN_CPU_STATS_SYSTEMTIME };
    guint64 values[G_N_ELEMENTS(names)];
    lveUsage u;
    unsigned int i;

    if (driver->backend->ops->usage(driver->backend, lveDomainId(obj), &u) < 0)
        return -1;
    values[0] = u.cpuTimeNs;
    values[1] = u.userTimeNs;
    values[2] = u.systemTimeNs;
    for (i = 0; i < MIN(nparams, G_N_ELEMENTS(names)); i++)
        virTypedParamSetULLong(&params[i], names[i], values[i]);
    return i;
}

/* Time per host CPU, where the kernel keeps it (cgroup v1 cpuacct). */
static int
lveDomainPerCPUStats(lveDriver *driver, virDomainObj *obj, virTypedParameterPtr params,
                     unsigned int nparams, int start_cpu, unsigned int ncpus)
{
    g_autofree guint64 *percpu = g_new0(guint64, driver->base.hostcpus);
    lveBackend *be = driver->backend;
    unsigned int c;

    if (be->ops->cpuUsage(be, lveDomainId(obj), percpu, driver->base.hostcpus) < 0) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: the kernel keeps no CPU time per host CPU here (cgroup v1 cpuacct does)"),
                       lveDomainId(obj));
        return -1;
    }
    for (c = 0; c < ncpus && start_cpu + c < driver->base.hostcpus && nparams >= 1; c++)
        virTypedParamSetULLong(&params[c * nparams], VIR_DOMAIN_CPU_STATS_CPUTIME,
                               percpu[start_cpu + c]);
    return MIN(nparams, 1);
}

int
lveDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                     int start_cpu, unsigned int ncpus, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!params)
        return ncpus == 0 ? (int)driver->base.hostcpus : (start_cpu == -1 ? 3 : 1);
    if (virDomainDriverCheckStartCpu(&driver->base, start_cpu) < 0)
        return -1;
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (virDomainDriverCheckActive(&driver->base, obj) == 0) {
        memset(params, 0, sizeof(*params) * nparams * (start_cpu == -1 ? 1 : ncpus));
        ret = start_cpu == -1 ? lveDomainTotalCPUStats(driver, obj, params, nparams) :
              lveDomainPerCPUStats(driver, obj, params, nparams, start_cpu, ncpus);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}
