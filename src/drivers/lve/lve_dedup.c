/*
 * lve_dedup.c: virNodeMemoryDedup on an LVE host: one KSM pass
 *
 * Linux finds and merges identical pages itself (KSM), so a pass is not
 * node_dedup.c's scan: the tasks of the domains are made mergeable (a
 * task that came in without virDomainEnter may not be), ksmd runs until
 * it has merged what it can (virKsmRunPass), and the result is what KSM's
 * counters moved by, in the terms of Xen's pass (node_dedup.h):
 *
 *   pages_scanned    pages_scanned: pages ksmd looked at
 *   pages_identical  pages_shared + pages_sharing (+ ksm_zero_pages): pages
 *                    now backed by a KSM page (or the zero page), each
 *                    found equal to another
 *   pages_shared     pages_sharing (+ ksm_zero_pages): pages that now use
 *                    another's frame, as Xen counts the pairs it shared
 *   pages_freed      the same: "how much saved", the frames given back
 *   time_ms          the whole call
 *
 * The counters are the host's: whatever else on it is mergeable (other
 * LVEs, other processes) is scanned, merged and counted too.  ksmd's
 * "smart scan" skips pages it failed to merge before for a few scans, so
 * a page that stayed unique a long time and then became equal to another
 * may merge only in a later pass.
 */
#include "internal.h"

#include <unistd.h>

#include "domain_kernel.h"
#include "lve_dedup.h"
#include "lve_enter.h"
#include "node_dedup.h"
#include "virerror.h"
#include "virksm.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_LVE

typedef struct {
    lveDriver *driver;
    unsigned int ndomains;          /* domains in the pass */
    bool failed;
} lveDedupPass;

/* Running @obj's tasks made mergeable. */
static int
lveDedupAddDomain(lveDedupPass *pass, virDomainObj *obj)
{
    if (lveDomainShareTasks(pass->driver, obj, true) < 0)
        return -1;
    pass->ndomains++;
    return 0;
}

/* Every running domain that shares; a paused one whose tasks cannot be
 * changed is left out (those already mergeable are merged all the same). */
static void
lveDedupAddAny(virDomainObj *obj, void *opaque)
{
    lveDedupPass *pass = opaque;

    if (pass->failed || !virDomainObjIsActive(obj) || obj->def->nosharepages)
        return;
    if (lveDedupAddDomain(pass, obj) == 0)
        return;
    if (obj->state == VIR_DOMAIN_PAUSED) {
        VIR_WARN("LVE %u: left out of the deduplication pass: %s", lveDomainId(obj),
                 virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    pass->failed = true;
}

static int
lveDedupAddNamed(lveDedupPass *pass, virDomainPtr dom)
{
    virDomainObj *obj = virDomainDriverGetObj(dom);
    int ret = -1;

    if (!obj)
        return -1;
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is not running: only a running domain's memory is deduplicated"),
                       obj->def->name);
    } else if (obj->def->nosharepages) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' has memory sharing off: turn it on first (virDomainSetMemorySharing, virtsh setmemshare --enable)"),
                       obj->def->name);
    } else {
        ret = lveDedupAddDomain(pass, obj);
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* KSM is the host's: the kernel must have it, and only root may start
 * ksmd and change the merging of other users' tasks. */
static int
lveDedupCheckHost(void)
{
    if (virKsmCheckHost() < 0)
        return -1;
    if (geteuid() != 0) {
        virReportError(VIR_ERR_OPERATION_DENIED, "%s",
                       _("deduplicating memory with KSM needs root: it starts ksmd and makes the domains' tasks mergeable"));
        return -1;
    }
    return 0;
}

int
lveNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                   virTypedParameterPtr *params, int *nparams, unsigned int flags)
{
    lveDedupPass pass = { .driver = lveDriverFromConn(conn) };
    gint64 start = g_get_monotonic_time();
    virNodeDedupResult result = { 0 };
    virKsmPassResult ksm;
    unsigned int i;

    virCheckFlags(0, -1);
    if (lveDedupCheckHost() < 0)
        return -1;
    if (ndomains == 0) {
        virDomainDriverRefreshAll(&pass.driver->base, conn);
        virDomainObjListForEach(pass.driver->base.domains, lveDedupAddAny, &pass);
        if (pass.failed)
            return -1;
    }
    for (i = 0; i < ndomains; i++) {
        if (lveDedupAddNamed(&pass, domains[i]) < 0)
            return -1;
    }
    /* nothing shares: nothing to merge, and ksmd is left as it is */
    if (pass.ndomains > 0) {
        if (virKsmRunPass(VIR_KSM_PASS_MIN_TIMEOUT_MS, &ksm) < 0)
            return -1;
        result.scanned = ksm.pagesScanned;
        result.identical = ksm.pagesMerged;
        result.shared = ksm.pagesSaved;
        result.freed = ksm.pagesSaved;
        result.timeMs = (g_get_monotonic_time() - start) / 1000;
    }
    VIR_DEBUG("KSM pass over %u domains: %llu scanned, %llu identical, %llu freed in %llu ms",
              pass.ndomains, result.scanned, result.identical, result.freed, result.timeMs);
    return virNodeDedupResultToParams(&result, params, nparams);
}
