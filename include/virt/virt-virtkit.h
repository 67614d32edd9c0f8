/*
 * virt-virtkit.h: virtkit's calls beyond libvirt's API
 *
 * Part of virtkit's public API; include <virt/virt.h>.  These calls have
 * no libvirt counterpart: container entry (CloudLinux LVE enter/leave,
 * VServer migrate), memory sharing per domain and node-wide deduplication.
 * Drivers without the feature answer VIR_ERR_NO_SUPPORT.
 */
#ifndef VIRT_VIRTKIT_H
# define VIRT_VIRTKIT_H

# ifndef VIRT_VIRT_H_INCLUDES
#  error "Don't include this file directly, only use virt/virt.h"
# endif

/**
 * SECTION:virt-virtkit
 * @title: virt-virtkit
 * @short_description: virtkit extensions
 * @include: virt/virt.h
 *
 * What virtkit adds to libvirt's API: the error domains of its own drivers,
 * entering a domain (LVE), memory sharing per domain, one deduplication
 * pass over the node's domains and the hypervisor log.
 */

# ifdef __cplusplus
extern "C" {
# endif

/**
 * VIR_FROM_LVE:
 *
 * Error domain of the LVE driver: a virErrorDomain value beyond libvirt's,
 * for a driver libvirt does not have.  virtkit's own error domains start
 * at 1000, far from libvirt's numbers, so that none collides with a
 * domain a later libvirt adds.
 */
# define VIR_FROM_LVE 1000

/**
 * VIR_FROM_VSERVER:
 *
 * Error domain of the Linux-VServer driver (see VIR_FROM_LVE).
 */
# define VIR_FROM_VSERVER 1001

/**
 * virDomainEnterFlags:
 *
 * Flags of virDomainEnter().  The LVE driver maps them onto liblve's
 * LVE_NO_UBC, LVE_NAMESPACE and LVE_NO_MAXENTER.
 */
typedef enum {
    VIR_DOMAIN_ENTER_NO_UBC      = 1 << 0, /* do not apply the memory limits to the caller */
    VIR_DOMAIN_ENTER_NAMESPACE   = 1 << 1, /* also enter the domain's namespaces */
    VIR_DOMAIN_ENTER_NO_MAXENTER = 1 << 2, /* do not count against the entry-process limit */
    VIR_DOMAIN_ENTER_ONE_WAY     = 1 << 3, /* no way back: virDomainLeave() is impossible */
} virDomainEnterFlags;

int virDomainEnter(virDomainPtr domain, unsigned int *cookie, unsigned int flags);
int virDomainLeave(virDomainPtr domain, unsigned int cookie, unsigned int flags);

/* Typed parameters of virDomainGetMemorySharing(). */

/**
 * VIR_DOMAIN_MEMORY_SHARING_ENABLED:
 *
 * Memory sharing parameter (boolean): whether the domain's memory may be
 * merged with identical pages (virDomainGetMemorySharing()).
 */
# define VIR_DOMAIN_MEMORY_SHARING_ENABLED "enabled"              /* boolean */

/**
 * VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES:
 *
 * Memory sharing parameter (ullong): the pages the domain saves by sharing.
 */
# define VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES "shared_pages"    /* ullong: pages saved */

/**
 * VIR_DOMAIN_MEMORY_SHARING_MERGEABLE_PAGES:
 *
 * Memory sharing parameter (ullong): the domain's pages offered for merging.
 */
# define VIR_DOMAIN_MEMORY_SHARING_MERGEABLE_PAGES "mergeable_pages" /* ullong */

int virDomainSetMemorySharing(virDomainPtr domain, int enable, unsigned int flags);
int virDomainGetMemorySharing(virDomainPtr domain, virTypedParameterPtr params,
                              int *nparams, unsigned int flags);

/**
 * VIR_NODE_MEMORY_SHARED_RUN:
 *
 * Node memory parameter (uint) of virNodeGetMemoryParameters() and
 * virNodeSetMemoryParameters(), as KSM's run: 0 stops the continuous
 * deduplication scanner, 1 runs it (each wake scans
 * VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN pages, then it sleeps
 * VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS), 2 stops it and unshares every
 * shared page where the hypervisor can.  On Xen the scanner runs in
 * virtkitd: set it through a connection to the daemon.
 */
# define VIR_NODE_MEMORY_SHARED_RUN "shm_run"     /* uint */

/**
 * virNodeMemorySharedFlags:
 * @VIR_NODE_MEMORY_SHARED_SCANNER_HOST: for virtkitd, on a Xen
 *   connection: the caller keeps a connection to the driver open for as
 *   long as the scanner the call starts should run; without it, setting
 *   the scanner's parameters on Xen is refused
 *
 * Flags of virNodeSetMemoryParameters() beyond libvirt's.
 */
typedef enum {
    VIR_NODE_MEMORY_SHARED_SCANNER_HOST = (1 << 30),
} virNodeMemorySharedFlags;

/* Typed parameters of virNodeMemoryDedup(): what one pass did. */

/**
 * VIR_NODE_DEDUP_PAGES_SCANNED:
 *
 * Deduplication result (ullong): guest pages the pass read and hashed
 * (virNodeMemoryDedup()).
 */
# define VIR_NODE_DEDUP_PAGES_SCANNED "pages_scanned"     /* ullong */

/**
 * VIR_NODE_DEDUP_PAGES_IDENTICAL:
 *
 * Deduplication result (ullong): scanned pages found equal, byte for byte,
 * to another scanned page.
 */
# define VIR_NODE_DEDUP_PAGES_IDENTICAL "pages_identical" /* ullong */

/**
 * VIR_NODE_DEDUP_PAGES_SHARED:
 *
 * Deduplication result (ullong): pages this pass newly shared.
 */
# define VIR_NODE_DEDUP_PAGES_SHARED "pages_shared"       /* ullong */

/**
 * VIR_NODE_DEDUP_PAGES_FREED:
 *
 * Deduplication result (ullong): host frames this pass gave back.
 */
# define VIR_NODE_DEDUP_PAGES_FREED "pages_freed"         /* ullong */

/**
 * VIR_NODE_DEDUP_TIME_MS:
 *
 * Deduplication result (ullong): wall time of the pass in milliseconds.
 */
# define VIR_NODE_DEDUP_TIME_MS "time_ms"                 /* ullong */

int virNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                       virTypedParameterPtr *params, int *nparams, unsigned int flags);

