/*
 * test_node.h: the test driver's modelled host, and the state a test
 * connection starts with (libvirt's test:///default, or a node file)
 */
#ifndef VIR_TEST_NODE_H
# define VIR_TEST_NODE_H

# include "test_private.h"

/* The ways of asking a modelled guest to power off or reboot: it
 * honours them all. */
# define TEST_POWER_FLAGS \
    (VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN | VIR_DOMAIN_SHUTDOWN_GUEST_AGENT | \
     VIR_DOMAIN_SHUTDOWN_INITCTL | VIR_DOMAIN_SHUTDOWN_SIGNAL | VIR_DOMAIN_SHUTDOWN_PARAVIRT)

/* A driver with the modelled host and no domain. */
testDriver *testDriverNew(void);
void testDriverFree(testDriver *driver);

/* The domain libvirt's test:///default starts with. */
int testDriverLoadDefault(testDriver *driver);

/* The host and domains of a node file in libvirt's format. */
int testDriverLoadNodeFile(testDriver *driver, const char *path);

#endif /* VIR_TEST_NODE_H */
