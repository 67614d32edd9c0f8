/*
 * lve_lifecycle.c: asking an LVE's tasks to end, and freezing them
 *
 * An LVE runs no guest: "shutdown" is SIGTERM to every task in it, and
 * returns; the LVE is shut off (shutdown) once its last task has gone,
 * by whichever process looks next (the fate hook says when).  A task
 * that ignores SIGTERM keeps it running until destroy, as a guest that
 * ignores ACPI does in libvirt.  A graceful destroy is the SIGTERM and a
 * grace period (the URI's shutdown_timeout=, seconds), failing when
 * tasks are left.  Suspend freezes the LVE where the backend can (the
 * cgroup freezer; liblve 1.3 cannot).
 */
#include "internal.h"

#include <signal.h>

#include "lve_lifecycle.h"
#include "lve_run.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_LVE

#define LVE_POLL_US 20000

/* The LVE's tasks into @pids, SIGTERM to each; -1 when they cannot be
 * listed. */
static int
lveDomainSignalTasks(lveDriver *driver, unsigned int id, GArray *pids)
{
    lveBackend *be = driver->backend;
    guint i;

    if (be->ops->listTasks(be, id, pids) < 0)
        return -1;
    for (i = 0; i < pids->len; i++) {
        VIR_DEBUG("LVE %u: SIGTERM to %d", id, (int)g_array_index(pids, pid_t, i));
        kill(g_array_index(pids, pid_t, i), SIGTERM);
    }
    return 0;
}

/* SIGTERM to every task, then waits up to the grace period for them to
 * go.  Returns the tasks left, or -1 when they cannot be listed. */
static int
lveDomainSignalAndWait(lveDriver *driver, unsigned int id)
{
    lveBackend *be = driver->backend;
    gint64 deadline = g_get_monotonic_time() + (gint64)driver->shutdownTimeoutMs * 1000;
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));

    if (lveDomainSignalTasks(driver, id, pids) < 0)
        return -1;
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

/* No ACPI, agent or initctl in an LVE: signals are what it knows. */
int
lveDomainHookShutdown(virDomainDriverBase *base, virDomainObj *obj,
                      unsigned int flags G_GNUC_UNUSED)
{
    lveDriver *driver = lveDriverFromBase(base);
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));

    if (lveDomainThawForSignal(driver, obj) < 0 ||
        lveDomainSignalTasks(driver, lveDomainId(obj), pids) < 0)
        return -1;
    return VIR_DOMAIN_DRIVER_SHUTDOWN_ASKED;
}

/* An LVE exists until it is destroyed, tasks or none: it has ended when
 * it was asked to shut down and its last task is gone. */
int
lveDomainHookFate(virDomainDriverBase *base, virDomainObj *obj, void *batch G_GNUC_UNUSED)
{
    lveDriver *driver = lveDriverFromBase(base);
    g_autoptr(GArray) pids = NULL;
    int running = lveDomainHookStillRunning(base, obj);

    if (running <= 0)
        return running < 0 ? -1 : VIR_DOMAIN_DRIVER_FATE_GONE;
    if (!obj->shutdownAsked)
        return VIR_DOMAIN_DRIVER_FATE_RUNS;
    pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    if (driver->backend->ops->listTasks(driver->backend, lveDomainId(obj), pids) < 0)
        return -1;
    return pids->len ? VIR_DOMAIN_DRIVER_FATE_RUNS : VIR_DOMAIN_DRIVER_FATE_POWEROFF;
}

int
lveDomainHookTerminate(virDomainDriverBase *base, virDomainObj *obj)
{
    lveDriver *driver = lveDriverFromBase(base);
    int left;

    if (lveDomainThawForSignal(driver, obj) < 0 ||
        (left = lveDomainSignalAndWait(driver, lveDomainId(obj))) < 0)
        return -1;
    if (left > 0) {
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("LVE %u: %d tasks are still running after SIGTERM and %u ms"),
                       lveDomainId(obj), left, driver->shutdownTimeoutMs);
        return -1;
    }
    return 0;
}

int
lveDomainHookFreeze(virDomainDriverBase *base, virDomainObj *obj, bool frozen)
{
    lveDriver *driver = lveDriverFromBase(base);
    const lveOps *ops = driver->backend->ops;

    if (!ops->freeze) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u cannot be suspended: liblve 1.3 offers no way to freeze an LVE"),
                       lveDomainId(obj));
        return -1;
    }
    return ops->freeze(driver->backend, lveDomainId(obj), frozen);
}
