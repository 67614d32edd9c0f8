/*
 * xen_domctl.c: domains through libxenctrl: listing, info, pause, the
 * scheduler's weight and cap, memory sharing
 *
 * These are single hypercalls: cheap, and what listing and info of many
 * domains must stay (one xc_domain_getinfolist for up to 1024 domains).
 */
#include "internal.h"

#include "virerror.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_KIB_PER_PAGE (XC_PAGE_SIZE / 1024)
#define XEN_LIST_BATCH 1024

G_STATIC_ASSERT(XEN_SHUTDOWN_POWEROFF == SHUTDOWN_poweroff);
G_STATIC_ASSERT(XEN_SHUTDOWN_CRASH == SHUTDOWN_crash);
G_STATIC_ASSERT(XEN_SHUTDOWN_WATCHDOG == SHUTDOWN_watchdog);
G_STATIC_ASSERT(XEN_SHUTDOWN_SOFT_RESET == SHUTDOWN_soft_reset);

static void
xenDomctlConvert(const xc_domaininfo_t *d, xenDomainInfo *info)
{
    unsigned int reason = (d->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;

    memset(info, 0, sizeof(*info));
    info->id = d->domain;
    memcpy(info->uuid, d->handle, VIR_UUID_BUFLEN);
    info->dying = !!(d->flags & XEN_DOMINF_dying);
    info->shutdown = !!(d->flags & XEN_DOMINF_shutdown);
    info->paused = !!(d->flags & XEN_DOMINF_paused);
    info->blocked = !!(d->flags & XEN_DOMINF_blocked);
    info->running = !!(d->flags & XEN_DOMINF_running);
    info->hvm = !!(d->flags & XEN_DOMINF_hvm_guest);
#if HAVE_DECL_XEN_DOMINF_HAP
    info->hap = !!(d->flags & XEN_DOMINF_hap);
#endif
    /* a reason Xen may add later reads as a crash: the guest is not fine */
    info->shutdownReason = reason < XEN_SHUTDOWN_LAST ? reason : XEN_SHUTDOWN_CRASH;
    info->crashed = info->shutdown && info->shutdownReason == XEN_SHUTDOWN_CRASH;
    info->memoryKiB = d->tot_pages * XEN_KIB_PER_PAGE;
    info->maxMemoryKiB = d->max_pages * XEN_KIB_PER_PAGE;
    info->sharedKiB = d->shr_pages * XEN_KIB_PER_PAGE;
    info->cpuTimeNs = d->cpu_time;
    info->onlineVcpus = d->nr_online_vcpus;
    info->maxVcpus = d->max_vcpu_id == XEN_INVALID_MAX_VCPU_ID ? 0 : d->max_vcpu_id + 1;
    info->cpupool = d->cpupool;
}

int
xenDomctlList(xenHandle *h, xenDomainInfo **infos, size_t *ninfos)
{
    g_autofree xc_domaininfo_t *batch = g_new0(xc_domaininfo_t, XEN_LIST_BATCH);
    g_autoptr(GArray) out = g_array_new(FALSE, TRUE, sizeof(xenDomainInfo));
    uint32_t first = 0;

    for (;;) {
        int n = xc_domain_getinfolist(h->xch, first, XEN_LIST_BATCH, batch);
        int i;

        if (n < 0) {
            xenReportHostErrno(errno, "%s", _("list the domains"));
            return -1;
        }
        for (i = 0; i < n; i++) {
            xenDomainInfo info;

            xenDomctlConvert(&batch[i], &info);
            g_array_append_val(out, info);
        }
        if (n < XEN_LIST_BATCH)
            break;
        first = batch[n - 1].domain + 1;
    }
    *ninfos = out->len;
    *infos = (xenDomainInfo *)(void *)g_array_free(g_steal_pointer(&out), FALSE);
    return 0;
}

int
xenDomctlInfoFor(xenHandle *h, unsigned int domid, const char *what,
                 xenDomainInfo *info)
{
    xc_domaininfo_t d = { 0 };

#ifdef HAVE_XC_DOMAIN_GETINFO_SINGLE
    if (xc_domain_getinfo_single(h->xch, domid, &d) < 0) {
        xenReportDomainErrno(domid, errno, "%s", what);
        return -1;
    }
#else
    /* Xen 4.17: getinfolist answers the first domain from @domid on */
    int n = xc_domain_getinfolist(h->xch, domid, 1, &d);

    if (n < 0) {
        xenReportDomainErrno(domid, errno, "%s", what);
        return -1;
    }
    if (n == 0 || d.domain != domid) {
        xenReportDomainErrno(domid, ESRCH, "%s", what);
        return -1;
    }
#endif
    xenDomctlConvert(&d, info);
    return 0;
}

int
xenDomctlInfo(xenHandle *h, unsigned int domid, xenDomainInfo *info)
{
    return xenDomctlInfoFor(h, domid, _("read its information"), info);
}

int
xenDomctlPause(xenHandle *h, unsigned int domid)
{
    if (xc_domain_pause(h->xch, domid) < 0) {
        if (errno == EINVAL && domid == 0) {
            virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                           _("domain 0: cannot pause Domain-0: the toolstack runs in it"));
            return -1;
        }
        xenReportDomainErrno(domid, errno, "%s", _("pause"));
        return -1;
    }
    return 0;
}

