/*
 * domain_store.c: persistent domain configurations and run-time status
 */
#include "internal.h"

#include <sys/stat.h>
#include <unistd.h>

#include "domain_store.h"
#include "virenum.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_CONF

#define VIR_STORE_DIR_MODE 0700
#define VIR_STORE_FILE_MODE 0600

struct _virDomainStore {
    char *configDir;
    char *autostartDir;
    char *stateDir;
};

void
virDomainStoreFree(virDomainStore *store)
{
    if (!store)
        return;
    g_free(store->configDir);
    g_free(store->autostartDir);
    g_free(store->stateDir);
    g_free(store);
}

virDomainStore *
virDomainStoreNew(const char *root, const char *driver)
{
    g_autoptr(virDomainStore) store = g_new0(virDomainStore, 1);

    store->configDir = g_build_filename(root, "etc", "virtkit", driver, NULL);
    store->autostartDir = g_build_filename(store->configDir, "autostart", NULL);
    store->stateDir = g_build_filename(root, "run", "virtkit", driver, NULL);
    if (virFileMakePath(store->autostartDir, VIR_STORE_DIR_MODE) < 0 ||
        virFileMakePath(store->stateDir, VIR_STORE_DIR_MODE) < 0)
        return NULL;
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

int
virDomainStoreSaveConfig(virDomainStore *store, const virDomainDef *def)
{
    g_autofree char *path = virDomainStorePath(store->configDir, def->name);
    /* secrets (cookies of network disks...) are part of the configuration */
    g_autofree char *xml = virDomainDefFormat(def, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                                              VIR_DOMAIN_DEF_FORMAT_SECURE);

    return virFileWriteAtomic(path, xml, strlen(xml), VIR_STORE_FILE_MODE);
}

/* The configuration goes first: its removal is the moment the domain is
 * undefined.  A process killed before the autostart link follows leaves
 * the link dangling, and the next load removes it; removing the link first
 * would instead leave a domain still defined, but no longer autostarted. */
int
virDomainStoreDeleteConfig(virDomainStore *store, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->configDir, name);

    if (virFileRemoveSynced(path) < 0)
        return -1;
    return virDomainStoreSetAutostart(store, name, false);
}

int
virDomainStoreSetAutostart(virDomainStore *store, const char *name, bool autostart)
{
    g_autofree char *link = virDomainStorePath(store->autostartDir, name);
    g_autofree char *target = NULL;

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

static bool
virDomainStoreIsAutostart(virDomainStore *store, const char *name)
{
    g_autofree char *link = virDomainStorePath(store->autostartDir, name);
    struct stat sb;

    return lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode);
}

static const char *const virDomainStateNames[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed",
    "pmsuspended",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virDomainStateNames) == VIR_DOMAIN_LAST);

int
virDomainStoreSaveStatus(virDomainStore *store, virDomainObj *obj,
                         virDomainStatusFormatExtra extra, unsigned int flags)
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
    if (!live)
        virStringAppendLit(&buf, " live='config'");
    virStringAppendLit(&buf, ">\n");
    if (live)
        virDomainDefFormatBuf(&buf, 2, obj->def, obj->id, VIR_DOMAIN_DEF_FORMAT_SECURE);
    if (extra)
        extra(&buf, obj);
    virStringAppendLit(&buf, "</domstatus>\n");
    ret = virFileWriteAtomicFlags(path, buf.str, buf.len, VIR_STORE_FILE_MODE,
                                  VIR_FILE_ATOMIC_VOLATILE);
    g_free(buf.str);
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
    return 0;
}

/* The "<name>" of "<name>.xml", or NULL for anything else in a store
 * directory (temporary files of interrupted writes, strays). */
static char *
virDomainStoreEntryName(const char *dir, const char *entry)
{
    if (virFileIsAtomicTemp(entry)) {
        g_autofree char *path = g_build_filename(dir, entry, NULL);

        /* left by a process killed mid-write: the target is intact */
        VIR_DEBUG("removing stale temporary file '%s'", path);
        unlink(path);
        return NULL;
    }
    if (!g_str_has_suffix(entry, ".xml") || entry[0] == '.')
        return NULL;
    return g_strndup(entry, strlen(entry) - 4);
}

