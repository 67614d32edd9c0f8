/*
 * vserver_lifecycle.h: what a context adds to the shared lifecycle: how
 * it starts, stops, pauses and ends, and whether the kernel still has it
 */
#ifndef VIR_VSERVER_LIFECYCLE_H
# define VIR_VSERVER_LIFECYCLE_H

# include "vserver_private.h"

int vserverDomainHookStart(virDomainDriverBase *base, virDomainObj *obj, bool paused, int *id);
int vserverDomainHookStop(virDomainDriverBase *base, virDomainObj *obj);
int vserverDomainHookFreeze(virDomainDriverBase *base, virDomainObj *obj, bool frozen);
int vserverDomainHookShutdown(virDomainDriverBase *base, virDomainObj *obj, unsigned int flags);
int vserverDomainHookTerminate(virDomainDriverBase *base, virDomainObj *obj);
int vserverDomainHookStillRunning(virDomainDriverBase *base, virDomainObj *obj);

#endif /* VIR_VSERVER_LIFECYCLE_H */
