/*
 * test_private.h: state shared by the files of the test driver
 *
 * The test driver models a hypervisor inside the process: domains run,
 * pause and stop, and accumulate CPU time while they run; nothing outside
 * the process is touched except, for test:///embed?root=DIR, the
 * configuration files under DIR.
 */
#ifndef VIR_TEST_PRIVATE_H
# define VIR_TEST_PRIVATE_H

# include "internal.h"
# include "virthread.h"
# include "datatypes.h"
# include "domain_conf.h"
# include "domain_obj.h"
# include "domain_store.h"
# include "domain_driver.h"
# include "node_memory.h"

# define TEST_MAX_VCPUS 32
# define TEST_SECURITY_MODEL "testSecurity"

typedef struct _testDriver testDriver;
struct _testDriver {
    virDomainDriverBase base;       /* first; store NULL unless test:///embed,
                                     * hostcpus VIR_NODEINFO_MAXCPUS(nodeInfo) */
    gint refs;
    char *key;                      /* registry key, NULL when private */
    virNodeInfo nodeInfo;

    virMutex lock;                    /* guards the field below */
    virNodeMemoryShare shm;         /* modelled memory sharing */
};

/* Run-time state of a domain: CPU time accrues while it runs. */
typedef struct _testDomainPrivate {
    guint64 cpuTimeNs;              /* per vcpu, up to runningSince */
    gint64 runningSince;            /* monotonic µs, 0 while not running */
    GArray *cookies;                /* of virDomainEnter(), until left or stopped */
} testDomainPrivate;

static inline testDriver *
testDriverFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

/* A change to a domain's definitions: @check refuses it (reporting why)
 * before anything is touched; @apply makes it and cannot fail. */
typedef int (*testDefCheck)(const virDomainDef *def, bool live, const void *arg);
typedef void (*testDefApply)(virDomainDef *def, bool live, const void *arg);

/* test_tune.c */
int testDomainUpdate(virDomainPtr dom, unsigned int flags, testDefCheck check,
                     testDefApply apply, const void *arg);

/* test_node.c */
testDriver *testDriverNew(void);
int testDriverLoadDefault(testDriver *driver);
int testDriverLoadNodeFile(testDriver *driver, const char *path);
void testDriverFree(testDriver *driver);

/* test_domain.c */
int testDomainStartObj(testDriver *driver, virDomainObj *obj, int reason, bool paused);
guint64 testDomainCpuTimeNs(virDomainObj *obj);
void testDomainSetRunning(virDomainObj *obj, bool running);
void testDomainStopObj(testDriver *driver, virDomainObj *obj, int reason);
int testDomainCheckActive(virDomainObj *obj);
/* The object of a running domain, locked and referenced, or NULL with an
 * error saying it is gone or not running. */
virDomainObj *testDomainObjActive(virDomainPtr dom);
int testDomainSaveConfig(testDriver *driver, virDomainObj *obj);
void testDomainStartAutostart(testDriver *driver);
void testDomainPrivateFree(void *data);

#endif /* VIR_TEST_PRIVATE_H */
