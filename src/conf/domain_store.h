/*
 * domain_store.h: persistent domain configurations and run-time status
 *
 *   <root>/etc/virtkit/<driver>/<name>.xml             configuration
 *   <root>/etc/virtkit/<driver>/autostart/<name>.xml   symlink: autostart on
 *   <root>/run/virtkit/<driver>/<name>.xml             status of a running domain
 *
 * Every write is atomic (virFileWriteAtomic): a crash leaves the old or the
 * new file, never a torn one.  Directories are created 0700 and files 0600.
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

/* Status files hold <domstatus state='' reason='' id=''> around the live
 * <domain>, plus whatever the driver adds through @extra. */
typedef void (*virDomainStatusFormatExtra)(GString *buf, virDomainObj *obj);
int virDomainStoreSaveStatus(virDomainStore *store, virDomainObj *obj,
                             virDomainStatusFormatExtra extra);
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
 * driver checks the kernel still runs it and takes it back, or drops it. */
typedef void (*virDomainStatusLoaded)(virDomainObj *obj, xmlNodePtr status, void *opaque);
int virDomainStoreLoadStatus(virDomainStore *store, virDomainObjList *list,
                             const virDomainXMLOption *xmlopt,
                             virDomainStatusLoaded cb, void *opaque);

#endif /* VIR_DOMAIN_STORE_H */
