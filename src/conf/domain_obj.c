/*
 * domain_obj.c: domains at run time, and the indexed list of them
 */
#include "internal.h"

#include "virthread.h"

#include "datatypes.h"
#include "domain_obj.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

struct _virDomainObjList {
    virMutex lock;
    GHashTable *byName;     /* obj->name -> obj; holds the list's reference */
    GHashTable *byUUID;     /* obj->uuid -> obj */
    GHashTable *byID;       /* id -> obj, active domains only */
    int nextID;
};

virDomainObj *
virDomainObjNew(virDomainDef *def)
{
    virDomainObj *obj = g_new0(virDomainObj, 1);

    virMutexInit(&obj->lock);
    obj->refs = 1;
    obj->id = -1;
    obj->state = VIR_DOMAIN_SHUTOFF;
    obj->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    obj->def = def;
    obj->name = g_strdup(def->name);
    memcpy(obj->uuid, def->uuid, VIR_UUID_BUFLEN);
    return obj;
}

virDomainObj *
virDomainObjRef(virDomainObj *obj)
{
    g_atomic_int_inc(&obj->refs);
    return obj;
}

void
virDomainObjUnref(virDomainObj *obj)
{
    if (!obj || !g_atomic_int_dec_and_test(&obj->refs))
        return;
    if (obj->privateDataFree)
        obj->privateDataFree(obj->privateData);
    virDomainDefFree(obj->def);
    virDomainDefFree(obj->newDef);
    g_free(obj->configError);
    g_free(obj->name);
    virMutexDestroy(&obj->lock);
    g_free(obj);
}

void
virDomainObjEndAPI(virDomainObj **obj)
{
    if (!*obj)
        return;
    virMutexUnlock(&(*obj)->lock);
    virDomainObjUnref(g_steal_pointer(obj));
}

void
virDomainObjSetState(virDomainObj *obj, int state, int reason)
{
    obj->state = state;
    obj->reason = reason;
}

virDomainDef *
virDomainObjGetPersistentDef(virDomainObj *obj)
{
    return obj->newDef ? obj->newDef : obj->def;
}

int
virDomainObjUpdateModificationImpact(virDomainObj *obj, unsigned int *flags)
{
    bool active = virDomainObjIsActive(obj);

    if (!(*flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)))
        *flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;
    if ((*flags & VIR_DOMAIN_AFFECT_LIVE) && !active) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is not running, so its live state cannot change"),
                       obj->def->name);
        return -1;
    }
    if ((*flags & VIR_DOMAIN_AFFECT_CONFIG) && !obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is transient: it has no persistent configuration"),
                       obj->def->name);
        return -1;
    }
    return 0;
}

int
virDomainObjGetDefs(virDomainObj *obj, unsigned int flags, virDomainDef **liveDef,
                    virDomainDef **persDef)
{
    bool active = virDomainObjIsActive(obj);

    if (liveDef)
        *liveDef = NULL;
    if (persDef)
        *persDef = NULL;
    if (virDomainObjUpdateModificationImpact(obj, &flags) < 0)
        return -1;
    /* a running persistent domain shares one definition until a change
     * needs two: split now, before anything is modified */
    if (active && obj->persistent && !obj->newDef)
        obj->newDef = virDomainDefCopy(obj->def);
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && liveDef)
        *liveDef = obj->def;
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) && persDef)
        *persDef = virDomainObjGetPersistentDef(obj);
    return 0;
}

virDomainDef *
virDomainObjGetOneDef(virDomainObj *obj, unsigned int flags)
{
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("flags VIR_DOMAIN_AFFECT_LIVE and VIR_DOMAIN_AFFECT_CONFIG are mutually exclusive here"));
        return NULL;
    }
    if (virDomainObjUpdateModificationImpact(obj, &flags) < 0)
        return NULL;
    return (flags & VIR_DOMAIN_AFFECT_LIVE) ? obj->def : virDomainObjGetPersistentDef(obj);
}

void
virDomainObjAssignConfig(virDomainObj *obj, virDomainDef *def)
{
    if (virDomainObjIsActive(obj)) {
        virDomainDefFree(obj->newDef);
        obj->newDef = def;
    } else {
        virDomainDefFree(obj->def);
        obj->def = def;
    }
    obj->persistent = true;
}

