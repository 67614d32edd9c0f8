/*
 * test_domain.c: domain lookup, definition and lifecycle in the test driver
 */
#include "internal.h"

#include "test_domain.h"
#include "test_private.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* ---- run-time state ------------------------------------------------ */

void
testDomainPrivateFree(void *data)
{
    testDomainPrivate *priv = data;

    if (priv->cookies)
        g_array_unref(priv->cookies);
    g_free(priv);
}

static testDomainPrivate *
testDomainPrivateOf(virDomainObj *obj)
{
    if (!obj->privateData) {
        obj->privateData = g_new0(testDomainPrivate, 1);
        obj->privateDataFree = testDomainPrivateFree;
    }
    return obj->privateData;
}

/* CPU time of one vcpu: it accrues only while the domain runs. */
guint64
testDomainCpuTimeNs(virDomainObj *obj)
{
    testDomainPrivate *priv = obj->privateData;
    guint64 ns;

    if (!priv || !virDomainObjIsActive(obj))
        return 0;
    ns = priv->cpuTimeNs;
    if (priv->runningSince)
        ns += (guint64)(g_get_monotonic_time() - priv->runningSince) * 1000;
    return ns;
}

void
testDomainSetRunning(virDomainObj *obj, bool running)
{
    testDomainPrivate *priv = testDomainPrivateOf(obj);

    if (running && !priv->runningSince) {
        priv->runningSince = g_get_monotonic_time();
    } else if (!running && priv->runningSince) {
        priv->cpuTimeNs += (guint64)(g_get_monotonic_time() - priv->runningSince) * 1000;
        priv->runningSince = 0;
    }
}

int
testDomainStartObj(testDriver *driver, virDomainObj *obj, int reason, bool paused)
{
    testDomainPrivate *priv = testDomainPrivateOf(obj);

    if (virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, _("domain '%s' is already running"),
                       obj->def->name);
        return -1;
    }
    priv->cpuTimeNs = 0;
    priv->runningSince = 0;
    virDomainObjListAssignID(driver->base.domains, obj);
    if (paused) {
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    } else {
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, reason);
        testDomainSetRunning(obj, true);
    }
    return 0;
}

/* Stops a running domain; a transient one disappears from the list (the
 * caller still holds its reference and lock). */
void
testDomainStopObj(testDriver *driver, virDomainObj *obj, int reason)
{
    testDomainPrivate *priv = testDomainPrivateOf(obj);

    /* whoever had entered the domain is out with it */
    if (priv->cookies)
        g_array_set_size(priv->cookies, 0);
    testDomainSetRunning(obj, false);
    virDomainObjStopped(driver->base.domains, obj, reason);
    if (!obj->persistent)
        virDomainObjListRemove(driver->base.domains, obj);
}

int
testDomainSaveConfig(testDriver *driver, virDomainObj *obj)
{
    if (!driver->base.store || !obj->persistent)
        return 0;
    return virDomainStoreSaveConfig(driver->base.store, virDomainObjGetPersistentDef(obj));
}

virDomainObj *
testDomainObjActive(virDomainPtr dom)
{
    virDomainObj *obj = virDomainDriverObjFromDomain(dom);

    if (obj && testDomainCheckActive(obj) < 0)
        virDomainObjEndAPI(&obj);
    return obj;
}

int
testDomainCheckActive(virDomainObj *obj)
{
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, _("domain '%s' is not running"),
                       obj->def->name);
        return -1;
    }
    return 0;
}

static void
testDomainStartOne(virDomainObj *obj, void *opaque)
{
    testDriver *driver = opaque;

    if (!obj->autostart || virDomainObjIsActive(obj))
        return;
    if (testDomainStartObj(driver, obj, VIR_DOMAIN_RUNNING_BOOTED, false) < 0) {
        VIR_WARN("cannot autostart domain '%s': %s", obj->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
}

void
testDomainStartAutostart(testDriver *driver)
{
    virDomainObjListForEach(driver->base.domains, testDomainStartOne, driver);
}

/* ---- definition ---------------------------------------------------- */

virDomainPtr
testDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;

    virCheckFlags(VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &driver->xmlopt,
                                        (flags & VIR_DOMAIN_DEFINE_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = virDomainObjListAdd(driver->base.domains, def, &existing))) {
        virDomainDefFree(def);
        return NULL;
    }
    /* the file first: if it cannot be written, nothing changes */
    if (driver->base.store && virDomainStoreSaveConfig(driver->base.store, def) < 0) {
        if (existing)
            virDomainDefFree(def);
        else
            virDomainObjListRemove(driver->base.domains, obj);
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    if (existing)
        virDomainObjAssignConfig(obj, def);
    obj->persistent = true;
    return virDomainDriverHandle(conn, obj);
}

int
testDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

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
    if (obj->hasManagedSave && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' has a managed save image: remove it, or pass VIR_DOMAIN_UNDEFINE_MANAGED_SAVE"),
                       obj->def->name);
        goto cleanup;
    }
    if (driver->base.store && virDomainStoreDeleteConfig(driver->base.store, obj->def->name) < 0)
        goto cleanup;
    obj->hasManagedSave = false;
    obj->autostart = false;
    obj->persistent = false;
    if (virDomainObjIsActive(obj))
        g_clear_pointer(&obj->newDef, virDomainDefFree);    /* keeps running, transient */
    else
        virDomainObjListRemove(driver->base.domains, obj);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

virDomainPtr
testDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    virDomainDef *def;
    virDomainObj *obj;
    virDomainPtr dom = NULL;
    bool existing;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &driver->xmlopt,
                                        (flags & VIR_DOMAIN_START_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (!(obj = virDomainObjListAdd(driver->base.domains, def, &existing))) {
        virDomainDefFree(def);
        return NULL;
    }
    if (existing) {
        if (virDomainObjIsActive(obj)) {
            virReportError(VIR_ERR_OPERATION_INVALID, _("domain '%s' is already running"),
                           def->name);
            virDomainDefFree(def);
            goto cleanup;
        }
        /* runs with the new definition; the configuration waits */
        obj->newDef = obj->def;
        obj->def = def;
    }
    if (testDomainStartObj(driver, obj, VIR_DOMAIN_RUNNING_BOOTED,
                           flags & VIR_DOMAIN_START_PAUSED) < 0) {
        if (!existing)
            virDomainObjListRemove(driver->base.domains, obj);
        goto cleanup;
    }
    dom = virGetDomain(conn, obj->def->name, obj->uuid, obj->id);
 cleanup:
    virDomainObjEndAPI(&obj);
    return dom;
}

int
testDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    virDomainObj *obj;
    int reason = VIR_DOMAIN_RUNNING_BOOTED;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_FORCE_BOOT, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (obj->hasManagedSave && !(flags & VIR_DOMAIN_START_FORCE_BOOT))
        reason = VIR_DOMAIN_RUNNING_RESTORED;
    if (testDomainStartObj(driver, obj, reason, flags & VIR_DOMAIN_START_PAUSED) < 0)
        goto cleanup;
    obj->hasManagedSave = false;
    virDomainHandleSetID(dom, obj->id);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}
