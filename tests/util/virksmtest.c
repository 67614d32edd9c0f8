/*
 * virksmtest.c: the host's KSM tunables and counters, and a process's KSM
 * pages (virksm), on the fake hosts under tests/data/util/ksm
 *
 *   numa   every file, merge_across_nodes, pages_scanned and ksm_zero_pages
 *          too; task 4242 has a ksm_stat and merges all its memory, 4244
 *          does not
 *   plain  no merge_across_nodes (a kernel without NUMA), no pages_scanned
 *   bad    a counter that is not a number
 *   none   a kernel without KSM
 *
 * The calls a process makes about its own merging (prctl) ask the real
 * kernel: tests/lve/lve_ksm_test proves them.  A merging pass runs here
 * against a copy of numa whose counters a thread moves as ksmd would
 * once 'run' is 1; tests/lve/lve_dedup_test runs it on the real kernel.
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "utiltest.h"
#include "virksm.h"

static char *
ksmFile(const char *root, const char *name)
{
    return g_build_filename(root, "sys/kernel/mm/ksm", name, NULL);
}

START_TEST(test_read)
{
    virKsmInfo info;

    utilTestUseHost("ksm/numa");
    ck_assert_int_eq(virKsmGetInfo(&info), 0);
    ck_assert_uint_eq(info.pagesToScan, 100);
    ck_assert_uint_eq(info.sleepMillisecs, 20);
    ck_assert_uint_eq(info.mergeAcrossNodes, 1);
    ck_assert_uint_eq(info.pagesShared, 12);
    ck_assert_uint_eq(info.pagesSharing, 340);
    ck_assert_uint_eq(info.pagesUnshared, 56);
    ck_assert_uint_eq(info.pagesVolatile, 7);
    ck_assert_uint_eq(info.fullScans, 9);
}
END_TEST

START_TEST(test_read_without_numa)
{
    virKsmInfo info;

    utilTestUseHost("ksm/plain");
    ck_assert_int_eq(virKsmGetInfo(&info), 0);
    ck_assert_uint_eq(info.mergeAcrossNodes, 0);
    ck_assert_uint_eq(info.pagesSharing, 340);
}
END_TEST

START_TEST(test_read_errors)
{
    virKsmInfo info;

    utilTestUseHost("ksm/bad");
    ck_assert_int_eq(virKsmGetInfo(&info), -1);
    ck_assert_util_error(VIR_ERR_INTERNAL_ERROR, "pages_shared' holds 'lots', not a number");

    virResetLastError();
    utilTestUseHost("ksm/none");
    ck_assert_int_eq(virKsmGetInfo(&info), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED,
                         "pages_to_scan' (is the kernel built with KSM?)");
}
END_TEST

START_TEST(test_set)
{
    g_autofree char *root = utilTestUseHostCopy("ksm/numa");
    g_autofree char *scan = ksmFile(root, "pages_to_scan");
    g_autofree char *sleep = ksmFile(root, "sleep_millisecs");
    g_autofree char *merge = ksmFile(root, "merge_across_nodes");
    g_autofree char *value = NULL;
    virKsmInfo old, info;

    ck_assert_int_eq(virKsmGetInfo(&old), 0);
    info = old;
    info.pagesToScan = 200;
    info.sleepMillisecs = 50;
    info.mergeAcrossNodes = 0;
    /* only the tunables named are written */
    ck_assert_int_eq(virKsmSetTunables(&info, &old,
                                       VIR_KSM_PAGES_TO_SCAN | VIR_KSM_SLEEP_MILLISECS), 0);
    /* sysfs takes a value whole; a plain file keeps what follows it (the
     * fixtures' newlines) */
    ck_assert_str_eq(value = utilTestReadFile(scan), "200\n");
    g_free(value);
    ck_assert_str_eq(value = utilTestReadFile(sleep), "50\n");
    g_free(value);
    ck_assert_str_eq(value = utilTestReadFile(merge), "1\n");
    utilTestRemoveTree(root);
}
END_TEST

/* A refused tunable puts back those already written: nothing is
 * half-changed. */
START_TEST(test_set_rollback)
{
    g_autofree char *root = utilTestUseHostCopy("ksm/numa");
    g_autofree char *scan = ksmFile(root, "pages_to_scan");
    g_autofree char *sleep = ksmFile(root, "sleep_millisecs");
    g_autofree char *merge = ksmFile(root, "merge_across_nodes");
    g_autofree char *value = NULL;
    virKsmInfo old, info;

    ck_assert_int_eq(virKsmGetInfo(&old), 0);
    /* a file that cannot be written (the kernel's EBUSY) */
    ck_assert_int_eq(unlink(merge), 0);
    ck_assert_int_eq(mkdir(merge, 0755), 0);
    info = old;
    info.pagesToScan = 200;
    info.sleepMillisecs = 50;
    info.mergeAcrossNodes = 0;
    ck_assert_int_eq(virKsmSetTunables(&info, &old, VIR_KSM_PAGES_TO_SCAN |
                                       VIR_KSM_SLEEP_MILLISECS | VIR_KSM_MERGE_ACROSS_NODES), -1);
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "cannot write 0 to '");
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "merge_across_nodes'");
    ck_assert_str_eq(value = utilTestReadFile(scan), "100\n");
    g_free(value);
    ck_assert_str_eq(value = utilTestReadFile(sleep), "20\n");
    utilTestRemoveTree(root);
}
END_TEST

