/*
 * virksmtest.c: the host's KSM tunables and counters, and a process's KSM
 * pages (virksm), on the fake hosts under tests/data/util/ksm
 *
 *   numa   every file, merge_across_nodes too; task 4242 has a ksm_stat
 *   plain  no merge_across_nodes (a kernel without NUMA)
 *   bad    a counter that is not a number
 *   none   a kernel without KSM
 *
 * The calls a process makes about its own merging (prctl) ask the real
 * kernel: tests/lve/lve_ksm_test proves them.
 */
#include "internal.h"

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
    suite_add_tcase(s, tc);
    return utilTestRun(s);
}
