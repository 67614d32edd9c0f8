/*
 * domain_store.h: persistent domain configurations and run-time status
 *
 *   <root>/etc/virtkit/<driver>/<name>.xml             configuration
 *   <root>/etc/virtkit/<driver>/autostart/<name>.xml   symlink: autostart on
 *   <root>/run/virtkit/<driver>/<name>.xml             status of a running domain
 *
 * Every write is atomic (virFileWriteAtomic): a crash leaves the old or the
 * new file, never a torn one; configurations are also durable (fsynced).
 * Directories are created 0700 and files 0600.
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

int virDomainStoreSaveConfig(virDomainStore *store, const virDomainDef *def);
int virDomainStoreDeleteConfig(virDomainStore *store, const char *name);
int virDomainStoreSetAutostart(virDomainStore *store, const char *name, bool autostart);

typedef enum {
    /* point at the configuration when the domain runs it unchanged */
    VIR_DOMAIN_STORE_STATUS_BY_CONFIG = 1 << 0,
} virDomainStoreStatusFlags;

/**
 * virDomainStoreSaveStatus:
 * @store: the store
 * @obj: an active domain, locked
 * @extra: what the driver adds inside <domstatus>, or NULL
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
typedef void (*virDomainStatusFormatExtra)(GString *buf, virDomainObj *obj);
int virDomainStoreSaveStatus(virDomainStore *store, virDomainObj *obj,
                             virDomainStatusFormatExtra extra, unsigned int flags);
int virDomainStoreDeleteStatus(virDomainStore *store, const char *name);

/**
 * virDomainStoreLoadConfigs:
 * @store: the store
 * @list: the list to add the domains to
 * @xmlopt: how to parse them
 *
 * Loads every configuration.  A file that cannot be read or parsed, or
 * whose name does not match its domain, is reported as a warning and
 * skipped: one broken file never keeps the others from loading.
 *
 * Returns the number of configurations skipped.
 */
int virDomainStoreLoadConfigs(virDomainStore *store, virDomainObjList *list,
                              const virDomainXMLOption *xmlopt);

/* Called for each status file found, with the object it describes (locked,
 * added to @list if it had no configuration) and its <domstatus> node; the
 * driver checks the kernel still runs it and takes it back, or drops it.
 * The configurations must be loaded first: a status with live='config'
 * names the domain's configuration as its live definition. */
typedef void (*virDomainStatusLoaded)(virDomainObj *obj, xmlNodePtr status, void *opaque);
int virDomainStoreLoadStatus(virDomainStore *store, virDomainObjList *list,
                             const virDomainXMLOption *xmlopt,
                             virDomainStatusLoaded cb, void *opaque);

#endif /* VIR_DOMAIN_STORE_H */
