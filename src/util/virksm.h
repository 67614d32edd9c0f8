/*
 * virksm.h: Linux KSM (kernel samepage merging): the host's tunables and
 * counters (/sys/kernel/mm/ksm), and a process's own merging
 *
 * A process opts in with prctl(PR_SET_MEMORY_MERGE) (Linux 6.4): all its
 * anonymous memory becomes mergeable, and its children inherit that.
 * Only a process can ask it for itself.  Tests may read a fake host: see
 * virFileSetHostRoot().
 */
#ifndef VIR_KSM_H
# define VIR_KSM_H

# include "internal.h"

# include <sys/types.h>

/* What /sys/kernel/mm/ksm holds: three tunables, then counters. */
typedef struct _virKsmInfo {
    unsigned int pagesToScan;           /* pages_to_scan */
    unsigned int sleepMillisecs;        /* sleep_millisecs */
    unsigned int mergeAcrossNodes;      /* merge_across_nodes: 0 or 1 (NUMA kernels;
                                         * 0 where the file is missing) */
    unsigned long long pagesShared;
    unsigned long long pagesSharing;
    unsigned long long pagesUnshared;
    unsigned long long pagesVolatile;
    unsigned long long fullScans;
} virKsmInfo;

/* Bits for virKsmSetTunables(): which tunables to write. */
typedef enum {
    VIR_KSM_PAGES_TO_SCAN = 1 << 0,
    VIR_KSM_SLEEP_MILLISECS = 1 << 1,
    VIR_KSM_MERGE_ACROSS_NODES = 1 << 2,
} virKsmTunable;

/* Reads every tunable and counter; fails naming the file when the kernel
 * has no KSM. */
int virKsmGetInfo(virKsmInfo *info);

/* Writes the tunables in @which (virKsmTunable bits) from @info; when one
 * is refused, writes back those already written from @old, so nothing is
 * half-changed.  The kernel refuses merge_across_nodes (EBUSY) while
 * pages are merged. */
int virKsmSetTunables(const virKsmInfo *info, const virKsmInfo *old, unsigned int which);

/* Whether the kernel offers PR_SET_MEMORY_MERGE; an error saying so. */
int virKsmCheckSelf(void);

/* prctl(PR_SET_MEMORY_MERGE) for the calling process.  Turning merging
 * off unmerges, which walks every page of every mapping. */
int virKsmSetSelf(bool enable);

/* Merged pages (ksm_merging_pages) and pages KSM tracks (ksm_rmap_items)
 * of @pid, from /proc/PID/ksm_stat; 0 and 0 for a process that has gone. */
void virKsmGetProcessPages(pid_t pid, unsigned long long *merged,
                           unsigned long long *tracked);

#endif /* VIR_KSM_H */
