/*
 * domain_sync.h: several processes, one root: the root's lock around every
 * change, and the list kept in step with what the other processes wrote
 *
 * Every change a driver makes to a root (define, start, a new limit...) is
 * made holding the root's lock, after bringing the domain list up to date
 * with the files (virDomainStore tells which changed); reads bring it up
 * to date when the root changed since the last look.  So a long-lived
 * process never acts on a stale view, and a domain another process started
 * is seen running.
 *
 * A configuration that does not load is not dropped: its domain is listed,
 * shut off, and every use of it says why; a new definition of the same
 * name first sets the broken file aside ("<name>.xml.broken").
 */
#ifndef VIR_DOMAIN_SYNC_H
# define VIR_DOMAIN_SYNC_H

# include "domain_driver.h"

/* Takes the root's lock and brings the list up to date.  For a driver
 * without files, nothing to do. */
int virDomainDriverLockRoot(virDomainDriverBase *base);
void virDomainDriverUnlockRoot(virDomainDriverBase *base);

/* For a change to the domain of @dom: the root's lock, then its object
 * (not one whose configuration does not load).  NULL: nothing is held. */
virDomainObj *virDomainDriverBeginChange(virDomainPtr dom);

/* The same, for a change that may also be made to a domain whose
 * configuration does not load (undefine). */
virDomainObj *virDomainDriverBeginChangeAny(virDomainPtr dom);

/* Ends a change: the object, then the root. */
void virDomainDriverEndChange(virDomainDriverBase *base, virDomainObj **obj);

/* Brings the list up to date when another process changed the root; for
 * reads.  @conn: read-only connections write nothing meanwhile. */
void virDomainDriverRefresh(virDomainDriverBase *base, virConnectPtr conn);

/* Running @obj (locked) stopped without this process: another one stopped
 * it, or its kernel object ended.  A writer (@write) books it as
 * virDomainDriverObjStopped does; a read-only process changes no file and
 * leaves the status to the next writer.  With the root's lock held. */
void virDomainDriverObjGone(virDomainDriverBase *base, virDomainObj *obj, bool write,
                            int reason);

/* virDomainDriverRefresh, as a writer (@write: the status of what stopped
 * is removed) or a reader. */
void virDomainDriverRefreshAs(virDomainDriverBase *base, bool write);

/* Loads a root for its first connection, writing nothing: the
 * configurations, then the domains whose status says they ran and that
 * still do. */
int virDomainDriverLoad(virDomainDriverBase *base);

/* What the first connection that may change the root does, once in the
 * life of @base (a read-only one never does): removes what writers that
 * died left, the status of domains that stopped, and starts the domains
 * marked autostart. */
void virDomainDriverOpenWritable(virDomainDriverBase *base);

/* Before @name is defined anew: a configuration of it that does not load
 * is set aside (with a warning naming where) and its placeholder goes. */
int virDomainDriverReplaceBroken(virDomainDriverBase *base, const char *name);

/* The same for the placeholder @obj, locked (an undefine of it). */
int virDomainDriverSetAside(virDomainDriverBase *base, virDomainObj *obj);

#endif /* VIR_DOMAIN_SYNC_H */
