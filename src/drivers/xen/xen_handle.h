/*
 * xen_handle.h: the real binding's handle and the functions of each part
 *
 * Private to src/drivers/xen: the driver sees only xen_ops.h.  One handle
 * holds the three Xen interfaces, each safe to use from several threads:
 * libxenctrl (hypercalls), libxenstore (the store), libxl (guests).
 */
#ifndef VIR_XEN_HANDLE_H
# define VIR_XEN_HANDLE_H

# include "internal.h"

# include <xenctrl.h>
# include <xenstore.h>
# include <xenforeignmemory.h>
# include <libxl.h>
# include <libxl_utils.h>

# include "xen_logger.h"
# include "xen_ops.h"

struct _xenHandle {
    xc_interface *xch;
    struct xs_handle *xsh;
    libxl_ctx *ctx;
    xenLogger *logger;
    xenforeignmemory_handle *fmem;  /* guest pages, for deduplication; may be NULL */
    unsigned int hostCpus;      /* physinfo's max_cpu_id + 1 */
    size_t cpumapBytes;         /* xc_get_cpumap_size() */
};

/* xen_hypervisor.c: the host */
xenHandle *xenHypervisorOpen(void);
void xenHypervisorClose(xenHandle *h);
int xenHypervisorVersion(xenHandle *h, xenVersionInfo *info);
int xenHypervisorPhysinfo(xenHandle *h, xenPhysInfo *info);
char *xenHypervisorConsoleRing(xenHandle *h, bool clear);

/* xen_domctl.c: one domain through libxenctrl */
int xenDomctlList(xenHandle *h, xenDomainInfo **infos, size_t *ninfos);
int xenDomctlInfo(xenHandle *h, unsigned int domid, xenDomainInfo *info);
/* The same, saying "domain N: cannot <what>: no such domain" when it is not */
int xenDomctlInfoFor(xenHandle *h, unsigned int domid, const char *what,
                     xenDomainInfo *info);
int xenDomctlPause(xenHandle *h, unsigned int domid);
int xenDomctlUnpause(xenHandle *h, unsigned int domid);
int xenDomctlGetSched(xenHandle *h, unsigned int domid, xenSchedParams *params);
int xenDomctlSetSched(xenHandle *h, unsigned int domid, const xenSchedParams *params);
int xenDomctlSetMemorySharing(xenHandle *h, unsigned int domid, bool enable);

/* xen_memshr.c: memory sharing and foreign mappings */
int xenMemshrRing(xenHandle *h, unsigned int domid, bool enable);
int xenMemshrResume(xenHandle *h, unsigned int domid);
int xenMemshrNominate(xenHandle *h, unsigned int domid, uint64_t page, bool gref,
                      uint64_t *handle);
int xenMemshrShare(xenHandle *h, const xenMemshrPage *source, const xenMemshrPage *client,
                   bool gref);
int xenMemshrAddToPhysmap(xenHandle *h, const xenMemshrPage *source, unsigned int cdomid,
                          uint64_t cgfn);
int xenMemshrRangeShare(xenHandle *h, unsigned int sdomid, unsigned int cdomid,
                        uint64_t first, uint64_t last);
int xenMemshrHoldPair(xenHandle *h, xenMemshrPage *s, xenMemshrPage *c);
int xenMemshrSharePair(xenHandle *h, const xenMemshrPage *s, const xenMemshrPage *c);
int xenMemshrCounters(xenHandle *h, unsigned long long *freed, unsigned long long *used);
void *xenMemshrMap(xenHandle *h, unsigned int domid, const uint64_t *gfns, size_t n, int *errs);
void xenMemshrUnmap(xenHandle *h, void *addr, size_t n);
int xenMemshrUnshare(xenHandle *h, unsigned int domid, const uint64_t *gfns, size_t n,
                     int *errs);

/* xen_memory.c */
int xenMemorySetMax(xenHandle *h, unsigned int domid, unsigned long long kib);
int xenMemoryGetMax(xenHandle *h, unsigned int domid, unsigned long long *kib);
int xenMemorySetTarget(xenHandle *h, unsigned int domid, unsigned long long kib);
int xenMemoryGetTarget(xenHandle *h, unsigned int domid, unsigned long long *kib);