START_TEST(test_process_pages)
{
    unsigned long long merged = 1, tracked = 1;

    utilTestUseHost("ksm/numa");
    virKsmGetProcessPages(4242, &merged, &tracked);
    ck_assert_uint_eq(merged, 128);
    ck_assert_uint_eq(tracked, 512);
    /* a process that has gone */
    virKsmGetProcessPages(4243, &merged, &tracked);
    ck_assert_uint_eq(merged, 0);
    ck_assert_uint_eq(tracked, 0);
}
END_TEST

START_TEST(test_process_merges_any)
{
    utilTestUseHost("ksm/numa");
    ck_assert_int_eq(virKsmProcessMergesAny(4242), 1);
    ck_assert_int_eq(virKsmProcessMergesAny(4244), 0);
    ck_assert_int_eq(virKsmProcessMergesAny(4243), -1);
    /* 4242's 4 MiB of anonymous memory; 4244 merges nothing */
    ck_assert_uint_eq(virKsmMergeablePages(), 1024);
}
END_TEST

/* ---- a merging pass on a fake kernel -------------------------------- */

typedef struct {
    char *root;
    int scans;              /* full scans it does once run is 1 */
    bool stopsKsm;          /* writes run 0 instead, as another tool would */
    gint stop;
    GThread *thread;
} fakeKsmd;

static unsigned long long
fakeRead(const char *root, const char *name)
{
    g_autofree char *path = ksmFile(root, name);
    g_autofree char *value = utilTestReadFile(path);

    return g_ascii_strtoull(value, NULL, 10);
}

static void
fakeAdd(const char *root, const char *name, unsigned long long delta)
{
    g_autofree char *path = ksmFile(root, name);
    g_autofree char *value = g_strdup_printf("%llu\n", fakeRead(root, name) + delta);

    utilTestWriteFile(path, value);
}

/* One full scan: 500 pages looked at, 10 new KSM pages that 30 more
 * pages share, 5 empty pages merged with the zero page; full_scans last,
 * as the pass reads the counters once it has seen it move. */
static gpointer
fakeKsmdRun(gpointer opaque)
{
    fakeKsmd *k = opaque;
    int done = 0;

    while (!g_atomic_int_get(&k->stop) && done < k->scans) {
        if (fakeRead(k->root, "run") == 1) {
            if (k->stopsKsm) {
                g_autofree char *run = ksmFile(k->root, "run");

                utilTestWriteFile(run, "0\n");
                break;
            }
            fakeAdd(k->root, "pages_scanned", 500);
            fakeAdd(k->root, "pages_shared", 10);
            fakeAdd(k->root, "pages_sharing", 30);
            fakeAdd(k->root, "ksm_zero_pages", 5);
            fakeAdd(k->root, "full_scans", 1);
            done++;
        }
        g_usleep(2000);
    }
    return NULL;
}

/* A copy of numa with 'run' at @run and a fast scan rate, and its ksmd. */
static fakeKsmd *
fakeKsmdStart(const char *run, int scans, bool stopsKsm)
{
    fakeKsmd *k = g_new0(fakeKsmd, 1);
    g_autofree char *runPath = NULL;
    g_autofree char *scanPath = NULL;

    k->root = utilTestUseHostCopy("ksm/numa");
    runPath = ksmFile(k->root, "run");
    scanPath = ksmFile(k->root, "pages_to_scan");
    utilTestWriteFile(runPath, run);
    utilTestWriteFile(scanPath, "100000\n");
    k->scans = scans;
    k->stopsKsm = stopsKsm;
    k->thread = g_thread_new("fake-ksmd", fakeKsmdRun, k);
    return k;
}

/* Stops the thread; what 'run' holds now. */
static char *
fakeKsmdStop(fakeKsmd *k)
{
    g_autofree char *runPath = ksmFile(k->root, "run");
    char *run;

    g_atomic_int_set(&k->stop, 1);
    g_thread_join(k->thread);
    run = g_strstrip(utilTestReadFile(runPath));
    utilTestRemoveTree(k->root);
    g_free(k->root);
    g_free(k);
    return run;
}

/* ksmd stopped: the pass starts it, waits for three full scans, and
 * stops it again; what the counters moved by */
