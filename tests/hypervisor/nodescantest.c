/*
 * nodescantest.c: the continuous deduplication scanner's cursor and
 * thread (src/hypervisor/node_scan.c) on fake domains
 *
 * The fake "hypervisor" keeps each domain's pages as bytes, a page's
 * content being one byte repeated; sharing records the pair and counts
 * it, and a shared page that is written is unshared (its count drops),
 * as Xen does on a write fault.  Holding a page gives it a handle, as
 * Xen's nomination, that a write takes away.  Mapping hands out copies,
 * and counts them: every mapping must be let go of, and never a page
 * held or shared while mapped.
 */
#include <config.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "node_scan.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define MAXDOMS 4
#define MAXPAGES 2048

typedef struct {
    unsigned int ndoms;
    unsigned int ids[MAXDOMS];
    unsigned long long npages[MAXDOMS];
    unsigned char content[MAXDOMS][MAXPAGES];   /* the byte page i is made of */
    int shared[MAXDOMS][MAXPAGES];              /* the pair's number, or 0 */
    uint64_t handle[MAXDOMS][MAXPAGES];         /* hold()'s, 0: none or written since */
    uint64_t handles;                            /* the last handle given */
    /* domain index @writeDom's page @writeGfn is written (its byte
     * becomes @writeByte) as soon as the scanner lets go of a mapping of
     * that page alone: just after its byte-for-byte compare (-1: never) */
    int writeDom;
    uint64_t writeGfn;
    unsigned char writeByte;
    bool writePending;
    bool gone[MAXDOMS];                          /* destroyed: cannot be mapped */
    int mapped;                                  /* mappings not let go of */
    int pairs;
    unsigned long long shares;                   /* share() calls that shared */
    unsigned long long listings;                 /* domains() calls */
    unsigned long long unshares;                 /* pages unshare() unshared */
    int failDom;                                 /* unshare() fails on this page */
    uint64_t failGfn;                            /* (failDom 0: never) */
    GMutex lock;                                 /* the thread tests write while it scans */
} fakeHost;

static int
fakeIndex(fakeHost *host, unsigned int dom)
{
    unsigned int i;

    for (i = 0; i < host->ndoms; i++) {
        if (host->ids[i] == dom)
            return i;
    }
    return -1;
}

static void *
fakeMap(void *opaque, unsigned int dom, const uint64_t *gfns, size_t n, int *errs)
{
    fakeHost *host = opaque;
    int d;
    unsigned char *data;
    size_t i;

    g_mutex_lock(&host->lock);
    d = fakeIndex(host, dom);
    if (d < 0 || host->gone[d]) {
        g_mutex_unlock(&host->lock);
        virReportError(VIR_ERR_NO_DOMAIN, "no domain %u", dom);
        return NULL;
    }
    data = g_malloc(n * VIR_NODE_DEDUP_PAGE_SIZE);
    for (i = 0; i < n; i++) {
        errs[i] = gfns[i] >= host->npages[d] ? EINVAL : 0;
        memset(data + i * VIR_NODE_DEDUP_PAGE_SIZE,
               errs[i] ? 0 : host->content[d][gfns[i]], VIR_NODE_DEDUP_PAGE_SIZE);
    }
    if (n == 1 && d == host->writeDom && gfns[0] == host->writeGfn)
        host->writePending = true;
    host->mapped++;
    g_mutex_unlock(&host->lock);
    return data;
}

static void
fakeUnmap(void *opaque, void *pages, size_t n G_GNUC_UNUSED)
{
    fakeHost *host = opaque;

    g_mutex_lock(&host->lock);
    host->mapped--;
    if (host->writePending) {
        host->content[host->writeDom][host->writeGfn] = host->writeByte;
        host->handle[host->writeDom][host->writeGfn] = 0;
        host->shared[host->writeDom][host->writeGfn] = 0;
        host->writePending = false;
        host->writeDom = -1;
    }
    g_mutex_unlock(&host->lock);
    g_free(pages);
}

static int
fakeHold(void *opaque, virNodeDedupHeld *sh, virNodeDedupHeld *ch)
{
    fakeHost *host = opaque;
    int s, c;

    g_mutex_lock(&host->lock);
    s = fakeIndex(host, sh->dom);
    c = fakeIndex(host, ch->dom);
    ck_assert_int_eq(host->mapped, 0);
    if (!host->handle[s][sh->gfn])
        host->handle[s][sh->gfn] = ++host->handles;
    if (!host->handle[c][ch->gfn])
        host->handle[c][ch->gfn] = ++host->handles;
    sh->handle = host->handle[s][sh->gfn];
    ch->handle = host->handle[c][ch->gfn];
    g_mutex_unlock(&host->lock);
    return 1;
}

