/*
 * lve_tune.c: memory, vcpus and pinning of LVE domains
 *
 * SetMemory is pmem, SetVcpus is ncpu, PinVcpu chooses the CPUs of the
 * LVE's cpuset (the union of its vcpus' pins; the first ncpu of them are
 * used).  Every change is made on copies of the definitions it applies to,
 * checked, given to the kernel, saved, and only then swapped in: a refused
 * change leaves nothing half done.
 */
#include "internal.h"

#include "lve_domain.h"
#include "lve_private.h"
#include "lve_tune.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* ---- changes ------------------------------------------------------- */

virDomainObj *
lveDomainBeginChange(virDomainPtr dom, unsigned int flags, virDomainDef **live,
                     virDomainDef **pers)
{
    virDomainObj *obj = virDomainDriverObjFromDomain(dom);

    *live = *pers = NULL;
    if (!obj)
        return NULL;
    /* copies, and nothing split from the object yet: a refused change
     * leaves it exactly as it was (virDomainIsUpdated included) */
    if (virDomainObjUpdateModificationImpact(obj, &flags) < 0) {
        virDomainObjEndAPI(&obj);
        return NULL;
    }
    if (flags & VIR_DOMAIN_AFFECT_LIVE)
        *live = virDomainDefCopy(obj->def);
    if (flags & VIR_DOMAIN_AFFECT_CONFIG)
        *pers = virDomainDefCopy(virDomainObjGetPersistentDef(obj));
    return obj;
}

int
lveDomainApplyLive(lveDriver *driver, virDomainObj *obj, const virDomainDef *live,
                   unsigned int mask)
{
    g_autoptr(virBitmap) cpus = lveDomainPlacement(driver, live);
    lveLimits lim;

    lveDomainEffective(driver, live, &lim);
    return driver->backend->ops->setLimits(driver->backend, lveDomainId(obj), &lim, cpus, mask);
}

/* Puts the changed copies in place: the kernel first, then the file. */
static int
lveDomainCommit(lveDriver *driver, virDomainObj *obj, virDomainDef **live,
                virDomainDef **pers, unsigned int mask)
{
    if (*pers && lveDomainDetachStatus(driver, obj) < 0)
        return -1;
    if (*live && mask && lveDomainApplyLive(driver, obj, *live, mask) < 0)
        return -1;
    if (*pers && virDomainStoreSaveConfig(driver->base.store, *pers) < 0) {
        virErrorPtr saved = NULL;

        /* the running LVE goes back to what it had */
        virErrorPreserveLast(&saved);
        if (*live && mask && lveDomainApplyLive(driver, obj, obj->def, mask) < 0)
            VIR_WARN("LVE %u: cannot restore its limits", lveDomainId(obj));
        virErrorRestore(&saved);
        return -1;
    }
    if (*live) {
        /* the first live change of a running persistent domain splits it:
         * the definition it ran with stays its configuration */
        if (obj->persistent && !obj->newDef)
            obj->newDef = obj->def;
        else
            virDomainDefFree(obj->def);
        obj->def = g_steal_pointer(live);
        if (lveDomainSaveStatus(driver, obj) < 0) {
            VIR_WARN("domain '%s': %s", obj->def->name, virGetLastErrorMessage());
            virResetLastError();
        }
    }
    if (*pers)
        virDomainObjAssignConfig(obj, g_steal_pointer(pers));
    return 0;
}

int
lveDomainEndChange(lveDriver *driver, virDomainObj **obj, virDomainDef *live,
                   virDomainDef *pers, unsigned int mask, int rc)
{
    if (rc == 0)
        rc = lveDomainCommit(driver, *obj, &live, &pers, mask);
    virDomainDefFree(live);
    virDomainDefFree(pers);
    virDomainObjEndAPI(obj);
    return rc;
}

/* ---- memory -------------------------------------------------------- */

