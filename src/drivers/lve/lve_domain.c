/*
 * lve_domain.c: looking up, listing, defining and starting LVE domains
 */
#include "internal.h"

#include "lve_domain.h"
#include "lve_private.h"
#include "virerror.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

int
lveDomainCheckActive(virDomainObj *obj)
{
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, _("domain '%s' (LVE %u) is not running"),
                       obj->def->name, lveDomainId(obj));
        return -1;
    }
    return 0;
}

/* ---- lookup and listing -------------------------------------------- */

/* A domain's id is its LVE id, fixed in its definition, yet it answers to
 * it only while the LVE runs: the message says so. */
virDomainPtr
lveDomainLookupByID(virConnectPtr conn, int id)
{
    virDomainObj *obj = virDomainObjListFindByID(lveDriverFromConn(conn)->base.domains, id);

    if (!obj)
        virReportError(VIR_ERR_NO_DOMAIN, _("no running LVE domain with id %d"), id);
    return virDomainDriverHandle(conn, obj);
}

/* ---- definition ---------------------------------------------------- */

virDomainPtr
lveDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(conn);
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &driver->xmlopt,
                                        (flags & VIR_DOMAIN_DEFINE_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = lveDomainObjAdd(driver, def, &existing))) {
        virDomainDefFree(def);
        return NULL;
    }
    /* the file first: if it cannot be written, nothing changes */
    if ((existing && lveDomainDetachStatus(driver, obj) < 0) ||
        virDomainStoreSaveConfig(driver->base.store, def) < 0) {
        if (existing) {
            virDomainDefFree(def);
        } else {
            lveDomainObjRemove(driver, obj);
        }
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    if (existing)
        virDomainObjAssignConfig(obj, def);
    obj->persistent = true;
    return virDomainDriverHandle(conn, obj);
}

int
lveDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    /* an LVE has no managed save, snapshots, NVRAM or TPM to keep or drop */
    virCheckFlags(VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA | VIR_DOMAIN_UNDEFINE_TPM |
                  VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (!obj->persistent) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is transient: there is no configuration to undefine"),
                       obj->def->name);
        goto cleanup;
    }
    if (lveDomainDetachStatus(driver, obj) < 0 ||
        virDomainStoreDeleteConfig(driver->base.store, obj->def->name) < 0)
        goto cleanup;
    obj->autostart = false;
    obj->persistent = false;
    if (virDomainObjIsActive(obj))
        g_clear_pointer(&obj->newDef, virDomainDefFree);    /* keeps running, transient */
    else
        lveDomainObjRemove(driver, obj);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* Starting an existing inactive domain with a new definition: the
 * configuration waits for the next start.  Undone by lveDomainRestoreDef. */
static int
lveDomainUseDef(virDomainObj *obj, virDomainDef *def)
{
    if (virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, _("domain '%s' is already running"), def->name);
        return -1;
    }
    obj->newDef = obj->def;
    obj->def = def;
    return 0;
}

static void
lveDomainRestoreDef(virDomainObj *obj)
{
    virDomainDefFree(obj->def);
    obj->def = g_steal_pointer(&obj->newDef);
}

virDomainPtr
lveDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(conn);
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &driver->xmlopt,
                                        (flags & VIR_DOMAIN_START_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = lveDomainObjAdd(driver, def, &existing))) {
        virDomainDefFree(def);
        return NULL;
    }
    if (existing && lveDomainUseDef(obj, def) < 0) {
        virDomainDefFree(def);
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    if (lveDomainStartObj(driver, obj, VIR_DOMAIN_RUNNING_BOOTED,
                          flags & VIR_DOMAIN_START_PAUSED) < 0) {
        if (existing)
            lveDomainRestoreDef(obj);
        else
            lveDomainObjRemove(driver, obj);
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    return virDomainDriverHandle(conn, obj);
}

int
lveDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    /* an LVE has no saved image: FORCE_BOOT changes nothing */
    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_FORCE_BOOT, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (lveDomainStartObj(driver, obj, VIR_DOMAIN_RUNNING_BOOTED,
                          flags & VIR_DOMAIN_START_PAUSED) < 0)
        goto cleanup;
    virDomainHandleSetID(dom, obj->id);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}
