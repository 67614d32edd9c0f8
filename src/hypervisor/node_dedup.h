/*
 * node_dedup.h: one deduplication pass over domains' memory
 *
 * The algorithm for every driver that can read guest pages and ask its
 * hypervisor to share two of them (Xen: xenforeignmemory and xc_memshr_*):
 * read each domain's pages in batches and hash them (xxHash), sort the
 * hashes; for every candidate pair, first hold both pages (Xen: nominate
 * them, which write-protects them: a guest's later write invalidates the
 * handle), then compare them byte for byte (a hash says only "maybe": a
 * collision, or a guest that wrote the page since, must never merge two
 * different pages), let go of the mapping, then share with the handles.
 * Compared before held, a page the guest writes between the compare and
 * the share would be merged with its old contents and the write lost.
 * The driver supplies the page access as virNodeDedupOps.
 */
#ifndef VIR_NODE_DEDUP_H
# define VIR_NODE_DEDUP_H

# include "internal.h"

# define VIR_NODE_DEDUP_PAGE_SIZE 4096

/* A page held for sharing */
typedef struct {
    unsigned int dom;               /* the driver's domain id */
    uint64_t gfn;
    uint64_t handle;                /* hold()'s, for share() */
} virNodeDedupHeld;

/* How a driver reaches its domains' pages.  @dom is the driver's domain id. */
typedef struct {
    /* Maps @n pages (@gfns) of @dom read-only and returns their contents,
     * VIR_NODE_DEDUP_PAGE_SIZE bytes each; @errs[i] != 0 says page i could
     * not be mapped (it is skipped).  NULL with an error reported. */
    void *(*map)(void *opaque, unsigned int dom, const uint64_t *gfns, size_t n, int *errs);
    /* Lets go of what map() gave.  A mapping holds a reference on the
     * pages: Xen refuses to nominate a page that is mapped (E2BIG). */
    void (*unmap)(void *opaque, void *pages, size_t n);
    /* Holds pages @s and @c for sharing (Xen: nominates both and sets
     * their handles; the driver may swap the two roles): from here on, a
     * guest's write to either makes share() refuse the pair.  1 held, 0
     * when the hypervisor refuses this pair only (the pass goes on), -1
     * with an error reported when it refuses sharing altogether. */
    int (*hold)(void *opaque, virNodeDedupHeld *s, virNodeDedupHeld *c);
    /* Shares held page @c into held page @s: 1 done, 0 when refused for
     * this pair only (one was written since hold()), -1 with an error. */
    int (*share)(void *opaque, const virNodeDedupHeld *s, const virNodeDedupHeld *c);
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
/* What virNodeDedupMerge() found */
typedef enum {
    VIR_NODE_DEDUP_DIFFERENT,       /* not equal (written since hashed, a
                                     * collision), or one cannot be read */
    VIR_NODE_DEDUP_EQUAL,           /* equal byte for byte, not shared: the
                                     * hypervisor refused the pair, or a
                                     * guest wrote one after the compare */
    VIR_NODE_DEDUP_MERGED,          /* equal and shared */
} virNodeDedupOutcome;

/* Shares page @bgfn of @bdom into page @agfn of @adom if they are equal:
 * holds both, compares them byte for byte, lets go of the mappings,
 * shares.  A virNodeDedupOutcome, or -1 with an error reported (a domain
 * that cannot be mapped at all, sharing refused altogether). */
int virNodeDedupMerge(const virNodeDedupOps *ops, void *opaque,
                      unsigned int adom, uint64_t agfn, unsigned int bdom, uint64_t bgfn);

/* @result as virNodeMemoryDedup() returns it: *@params to free with
 * virTypedParamsFree(). */
int virNodeDedupResultToParams(const virNodeDedupResult *result,
                               virTypedParameterPtr *params, int *nparams);

#endif /* VIR_NODE_DEDUP_H */