void
virDomainObjStopped(virDomainObjList *list, virDomainObj *obj, int reason)
{
    if (obj->id >= 0) {
        virMutexLock(&list->lock);
        g_hash_table_remove(list->byID, GINT_TO_POINTER(obj->id));
        virMutexUnlock(&list->lock);
    }
    obj->id = -1;
    obj->shutdownAsked = false;
    virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF, reason);
    if (obj->newDef) {
        virDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&obj->newDef);
    }
}

/* ---- the list ------------------------------------------------------ */

static void
virDomainObjListRelease(gpointer data)
{
    virDomainObjUnref(data);
}

virDomainObjList *
virDomainObjListNew(void)
{
    virDomainObjList *list = g_new0(virDomainObjList, 1);

    virMutexInit(&list->lock);
    list->byName = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                         virDomainObjListRelease);
    list->byUUID = g_hash_table_new(virUUIDHash, virUUIDEqual);
    list->byID = g_hash_table_new(g_direct_hash, g_direct_equal);
    list->nextID = 1;
    return list;
}

void
virDomainObjListFree(virDomainObjList *list)
{
    if (!list)
        return;
    g_hash_table_destroy(list->byID);
    g_hash_table_destroy(list->byUUID);
    g_hash_table_destroy(list->byName);
    virMutexDestroy(&list->lock);
    g_free(list);
}

/* Finds in @table under the list lock, then locks the object after the
 * list lock is dropped; an object removed meanwhile counts as missing. */
static virDomainObj *
virDomainObjListFind(virDomainObjList *list, GHashTable *table, gconstpointer key)
{
    virDomainObj *obj;

    virMutexLock(&list->lock);
    obj = g_hash_table_lookup(table, key);
    if (obj)
        virDomainObjRef(obj);
    virMutexUnlock(&list->lock);
    if (!obj)
        return NULL;
    virMutexLock(&obj->lock);
    if (obj->removed)
        virDomainObjEndAPI(&obj);
    return obj;
}

virDomainObj *
virDomainObjListFindByUUID(virDomainObjList *list, const unsigned char *uuid)
{
    return virDomainObjListFind(list, list->byUUID, uuid);
}

virDomainObj *
virDomainObjListFindByName(virDomainObjList *list, const char *name)
{
    return virDomainObjListFind(list, list->byName, name);
}

virDomainObj *
virDomainObjListFindByID(virDomainObjList *list, int id)
{
    virDomainObj *obj = virDomainObjListFind(list, list->byID, GINT_TO_POINTER(id));

    /* the id may have changed between the lookup and the lock */
    if (obj && obj->id != id)
        virDomainObjEndAPI(&obj);
    return obj;
}

/* With the list locked: the object already holding @def's name or UUID
 * (referenced), or NULL; -1 with an error when they belong to two
 * different domains. */
static int
virDomainObjListCheckUnique(virDomainObjList *list, const virDomainDef *def,
                            virDomainObj **found)
{
    virDomainObj *byUUID = g_hash_table_lookup(list->byUUID, def->uuid);
    virDomainObj *byName = g_hash_table_lookup(list->byName, def->name);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    *found = NULL;
    if (byUUID && byUUID != byName) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain '%s' already exists with uuid %s"),
                       byUUID->def->name, virUUIDFormat(def->uuid, uuidstr));
        return -1;
    }
    if (byName && byName != byUUID) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain '%s' already exists with uuid %s"),
                       def->name, virUUIDFormat(byName->uuid, uuidstr));
        return -1;
    }
    if (byUUID)
        *found = virDomainObjRef(byUUID);
    return 0;
}

/* Frees an object that never became visible, leaving its def to the caller. */
static void
virDomainObjDiscard(virDomainObj *obj)
{
    obj->def = NULL;
    virMutexUnlock(&obj->lock);
    virDomainObjUnref(obj);
}

virDomainObj *
virDomainObjListAdd(virDomainObjList *list, virDomainDef *def, bool *existing)
{
    virDomainObj *obj;
    virDomainObj *found;

    for (;;) {
        /* locked before it is visible, and before the list lock: the one
         * lock order (object, then list) holds here too */
        obj = virDomainObjNew(def);
        virMutexLock(&obj->lock);
        virMutexLock(&list->lock);
        if (virDomainObjListCheckUnique(list, def, &found) < 0) {
            virMutexUnlock(&list->lock);
            virDomainObjDiscard(obj);
            return NULL;
        }
        if (!found) {
            g_hash_table_insert(list->byName, obj->name, obj);
            g_hash_table_insert(list->byUUID, obj->uuid, obj);
            virMutexUnlock(&list->lock);
            *existing = false;
            return virDomainObjRef(obj);
        }
        virMutexUnlock(&list->lock);
        virDomainObjDiscard(obj);
        virMutexLock(&found->lock);
        if (!found->removed) {
            *existing = true;
            return found;
        }
        virDomainObjEndAPI(&found);     /* undefined meanwhile: look again */
    }
}

