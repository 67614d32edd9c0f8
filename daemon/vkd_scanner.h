/*
 * vkd_scanner.h: the continuous memory sharing scanners the daemon keeps
 *
 * On Xen, the deduplication scanner that shm_run starts (KSM's knob) runs
 * in the driver's state, which lives as long as a connection to it is
 * open.  The daemon is the long-lived process that keeps it: a set of
 * shm_run 1 through it opens a connection of the daemon's own to the same
 * URI, kept until shm_run 0 (or 2) or the daemon's shutdown, whose close
 * stops the scanner.
 */
#ifndef VKD_SCANNER_H
# define VKD_SCANNER_H

# include <virt/virt.h>

/* The flags virNodeSetMemoryParameters gets from a client of @conn: with
 * VIR_NODE_MEMORY_SHARED_SCANNER_HOST on a Xen connection */
unsigned int vkdScannerFlags(virConnectPtr conn, unsigned int flags);

/* After a successful set of @params on @conn: keeps a connection to its
 * URI while shm_run is 1, lets go of it when shm_run is 0 or 2 */
void vkdScannerUpdate(virConnectPtr conn, virTypedParameterPtr params, int nparams);

/* At shutdown: closes the connections kept, which stops the scanners */
void vkdScannerShutdown(void);

#endif /* VKD_SCANNER_H */