/* xen_vcpu.c */
int xenVcpuList(xenHandle *h, unsigned int domid, xenVcpuInfo **vcpus, size_t *nvcpus);
int xenVcpuGetAffinity(xenHandle *h, unsigned int domid, unsigned int vcpu,
                       virBitmap **hard, virBitmap **soft);
int xenVcpuSetAffinity(xenHandle *h, unsigned int domid, unsigned int vcpu,
                       const virBitmap *hard, const virBitmap *soft);

/* xen_store.c */
/* /local/domain/@domid/@rel: 0 and *@value, 1 when missing, -1 with an error */
int xenStoreRead(xenHandle *h, unsigned int domid, const char *rel, char **value);
int xenStoreReadNumber(xenHandle *h, unsigned int domid, const char *rel,
                       unsigned long long *value);
int xenStoreWrite(xenHandle *h, xs_transaction_t t, unsigned int domid,
                  const char *rel, const char *value);
char *xenStoreDomainName(xenHandle *h, unsigned int domid);
int xenStoreSetVcpusOnline(xenHandle *h, unsigned int domid, unsigned int count);
int xenStoreShutdown(xenHandle *h, unsigned int domid, xenShutdownRequest request);
int xenStoreSysrq(xenHandle *h, unsigned int domid, char key);

/* xen_watch.c */
int xenStoreWatch(xenHandle *h, const char *path, const char *token);
int xenStoreUnwatch(xenHandle *h, const char *path, const char *token);
int xenStoreWatchFd(xenHandle *h);
int xenStorePollWatch(xenHandle *h, char **path, char **token);

/* xen_light.c: building and destroying guests */
int xenLightOpen(xenHandle *h);
void xenLightClose(xenHandle *h);
int xenLightCreate(xenHandle *h, const xenDomainConfig *config,
                   unsigned int flags, unsigned int *domid);
int xenLightDestroy(xenHandle *h, unsigned int domid);
int xenLightCoreDump(xenHandle *h, unsigned int domid, const char *path);
xenDomainConfig *xenLightDomainConfig(xenHandle *h, unsigned int domid);
/* "domain 7" for messages about a domain libxl was asked about */
char *xenLightWho(unsigned int domid);
/* Reports the libxl error @rc with what libxl logged since xenLoggerBegin() */
void xenLightReport(const char *who, int rc, const char *what);
/* Fails when a domain has @name already */
int xenLightCheckNameFree(xenHandle *h, const char *name, const char *what);
/* Unpauses a domain libxl just built; destroys it if that fails */
int xenLightUnpauseNew(xenHandle *h, const char *name, uint32_t domid);

/* xen_light_conf.c: xenDomainConfig <-> libxl_domain_config */
int xenLightConfigFromDef(xenHandle *h, const xenDomainConfig *def,
                          libxl_domain_config *config);
xenDomainConfig *xenLightConfigToDef(const libxl_domain_config *config);
int xenLightDiskFromDef(const xenDiskConfig *def, libxl_device_disk *disk);
int xenLightNicFromDef(const xenNicConfig *def, libxl_device_nic *nic);
void xenLightDiskToDef(const libxl_device_disk *disk, xenDiskConfig *def);
void xenLightNicToDef(const libxl_device_nic *nic, xenNicConfig *def);

/* xen_light_dev.c: devices of a running guest */
int xenLightAttachDisk(xenHandle *h, unsigned int domid, const xenDiskConfig *disk);
int xenLightDetachDisk(xenHandle *h, unsigned int domid, const char *target);
int xenLightListDisks(xenHandle *h, unsigned int domid, xenDiskConfig **disks, size_t *ndisks);
int xenLightAttachNic(xenHandle *h, unsigned int domid, const xenNicConfig *nic);
int xenLightDetachNic(xenHandle *h, unsigned int domid, const unsigned char mac[6]);
int xenLightListNics(xenHandle *h, unsigned int domid, xenNicConfig **nics, size_t *nnics);

/* xen_save.c */
int xenLightSave(xenHandle *h, unsigned int domid, const char *path, const char *extra);
int xenLightSaveExtra(xenHandle *h, const char *path, char **extra);
int xenLightRestore(xenHandle *h, const char *path, unsigned int flags, unsigned int *domid);

#endif /* VIR_XEN_HANDLE_H */
