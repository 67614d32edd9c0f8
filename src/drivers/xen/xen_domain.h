/*
 * xen_domain.h: the Xen driver's hooks into the shared domain flows, and
 * the domains the hypervisor runs (xen_domain.c)
 */
#ifndef VIR_XEN_DOMAIN_H
# define VIR_XEN_DOMAIN_H

# include "xen_private.h"

/**
 * xenDomainConfigFromDef:
 * @def: a definition of the Xen driver (<domain type='xen'>)
 *
 * The guest libxl is to build for @def: <os> type xen (PV) or xenpvh
 * (PVH) with its kernel, initrd and cmdline, memory, vcpus, bridged
 * interfaces, disks, the on_* actions and <timer name='tsc'
 * mode='native'/>.  Checked as the binding checks a guest.
 *
 * Returns the guest (xenDomainConfigFree), or NULL with an error.
 */
xenDomainConfig *xenDomainConfigFromDef(const virDomainDef *def);

int xenDomainHookStart(virDomainDriverBase *base, virDomainObj *obj, bool paused, int *id);
int xenDomainHookStop(virDomainDriverBase *base, virDomainObj *obj);
int xenDomainHookSave(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *def,
                      const char *path, bool paused);
int xenDomainHookReadSave(virDomainDriverBase *base, const char *path, char **xml, bool *paused);
int xenDomainHookRestore(virDomainDriverBase *base, virDomainObj *obj, const char *path,
                         bool paused, int *id);
int xenDomainHookFreeze(virDomainDriverBase *base, virDomainObj *obj, bool frozen);
int xenDomainHookShutdown(virDomainDriverBase *base, virDomainObj *obj, unsigned int flags);
int xenDomainHookStillRunning(virDomainDriverBase *base, virDomainObj *obj);
void xenDomainHookSharedPages(virDomainDriverBase *base, virDomainObj *obj,
                              unsigned long long *merged, unsigned long long *considered);
int xenDomainHookApplyLive(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *from,
                           const virDomainDef *to, unsigned int changes);

/* What became of a guest (xen_poll.c): the fate hook and its batch (one
 * domain list for a whole poll), the guest's reboot request, its core
 * dump before a coredump-* action. */
int xenDomainHookFate(virDomainDriverBase *base, virDomainObj *obj, void *batch);
void *xenDomainHookPollBegin(virDomainDriverBase *base);
void xenDomainHookPollEnd(virDomainDriverBase *base, void *batch);
int xenDomainHookReboot(virDomainDriverBase *base, virDomainObj *obj, unsigned int flags);
int xenDomainHookCoreDump(virDomainDriverBase *base, virDomainObj *obj);

/* Marks @obj as a guest another toolstack built: shown, never acted on. */
void xenDomainMarkForeign(virDomainObj *obj);

/* Lists the running domain @info describes, which the list lacks, as a
 * transient domain of another toolstack. */
void xenDomainAdoptOne(xenDriver *driver, const xenDomainInfo *info);

/* The libvirt state and reason of a domain the hypervisor describes. */
void xenDomainStateFromInfo(const xenDomainInfo *info, int *state, int *reason);

/* Lists, as transient running domains, what the hypervisor runs that the
 * list lacks (Domain-0, guests built by xl).  Returns 0, -1 with an
 * error when the hypervisor cannot be asked. */
int xenDomainAdoptRunning(xenDriver *driver);

/**
 * xenDomainRefresh:
 * @driver: the driver
 * @obj: a domain, locked
 * @info: filled in when it runs
 *
 * Brings the state of @obj in line with the hypervisor's: a domain that
 * is gone is stopped, one paused or unpaused by another toolstack says so.
 *
 * Returns 1 when @obj runs (and @info is set), 0 when it does not, -1 with
 * an error when the hypervisor could not be asked.
 */
int xenDomainRefresh(xenDriver *driver, virDomainObj *obj, xenDomainInfo *info);

#endif /* VIR_XEN_DOMAIN_H */
