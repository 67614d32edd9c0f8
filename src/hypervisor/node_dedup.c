/*
 * node_dedup.c: one deduplication pass over domains' memory
 *
 * Three phases, each letting go of its mappings before the next:
 *   1. hash: map every page of every domain in batches, hash it (XXH3,
 *      64 bits), unmap; the entries are sorted by hash;
 *   2. within a run of equal hashes, hold the candidate and the first page
 *      of its kind (Xen: nominate both), map them, compare them byte for
 *      byte, unmap;
 *   3. share the pair the compare confirmed, with the handles of 2.
 * Holding before comparing is what makes a guest's write safe: a write
 * after the hold invalidates the handle and Xen refuses the share; a
 * write between a compare and a later nomination would be lost.  No page
 * is held while mapped: Xen counts a foreign mapping as a reference and
 * refuses to nominate the page (E2BIG).
 */
#include "internal.h"

#include <xxhash.h>

#include "node_dedup.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Pages mapped at once while hashing: 1 MiB, as many as one
 * xenforeignmemory_map call handles comfortably. */
#define VIR_NODE_DEDUP_BATCH 256

/* Different contents under one hash kept apart per run; beyond this a
 * candidate is left alone (64-bit collisions do not come in crowds). */
#define VIR_NODE_DEDUP_MAX_KINDS 8

typedef struct {
    uint64_t hash;
    unsigned int dom;
    uint64_t gfn;
} virNodeDedupPage;

static int
virNodeDedupPageCompare(const void *a, const void *b)
{
    const virNodeDedupPage *x = a;
    const virNodeDedupPage *y = b;

    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    if (x->dom != y->dom)
        return x->dom < y->dom ? -1 : 1;
    if (x->gfn != y->gfn)
        return x->gfn < y->gfn ? -1 : 1;
    return 0;
}

/* Phase 1 for one domain: appends a hashed entry per mappable page. */
static int
virNodeDedupHashDomain(const virNodeDedupOps *ops, void *opaque,
                       const virNodeDedupDomain *dom, GArray *pages,
                       virNodeDedupResult *result)
{
    uint64_t gfns[VIR_NODE_DEDUP_BATCH];
    int errs[VIR_NODE_DEDUP_BATCH];
    unsigned long long first;

    for (first = 0; first < dom->npages; first += VIR_NODE_DEDUP_BATCH) {
        size_t n = MIN(VIR_NODE_DEDUP_BATCH, dom->npages - first);
        unsigned char *data;
        size_t i;

        for (i = 0; i < n; i++)
            gfns[i] = first + i;
        memset(errs, 0, sizeof(errs));
        if (!(data = ops->map(opaque, dom->dom, gfns, n, errs)))
            return -1;
        for (i = 0; i < n; i++) {
            virNodeDedupPage page = { 0, dom->dom, gfns[i] };

            if (errs[i] != 0)
                continue;
            page.hash = virNodeDedupHash(data + i * VIR_NODE_DEDUP_PAGE_SIZE);
            g_array_append_val(pages, page);
            result->scanned++;
        }
        ops->unmap(opaque, data, n);
    }
    return 0;
}

uint64_t
virNodeDedupHash(const void *page)
{
    return XXH3_64bits(page, VIR_NODE_DEDUP_PAGE_SIZE);
}

/* 1 when page @a and page @b are equal byte for byte now, 0 when not
 * (or one cannot be read any more), -1 with an error when one cannot be
 * mapped at all.  Both mappings are let go of. */
static int
virNodeDedupPagesEqual(const virNodeDedupOps *ops, void *opaque,
                       const virNodeDedupHeld *a, const virNodeDedupHeld *b)
{
    void *pa = NULL;
    void *pb = NULL;
    int erra = 0, errb = 0;
    int ret = -1;

    if (!(pa = ops->map(opaque, a->dom, &a->gfn, 1, &erra)) ||
        !(pb = ops->map(opaque, b->dom, &b->gfn, 1, &errb)))
        goto cleanup;
    ret = erra == 0 && errb == 0 && memcmp(pa, pb, VIR_NODE_DEDUP_PAGE_SIZE) == 0;

 cleanup:
    if (pb)
        ops->unmap(opaque, pb, 1);
    if (pa)
        ops->unmap(opaque, pa, 1);
    return ret;
}

