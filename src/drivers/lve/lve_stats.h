/*
 * lve_stats.h: the numbers an LVE adds to the bulk statistics and its
 * memory statistics
 */
#ifndef VIR_LVE_STATS_H
# define VIR_LVE_STATS_H

# include "lve_private.h"

/* The groups the LVE driver reports (base->statsGroups). */
# define LVE_STATS_GROUPS \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON | \
     VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_LVE)

/* hooks->stats and hooks->memoryStats */
int lveDomainHookStats(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                       virDomainStatsList *list);
int lveDomainHookMemoryStats(virDomainDriverBase *base, virDomainObj *obj,
                             virDomainMemoryStatPtr stats, unsigned int nr);

#endif /* VIR_LVE_STATS_H */
