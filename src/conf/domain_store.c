/*
 * domain_store.c: persistent domain configurations and run-time status,
 * shared by every process that opens the same root
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain_store.h"
#include "virenum.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstring.h"
#include "virthread.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_CONF

#define VIR_STORE_DIR_MODE 0700
#define VIR_STORE_FILE_MODE 0600

/* What a file was when this process last read or wrote it. */
typedef struct {
    dev_t dev;
    ino_t ino;
    off_t size;
    gint64 mtimeNs;
} virDomainStoreStamp;

struct _virDomainStore {
    char *configDir;
    char *autostartDir;
    char *stateDir;
    char *stopDir;                  /* <stateDir>/stopped: the last stop of each domain */

    virMutex lock;                  /* this process's side of the root's lock */
    int lockfd;                     /* <stateDir>/.lock: flock, the other processes' side */
    int genfd;                      /* <stateDir>/.generation */
    guint64 generation;             /* the one last scanned (atomic) */
    bool dirty;                     /* written since the lock was taken */
    GHashTable *stamps[VIR_DOMAIN_STORE_LAST];  /* per kind: name -> stamp; under lock */
};

void
virDomainStoreFree(virDomainStore *store)
{
    size_t i;

    if (!store)
        return;
    g_free(store->configDir);
    g_free(store->autostartDir);
    g_free(store->stateDir);
    g_free(store->stopDir);
    if (store->lockfd >= 0)
        close(store->lockfd);
    if (store->genfd >= 0)
        close(store->genfd);
    for (i = 0; i < G_N_ELEMENTS(store->stamps); i++)
        g_clear_pointer(&store->stamps[i], g_hash_table_destroy);
    virMutexDestroy(&store->lock);
    g_free(store);
}

virDomainStore *
virDomainStoreNew(const char *root, const char *driver)
{
    g_autoptr(virDomainStore) store = g_new0(virDomainStore, 1);

    g_autofree char *lockpath = NULL;
    g_autofree char *genpath = NULL;
    size_t i;

    virMutexInit(&store->lock);
    store->lockfd = store->genfd = -1;
    for (i = 0; i < G_N_ELEMENTS(store->stamps); i++)
        store->stamps[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    store->configDir = g_build_filename(root, "etc", "virtkit", driver, NULL);
    store->autostartDir = g_build_filename(store->configDir, "autostart", NULL);
    store->stateDir = g_build_filename(root, "run", "virtkit", driver, NULL);
    store->stopDir = g_build_filename(store->stateDir, "stopped", NULL);
    if (virFileMakePath(store->autostartDir, VIR_STORE_DIR_MODE) < 0 ||
        virFileMakePath(store->stopDir, VIR_STORE_DIR_MODE) < 0)
        return NULL;
    lockpath = g_build_filename(store->stateDir, ".lock", NULL);
    genpath = g_build_filename(store->stateDir, ".generation", NULL);
    if ((store->lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
                              VIR_STORE_FILE_MODE)) < 0 ||
        (store->genfd = open(genpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
                             VIR_STORE_FILE_MODE)) < 0) {
        virReportSystemError(errno, _("cannot open the lock of '%s'"), store->stateDir);
        return NULL;
    }
    return g_steal_pointer(&store);
}

const char *
virDomainStoreConfigDir(const virDomainStore *store)
{
    return store->configDir;
}

const char *
virDomainStoreStateDir(const virDomainStore *store)
{
    return store->stateDir;
}

/* ---- the root's lock ----------------------------------------------- */

static guint64
virDomainStoreReadGeneration(virDomainStore *store)
{
    guint64 gen = 0;

    if (pread(store->genfd, &gen, sizeof(gen), 0) != sizeof(gen))
        return 0;
    return gen;
}

int
virDomainStoreLock(virDomainStore *store)
{
    virMutexLock(&store->lock);
    while (flock(store->lockfd, LOCK_EX) < 0) {
        if (errno != EINTR) {
            virReportSystemError(errno, _("cannot lock '%s'"), store->stateDir);
            virMutexUnlock(&store->lock);
            return -1;
        }
    }
    return 0;
}

