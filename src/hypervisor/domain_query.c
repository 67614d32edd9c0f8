/*
 * domain_query.c: the shared methods that read a domain: lookups, lists,
 * state, XML, flags, autostart, memory and vcpu counts, pins
 *
 * Most of what a driver answers about a domain comes straight from its
 * virDomainObj; these go in a driver's table as they are.
 */
#include "internal.h"

#include "domain_kernel.h"
#include "domain_query.h"
#include "domain_sync.h"
#include "driver.h"
#include "virerror.h"
#include "virtypedparam.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* A fixed-id driver's domain has its id in its definition, yet answers to
 * it only while it runs: the message says so. */
virDomainPtr
sharedDomainLookupByID(virConnectPtr conn, int id)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainObj *obj;

    virDomainDriverRefreshAll(base, conn);
    obj = virDomainObjListFindByID(base->domains, id);
    if (!obj && base->xmlopt.fixedId)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no running %s domain with id %d"),
                             base->idName, id);
    else if (!obj)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching id %d"), id);
    return virDomainDriverNewHandle(conn, obj);
}

virDomainPtr
sharedDomainLookupByName(virConnectPtr conn, const char *name)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainObj *obj;

    virDomainDriverRefreshAll(base, conn);
    obj = virDomainObjListFindByName(base->domains, name);
    if (!obj)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching name '%s'"),
                             name);
    return virDomainDriverNewHandle(conn, obj);
}

virDomainPtr
sharedDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    virDomainDriverRefreshAll(base, conn);
    obj = virDomainObjListFindByUUID(base->domains, uuid);
    if (!obj)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching uuid '%s'"),
                             virUUIDFormat(uuid, uuidstr));
    return virDomainDriverNewHandle(conn, obj);
}

/* The lists and counts are of an up-to-date list. */
static virDomainObjList *
virDomainDriverFreshList(virConnectPtr conn)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);

    virDomainDriverRefreshAll(base, conn);
    return base->domains;
}

int
sharedConnectNumOfDomains(virConnectPtr conn)
{
    return virDomainObjListNumOf(virDomainDriverFreshList(conn), true);
}

int
sharedConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    return virDomainObjListGetActiveIDs(virDomainDriverFreshList(conn), ids, maxids);
}

int
sharedConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return virDomainObjListNumOf(virDomainDriverFreshList(conn), false);
}

int
sharedConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    return virDomainObjListGetInactiveNames(virDomainDriverFreshList(conn), names,
                                            maxnames);
}

int
sharedConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    virDomainDriverCheckFlags(conn, VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL, -1);
    return virDomainObjListExport(virDomainDriverFreshList(conn), conn, domains,
                                  flags);
}

const char *
sharedConnectGetType(virConnectPtr conn)
{
    return virDomainDriverBaseFromConn(conn)->typeName;
}

int
sharedConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    *hvVer = virDomainDriverBaseFromConn(conn)->hvVersion;
    return 0;
}

/* The most vcpus a domain of the driver's own type may have. */
int
sharedConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);

    if (type && g_ascii_strcasecmp(type, base->xmlopt.driverName) != 0) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("unknown domain type '%s' for the %s driver"),
                             type, base->xmlopt.driverName);
        return -1;
    }
    return base->maxVcpus;
}

/* A local driver's connection is alive while it is open. */
int
sharedConnectIsAlive(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}

/* In-process: nothing crosses a wire, so nothing can be overheard... */
int
sharedConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}

/* ...and nothing needs encrypting. */
int
sharedConnectIsEncrypted(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}

char *
sharedConnectGetHostname(virConnectPtr conn G_GNUC_UNUSED)
{
    return g_strdup(g_get_host_name());
}

/* ---- what a domain reports ----------------------------------------- */

int
sharedDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    virDomainObj *obj;

    virDomainDriverCheckFlags(dom->conn, 0, -1);
    /* a domain whose configuration does not load is listed, shut off */
    if (!(obj = virDomainDriverFindObj(dom, VIR_DOMAIN_DRIVER_OBJ_REFRESH |
                                            VIR_DOMAIN_DRIVER_OBJ_BROKEN)))
        return -1;
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    virDomainObjEndAPI(&obj);
    return 0;
}

char *
sharedDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    virDomainObj *obj;
    unsigned int secure;
    char *xml;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL);
    if (!(obj = virDomainDriverGetObj(dom)))
        return NULL;
    secure = (flags & VIR_DOMAIN_XML_SECURE) ? VIR_DOMAIN_DEF_FORMAT_SECURE : 0;
    if ((flags & VIR_DOMAIN_XML_INACTIVE) && obj->persistent)
        xml = virDomainDefFormat(virDomainObjGetPersistentDef(obj), -1,
                                 VIR_DOMAIN_DEF_FORMAT_INACTIVE | secure);
    else
        xml = virDomainDefFormat(obj->def, obj->id,
                                 ((flags & VIR_DOMAIN_XML_INACTIVE) ?
                                  VIR_DOMAIN_DEF_FORMAT_INACTIVE : 0) | secure);
    virDomainObjEndAPI(&obj);
    return xml;
}

char *
sharedDomainGetOSType(virDomainPtr dom)
{
    virDomainObj *obj;
    char *type;

    if (!(obj = virDomainDriverGetObj(dom)))
        return NULL;
    type = g_strdup(virDomainOSTypeToString(obj->def->os.type));
    virDomainObjEndAPI(&obj);
    return type;
}

int
sharedDomainGetControlInfo(virDomainPtr dom, virDomainControlInfoPtr info, unsigned int flags)
{
    virDomainObj *obj;

    virCheckFlags(0, -1);
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    memset(info, 0, sizeof(*info));
    info->state = VIR_DOMAIN_CONTROL_OK;
    virDomainObjEndAPI(&obj);
    return 0;
}

