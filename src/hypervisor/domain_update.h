/*
 * domain_update.h: one transaction for every change to a domain's live
 * definition and configuration, and the shared methods built on it
 */
#ifndef VIR_DOMAIN_UPDATE_H
# define VIR_DOMAIN_UPDATE_H

# include "domain_driver.h"

/* A change to a definition: @check refuses it for one definition before
 * anything is touched (may be NULL); @apply makes it and cannot fail.
 * @live says whether the definition is the running domain's. */
typedef struct {
    virDomainDriverChange change;
    int (*check)(virDomainDriverBase *base, const virDomainDef *def, bool live,
                 const void *arg);
    void (*apply)(virDomainDriverBase *base, virDomainDef *def, bool live, const void *arg);
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

int sharedDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int sharedDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);
int sharedDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                             int maplen, unsigned int flags);
int sharedDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags);

#endif /* VIR_DOMAIN_UPDATE_H */
