/*
 * lve_private.h: the state of the LVE driver, shared by its files
 *
 * One lveDriver per root directory (lve:///system is root "/"), shared by
 * every connection to it in the process.  Domains are LVEs: the domain id
 * is the LVE id, fixed in the configuration (<domain id=''>), and shown
 * only while the LVE exists in the kernel.  What the driver adds to the
 * shared layer (src/hypervisor/) is its backend (lveOps: liblve or
 * cgroups) and the mapping of domains onto LVE limits.
 */
#ifndef VIR_LVE_PRIVATE_H
# define VIR_LVE_PRIVATE_H

# include "internal.h"
# include "datatypes.h"
# include "virthread.h"
# include "domain_conf.h"
# include "domain_obj.h"
# include "domain_driver.h"
# include "domain_owner.h"
# include "lve_backend.h"
# include "lve_conf.h"

# define LVE_MAX_VCPUS 8192
# define LVE_SHUTDOWN_TIMEOUT_MS 10000

typedef struct _lveDriver lveDriver;
struct _lveDriver {
    virDomainDriverBase base;       /* first: the shared domain methods */
    unsigned int shutdownTimeoutMs; /* how long a graceful destroy waits after SIGTERM */
    lveBackend *backend;
    virDomainOwners *owners;        /* whose each LVE of the backend's scope is */
    char *defaultsPath;
    bool defaultsBroken;            /* the file there did not load: set it aside first */

    virMutex lock;                  /* guards the field below */
    lveLimits defaults;             /* limits a domain does not set */

    virMutex watchLock;             /* guards the field below */
    GHashTable *watches;            /* LVE id -> lveWatch of a running LVE (lve_events.c) */
};

static inline lveDriver *
lveDriverFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

static inline lveDriver *
lveDriverFromBase(virDomainDriverBase *base)
{
    return (lveDriver *)base;
}

static inline unsigned int
lveDomainId(const virDomainObj *obj)
{
    return obj->def->fixedId;
}

#endif /* VIR_LVE_PRIVATE_H */