static int
fakeShare(void *opaque, const virNodeDedupHeld *sh, const virNodeDedupHeld *ch)
{
    fakeHost *host = opaque;
    int s, c, rc = 0;
    uint64_t sgfn = sh->gfn, cgfn = ch->gfn;

    g_mutex_lock(&host->lock);
    s = fakeIndex(host, sh->dom);
    c = fakeIndex(host, ch->dom);
    ck_assert_int_eq(host->mapped, 0);
    /* written since the hold: refused, as Xen refuses a stale handle */
    if (host->handle[s][sgfn] != sh->handle || host->handle[c][cgfn] != ch->handle) {
        g_mutex_unlock(&host->lock);
        return 0;
    }
    /* what holding guarantees: nothing written since the compare */
    ck_assert_int_eq(host->content[s][sgfn], host->content[c][cgfn]);
    if (!host->shared[c][cgfn] || host->shared[c][cgfn] != host->shared[s][sgfn]) {
        int pair = host->shared[s][sgfn] ? host->shared[s][sgfn] : ++host->pairs;

        host->shared[s][sgfn] = pair;
        host->shared[c][cgfn] = pair;
        host->shares++;
        rc = 1;
    }
    g_mutex_unlock(&host->lock);
    return rc;
}

static int
fakeFreed(void *opaque G_GNUC_UNUSED, unsigned long long *pages)
{
    *pages = 0;
    return 0;
}

static int
fakeDomains(void *opaque, virNodeDedupDomain **doms, size_t *ndoms)
{
    fakeHost *host = opaque;
    unsigned int i;

    g_mutex_lock(&host->lock);
    host->listings++;
    *doms = g_new0(virNodeDedupDomain, MAX(host->ndoms, 1));
    *ndoms = 0;
    for (i = 0; i < host->ndoms; i++) {
        if (!host->gone[i])
            (*doms)[(*ndoms)++] = (virNodeDedupDomain) { host->ids[i], host->npages[i] };
    }
    g_mutex_unlock(&host->lock);
    return 0;
}

static int
fakeUnshare(void *opaque, unsigned int dom, const uint64_t *gfns, size_t n)
{
    fakeHost *host = opaque;
    int d;
    size_t i;

    g_mutex_lock(&host->lock);
    d = fakeIndex(host, dom);
    ck_assert_int_eq(host->mapped, 0);
    for (i = 0; i < n; i++) {
        ck_assert_uint_lt(gfns[i], host->npages[d]);
        if ((int)dom == host->failDom && gfns[i] == host->failGfn) {
            g_mutex_unlock(&host->lock);
            virReportError(VIR_ERR_OPERATION_FAILED, "domain %u: cannot unshare gfn 0x%llx",
                           dom, (unsigned long long)gfns[i]);
            return -1;
        }
        if (host->shared[d][gfns[i]]) {
            host->shared[d][gfns[i]] = 0;
            host->unshares++;
        }
    }
    g_mutex_unlock(&host->lock);
    return 0;
}

static const virNodeDedupOps fakePageOps = {
    .map = fakeMap,
    .unmap = fakeUnmap,
    .hold = fakeHold,
    .share = fakeShare,
    .freedPages = fakeFreed,
};

static const virNodeScanOps fakeOps = {
    .pages = &fakePageOps,
    .domains = fakeDomains,
};

/* A node that can unshare (Xen's, KSM's) */
static const virNodeScanOps fakeUnsharingOps = {
    .pages = &fakePageOps,
    .domains = fakeDomains,
    .unshare = fakeUnshare,
};

/* The pages of @dom that are shared */
static unsigned long long
sharedIn(fakeHost *host, unsigned int d)
{
    unsigned long long n = 0, i;

    for (i = 0; i < host->npages[d]; i++)
        n += host->shared[d][i] != 0;
    return n;
}

/* Two domains of @npages: page i of both holds i % kinds + 1 */
static fakeHost *
twoDomains(unsigned long long npages, unsigned int kinds)
{
    fakeHost *host = g_new0(fakeHost, 1);
    unsigned int d;
    unsigned long long i;

    g_mutex_init(&host->lock);
    host->writeDom = -1;
    host->ndoms = 2;
    for (d = 0; d < 2; d++) {
        host->ids[d] = 3 + d * 4;
        host->npages[d] = npages;
        for (i = 0; i < npages; i++)
            host->content[d][i] = i % kinds + 1;
    }
    return host;
}