/**
 * VIR_DOMAIN_STATS_LVE:
 *
 * The LVE driver's group of virConnectGetAllDomainStats(), a
 * virDomainStatsTypes bit beyond libvirt's: libvirt numbers its groups up
 * from bit 0 (bit 10 in 9.0), virtkit takes bit 30 so that no group a later
 * libvirt adds collides with it.  Its fields, of a running LVE ("limit"
 * 0: none; "faults" count since the LVE started):
 *
 * lve.cpu.usage (ullong, ns of CPU time), lve.cpu.limit (uint, speed in %
 * of one CPU), lve.cpu.faults (ullong, periods its CPU limit throttled it);
 * lve.mem.usage (ullong, KiB resident), lve.mem.limit (ullong, KiB),
 * lve.mem.faults (ullong, times it hit its memory limit);
 * lve.nproc.usage (uint, processes and threads), lve.nproc.limit (ullong),
 * lve.nproc.faults (ullong, forks refused at the limit);
 * lve.ep.usage (uint, entry processes), lve.ep.limit (ullong),
 * lve.ep.faults (ullong, entries refused at the limit);
 * lve.io.usage (ullong, bytes read and written), lve.io.limit (ullong, KB/s),
 * lve.iops.usage (ullong, read and write operations), lve.iops.limit (ullong,
 * operations/s).
 */
# define VIR_DOMAIN_STATS_LVE (1 << 30)

/**
 * virConnectHypervisorLogFlags:
 *
 * Flags of virConnectGetHypervisorLog().
 */
typedef enum {
    VIR_CONNECT_HYPERVISOR_LOG_CLEAR = 1 << 0,  /* empty the log once read */
} virConnectHypervisorLogFlags;

char *virConnectGetHypervisorLog(virConnectPtr conn, unsigned int flags);

# ifdef __cplusplus
}
# endif

#endif /* VIRT_VIRTKIT_H */
