/*
 * lve_lifecycle.h: asking an LVE's tasks to end, and freezing them (the
 * shutdown, terminate and freeze hooks of the shared flows)
 */
#ifndef VIR_LVE_LIFECYCLE_H
# define VIR_LVE_LIFECYCLE_H

# include "lve_private.h"

int lveDomainHookShutdown(virDomainDriverBase *base, virDomainObj *obj, unsigned int flags);
int lveDomainHookFate(virDomainDriverBase *base, virDomainObj *obj, void *batch);
int lveDomainHookTerminate(virDomainDriverBase *base, virDomainObj *obj);
int lveDomainHookFreeze(virDomainDriverBase *base, virDomainObj *obj, bool frozen);

#endif /* VIR_LVE_LIFECYCLE_H */
