/*
 * datatypes.h: the public handles virConnect and virDomain
 *
 * A handle names an object; it does not hold the driver's state.  A domain
 * handle carries what a remote peer needs to name a domain (name, uuid,
 * id) and a reference on its connection.
 */
#ifndef VIR_DATATYPES_H
# define VIR_DATATYPES_H

# include "internal.h"
# include "virthread.h"

typedef struct _virHypervisorDriver virHypervisorDriver;
typedef struct _virURI virURI;

# define VIR_CONNECT_MAGIC 0x4F23DEAD
# define VIR_DOMAIN_MAGIC  0xDEAD4321

struct _virConnect {
    unsigned int magic;
    gint refs;
    unsigned int flags;             /* VIR_CONNECT_RO */
    virHypervisorDriver *driver;
    void *privateData;              /* the driver's, set by connectOpen */
    virURI *uri;
    char *uriString;

    virMutex lock;                    /* guards the fields below */
    virError err;                   /* last error of a call on this connection */
    virErrorFunc handler;
    void *userData;
    virConnectCloseFunc closeCallback;  /* virConnectRegisterCloseCallback */
    void *closeOpaque;
    virFreeCallback closeFreecb;
};

/* Names up to this long live in the handle itself. */
# define VIR_DOMAIN_NAME_INLINE 48

struct _virDomain {
    unsigned int magic;
    gint refs;
    virConnectPtr conn;             /* a free handle in the cache: the next one */
    int id;                         /* -1 when inactive */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;                     /* inlineName, or allocated when longer */
    char inlineName[VIR_DOMAIN_NAME_INLINE];
};

virConnectPtr virConnectNew(void);
void virConnectUnrefInternal(virConnectPtr conn);

/* A new handle for a domain; drivers call it to answer lookups. */
virDomainPtr virGetDomain(virConnectPtr conn, const char *name,
                          const unsigned char *uuid, int id);
/* Releases a handle whose last reference is gone. */
void virDomainRelease(virDomainPtr dom);

/* Drops a reference to a handle, as virDomainFree does without touching
 * the thread's error (NULL-safe). */
static inline void
virDomainUnrefInternal(virDomainPtr dom)
{
    if (dom && g_atomic_int_dec_and_test(&dom->refs))
        virDomainRelease(dom);
}

static inline bool
virConnectIsValid(virConnectPtr conn)
{
    return conn && conn->magic == VIR_CONNECT_MAGIC;
}

static inline bool
virDomainIsValid(virDomainPtr dom)
{
    return dom && dom->magic == VIR_DOMAIN_MAGIC && virConnectIsValid(dom->conn);
}

/* Drivers keep a handle's id current when they start or stop its domain. */
static inline void
virDomainHandleSetID(virDomainPtr dom, int id)
{
    g_atomic_int_set(&dom->id, id);
}

/* After a rename, the handle names its domain by the new name.  As in
 * libvirt, another thread reading the old name meanwhile is not guarded. */
void virDomainHandleSetName(virDomainPtr dom, const char *name);

#endif /* VIR_DATATYPES_H */
