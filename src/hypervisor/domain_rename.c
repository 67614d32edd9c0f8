/*
 * domain_rename.c: the shared method that gives a defined, shut off
 * domain another name
 *
 * A domain object never changes its name (it is the key of the list and
 * of the files), so a rename replaces it: a new object with the new name,
 * the same uuid, a copy of the definition under the new name, persistent,
 * its autostart and fixed id kept.  The checks and their words are those
 * of libvirt's test driver and virDomainObjListRename.
 */
#include "internal.h"

#include "domain_events.h"
#include "domain_rename.h"
#include "domain_sync.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

static int
virDomainDriverCheckRename(virDomainDriverBase *base, virDomainObj *obj, const char *name)
{
    if (virDomainObjIsActive(obj)) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID, "%s",
                             _("cannot rename active domain"));
        return -1;
    }
    if (!obj->persistent) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID, "%s",
                             _("cannot rename a transient domain"));
        return -1;
    }
    if (obj->state != VIR_DOMAIN_SHUTOFF) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID, "%s",
                             _("domain has to be shutoff before renaming"));
        return -1;
    }
    if (STREQ(obj->def->name, name)) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s", _("Can't rename domain to itself"));
        return -1;
    }
    return 0;
}

/* Writes the files of @to (renamed from @from), then removes those of
 * @from.  A crash in between leaves both configurations, with one uuid;
 * loading them keeps the newer, the one of the new name, and a writer
 * sets the older aside (virDomainDriverSyncRenamed in domain_sync.c).  So
 * the domain is never lost: it has its old name until the new
 * configuration is durable, and its new one after. */
static int
virDomainDriverRenameFiles(virDomainDriverBase *base, virDomainObj *to, const char *from)
{
    if (!base->store)
        return 0;
    if (virDomainStoreSaveConfig(base->store, to->def) < 0)
        return -1;
    if (to->autostart && virDomainStoreSetAutostart(base->store, to->name, true) < 0)
        goto undo;
    if (virDomainStoreSetAutostart(base->store, from, false) < 0 ||
        virDomainStoreDeleteConfig(base->store, from) < 0)
        goto undo;
    return 0;

 undo:
    /* the old files are whole (a removal is atomic): the new ones go */
    if (virDomainStoreDeleteConfig(base->store, to->name) < 0)
        VIR_WARN("domain '%s': cannot remove the configuration of its new name '%s'",
                 from, to->name);
    if (to->autostart)
        ignore_value(virDomainStoreSetAutostart(base->store, from, true));
    return -1;
}

/* Renames locked @obj to @name in the list, then in the files.  Returns
 * the renamed object, locked, or NULL with @obj as it was. */
static virDomainObj *
virDomainDriverRenameObj(virDomainDriverBase *base, virDomainObj *obj, const char *name)
{
    virDomainDef *def = virDomainDefCopy(obj->def);
    virDomainObj *renamed;
    virDomainObj *back;

    g_free(def->name);
    def->name = g_strdup(name);
    if (!(renamed = virDomainDriverObjRename(base, obj, def))) {
        virDomainDefFree(def);
        return NULL;
    }
    if (virDomainDriverRenameFiles(base, renamed, obj->name) == 0)
        return renamed;
    /* the old name is free (the root's lock is held); @obj itself cannot
     * come back to the list, a copy of it does */
    if ((back = virDomainDriverObjRename(base, renamed, virDomainDefCopy(obj->def))))
        virDomainObjEndAPI(&back);
    virDomainObjEndAPI(&renamed);
    return NULL;
}

int
sharedDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    virDomainObj *renamed = NULL;
    int ret = -1;

    virDomainDriverCheckFlags(dom->conn, 0, -1);
    if (!(obj = virDomainDriverBeginChange(dom)))
        return -1;
    if (virDomainDriverCheckRename(base, obj, new_name) < 0)
        goto cleanup;
    /* a name with '/' cannot name a configuration file (libvirt's test
     * driver checks it once the name is known to be free) */
    if (strchr(new_name, '/')) {
        virDomainDriverError(base, VIR_ERR_XML_ERROR, _("name %s cannot contain '/'"), new_name);
        goto cleanup;
    }
    if (!(renamed = virDomainDriverRenameObj(base, obj, new_name)))
        goto cleanup;
    virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                                 VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    virDomainDriverEmitLifecycle(base, renamed, VIR_DOMAIN_EVENT_DEFINED,
                                 VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&renamed);
    virDomainDriverEndChange(base, &obj);
    return ret;
}
