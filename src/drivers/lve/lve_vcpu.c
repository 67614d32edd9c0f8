/*
 * lve_vcpu.c: where an LVE's vcpus run
 *
 * An LVE has one cpuset, not one thread per vcpu: its "vcpus" are its
 * ncpu CPUs.  Pins choose which CPUs those are (a CPU of each vcpu's pin:
 * lveDomainVcpuCpus), and each vcpu is reported on its CPU, with the
 * time the LVE spent there (cpuacct.usage_percpu on cgroup v1).
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

bool
lveDomainFillVcpus(lveDriver *driver, virDomainObj *obj, virVcpuInfoPtr info, int n,
                   unsigned char *cpumaps, int maplen)
{
    lveBackend *be = driver->backend;
    size_t hostcpus = driver->base.hostcpus;
    g_autoptr(virBitmap) cpuset = lveDomainCpuset(driver, obj->def);
    g_autofree guint64 *percpu = g_new0(guint64, hostcpus);
    g_autofree ssize_t *cpus = g_new0(ssize_t, obj->def->vcpus);
    bool haveTimes = be->ops->cpuUsage(be, lveDomainId(obj), percpu, hostcpus) == 0;
    int i;

    lveDomainVcpuCpus(driver, obj->def, cpus);
    for (i = 0; i < n; i++) {
        ssize_t cpu = cpus[i];

        info[i].number = i;
        info[i].state = obj->state == VIR_DOMAIN_PAUSED ? VIR_VCPU_BLOCKED : VIR_VCPU_RUNNING;
        info[i].cpu = cpu >= 0 ? cpu : VIR_VCPU_INFO_CPU_UNAVAILABLE;
        info[i].cpuTime = cpu >= 0 && haveTimes ? percpu[cpu] : 0;
        if (cpumaps) {
            /* its pin, where the LVE's cpuset lets it run */
            g_autoptr(virBitmap) mine = virDomainDefGetVcpuAffinity(obj->def, i, hostcpus);
            ssize_t c = -1;

            while ((c = virBitmapNextSetBit(mine, c)) >= 0) {
                if (!virBitmapIsBitSet(cpuset, c))
                    virBitmapClearBit(mine, c);
            }
            virBitmapToCpumap(mine, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
        }
    }
    return haveTimes;
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
