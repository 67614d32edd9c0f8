/*
 * test_private.h: the state of the test driver, shared by its files
 *
 * The test driver models a hypervisor inside the process: domains run,
 * pause and stop, and accumulate CPU time while they run; nothing outside
 * the process is touched except, for test:///embed?root=DIR, the
 * configuration files under DIR.  It is the reference implementation of
 * the driver seam (src/hypervisor/domain_driver.h): what it adds to the
 * shared layer is its model of a host and of CPU time.
 */
#ifndef VIR_TEST_PRIVATE_H
# define VIR_TEST_PRIVATE_H

# include "internal.h"
# include "virthread.h"
# include "datatypes.h"
# include "domain_conf.h"
# include "domain_obj.h"
# include "domain_driver.h"
# include "node_memory.h"

# define TEST_MAX_VCPUS 32
# define TEST_SECURITY_MODEL "testSecurity"

typedef struct _testDriver testDriver;
struct _testDriver {
    virDomainDriverBase base;       /* first; store NULL unless test:///embed,
                                     * hostcpus VIR_NODEINFO_MAXCPUS(nodeInfo) */
    virNodeInfo nodeInfo;

    virMutex lock;                  /* guards the field below */
    virNodeMemoryShare shm;         /* modelled memory sharing */
};

static inline testDriver *
testDriverFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

#endif /* VIR_TEST_PRIVATE_H */
