/*
 * node_scan.c: the continuous deduplication scanner, KSM's way
 *
 * The cursor is (domain index, gfn) in the list of domains its full scan
 * started on.  Each step maps a batch of pages from there (at most
 * VIR_NODE_SCAN_BATCH, never past the step's budget), hashes them, lets go
 * of the mapping, and only then looks each hash up among the pages this
 * full scan has seen: a page must not be mapped while it is shared (Xen
 * counts the mapping as a reference and refuses, E2BIG), and the byte for
 * byte comparison maps the two pages again (node_dedup.c's).  A match that
 * is no longer equal (one of them was written since it was hashed) makes
 * the newer page the one remembered.  Unsharing all (KSM's run 2) walks
 * the same domains in batches of the same size, with the thread stopped.
 */
#include "internal.h"

#include "node_scan.h"
#include "virerror.h"
#include "virlog.h"
#include "virthread.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Pages mapped at once, as the one-shot pass */
#define VIR_NODE_SCAN_BATCH 256

/* A page this full scan has seen; the hash first, for g_int64_hash */
typedef struct {
    uint64_t hash;
    unsigned int dom;
    uint64_t gfn;
    bool matched;
} virNodeScanSeen;

struct _virNodeScanCursor {
    virNodeDedupDomain *doms;   /* the full scan's domains; NULL between scans */
    size_t ndoms;
    size_t dom;                 /* where the cursor stands */
    uint64_t gfn;
    GHashTable *seen;           /* hash -> virNodeScanSeen */
    unsigned long long written; /* this full scan's pages written since hashed */
    virNodeScanCounts counts;
};

virNodeScanCursor *
virNodeScanCursorNew(void)
{
    virNodeScanCursor *cursor = g_new0(virNodeScanCursor, 1);

    cursor->seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    return cursor;
}

void
virNodeScanCursorFree(virNodeScanCursor *cursor)
{
    if (!cursor)
        return;
    g_hash_table_destroy(cursor->seen);
    g_free(cursor->doms);
    g_free(cursor);
}

void
virNodeScanCursorCounts(const virNodeScanCursor *cursor, virNodeScanCounts *counts)
{
    *counts = cursor->counts;
}

/* A new full scan on the domains as they are now: 0, or -1 with an error */
static int
virNodeScanBegin(virNodeScanCursor *cursor, const virNodeScanOps *ops, void *opaque)
{
    g_clear_pointer(&cursor->doms, g_free);
    cursor->ndoms = 0;
    cursor->dom = 0;
    cursor->gfn = 0;
    g_hash_table_remove_all(cursor->seen);
    cursor->written = 0;
    if (ops->domains(opaque, &cursor->doms, &cursor->ndoms) < 0)
        return -1;
    if (cursor->ndoms == 0)
        g_clear_pointer(&cursor->doms, g_free);
    return 0;
}

/* The next step starts a full scan */
static void
virNodeScanCursorRestart(virNodeScanCursor *cursor)
{
    g_clear_pointer(&cursor->doms, g_free);
    cursor->ndoms = 0;
}

/* Past the domains done with; at the end of the last one, a full scan */
static void
virNodeScanAdvance(virNodeScanCursor *cursor)
{
    GHashTableIter iter;
    virNodeScanSeen *seen;

    while (cursor->dom < cursor->ndoms && cursor->gfn >= cursor->doms[cursor->dom].npages) {
        cursor->dom++;
        cursor->gfn = 0;
    }
    if (!cursor->doms || cursor->dom < cursor->ndoms)
        return;
    cursor->counts.fullScans++;
    cursor->counts.volatilePages = cursor->written;
    cursor->written = 0;
    cursor->counts.unshared = 0;
    g_hash_table_iter_init(&iter, cursor->seen);
    while (g_hash_table_iter_next(&iter, (gpointer *)&seen, NULL))
        cursor->counts.unshared += !seen->matched;
    g_clear_pointer(&cursor->doms, g_free);
    cursor->ndoms = 0;
}

/* The cursor's domain could not be read: passed over */
static void
virNodeScanSkipDomain(virNodeScanCursor *cursor)
{
    VIR_WARN("dedup scanner: passing over domain %u: %s",
             cursor->doms[cursor->dom].dom, virGetLastErrorMessage());
    virResetLastError();
    cursor->gfn = cursor->doms[cursor->dom].npages;
}

/* One hashed page against the pages seen: remembered, or shared with
 * its match */
