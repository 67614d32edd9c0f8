/*
 * xen_dedup.c: memory sharing on Xen as the node and domain methods see it
 *
 * virNodeMemoryDedup runs the shared pass (node_dedup.c) with the binding
 * as its page access: foreign mappings to read, nominate + share to merge,
 * xc_sharing_freed_pages to count.  The node's memory parameters give the
 * sharing counters in KSM's names: pages_shared the frames shared pages
 * use (xc_sharing_used_frames), pages_sharing the pages they stand in for
 * beyond those (xc_sharing_freed_pages), so that
 * sum(domains' shared pages) == pages_shared + pages_sharing.
 *
 * The continuous scanner (node_scan.c) with KSM's knobs, shm_run,
 * shm_pages_to_scan and shm_sleep_millisecs, runs in a thread of the
 * driver state, over the same domains as a pass over all.  Only a
 * long-lived process can keep it: virtkitd says it is one
 * (VIR_NODE_MEMORY_SHARED_SCANNER_HOST) and keeps a connection open while
 * the scanner runs; the last connection's close stops it.  shm_run 2
 * stops it and unshares every shared page of those domains: Xen has no
 * call for that, but a writable foreign mapping makes it give the domain
 * its own copy (xen_memshr.c says where), so each batch of pages of a
 * domain that still has shared pages is mapped writable and let go.
 */
#include "internal.h"

#include "node_dedup.h"
#include "node_scan.h"
#include "node_memory.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"
#include "xen_dedup.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static void *
xenDedupMap(void *opaque, unsigned int dom, const uint64_t *gfns, size_t n, int *errs)
{
    xenDriver *driver = opaque;

    return driver->ops->mapPages(driver->h, dom, gfns, n, errs);
}

static void
xenDedupUnmap(void *opaque, void *pages, size_t n)
{
    xenDriver *driver = opaque;

    driver->ops->unmapPages(driver->h, pages, n);
}

/* virNodeDedupHeld and the binding's xenMemshrPage are the same three facts */
static int
xenDedupHold(void *opaque, virNodeDedupHeld *s, virNodeDedupHeld *c)
{
    xenDriver *driver = opaque;
    xenMemshrPage xs = { s->dom, s->gfn, 0 };
    xenMemshrPage xc = { c->dom, c->gfn, 0 };
    int rc = driver->ops->memshrHoldPair(driver->h, &xs, &xc);

    *s = (virNodeDedupHeld){ xs.domid, xs.page, xs.handle };
    *c = (virNodeDedupHeld){ xc.domid, xc.page, xc.handle };
    return rc;
}

static int
xenDedupShare(void *opaque, const virNodeDedupHeld *s, const virNodeDedupHeld *c)
{
    xenDriver *driver = opaque;
    xenMemshrPage xs = { s->dom, s->gfn, s->handle };
    xenMemshrPage xc = { c->dom, c->gfn, c->handle };

    return driver->ops->memshrSharePair(driver->h, &xs, &xc);
}

static int
xenDedupFreed(void *opaque, unsigned long long *pages)
{
    xenDriver *driver = opaque;
    unsigned long long used;

    return driver->ops->memshrCounters(driver->h, pages, &used);
}

static const virNodeDedupOps xenDedupOps = {
    .map = xenDedupMap,
    .unmap = xenDedupUnmap,
    .hold = xenDedupHold,
    .share = xenDedupShare,
    .freedPages = xenDedupFreed,
};

/* The guest frames of running domain @id: 0 up to its memory cap (frames
 * beyond its RAM only fail to map and are skipped). */
static int
xenDedupAddDomain(xenDriver *driver, int id, const char *name, GArray *doms)
{
    virNodeDedupDomain d = { 0 };
    xenDomainInfo info;

    if (id <= 0) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is not running: only a running guest's memory is deduplicated"),
                       name);
        return -1;
    }
    if (driver->ops->domainInfo(driver->h, id, &info) < 0)
        return -1;
    d.dom = id;
    d.npages = info.maxMemoryKiB / (VIR_NODE_DEDUP_PAGE_SIZE / 1024);
    g_array_append_val(doms, d);
    return 0;
}

/* Every running guest whose definition leaves sharing on (no
 * <nosharepages/>); Domain-0 is never one. */
