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