START_TEST(test_pass)
{
    fakeKsmd *k = fakeKsmdStart("0\n", 3, false);
    g_autofree char *run = NULL;
    virKsmPassResult r;

    ck_assert_int_eq(virKsmRunPass(5000, &r), 0);
    run = fakeKsmdStop(k);
    ck_assert_str_eq(run, "0");
    ck_assert_uint_eq(r.fullScans, VIR_KSM_PASS_FULL_SCANS);
    ck_assert_uint_eq(r.pagesScanned, 1500);
    ck_assert_uint_eq(r.pagesMerged, 135);
    ck_assert_uint_eq(r.pagesSaved, 105);
}
END_TEST

/* ksmd running: left running; 2 (stopped and unmerged): left stopped
 * without unmerging what the pass merged */
START_TEST(test_pass_run_kept)
{
    fakeKsmd *k = fakeKsmdStart("1\n", 3, false);
    g_autofree char *run = NULL;
    virKsmPassResult r;

    ck_assert_int_eq(virKsmRunPass(5000, &r), 0);
    ck_assert_uint_eq(r.fullScans, 3);
    ck_assert_str_eq(run = fakeKsmdStop(k), "1");
    g_free(run);

    k = fakeKsmdStart("2\n", 3, false);
    ck_assert_int_eq(virKsmRunPass(5000, &r), 0);
    ck_assert_str_eq(run = fakeKsmdStop(k), "0");
}
END_TEST

START_TEST(test_pass_timeout)
{
    fakeKsmd *k = fakeKsmdStart("0\n", 1, false);
    g_autofree char *run = NULL;
    virKsmPassResult r;

    ck_assert_int_eq(virKsmRunPass(300, &r), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_TIMEOUT, "KSM did 1 of the 3 full scans of a merging pass in ");
    ck_assert_util_error(VIR_ERR_OPERATION_TIMEOUT, " s (pages_to_scan 100000, sleep_millisecs 20): raise");
    ck_assert_str_eq(run = fakeKsmdStop(k), "0");
}
END_TEST

START_TEST(test_pass_stopped)
{
    fakeKsmd *k = fakeKsmdStart("0\n", 3, true);
    g_autofree char *run = NULL;
    virKsmPassResult r;

    ck_assert_int_eq(virKsmRunPass(5000, &r), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_FAILED,
                         "KSM was stopped during the merging pass (run is 0)");
    ck_assert_str_eq(run = fakeKsmdStop(k), "0");
}
END_TEST

/* one pass at a time on the host: the lock on 'run' */
START_TEST(test_pass_locked)
{
    fakeKsmd *k = fakeKsmdStart("0\n", 3, false);
    g_autofree char *runPath = ksmFile(k->root, "run");
    g_autofree char *run = NULL;
    virKsmPassResult r;
    int fd = open(runPath, O_RDONLY);

    ck_assert_int_eq(flock(fd, LOCK_EX), 0);
    ck_assert_int_eq(virKsmRunPass(200, &r), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_TIMEOUT, "another merging pass on this host holds '");
    close(fd);
    /* nothing was started */
    ck_assert_str_eq(run = fakeKsmdStop(k), "0");
}
END_TEST

START_TEST(test_pass_unsupported)
{
    virKsmPassResult r;
    g_autofree char *root = utilTestUseHostCopy("ksm/numa");
    g_autofree char *scan = ksmFile(root, "pages_to_scan");

    /* ksmd would scan nothing */
    utilTestWriteFile(scan, "0\n");
    ck_assert_int_eq(virKsmRunPass(5000, &r), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_INVALID, "KSM scans no page (pages_to_scan is 0)");
    utilTestRemoveTree(root);

    virResetLastError();
    utilTestUseHost("ksm/plain");
    ck_assert_int_eq(virKsmRunPass(5000, &r), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED,
                         "this kernel's KSM does not count the pages it scans");

    virResetLastError();
    utilTestUseHost("ksm/none");
    ck_assert_int_eq(virKsmCheckHost(), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED, "this kernel has no KSM (no ");
    virResetLastError();
    ck_assert_int_eq(virKsmRunPass(5000, &r), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED, "memory cannot be merged on this host");
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("virksm");
    TCase *tc = tcase_create("ksm");

    tcase_add_test(tc, test_read);
    tcase_add_test(tc, test_read_without_numa);
    tcase_add_test(tc, test_read_errors);
    tcase_add_test(tc, test_set);
    tcase_add_test(tc, test_set_rollback);
    tcase_add_test(tc, test_process_pages);
    tcase_add_test(tc, test_process_merges_any);
    tcase_add_test(tc, test_pass);
    tcase_add_test(tc, test_pass_run_kept);
    tcase_add_test(tc, test_pass_timeout);
    tcase_add_test(tc, test_pass_stopped);
    tcase_add_test(tc, test_pass_locked);
    tcase_add_test(tc, test_pass_unsupported);
    suite_add_tcase(s, tc);
    return utilTestRun(s);
}
