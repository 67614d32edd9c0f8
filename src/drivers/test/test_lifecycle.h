/*
 * test_lifecycle.h: saving and restoring test domains, and what they
 * report about themselves
 */
#ifndef VIR_TEST_LIFECYCLE_H
# define VIR_TEST_LIFECYCLE_H

# include "test_private.h"

int testDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags);
int testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                           unsigned int flags);
int testDomainManagedSave(virDomainPtr dom, unsigned int flags);
int testDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);
int testDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int testDomainGetSecurityLabel(virDomainPtr dom, virSecurityLabelPtr seclabel);
int testDomainGetMessages(virDomainPtr dom, char ***msgs, unsigned int flags);

#endif /* VIR_TEST_LIFECYCLE_H */
