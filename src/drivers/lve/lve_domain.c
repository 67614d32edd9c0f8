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
