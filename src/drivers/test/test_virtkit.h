/*
 * test_virtkit.h: entering and leaving test domains (virtkit's extension)
 */
#ifndef VIR_TEST_VIRTKIT_H
# define VIR_TEST_VIRTKIT_H

# include "test_private.h"

int testDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags);
int testDomainLeave(virDomainPtr dom, unsigned int cookie, unsigned int flags);

#endif /* VIR_TEST_VIRTKIT_H */
