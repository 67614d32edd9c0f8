/*
 * test_keys.h: pressing keys on a test domain's keyboard
 */
#ifndef VIR_TEST_KEYS_H
# define VIR_TEST_KEYS_H

# include "test_private.h"

int testDomainSendKey(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                      unsigned int *keycodes, int nkeycodes, unsigned int flags);

#endif /* VIR_TEST_KEYS_H */