void
virDomainStoreUnlock(virDomainStore *store)
{
    if (store->dirty) {
        guint64 gen = virDomainStoreReadGeneration(store) + 1;

        /* 8 bytes at offset 0 of a file only written under the lock */
        if (pwrite(store->genfd, &gen, sizeof(gen), 0) == sizeof(gen))
            __atomic_store_n(&store->generation, gen, __ATOMIC_RELEASE);
        store->dirty = false;
    }
    flock(store->lockfd, LOCK_UN);
    virMutexUnlock(&store->lock);
}

bool
virDomainStoreIsStale(virDomainStore *store)
{
    return virDomainStoreReadGeneration(store) !=
           __atomic_load_n(&store->generation, __ATOMIC_ACQUIRE);
}

/* Names were validated at parse time (no '/', no leading '.'), so the
 * path stays inside @dir.  Concatenated by hand: every start and stop
 * builds one. */
static char *
virDomainStorePath(const char *dir, const char *name)
{
    size_t dlen = strlen(dir), nlen = strlen(name);
    char *path = g_malloc(dlen + 1 + nlen + sizeof(".xml"));

    memcpy(path, dir, dlen);
    path[dlen] = '/';
    memcpy(path + dlen + 1, name, nlen);
    memcpy(path + dlen + 1 + nlen, ".xml", sizeof(".xml"));
    return path;
}

/* ---- stamps: which files changed ------------------------------------ */

static bool
virDomainStoreStampOf(const char *path, virDomainStoreStamp *stamp)
{
    struct stat sb;

    if (lstat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
        return false;
    stamp->dev = sb.st_dev;
    stamp->ino = sb.st_ino;
    stamp->size = sb.st_size;
    stamp->mtimeNs = (gint64)sb.st_mtim.tv_sec * G_GINT64_CONSTANT(1000000000) +
                     sb.st_mtim.tv_nsec;
    return true;
}

/* This process wrote (or removed) the file of @name: a scan must not
 * report it as another process's change. */
static void
virDomainStoreRemember(virDomainStore *store, virDomainStoreKind kind, const char *name,
                       const char *path)
{
    virDomainStoreStamp stamp;

    store->dirty = true;
    if (virDomainStoreStampOf(path, &stamp))
        g_hash_table_insert(store->stamps[kind], g_strdup(name), g_memdup2(&stamp, sizeof(stamp)));
    else
        g_hash_table_remove(store->stamps[kind], name);
}

/* The "<name>" of "<name>.xml", or NULL for anything else in a store
 * directory (temporary files of interrupted writes, strays). */
static char *
virDomainStoreEntryName(const char *entry)
{
    if (virFileIsAtomicTemp(entry) || !g_str_has_suffix(entry, ".xml") || entry[0] == '.')
        return NULL;
    return g_strndup(entry, strlen(entry) - 4);
}

void
virDomainStoreScan(virDomainStore *store, virDomainStoreKind kind, virDomainStoreScanCb cb,
                   void *opaque)
{
    const char *const dirs[] = { store->configDir, store->stateDir, store->stopDir };
    const char *dirpath = dirs[kind];
    GHashTable *known = store->stamps[kind];
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GDir) dir = g_dir_open(dirpath, 0, NULL);
    g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter iter;
    gpointer key;
    const char *entry;
    guint i;

    /* the generation first: a change made while scanning is seen next time */
    __atomic_store_n(&store->generation, virDomainStoreReadGeneration(store), __ATOMIC_RELEASE);
    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *name = virDomainStoreEntryName(entry);
        g_autofree char *path = NULL;
        virDomainStoreStamp stamp;
        virDomainStoreStamp *old;

        if (!name)
            continue;
        path = virDomainStorePath(dirpath, name);
        if (!virDomainStoreStampOf(path, &stamp))
            continue;
        g_hash_table_add(seen, g_strdup(name));
        old = g_hash_table_lookup(known, name);
        if (old && memcmp(old, &stamp, sizeof(stamp)) == 0)
            continue;
        g_hash_table_insert(known, g_strdup(name), g_memdup2(&stamp, sizeof(stamp)));
        cb(name, true, opaque);
    }
    g_hash_table_iter_init(&iter, known);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        if (!g_hash_table_contains(seen, key))
            g_ptr_array_add(gone, g_strdup(key));
    }
    for (i = 0; i < gone->len; i++) {
        g_hash_table_remove(known, g_ptr_array_index(gone, i));
        cb(g_ptr_array_index(gone, i), false, opaque);
    }
}