int
virNodeDedupMerge(const virNodeDedupOps *ops, void *opaque,
                  unsigned int adom, uint64_t agfn, unsigned int bdom, uint64_t bgfn)
{
    virNodeDedupHeld a = { adom, agfn, 0 };
    virNodeDedupHeld b = { bdom, bgfn, 0 };
    int held, same, rc;

    if ((held = ops->hold(opaque, &a, &b)) < 0)
        return -1;
    /* compared even when not held: the pass counts the identical pages */
    if ((same = virNodeDedupPagesEqual(ops, opaque, &a, &b)) <= 0)
        return same < 0 ? -1 : VIR_NODE_DEDUP_DIFFERENT;
    if (!held)
        return VIR_NODE_DEDUP_EQUAL;
    if ((rc = ops->share(opaque, &a, &b)) < 0)
        return -1;
    return rc > 0 ? VIR_NODE_DEDUP_MERGED : VIR_NODE_DEDUP_EQUAL;
}

/* Phases 2 and 3 over one run of equal hashes, @run[0 .. n-1]. */
static int
virNodeDedupRun1(const virNodeDedupOps *ops, void *opaque,
                 const virNodeDedupPage *run, size_t n, virNodeDedupResult *result)
{
    const virNodeDedupPage *kinds[VIR_NODE_DEDUP_MAX_KINDS];
    bool matched[VIR_NODE_DEDUP_MAX_KINDS] = { false };
    size_t nkinds = 0;
    size_t i, k;

    for (i = 0; i < n; i++) {
        for (k = 0; k < nkinds; k++) {
            int found = virNodeDedupMerge(ops, opaque, kinds[k]->dom, kinds[k]->gfn,
                                          run[i].dom, run[i].gfn);

            if (found < 0)
                return -1;
            if (found == VIR_NODE_DEDUP_DIFFERENT)
                continue;
            result->identical += matched[k] ? 1 : 2;
            matched[k] = true;
            result->shared += found == VIR_NODE_DEDUP_MERGED;
            break;
        }
        if (k == nkinds && nkinds < VIR_NODE_DEDUP_MAX_KINDS)
            kinds[nkinds++] = &run[i];
    }
    return 0;
}

int
virNodeDedupRun(const virNodeDedupOps *ops, void *opaque,
                const virNodeDedupDomain *doms, size_t ndoms,
                virNodeDedupResult *result)
{
    g_autoptr(GArray) pages = g_array_new(FALSE, FALSE, sizeof(virNodeDedupPage));
    gint64 start = g_get_monotonic_time();
    unsigned long long freedBefore, freedAfter;
    size_t i, j;

    memset(result, 0, sizeof(*result));
    if (ops->freedPages(opaque, &freedBefore) < 0)
        return -1;
    for (i = 0; i < ndoms; i++) {
        if (virNodeDedupHashDomain(ops, opaque, &doms[i], pages, result) < 0)
            return -1;
    }
    g_array_sort(pages, virNodeDedupPageCompare);
    for (i = 0; i < pages->len; i = j) {
        const virNodeDedupPage *run = &g_array_index(pages, virNodeDedupPage, i);

        for (j = i + 1; j < pages->len &&
             g_array_index(pages, virNodeDedupPage, j).hash == run->hash; j++)
            ;
        if (j - i > 1 && virNodeDedupRun1(ops, opaque, run, j - i, result) < 0)
            return -1;
    }
    if (ops->freedPages(opaque, &freedAfter) < 0)
        return -1;
    /* pages that guests wrote meanwhile came back: never below nothing */
    result->freed = freedAfter > freedBefore ? freedAfter - freedBefore : 0;
    result->timeMs = (g_get_monotonic_time() - start) / 1000;
    VIR_DEBUG("dedup: %llu scanned, %llu identical, %llu shared, %llu freed in %llu ms",
              result->scanned, result->identical, result->shared, result->freed,
              result->timeMs);
    return 0;
}

int
virNodeDedupResultToParams(const virNodeDedupResult *result,
                           virTypedParameterPtr *params, int *nparams)
{
    const struct {
        const char *field;
        unsigned long long value;
    } fields[] = {
        { VIR_NODE_DEDUP_PAGES_SCANNED, result->scanned },
        { VIR_NODE_DEDUP_PAGES_IDENTICAL, result->identical },
        { VIR_NODE_DEDUP_PAGES_SHARED, result->shared },
        { VIR_NODE_DEDUP_PAGES_FREED, result->freed },
        { VIR_NODE_DEDUP_TIME_MS, result->timeMs },
    };
    size_t i;

    *params = g_new0(virTypedParameter, G_N_ELEMENTS(fields));
    for (i = 0; i < G_N_ELEMENTS(fields); i++)
        virTypedParamSetULLong(&(*params)[i], fields[i].field, fields[i].value);
    *nparams = G_N_ELEMENTS(fields);
    return 0;
}
