/*
 * lve_vcpu.c: where an LVE's vcpus run
 *
 * An LVE has one cpuset, not one thread per vcpu: its "vcpus" are its
 * ncpu CPUs.  Pins choose which CPUs those are (the union of the pins of
 * its vcpus), and vcpu i is reported on the i-th CPU of the cpuset, with
 * the time the LVE spent there (cpuacct.usage_percpu on cgroup v1).
 */
#include "internal.h"

#include "lve_run.h"
#include "lve_vcpu.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* The LVE's cpuset as it runs: every CPU when unrestricted. */
static virBitmap *
lveDomainCpuset(lveDriver *driver, const virDomainDef *def)
{
    g_autoptr(virBitmap) placement = lveDomainPlacement(driver, def);
    virBitmap *set = lveCpusetFor(placement, def->vcpus, driver->base.hostcpus);

    if (!set) {
        set = virBitmapNew(driver->base.hostcpus);
        virBitmapSetAll(set);
    }
    return set;
}

static void
lveDomainFillVcpus(lveDriver *driver, virDomainObj *obj, virVcpuInfoPtr info, int n,
                   unsigned char *cpumaps, int maplen)
{
    lveBackend *be = driver->backend;
    g_autoptr(virBitmap) cpuset = lveDomainCpuset(driver, obj->def);
    g_autofree guint64 *percpu = g_new0(guint64, driver->base.hostcpus);
    bool haveTimes = be->ops->cpuUsage(be, lveDomainId(obj), percpu, driver->base.hostcpus) == 0;
    ssize_t next = virBitmapNextSetBit(cpuset, -1);
    int i;

    for (i = 0; i < n; i++) {
        ssize_t cpu = next;

        if (next >= 0)
            next = virBitmapNextSetBit(cpuset, next);
        info[i].number = i;
        info[i].state = obj->state == VIR_DOMAIN_PAUSED ? VIR_VCPU_BLOCKED : VIR_VCPU_RUNNING;
        /* more vcpus than CPUs (pins narrower than ncpu): no CPU of its own */
        info[i].cpu = cpu >= 0 ? cpu : VIR_VCPU_INFO_CPU_UNAVAILABLE;
        info[i].cpuTime = cpu >= 0 && haveTimes ? percpu[cpu] : 0;
        if (cpumaps)
            virBitmapToCpumap(cpuset, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
}

int
lveDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
                  int maplen)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int n = -1;

    if (virDomainDriverCheckMaplen(&driver->base, maplen) < 0 || !(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot list the vcpus of domain '%s': it is not running"), obj->def->name);
    } else {
        n = MIN(maxinfo, (int)obj->def->vcpus);
        lveDomainFillVcpus(driver, obj, info, n, cpumaps, maplen);
    }
    virDomainObjEndAPI(&obj);
    return n;
}
