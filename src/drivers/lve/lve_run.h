/*
 * lve_run.h: an LVE domain in the kernel: what it asks for (its limits in
 * force and its CPUs), and setting it up and tearing it down (the start,
 * stop and restart hooks of the shared flows)
 */
#ifndef VIR_LVE_RUN_H
# define VIR_LVE_RUN_H

# include "lve_private.h"

/* The limits in force for @def: its own, else the host defaults. */
void lveDomainEffective(lveDriver *driver, const virDomainDef *def, lveLimits *lim);

/* The CPUs the pins and <vcpu cpuset> allow, or NULL when they allow all. */
virBitmap *lveDomainPlacement(lveDriver *driver, const virDomainDef *def);

int lveDomainHookStart(virDomainDriverBase *base, virDomainObj *obj, bool paused, int *id);
int lveDomainHookStop(virDomainDriverBase *base, virDomainObj *obj);
int lveDomainHookRestart(virDomainDriverBase *base, virDomainObj *obj);
int lveDomainHookStillRunning(virDomainDriverBase *base, virDomainObj *obj);
void lveDomainHookReconcile(virDomainDriverBase *base);

#endif /* VIR_LVE_RUN_H */
