/*
 * xen_ops.h: how the Xen driver asks the hypervisor (xenOps)
 *
 * The driver speaks in domain ids, memory in KiB, vcpus and cpumaps; a
 * xenOps table turns that into calls.  The real one (xenHypervisorOps) is
 * the only code in virtkit that knows Xen: libxenctrl for the fast paths,
 * libxenstore for names, requests to the guest and watches, libxl to build,
 * save, restore and plug devices.  A unit test may give the driver a fake
 * table instead, at exactly this seam.
 *
 * Rules every implementation keeps:
 * - Each function reports its own error (virReportError, VIR_FROM_XEN) in
 *   words that name the domain and what was asked, and returns -1 (or
 *   NULL); the caller never sees an errno or a libxl error code.
 * - Cpumaps are virBitmaps with one bit per host CPU (maxCpuId + 1 bits),
 *   CPU n at bit n, as libvirt's VIR_USE_CPU orders them.
 * - No function keeps a pointer to its arguments; what it returns is the
 *   caller's (free with g_free or the type's Free).
 * - Any function may be called from any thread, several at a time, on one
 *   handle.  None takes a driver lock; the driver must not hold its list
 *   lock across them (some take seconds: create, save, restore, devices).
 */
#ifndef VIR_XEN_OPS_H
# define VIR_XEN_OPS_H

# include "internal.h"

# include "virbitmap.h"
# include "xen_conf.h"

/* One open connection to the hypervisor; each implementation defines it. */
typedef struct _xenHandle xenHandle;

/* Flags of xenOps.create and xenOps.restore */
typedef enum {
    XEN_CREATE_PAUSED = 1 << 0,     /* leave it paused once built */
} xenCreateFlags;

/* What xenOps.shutdown asks the guest (xenstore control/shutdown). */
typedef enum {
    XEN_REQUEST_POWEROFF = 0,
    XEN_REQUEST_REBOOT,
    XEN_REQUEST_LAST
} xenShutdownRequest;

/* A page nominated for sharing: a gfn (or grant reference) of a domain
 * and the handle Xen gave it. */
typedef struct {
    unsigned int domid;
    uint64_t page;
    uint64_t handle;
} xenMemshrPage;

