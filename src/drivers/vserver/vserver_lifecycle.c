/*
 * vserver_lifecycle.c: a domain's context started, stopped, paused and
 * asked to end
 *
 * Start: a child enters the new context, which is left in setup; the
 * driver sets it up from the host; the child leaves setup and runs the
 * init command (vserver_spawn.c).  Destroy: SIGKILL to every process of
 * the context, then the kernel is asked to say when it is gone (V2
 * wait_exit; a 2003 context, which lives until it is destroyed, is
 * removed once it has no process).  Shutdown: SIGTERM to the context's
 * init (V2; every process under 2003, which knows no init), and back:
 * the domain is booked shut off once the context has ended (a context
 * that ignores it keeps running until destroy).  A graceful destroy
 * waits shutdown_timeout for the same to work, and says so when it did
 * not.  Suspend: the scheduler's pause.
 */
#include "internal.h"

#include <signal.h>

#include "domain_kernel.h"
#include "vserver_context.h"
#include "vserver_lifecycle.h"
#include "vserver_setup.h"
#include "vserver_spawn.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

#define VSERVER_POLL_US 20000
/* how long the processes of a 2003 context may take to die of SIGKILL */
#define VSERVER_KILL_WAIT_MS 10000

bool
vserverDriverIsV2(const vserverDriver *driver)
{
    return vserverBindingGetAbi(driver->binding) == VSERVER_ABI_V2;
}

/* After a refusal: whether the context ended meanwhile (the refusal is
 * then forgotten). */
static bool
vserverContextEndedMeanwhile(vserverDriver *driver, uint32_t xid)
{
    virErrorPtr saved = NULL;
    uint32_t tasks = 0;
    int exists;

    virErrorPreserveLast(&saved);
    exists = vserverContextExists(driver->binding, xid, &tasks);
    if (exists == 0 || (exists > 0 && tasks == 0 && !vserverDriverIsV2(driver))) {
        virFreeError(saved);
        virResetLastError();
        return true;
    }
    virErrorRestore(&saved);
    return false;
}

/* Waits up to @ms for context @xid to end (a 2003 one: to have no
 * process).  Returns the processes left (0: it ended), or -1. */
static int
vserverContextWaitEnd(vserverDriver *driver, uint32_t xid, unsigned int ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)ms * 1000;
    uint32_t tasks = 0;
    int exists;

    for (;;) {
        if ((exists = vserverContextExists(driver->binding, xid, &tasks)) <= 0)
            return exists;
        if (tasks == 0 || g_get_monotonic_time() >= deadline)
            return tasks;
        g_usleep(VSERVER_POLL_US);
    }
}

/* Kills every process of context @xid and waits until it is gone. */
static int
vserverContextEnd(vserverDriver *driver, uint32_t xid)
{
    vserverBinding *b = driver->binding;
    vserverExitInfo info;
    uint32_t tasks = 0;
    bool paused = false;
    int exists, left;

    if ((exists = vserverContextExists(b, xid, &tasks)) <= 0)
        return exists;
    if ((tasks && vserverContextGetPaused(b, xid, &paused) < 0) ||
        (tasks && vserverContextKill(b, xid, 0, SIGKILL) < 0) ||
        /* frozen processes die of it once they are thawed */
        (paused && vserverContextSetPaused(b, xid, false) < 0))
        return vserverContextEndedMeanwhile(driver, xid) ? 0 : -1;
    if (vserverDriverIsV2(driver)) {
        if (vserverContextWaitExit(b, xid, &info) < 0 &&
            !vserverContextEndedMeanwhile(driver, xid))
            return -1;
        return 0;
    }
    if ((left = vserverContextWaitEnd(driver, xid, VSERVER_KILL_WAIT_MS)) < 0)
        return -1;
    if (left > 0) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("VServer context %u: %d processes are still in it after SIGKILL"),
                       xid, left);
        return -1;
    }
    /* a 2003 context lives until it is destroyed */
    return vserverContextExists(b, xid, NULL) > 0 ? vserverContextDestroy(b, xid) : 0;
}

/* A context this domain did not make is not taken over; an empty 2003
 * one, which a domain whose processes ended leaves, is removed. */
static int
vserverContextCheckFree(vserverDriver *driver, const virDomainDef *def)
{
    uint32_t xid = def->fixedId;
    uint32_t tasks = 0;
    int exists;

    if ((exists = vserverContextExists(driver->binding, xid, &tasks)) <= 0)
        return exists;
    if (!vserverDriverIsV2(driver) && tasks == 0)
        return vserverContextDestroy(driver->binding, xid);
    virReportError(VIR_ERR_OPERATION_INVALID,
                   _("domain '%s' cannot start: VServer context %u already exists, with %u processes"),
                   def->name, xid, tasks);
    return -1;
}

