/*
 * domain_driver.c: the domain methods every driver shares
 */
#include "internal.h"

#include "domain_driver.h"
#include "virerror.h"
#include "driver.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Errors carry the error domain of the driver they come from. */
#define virDomainDriverError(base, code, ...) \
    virReportErrorFull((base)->errorDomain, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

void
virDomainDriverReportFlags(virConnectPtr conn, unsigned int unsupported, const char *func)
{
    const char *method = g_str_has_prefix(func, "virDriver") ? func + strlen("virDriver") : func;

    virReportErrorFull(virDomainDriverBaseFromConn(conn)->errorDomain, VIR_ERR_INVALID_ARG,
                       __FILE__, func, __LINE__, _("unsupported flags (0x%x) in function %s%s"),
                       unsupported, conn->driver->name, method);
}

virDomainObj *
virDomainDriverObjFromDomain(virDomainPtr dom)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj = virDomainObjListFindByUUID(base->domains, dom->uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching uuid '%s' (%s)"),
                             virUUIDFormat(dom->uuid, uuidstr), dom->name);
    return obj;
}

virDomainPtr
virDomainDriverHandle(virConnectPtr conn, virDomainObj *obj)
{
    virDomainPtr dom;

    if (!obj)
        return NULL;
    dom = virGetDomain(conn, obj->def->name, obj->uuid, obj->id);
    virDomainObjEndAPI(&obj);
    return dom;
}

int
virDomainDriverCheckMaplen(const virDomainDriverBase *base, int maplen)
{
    if (maplen > (int)VIR_CPU_MAPLEN(base->hostcpus)) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("cpumap length %d is out of range: this host has %zu CPUs, so it must be 1 to %d bytes"),
                             maplen, base->hostcpus, VIR_CPU_MAPLEN((int)base->hostcpus));
        return -1;
    }
    return 0;
}

int
virDomainDriverCheckStartCpu(const virDomainDriverBase *base, int start_cpu)
{
    if (start_cpu >= (int)base->hostcpus) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("start_cpu %d is not below the %zu CPUs of this host"),
                             start_cpu, base->hostcpus);
        return -1;
    }
    return 0;
}

/* ---- lookup and listing -------------------------------------------- */

virDomainPtr
virDriverDomainLookupByID(virConnectPtr conn, int id)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainObj *obj = virDomainObjListFindByID(base->domains, id);

    if (!obj)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching id %d"), id);
    return virDomainDriverHandle(conn, obj);
}

virDomainPtr
virDriverDomainLookupByName(virConnectPtr conn, const char *name)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainObj *obj = virDomainObjListFindByName(base->domains, name);

    if (!obj)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching name '%s'"),
                             name);
    return virDomainDriverHandle(conn, obj);
}

virDomainPtr
virDriverDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainObj *obj = virDomainObjListFindByUUID(base->domains, uuid);
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (!obj)
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching uuid '%s'"),
                             virUUIDFormat(uuid, uuidstr));
    return virDomainDriverHandle(conn, obj);
}

int
virDriverConnectNumOfDomains(virConnectPtr conn)
{
    return virDomainObjListNumOf(virDomainDriverBaseFromConn(conn)->domains, true);
}

int
virDriverConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    return virDomainObjListGetActiveIDs(virDomainDriverBaseFromConn(conn)->domains, ids, maxids);
}

int
virDriverConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return virDomainObjListNumOf(virDomainDriverBaseFromConn(conn)->domains, false);
}

int
virDriverConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    return virDomainObjListGetInactiveNames(virDomainDriverBaseFromConn(conn)->domains, names,
                                            maxnames);
}

int
virDriverConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    virDomainDriverCheckFlags(conn, VIR_CONNECT_LIST_DOMAINS_FILTERS_ALL, -1);
    return virDomainObjListExport(virDomainDriverBaseFromConn(conn)->domains, conn, domains,
                                  flags);
}

char *
virDriverConnectGetHostname(virConnectPtr conn G_GNUC_UNUSED)
{
    return g_strdup(g_get_host_name());
}

/* ---- definition ---------------------------------------------------- */

static virDomainObj *
virDomainDriverObjAdd(virDomainDriverBase *base, virDomainDef *def, bool *existing)
{
    if (base->hooks && base->hooks->objAdd)
        return base->hooks->objAdd(base, def, existing);
    return virDomainObjListAdd(base->domains, def, existing);
}

static void
virDomainDriverObjRemove(virDomainDriverBase *base, virDomainObj *obj)
{
    if (base->hooks && base->hooks->objRemove)
        base->hooks->objRemove(base, obj);
    else
        virDomainObjListRemove(base->domains, obj);
}

static int
virDomainDriverConfigChanging(virDomainDriverBase *base, virDomainObj *obj)
{
    if (base->hooks && base->hooks->configChanging)
        return base->hooks->configChanging(base, obj);
    return 0;
}

virDomainPtr
virDriverDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;

    virDomainDriverCheckFlags(conn, VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &base->xmlopt,
                                        (flags & VIR_DOMAIN_DEFINE_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = virDomainDriverObjAdd(base, def, &existing))) {
        virDomainDefFree(def);
        return NULL;
    }
    /* the file first: if it cannot be written, nothing changes */
    if ((existing && virDomainDriverConfigChanging(base, obj) < 0) ||
        (base->store && virDomainStoreSaveConfig(base->store, def) < 0)) {
        if (existing)
            virDomainDefFree(def);
        else
            virDomainDriverObjRemove(base, obj);
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    if (existing)
        virDomainObjAssignConfig(obj, def);
    obj->persistent = true;
    return virDomainDriverHandle(conn, obj);
}