void
virDomainStoreForget(virDomainStore *store, virDomainStoreKind kind, const char *name)
{
    g_hash_table_remove(store->stamps[kind], name);
}

void
virDomainStoreRemoveStale(virDomainStore *store)
{
    const char *const dirs[] = { store->configDir, store->stateDir, store->stopDir };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(dirs); i++) {
        g_autoptr(GDir) dir = g_dir_open(dirs[i], 0, NULL);
        const char *entry;

        while (dir && (entry = g_dir_read_name(dir))) {
            g_autofree char *path = g_build_filename(dirs[i], entry, NULL);

            if (!virFileIsAtomicTemp(entry))
                continue;
            /* every write happens under the lock this caller holds: the
             * process that left this one died mid-write */
            VIR_DEBUG("removing stale temporary file '%s'", path);
            unlink(path);
        }
    }
    {
        g_autoptr(GDir) dir = g_dir_open(store->autostartDir, 0, NULL);
        const char *entry;

        /* an undefine interrupted between its two steps leaves a link that
         * would make a later domain of the same name autostart */
        while (dir && (entry = g_dir_read_name(dir))) {
            g_autofree char *link = g_build_filename(store->autostartDir, entry, NULL);
            g_autofree char *conf = g_build_filename(store->configDir, entry, NULL);

            if (g_str_has_suffix(entry, ".xml") && !g_file_test(conf, G_FILE_TEST_EXISTS)) {
                VIR_DEBUG("removing dangling autostart link '%s'", link);
                unlink(link);
            }
        }
    }
}

bool
virDomainStoreFirstSinceBoot(virDomainStore *store)
{
    g_autofree char *path = g_build_filename(store->stateDir, ".booted", NULL);
    g_autofree char *boot = NULL;
    g_autofree char *seen = NULL;

    /* the run directory of an embedded root may outlive a reboot: the
     * kernel's boot id tells */
    if (!g_file_get_contents("/proc/sys/kernel/random/boot_id", &boot, NULL, NULL))
        boot = g_strdup("unknown\n");
    if (g_file_get_contents(path, &seen, NULL, NULL) && STREQ(seen, boot))
        return false;
    if (virFileWriteAtomicFlags(path, boot, strlen(boot), VIR_STORE_FILE_MODE,
                                VIR_FILE_ATOMIC_VOLATILE) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
    }
    store->dirty = true;
    return true;
}

/* ---- configurations ------------------------------------------------ */

int
virDomainStoreSaveConfig(virDomainStore *store, const virDomainDef *def)
{
    g_autofree char *path = virDomainStorePath(store->configDir, def->name);
    /* secrets (cookies of network disks...) are part of the configuration */
    g_autofree char *xml = virDomainDefFormat(def, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                              VIR_DOMAIN_DEF_FORMAT_SECURE);

    if (virFileWriteAtomic(path, xml, strlen(xml), VIR_STORE_FILE_MODE) < 0)
        return -1;
    virDomainStoreRemember(store, VIR_DOMAIN_STORE_CONFIGS, def->name, path);
    return 0;
}

/* The configuration goes first: its removal is the moment the domain is
 * undefined.  A process killed before the autostart link follows leaves
 * the link dangling, and the next writer removes it; removing the link
 * first would instead leave a domain still defined, but no longer
 * autostarted. */
int
virDomainStoreDeleteConfig(virDomainStore *store, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->configDir, name);

    if (virFileRemoveSynced(path) < 0)
        return -1;
    virDomainStoreRemember(store, VIR_DOMAIN_STORE_CONFIGS, name, path);
    return virDomainStoreSetAutostart(store, name, false);
}

gint64
virDomainStoreConfigTime(virDomainStore *store, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->configDir, name);
    virDomainStoreStamp stamp;

    return virDomainStoreStampOf(path, &stamp) ? stamp.mtimeNs : -1;
}

char *
virDomainStoreSetAside(virDomainStore *store, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->configDir, name);
    g_autofree char *aside = g_strconcat(path, ".broken", NULL);

    if (rename(path, aside) < 0) {
        virReportSystemError(errno, _("cannot move '%s' aside"), path);
        return NULL;
    }
    if (virFileSyncDir(store->configDir) < 0)
        return NULL;
    virDomainStoreRemember(store, VIR_DOMAIN_STORE_CONFIGS, name, path);
    return g_steal_pointer(&aside);
}

