/*
 * wiretestutils.h: what the wire test suites share
 *
 * One daemon per suite, started before the tests and stopped after them
 * (it must stop cleanly: a crash fails the suite), and assertions on
 * calls over a raw wireClient.
 */
#ifndef WIRETESTUTILS_H
# define WIRETESTUTILS_H

# include "internal.h"

# include "testutils.h"
# include "wireclient.h"

extern wireDaemon wireTestDaemon;

wireClient *wireTestOpen(const char *sock, const char *uri, unsigned int flags);
void wireTestAssertServes(void);
void wireTestCallFails(wireClient *c, int proc, void *args, int code);
vkr_nonnull_domain wireTestDomain(wireClient *c);
void wireTestAssertLookup(wireClient *c);
int wireTestMain(Suite *s, const char *conf);

#endif /* WIRETESTUTILS_H */