virDomainObj *
virDomainObjListRename(virDomainObjList *list, virDomainObj *obj, virDomainDef *def)
{
    virDomainObj *renamed = virDomainObjNew(def);

    /* not visible yet: locked before the list, as virDomainObjListAdd does */
    virMutexLock(&renamed->lock);
    virMutexLock(&list->lock);
    if (g_hash_table_contains(list->byName, def->name)) {
        virMutexUnlock(&list->lock);
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain with name '%s' already exists"), def->name);
        virDomainObjDiscard(renamed);
        return NULL;
    }
    renamed->persistent = obj->persistent;
    renamed->autostart = obj->autostart;
    renamed->hasManagedSave = obj->hasManagedSave;
    renamed->state = obj->state;
    renamed->reason = obj->reason;
    renamed->privateData = g_steal_pointer(&obj->privateData);
    renamed->privateDataFree = g_steal_pointer(&obj->privateDataFree);
    obj->removed = true;
    /* replace, not insert: the key must be the new object's own uuid */
    g_hash_table_replace(list->byUUID, renamed->uuid, renamed);
    g_hash_table_insert(list->byName, renamed->name, virDomainObjRef(renamed));
    /* last: drops the list's reference to @obj (the caller still holds one) */
    g_hash_table_remove(list->byName, obj->name);
    virMutexUnlock(&list->lock);
    return renamed;
}

void
virDomainObjListRemove(virDomainObjList *list, virDomainObj *obj)
{
    obj->removed = true;
    virMutexLock(&list->lock);
    if (obj->id >= 0)
        g_hash_table_remove(list->byID, GINT_TO_POINTER(obj->id));
    g_hash_table_remove(list->byUUID, obj->uuid);
    /* last: drops the list's reference (the caller still holds one) */
    g_hash_table_remove(list->byName, obj->name);
    virMutexUnlock(&list->lock);
}

void
virDomainObjListAssignID(virDomainObjList *list, virDomainObj *obj)
{
    virMutexLock(&list->lock);
    while (g_hash_table_contains(list->byID, GINT_TO_POINTER(list->nextID)))
        list->nextID = list->nextID == G_MAXINT ? 1 : list->nextID + 1;
    obj->id = list->nextID;
    list->nextID = list->nextID == G_MAXINT ? 1 : list->nextID + 1;
    g_hash_table_insert(list->byID, GINT_TO_POINTER(obj->id), obj);
    virMutexUnlock(&list->lock);
}

int
virDomainObjListSetID(virDomainObjList *list, virDomainObj *obj, int id)
{
    virDomainObj *other;

    virMutexLock(&list->lock);
    other = g_hash_table_lookup(list->byID, GINT_TO_POINTER(id));
    if (other && other != obj) {
        virMutexUnlock(&list->lock);
        virReportError(VIR_ERR_OPERATION_INVALID, _("id %d is already used by another domain"), id);
        return -1;
    }
    /* a domain that started over with a new id (a Xen guest's restart) */
    if (obj->id >= 0 && obj->id != id &&
        g_hash_table_lookup(list->byID, GINT_TO_POINTER(obj->id)) == obj)
        g_hash_table_remove(list->byID, GINT_TO_POINTER(obj->id));
    obj->id = id;
    g_hash_table_insert(list->byID, GINT_TO_POINTER(id), obj);
    virMutexUnlock(&list->lock);
    return 0;
}

/* References every object, so they can be looked at one at a time with
 * the list unlocked. */
static GPtrArray *
virDomainObjListSnapshot(virDomainObjList *list)
{
    GPtrArray *objs;
    GHashTableIter iter;
    gpointer value;

    virMutexLock(&list->lock);
    objs = g_ptr_array_new_full(g_hash_table_size(list->byName), virDomainObjListRelease);
    g_hash_table_iter_init(&iter, list->byName);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(objs, virDomainObjRef(value));
    virMutexUnlock(&list->lock);
    return objs;
}