static int
xenDedupAllDomains(xenDriver *driver, GArray *doms)
{
    int n = virDomainObjListNumOf(driver->base.domains, true);
    g_autofree int *ids = g_new0(int, MAX(n, 1));
    int i;

    n = virDomainObjListGetActiveIDs(driver->base.domains, ids, MAX(n, 1));
    for (i = 0; i < n; i++) {
        virDomainObj *obj = virDomainObjListFindByID(driver->base.domains, ids[i]);
        bool on;

        if (!obj)
            continue;
        on = ids[i] > 0 && !obj->def->nosharepages;
        virDomainObjEndAPI(&obj);
        if (on && xenDedupAddDomain(driver, ids[i], NULL, doms) < 0)
            return -1;
    }
    return 0;
}

/* The scanner's domains: those of a pass over all */
static int
xenDedupScanDomains(void *opaque, virNodeDedupDomain **doms, size_t *ndoms)
{
    g_autoptr(GArray) list = g_array_new(FALSE, FALSE, sizeof(virNodeDedupDomain));

    if (xenDedupAllDomains(opaque, list) < 0)
        return -1;
    *ndoms = list->len;
    *doms = (virNodeDedupDomain *)g_array_free(g_steal_pointer(&list), FALSE);
    return 0;
}

/* The scanner's unshare(): nothing to do once the domain has no shared
 * page left; a page Xen has no frame to copy into ends it */
static int
xenDedupUnshare(void *opaque, unsigned int dom, const uint64_t *gfns, size_t n)
{
    xenDriver *driver = opaque;
    g_autofree int *errs = g_new0(int, n);
    xenDomainInfo info;
    size_t i;

    if (driver->ops->domainInfo(driver->h, dom, &info) < 0)
        return -1;
    if (info.sharedKiB == 0)
        return 0;
    if (driver->ops->unsharePages(driver->h, dom, gfns, n, errs) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (errs[i] == ENOMEM) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("domain %u: cannot unshare gfn 0x%llx: the host has no free frame to give the domain its own copy of the page"),
                           dom, (unsigned long long)gfns[i]);
            return -1;
        }
        /* not RAM (a hole, MMIO): nothing to unshare */
        if (errs[i] != 0)
            VIR_DEBUG("domain %u gfn 0x%llx not mapped: %s", dom,
                      (unsigned long long)gfns[i], g_strerror(errs[i]));
    }
    return 0;
}

static const virNodeScanOps xenScanOps = {
    .pages = &xenDedupOps,
    .domains = xenDedupScanDomains,
    .unshare = xenDedupUnshare,
};

static virNodeScanner *
xenDedupScanner(xenDriver *driver)
{
    virNodeScanner *scanner;

    virMutexLock(&driver->scannerLock);
    if (!driver->scanner)
        driver->scanner = virNodeScannerNew(&xenScanOps, driver);
    scanner = driver->scanner;
    virMutexUnlock(&driver->scannerLock);
    return scanner;
}

void
xenDedupScannerFree(xenDriver *driver)
{
    g_clear_pointer(&driver->scanner, virNodeScannerFree);
}

int
xenNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                   virTypedParameterPtr *params, int *nparams, unsigned int flags)
{
    xenDriver *driver = xenDriverFromConn(conn);
    g_autoptr(GArray) doms = g_array_new(FALSE, FALSE, sizeof(virNodeDedupDomain));
    virNodeDedupResult result;
    unsigned int i;

    virCheckFlags(0, -1);
    if (ndomains == 0 && xenDedupAllDomains(driver, doms) < 0)
        return -1;
    for (i = 0; i < ndomains; i++) {
        virDomainObj *obj = virDomainDriverGetObj(domains[i]);
        int id;

        if (!obj)
            return -1;
        id = virDomainObjIsActive(obj) ? obj->id : -1;
        virDomainObjEndAPI(&obj);
        if (xenDedupAddDomain(driver, id, domains[i]->name, doms) < 0)
            return -1;
    }
    if (virNodeDedupRun(&xenDedupOps, driver, (virNodeDedupDomain *)doms->data, doms->len,
                        &result) < 0)
        return -1;
    return virNodeDedupResultToParams(&result, params, nparams);
}

