/*
 * lve_enter.h: entering and leaving LVE domains, and the memory sharing
 * (KSM) of the tasks inside
 */
#ifndef VIR_LVE_ENTER_H
# define VIR_LVE_ENTER_H

# include "lve_private.h"

int lveDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags);
int lveDomainLeave(virDomainPtr dom, unsigned int cookie, unsigned int flags);

/* Turns KSM on or off for every task of running @obj that does not have
 * it so already; all or none.  A paused domain refuses unless none needs
 * the change. */
int lveDomainShareTasks(lveDriver *driver, virDomainObj *obj, bool enable);

/* The sharedPages hook: pages of the tasks that KSM merged, and tracks. */
void lveDomainHookSharedPages(virDomainDriverBase *base, virDomainObj *obj,
                              unsigned long long *merged, unsigned long long *tracked);

#endif /* VIR_LVE_ENTER_H */
