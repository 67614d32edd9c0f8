/*
 * virksm.h: Linux KSM (kernel samepage merging): the host's tunables and
 * counters (/sys/kernel/mm/ksm), and a process's own merging
 *
 * A process opts in with prctl(PR_SET_MEMORY_MERGE) (Linux 6.4): all its
 * anonymous memory becomes mergeable, and its children inherit that.
 * Only a process can ask it for itself.  A merging pass runs ksmd until
 * it has merged what it can (virKsmRunPass).  Tests may read a fake host:
 * see virFileSetHostRoot().
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

/* Whether the kernel has KSM (/sys/kernel/mm/ksm); an error saying it
 * has not. */
int virKsmCheckHost(void);

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

/* Whether @pid asked for all its memory to be merged (ksm_merge_any in
 * /proc/PID/ksm_stat): 1 yes, 0 no, -1 when it has gone (no error). */
int virKsmProcessMergesAny(pid_t pid);

/* What one merging pass moved the host's counters by (never below 0:
 * pages written meanwhile leave KSM's pages at any time). */
typedef struct _virKsmPassResult {
    unsigned long long pagesScanned;    /* pages_scanned */
    unsigned long long pagesMerged;     /* pages_shared + pages_sharing + ksm_zero_pages:
                                         * pages now backed by a KSM page or the zero page */
    unsigned long long pagesSaved;      /* pages_sharing + ksm_zero_pages: frames given back */
    unsigned long long fullScans;       /* full_scans */
    unsigned long long timeMs;          /* wall time */
} virKsmPassResult;

/* Full scans of all mergeable memory a pass waits for: one to end the scan
 * under way (ksmd adds memory made mergeable behind its cursor), one in
 * which a page's checksum is taken, one in which a page whose checksum
 * held goes into the unstable tree and merges with its equal there or
 * with a KSM page of the stable tree. */
# define VIR_KSM_PASS_FULL_SCANS 3

/* The least time a pass is given, whatever its estimate: ksmd runs at
 * nice 5 and a busy host gives it less than its tunables ask. */
# define VIR_KSM_PASS_MIN_TIMEOUT_MS (60 * 1000)

/* The anonymous memory, in pages, of the processes that have mergeable
 * memory (ksm_mergeable or ksm_merge_any in /proc/PID/ksm_stat, RssAnon):
 * about what one full scan of KSM's covers. */
unsigned long long virKsmMergeablePages(void);

/* One merging pass: starts ksmd when it is stopped, waits for
 * VIR_KSM_PASS_FULL_SCANS full scans, and puts back 'run' as it was
 * (stopped: merged pages stay merged).  The pass is given at least
 * @minTimeoutMs, more when the host's tunables scan its mergeable memory
 * slowly.  One pass at a time on the host (a lock on 'run'). */
int virKsmRunPass(unsigned int minTimeoutMs, virKsmPassResult *result);

#endif /* VIR_KSM_H */