static virDomainDef *
virDomainStoreReadConfig(const char *path, const char *name, const virDomainXMLOption *xmlopt)
{
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

static int
virDomainStoreLoadConfig(virDomainStore *store, virDomainObjList *list,
                         const virDomainXMLOption *xmlopt, const char *name)
{
    g_autofree char *path = virDomainStorePath(store->configDir, name);
    virDomainDef *def = virDomainStoreReadConfig(path, name, xmlopt);
    virDomainObj *obj;
    bool existing;

    if (!def)
        goto skip;
    if (!(obj = virDomainObjListAdd(list, def, &existing))) {
        virDomainDefFree(def);
        goto skip;
    }
    if (existing)
        virDomainObjAssignConfig(obj, def);
    obj->persistent = true;
    obj->autostart = virDomainStoreIsAutostart(store, name);
    virDomainObjEndAPI(&obj);
    return 0;

 skip:
    VIR_WARN("skipping domain configuration '%s': %s", path, virGetLastErrorMessage());
    virResetLastError();
    return -1;
}

/* Removes the autostart links of configurations that are gone: left by
 * an undefine interrupted between its two steps, such a link would make a
 * later domain of the same name autostart. */
static void
virDomainStoreRemoveDanglingLinks(virDomainStore *store)
{
    g_autoptr(GDir) dir = g_dir_open(store->autostartDir, 0, NULL);
    const char *entry;

    while (dir && (entry = g_dir_read_name(dir))) {
        g_autofree char *link = g_build_filename(store->autostartDir, entry, NULL);
        g_autofree char *conf = g_build_filename(store->configDir, entry, NULL);

        if (g_str_has_suffix(entry, ".xml") && !g_file_test(conf, G_FILE_TEST_EXISTS)) {
            VIR_DEBUG("removing dangling autostart link '%s'", link);
            unlink(link);
        }
    }
}

int
virDomainStoreLoadConfigs(virDomainStore *store, virDomainObjList *list,
                          const virDomainXMLOption *xmlopt)
{
    g_autoptr(GDir) dir = NULL;
    const char *entry;
    int skipped = 0;

    virDomainStoreRemoveDanglingLinks(store);
    if (!(dir = g_dir_open(store->configDir, 0, NULL)))
        return 0;
    while ((entry = g_dir_read_name(dir))) {
        g_autofree char *name = virDomainStoreEntryName(store->configDir, entry);

        if (name && virDomainStoreLoadConfig(store, list, xmlopt, name) < 0)
            skipped++;
    }
    return skipped;
}

static int
virDomainStoreParseStatusAttrs(xmlNodePtr root, int *state, int *reason, int *id)
{
    g_autofree char *st = virXMLProp(root, "state");
    g_autofree char *rs = virXMLProp(root, "reason");
    g_autofree char *idstr = virXMLProp(root, "id");
    int r, i;

    *state = virEnumFromString(virDomainStateNames, VIR_DOMAIN_LAST, st);
    if (*state < 0 || virStrToInt(rs, &r) < 0 || r < 0 || r > 64 ||
        virStrToInt(idstr, &i) < 0 || i < 0) {
        virReportError(VIR_ERR_CONF_SYNTAX, "%s", _("<domstatus> needs state, reason and id"));
        return -1;
    }
    *reason = r;
    *id = i;
    return 0;
}

/* The domain a status with live='config' names: defined, and loaded
 * from its configuration as inactive. */
static virDomainObj *
virDomainStoreStatusOfConfig(virDomainObjList *list, const char *name)
{
    virDomainObj *obj = virDomainObjListFindByName(list, name);

    if (obj && obj->persistent && !virDomainObjIsActive(obj))
        return obj;
    virReportError(VIR_ERR_CONF_SYNTAX,
                   _("the status of domain '%s' says it runs its configuration, but no configuration of it was loaded"),
                   name);
    if (obj)
        virDomainObjEndAPI(&obj);
    return NULL;
}

/* The domain a status with its live <domain> describes: its configuration
 * (loaded first, if any) waits for the next start. */
static virDomainObj *
virDomainStoreStatusOfDef(virDomainObjList *list, const virDomainXMLOption *xmlopt,
                          xmlNodePtr root)
{
    xmlNodePtr domnode = virXMLChild(root, "domain");
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;

    if (!domnode) {
        virReportError(VIR_ERR_CONF_SYNTAX, "%s", _("<domstatus> holds no <domain>"));
        return NULL;
    }
    if (!(def = virDomainDefParseNode(domnode, xmlopt)))
        return NULL;
    if (!(obj = virDomainObjListAdd(list, def, &existing))) {
        virDomainDefFree(def);
        return NULL;
    }
    if (existing) {
        obj->newDef = obj->def;
        obj->def = def;
    }
    return obj;
}

static int
virDomainStoreLoadOneStatus(virDomainStore *store, virDomainObjList *list,
                            const virDomainXMLOption *xmlopt, const char *name,
                            virDomainStatusLoaded cb, void *opaque)
{
    g_autofree char *path = virDomainStorePath(store->stateDir, name);
    g_autofree char *xml = NULL;
    g_autofree char *live = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;
    virDomainObj *obj;
    int state, reason, id;

    if (virFileReadLimitedFlags(path, VIR_XML_MAX_SIZE, &xml, NULL, VIR_FILE_READ_OWN) < 0 ||
        !(doc = virXMLParse(xml, "status", "domstatus", &root)) ||
        virDomainStoreParseStatusAttrs(root, &state, &reason, &id) < 0)
        return -1;
    live = virXMLProp(root, "live");
    if (live && STRNEQ(live, "config")) {
        virReportError(VIR_ERR_CONF_SYNTAX, _("<domstatus live='%s'>: only 'config' is known"),
                       live);
        return -1;
    }
    obj = live ? virDomainStoreStatusOfConfig(list, name) :
                 virDomainStoreStatusOfDef(list, xmlopt, root);
    if (!obj)
        return -1;
    if (virDomainObjListSetID(list, obj, id) < 0) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    virDomainObjSetState(obj, state, reason);
    cb(obj, root, opaque);
    virDomainObjEndAPI(&obj);
    return 0;
}

int
virDomainStoreLoadStatus(virDomainStore *store, virDomainObjList *list,
                         const virDomainXMLOption *xmlopt, virDomainStatusLoaded cb,
                         void *opaque)
{
    g_autoptr(GDir) dir = g_dir_open(store->stateDir, 0, NULL);
    const char *entry;
    int skipped = 0;

    if (!dir)
        return 0;
    while ((entry = g_dir_read_name(dir))) {
        g_autofree char *name = virDomainStoreEntryName(store->stateDir, entry);

        if (!name)
            continue;
        if (virDomainStoreLoadOneStatus(store, list, xmlopt, name, cb, opaque) < 0) {
            VIR_WARN("skipping status of domain '%s': %s", name, virGetLastErrorMessage());
            virResetLastError();
            skipped++;
        }
    }
    return skipped;
}
