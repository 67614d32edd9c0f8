/*
 * node_dedup.h: one deduplication pass over domains' memory
 *
 * The algorithm for every driver that can read guest pages and ask its
 * hypervisor to share two of them (Xen: xenforeignmemory and xc_memshr_*):
 * read each domain's pages in batches and hash them (xxHash), sort the
 * hashes, confirm every candidate pair byte for byte (a hash says only
 * "maybe": a collision, or a guest that wrote the page since, must never
 * merge two different pages), let go of the mapping, then share.  The
 * driver supplies the page access as virNodeDedupOps.
 */
#ifndef VIR_NODE_DEDUP_H
# define VIR_NODE_DEDUP_H

# include "internal.h"

# define VIR_NODE_DEDUP_PAGE_SIZE 4096

/* How a driver reaches its domains' pages.  @dom is the driver's domain id. */
typedef struct {
    /* Maps @n pages (@gfns) of @dom read-only and returns their contents,
     * VIR_NODE_DEDUP_PAGE_SIZE bytes each; @errs[i] != 0 says page i could
     * not be mapped (it is skipped).  NULL with an error reported. */
    void *(*map)(void *opaque, unsigned int dom, const uint64_t *gfns, size_t n, int *errs);
    /* Lets go of what map() gave.  A mapping holds a reference on the
     * pages: Xen refuses to share a page that is still mapped. */
    void (*unmap)(void *opaque, void *pages, size_t n);
    /* Shares page @cgfn of @cdom into page @sgfn of @sdom: 1 done, 0 when
     * the hypervisor refuses this pair only (the pass goes on), -1 with an
     * error reported when it refuses sharing altogether. */
    int (*share)(void *opaque, unsigned int sdom, uint64_t sgfn,
                 unsigned int cdom, uint64_t cgfn);
    /* The frames memory sharing has given back to the host so far. */
    int (*freedPages)(void *opaque, unsigned long long *pages);
} virNodeDedupOps;

typedef struct {
    unsigned int dom;               /* the driver's domain id */
    unsigned long long npages;      /* its page frames 0 .. npages-1 */
} virNodeDedupDomain;

typedef struct {
    unsigned long long scanned;     /* pages read and hashed */
    unsigned long long identical;   /* pages equal, byte for byte, to another */
    unsigned long long shared;      /* pages newly shared */
    unsigned long long freed;       /* frames the host got back */
    unsigned long long timeMs;      /* wall time of the pass */
} virNodeDedupResult;

int virNodeDedupRun(const virNodeDedupOps *ops, void *opaque,
                    const virNodeDedupDomain *doms, size_t ndoms,
                    virNodeDedupResult *result);

/* The pass's pieces, for the continuous scanner (node_scan.c) too: */
/* the hash of one page (XXH3, 64 bits) */
uint64_t virNodeDedupHash(const void *page);
/* 1 when page @agfn of @adom and page @bgfn of @bdom are equal byte for
 * byte now, 0 when not (or one cannot be read any more), -1 with an error
 * when one cannot be mapped at all.  Both mappings are let go of. */
int virNodeDedupPagesEqual(const virNodeDedupOps *ops, void *opaque,
                           unsigned int adom, uint64_t agfn, unsigned int bdom, uint64_t bgfn);

/* @result as virNodeMemoryDedup() returns it: *@params to free with
 * virTypedParamsFree(). */
int virNodeDedupResultToParams(const virNodeDedupResult *result,
                               virTypedParameterPtr *params, int *nparams);

#endif /* VIR_NODE_DEDUP_H */