static void
hostFree(fakeHost *host)
{
    g_mutex_clear(&host->lock);
    g_free(host);
}

/* Every page of two domains whose pages are all different within each
 * domain and the same across them: one full scan shares them all, the
 * next finds nothing new, and the scan goes on where it stopped */
START_TEST(test_cursor_resumes)
{
    fakeHost *host = twoDomains(200, 256);
    virNodeScanCursor *cursor = virNodeScanCursorNew();
    virNodeScanCounts counts;
    int step;

    /* 400 pages, 7 at a time: 57 steps do not finish a full scan, 58 do */
    for (step = 0; step < 57; step++) {
        ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 7), 0);
        virNodeScanCursorCounts(cursor, &counts);
        ck_assert_uint_eq(counts.scanned, (step + 1) * 7ULL);
        ck_assert_uint_eq(counts.fullScans, 0);
    }
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 7), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.fullScans, 1);
    /* the step's last page is the second scan's first */
    ck_assert_uint_eq(counts.scanned, 58 * 7ULL);
    ck_assert_uint_eq(counts.shared, 200);
    ck_assert_uint_eq(sharedIn(host, 0), 200);
    ck_assert_uint_eq(sharedIn(host, 1), 200);
    ck_assert_uint_eq(counts.unshared, 0);
    ck_assert_uint_eq(host->listings, 2);
    /* converged: another full scan shares nothing */
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 400), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.fullScans, 2);
    ck_assert_uint_eq(counts.shared, 200);
    ck_assert_uint_eq(host->shares, 200);
    ck_assert_uint_eq(host->listings, 3);
    ck_assert_int_eq(host->mapped, 0);
    virNodeScanCursorFree(cursor);
    hostFree(host);
}
END_TEST

/* Pages identical within one domain are shared too, and one scan's
 * unique pages are counted as unshared */
START_TEST(test_cursor_within_domain)
{
    fakeHost *host = twoDomains(100, 10);
    virNodeScanCursor *cursor = virNodeScanCursorNew();
    virNodeScanCounts counts;

    host->content[1][99] = 200;      /* unique */
    host->content[1][98] = 201;      /* unique */
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 200), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.fullScans, 1);
    ck_assert_uint_eq(counts.scanned, 200);
    /* 10 kinds; every page but the first of each kind and the 2 unique
     * ones is shared into that first one */
    ck_assert_uint_eq(counts.shared, 200 - 10 - 2);
    ck_assert_uint_eq(counts.unshared, 2);
    ck_assert_uint_eq(sharedIn(host, 0), 100);
    ck_assert_uint_eq(sharedIn(host, 1), 98);
    virNodeScanCursorFree(cursor);
    hostFree(host);
}
END_TEST

/* A page written between its hash and the comparison is not shared, and
 * the newer page is the one remembered */
START_TEST(test_cursor_written_meanwhile)
{
    fakeHost *host = twoDomains(100, 256);
    virNodeScanCursor *cursor = virNodeScanCursorNew();
    virNodeScanCounts counts;

    /* domain 0 hashed */
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 100), 0);
    /* its pages 0..9 written since */
    memset(host->content[0], 0xee, 10);
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 100), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.fullScans, 1);
    ck_assert_uint_eq(counts.shared, 90);
    ck_assert_uint_eq(counts.volatilePages, 10);
    ck_assert_uint_eq(sharedIn(host, 0), 90);
    ck_assert_uint_eq(sharedIn(host, 1), 90);
    /* the next scan shares the ten pages of 0xee among themselves */
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 200), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.fullScans, 2);
    ck_assert_uint_eq(counts.shared, 99);
    ck_assert_uint_eq(counts.volatilePages, 0);
    ck_assert_uint_eq(sharedIn(host, 0), 100);
    virNodeScanCursorFree(cursor);
    hostFree(host);
}
END_TEST

/* A page written just after the byte-for-byte compare, before the share:
 * the write is kept and the pair is not shared (the page was held before
 * the compare, so the write invalidated its handle); the next scan
 * compares again and finds it different */
