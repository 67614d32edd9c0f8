/*
 * xen_vcpu.c: vcpus through libxenctrl: where they run, and where they may
 *
 * Affinity is hard (the vcpu runs only there) and soft (the scheduler
 * prefers there), as Xen keeps both since 4.5; the maps are converted bit
 * for bit by xen_cpumap.c.
 */
#include "internal.h"

#include "virerror.h"
#include "xen_cpumap.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* Xen answers a vcpu number beyond the domain's with a bare EINVAL: ask
 * first, to say how many vcpus it has. */
static int
xenVcpuCheck(xenHandle *h, unsigned int domid, unsigned int vcpu, const char *what)
{
    g_autofree char *asked = g_strdup_printf("%s vcpu %u", what, vcpu);
    xenDomainInfo info;

    if (xenDomctlInfoFor(h, domid, asked, &info) < 0)
        return -1;
    if (vcpu >= info.maxVcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot %s vcpu %u: it has %u vcpus (0-%u)"),
                       domid, what, vcpu, info.maxVcpus, info.maxVcpus - 1);
        return -1;
    }
    return 0;
}

int
xenVcpuList(xenHandle *h, unsigned int domid, xenVcpuInfo **vcpus, size_t *nvcpus)
{
    g_autofree xenVcpuInfo *out = NULL;
    xenDomainInfo info;
    unsigned int v;

    if (xenDomctlInfoFor(h, domid, _("read its vcpus"), &info) < 0)
        return -1;
    out = g_new0(xenVcpuInfo, MAX(info.maxVcpus, 1));
    for (v = 0; v < info.maxVcpus; v++) {
        xc_vcpuinfo_t vi = { 0 };

        if (xc_vcpu_getinfo(h->xch, domid, v, &vi) < 0) {
            xenReportDomainErrno(domid, errno, _("read the state of vcpu %u"), v);
            return -1;
        }
        out[v].number = v;
        out[v].online = vi.online;
        out[v].blocked = vi.blocked;
        out[v].running = vi.running;
        out[v].cpuTimeNs = vi.cpu_time;
        out[v].cpu = vi.online ? (int)vi.cpu : -1;
    }
    *nvcpus = info.maxVcpus;
    *vcpus = g_steal_pointer(&out);
    return 0;
}

int
xenVcpuGetAffinity(xenHandle *h, unsigned int domid, unsigned int vcpu,
                   virBitmap **hard, virBitmap **soft)
{
    g_autofree uint8_t *hmap = g_new0(uint8_t, h->cpumapBytes);
    g_autofree uint8_t *smap = g_new0(uint8_t, h->cpumapBytes);

    if (xenVcpuCheck(h, domid, vcpu, _("read the affinity of")) < 0)
        return -1;
    if (xc_vcpu_getaffinity(h->xch, domid, vcpu, hmap, smap,
                            XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT) < 0) {
        xenReportDomainErrno(domid, errno, _("read the affinity of vcpu %u"), vcpu);
        return -1;
    }
    if (hard)
        *hard = xenCpumapToBitmap(hmap, h->cpumapBytes, h->hostCpus);
    if (soft)
        *soft = xenCpumapToBitmap(smap, h->cpumapBytes, h->hostCpus);
    return 0;
}

int
xenVcpuSetAffinity(xenHandle *h, unsigned int domid, unsigned int vcpu,
                   const virBitmap *hard, const virBitmap *soft)
{
    g_autofree uint8_t *hmap = g_new0(uint8_t, h->cpumapBytes);
    g_autofree uint8_t *smap = g_new0(uint8_t, h->cpumapBytes);
    g_autofree char *cpus = NULL;
    uint32_t flags = 0;

    if (xenVcpuCheck(h, domid, vcpu, _("pin")) < 0)
        return -1;
    if (hard) {
        if (xenCpumapFromBitmap(hard, h->hostCpus, hmap, h->cpumapBytes, domid, vcpu) < 0)
            return -1;
        flags |= XEN_VCPUAFFINITY_HARD;
    }
    if (soft) {
        if (xenCpumapFromBitmap(soft, h->hostCpus, smap, h->cpumapBytes, domid, vcpu) < 0)
            return -1;
        flags |= XEN_VCPUAFFINITY_SOFT;
    }
    if (!flags)
        return 0;
    if (xc_vcpu_setaffinity(h->xch, domid, vcpu, hmap, smap, flags) < 0) {
        cpus = virBitmapFormat(hard ? hard : soft);
        xenReportDomainErrno(domid, errno, _("pin vcpu %u to CPUs %s"), vcpu, cpus);
        return -1;
    }
    return 0;
}