void
virDomainObjListForEach(virDomainObjList *list, virDomainObjListIterator cb, void *opaque)
{
    g_autoptr(GPtrArray) objs = virDomainObjListSnapshot(list);
    size_t i;

    for (i = 0; i < objs->len; i++) {
        virDomainObj *obj = objs->pdata[i];

        virMutexLock(&obj->lock);
        if (!obj->removed)
            cb(obj, opaque);
        virMutexUnlock(&obj->lock);
    }
}

int
virDomainObjListNumOf(virDomainObjList *list, bool active)
{
    int n;

    virMutexLock(&list->lock);
    n = g_hash_table_size(list->byID);
    if (!active)
        n = g_hash_table_size(list->byName) - n;
    virMutexUnlock(&list->lock);
    return n;
}

int
virDomainObjListGetActiveIDs(virDomainObjList *list, int *ids, int maxids)
{
    GHashTableIter iter;
    gpointer key;
    int n = 0;

    virMutexLock(&list->lock);
    g_hash_table_iter_init(&iter, list->byID);
    while (n < maxids && g_hash_table_iter_next(&iter, &key, NULL))
        ids[n++] = GPOINTER_TO_INT(key);
    virMutexUnlock(&list->lock);
    return n;
}

typedef struct {
    char **names;
    int max;
    int n;
} virDomainNameCollector;

static void
virDomainObjCollectInactiveName(virDomainObj *obj, void *opaque)
{
    virDomainNameCollector *c = opaque;

    if (c->n < c->max && !virDomainObjIsActive(obj))
        c->names[c->n++] = g_strdup(obj->def->name);
}

int
virDomainObjListGetInactiveNames(virDomainObjList *list, char **const names, int maxnames)
{
    virDomainNameCollector c = { names, maxnames, 0 };

    virDomainObjListForEach(list, virDomainObjCollectInactiveName, &c);
    return c.n;
}

bool
virDomainObjMatchFilter(const virDomainObj *obj, unsigned int flags)
{
    unsigned int f;

#define GROUP(a, b) ((flags & ((a) | (b))) && (flags & ((a) | (b))) != ((a) | (b)))
    if (GROUP(VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE) &&
        !!(flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE) != virDomainObjIsActive(obj))
        return false;
    if (GROUP(VIR_CONNECT_LIST_DOMAINS_PERSISTENT, VIR_CONNECT_LIST_DOMAINS_TRANSIENT) &&
        !!(flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT) != obj->persistent)
        return false;
    if (GROUP(VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE) &&
        !!(flags & VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE) != obj->hasManagedSave)
        return false;
    if (GROUP(VIR_CONNECT_LIST_DOMAINS_AUTOSTART, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART) &&
        !!(flags & VIR_CONNECT_LIST_DOMAINS_AUTOSTART) != obj->autostart)
        return false;
#undef GROUP
    /* snapshots and checkpoints do not exist here: every domain has none */
    if ((flags & VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT))
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT))
        return false;
    f = flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                 VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER);
    if (f) {
        int st = obj->state;

        if (!((st == VIR_DOMAIN_RUNNING && (f & VIR_CONNECT_LIST_DOMAINS_RUNNING)) ||
              (st == VIR_DOMAIN_PAUSED && (f & VIR_CONNECT_LIST_DOMAINS_PAUSED)) ||
              (st == VIR_DOMAIN_SHUTOFF && (f & VIR_CONNECT_LIST_DOMAINS_SHUTOFF)) ||
              (st != VIR_DOMAIN_RUNNING && st != VIR_DOMAIN_PAUSED &&
               st != VIR_DOMAIN_SHUTOFF && (f & VIR_CONNECT_LIST_DOMAINS_OTHER))))
            return false;
    }
    return true;
}

int
virDomainObjListExport(virDomainObjList *list, virConnectPtr conn, virDomainPtr **domains,
                       unsigned int flags)
{
    g_autoptr(GPtrArray) objs = virDomainObjListSnapshot(list);
    virDomainPtr *doms = NULL;
    size_t i;
    int n = 0;

    if (domains)
        doms = g_new(virDomainPtr, objs->len + 1);
    for (i = 0; i < objs->len; i++) {
        virDomainObj *obj = objs->pdata[i];

        virMutexLock(&obj->lock);
        if (!obj->removed && virDomainObjMatchFilter(obj, flags)) {
            if (doms)
                doms[n] = virGetDomain(conn, obj->name, obj->uuid, obj->id);
            n++;
        }
        virMutexUnlock(&obj->lock);
    }
    if (doms) {
        doms[n] = NULL;
        *domains = doms;
    }
    return n;
}