START_TEST(test_cursor_written_after_compare)
{
    fakeHost *host = twoDomains(50, 256);
    virNodeScanCursor *cursor = virNodeScanCursorNew();
    virNodeScanCounts counts;

    host->writeDom = 1;
    host->writeGfn = 7;
    host->writeByte = 0xee;
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 100), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_int_eq(host->writeDom, -1);       /* the write happened */
    ck_assert_uint_eq(counts.shared, 49);
    ck_assert_int_eq(host->content[1][7], 0xee);
    ck_assert_int_eq(host->shared[1][7], 0);
    ck_assert_int_eq(host->shared[0][7], 0);
    ck_assert_int_eq(host->mapped, 0);
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 100), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.shared, 49);
    ck_assert_int_eq(host->content[1][7], 0xee);
    ck_assert_int_eq(host->shared[1][7], 0);
    virNodeScanCursorFree(cursor);
    hostFree(host);
}
END_TEST

/* A domain destroyed in the middle of a scan is passed over, the rest
 * scanned; the next scan starts on the domains as they are then; with
 * no domain at all a step does nothing and counts no scan */
START_TEST(test_cursor_domain_gone)
{
    fakeHost *host = twoDomains(300, 256);
    virNodeScanCursor *cursor = virNodeScanCursorNew();
    virNodeScanCounts counts;

    host->ndoms = 3;
    host->ids[2] = 20;
    host->npages[2] = 300;
    memcpy(host->content[2], host->content[0], 300);
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 100), 0);
    host->gone[0] = true;
    /* the rest of domain 0 passed over, not counted as scanned */
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 600), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.fullScans, 1);
    ck_assert_uint_eq(counts.scanned, 100 + 600);
    /* domain 1's first 100 matched remembered pages of domain 0, which
     * cannot be compared any more: 1 and 20 share with each other */
    ck_assert_uint_eq(sharedIn(host, 2), 300);
    ck_assert_uint_eq(sharedIn(host, 1), 300);
    ck_assert_uint_eq(host->listings, 1);
    host->gone[1] = true;
    host->gone[2] = true;
    ck_assert_int_eq(virNodeScanStep(cursor, &fakeOps, host, 100), 0);
    virNodeScanCursorCounts(cursor, &counts);
    ck_assert_uint_eq(counts.fullScans, 1);
    ck_assert_uint_eq(host->listings, 2);
    ck_assert_int_eq(host->mapped, 0);
    virNodeScanCursorFree(cursor);
    hostFree(host);
}
END_TEST

/* Waits up to 60 s for @scanner's full scans to reach @scans */
static bool
waitScans(virNodeScanner *scanner, unsigned long long scans, virNodeScannerState *state)
{
    gint64 end = g_get_monotonic_time() + 60 * G_USEC_PER_SEC;

    for (;;) {
        virNodeScannerGetState(scanner, state);
        if (state->counts.fullScans >= scans)
            return true;
        if (g_get_monotonic_time() > end)
            return false;
        g_usleep(G_USEC_PER_SEC / 100);
    }
}

/* The thread with KSM's knobs: off at first, scans when run, converges,
 * stops when asked, and a long sleep is cut short by new knobs */
START_TEST(test_scanner_thread)
{
    fakeHost *host = twoDomains(1000, 256);
    virNodeScanner *scanner = virNodeScannerNew(&fakeOps, host);
    virNodeScannerState state;
    unsigned int pages = 300, sleepMs = 1, longSleep = 3600 * 1000;
    unsigned long long scans;

    virNodeScannerGetState(scanner, &state);
    ck_assert(!state.running);
    ck_assert_uint_eq(state.pagesToScan, VIR_NODE_SCAN_PAGES_DEFAULT);
    ck_assert_uint_eq(state.sleepMillisecs, VIR_NODE_SCAN_SLEEP_DEFAULT);
    virNodeScannerTune(scanner, &pages, &sleepMs);
    virNodeScannerRun(scanner, true);
    ck_assert(waitScans(scanner, 3, &state));
    ck_assert(state.running);
    ck_assert_uint_eq(state.pagesToScan, 300);
    /* pages i and i + 256 are alike: 744 shared within the first domain,
     * the second's 1000 with those */
    ck_assert_uint_eq(state.counts.shared, 1744);
    /* a sleep of an hour, then new knobs: the thread wakes for them */
    virNodeScannerTune(scanner, NULL, &longSleep);
    virNodeScannerGetState(scanner, &state);
    scans = state.counts.fullScans;
    pages = 2000;
    virNodeScannerTune(scanner, &pages, NULL);
    ck_assert(waitScans(scanner, scans + 1, &state));
    virNodeScannerRun(scanner, false);
    virNodeScannerGetState(scanner, &state);
    ck_assert(!state.running);
    scans = state.counts.fullScans;
    g_usleep(G_USEC_PER_SEC / 10);
    virNodeScannerGetState(scanner, &state);
    ck_assert_uint_eq(state.counts.fullScans, scans);
    ck_assert_int_eq(host->mapped, 0);
    /* runs again after a stop, and is freed running */
    sleepMs = 0;
    virNodeScannerTune(scanner, NULL, &sleepMs);
    virNodeScannerRun(scanner, true);
    ck_assert(waitScans(scanner, scans + 2, &state));
    virNodeScannerFree(scanner);
    ck_assert_int_eq(host->mapped, 0);
    ck_assert_uint_eq(host->shares, 1744);
    hostFree(host);
}
END_TEST

