/*
 * xen_memshr.c: Xen's memory sharing (xc_memshr_*, xc_sharing_*) and the
 * foreign mappings a deduplication pass reads guest pages through
 *
 * Xen shares what user space tells it to and compares nothing: a pass
 * must read both pages and compare them first (node_dedup.c), and let go
 * of its mapping before nominating, because a foreign mapping holds a
 * reference on the page and Xen refuses a page referenced elsewhere
 * (E2BIG).  Xen 4.17's answers (../shared notes, MEMSHR.md):
 *   ENOSYS     Xen built without CONFIG_MEM_SHARING (Debian's hypervisor);
 *   EOPNOTSUPP built with it, but mem_sharing_control() wants Intel VMX
 *              (an AMD or emulated CPU is refused);
 *   ENODEV     the domain is not on hardware-assisted paging (HAP);
 *   EXDEV      the domain has a passthrough device;
 *   EINVAL     sharing not enabled for the domain, or the page is not plain
 *              RAM (not populated, MMIO, shared_info and grant frames);
 *   E2BIG      the page is referenced elsewhere (a mapping, qemu, a grant);
 *   ENOENT, EEXIST  the hypervisor's own bookkeeping failed for the page;
 *   10, 9      XENMEM_SHARING_OP_S/C_HANDLE_INVALID: the source or client
 *              page changed since it was nominated.
 *
 * Xen has no call that unshares a page on request, but a writable
 * mapping does it: 4.17's mod_l1_entry() (arch/x86/mm.c), which maps a
 * foreign page for a PV dom0, takes the page with P2M_UNSHARE when the new
 * entry is writable, and p2m_get_gfn_type_access() then gives the domain
 * its own copy (mem_sharing_unshare_page); when no frame is free it
 * answers ENOMEM for that page.  (A PVH dom0's foreign mapping,
 * p2m_add_foreign(), refuses a shared page with EINVAL instead.)
 */
#include "internal.h"

#include <sys/mman.h>

#include "virerror.h"
#include "virlog.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

typedef struct {
    int value;
    int code;               /* virErrorNumber */
    const char *meaning;
    bool pageOnly;          /* refuses this page, not sharing as a whole */
} xenMemshrMeaning;

static const xenMemshrMeaning xenMemshrTable[] = {
    { ENOSYS, VIR_ERR_NO_SUPPORT,
      N_("memory sharing is not compiled into this Xen hypervisor (it needs CONFIG_MEM_SHARING)"),
      false },
    { EOPNOTSUPP, VIR_ERR_NO_SUPPORT,
      N_("this Xen shares memory only on CPUs with Intel VMX, which this CPU lacks"), false },
    { ENODEV, VIR_ERR_OPERATION_UNSUPPORTED,
      N_("memory sharing needs the domain on hardware-assisted paging (HAP): an HVM or PVH guest"),
      false },
    { EXDEV, VIR_ERR_OPERATION_UNSUPPORTED,
      N_("the domain has a passthrough device: sharing and passthrough exclude each other"), false },
    { ESRCH, VIR_ERR_NO_DOMAIN, N_("no such domain"), false },
    { EPERM, VIR_ERR_ACCESS_DENIED, N_("permission denied (memory sharing needs root in dom0)"),
      false },
    { EACCES, VIR_ERR_ACCESS_DENIED, N_("permission denied by the hypervisor's security policy"),
      false },
    { ENOMEM, VIR_ERR_OPERATION_FAILED,
      N_("the hypervisor has not enough free memory for the sharing metadata"), false },
    { EINVAL, VIR_ERR_OPERATION_INVALID,
      N_("sharing is not enabled for the domain, or the page is not sharable RAM"), true },
    { E2BIG, VIR_ERR_OPERATION_INVALID,
      N_("the page is in use elsewhere (a foreign mapping, qemu or a grant holds a reference)"),
      true },
    { ENOENT, VIR_ERR_OPERATION_FAILED, N_("the hypervisor could not track the page"), true },
    { EEXIST, VIR_ERR_OPERATION_FAILED, N_("the hypervisor could not track the page"), true },
    { -XENMEM_SHARING_OP_S_HANDLE_INVALID, VIR_ERR_OPERATION_INVALID,
      N_("the source page changed since it was nominated (its handle is stale)"), true },
    { -XENMEM_SHARING_OP_C_HANDLE_INVALID, VIR_ERR_OPERATION_INVALID,
      N_("the client page changed since it was nominated (its handle is stale)"), true },
};

static const xenMemshrMeaning *
xenMemshrLookup(int err)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(xenMemshrTable); i++) {
        if (xenMemshrTable[i].value == err)
            return &xenMemshrTable[i];
    }
    return NULL;
}

