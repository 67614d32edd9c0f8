/*
 * lve_lifecycle.c: stopping, restarting, freezing LVE domains, and what
 * they report about themselves
 *
 * An LVE runs no guest: "shutdown" is SIGTERM to every task in it, a grace
 * period, then destroy; "reboot" is destroy and set up again with the
 * same id.  The grace period is the URI's shutdown_timeout= (seconds).
 */
#include "internal.h"

#include <signal.h>

#include "lve_domain.h"
#include "lve_private.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define LVE_POLL_US 20000

/* SIGTERM to every task, then waits up to the grace period for them to
 * go.  Returns the tasks left, or -1 when they cannot be listed. */
static int
lveDomainTerminate(lveDriver *driver, unsigned int id)
{
    lveBackend *be = driver->backend;
    gint64 deadline = g_get_monotonic_time() + (gint64)driver->shutdownTimeoutMs * 1000;
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guint i;

    if (be->ops->listTasks(be, id, pids) < 0)
        return -1;
    for (i = 0; i < pids->len; i++) {
        VIR_DEBUG("LVE %u: SIGTERM to %d", id, (int)g_array_index(pids, pid_t, i));
        kill(g_array_index(pids, pid_t, i), SIGTERM);
    }
    while (pids->len && g_get_monotonic_time() < deadline) {
        g_usleep(LVE_POLL_US);
        g_array_set_size(pids, 0);
        if (be->ops->listTasks(be, id, pids) < 0)
            return -1;
    }
    return pids->len;
}

/* Frozen tasks would not see SIGTERM: a paused LVE is thawed first. */
static int
lveDomainThawForSignal(lveDriver *driver, virDomainObj *obj)
{
    if (obj->state != VIR_DOMAIN_PAUSED)
        return 0;
    if (driver->backend->ops->freeze(driver->backend, lveDomainId(obj), false) < 0)
        return -1;
    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    return 0;
}

int
lveDomainShutdownFlags(virDomainPtr dom, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    /* no ACPI, agent or initctl in an LVE: signals are what it knows */
    virCheckFlags(VIR_DOMAIN_SHUTDOWN_SIGNAL, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (lveDomainCheckActive(obj) < 0 || lveDomainThawForSignal(driver, obj) < 0)
        goto cleanup;
    if (lveDomainTerminate(driver, lveDomainId(obj)) < 0) {
        /* tasks that cannot be listed cannot be asked: destroy them */
        VIR_DEBUG("LVE %u: %s", lveDomainId(obj), virGetLastErrorMessage());
        virResetLastError();
    }
    if (lveDomainStopObj(driver, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN) < 0)
        goto cleanup;
    virDomainHandleSetID(dom, -1);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* Destroy and set up again: same id, the same limits, no task. */
static int
lveDomainRestart(lveDriver *driver, virDomainObj *obj)
{
    const lveOps *ops = driver->backend->ops;
    g_autoptr(virBitmap) cpus = lveDomainPlacement(driver, obj->def);
    unsigned int id = lveDomainId(obj);
    lveLimits lim;

    lveDomainEffective(driver, obj->def, &lim);
    if (ops->destroy(driver->backend, id) < 0)
        return -1;
    if (ops->create(driver->backend, id, &lim, cpus) < 0) {
        /* the LVE is gone: the domain stopped */
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        lveDomainStopObj(driver, obj, VIR_DOMAIN_SHUTOFF_FAILED);
        virErrorRestore(&saved);
        return -1;
    }
    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    return lveDomainSaveStatus(driver, obj);
}

static int
lveDomainRebootCommon(virDomainPtr dom, bool honourAction)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int action, ret = -1;

    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (lveDomainCheckActive(obj) < 0)
        goto cleanup;
    action = honourAction ? obj->def->onReboot : VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    if (action == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART ||
        action == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME ||
        action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) {
        ret = lveDomainRestart(driver, obj);
    } else if ((ret = lveDomainStopObj(driver, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN)) == 0) {
        virDomainHandleSetID(dom, -1);
    }
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
lveDomainReboot(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(VIR_DOMAIN_REBOOT_SIGNAL, -1);
    return lveDomainRebootCommon(dom, true);
}

int
lveDomainReset(virDomainPtr dom, unsigned int flags)
{
    virCheckFlags(0, -1);
    return lveDomainRebootCommon(dom, false);
}

int
lveDomainDestroyFlags(virDomainPtr dom, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int left = 0, ret = -1;

    virCheckFlags(VIR_DOMAIN_DESTROY_GRACEFUL | VIR_DOMAIN_DESTROY_REMOVE_LOGS, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (lveDomainCheckActive(obj) < 0)
        goto cleanup;
    /* graceful: SIGTERM only, and fail rather than kill */
    if ((flags & VIR_DOMAIN_DESTROY_GRACEFUL) &&
        (lveDomainThawForSignal(driver, obj) < 0 ||
         (left = lveDomainTerminate(driver, lveDomainId(obj))) < 0))
        goto cleanup;
    if ((flags & VIR_DOMAIN_DESTROY_GRACEFUL) && left > 0) {
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("LVE %u: %d tasks are still running after SIGTERM and %u ms"),
                       lveDomainId(obj), left, driver->shutdownTimeoutMs);
        goto cleanup;
    }
    if (lveDomainStopObj(driver, obj, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
    virDomainHandleSetID(dom, -1);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

static int
lveDomainSetFrozen(virDomainPtr dom, bool frozen)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    const lveOps *ops = driver->backend->ops;
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (lveDomainCheckActive(obj) < 0)
        goto cleanup;
    if ((obj->state == VIR_DOMAIN_PAUSED) == frozen) {
        virReportError(VIR_ERR_OPERATION_INVALID, frozen ? _("domain '%s' is already paused") :
                       _("domain '%s' is not paused"), obj->def->name);
        goto cleanup;
    }
    if (!ops->freeze) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u cannot be suspended: liblve 1.3 offers no way to freeze an LVE"),
                       lveDomainId(obj));
        goto cleanup;
    }
    if (ops->freeze(driver->backend, lveDomainId(obj), frozen) < 0)
        goto cleanup;
    if (frozen)
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    else
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    ret = lveDomainSaveStatus(driver, obj);
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
lveDomainSuspend(virDomainPtr dom)
{
    return lveDomainSetFrozen(dom, true);
}

int
lveDomainResume(virDomainPtr dom)
{
    return lveDomainSetFrozen(dom, false);
}
