/*
 * vserver_setup.c: a domain's definition given to its context
 *
 * Each setting goes to the kernel through the binding, which says which
 * ABI has which command: a setting the kernel cannot take fails the
 * start with VIR_ERR_NO_SUPPORT naming the command, rather than being
 * dropped.  Values a definition does not give are left as the kernel
 * makes a new context.
 */
#include "internal.h"

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_limits.h"
#include "vserver_net.h"
#include "vserver_setup.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

/* A 2003 network device per interface with a bandwidth: 256 per context. */
#define VSERVER_NETDEVS_PER_CONTEXT 256

static uint32_t
vserverNetDevId(uint32_t xid, size_t i)
{
    return xid * VSERVER_NETDEVS_PER_CONTEXT + i;
}

/* ---- limits and the scheduler -------------------------------------- */

/* The kernel keeps a minimum only for the limits its mask names. */
static int
vserverSetupCheckMinimum(vserverDriver *driver, uint32_t xid, vserverLimit which)
{
    vserverRlimitMask mask;
    unsigned int id = vserverRlimitKernelId(which);

    if (!vserverDriverIsV2(driver))
        return 0;   /* the binding says the 2003 ABI has no minimum */
    if (vserverLimitGetMask(driver->binding, &mask) < 0)
        return -1;
    if (mask.minimum & (1U << id))
        return 0;
    virReportError(VIR_ERR_NO_SUPPORT,
                   _("VServer context %u: this kernel keeps no minimum for the limit %s (get_rlimit_mask)"),
                   xid, vserverRlimitTypeToString(which));
    return -1;
}

static int
vserverSetupRlimit(vserverDriver *driver, uint32_t xid, vserverLimit which,
                   const vserverDefRlimit *lim)
{
    vserverRlimit value = {
        (lim->has & VSERVER_RLIM_HAS_MIN) ? lim->minimum : VSERVER_RLIM_KEEP,
        (lim->has & VSERVER_RLIM_HAS_SOFT) ? lim->soft : VSERVER_RLIM_KEEP,
        (lim->has & VSERVER_RLIM_HAS_HARD) ? lim->hard : VSERVER_RLIM_KEEP,
    };

    if ((lim->has & VSERVER_RLIM_HAS_MIN) && vserverSetupCheckMinimum(driver, xid, which) < 0)
        return -1;
    VIR_DEBUG("VServer context %u: %s %llu/%llu/%llu", xid, vserverRlimitTypeToString(which),
              (unsigned long long)value.minimum, (unsigned long long)value.soft,
              (unsigned long long)value.hard);
    return vserverLimitSet(driver->binding, xid, vserverRlimitKernelId(which), &value);
}

static int
vserverSetupBucket(vserverDriver *driver, uint32_t xid, const vserverDefBucket *bucket)
{
    vserverSched sched = {
        .mask = bucket->has,
        .cpuId = bucket->cpu,
        .fillRate = { bucket->fillRate, bucket->fillRate2 },
        .interval = { bucket->interval, bucket->interval2 },
        .tokens = bucket->tokens,
        .tokensMin = bucket->tokensMin,
        .tokensMax = bucket->tokensMax,
        .prioBias = bucket->prioBias,
    };

    if (bucket->cpu >= 0)
        sched.mask |= VS_VXSM_CPU_ID;
    return vserverSchedSet(driver->binding, xid, &sched);
}

static bool
vserverSchedEqual(const vserverDomainNs *a, const vserverDomainNs *b)
{
    return memcmp(&a->sched, &b->sched, sizeof(a->sched)) == 0 && a->ncpus == b->ncpus &&
           (!a->ncpus || memcmp(a->cpus, b->cpus, sizeof(*a->cpus) * a->ncpus) == 0);
}