int
virDomainStoreSetAutostart(virDomainStore *store, const char *name, bool autostart)
{
    g_autofree char *link = virDomainStorePath(store->autostartDir, name);
    g_autofree char *target = NULL;

    store->dirty = true;
    if (!autostart)
        return virFileRemoveSynced(link);
    target = g_strdup_printf("../%s.xml", name);
    if (symlink(target, link) < 0) {
        if (errno == EEXIST)
            return 0;
        virReportSystemError(errno, _("cannot create autostart link '%s'"), link);
        return -1;
    }
    /* the link lasts through a power failure, as its removal does; if it
     * cannot be made to, it goes: the call fails and nothing changed */
    if (virFileSyncDir(store->autostartDir) < 0) {
        unlink(link);
        return -1;
    }
    return 0;
}

bool
virDomainStoreIsAutostart(virDomainStore *store, const char *name)
{
    g_autofree char *link = virDomainStorePath(store->autostartDir, name);
    struct stat sb;

    return lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode);
}

virDomainDef *
virDomainStoreReadConfig(virDomainStore *store, const char *name,
                         const virDomainXMLOption *xmlopt)
{
    g_autofree char *path = virDomainStorePath(store->configDir, name);
    g_autofree char *xml = NULL;
    g_autoptr(virDomainDef) def = NULL;

    if (virFileReadLimitedFlags(path, VIR_XML_MAX_SIZE, &xml, NULL, VIR_FILE_READ_OWN) < 0 ||
        !(def = virDomainDefParseString(xml, xmlopt, 0)))
        return NULL;
    if (STRNEQ(def->name, name)) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("'%s' defines domain '%s'; a configuration file must be named after its domain"),
                       path, def->name);
        return NULL;
    }
    return g_steal_pointer(&def);
}

/* ---- status -------------------------------------------------------- */

static const char *const virDomainStateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed",
    "pmsuspended",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virDomainStateNames) == VIR_DOMAIN_LAST);

int
virDomainStoreSaveStatus(virDomainStore *store, virDomainObj *obj, unsigned int flags)
{
    g_autofree char *path = virDomainStorePath(store->stateDir, obj->def->name);
    /* one allocation: the GString's fields are public */
    GString buf = { g_malloc(1024), 0, 1024 };
    bool live = !(flags & VIR_DOMAIN_STORE_STATUS_BY_CONFIG) || !obj->persistent || obj->newDef;
    int ret;

    buf.str[0] = '\0';
    virStringAppendLit(&buf, "<domstatus state='");
    virStringAppend(&buf, virDomainStateNames[obj->state]);
    virStringAppendLit(&buf, "'");
    virXMLAddAttrULL(&buf, "reason", obj->reason);
    virXMLAddAttrULL(&buf, "id", obj->id);
    if (obj->shutdownAsked)
        virStringAppendLit(&buf, " shutdown='asked'");
    if (!live)
        virStringAppendLit(&buf, " live='config'");
    virStringAppendLit(&buf, ">\n");
    if (live)
        virDomainDefFormatBuf(&buf, 2, obj->def, obj->id, VIR_DOMAIN_DEF_FORMAT_SECURE);
    virStringAppendLit(&buf, "</domstatus>\n");
    ret = virFileWriteAtomicFlags(path, buf.str, buf.len, VIR_STORE_FILE_MODE,
                                  VIR_FILE_ATOMIC_VOLATILE);
    g_free(buf.str);
    if (ret == 0)
        virDomainStoreRemember(store, VIR_DOMAIN_STORE_STATUSES, obj->def->name, path);
    return ret;
}

/* Without an fsync of the directory: see virDomainStoreSaveStatus. */
int
virDomainStoreDeleteStatus(virDomainStore *store, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->stateDir, name);

    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove '%s'"), path);
        return -1;
    }
    virDomainStoreRemember(store, VIR_DOMAIN_STORE_STATUSES, name, path);
    return 0;
}

void
virDomainStoreStatusClear(virDomainStoreStatus *status)
{
    g_clear_pointer(&status->def, virDomainDefFree);
}