int
xenNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                           unsigned int flags)
{
    xenDriver *driver = xenDriverFromConn(conn);
    virNodeMemoryShare shm = { 0 };
    virNodeScannerState state;
    int n = *nparams;

    virCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams == 0) {
        *nparams = VIR_NODE_MEMORY_SHARE_NPARAMS + 1;   /* and shm_run */
        return 0;
    }

    if (driver->ops->memshrCounters(driver->h, &shm.pagesSharing, &shm.pagesShared) < 0)
        return -1;
    virNodeScannerGetState(xenDedupScanner(driver), &state);
    shm.pagesToScan = state.pagesToScan;
    shm.sleepMillisecs = state.sleepMillisecs;
    shm.pagesUnshared = state.counts.unshared;
    shm.pagesVolatile = state.counts.volatilePages;
    shm.fullScans = state.counts.fullScans;
    shm.mergeAcrossNodes = 1;       /* it never looks at nodes */
    if (virNodeMemoryShareGetParams(&shm, params, nparams) < 0)
        return -1;
    if (*nparams < n)
        virTypedParamSetUInt(&params[(*nparams)++], VIR_NODE_MEMORY_SHARED_RUN,
                             state.unshared ? 2 : state.running);
    return 0;
}

/* shm_run out of @params, into *@run (-1 when it is not there) */
static int
xenDedupTakeRun(virTypedParameterPtr params, int *nparams, int *run)
{
    int i;

    *run = -1;
    for (i = 0; i < *nparams; i++) {
        if (STRNEQ(params[i].field, VIR_NODE_MEMORY_SHARED_RUN))
            continue;
        if (params[i].type != VIR_TYPED_PARAM_UINT) {
            virReportError(VIR_ERR_INVALID_ARG, _("parameter '%s' must be an unsigned int"),
                           VIR_NODE_MEMORY_SHARED_RUN);
            return -1;
        }
        if (params[i].value.ui > 2) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("shm_run must be 0 (stop), 1 (run) or 2 (unshare all), not %u"),
                           params[i].value.ui);
            return -1;
        }
        *run = params[i].value.ui;
        params[i--] = params[--(*nparams)];
    }
    return 0;
}

int
xenNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                           unsigned int flags)
{
    xenDriver *driver = xenDriverFromConn(conn);
    g_autofree virTypedParameterPtr knobs = nparams > 0 ?
        g_memdup2(params, sizeof(*params) * nparams) : NULL;
    virNodeMemoryShare shm = { 0 };
    virNodeScannerState state;
    unsigned int changed = 0;
    int nknobs = nparams;
    int run;

    virCheckFlags(VIR_NODE_MEMORY_SHARED_SCANNER_HOST, -1);
    if (xenDedupTakeRun(knobs, &nknobs, &run) < 0)
        return -1;
    if (virNodeMemoryShareApplyParams(&shm, knobs, nknobs, &changed) < 0)
        return -1;
    if ((changed & (1 << 2)) && shm.mergeAcrossNodes == 0) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("shm_merge_across_nodes 0 is not supported on Xen: the scanner merges pages whatever node they are on"));
        return -1;
    }
    if ((run >= 0 || (changed & 3)) && !(flags & VIR_NODE_MEMORY_SHARED_SCANNER_HOST)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("the Xen memory sharing scanner runs in virtkitd: set shm_run, shm_pages_to_scan and shm_sleep_millisecs through a connection to the daemon (xen+unix:///system), not on a direct xen:/// connection"));
        return -1;
    }
    /* everything was checked: now change */
    if (changed & 3)
        virNodeScannerTune(xenDedupScanner(driver), (changed & 1) ? &shm.pagesToScan : NULL,
                           (changed & 2) ? &shm.sleepMillisecs : NULL);
    if (run == 2 && virNodeScannerUnshareAll(xenDedupScanner(driver)) < 0)
        return -1;
    if (run == 0 || run == 1)
        virNodeScannerRun(xenDedupScanner(driver), run == 1);
    virNodeScannerGetState(xenDedupScanner(driver), &state);
    VIR_DEBUG("scanner %s, %u pages every %u ms",
              state.unshared ? "stopped, all unshared" : state.running ? "running" : "stopped",
              state.pagesToScan, state.sleepMillisecs);
    return 0;
}
