/*
 * node_scan.h: the continuous deduplication scanner, KSM's way
 *
 * The one-shot pass (node_dedup.h) reads everything, then shares.  The
 * scanner does the same work a little at a time, as Linux's ksmd does:
 * each wake scans shm_pages_to_scan pages from where the last one stopped
 * (a cursor over the domains and their pages, round-robin), then sleeps
 * shm_sleep_millisecs.  A page whose hash was seen before in the same
 * full scan is compared byte for byte with that page and shared with it;
 * one that was not is remembered until the scan ends (KSM's unstable
 * tree).  When the cursor has passed the last page of the last domain, a
 * full scan is counted, the memory of hashes is dropped and the next scan
 * starts on the domains as they are then.
 *
 * The cursor (virNodeScanStep) has no thread and no clock: the scanner
 * (virNodeScanner) runs it in a thread of its own with KSM's knobs.
 * KSM's run 2 (virNodeScannerUnshareAll) stops the thread and has every
 * page of the domains unshared, in batches the driver's unshare() is
 * given whether or not they hold a shared page (it knows cheaper than
 * the pages can tell).
 */
#ifndef VIR_NODE_SCAN_H
# define VIR_NODE_SCAN_H

# include "internal.h"
# include "node_dedup.h"

/* KSM's defaults (mm/ksm.c) */
# define VIR_NODE_SCAN_PAGES_DEFAULT 100
# define VIR_NODE_SCAN_SLEEP_DEFAULT 20

typedef struct {
    const virNodeDedupOps *pages;   /* reading and sharing pages */
    /* The domains a full scan starts on (running, with sharing on):
     * *@doms to g_free, 0; -1 with an error. */
    int (*domains)(void *opaque, virNodeDedupDomain **doms, size_t *ndoms);
    /* Gives @dom its own copy of each shared page among @gfns (pages
     * beyond its RAM, or not shared, stay as they are): 0, or -1 with an
     * error naming the domain and page, which ends the unsharing.  NULL:
     * the node cannot unshare. */
    int (*unshare)(void *opaque, unsigned int dom, const uint64_t *gfns, size_t n);
} virNodeScanOps;

typedef struct {
    unsigned long long scanned;     /* pages read and hashed */
    unsigned long long shared;      /* pages newly shared */
    unsigned long long fullScans;   /* scans that reached the last page */
    unsigned long long unshared;    /* pages the last full scan found unique */
    unsigned long long volatilePages;   /* pages it found written since hashed */
} virNodeScanCounts;

typedef struct _virNodeScanCursor virNodeScanCursor;

virNodeScanCursor *virNodeScanCursorNew(void);
void virNodeScanCursorFree(virNodeScanCursor *cursor);

/* Scans @npages pages from where @cursor stands, or fewer when no domain
 * is left to scan.  A domain that cannot be read is passed over, with a
 * warning.  0, or -1 with an error when the domains cannot be listed. */
int virNodeScanStep(virNodeScanCursor *cursor, const virNodeScanOps *ops, void *opaque,
                    unsigned int npages);

/* What @cursor has done since it was made */
void virNodeScanCursorCounts(const virNodeScanCursor *cursor, virNodeScanCounts *counts);

/* The scanner: a thread that runs a cursor while it is switched on */
typedef struct _virNodeScanner virNodeScanner;

typedef struct {
    bool running;
    bool unshared;              /* stopped by an unsharing of all (KSM's run 2) */
    unsigned int pagesToScan;
    unsigned int sleepMillisecs;
    virNodeScanCounts counts;
} virNodeScannerState;

/* @ops and @opaque must outlive the scanner */
virNodeScanner *virNodeScannerNew(const virNodeScanOps *ops, void *opaque);
/* Stops the thread (waits for its current wake to end) and frees */
void virNodeScannerFree(virNodeScanner *scanner);
/* Starts or stops the thread; stopping waits for it */
void virNodeScannerRun(virNodeScanner *scanner, bool run);
/* The knobs; NULL leaves one as it was.  A sleeping thread wakes up and
 * scans with them. */
void virNodeScannerTune(virNodeScanner *scanner, const unsigned int *pagesToScan,
                        const unsigned int *sleepMillisecs);
/* KSM's run 2: stops the thread (waits for it), then unshares every page
 * of the domains ops->domains() gives; the next run starts a full scan
 * afresh.  0, or -1 with the error that stopped it (the thread stays
 * stopped, as ksmd does). */
int virNodeScannerUnshareAll(virNodeScanner *scanner);
void virNodeScannerGetState(virNodeScanner *scanner, virNodeScannerState *state);

#endif /* VIR_NODE_SCAN_H */