void
xenMemshrReportErrno(unsigned int domid, int err, const char *fmt, ...)
{
    const xenMemshrMeaning *m = xenMemshrLookup(err);
    g_autofree char *what = NULL;
    va_list args;

    va_start(args, fmt);
    what = g_strdup_vprintf(fmt, args);
    va_end(args);
    if (!m) {
        xenReportDomainErrno(domid, err, "%s", what);
        return;
    }
    virReportError(m->code, _("domain %u: cannot %s: %s"), domid, what, _(m->meaning));
}

bool
xenMemshrErrnoIsPageOnly(int err)
{
    const xenMemshrMeaning *m = xenMemshrLookup(err);

    return m && m->pageOnly;
}

int
xenMemshrRing(xenHandle *h, unsigned int domid, bool enable)
{
    uint32_t port;
    int rc = enable ? xc_memshr_ring_enable(h->xch, domid, &port)
                    : xc_memshr_ring_disable(h->xch, domid);

    if (rc < 0) {
        xenMemshrReportErrno(domid, errno, "%s its memory sharing ENOMEM ring",
                             enable ? _("enable") : _("disable"));
        return -1;
    }
    return 0;
}

int
xenMemshrResume(xenHandle *h, unsigned int domid)
{
    if (xc_memshr_domain_resume(h->xch, domid) < 0) {
        xenMemshrReportErrno(domid, errno, "%s", _("resume it after a sharing ENOMEM"));
        return -1;
    }
    return 0;
}

int
xenMemshrNominate(xenHandle *h, unsigned int domid, uint64_t page, bool gref,
                  uint64_t *handle)
{
    int rc = gref ? xc_memshr_nominate_gref(h->xch, domid, page, handle)
                  : xc_memshr_nominate_gfn(h->xch, domid, page, handle);

    if (rc < 0) {
        xenMemshrReportErrno(domid, errno, _("nominate %s 0x%llx for sharing"),
                             gref ? "grant reference" : "gfn", (unsigned long long)page);
        return -1;
    }
    return 0;
}

int
xenMemshrShare(xenHandle *h, const xenMemshrPage *source, const xenMemshrPage *client,
               bool gref)
{
    int rc = gref ? xc_memshr_share_grefs(h->xch, source->domid, source->page, source->handle,
                                          client->domid, client->page, client->handle)
                  : xc_memshr_share_gfns(h->xch, source->domid, source->page, source->handle,
                                         client->domid, client->page, client->handle);

    if (rc < 0) {
        xenMemshrReportErrno(client->domid, errno, _("share %s 0x%llx with domain %u's 0x%llx"),
                             gref ? "grant reference" : "gfn",
                             (unsigned long long)client->page, source->domid,
                             (unsigned long long)source->page);
        return -1;
    }
    return 0;
}

int
xenMemshrAddToPhysmap(xenHandle *h, const xenMemshrPage *source, unsigned int cdomid,
                      uint64_t cgfn)
{
    if (xc_memshr_add_to_physmap(h->xch, source->domid, source->page, source->handle,
                                 cdomid, cgfn) < 0) {
        xenMemshrReportErrno(cdomid, errno, _("add domain %u's shared gfn 0x%llx at gfn 0x%llx"),
                             source->domid, (unsigned long long)source->page,
                             (unsigned long long)cgfn);
        return -1;
    }
    return 0;
}

int
xenMemshrRangeShare(xenHandle *h, unsigned int sdomid, unsigned int cdomid,
                    uint64_t first, uint64_t last)
{
    if (xc_memshr_range_share(h->xch, sdomid, cdomid, first, last) < 0) {
        xenMemshrReportErrno(cdomid, errno, _("share gfns 0x%llx-0x%llx with domain %u"),
                             (unsigned long long)first, (unsigned long long)last, sdomid);
        return -1;
    }
    return 0;
}

/* Whether gfn @gfn of @domid maps a shared frame already: Xen's debug
 * call answers the frame's references for a shared page and EINVAL for
 * any other (it prints only in a debug build of Xen). */
static bool
xenMemshrIsShared(xenHandle *h, unsigned int domid, uint64_t gfn)
{
    return xc_memshr_debug_gfn(h->xch, domid, gfn) >= 0;
}

/* A refusal of this pair only (xenMemshrErrnoIsPageOnly) is logged and
 * answers 0; any other is reported and answers -1. */
static int
xenMemshrPairRefused(const xenMemshrPage *s, const xenMemshrPage *c, const char *what)
{
    if (xenMemshrErrnoIsPageOnly(errno)) {
        VIR_DEBUG("not sharing domain %u gfn 0x%llx with domain %u gfn 0x%llx: %s %s",
                  c->domid, (unsigned long long)c->page, s->domid,
                  (unsigned long long)s->page, what, xenMemshrLookup(errno)->meaning);
        return 0;
    }
    xenMemshrReportErrno(c->domid, errno, _("%s gfn 0x%llx with domain %u's 0x%llx"),
                         what, (unsigned long long)c->page, s->domid,
                         (unsigned long long)s->page);
    return -1;
}