int
xenDomctlUnpause(xenHandle *h, unsigned int domid)
{
    if (xc_domain_unpause(h->xch, domid) < 0) {
        xenReportDomainErrno(domid, errno, "%s", _("unpause"));
        return -1;
    }
    return 0;
}

/* The scheduler of the cpupool the domain is in */
static int
xenDomctlScheduler(xenHandle *h, unsigned int domid, const char *what,
                   xenScheduler *sched)
{
    xenDomainInfo info;
    xc_cpupoolinfo_t *pool;

    if (xenDomctlInfoFor(h, domid, what, &info) < 0)
        return -1;
    if (!(pool = xc_cpupool_getinfo(h->xch, info.cpupool)) ||
        pool->cpupool_id != info.cpupool) {
        xenReportDomainErrno(domid, pool ? ENOENT : errno,
                             _("read the scheduler of its cpupool %u"), info.cpupool);
        xc_cpupool_infofree(h->xch, pool);
        return -1;
    }
    switch (pool->sched_id) {
    case XEN_SCHEDULER_CREDIT:
        *sched = XEN_SCHED_CREDIT;
        break;
    case XEN_SCHEDULER_CREDIT2:
        *sched = XEN_SCHED_CREDIT2;
        break;
    default:
        *sched = XEN_SCHED_OTHER;
    }
    xc_cpupool_infofree(h->xch, pool);
    return 0;
}

int
xenDomctlGetSched(xenHandle *h, unsigned int domid, xenSchedParams *params)
{
    int rc = -1;

    memset(params, 0, sizeof(*params));
    if (xenDomctlScheduler(h, domid, _("read its scheduler parameters"), &params->scheduler) < 0)
        return -1;
    if (params->scheduler == XEN_SCHED_CREDIT) {
        struct xen_domctl_sched_credit sdom = { 0 };

        rc = xc_sched_credit_domain_get(h->xch, domid, &sdom);
        params->weight = sdom.weight;
        params->cap = sdom.cap;
    } else if (params->scheduler == XEN_SCHED_CREDIT2) {
        struct xen_domctl_sched_credit2 sdom = { 0 };

        rc = xc_sched_credit2_domain_get(h->xch, domid, &sdom);
        params->weight = sdom.weight;
        params->cap = sdom.cap;
    } else {
        return 0;   /* no weight and cap to read */
    }
    if (rc < 0) {
        xenReportDomainErrno(domid, errno, _("read its %s scheduler parameters"),
                             xenSchedulerTypeToString(params->scheduler));
        return -1;
    }
    return 0;
}

static int
xenDomctlSchedValidate(unsigned int domid, const xenSchedParams *params,
                       const xenDomainInfo *info)
{
    unsigned int maxcap = 100 * MAX(info->maxVcpus, 1);

    if (params->weight < 1 || params->weight > 65535) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot set scheduler weight %u: it must be 1 to 65535"),
                       domid, params->weight);
        return -1;
    }
    if (params->cap > maxcap) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("domain %u: cannot set scheduler cap %u: at most %u (100 per vcpu, 0 for no cap)"),
                       domid, params->cap, maxcap);
        return -1;
    }
    return 0;
}

int
xenDomctlSetSched(xenHandle *h, unsigned int domid, const xenSchedParams *params)
{
    xenScheduler sched;
    xenDomainInfo info;
    int rc;

    if (xenDomctlInfoFor(h, domid, _("set its scheduler parameters"), &info) < 0 ||
        xenDomctlSchedValidate(domid, params, &info) < 0 ||
        xenDomctlScheduler(h, domid, _("set its scheduler parameters"), &sched) < 0)
        return -1;
    if (sched == XEN_SCHED_CREDIT) {
        struct xen_domctl_sched_credit sdom = { .weight = params->weight, .cap = params->cap };

        rc = xc_sched_credit_domain_set(h->xch, domid, &sdom);
    } else if (sched == XEN_SCHED_CREDIT2) {
        struct xen_domctl_sched_credit2 sdom = { .weight = params->weight, .cap = params->cap };

        rc = xc_sched_credit2_domain_set(h->xch, domid, &sdom);
    } else {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("domain %u: cannot set a weight and cap: its cpupool's scheduler is neither credit nor credit2"),
                       domid);
        return -1;
    }
    if (rc < 0) {
        xenReportDomainErrno(domid, errno, _("set %s scheduler weight %u and cap %u"),
                             xenSchedulerTypeToString(sched), params->weight, params->cap);
        return -1;
    }
    return 0;
}

int
xenDomctlSetMemorySharing(xenHandle *h, unsigned int domid, bool enable)
{
    if (xc_memshr_control(h->xch, domid, enable) < 0) {
        xenMemshrReportErrno(domid, errno, "%s memory sharing",
                             enable ? _("enable") : _("disable"));
        return -1;
    }
    return 0;
}
