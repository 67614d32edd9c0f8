/*
 * domain_lifecycle.c: the shared methods that define, start, stop, pause
 * and power-cycle a domain, around the driver's hooks
 *
 * Each method checks its flags, the domain's state and whether it is
 * transient, then asks the driver's hook for what only the driver can do,
 * and keeps the books (ids, states, status files, the list) itself.
 */
#include "internal.h"

#include "domain_events.h"
#include "domain_kernel.h"
#include "domain_lifecycle.h"
#include "domain_sync.h"
#include "driver.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* ---- definition ---------------------------------------------------- */

virDomainPtr
sharedDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainPtr dom;
    virDomainDef *def;
    virDomainObj *obj;
    bool existing;

    virDomainDriverCheckFlags(conn, VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &base->xmlopt,
                                        (flags & VIR_DOMAIN_DEFINE_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (virDomainDriverLockRoot(base) < 0) {
        virDomainDefFree(def);
        return NULL;
    }
    if (virDomainDriverReplaceBroken(base, def->name) < 0 ||
        !(obj = virDomainDriverObjAdd(base, def, &existing))) {
        virDomainDefFree(def);
        virDomainDriverUnlockRoot(base);
        return NULL;
    }
    /* the file first: if it cannot be written, nothing changes; a new
     * domain has not stopped yet, whatever one of its name did */
    if ((existing && virDomainDriverDetachStatus(base, obj) < 0) ||
        (base->store && virDomainStoreSaveConfig(base->store, def) < 0) ||
        (!existing && base->keepStatus && virDomainStoreDeleteStop(base->store, def->name) < 0)) {
        if (existing)
            virDomainDefFree(def);
        else
            virDomainDriverObjRemove(base, obj);
        virDomainDriverEndChange(base, &obj);
        return NULL;
    }
    if (existing)
        virDomainObjAssignConfig(obj, def);
    obj->persistent = true;
    virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_DEFINED,
                                 existing ? VIR_DOMAIN_EVENT_DEFINED_UPDATED :
                                            VIR_DOMAIN_EVENT_DEFINED_ADDED);
    dom = virGetDomain(conn, obj->def->name, obj->uuid, obj->id);
    virDomainDriverEndChange(base, &obj);
    return dom;
}

int
sharedDomainUndefineFlags(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    /* no driver keeps snapshots, NVRAM or TPM state to keep or drop */
    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE |
                              VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                              VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                              VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA |
                              VIR_DOMAIN_UNDEFINE_TPM | VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);
    if (!(obj = virDomainDriverBeginChangeAny(dom)))
        return -1;
    if (!obj->persistent) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' is transient: there is no configuration to undefine"),
                             obj->def->name);
        goto cleanup;
    }
    /* what does not load is set aside, not lost */
    if (obj->configError) {
        ret = virDomainDriverSetAside(base, obj);
        goto cleanup;
    }
    if (obj->hasManagedSave && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' has a managed save image: remove it, or pass VIR_DOMAIN_UNDEFINE_MANAGED_SAVE"),
                             obj->def->name);
        goto cleanup;
    }
    if (virDomainDriverDetachStatus(base, obj) < 0 ||
        (base->store && virDomainStoreDeleteConfig(base->store, obj->def->name) < 0))
        goto cleanup;
    obj->hasManagedSave = false;
    obj->autostart = false;
    obj->persistent = false;
    virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                                 VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    if (virDomainObjIsActive(obj))
        g_clear_pointer(&obj->newDef, virDomainDefFree);    /* keeps running, transient */
    else
        virDomainDriverObjRemove(base, obj);
    ret = 0;
 cleanup:
    virDomainDriverEndChange(base, &obj);
    return ret;
}

virDomainObj *
virDomainDriverCreateDef(virDomainDriverBase *base, virDomainDef *def, int reason, bool paused,
                         const char *from)
{
    virDomainObj *obj;
    bool existing;

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
    if (virDomainDriverStartObjFrom(base, obj, reason, paused, from) < 0) {
        if (existing) {
            virDomainDefFree(obj->def);
            obj->def = g_steal_pointer(&obj->newDef);
        } else {
            virDomainDriverObjRemove(base, obj);
        }
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    return obj;
}

virDomainPtr
sharedDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    virDomainPtr dom;
    virDomainDef *def;

    virDomainDriverCheckFlags(conn, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_VALIDATE, NULL);
    if (!(def = virDomainDefParseString(xml, &base->xmlopt,
                                        (flags & VIR_DOMAIN_START_VALIDATE) ?
                                        VIR_DOMAIN_DEF_PARSE_VALIDATE : 0)))
        return NULL;
    if (virDomainDriverLockRoot(base) < 0) {
        virDomainDefFree(def);
        return NULL;
    }
    dom = virDomainDriverNewHandle(conn, virDomainDriverCreateDef(base, def,
                                                                   VIR_DOMAIN_RUNNING_BOOTED,
                                                                   flags & VIR_DOMAIN_START_PAUSED,
                                                                   NULL));
    virDomainDriverUnlockRoot(base);
    return dom;
}

