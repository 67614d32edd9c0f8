/*
 * vserver_private.h: the state of the VServer driver, shared by its files
 *
 * One vserverDriver per root directory (vserver:///system is root "/"),
 * shared by every connection to it in the process.  A domain is a
 * security context: its id is the context's xid, fixed in the
 * configuration (<domain id=''>, 2-49151) and shown only while the
 * context exists in the kernel.  What the driver adds to the shared
 * layer (src/hypervisor/) is the binding (vserver_binding.h: the only
 * way to the kernel) and the mapping of a domain onto a context.
 */
#ifndef VIR_VSERVER_PRIVATE_H
# define VIR_VSERVER_PRIVATE_H

# include "internal.h"
# include "datatypes.h"
# include "domain_conf.h"
# include "domain_driver.h"
# include "domain_obj.h"
# include "vserver_binding.h"

# define VSERVER_SHUTDOWN_TIMEOUT_MS 10000
# define VSERVER_SHUTDOWN_TIMEOUT_MAX 3600

typedef struct _vserverDriver vserverDriver;
struct _vserverDriver {
    virDomainDriverBase base;       /* first: the shared domain methods */
    vserverBinding *binding;        /* the kernel, negotiated at open */
    unsigned int shutdownTimeoutMs; /* how long a shutdown waits for the context to end */
    long pageSize;                  /* what the kernel's page counts count */
};

static inline vserverDriver *
vserverDriverFromBase(virDomainDriverBase *base)
{
    return (vserverDriver *)base;
}

static inline vserverDriver *
vserverDriverFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

/* The context of a domain: its fixed id. */
static inline uint32_t
vserverDomainXid(const virDomainObj *obj)
{
    return obj->def->fixedId;
}

/* Whether the kernel speaks the V2 matrix (else the 2003 design). */
bool vserverDriverIsV2(const vserverDriver *driver);

#endif /* VIR_VSERVER_PRIVATE_H */