static void
virNodeScanPage(virNodeScanCursor *cursor, const virNodeScanOps *ops, void *opaque,
                const virNodeScanSeen *page)
{
    virNodeScanSeen *seen = g_hash_table_lookup(cursor->seen, &page->hash);
    int found;

    if (!seen) {
        seen = g_memdup2(page, sizeof(*page));
        g_hash_table_insert(cursor->seen, seen, seen);
        return;
    }
    if (seen->dom == page->dom && seen->gfn == page->gfn)
        return;
    found = virNodeDedupMerge(ops->pages, opaque, seen->dom, seen->gfn, page->dom, page->gfn);
    if (found == VIR_NODE_DEDUP_MERGED || found == VIR_NODE_DEDUP_EQUAL) {
        seen->matched = true;
        cursor->counts.shared += found == VIR_NODE_DEDUP_MERGED;
        return;
    }
    if (found < 0) {
        VIR_WARN("dedup scanner: %s", virGetLastErrorMessage());
        virResetLastError();
    } else {
        cursor->written++;
    }
    /* written since it was hashed (or a collision): the newer one counts */
    seen->dom = page->dom;
    seen->gfn = page->gfn;
    seen->matched = false;
}

int
virNodeScanStep(virNodeScanCursor *cursor, const virNodeScanOps *ops, void *opaque,
                unsigned int npages)
{
    uint64_t gfns[VIR_NODE_SCAN_BATCH];
    int errs[VIR_NODE_SCAN_BATCH];
    virNodeScanSeen pages[VIR_NODE_SCAN_BATCH];
    unsigned int left = npages;

    while (left > 0) {
        const virNodeDedupDomain *dom;
        unsigned char *data;
        size_t n, i, nhashed = 0;

        if (!cursor->doms) {
            if (virNodeScanBegin(cursor, ops, opaque) < 0)
                return -1;
            virNodeScanAdvance(cursor);
            if (!cursor->doms)
                return 0;       /* nothing to scan */
        }
        dom = &cursor->doms[cursor->dom];
        n = MIN(MIN(VIR_NODE_SCAN_BATCH, left), dom->npages - cursor->gfn);
        for (i = 0; i < n; i++)
            gfns[i] = cursor->gfn + i;
        memset(errs, 0, sizeof(errs));
        if (!(data = ops->pages->map(opaque, dom->dom, gfns, n, errs))) {
            virNodeScanSkipDomain(cursor);
            virNodeScanAdvance(cursor);
            continue;
        }
        for (i = 0; i < n; i++) {
            if (errs[i] != 0)
                continue;
            pages[nhashed++] = (virNodeScanSeen) {
                virNodeDedupHash(data + i * VIR_NODE_DEDUP_PAGE_SIZE), dom->dom, gfns[i], false
            };
        }
        ops->pages->unmap(opaque, data, n);
        cursor->counts.scanned += nhashed;
        for (i = 0; i < nhashed; i++)
            virNodeScanPage(cursor, ops, opaque, &pages[i]);
        cursor->gfn += n;
        left -= n;
        virNodeScanAdvance(cursor);
    }
    return 0;
}


struct _virNodeScanner {
    const virNodeScanOps *ops;
    void *opaque;
    virMutex runLock;             /* one start or stop at a time */
    virMutex lock;
    virCond cond;
    GThread *thread;            /* while it runs */
    bool stop;                  /* asked to stop */
    bool wake;                  /* the knobs changed: sleep no longer */
    bool unshared;              /* stopped by virNodeScannerUnshareAll */
    unsigned int pagesToScan;
    unsigned int sleepMillisecs;
    virNodeScanCursor *cursor;  /* the thread's alone while it runs */
    virNodeScanCounts counts;   /* the cursor's, after each wake */
};

virNodeScanner *
virNodeScannerNew(const virNodeScanOps *ops, void *opaque)
{
    virNodeScanner *scanner = g_new0(virNodeScanner, 1);

    scanner->ops = ops;
    scanner->opaque = opaque;
    virMutexInit(&scanner->runLock);
    virMutexInit(&scanner->lock);
    virCondInit(&scanner->cond);
    scanner->pagesToScan = VIR_NODE_SCAN_PAGES_DEFAULT;
    scanner->sleepMillisecs = VIR_NODE_SCAN_SLEEP_DEFAULT;
    scanner->cursor = virNodeScanCursorNew();
    return scanner;
}

static gpointer
virNodeScannerThread(gpointer opaque)
{
    virNodeScanner *scanner = opaque;

    virMutexLock(&scanner->lock);
    while (!scanner->stop) {
        unsigned int pages = scanner->pagesToScan;
        gint64 until;

        virMutexUnlock(&scanner->lock);
        if (virNodeScanStep(scanner->cursor, scanner->ops, scanner->opaque, pages) < 0) {
            VIR_WARN("dedup scanner: %s", virGetLastErrorMessage());
            virResetLastError();
        }
        virMutexLock(&scanner->lock);
        virNodeScanCursorCounts(scanner->cursor, &scanner->counts);
        until = g_get_monotonic_time() + scanner->sleepMillisecs * G_TIME_SPAN_MILLISECOND;
        while (!scanner->stop && !scanner->wake &&
               virCondWaitUntil(&scanner->cond, &scanner->lock, until))
            ;
        scanner->wake = false;
    }
    virMutexUnlock(&scanner->lock);
    return NULL;
}