/* Applies SetMemory to @def: the maximum (configuration only) or pmem. */
static int
lveDomainSetMemoryDef(virDomainDef *def, unsigned long memory, unsigned int flags, bool live)
{
    if (memory == 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("memory must be more than 0 KiB"));
        return -1;
    }
    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("cannot change the maximum memory of running domain '%s'"), def->name);
            return -1;
        }
        if (memory > VIR_DOMAIN_MEMORY_MAX_KIB) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("maximum memory %lu KiB is too large (the limit is %llu KiB)"),
                           memory, VIR_DOMAIN_MEMORY_MAX_KIB);
            return -1;
        }
        def->maxMemory = memory;
        if (def->curMemory > memory)
            def->curMemory = memory;
        lveDefSyncLimits(def);
        return 0;
    }
    if (memory > def->maxMemory) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cannot set the memory of domain '%s' to %lu KiB: its maximum is %llu KiB"),
                       def->name, memory, def->maxMemory);
        return -1;
    }
    if (lveLimitCheck(LVE_LIMIT_PMEM, memory, def->name) < 0)
        return -1;
    def->curMemory = memory;
    lveDefLimits(def)->value[LVE_LIMIT_PMEM] = memory;
    return 0;
}

int
lveDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainDef *live, *pers;
    virDomainObj *obj;
    int rc = 0;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM, -1);
    if (!(obj = lveDomainBeginChange(dom, flags, &live, &pers)))
        return -1;
    if ((live && lveDomainSetMemoryDef(live, memory, flags, true) < 0) ||
        (pers && lveDomainSetMemoryDef(pers, memory, flags, false) < 0))
        rc = -1;
    return lveDomainEndChange(driver, &obj, live, pers, LVE_BIT(LVE_LIMIT_PMEM), rc);
}

/* ---- vcpus --------------------------------------------------------- */

static int
lveDomainSetVcpusDef(lveDriver *driver, virDomainDef *def, unsigned int nvcpus,
                     unsigned int flags, bool live)
{
    if (flags & VIR_DOMAIN_VCPU_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("cannot change the maximum vcpus of running domain '%s'"), def->name);
            return -1;
        }
        virDomainDefSetMaxVcpus(def, nvcpus);
    } else if (nvcpus > def->maxvcpus) {
        virReportError(VIR_ERR_INVALID_ARG, _("cannot give domain '%s' %u vcpus: its maximum is %u"),
                       def->name, nvcpus, def->maxvcpus);
        return -1;
    } else if (live && nvcpus > driver->base.hostcpus) {
        virReportError(VIR_ERR_INVALID_ARG, _("cannot give LVE %d %u CPUs: this host has %zu"),
                       def->fixedId, nvcpus, driver->base.hostcpus);
        return -1;
    } else {
        def->vcpus = nvcpus;
    }
    lveDefSyncLimits(def);
    return 0;
}

int
lveDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainDef *live, *pers;
    virDomainObj *obj;
    int rc = 0;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM |
                  VIR_DOMAIN_VCPU_GUEST | VIR_DOMAIN_VCPU_HOTPLUGGABLE, -1);
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("an LVE has no guest agent: its vcpus are its ncpu limit"));
        return -1;
    }
    if (nvcpus == 0 || nvcpus > LVE_MAX_VCPUS) {
        virReportError(VIR_ERR_INVALID_ARG, _("an LVE has 1 to %d vcpus, not %u"),
                       LVE_MAX_VCPUS, nvcpus);
        return -1;
    }
    if (!(obj = lveDomainBeginChange(dom, flags, &live, &pers)))
        return -1;
    if ((live && lveDomainSetVcpusDef(driver, live, nvcpus, flags, true) < 0) ||
        (pers && lveDomainSetVcpusDef(driver, pers, nvcpus, flags, false) < 0))
        rc = -1;
    return lveDomainEndChange(driver, &obj, live, pers, LVE_BIT(LVE_LIMIT_NCPU), rc);
}