int
sharedDomainCreateWithFlags(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int reason = VIR_DOMAIN_RUNNING_BOOTED;
    int ret = -1;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_FORCE_BOOT, -1);
    if (!(obj = virDomainDriverBeginChange(dom)))
        return -1;
    /* a managed save image is a saved domain: starting it is restoring */
    if (obj->hasManagedSave && !(flags & VIR_DOMAIN_START_FORCE_BOOT))
        reason = VIR_DOMAIN_RUNNING_RESTORED;
    if (virDomainDriverStartObj(base, obj, reason, flags & VIR_DOMAIN_START_PAUSED) < 0)
        goto cleanup;
    obj->hasManagedSave = false;
    virDomainHandleSetID(dom, obj->id);
    ret = 0;
 cleanup:
    virDomainDriverEndChange(base, &obj);
    return ret;
}

/* ---- stopping and power cycles ------------------------------------- */

int
sharedDomainDestroyFlags(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_DESTROY_GRACEFUL |
                              VIR_DOMAIN_DESTROY_REMOVE_LOGS, -1);
    if (!(obj = virDomainDriverBeginChange(dom)))
        return -1;
    if (virDomainDriverCheckActive(base, obj) < 0)
        goto cleanup;
    /* graceful: ask, and fail rather than kill */
    if ((flags & VIR_DOMAIN_DESTROY_GRACEFUL) && base->hooks->terminate &&
        base->hooks->terminate(base, obj) < 0)
        goto cleanup;
    if (virDomainDriverStopObj(base, obj, VIR_DOMAIN_SHUTOFF_DESTROYED) < 0)
        goto cleanup;
    virDomainHandleSetID(dom, -1);
    ret = 0;
 cleanup:
    virDomainDriverEndChange(base, &obj);
    return ret;
}

static bool
virDomainLifecycleActionRestarts(int action)
{
    return action == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART ||
           action == VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME ||
           action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART;
}

/* A restart the driver leaves to the shared layer: stop, then start the
 * same definition again; a domain that does not come back has stopped. */
static int
virDomainDriverRestartObj(virDomainDriverBase *base, virDomainObj *obj)
{
    virErrorPtr saved = NULL;
    int id = obj->id;

    if (base->hooks->stop(base, obj) < 0)
        return -1;
    /* a hypervisor may give it a new id (a Xen guest built again) */
    if (base->hooks->start(base, obj, false, &id) == 0 &&
        (id < 0 || id == obj->id || virDomainObjListSetID(base->domains, obj, id) == 0))
        return 0;
    virErrorPreserveLast(&saved);
    virDomainDriverObjStopped(base, obj, VIR_DOMAIN_SHUTOFF_FAILED);
    virErrorRestore(&saved);
    return -1;
}

/* What a guest that powered off or rebooted does next: start over with
 * the same id, or stop with @reason. */
static int
virDomainDriverApplyAction(virDomainDriverBase *base, virDomainObj *obj, int action, int reason)
{
    if (!virDomainLifecycleActionRestarts(action))
        return virDomainDriverStopObj(base, obj, reason);
    if (!base->hooks->restart) {
        if (virDomainDriverRestartObj(base, obj) < 0)
            return -1;
    } else if (base->hooks->restart(base, obj) < 0) {
        return -1;
    }
    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    return virDomainDriverSaveStatus(base, obj);
}

int
virDomainDriverEndAction(const virDomainDef *def, virDomainDriverFate fate)
{
    switch (fate) {
    case VIR_DOMAIN_DRIVER_FATE_REBOOT:
        return def->onReboot ? def->onReboot : VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    case VIR_DOMAIN_DRIVER_FATE_CRASH:
        return def->onCrash ? def->onCrash : VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    case VIR_DOMAIN_DRIVER_FATE_POWEROFF:
    case VIR_DOMAIN_DRIVER_FATE_RUNS:
    case VIR_DOMAIN_DRIVER_FATE_GONE:
        break;
    }
    return def->onPoweroff ? def->onPoweroff : VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
}

void
virDomainDriverEndState(virDomainDriverFate fate, int *state, int *reason)
{
    bool crash = fate == VIR_DOMAIN_DRIVER_FATE_CRASH;

    *state = crash ? VIR_DOMAIN_CRASHED : VIR_DOMAIN_SHUTDOWN;
    if (reason)
        *reason = crash ? VIR_DOMAIN_CRASHED_PANICKED : VIR_DOMAIN_SHUTDOWN_USER;
}

