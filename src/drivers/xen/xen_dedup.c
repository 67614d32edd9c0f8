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
 */
#include "internal.h"

#include "node_dedup.h"
#include "node_memory.h"
#include "virerror.h"
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

static int
xenDedupShare(void *opaque, unsigned int sdom, uint64_t sgfn, unsigned int cdom, uint64_t cgfn)
{
    xenDriver *driver = opaque;

    return driver->ops->memshrSharePair(driver->h, sdom, sgfn, cdom, cgfn);
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

    virCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams == 0) {
        *nparams = VIR_NODE_MEMORY_SHARE_NPARAMS;
        return 0;
    }
    if (driver->ops->memshrCounters(driver->h, &shm.pagesSharing, &shm.pagesShared) < 0)
        return -1;
    return virNodeMemoryShareGetParams(&shm, params, nparams);
}