int
virDriverDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    /* no driver keeps snapshots, NVRAM or TPM state to keep or drop */
    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                  VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                  VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA | VIR_DOMAIN_UNDEFINE_TPM |
                  VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (!obj->persistent) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' is transient: there is no configuration to undefine"),
                             obj->def->name);
        goto cleanup;
    }
    if (obj->hasManagedSave && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' has a managed save image: remove it, or pass VIR_DOMAIN_UNDEFINE_MANAGED_SAVE"),
                             obj->def->name);
        goto cleanup;
    }
    if (virDomainDriverConfigChanging(base, obj) < 0 ||
        (base->store && virDomainStoreDeleteConfig(base->store, obj->def->name) < 0))
        goto cleanup;
    obj->hasManagedSave = false;
    obj->autostart = false;
    obj->persistent = false;
    if (virDomainObjIsActive(obj))
        g_clear_pointer(&obj->newDef, virDomainDefFree);    /* keeps running, transient */
    else
        virDomainDriverObjRemove(base, obj);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

virDomainPtr
virDriverDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;

    virDomainDriverCheckFlags(conn, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &base->xmlopt,
                                        (flags & VIR_DOMAIN_START_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = virDomainDriverObjAdd(base, def, &existing))) {
        virDomainDefFree(def);
        return NULL;
    }
    if (existing) {
        if (virDomainObjIsActive(obj)) {
            virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                                 _("domain '%s' is already running"), def->name);
            virDomainDefFree(def);
            virDomainObjEndAPI(&obj);
            return NULL;
        }
        /* runs with the new definition; the configuration waits */
        obj->newDef = obj->def;
        obj->def = def;
    }
    if (base->hooks->startObj(base, obj, VIR_DOMAIN_RUNNING_BOOTED,
                              flags & VIR_DOMAIN_START_PAUSED) < 0) {
        if (existing) {
            virDomainDefFree(obj->def);
            obj->def = g_steal_pointer(&obj->newDef);
        } else {
            virDomainDriverObjRemove(base, obj);
        }
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    return virDomainDriverHandle(conn, obj);
}

/* ---- what a domain reports ----------------------------------------- */

int
virDriverDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    virDomainObj *obj;

    virDomainDriverCheckFlags(dom->conn, 0, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    virDomainObjEndAPI(&obj);
    return 0;
}

char *
virDriverDomainGetXMLDesc(virDomainPtr dom, unsigned int flags)
{
    virDomainObj *obj;
    unsigned int secure;
    char *xml;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                  VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return NULL;
    secure = (flags & VIR_DOMAIN_XML_SECURE) ? VIR_DOMAIN_DEF_FORMAT_SECURE : 0;
    if ((flags & VIR_DOMAIN_XML_INACTIVE) && obj->persistent)
        xml = virDomainDefFormat(virDomainObjGetPersistentDef(obj), -1,
                                 VIR_DOMAIN_DEF_FORMAT_INACTIVE | secure);
    else
        xml = virDomainDefFormat(obj->def, obj->id,
                                 ((flags & VIR_DOMAIN_XML_INACTIVE) ? VIR_DOMAIN_DEF_FORMAT_INACTIVE : 0) |
                                 secure);
    virDomainObjEndAPI(&obj);
    return xml;
}

char *
virDriverDomainGetOSType(virDomainPtr dom)
{
    virDomainObj *obj;
    char *type;

    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return NULL;
    type = g_strdup(virDomainOSTypeToString(obj->def->os.type));
    virDomainObjEndAPI(&obj);
    return type;
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

    if (!(obj = virDomainDriverObjFromDomain(dom)))
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
virDriverDomainIsActive(virDomainPtr dom)
{
    return virDomainDriverGetFlag(dom, VIR_DOMAIN_DRIVER_IS_ACTIVE);
}

int
virDriverDomainIsPersistent(virDomainPtr dom)
{
    return virDomainDriverGetFlag(dom, VIR_DOMAIN_DRIVER_IS_PERSISTENT);
}

int
virDriverDomainIsUpdated(virDomainPtr dom)
{
    return virDomainDriverGetFlag(dom, VIR_DOMAIN_DRIVER_IS_UPDATED);
}

int
virDriverDomainGetAutostart(virDomainPtr dom, int *autostart)
{
    virDomainObj *obj;

    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    *autostart = obj->autostart;
    virDomainObjEndAPI(&obj);
    return 0;
}

int
virDriverDomainSetAutostart(virDomainPtr dom, int autostart)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = virDomainDriverObjFromDomain(dom)))
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
    virDomainObjEndAPI(&obj);
    return ret;
}

unsigned long long
virDriverDomainGetMaxMemory(virDomainPtr dom)
{
    virDomainObj *obj = virDomainDriverObjFromDomain(dom);
    unsigned long long mem;

    if (!obj)
        return 0;
    mem = obj->def->maxMemory;
    virDomainObjEndAPI(&obj);
    return mem;
}

/* ---- vcpus --------------------------------------------------------- */

int
virDriverDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags)
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
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if ((def = virDomainObjGetOneDef(obj, flags & ~VIR_DOMAIN_VCPU_MAXIMUM)))
        ret = (flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def->maxvcpus : def->vcpus;
    virDomainObjEndAPI(&obj);
    return ret;
}

int
virDriverDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                              int maplen, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    virDomainDef *def;
    int i, n = -1;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (virDomainDriverCheckMaplen(base, maplen) < 0 || !(obj = virDomainDriverObjFromDomain(dom)))
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
