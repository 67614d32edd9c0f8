/*
 * test_domain.h: a test domain at run time: what the test driver adds to
 * the shared flows (its hooks) and the CPU time it models
 */
#ifndef VIR_TEST_DOMAIN_H
# define VIR_TEST_DOMAIN_H

# include "test_private.h"

/* What libvirt's test driver finds tainting a domain of a node file
 * (test_taint.c), in the order of libvirt's virDomainTaintFlags. */
typedef enum {
    TEST_TAINT_HIGH_PRIVILEGES,
    TEST_TAINT_SHELL_SCRIPTS,
    TEST_TAINT_CDROM_PASSTHROUGH,
    TEST_TAINT_CUSTOM_DTB,
    TEST_TAINT_DEPRECATED_CONFIG,
    TEST_TAINT_LAST
} testTaint;

/* Run-time state of a domain: CPU time accrues while it runs. */
typedef struct _testDomainPrivate {
    guint64 cpuTimeNs;              /* per vcpu, up to runningSince */
    gint64 runningSince;            /* monotonic µs, 0 while not running */
    GArray *cookies;                /* of virDomainEnter(), until left or stopped */
    unsigned int taint;             /* bit per testTaint, for the domain's life */
    GPtrArray *deprecations;        /* of strings, or NULL */
} testDomainPrivate;

extern const virDomainDriverHooks testDomainHooks;

testDomainPrivate *testDomainPrivateOf(virDomainObj *obj);

/* CPU time of one vcpu: it accrues only while the domain runs. */
guint64 testDomainCpuTimeNs(virDomainObj *obj);

#endif /* VIR_TEST_DOMAIN_H */