typedef enum {
    VIR_DOMAIN_DRIVER_IS_ACTIVE,
    VIR_DOMAIN_DRIVER_IS_PERSISTENT,
    VIR_DOMAIN_DRIVER_IS_UPDATED,
} virDomainDriverIs;

static int
virDomainDriverGetFlag(virDomainPtr dom, virDomainDriverIs which)
{
    virDomainObj *obj;
    int ret = 0;

    if (!(obj = virDomainDriverFindObj(dom, VIR_DOMAIN_DRIVER_OBJ_REFRESH |
                                            VIR_DOMAIN_DRIVER_OBJ_BROKEN)))
        return -1;
    switch (which) {
    case VIR_DOMAIN_DRIVER_IS_ACTIVE: ret = virDomainObjIsActive(obj); break;
    case VIR_DOMAIN_DRIVER_IS_PERSISTENT: ret = obj->persistent; break;
    case VIR_DOMAIN_DRIVER_IS_UPDATED: ret = obj->newDef != NULL; break;
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

int
sharedDomainIsActive(virDomainPtr dom)
{
    return virDomainDriverGetFlag(dom, VIR_DOMAIN_DRIVER_IS_ACTIVE);
}

int
sharedDomainIsPersistent(virDomainPtr dom)
{
    return virDomainDriverGetFlag(dom, VIR_DOMAIN_DRIVER_IS_PERSISTENT);
}

int
sharedDomainIsUpdated(virDomainPtr dom)
{
    return virDomainDriverGetFlag(dom, VIR_DOMAIN_DRIVER_IS_UPDATED);
}

int
sharedDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    virDomainObj *obj;

    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    *autostart = obj->autostart;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
sharedDomainSetAutostart(virDomainPtr dom, int autostart)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = virDomainDriverBeginChange(dom)))
        return -1;
    if (!obj->persistent) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' is transient: autostart needs a persistent domain"),
                             obj->def->name);
        goto cleanup;
    }
    if (base->store &&
        virDomainStoreSetAutostart(base->store, obj->def->name, autostart != 0) < 0)
        goto cleanup;
    obj->autostart = autostart != 0;
    ret = 0;
 cleanup:
    virDomainDriverEndChange(base, &obj);
    return ret;
}

unsigned long long
sharedDomainGetMaxMemory(virDomainPtr dom)
{
    virDomainObj *obj = virDomainDriverGetObj(dom);
    unsigned long long mem;

    if (!obj)
        return 0;
    mem = obj->def->maxMemory;
    virDomainObjEndAPI(&obj);
    return mem;
}

/* ---- vcpus --------------------------------------------------------- */

int
sharedDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;
    int ret = -1;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM |
                  VIR_DOMAIN_VCPU_GUEST, -1);
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virDomainDriverError(virDomainDriverBaseFromConn(dom->conn),
                             VIR_ERR_ARGUMENT_UNSUPPORTED,
                             _("the %s driver has no guest agent to count guest vcpus"),
                             dom->conn->driver->name);
        return -1;
    }
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if ((def = virDomainObjGetOneDef(obj, flags & ~VIR_DOMAIN_VCPU_MAXIMUM)))
        ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def->maxvcpus : def->vcpus;
    virDomainObjEndAPI(&obj);
    return ret;
}

int
sharedDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                              int maplen, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    virDomainDef *def;
    int i, n = -1;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (virDomainDriverCheckMaplen(base, maplen) < 0 || !(obj = virDomainDriverGetObj(dom)))
        return -1;
    if ((def = virDomainObjGetOneDef(obj, flags))) {
        n = MIN(ncpumaps, (int)def->maxvcpus);
        for (i = 0; i < n; i++)
            virDomainDefGetVcpuCpumap(def, i, base->hostcpus,
                                      VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
    virDomainObjEndAPI(&obj);
    return n;
}

/* ---- managed save and memory sharing ------------------------------- */

int
sharedDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    virDomainObj *obj;
    int ret;

    virDomainDriverCheckFlags(dom->conn, 0, -1);
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    ret = obj->hasManagedSave;
    virDomainObjEndAPI(&obj);
    return ret;
}

/* Sharing is on unless <memoryBacking><nosharepages/>, as in libvirt; the
 * page counts of a running domain come from its driver. */
int
sharedDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                             unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    unsigned long long merged = 0, considered = 0;
    virDomainObj *obj;
    virDomainDef *def;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    /* a driver that counts no pages (a model) reports none it considers */
    if (*nparams == 0) {
        *nparams = base->hooks->sharedPages ? 3 : 2;
        return 0;
    }
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (!(def = virDomainObjGetOneDef(obj, flags))) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    if (def == obj->def && virDomainObjIsActive(obj) && base->hooks->sharedPages)
        base->hooks->sharedPages(base, obj, &merged, &considered);
    memset(params, 0, sizeof(*params) * *nparams);
    params[0].type = VIR_TYPED_PARAM_BOOLEAN;
    g_strlcpy(params[0].field, VIR_DOMAIN_MEMORY_SHARING_ENABLED, sizeof(params[0].field));
    params[0].value.b = !def->nosharepages;
    if (*nparams >= 2)
        virTypedParamSetULLong(&params[1], VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES, merged);
    if (*nparams >= 3 && base->hooks->sharedPages)
        virTypedParamSetULLong(&params[2], VIR_DOMAIN_MEMORY_SHARING_MERGEABLE_PAGES, considered);
    *nparams = MIN(*nparams, base->hooks->sharedPages ? 3 : 2);
    virDomainObjEndAPI(&obj);
    return 0;
}
