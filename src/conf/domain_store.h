/*
 * domain_store.h: persistent domain configurations and run-time status,
 * shared by every process that opens the same root
 *
 *   <root>/etc/virtkit/<driver>/<name>.xml             configuration
 *   <root>/etc/virtkit/<driver>/autostart/<name>.xml   symlink: autostart on
 *   <root>/run/virtkit/<driver>/<name>.xml             status of a running domain
 *   <root>/run/virtkit/<driver>/stopped/<name>.xml     why it last stopped
 *   <root>/run/virtkit/<driver>/.lock                  the root's lock
 *   <root>/run/virtkit/<driver>/.generation            bumped by every change
 *
 * Every write is atomic (virFileWriteAtomic): a crash leaves the old or the
 * new file, never a torn one; configurations are also durable (fsynced).
 * Directories are created 0700 and files 0600.
 *
 * Several processes may manage one root at once.  A process changes the
 * files only while it holds the root's lock (virDomainStoreLock), and
 * bumps the generation when it lets go; another process that sees a new
 * generation rescans, and learns which files changed from their stamps
 * (device, inode, size, modification time): it rereads only those.
 */
#ifndef VIR_DOMAIN_STORE_H
# define VIR_DOMAIN_STORE_H

# include "internal.h"
# include "domain_obj.h"

typedef struct _virDomainStore virDomainStore;

/* Creates the directories for @driver under @root ("/" for system). */
virDomainStore *virDomainStoreNew(const char *root, const char *driver);
void virDomainStoreFree(virDomainStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomainStore, virDomainStoreFree);

const char *virDomainStoreConfigDir(const virDomainStore *store);
const char *virDomainStoreStateDir(const virDomainStore *store);

/* ---- the root's lock ----------------------------------------------- */

/* Takes the root's lock: against the other threads of this process and
 * against other processes (flock).  Not recursive. */
int virDomainStoreLock(virDomainStore *store);

/* Lets go; if anything was written meanwhile, the generation is bumped
 * so that the other processes look again. */
void virDomainStoreUnlock(virDomainStore *store);

/* True when another process changed the root since this one last looked
 * (virDomainStoreScan). */
bool virDomainStoreIsStale(virDomainStore *store);

/* Removes what interrupted writes left: temporary files, and autostart
 * links whose configuration is gone.  With the lock held: every write
 * happens under it, so what is there now was left by a dead process. */
void virDomainStoreRemoveStale(virDomainStore *store);

/* Whether this is the first time since the host booted that the root is
 * opened for writing (and, if so, notes that it no longer is): autostart
 * happens once per boot, not once per process.  With the lock held. */
bool virDomainStoreFirstSinceBoot(virDomainStore *store);

/* ---- configurations ------------------------------------------------ */

int virDomainStoreSaveConfig(virDomainStore *store, const virDomainDef *def);
int virDomainStoreDeleteConfig(virDomainStore *store, const char *name);
int virDomainStoreSetAutostart(virDomainStore *store, const char *name, bool autostart);
bool virDomainStoreIsAutostart(virDomainStore *store, const char *name);

/* When the configuration of @name was last written (ns since the epoch),
 * or -1 when it has none. */
gint64 virDomainStoreConfigTime(virDomainStore *store, const char *name);

/* The configuration of @name, parsed; NULL with an error saying why. */
virDomainDef *virDomainStoreReadConfig(virDomainStore *store, const char *name,
                                       const virDomainXMLOption *xmlopt);

/* Renames a configuration that does not load to "<name>.xml.broken" (an
 * older one there is replaced), so that a new definition of @name does
 * not destroy what the user wrote.  Returns the new path, or NULL with an
 * error. */
char *virDomainStoreSetAside(virDomainStore *store, const char *name);

/* ---- status -------------------------------------------------------- */

typedef enum {
    /* point at the configuration when the domain runs it unchanged */
    VIR_DOMAIN_STORE_STATUS_BY_CONFIG = 1 << 0,
} virDomainStoreStatusFlags;

/**
 * virDomainStoreSaveStatus:
 * @store: the store
 * @obj: an active domain, locked
 * @flags: virDomainStoreStatusFlags
 *
 * Writes <domstatus state='' reason='' id=''> around the live <domain>.
 * With VIR_DOMAIN_STORE_STATUS_BY_CONFIG, a persistent domain that runs
 * its configuration unchanged (no newDef) gets <domstatus ...
 * live='config'> instead, without a <domain>: the live definition is the
 * configuration file's, and a start costs a few bytes rather than the
 * whole definition.  A driver that asks for it must write the status
 * again without the flag before it replaces or removes the configuration
 * of a running domain.
 *
 * Status files are run-time state: written atomically (a process that
 * dies mid-write leaves the old or the new one) but not fsynced, since a
 * host crash takes every running domain with them.
 */
int virDomainStoreSaveStatus(virDomainStore *store, virDomainObj *obj, unsigned int flags);
int virDomainStoreDeleteStatus(virDomainStore *store, const char *name);

/* What a status file says. */
typedef struct {
    int state;                      /* virDomainState */
    int reason;
    int id;
    bool shutdownAsked;             /* virDomainObj.shutdownAsked */
    virDomainDef *def;              /* the live definition; NULL: the configuration's */
} virDomainStoreStatus;

void virDomainStoreStatusClear(virDomainStoreStatus *status);

/* Reads the status of @name; -1 with an error when it does not load. */
int virDomainStoreReadStatus(virDomainStore *store, const char *name,
                             const virDomainXMLOption *xmlopt, virDomainStoreStatus *status);

/* ---- the last stop ------------------------------------------------- */

/* Why a domain last stopped (a virDomainShutoffReason), kept when its
 * status goes: another process, or one that opens the root later, says
 * "shut off (shutdown)" as the process that stopped it does, and gives
 * its listeners the event detail that goes with it.  Run-time state
 * too: written atomically, not fsynced. */
int virDomainStoreSaveStop(virDomainStore *store, const char *name, int reason);

/* The reason the record of @name holds; VIR_DOMAIN_SHUTOFF_UNKNOWN when
 * it has none, or one that does not load (logged, not reported). */
int virDomainStoreReadStop(virDomainStore *store, const char *name);

/* A new domain of @name has not stopped yet. */
int virDomainStoreDeleteStop(virDomainStore *store, const char *name);

/* ---- what changed -------------------------------------------------- */

typedef enum {
    VIR_DOMAIN_STORE_CONFIGS,
    VIR_DOMAIN_STORE_STATUSES,
    VIR_DOMAIN_STORE_STOPS,
    VIR_DOMAIN_STORE_LAST
} virDomainStoreKind;

/* Called for each file of a kind that appeared or changed (@present) or
 * went (!@present) since the last scan of that kind. */
typedef void (*virDomainStoreScanCb)(const char *name, bool present, void *opaque);

/* The first scan reports every file.  Files this process wrote or removed
 * itself are not reported. */
void virDomainStoreScan(virDomainStore *store, virDomainStoreKind kind,
                        virDomainStoreScanCb cb, void *opaque);

/* The next scan reports the file of @name again (one a read-only process
 * saw but could not act on). */
void virDomainStoreForget(virDomainStore *store, virDomainStoreKind kind, const char *name);

#endif /* VIR_DOMAIN_STORE_H */