int
virDomainDriverObjEnded(virDomainDriverBase *base, virDomainObj *obj, virDomainDriverFate fate,
                        bool write)
{
    int action = virDomainDriverEndAction(obj->def, fate);
    int stopReason = fate == VIR_DOMAIN_DRIVER_FATE_CRASH ? VIR_DOMAIN_SHUTOFF_CRASHED :
                     VIR_DOMAIN_SHUTOFF_SHUTDOWN;
    int state, reason;

    virDomainDriverEndState(fate, &state, &reason);
    if (!write || action == VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE) {
        /* it waits, as it is, for destroy (or for a writer) */
        if (obj->state == state)
            return 0;
        virDomainObjSetState(obj, state, reason);
        if (fate == VIR_DOMAIN_DRIVER_FATE_CRASH)
            virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_CRASHED,
                                         VIR_DOMAIN_EVENT_CRASHED_PANICKED);
        return write ? virDomainDriverSaveStatus(base, obj) : 0;
    }
    VIR_DEBUG("domain '%s' stopped by itself (%d): action %d", obj->def->name, fate, action);
    if ((action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY ||
         action == VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) &&
        base->hooks->coreDump && base->hooks->coreDump(base, obj) < 0) {
        /* the action goes on without its dump, as libvirt's does */
        VIR_WARN("domain '%s': no core dump: %s", obj->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
    if (!virDomainLifecycleActionRestarts(action))
        return virDomainDriverApplyAction(base, obj, action, stopReason);
    virDomainDriverEmitStopped(base, obj, stopReason);
    if (virDomainDriverApplyAction(base, obj, action, stopReason) < 0)
        return -1;
    virDomainDriverEmitStarted(base, obj, VIR_DOMAIN_RUNNING_BOOTED, false);
    return 0;
}

static int
virDomainDriverCheckPowerFlags(virDomainPtr dom, unsigned int flags, unsigned int supported,
                               const char *func)
{
    if (flags & ~supported) {
        virDomainDriverReportFlags(dom->conn, flags & ~supported, func);
        return -1;
    }
    return 0;
}

/* The domain was asked and runs on, as libvirt's do until their guest
 * acts: the request is booked in its status, so that whichever process
 * next looks at it (domain_kernel.h) and finds it ended books it shut
 * off (shutdown), with the asking process long gone.  An ended one (an
 * LVE with no task) is booked at once.  Nothing kills a domain that
 * ignores the request: destroy does, as in libvirt. */
static int
virDomainDriverShutdownAsked(virDomainDriverBase *base, virDomainObj *obj)
{
    obj->shutdownAsked = true;
    if (virDomainDriverSaveStatus(base, obj) < 0)
        return -1;
    virDomainDriverSettle(base, obj, true);
    return 0;
}

int
sharedDomainShutdownFlags(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int rc = -1;

    if (virDomainDriverCheckPowerFlags(dom, flags, base->shutdownFlags, __func__) < 0 ||
        !(obj = virDomainDriverBeginChange(dom)))
        return -1;
    if (virDomainDriverCheckActive(base, obj) < 0) {
        rc = -1;
    } else if (!base->hooks->shutdown) {
        rc = virDomainDriverApplyAction(base, obj, obj->def->onPoweroff,
                                        VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    } else if ((rc = base->hooks->shutdown(base, obj, flags)) == VIR_DOMAIN_DRIVER_SHUTDOWN_DONE) {
        virDomainDriverObjStopped(base, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
        rc = 0;
    } else if (rc == VIR_DOMAIN_DRIVER_SHUTDOWN_ASKED) {
        rc = virDomainDriverShutdownAsked(base, obj);
    }
    if (rc == 0)
        virDomainHandleSetID(dom, obj->id);
    virDomainDriverEndChange(base, &obj);
    return rc < 0 ? -1 : 0;
}

/* A reboot does what the domain's on_reboot says; a reset always
 * restarts. */
static int
virDomainDriverRebootWith(virDomainPtr dom, bool reset, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int rc;

    if (!(obj = virDomainDriverBeginChange(dom)))
        return -1;
    if ((rc = virDomainDriverCheckActive(base, obj)) == 0 && !reset && base->hooks->reboot)
        rc = base->hooks->reboot(base, obj, flags);
    else if (rc == 0)
        rc = virDomainDriverApplyAction(base, obj,
                                        reset ? VIR_DOMAIN_LIFECYCLE_ACTION_RESTART :
                                                obj->def->onReboot,
                                        VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    if (rc == 0)
        virDomainHandleSetID(dom, obj->id);
    virDomainDriverEndChange(base, &obj);
    return rc;
}

int
sharedDomainReboot(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);

    if (virDomainDriverCheckPowerFlags(dom, flags, base->rebootFlags, __func__) < 0)
        return -1;
    return virDomainDriverRebootWith(dom, false, flags);
}

int
sharedDomainReset(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverCheckFlags(dom->conn, 0, -1);
    return virDomainDriverRebootWith(dom, true, 0);
}

/* ---- pausing ------------------------------------------------------- */

static int
virDomainDriverSetPaused(virDomainPtr dom, bool paused)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = virDomainDriverBeginChange(dom)))
        return -1;
    if (virDomainDriverCheckActive(base, obj) < 0)
        goto cleanup;
    if ((obj->state == VIR_DOMAIN_PAUSED) == paused) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             paused ? _("domain '%s' is already paused") :
                                      _("domain '%s' is not paused"), obj->def->name);
        goto cleanup;
    }
    if (!base->hooks->freeze) {
        virDomainDriverError(base, VIR_ERR_OPERATION_UNSUPPORTED,
                             _("domain '%s' cannot be suspended: the %s driver cannot freeze a domain"),
                             obj->def->name, dom->conn->driver->name);
        goto cleanup;
    }
    if (base->hooks->freeze(base, obj, paused) < 0)
        goto cleanup;
    if (paused) {
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                     VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
    } else {
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_RESUMED,
                                     VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    }
    ret = virDomainDriverSaveStatus(base, obj);
 cleanup:
    virDomainDriverEndChange(base, &obj);
    return ret;
}

