/*
 * lve_tune.c: what a change to a domain means for its LVE
 *
 * SetMemory is pmem, SetVcpus is ncpu, PinVcpu chooses the CPUs of the
 * LVE's cpuset (a CPU of each vcpu's pin: lveDomainPlacement); the tunables (lve_params.c) are the other limits.  The shared
 * transaction (virDomainDriverUpdate) makes each change on copies; these
 * hooks keep the limits in step with the generic fields, refuse what the
 * LVE cannot take, and give a running LVE its new limits.
 */
#include "internal.h"

#include "lve_enter.h"
#include "lve_run.h"
#include "lve_tune.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* Limits @mask of @def that the backend cannot hold are refused. */
static int
lveDomainCheckHeld(lveDriver *driver, const virDomainDef *def, unsigned int mask)
{
    const lveOps *ops = driver->backend->ops;
    g_autoptr(virBitmap) cpus = NULL;
    lveLimits lim;

    if (!mask || !ops->checkLimits)
        return 0;
    lveDomainEffective(driver, def, &lim);
    cpus = lveDomainPlacement(driver, def);
    return ops->checkLimits(driver->backend, def->fixedId, &lim, cpus, mask);
}

/* The limits a change touches. */
static unsigned int
lveChangeLimits(unsigned int changes)
{
    unsigned int mask = 0;

    if (changes & (VIR_DOMAIN_DRIVER_CHANGE_MEMORY | VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY))
        mask |= LVE_BIT(LVE_LIMIT_PMEM);
    if (changes & (VIR_DOMAIN_DRIVER_CHANGE_VCPUS | VIR_DOMAIN_DRIVER_CHANGE_PIN))
        mask |= LVE_BIT(LVE_LIMIT_NCPU);
    if (changes & VIR_DOMAIN_DRIVER_CHANGE_SCHED)
        mask |= LVE_BIT(LVE_LIMIT_SPEED);
    if (changes & VIR_DOMAIN_DRIVER_CHANGE_MEMTUNE)
        mask |= LVE_BIT(LVE_LIMIT_PMEM) | LVE_BIT(LVE_LIMIT_VMEM);
    if (changes & VIR_DOMAIN_DRIVER_CHANGE_BLKIO)
        mask |= LVE_BIT(LVE_LIMIT_IO) | LVE_BIT(LVE_LIMIT_IOPS);
    return mask;
}

int
lveDomainHookCheckChange(virDomainDriverBase *base, const virDomainDef *def, bool live,
                         virDomainDriverChange change)
{
    lveDriver *driver = lveDriverFromBase(base);

    /* a definition that is not running is checked now, not at its start:
     * the live path's error, when the user can still change the value */
    if (!live && lveDomainCheckHeld(driver, def, lveChangeLimits(change)) < 0)
        return -1;
    switch (change) {
    case VIR_DOMAIN_DRIVER_CHANGE_MEMORY:
        return lveLimitCheck(LVE_LIMIT_PMEM, lveDefLimits(def)->value[LVE_LIMIT_PMEM],
                             def->name);
    case VIR_DOMAIN_DRIVER_CHANGE_VCPUS:
        if (live && def->vcpus > base->hostcpus) {
            virReportError(VIR_ERR_INVALID_ARG, _("cannot give LVE %d %u CPUs: this host has %zu"),
                           def->fixedId, def->vcpus, base->hostcpus);
            return -1;
        }
        return 0;
    case VIR_DOMAIN_DRIVER_CHANGE_PIN:
        if (!driver->backend->ops->cpuPlacement) {
            virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                           _("the %s backend cannot choose the CPUs of an LVE (NCPU is only a count)"),
                           driver->backend->ops->name);
            return -1;
        }
        return 0;
    default:
        return 0;
    }
}

/* ncpu is the vcpu count and pmem the current memory: a SetMemory sets
 * pmem, where a change of the maximum or the vcpus keeps an unlimited
 * pmem unlimited. */
void
lveDomainHookSyncDef(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                     virDomainDriverChange change)
{
    lveLimits *lim = lveDefLimits(def);

    if (change == VIR_DOMAIN_DRIVER_CHANGE_MEMORY) {
        lim->value[LVE_LIMIT_PMEM] = def->curMemory;
        lim->set |= LVE_BIT(LVE_LIMIT_PMEM);
    } else if (change == VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY ||
               change == VIR_DOMAIN_DRIVER_CHANGE_VCPUS) {
        lveDefSyncLimits(def);
    }
}

int
lveDomainHookApplyLive(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *from,
                       const virDomainDef *to, unsigned int changes)
{
    lveDriver *driver = lveDriverFromBase(base);
    unsigned int mask = lveChangeLimits(changes);

    if ((changes & VIR_DOMAIN_DRIVER_CHANGE_SHARING) && from->nosharepages != to->nosharepages)
        return lveDomainShareTasks(driver, obj, !to->nosharepages);
    if (mask) {
        g_autoptr(virBitmap) cpus = lveDomainPlacement(driver, to);
        lveLimits lim;

        lveDomainEffective(driver, to, &lim);
        return driver->backend->ops->setLimits(driver->backend, lveDomainId(obj), &lim, cpus,
                                               mask);
    }
    return 0;
}
