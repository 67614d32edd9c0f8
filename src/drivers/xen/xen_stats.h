/*
 * xen_stats.h: what a running Xen guest reports of its vcpus, its bulk
 * statistics and its memory statistics
 */
#ifndef VIR_XEN_STATS_H
# define VIR_XEN_STATS_H

# include "xen_private.h"

/* The groups the Xen driver reports (base->statsGroups), as libvirt's
 * libxl driver has them but for the devices. */
# define XEN_STATS_GROUPS \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON | \
     VIR_DOMAIN_STATS_VCPU)

/* Fills @info (room for @maxinfo) with what Xen says of each vcpu of
 * running @obj, and @cpumaps (unless NULL) with their hard affinity.
 * Returns how many, -1 with an error. */
int xenDomainFillVcpus(xenDriver *driver, virDomainObj *obj, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen);

/* hooks->stats and hooks->memoryStats */
int xenDomainHookStats(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                       virDomainStatsList *list);
int xenDomainHookMemoryStats(virDomainDriverBase *base, virDomainObj *obj,
                             virDomainMemoryStatPtr stats, unsigned int nr);

#endif /* VIR_XEN_STATS_H */
