/*
 * domain_lifecycle.h: the shared methods that define, start, stop, pause
 * and power-cycle a domain, for a driver's table as they are
 */
#ifndef VIR_DOMAIN_LIFECYCLE_H
# define VIR_DOMAIN_LIFECYCLE_H

# include "domain_driver.h"

virDomainPtr sharedDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
int sharedDomainUndefineFlags(virDomainPtr dom, unsigned int flags);
virDomainPtr sharedDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags);
int sharedDomainCreateWithFlags(virDomainPtr dom, unsigned int flags);
int sharedDomainDestroyFlags(virDomainPtr dom, unsigned int flags);
int sharedDomainShutdownFlags(virDomainPtr dom, unsigned int flags);
int sharedDomainReboot(virDomainPtr dom, unsigned int flags);
int sharedDomainReset(virDomainPtr dom, unsigned int flags);
int sharedDomainSuspend(virDomainPtr dom);
int sharedDomainResume(virDomainPtr dom);

/**
 * virDomainDriverCreateDef:
 * @base: the driver
 * @def: a definition to run, taken
 * @reason: virDomainRunningReason
 * @paused: start frozen
 * @from: a save file to bring it back from (hooks->restore), or NULL
 *
 * What virDomainCreateXML does with a parsed definition (restore does it
 * too): a new domain is transient; an existing inactive one runs @def
 * while its configuration waits for the next start.
 *
 * Returns the running domain, locked and referenced, or NULL.
 */
virDomainObj *virDomainDriverCreateDef(virDomainDriverBase *base, virDomainDef *def, int reason,
                                       bool paused, const char *from);

/* The action the definition @def names for @fate (a guest that powered
 * off, rebooted or crashed by itself), its default filled in. */
int virDomainDriverEndAction(const virDomainDef *def, virDomainDriverFate fate);

/* The state such a guest is in while it waits for its action. */
void virDomainDriverEndState(virDomainDriverFate fate, int *state, int *reason);

/**
 * virDomainDriverObjEnded:
 * @base: the driver
 * @obj: a running domain, locked, with the root's lock held
 * @fate: VIR_DOMAIN_DRIVER_FATE_POWEROFF, _REBOOT or _CRASH
 * @write: false for a read-only connection, which only books the state
 *
 * Applies the domain's on_poweroff, on_reboot or on_crash action to a
 * guest that stopped by itself, as libvirt's libxl driver does: destroy
 * (shut off, reason shutdown or crashed), restart (and rename-restart:
 * built again from its definition), preserve (left as it is, shutdown or
 * crashed, for destroy), coredump-destroy and coredump-restart (the dump
 * through hooks->coreDump first).
 */
int virDomainDriverObjEnded(virDomainDriverBase *base, virDomainObj *obj,
                            virDomainDriverFate fate, bool write);

/* Save and restore through hooks->save, readSave and restore: the flags,
 * a replacement definition (the same domain, by name and uuid), the
 * state the domain comes back in. */
int sharedDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml,
                          unsigned int flags);
int sharedDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                             unsigned int flags);

#endif /* VIR_DOMAIN_LIFECYCLE_H */