int
sharedDomainSuspend(virDomainPtr dom)
{
    return virDomainDriverSetPaused(dom, true);
}

int
sharedDomainResume(virDomainPtr dom)
{
    return virDomainDriverSetPaused(dom, false);
}

/* ---- save and restore ---------------------------------------------- */

/* A replacement definition given with save or restore must describe the
 * same domain. */
static virDomainDef *
virDomainDriverParseReplacement(virDomainDriverBase *base, const char *dxml,
                                const virDomainDef *orig)
{
    virDomainDef *def = virDomainDefParseString(dxml, &base->xmlopt, 0);

    if (def && (STRNEQ(def->name, orig->name) ||
                memcmp(def->uuid, orig->uuid, VIR_UUID_BUFLEN) != 0)) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("the replacement XML must describe domain '%s' with the same UUID"),
                             orig->name);
        virDomainDefFree(def);
        return NULL;
    }
    return def;
}

int
sharedDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    g_autoptr(virDomainDef) replacement = NULL;
    virDomainObj *obj;
    bool paused;
    int ret = -1;

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                              VIR_DOMAIN_SAVE_PAUSED, -1);
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    if (dxml && !(replacement = virDomainDriverParseReplacement(base, dxml, obj->def)))
        goto cleanup;
    paused = (flags & VIR_DOMAIN_SAVE_PAUSED) ||
             (obj->state == VIR_DOMAIN_PAUSED && !(flags & VIR_DOMAIN_SAVE_RUNNING));
    if (base->hooks->save(base, obj, replacement ? replacement : obj->def, to, paused) < 0)
        goto cleanup;
    virDomainDriverObjStopped(base, obj, VIR_DOMAIN_SHUTOFF_SAVED);
    virDomainHandleSetID(dom, -1);
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
sharedDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                         unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    g_autofree char *xml = NULL;
    virDomainDef *def;
    virDomainObj *obj;
    bool paused;

    virDomainDriverCheckFlags(conn, VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                              VIR_DOMAIN_SAVE_PAUSED, -1);
    if (base->hooks->readSave(base, from, &xml, &paused) < 0 ||
        !(def = virDomainDefParseString(xml, &base->xmlopt, 0)))
        return -1;
    if (dxml) {
        virDomainDef *replacement = virDomainDriverParseReplacement(base, dxml, def);

        virDomainDefFree(def);
        if (!(def = replacement))
            return -1;
    }
    if (flags & VIR_DOMAIN_SAVE_RUNNING)
        paused = false;
    if (flags & VIR_DOMAIN_SAVE_PAUSED)
        paused = true;
    if (virDomainDriverLockRoot(base) < 0) {
        virDomainDefFree(def);
        return -1;
    }
    obj = virDomainDriverCreateDef(base, def, VIR_DOMAIN_RUNNING_RESTORED, paused, from);
    virDomainDriverUnlockRoot(base);
    if (!obj)
        return -1;
    virDomainObjEndAPI(&obj);
    return 0;
}