/* Stops the thread and waits for it; the caller holds runLock */
static void
virNodeScannerJoin(virNodeScanner *scanner)
{
    GThread *thread;

    virMutexLock(&scanner->lock);
    scanner->unshared = false;
    if ((thread = g_steal_pointer(&scanner->thread))) {
        scanner->stop = true;
        virCondBroadcast(&scanner->cond);
    }
    virMutexUnlock(&scanner->lock);
    if (thread)
        g_thread_join(thread);
}

void
virNodeScannerRun(virNodeScanner *scanner, bool run)
{
    /* a start must not come while a stopped thread still runs its last
     * wake on the cursor */
    virMutexLock(&scanner->runLock);
    if (!run) {
        virNodeScannerJoin(scanner);
    } else {
        virMutexLock(&scanner->lock);
        scanner->unshared = false;
        if (!scanner->thread) {
            scanner->stop = false;
            scanner->thread = g_thread_new("dedup-scanner", virNodeScannerThread, scanner);
        }
        virMutexUnlock(&scanner->lock);
    }
    virMutexUnlock(&scanner->runLock);
}

/* Every page of @dom, a batch at a time, through ops->unshare */
static int
virNodeScanUnshareDomain(const virNodeScanOps *ops, void *opaque, const virNodeDedupDomain *dom)
{
    uint64_t gfns[VIR_NODE_SCAN_BATCH];
    uint64_t gfn;

    for (gfn = 0; gfn < dom->npages; gfn += VIR_NODE_SCAN_BATCH) {
        size_t n = MIN(VIR_NODE_SCAN_BATCH, dom->npages - gfn), i;

        for (i = 0; i < n; i++)
            gfns[i] = gfn + i;
        if (ops->unshare(opaque, dom->dom, gfns, n) < 0)
            return -1;
    }
    return 0;
}

int
virNodeScannerUnshareAll(virNodeScanner *scanner)
{
    g_autofree virNodeDedupDomain *doms = NULL;
    size_t ndoms = 0, i;
    int ret = -1;

    if (!scanner->ops->unshare) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("this node cannot unshare its shared pages"));
        return -1;
    }
    /* no start while the pages are unshared: the cursor is ours */
    virMutexLock(&scanner->runLock);
    virNodeScannerJoin(scanner);
    if (scanner->ops->domains(scanner->opaque, &doms, &ndoms) < 0)
        goto cleanup;
    for (i = 0; i < ndoms; i++) {
        if (virNodeScanUnshareDomain(scanner->ops, scanner->opaque, &doms[i]) < 0)
            goto cleanup;
    }
    ret = 0;

 cleanup:
    /* what the cursor remembers as shared is not any more */
    virNodeScanCursorRestart(scanner->cursor);
    virMutexLock(&scanner->lock);
    scanner->unshared = ret == 0;
    virMutexUnlock(&scanner->lock);
    virMutexUnlock(&scanner->runLock);
    return ret;
}

void
virNodeScannerTune(virNodeScanner *scanner, const unsigned int *pagesToScan,
                   const unsigned int *sleepMillisecs)
{
    virMutexLock(&scanner->lock);
    if (pagesToScan)
        scanner->pagesToScan = *pagesToScan;
    if (sleepMillisecs)
        scanner->sleepMillisecs = *sleepMillisecs;
    scanner->wake = true;
    virCondBroadcast(&scanner->cond);
    virMutexUnlock(&scanner->lock);
}

void
virNodeScannerGetState(virNodeScanner *scanner, virNodeScannerState *state)
{
    virMutexLock(&scanner->lock);
    state->running = scanner->thread != NULL;
    state->unshared = scanner->unshared;
    state->pagesToScan = scanner->pagesToScan;
    state->sleepMillisecs = scanner->sleepMillisecs;
    state->counts = scanner->counts;
    virMutexUnlock(&scanner->lock);
}

void
virNodeScannerFree(virNodeScanner *scanner)
{
    if (!scanner)
        return;
    virNodeScannerRun(scanner, false);
    virNodeScanCursorFree(scanner->cursor);
    virCondDestroy(&scanner->cond);
    virMutexDestroy(&scanner->lock);
    virMutexDestroy(&scanner->runLock);
    g_free(scanner);
}
