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

/* The CPU of each vcpu of @def (@cpus has def->vcpus slots): one of
 * its affinity (its pin, <vcpu cpuset>, or any), a CPU of its own while
 * there are enough, else shared (vcpus pinned to fewer CPUs than they
 * are); -1 for none. */
void lveDomainVcpuCpus(lveDriver *driver, const virDomainDef *def, ssize_t *cpus);

/* The LVE's cpuset when pins or <vcpu cpuset> choose it: the CPUs of
 * its vcpus (lveDomainVcpuCpus), so that each pin holds; NULL when no
 * vcpu is pinned. */
virBitmap *lveDomainPlacement(lveDriver *driver, const virDomainDef *def);

int lveDomainHookStart(virDomainDriverBase *base, virDomainObj *obj, bool paused, int *id);
int lveDomainHookStop(virDomainDriverBase *base, virDomainObj *obj);
int lveDomainHookRestart(virDomainDriverBase *base, virDomainObj *obj);
int lveDomainHookStillRunning(virDomainDriverBase *base, virDomainObj *obj);
void lveDomainHookReconcile(virDomainDriverBase *base);

#endif /* VIR_LVE_RUN_H */
