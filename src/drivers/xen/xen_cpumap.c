/*
 * xen_cpumap.c: cpumaps between virtkit's bitmaps and Xen's byte maps
 */
#include "internal.h"

#include "virerror.h"
#include "xen_cpumap.h"

#define VIR_FROM_THIS VIR_FROM_XEN

int
xenCpumapFromBitmap(const virBitmap *bitmap, unsigned int hostCpus,
                    uint8_t *map, size_t mapbytes,
                    unsigned int domid, unsigned int vcpu)
{
    ssize_t cpu = -1;

    memset(map, 0, mapbytes);
    if (virBitmapIsAllClear(bitmap)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot pin vcpu %u to no CPU at all"),
                       domid, vcpu);
        return -1;
    }
    while ((cpu = virBitmapNextSetBit(bitmap, cpu)) >= 0) {
        if ((size_t)cpu >= hostCpus || (size_t)cpu >= mapbytes * 8) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("domain %u: cannot pin vcpu %u to CPU %zd: the host has %u CPUs (0-%u)"),
                           domid, vcpu, cpu, hostCpus, hostCpus - 1);
            return -1;
        }
        map[cpu / 8] |= 1u << (cpu % 8);
    }
    return 0;
}

virBitmap *
xenCpumapToBitmap(const uint8_t *map, size_t mapbytes, unsigned int hostCpus)
{
    virBitmap *bitmap = virBitmapNew(hostCpus);
    size_t cpu;

    for (cpu = 0; cpu < hostCpus && cpu < mapbytes * 8; cpu++) {
        if (map[cpu / 8] & (1u << (cpu % 8)))
            virBitmapSetBit(bitmap, cpu);
    }
    return bitmap;
}