int
vserverSetupChanges(vserverDriver *driver, uint32_t xid, const virDomainDef *from,
                    const virDomainDef *to)
{
    const vserverDomainNs *old = from ? vserverDefNs(from) : NULL;
    const vserverDomainNs *ns = vserverDefNs(to);
    size_t i;

    for (i = 0; i < VSERVER_LIMIT_LAST; i++) {
        const vserverDefRlimit *lim = &ns->rlimits[i];

        if (!lim->has || (old && memcmp(lim, &old->rlimits[i], sizeof(*lim)) == 0))
            continue;
        if (vserverSetupRlimit(driver, xid, i, lim) < 0)
            return -1;
    }
    if (old && vserverSchedEqual(old, ns))
        return 0;
    if (ns->sched.has && vserverSetupBucket(driver, xid, &ns->sched) < 0)
        return -1;
    for (i = 0; i < ns->ncpus; i++) {
        if (vserverSetupBucket(driver, xid, &ns->cpus[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- flags, capabilities, names ------------------------------------ */

static int
vserverSetupIdentity(vserverDriver *driver, uint32_t xid, const vserverDomainNs *ns)
{
    static const unsigned int utsFields[] = {
        [VSERVER_UTS_HOSTNAME] = VS_VHIN_NODENAME,
        [VSERVER_UTS_DOMAINNAME] = VS_VHIN_DOMAINNAME,
        [VSERVER_UTS_MACHINE] = VS_VHIN_MACHINE,
        [VSERVER_UTS_RELEASE] = VS_VHIN_RELEASE,
    };
    vserverBinding *b = driver->binding;
    int i;

    if ((ns->flags.set || ns->flags.clear) &&
        vserverContextSetFlags(b, xid, ns->flags.set, ns->flags.set | ns->flags.clear) < 0)
        return -1;
    if ((ns->ccaps.set || ns->ccaps.clear) &&
        vserverContextSetCcaps(b, xid, ns->ccaps.set, ns->ccaps.set | ns->ccaps.clear) < 0)
        return -1;
    if ((ns->bcaps.set || ns->bcaps.clear) &&
        vserverContextSetBcaps(b, xid, ns->bcaps.set, ns->bcaps.set | ns->bcaps.clear) < 0)
        return -1;
    for (i = 0; i < VSERVER_UTS_LAST; i++) {
        if (ns->uts[i] && vserverContextSetName(b, xid, utsFields[i], ns->uts[i]) < 0)
            return -1;
    }
    return 0;
}

/* ---- the file system and the network ------------------------------- */

static int
vserverSetupFiles(vserverDriver *driver, uint32_t xid, const vserverDomainNs *ns,
                  const vserverDefRun *run)
{
    /* a 2003 kernel keeps the root itself; a V2 kernel's processes see
     * the root the init changed to (vserver_spawn.c) */
    if (run->root && !vserverDriverIsV2(driver) &&
        vserverVRootSet(driver->binding, xid, run->root) < 0)
        return -1;
    if (ns->hasDisk &&
        vserverDiskLimitSet(driver->binding, xid, ns->diskSpaceKiB, ns->diskInodes) < 0)
        return -1;
    return 0;
}

static int
vserverSetupNetDev(vserverDriver *driver, uint32_t xid, size_t i, const vserverDefNet *net)
{
    vserverBinding *b = driver->binding;
    uint32_t dev = vserverNetDevId(xid, i);

    if (vserverNetDevCreate(b, dev) < 0)
        return -1;
    if (vserverNetDevAttach(b, dev, xid) < 0 ||
        (net->maxKbps != VSERVER_UNLIMITED && vserverNetDevSetBandwidth(b, dev, true, net->maxKbps) < 0) ||
        (net->minKbps && vserverNetDevSetBandwidth(b, dev, false, net->minKbps) < 0)) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        ignore_value(vserverNetDevDestroy(b, dev));
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}

/* V2: the addresses of the network context (nid = xid) the init made;
 * 2003: of the context itself, and a network device per bandwidth. */
static int
vserverSetupNetwork(vserverDriver *driver, uint32_t xid, const virDomainDef *def,
                    const vserverDefRun *run)
{
    size_t i, j;

    if (run->nnets > VSERVER_NETDEVS_PER_CONTEXT) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, _("domain '%s': at most %d interfaces"),
                       def->name, VSERVER_NETDEVS_PER_CONTEXT);
        return -1;
    }
    for (i = 0; i < run->nnets; i++) {
        const vserverDefNet *net = &run->nets[i];

        for (j = 0; j < net->naddrs; j++) {
            if (vserverNetAddAddress(driver->binding, xid, &net->addrs[j]) < 0)
                return -1;
        }
        if (net->hasBandwidth && vserverSetupNetDev(driver, xid, i, net) < 0)
            return -1;
    }
    return 0;
}

void
vserverSetupRemoveNetDevs(vserverDriver *driver, uint32_t xid, const virDomainDef *def)
{
    g_autoptr(vserverDefRun) run = NULL;
    size_t i;

    if (vserverDriverIsV2(driver))
        return;
    run = vserverDefRunNew(def);
    for (i = 0; i < run->nnets && i < VSERVER_NETDEVS_PER_CONTEXT; i++) {
        if (run->nets[i].hasBandwidth &&
            vserverNetDevDestroy(driver->binding, vserverNetDevId(xid, i)) < 0) {
            VIR_DEBUG("%s", virGetLastErrorMessage());
            virResetLastError();
        }
    }
}

int
vserverSetupContext(vserverDriver *driver, uint32_t xid, const virDomainDef *def,
                    const vserverDefRun *run)
{
    const vserverDomainNs *ns = vserverDefNs(def);

    if (vserverSetupIdentity(driver, xid, ns) < 0 ||
        vserverSetupChanges(driver, xid, NULL, def) < 0 ||
        vserverSetupFiles(driver, xid, ns, run) < 0 ||
        vserverSetupNetwork(driver, xid, def, run) < 0) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        vserverSetupRemoveNetDevs(driver, xid, def);
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}
