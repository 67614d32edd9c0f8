/*
 * driver_registry.h: one driver state per root, shared by every connection
 * to it in the process, and the URIs that name a root
 *
 *   <scheme>:///system            the host: root "/", for root only
 *   <scheme>:///embed?root=DIR    the same layout under DIR, for anyone
 *
 * A registry maps a key (the root) to the driver state serving it; the
 * state is created by the first connection and freed by the last.  Every
 * connection to one root must ask for the same options (a root is served
 * one way at a time).
 */
#ifndef VIR_DRIVER_REGISTRY_H
# define VIR_DRIVER_REGISTRY_H

# include "internal.h"
# include "driver.h"
# include "virthread.h"
# include "viruri.h"
# include "domain_driver.h"

typedef struct _virDriverRegistry {
    virMutex lock;
    GHashTable *states;             /* key -> virDomainDriverBase */
} virDriverRegistry;

# define VIR_DRIVER_REGISTRY_INITIALIZER { VIR_MUTEX_INITIALIZER, NULL }

/* Creates the state for @key (its root), or NULL with an error. */
typedef virDomainDriverBase *(*virDriverRegistryCreate)(const char *key, void *opaque);

/**
 * virDriverRegistryAcquire:
 * @reg: the driver's registry
 * @key: the root, or NULL for a state of this connection's own
 * @options: how the state is opened (compared with an existing one's)
 * @create: makes a new state
 * @opaque: for @create
 * @freeState: frees a state @create made
 *
 * Returns the state for @key, referenced, or NULL with an error.
 */
virDomainDriverBase *virDriverRegistryAcquire(virDriverRegistry *reg, const char *key,
                                              const char *options,
                                              virDriverRegistryCreate create, void *opaque,
                                              void (*freeState)(virDomainDriverBase *base));

/* Drops a reference; the last one frees the state (@freeState of its
 * acquire). */
void virDriverRegistryRelease(virDomainDriverBase *base);

/**
 * virDriverRegistryConnect:
 * @conn: the connection being opened
 * @reg, @key, @options, @create, @opaque: as virDriverRegistryAcquire
 * @freeState: frees a state @create made
 *
 * The end of a driver's connectOpen: @conn gets the state for @key and,
 * unless it is read-only, the state is opened for writing
 * (virDomainDriverOpenWritable).
 */
virDrvOpenStatus virDriverRegistryConnect(virConnectPtr conn, virDriverRegistry *reg,
                                          const char *key, const char *options,
                                          virDriverRegistryCreate create, void *opaque,
                                          void (*freeState)(virDomainDriverBase *base));

/* The connectClose of every driver whose states live in a registry. */
int sharedConnectClose(virConnectPtr conn);

/**
 * virDriverParseRootURI:
 * @uri: a URI of the driver's scheme whose path is /system or /embed
 * @params: the driver's own URI parameters (NULL-terminated), besides root
 * @root: set to the root directory
 *
 * Returns VIR_DRV_OPEN_SUCCESS; VIR_DRV_OPEN_DECLINED with the reason as
 * the error for :///system when the caller is not root; or
 * VIR_DRV_OPEN_ERROR with an error naming what is wrong.
 */
virDrvOpenStatus virDriverParseRootURI(const virURI *uri, const char *const *params,
                                       const char **root);

#endif /* VIR_DRIVER_REGISTRY_H */
