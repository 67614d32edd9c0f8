/*
 * xen_private.h: the state of the Xen driver, shared by its files
 *
 * One xenDriver per root directory (xen:///system is root "/"), shared by
 * every connection to it in the process.  Domains are Xen domains: the
 * domain id is the hypervisor's, given when a guest is built and shown
 * only while it exists.  What the driver adds to the shared layer
 * (src/hypervisor/) is the binding (xenOps, xen_ops.h), the mapping of
 * domain definitions onto guests libxl builds, and the domains that run
 * in the hypervisor without a definition here (Domain-0, guests xl made),
 * which are listed as transient running domains.
 */
#ifndef VIR_XEN_PRIVATE_H
# define VIR_XEN_PRIVATE_H

# include "internal.h"
# include "datatypes.h"
# include "domain_driver.h"
# include "xen_ops.h"

typedef struct _xenDriver xenDriver;
struct _xenDriver {
    virDomainDriverBase base;       /* first: the shared domain methods */
    const xenOps *ops;              /* the hypervisor, or a unit test's fake */
    xenHandle *h;
    xenPhysInfo phys;               /* at open: the host's CPUs do not change */
    char *dumpDir;                  /* core dumps of crashed guests (coredump-* actions) */
    struct _virNodeScanner *scanner;    /* continuous dedup (xen_dedup.c), made on first use */
    virMutex scannerLock;                 /* guards making it */
};

static inline xenDriver *
xenDriverFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

static inline xenDriver *
xenDriverFromBase(virDomainDriverBase *base)
{
    return (xenDriver *)base;
}

/**
 * xenDriverSetOps:
 * @ops: the binding the next new driver state opens, NULL for the real
 *       hypervisor (xenHypervisorOps)
 *
 * For the driver's unit tests, which link the library statically and put
 * a fake hypervisor behind exactly the xenOps seam.
 */
void xenDriverSetOps(const xenOps *ops);

#endif /* VIR_XEN_PRIVATE_H */