/* The dedup pass's first step on a pair: nominate both, so that a write
 * by either guest from here on invalidates its handle (the pass compares
 * the pages after this, then shares).  1 held, 0 for a pair Xen refuses
 * or must not be given.  Xen 4.17's share_pages() locks the p2m of the
 * two domains named, then, under the page locks, rewrites the p2m entry
 * of every gfn that maps the client frame: when that frame is shared
 * already with a gfn of another domain (a pair within one domain whose
 * page the previous pass shared with the other guest), it takes that
 * domain's p2m lock out of order and stops on "BUG at mm-locks.h:80".  So
 * the client is always a page that is not shared yet: the roles swap when
 * only the source is, and a pair of two shared pages is left alone (a
 * previous pass shared each with what it matches).  A page nominated
 * counts as shared here: Xen's debug call sees no difference. */
int
xenMemshrHoldPair(xenHandle *h, xenMemshrPage *s, xenMemshrPage *c)
{
    if (s->domid == c->domid && s->page == c->page)
        return 0;
    if (xenMemshrIsShared(h, c->domid, c->page)) {
        xenMemshrPage t = *s;

        if (xenMemshrIsShared(h, s->domid, s->page))
            return 0;
        *s = *c;
        *c = t;
    }
    if (xc_memshr_nominate_gfn(h->xch, s->domid, s->page, &s->handle) < 0 ||
        xc_memshr_nominate_gfn(h->xch, c->domid, c->page, &c->handle) < 0)
        return xenMemshrPairRefused(s, c, _("nominate"));
    return 1;
}

/* The pair's last step: share with the handles xenMemshrHoldPair got.
 * 1 shared, 0 when Xen refuses this pair only (a stale handle: one guest
 * wrote its page since the nomination). */
int
xenMemshrSharePair(xenHandle *h, const xenMemshrPage *s, const xenMemshrPage *c)
{
    if (xc_memshr_share_gfns(h->xch, s->domid, s->page, s->handle,
                             c->domid, c->page, c->handle) < 0)
        return xenMemshrPairRefused(s, c, _("share"));
    return 1;
}

int
xenMemshrCounters(xenHandle *h, unsigned long long *freed, unsigned long long *used)
{
    long f = xc_sharing_freed_pages(h->xch);
    long u = xc_sharing_used_frames(h->xch);

    if (f < 0 || u < 0) {
        const xenMemshrMeaning *m = xenMemshrLookup(errno);

        if (m)
            virReportError(m->code, _("Xen: cannot read the memory sharing counters: %s"),
                           _(m->meaning));
        else
            xenReportHostErrno(errno, "%s", _("read the memory sharing counters"));
        return -1;
    }
    *freed = f;
    *used = u;
    return 0;
}

/* Maps @n gfns of @domid with @prot; @verb names what the caller wanted
 * done with its memory ("read", "unshare") and @how the mapping in the
 * message ("", " writable") */
static void *
xenMemshrMapProt(xenHandle *h, unsigned int domid, const uint64_t *gfns, size_t n, int *errs,
                 int prot, const char *verb, const char *how)
{
    g_autofree xen_pfn_t *pfns = g_new(xen_pfn_t, n);
    void *addr;
    size_t i;

    if (!h->fmem) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("domain %u: cannot %s its memory: xenforeignmemory could not be opened"),
                       domid, verb);
        return NULL;
    }
    for (i = 0; i < n; i++)
        pfns[i] = gfns[i];
    if (!(addr = xenforeignmemory_map(h->fmem, domid, prot, n, pfns, errs))) {
        xenReportDomainErrno(domid, errno, _("map %zu of its pages%s from gfn 0x%llx"),
                             n, how, (unsigned long long)gfns[0]);
        return NULL;
    }
    return addr;
}

void *
xenMemshrMap(xenHandle *h, unsigned int domid, const uint64_t *gfns, size_t n, int *errs)
{
    return xenMemshrMapProt(h, domid, gfns, n, errs, PROT_READ, _("read"), "");
}

/* Writable this time, and nothing written: mapping is the unsharing */
int
xenMemshrUnshare(xenHandle *h, unsigned int domid, const uint64_t *gfns, size_t n, int *errs)
{
    void *addr;
    size_t i;

    if (!(addr = xenMemshrMapProt(h, domid, gfns, n, errs, PROT_READ | PROT_WRITE,
                                  _("unshare"), _(" writable"))))
        return -1;
    xenMemshrUnmap(h, addr, n);
    /* privcmd gives each page's error as -errno */
    for (i = 0; i < n; i++)
        errs[i] = ABS(errs[i]);
    return 0;
}

void
xenMemshrUnmap(xenHandle *h, void *addr, size_t n)
{
    if (addr && xenforeignmemory_unmap(h->fmem, addr, n) < 0)
        VIR_WARN("cannot unmap %zu guest pages: %s", n, g_strerror(errno));
}
