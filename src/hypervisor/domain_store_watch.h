/*
 * domain_store_watch.h: changes other processes make to a root, seen as
 * they happen
 *
 * Every process bumps the root's generation file when it lets go of the
 * root's lock (domain_store.h).  Once a connection to the root registers
 * an event callback, the process watches that file (inotify, on the
 * registered event loop) and brings its list up to date when it changes:
 * the list's changes are the lifecycle events of what the other process
 * did (a second virtsh destroys a domain: a listener here sees it stop).
 */
#ifndef VIR_DOMAIN_STORE_WATCH_H
# define VIR_DOMAIN_STORE_WATCH_H

# include "domain_driver.h"

typedef struct _virDomainStoreWatch virDomainStoreWatch;

/* Starts watching @base's store, once; a failure is logged (events from
 * other processes are then seen at this process's next call). */
void virDomainStoreWatchStart(virDomainDriverBase *base);

/* Stops watching, waiting for an update under way; for the driver's end. */
void virDomainStoreWatchStop(virDomainDriverBase *base);

#endif /* VIR_DOMAIN_STORE_WATCH_H */
