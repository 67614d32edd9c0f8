/*
 * xen_fake.h: a fake hypervisor behind the xenOps seam, for the Xen
 * driver's unit tests (xen_driver_test)
 *
 * It keeps domains in memory (Domain-0 and the guests the driver builds),
 * refuses what the real binding refuses in the same words for the cases
 * the tests provoke, and records what it was asked, so that a test can
 * check what the driver gave the binding.
 */
#ifndef VIR_XEN_FAKE_H
# define VIR_XEN_FAKE_H

# include "xen_ops.h"

# define XEN_FAKE_MAX_DOMAINS 16

typedef struct {
    bool used;
    xenDomainInfo info;
    char *name;
    xenDomainType type;
    char *kernel;
    char *bridge;           /* of its first interface */
    char *diskTarget;       /* of its first disk */
    size_t ndisks;
    GPtrArray *plugged;     /* "disk TARGET" and "nic MAC" plugged since the build */
    bool restored;          /* built from a save file */
    bool tscNative;
    xenLifecycleAction onPoweroff;
    unsigned long long targetKiB;
    xenShutdownRequest request;     /* XEN_REQUEST_LAST: none asked */
    char sysrq;                     /* the last magic SysRq key asked, or 0 */
    virBitmap *pin0;                /* vcpu 0's hard affinity, when set */
    xenSchedParams sched;           /* credit: weight 256, cap 0 at build */
    bool sharing;                   /* memory sharing enabled */
    unsigned char *mem;             /* guest pages 0 .. npages-1 (xenFakeSetPages) */
    bool *shared;                   /* page i is shared */
    uint64_t *handle;               /* page i's sharing handle, 0: not nominated */
    size_t npages;
} xenFakeDomain;

typedef struct {
    xenFakeDomain domains[XEN_FAKE_MAX_DOMAINS];
    unsigned int nextId;
    unsigned int listCalls;         /* listDomains batches */
    unsigned int infoCalls;         /* single-domain lookups */
    bool refuseOpen;                /* open fails as on a host without Xen */
    bool ringCleared;               /* the console ring was read and cleared */
    unsigned long long sharingFreed;    /* xc_sharing_freed_pages */
    unsigned long long sharingUsed;     /* xc_sharing_used_frames */
    int sharingErrno;                   /* not 0: memory sharing refused as Xen does */
    unsigned int mapped;                /* mappings not let go yet */
    int unshareErrno;                   /* not 0: a shared page fails to unshare so */
    /* the first mapping of page @lieGfn of @lieDomid shows page @asGfn's
     * contents (0: none): a hash collision, or a guest writing meanwhile */
    unsigned int lieDomid;
    uint64_t lieGfn, asGfn;
    uint64_t nextHandle;                /* the last handle a nomination gave */
    /* the guest of @writeDomid writes the byte @writeByte over its page
     * @writeGfn just after the pass's first look at that page alone (its
     * byte-for-byte compare) is let go of; as Xen, a write invalidates the
     * page's handle (0: none) */
    unsigned int writeDomid;
    uint64_t writeGfn;
    unsigned char writeByte;
    bool writePending;
} xenFakeState;

extern xenFakeState xenFake;
extern const xenOps xenFakeOps;

/* Empties the fake: Domain-0 only, the next guest gets id 1. */
void xenFakeReset(void);
/* The fake domain with @name, or NULL. */
xenFakeDomain *xenFakeFind(const char *name);
/* Adds a domain another toolstack built (not through the driver). */
unsigned int xenFakeAddForeign(const char *name, unsigned long long kib);

/* Gives the guest @npages pages, page i filled with the byte @fill(i). */
void xenFakeSetPages(unsigned int domid, size_t npages, unsigned char (*fill)(size_t i));

/* The guest of @domid powers off, reboots or crashes by itself: Xen
 * keeps it, shut down with @reason, for the toolstack to act on. */
void xenFakeGuestStops(unsigned int domid, xenShutdownReason reason);

#endif /* VIR_XEN_FAKE_H */
