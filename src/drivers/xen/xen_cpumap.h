/*
 * xen_cpumap.h: cpumaps between virtkit and Xen
 *
 * Xen's cpumaps (xc_cpumap_t, and libxl_bitmap's map) are byte arrays in
 * which CPU n is bit n % 8 of byte n / 8: the order of libvirt's public
 * cpumaps (VIR_USE_CPU).  What differs is the length: Xen's maps are
 * xc_get_cpumap_size() bytes (the hypervisor's possible CPUs, rounded up),
 * virtkit's bitmaps have one bit per host CPU.  These functions convert
 * exactly, bit by bit, and refuse what the host cannot honour.
 */
#ifndef VIR_XEN_CPUMAP_H
# define VIR_XEN_CPUMAP_H

# include "internal.h"

# include "virbitmap.h"

/**
 * xenCpumapFromBitmap:
 * @bitmap: the CPUs a vcpu may run on
 * @hostCpus: CPUs of the host (physinfo's maxCpuId + 1)
 * @map: Xen's map to fill
 * @mapbytes: its length
 * @domid: @vcpu: for the message
 *
 * Fills @map from @bitmap (bytes beyond the host's CPUs stay zero).
 * Returns 0, or -1 with an error naming the domain, the vcpu and the CPU
 * when @bitmap selects a CPU the host lacks or selects none.
 */
int xenCpumapFromBitmap(const virBitmap *bitmap, unsigned int hostCpus,
                        uint8_t *map, size_t mapbytes,
                        unsigned int domid, unsigned int vcpu);

/**
 * xenCpumapToBitmap:
 * @map: a cpumap Xen filled
 * @mapbytes: its length
 * @hostCpus: CPUs of the host
 *
 * Returns a bitmap of @hostCpus bits; bits Xen sets beyond the host's CPUs
 * (an "all CPUs" map is all ones) are dropped.
 */
virBitmap *xenCpumapToBitmap(const uint8_t *map, size_t mapbytes,
                             unsigned int hostCpus);

#endif /* VIR_XEN_CPUMAP_H */