/* KSM's run 2: refused where the node cannot unshare; where it can, the
 * running thread stops and every shared page of every domain is
 * unshared; a run after it shares them all again from a fresh scan; an
 * unshare that fails stops there with its error, the thread stopped */
START_TEST(test_scanner_unshare_all)
{
    fakeHost *host = twoDomains(1000, 256);
    virNodeScanner *plain = virNodeScannerNew(&fakeOps, host);
    virNodeScanner *scanner = virNodeScannerNew(&fakeUnsharingOps, host);
    virNodeScannerState state;
    unsigned int pages = 300, sleepMs = 1;
    unsigned long long scans;

    ck_assert_int_eq(virNodeScannerUnshareAll(plain), -1);
    ck_assert_ptr_nonnull(strstr(virGetLastErrorMessage(), "cannot unshare"));
    virNodeScannerFree(plain);

    virNodeScannerTune(scanner, &pages, &sleepMs);
    virNodeScannerRun(scanner, true);
    ck_assert(waitScans(scanner, 2, &state));
    ck_assert_uint_eq(sharedIn(host, 0) + sharedIn(host, 1), 2000);
    ck_assert_int_eq(virNodeScannerUnshareAll(scanner), 0);
    virNodeScannerGetState(scanner, &state);
    ck_assert(!state.running);
    ck_assert(state.unshared);
    ck_assert_uint_eq(sharedIn(host, 0), 0);
    ck_assert_uint_eq(sharedIn(host, 1), 0);
    ck_assert_uint_eq(host->unshares, 2000);
    /* stopped: nothing is shared again while it is */
    scans = state.counts.fullScans;
    g_usleep(G_USEC_PER_SEC / 10);
    virNodeScannerGetState(scanner, &state);
    ck_assert_uint_eq(state.counts.fullScans, scans);
    ck_assert_uint_eq(sharedIn(host, 0) + sharedIn(host, 1), 0);

    /* the cursor forgot what it had shared: all of it is shared again */
    virNodeScannerRun(scanner, true);
    virNodeScannerGetState(scanner, &state);
    ck_assert(state.running);
    ck_assert(!state.unshared);
    ck_assert(waitScans(scanner, scans + 2, &state));
    ck_assert_uint_eq(sharedIn(host, 0) + sharedIn(host, 1), 2000);

    /* a page that cannot be unshared ends it, with its error */
    host->failDom = host->ids[1];
    host->failGfn = 300;
    ck_assert_int_eq(virNodeScannerUnshareAll(scanner), -1);
    ck_assert_ptr_nonnull(strstr(virGetLastErrorMessage(), "cannot unshare gfn 0x12c"));
    virNodeScannerGetState(scanner, &state);
    ck_assert(!state.running);
    ck_assert(!state.unshared);
    ck_assert_uint_eq(sharedIn(host, 0), 0);
    ck_assert_uint_eq(sharedIn(host, 1), 1000 - 300);
    virNodeScannerRun(scanner, false);
    virNodeScannerFree(scanner);
    ck_assert_int_eq(host->mapped, 0);
    hostFree(host);
}
END_TEST

int
main(void)
{
    Suite *suite = suite_create("nodescan");
    TCase *tc = tcase_create("scan");
    SRunner *runner;
    int failed;

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_cursor_resumes);
    tcase_add_test(tc, test_cursor_within_domain);
    tcase_add_test(tc, test_cursor_written_meanwhile);
    tcase_add_test(tc, test_cursor_written_after_compare);
    tcase_add_test(tc, test_cursor_domain_gone);
    tcase_add_test(tc, test_scanner_thread);
    tcase_add_test(tc, test_scanner_unshare_all);
    suite_add_tcase(suite, tc);
    runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