int
vserverDomainHookStart(virDomainDriverBase *base, virDomainObj *obj, bool paused,
                       int *id G_GNUC_UNUSED)
{
    vserverDriver *driver = vserverDriverFromBase(base);
    const virDomainDef *def = obj->def;
    uint32_t xid = vserverDomainXid(obj);
    g_autoptr(vserverDefRun) run = NULL;
    g_autoptr(vserverSpawn) sp = NULL;
    vserverSpawnExec exec;

    if (def->vcpus > base->hostcpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%s' cannot start with %u vcpus: this host has %zu CPUs"),
                       def->name, def->vcpus, base->hostcpus);
        return -1;
    }
    if (vserverContextCheckFree(driver, def) < 0)
        return -1;
    run = vserverDefRunNew(def);
    exec = (vserverSpawnExec) { run->root, run->initdir, run->argv, run->envp, run->nnets > 0 };
    if (!(sp = vserverSpawnNew(driver->binding, xid, &exec)) ||
        vserverSetupContext(driver, xid, def, run) < 0)
        return -1;
    if (vserverSpawnRun(sp) < 0 ||
        (paused && vserverContextSetPaused(driver->binding, xid, true) < 0)) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        if (vserverContextEnd(driver, xid) < 0)
            VIR_WARN("domain '%s': cannot undo a failed start: %s", def->name,
                     virGetLastErrorMessage());
        vserverSetupRemoveNetDevs(driver, xid, def);
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}

int
vserverDomainHookStop(virDomainDriverBase *base, virDomainObj *obj)
{
    vserverDriver *driver = vserverDriverFromBase(base);

    if (vserverContextEnd(driver, vserverDomainXid(obj)) < 0)
        return -1;
    vserverSetupRemoveNetDevs(driver, vserverDomainXid(obj), obj->def);
    return 0;
}

int
vserverDomainHookFreeze(virDomainDriverBase *base, virDomainObj *obj, bool frozen)
{
    return vserverContextSetPaused(vserverDriverFromBase(base)->binding, vserverDomainXid(obj),
                                   frozen);
}

/* SIGTERM to the context's init (@all: to every process). */
static int
vserverContextAskToEnd(vserverDriver *driver, uint32_t xid, bool all)
{
    vserverContextInfo info = { 0 };

    /* a 2003 context has no init: every process is asked */
    if (!all && vserverDriverIsV2(driver) &&
        vserverContextGetInfo(driver->binding, xid, &info) < 0)
        return -1;
    VIR_DEBUG("VServer context %u: SIGTERM to %s", xid, info.initpid ? "its init" : "every process");
    if (vserverContextKill(driver->binding, xid, info.initpid ? 1 : 0, SIGTERM) < 0)
        return vserverContextEndedMeanwhile(driver, xid) ? 0 : -1;
    return 0;
}

/* Asks, then waits; fails saying how many processes ignored it. */
static int
vserverDomainAskAndWait(vserverDriver *driver, virDomainObj *obj, bool all)
{
    uint32_t xid = vserverDomainXid(obj);
    int left;

    if (virDomainDriverThaw(&driver->base, obj) < 0 ||
        vserverContextAskToEnd(driver, xid, all) < 0 ||
        (left = vserverContextWaitEnd(driver, xid, driver->shutdownTimeoutMs)) < 0)
        return -1;
    if (left == 0)
        return 0;
    virReportError(VIR_ERR_OPERATION_TIMEOUT,
                   _("domain '%s' (context %u) ignores the request to end: %d processes still run %u s after SIGTERM to %s (virDomainDestroy ends them)"),
                   obj->def->name, xid, left, driver->shutdownTimeoutMs / 1000,
                   all ? _("every process") : _("its init"));
    return -1;
}

/* SIGTERM to the init, and back at once, as libvirt's drivers answer
 * (virsh: "is being shutdown"): the shared layer books the domain shut
 * off once the context has ended, in whichever process looks next, and
 * the stop hook then removes what is left (a 2003 context, the network
 * devices).  An init that ignores it runs on until destroy. */
int
vserverDomainHookShutdown(virDomainDriverBase *base, virDomainObj *obj,
                          unsigned int flags G_GNUC_UNUSED)
{
    vserverDriver *driver = vserverDriverFromBase(base);

    if (virDomainDriverThaw(&driver->base, obj) < 0 ||
        vserverContextAskToEnd(driver, vserverDomainXid(obj), false) < 0)
        return -1;
    return VIR_DOMAIN_DRIVER_SHUTDOWN_ASKED;
}

int
vserverDomainHookTerminate(virDomainDriverBase *base, virDomainObj *obj)
{
    return vserverDomainAskAndWait(vserverDriverFromBase(base), obj, true);
}

/* The kernel is the truth: a V2 context exists while it has processes;
 * a 2003 one until it is destroyed, so it runs while it has processes. */
int
vserverDomainHookStillRunning(virDomainDriverBase *base, virDomainObj *obj)
{
    vserverDriver *driver = vserverDriverFromBase(base);
    uint32_t tasks = 0;
    int exists = vserverContextExists(driver->binding, vserverDomainXid(obj), &tasks);

    if (exists <= 0 || vserverDriverIsV2(driver))
        return exists;
    return tasks > 0;
}