typedef struct _xenOps {
    const char *name;       /* "hypervisor", or a fake's name */

    /* Opens the hypervisor; fails saying why this host is not a usable
     * dom0 (not Xen, a domU, no permission, no xenstored). */
    xenHandle *(*open)(void);
    void (*close)(xenHandle *h);

    /* ---- the host ---- */
    int (*version)(xenHandle *h, xenVersionInfo *info);
    int (*physinfo)(xenHandle *h, xenPhysInfo *info);
    /* Xen's console ring (dmesg of the hypervisor); @clear empties it. */
    char *(*consoleRing)(xenHandle *h, bool clear);

    /* ---- domains: libxenctrl ---- */
    /* Every domain, Domain-0 first, ordered by id: one hypercall for up to
     * 1024 domains.  *@infos is the caller's (g_free). */
    int (*listDomains)(xenHandle *h, xenDomainInfo **infos, size_t *ninfos);
    int (*domainInfo)(xenHandle *h, unsigned int domid, xenDomainInfo *info);
    int (*pause)(xenHandle *h, unsigned int domid);
    int (*unpause)(xenHandle *h, unsigned int domid);
    int (*getSched)(xenHandle *h, unsigned int domid, xenSchedParams *params);
    int (*setSched)(xenHandle *h, unsigned int domid, const xenSchedParams *params);
    /* Memory sharing (xc_memshr_control); the issue on memory sharing
     * builds on it.  Fails clearly where Xen was built without it. */
    int (*setMemorySharing)(xenHandle *h, unsigned int domid, bool enable);

    /* ---- memory sharing, page level: libxenctrl (xen_memshr.c) ---- */
    /* The ring Xen posts ENOMEM notices on (without it, a guest whose
     * copy on write finds no memory is crashed), and the resume of a
     * domain held on such a notice. */
    int (*memshrRing)(xenHandle *h, unsigned int domid, bool enable);
    int (*memshrResume)(xenHandle *h, unsigned int domid);
    /* Nominates a gfn (@gref: a grant reference) and gives its handle;
     * shares @client's page into @source's (both nominated); adds
     * @source's shared frame at @cgfn of @cdomid; shares a whole gfn range
     * without comparing (both domains paused). */
    int (*memshrNominate)(xenHandle *h, unsigned int domid, uint64_t page, bool gref,
                          uint64_t *handle);
    int (*memshrShare)(xenHandle *h, const xenMemshrPage *source, const xenMemshrPage *client,
                       bool gref);
    int (*memshrAddToPhysmap)(xenHandle *h, const xenMemshrPage *source, unsigned int cdomid,
                              uint64_t cgfn);
    int (*memshrRangeShare)(xenHandle *h, unsigned int sdomid, unsigned int cdomid,
                            uint64_t first, uint64_t last);
    /* Nominates both gfns (the roles may swap): 1 held, 0 when Xen refuses
     * this pair only (not RAM, in use, mapped), -1 with an error when it
     * refuses sharing itself.  From here on a guest's write to either
     * page invalidates its handle. */
    int (*memshrHoldPair)(xenHandle *h, xenMemshrPage *source, xenMemshrPage *client);
    /* Shares the pair memshrHoldPair held: 1 shared, 0 refused for this
     * pair only (a handle gone stale: the page was written), -1 error. */
    int (*memshrSharePair)(xenHandle *h, const xenMemshrPage *source,
                           const xenMemshrPage *client);
    /* xc_sharing_freed_pages, xc_sharing_used_frames, in pages */
    int (*memshrCounters)(xenHandle *h, unsigned long long *freed, unsigned long long *used);
    /* Maps @n gfns of the domain read-only (xenforeignmemory): 4096 bytes
     * each, @errs[i] set for a page not mapped; unmap before nominating. */
    void *(*mapPages)(xenHandle *h, unsigned int domid, const uint64_t *gfns, size_t n,
                      int *errs);
    void (*unmapPages)(xenHandle *h, void *addr, size_t n);
    /* Maps @n gfns of the domain writable and lets go without writing:
     * Xen gives the domain its own copy of each shared one (it has no
     * unshare call).  @errs[i]: 0, or the positive errno of a page not
     * mapped (ENOMEM: no free frame to copy a shared page into).  0, or
     * -1 with an error when the batch could not be mapped at all. */
    int (*unsharePages)(xenHandle *h, unsigned int domid, const uint64_t *gfns, size_t n,
                        int *errs);

    /* ---- vcpus: libxenctrl ---- */
    /* One entry per vcpu the domain was built with.  *@vcpus: g_free. */
    int (*vcpuList)(xenHandle *h, unsigned int domid, xenVcpuInfo **vcpus,
                    size_t *nvcpus);
    /* Hard and soft affinity; either output may be NULL. */
    int (*vcpuGetAffinity)(xenHandle *h, unsigned int domid, unsigned int vcpu,
                           virBitmap **hard, virBitmap **soft);
    /* Sets the affinities given (NULL: leave that one as it is).  A CPU the
     * host lacks is refused before Xen is asked. */
    int (*vcpuSetAffinity)(xenHandle *h, unsigned int domid, unsigned int vcpu,
                           const virBitmap *hard, const virBitmap *soft);

    /* ---- domains: xenstore ---- */
    /* The name toolstacks gave it ("Domain-0" for 0); NULL with an error. */
    char *(*domainName)(xenHandle *h, unsigned int domid);
    /* ---- memory: xenstore and libxenctrl, kept as libxl keeps them ---- */
    /* The most the guest may balloon up to (memory/static-max), never below
     * its balloon target; the hypervisor's cap follows. */
    int (*setMaxMemory)(xenHandle *h, unsigned int domid, unsigned long long kib);
    int (*getMaxMemory)(xenHandle *h, unsigned int domid, unsigned long long *kib);
    /* The balloon driver's target (memory/target), 1 KiB to the maximum;
     * the hypervisor's cap (xenDomainInfo.maxMemoryKiB) becomes the target
     * plus 1 MiB, so a guest cannot keep what it was asked to give back. */
    int (*setMemoryTarget)(xenHandle *h, unsigned int domid, unsigned long long kib);
    int (*getMemoryTarget)(xenHandle *h, unsigned int domid, unsigned long long *kib);
    /* vcpus 0..@count-1 online, the rest offline (cpu/N/availability): the
     * guest plugs them; at most the vcpus it was built with. */
    int (*setVcpusOnline)(xenHandle *h, unsigned int domid, unsigned int count);
    /* Asks the guest to power off or reboot (control/shutdown); returns
     * when the request is written, not when the guest obeys. */
    int (*shutdown)(xenHandle *h, unsigned int domid, xenShutdownRequest request);
    /* Sends a magic SysRq key to the guest (control/sysrq). */
    int (*sysrq)(xenHandle *h, unsigned int domid, char key);
    /* xenstore watches: "@releaseDomain" fires when a domain goes away,
     * "@introduceDomain" when one appears.  pollWatch never blocks: it
     * returns 1 and the path and token of one event, or 0 when none is
     * pending; watchFd is readable when one is. */
    int (*watch)(xenHandle *h, const char *path, const char *token);
    int (*unwatch)(xenHandle *h, const char *path, const char *token);
    int (*watchFd)(xenHandle *h);
    int (*pollWatch)(xenHandle *h, char **path, char **token);

    /* ---- guests: libxl ---- */
    /* Builds and (unless XEN_CREATE_PAUSED) starts a PV or PVH guest with
     * its disks and interfaces; returns when it is built and its devices
     * are plugged, not when its kernel has booted. */
    int (*create)(xenHandle *h, const xenDomainConfig *config,
                  unsigned int flags, unsigned int *domid);
    /* Tears the domain down: devices unplugged, hotplug scripts run,
     * xenstore cleaned, then xc_domain_destroy. */
    int (*destroy)(xenHandle *h, unsigned int domid);
    /* Writes the domain's memory to the ELF core file @path (xl
     * dump-core), the domain left as it was. */
    int (*coreDump)(xenHandle *h, unsigned int domid, const char *path);
    /* Saves memory and configuration to @path (created 0600), with
     * @extra (the caller's, may be NULL) beside them, then destroys the
     * domain.  The guest must cooperate (PV drivers). */
    int (*save)(xenHandle *h, unsigned int domid, const char *path, const char *extra);
    /* What save() stored beside the guest in @path (*@extra NULL: nothing). */
    int (*saveExtra)(xenHandle *h, const char *path, char **extra);
    /* Builds a domain from a file save() wrote; its name and uuid are the
     * saved ones.  Flags: XEN_CREATE_PAUSED. */
    int (*restore)(xenHandle *h, const char *path, unsigned int flags,
                   unsigned int *domid);
    /* The configuration the domain was built with (name, memory, vcpus,
     * devices as libxl records them). */
    xenDomainConfig *(*domainConfig)(xenHandle *h, unsigned int domid);
    int (*attachDisk)(xenHandle *h, unsigned int domid, const xenDiskConfig *disk);
    int (*detachDisk)(xenHandle *h, unsigned int domid, const char *target);
    /* The domain's disks now, as libxl sees them.  Clear each, g_free. */
    int (*listDisks)(xenHandle *h, unsigned int domid, xenDiskConfig **disks,
                     size_t *ndisks);
    int (*attachNic)(xenHandle *h, unsigned int domid, const xenNicConfig *nic);
    int (*detachNic)(xenHandle *h, unsigned int domid, const unsigned char mac[6]);
    int (*listNics)(xenHandle *h, unsigned int domid, xenNicConfig **nics,
                    size_t *nnics);
} xenOps;

/* The real hypervisor (xen_ops.c): libxenctrl, libxenstore, libxl. */
extern const xenOps xenHypervisorOps;

#endif /* VIR_XEN_OPS_H */
