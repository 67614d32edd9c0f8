/*
 * domain_update.h: one transaction for every change to a domain's live
 * definition and configuration, and the shared methods built on it
 */
#ifndef VIR_DOMAIN_UPDATE_H
# define VIR_DOMAIN_UPDATE_H

# include "domain_driver.h"

/* A change to a definition: @check refuses it for one definition before
 * anything is touched (may be NULL); @apply makes it and cannot fail.
 * @live says whether the definition is the running domain's.  A change
 * that is only known to hold once made gives @derive instead of @apply:
 * it returns the changed copy, or NULL with an error. */
typedef struct {
    virDomainDriverChange change;
    int (*check)(virDomainDriverBase *base, const virDomainDef *def, bool live,
                 const void *arg);
    void (*apply)(virDomainDriverBase *base, virDomainDef *def, bool live, const void *arg);
    virDomainDef *(*derive)(virDomainDriverBase *base, const virDomainDef *def, bool live,
                            const void *arg);
} virDomainDriverEdit;

/**
 * virDomainDriverUpdate:
 * @dom: the domain
 * @flags: virDomainModificationImpact (other bits are ignored)
 * @edit: the change
 * @arg: what the change is, for @edit
 *
 * Applies a change to the live definition, the configuration, or both:
 * everything changes or nothing.  Each definition is checked; the driver
 * may refuse the result (hooks->checkChange); the running domain gets the
 * new live definition first (hooks->applyLive), then the configuration is
 * written; if that fails, the running domain is put back.  Only then do
 * the new definitions replace the old ones.
 *
 * Returns 0, or -1 with nothing changed.
 */
int virDomainDriverUpdate(virDomainPtr dom, unsigned int flags, const virDomainDriverEdit *edit,
                          const void *arg);

/* The typed parameters of a change of tunables, as an edit's @arg. */
typedef struct {
    const virTypedParameter *params;
    int nparams;
} virDomainDriverParams;

/**
 * virDomainDriverSetMemtune:
 * @dom: the domain
 * @params: memory tunables (virDomainSetMemoryParameters)
 * @nparams: how many
 * @flags: virDomainModificationImpact, already checked
 * @edit: the driver's change, given a virDomainDriverParams
 *
 * Checks that @params are among libvirt's memory tunables (hard_limit,
 * soft_limit, swap_hard_limit, min_guarantee: ullong KiB), then makes
 * the change as virDomainDriverUpdate does.
 *
 * Returns 0, or -1 with nothing changed.
 */
int virDomainDriverSetMemtune(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                              unsigned int flags, const virDomainDriverEdit *edit);

int sharedDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int sharedDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);
int sharedDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                             int maplen, unsigned int flags);
int sharedDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags);

/* domain_device.c: devices through the transaction above */
int sharedDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int sharedDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int sharedDomainUpdateDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int sharedDomainDetachDeviceAlias(virDomainPtr dom, const char *alias, unsigned int flags);

#endif /* VIR_DOMAIN_UPDATE_H */
