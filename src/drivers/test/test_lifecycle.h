/*
 * test_lifecycle.h: saving and restoring test domains, and what they
 * report about themselves
 */
#ifndef VIR_TEST_LIFECYCLE_H
# define VIR_TEST_LIFECYCLE_H

# include "test_private.h"

/* hooks of the shared save and restore (sharedDomainSaveFlags): a save
 * file holds the state, the CPU time and the definition, as libvirt's
 * test driver keeps them */
int testDomainHookSave(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *def,
                       const char *path, bool paused);
int testDomainHookReadSave(virDomainDriverBase *base, const char *path, char **xml,
                           bool *paused);
/* The CPU time a save file holds. */
int testDomainSaveCpuTime(const char *path, guint64 *cputime);
int testDomainManagedSave(virDomainPtr dom, unsigned int flags);
int testDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);
int testDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int testDomainGetSecurityLabel(virDomainPtr dom, virSecurityLabelPtr seclabel);
int testDomainGetMessages(virDomainPtr dom, char ***msgs, unsigned int flags);

#endif /* VIR_TEST_LIFECYCLE_H */