static int
virDomainStoreParseStatusAttrs(xmlNodePtr root, virDomainStoreStatus *status)
{
    g_autofree char *st = virXMLProp(root, "state");
    g_autofree char *rs = virXMLProp(root, "reason");
    g_autofree char *idstr = virXMLProp(root, "id");
    g_autofree char *shutdown = virXMLProp(root, "shutdown");
    int r, i;

    status->state = virEnumFromString(virDomainStateNames, VIR_DOMAIN_LAST, st);
    if (status->state < 0 || virStrToInt(rs, &r) < 0 || r < 0 || r > 64 ||
        virStrToInt(idstr, &i) < 0 || i < 0) {
        virReportError(VIR_ERR_CONF_SYNTAX, "%s", _("<domstatus> needs state, reason and id"));
        return -1;
    }
    if (shutdown && STRNEQ(shutdown, "asked")) {
        virReportError(VIR_ERR_CONF_SYNTAX, _("<domstatus shutdown='%s'>: only 'asked' is known"),
                       shutdown);
        return -1;
    }
    status->reason = r;
    status->id = i;
    status->shutdownAsked = shutdown != NULL;
    return 0;
}

int
virDomainStoreReadStatus(virDomainStore *store, const char *name,
                         const virDomainXMLOption *xmlopt, virDomainStoreStatus *status)
{
    g_autofree char *path = virDomainStorePath(store->stateDir, name);
    g_autofree char *xml = NULL;
    g_autofree char *live = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root, domnode;

    memset(status, 0, sizeof(*status));
    if (virFileReadLimitedFlags(path, VIR_XML_MAX_SIZE, &xml, NULL, VIR_FILE_READ_OWN) < 0 ||
        !(doc = virXMLParse(xml, "status", "domstatus", &root)) ||
        virDomainStoreParseStatusAttrs(root, status) < 0)
        return -1;
    if ((live = virXMLProp(root, "live"))) {
        if (STREQ(live, "config"))
            return 0;
        virReportError(VIR_ERR_CONF_SYNTAX, _("<domstatus live='%s'>: only 'config' is known"),
                       live);
        return -1;
    }
    if (!(domnode = virXMLChild(root, "domain"))) {
        virReportError(VIR_ERR_CONF_SYNTAX, "%s", _("<domstatus> holds no <domain>"));
        return -1;
    }
    if (!(status->def = virDomainDefParseNode(domnode, xmlopt)))
        return -1;
    if (STRNEQ(status->def->name, name)) {
        virReportError(VIR_ERR_CONF_SYNTAX, _("'%s' is the status of domain '%s'"),
                       path, status->def->name);
        virDomainStoreStatusClear(status);
        return -1;
    }
    return 0;
}

/* ---- the last stop ------------------------------------------------- */

int
virDomainStoreSaveStop(virDomainStore *store, const char *name, int reason)
{
    g_autofree char *path = virDomainStorePath(store->stopDir, name);
    g_autofree char *xml = g_strdup_printf("<domstop reason='%d'/>\n", reason);

    if (virFileWriteAtomicFlags(path, xml, strlen(xml), VIR_STORE_FILE_MODE,
                                VIR_FILE_ATOMIC_VOLATILE) < 0)
        return -1;
    virDomainStoreRemember(store, VIR_DOMAIN_STORE_STOPS, name, path);
    return 0;
}

int
virDomainStoreReadStop(virDomainStore *store, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->stopDir, name);
    g_autofree char *xml = NULL;
    g_autofree char *rs = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;
    int reason;

    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return VIR_DOMAIN_SHUTOFF_UNKNOWN;
    if (virFileReadLimitedFlags(path, VIR_XML_MAX_SIZE, &xml, NULL, VIR_FILE_READ_OWN) < 0 ||
        !(doc = virXMLParse(xml, "last stop", "domstop", &root)) ||
        virStrToInt((rs = virXMLProp(root, "reason")), &reason) < 0 ||
        reason < 0 || reason >= VIR_DOMAIN_SHUTOFF_LAST) {
        VIR_WARN("'%s' says no reason the domain stopped: %s", path,
                 virGetLastErrorMessage());
        virResetLastError();
        return VIR_DOMAIN_SHUTOFF_UNKNOWN;
    }
    return reason;
}

int
virDomainStoreDeleteStop(virDomainStore *store, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->stopDir, name);

    if (unlink(path) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot remove '%s'"), path);
        return -1;
    }
    virDomainStoreRemember(store, VIR_DOMAIN_STORE_STOPS, name, path);
    return 0;
}
