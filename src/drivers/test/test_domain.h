/*
 * test_domain.h: a test domain at run time: what the test driver adds to
 * the shared flows (its hooks) and the CPU time it models
 */
#ifndef VIR_TEST_DOMAIN_H
# define VIR_TEST_DOMAIN_H

# include "test_private.h"

/* Run-time state of a domain: CPU time accrues while it runs. */
typedef struct _testDomainPrivate {
    guint64 cpuTimeNs;              /* per vcpu, up to runningSince */
    gint64 runningSince;            /* monotonic µs, 0 while not running */
    GArray *cookies;                /* of virDomainEnter(), until left or stopped */
} testDomainPrivate;

extern const virDomainDriverHooks testDomainHooks;

testDomainPrivate *testDomainPrivateOf(virDomainObj *obj);

/* CPU time of one vcpu: it accrues only while the domain runs. */
guint64 testDomainCpuTimeNs(virDomainObj *obj);

#endif /* VIR_TEST_DOMAIN_H */
