/*
 * domain_obj.h: domains at run time, and the list every driver keeps
 *
 * Locking: the list has one lock for its indexes, each object its own.
 * An object lock is never taken while the list lock is held (lookups
 * drop the list lock first); the list lock may be taken while holding an
 * object lock (to remove it or change its id).  So there is one order,
 * object then list, and no deadlock.
 */
#ifndef VIR_DOMAIN_OBJ_H
# define VIR_DOMAIN_OBJ_H

# include "internal.h"
# include "virthread.h"
# include "domain_conf.h"

typedef struct _virDomainObj virDomainObj;
struct _virDomainObj {
    virMutex lock;
    gint refs;
    bool removed;               /* no longer in its list */
    bool persistent;
    bool autostart;
    bool hasManagedSave;
    int id;                     /* -1 when inactive */
    int state;                  /* virDomainState */
    int reason;
    bool shutdownAsked;         /* running, and asked to shut down: it goes to shut off
                                 * (shutdown) once its kernel says it has ended */
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;                 /* never changes: a redefinition keeps it */
    virDomainDef *def;          /* live definition when active, else the configuration */
    virDomainDef *newDef;       /* the configuration while active, once it
                                 * differs from the live one; NULL means def */
    char *configError;          /* why its configuration file does not load: the
                                 * domain is listed, but cannot be used */
    void *privateData;          /* the driver's run-time state */
    GDestroyNotify privateDataFree;
};

typedef struct _virDomainObjList virDomainObjList;

virDomainObj *virDomainObjNew(virDomainDef *def);
virDomainObj *virDomainObjRef(virDomainObj *obj);
void virDomainObjUnref(virDomainObj *obj);
void virDomainObjEndAPI(virDomainObj **obj);   /* unlock and unref; NULL-safe */

static inline bool
virDomainObjIsActive(const virDomainObj *obj)
{
    return obj->id >= 0;
}

void virDomainObjSetState(virDomainObj *obj, int state, int reason);

/* The configuration the next start uses. */
virDomainDef *virDomainObjGetPersistentDef(virDomainObj *obj);

/* Resolves VIR_DOMAIN_AFFECT_CURRENT in *flags to LIVE or CONFIG, and
 * refuses LIVE on an inactive domain and CONFIG on a transient one. */
int virDomainObjUpdateModificationImpact(virDomainObj *obj, unsigned int *flags);

/**
 * virDomainObjGetDefs:
 * @obj: a locked domain
 * @flags: virDomainModificationImpact (CURRENT is resolved)
 * @liveDef: set to the definition to change live, or NULL
 * @persDef: set to the configuration to change, or NULL
 *
 * The definitions a change must be applied to.  On a running persistent
 * domain, the live and persistent definitions are split first, so that a
 * LIVE-only change leaves the configuration alone.
 */
int virDomainObjGetDefs(virDomainObj *obj, unsigned int flags,
                        virDomainDef **liveDef, virDomainDef **persDef);

/* The one definition a read with @flags (LIVE or CONFIG, or CURRENT)
 * means, without splitting anything. */
virDomainDef *virDomainObjGetOneDef(virDomainObj *obj, unsigned int flags);

/* A new configuration for an existing domain (define over a defined one). */
void virDomainObjAssignConfig(virDomainObj *obj, virDomainDef *def);

/* The domain stopped: the configuration becomes the definition again. */
void virDomainObjStopped(virDomainObjList *list, virDomainObj *obj, int reason);

virDomainObjList *virDomainObjListNew(void);
void virDomainObjListFree(virDomainObjList *list);

/* Lookups return the object locked and referenced, or NULL (no error
 * reported: callers say which domain was missing). */
virDomainObj *virDomainObjListFindByUUID(virDomainObjList *list, const unsigned char *uuid);
virDomainObj *virDomainObjListFindByName(virDomainObjList *list, const char *name);
virDomainObj *virDomainObjListFindByID(virDomainObjList *list, int id);

/**
 * virDomainObjListAdd:
 * @list: the list
 * @def: a new definition
 * @existing: set when a domain with the same name and UUID already exists
 *
 * Adds a domain for @def, taking @def; or, when the same domain (name and
 * UUID) exists, returns that one and leaves @def to the caller.  Another
 * domain with the same name or the same UUID is an error.
 *
 * Returns the object locked and referenced, or NULL.
 */
virDomainObj *virDomainObjListAdd(virDomainObjList *list, virDomainDef *def, bool *existing);

/**
 * virDomainObjListRename:
 * @list: the list
 * @obj: an inactive domain, locked
 * @def: its definition under its new name (same uuid), taken on success
 *
 * Domains never change names (obj->name is a key): the renamed domain is
 * a new object that takes the place of @obj in @list, with its uuid, state,
 * flags and the driver's private data; @obj is unlinked (the caller keeps its reference).  A name
 * another domain has is refused, with @def left to the caller.
 *
 * Returns the new object locked and referenced, or NULL.
 */
virDomainObj *virDomainObjListRename(virDomainObjList *list, virDomainObj *obj,
                                     virDomainDef *def);

/* Unlinks a locked object; the caller keeps its reference. */
void virDomainObjListRemove(virDomainObjList *list, virDomainObj *obj);

/* Gives a locked object the next free id and makes it findable by id. */
void virDomainObjListAssignID(virDomainObjList *list, virDomainObj *obj);
/* Sets a specific id (a kernel-given one, like an LVE id). */
int virDomainObjListSetID(virDomainObjList *list, virDomainObj *obj, int id);

int virDomainObjListNumOf(virDomainObjList *list, bool active);
int virDomainObjListGetActiveIDs(virDomainObjList *list, int *ids, int maxids);
int virDomainObjListGetInactiveNames(virDomainObjList *list, char **const names,
                                     int maxnames);

/* Every object that passes @flags (virConnectListAllDomainsFlags) as new
 * handles on @conn; @domains may be NULL to count. */
int virDomainObjListExport(virDomainObjList *list, virConnectPtr conn,
                           virDomainPtr **domains, unsigned int flags);

/* True when locked @obj passes every filter group in @flags
 * (virConnectListAllDomainsFlags). */
bool virDomainObjMatchFilter(const virDomainObj *obj, unsigned int flags);

/* Calls @cb on each object, locked, one at a time. */
typedef void (*virDomainObjListIterator)(virDomainObj *obj, void *opaque);
void virDomainObjListForEach(virDomainObjList *list, virDomainObjListIterator cb,
                             void *opaque);

/* The flags virDomainObjListExport understands. */
# define VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT | \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER | \
     VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART | \
     VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)

#endif /* VIR_DOMAIN_OBJ_H */
