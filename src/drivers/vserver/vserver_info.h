/*
 * vserver_info.h: what a VServer domain reports, and entering it
 *
 * The kernel is the truth for a running context: its state comes from
 * the pause flag and virt_stat (a context whose processes the hard
 * scheduler holds back, for want of tokens, is blocked); its memory and
 * CPU time from its processes (V2: every process whose task_xid is the
 * context, as vserver-stat counts them; the 2003 design cannot name
 * them, and reports the memory it allows and no CPU time).
 */
#ifndef VIR_VSERVER_INFO_H
# define VIR_VSERVER_INFO_H

# include "internal.h"
# include "domain_driver.h"

int vserverDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int vserverDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags);
int vserverDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                          unsigned char *cpumaps, int maplen);
int vserverDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params,
                             unsigned int nparams, int start_cpu, unsigned int ncpus,
                             unsigned int flags);
/* The groups the VServer driver reports (base->statsGroups). */
# define VSERVER_STATS_GROUPS \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON | \
     VIR_DOMAIN_STATS_VCPU)

/* hooks->state, hooks->stats and hooks->memoryStats */
void vserverDomainHookState(virDomainDriverBase *base, virDomainObj *obj, int *state,
                            int *reason);
int vserverDomainHookStats(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                           virDomainStatsList *list);
int vserverDomainHookMemoryStats(virDomainDriverBase *base, virDomainObj *obj,
                                 virDomainMemoryStatPtr stats, unsigned int nr);
int vserverDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags);
int vserverDomainLeave(virDomainPtr dom, unsigned int cookie, unsigned int flags);

#endif /* VIR_VSERVER_INFO_H */
