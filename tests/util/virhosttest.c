/*
 * virhosttest.c: the host's memory and CPUs (virhostmem, virhostcpu), read
 * from the fake hosts under tests/data/util/host
 *
 *   x86   meminfo, a cpuinfo with a clock, CPUs 0-7 present, 4 and 5 offline,
 *         a Debian kernel's release
 *   arm   a cpuinfo without a clock (most ARM hosts say none), a release of
 *         two numbers
 *   bare  a meminfo of one line, no /sys (a container that hides it) and no
 *         kernel release
 */
#include "internal.h"

#include <sys/utsname.h>

#include "utiltest.h"
#include "virhostcpu.h"
#include "virhostmem.h"

START_TEST(test_meminfo)
{
    utilTestUseHost("host/x86");
    ck_assert_uint_eq(virHostMemGetMeminfo("MemTotal"), 16314340);
    ck_assert_uint_eq(virHostMemGetMeminfo("MemFree"), 9418760);
    /* the line that starts with the key: not SwapCached for Cached */
    ck_assert_uint_eq(virHostMemGetMeminfo("Cached"), 3990152);
    ck_assert_uint_eq(virHostMemGetMeminfo("SwapCached"), 1024);
    ck_assert_uint_eq(virHostMemGetMeminfo("HugePages_Total"), 0);
    ck_assert_uint_eq(virHostMemGetMeminfo("NoSuchKey"), 0);
    /* a prefix of a key is not the key */
    ck_assert_uint_eq(virHostMemGetMeminfo("Mem"), 0);
}
END_TEST

START_TEST(test_meminfo_missing)
{
    utilTestUseHost("host/bare");
    ck_assert_uint_eq(virHostMemGetMeminfo("MemTotal"), 1048576);
    ck_assert_uint_eq(virHostMemGetMeminfo("MemFree"), 0);
    virFileSetHostRoot("/nonexistent-virtkit-host");
    ck_assert_uint_eq(virHostMemGetMeminfo("MemTotal"), 0);
}
END_TEST

START_TEST(test_memory_stats)
{
    virNodeMemoryStats params[4];
    int nparams = 0;

    utilTestUseHost("host/x86");
    ck_assert_int_eq(virHostMemGetStats(VIR_NODE_MEMORY_STATS_ALL_CELLS, NULL, &nparams), 0);
    ck_assert_int_eq(nparams, 4);
    ck_assert_int_eq(virHostMemGetStats(0, params, &nparams), 0);
    ck_assert_int_eq(nparams, 4);
    ck_assert_str_eq(params[0].field, VIR_NODE_MEMORY_STATS_TOTAL);
    ck_assert_uint_eq(params[0].value, 16314340);
    ck_assert_str_eq(params[1].field, VIR_NODE_MEMORY_STATS_FREE);
    ck_assert_uint_eq(params[1].value, 9418760);
    ck_assert_str_eq(params[2].field, VIR_NODE_MEMORY_STATS_BUFFERS);
    ck_assert_uint_eq(params[2].value, 412580);
    ck_assert_str_eq(params[3].field, VIR_NODE_MEMORY_STATS_CACHED);
    ck_assert_uint_eq(params[3].value, 3990152);

    /* fewer asked for: fewer filled */
    nparams = 2;
    ck_assert_int_eq(virHostMemGetStats(VIR_NODE_MEMORY_STATS_ALL_CELLS, params, &nparams), 0);
    ck_assert_int_eq(nparams, 2);

    ck_assert_int_eq(virHostMemGetStats(1, params, &nparams), -1);
    ck_assert_util_error(VIR_ERR_INVALID_ARG, "cell 1 does not exist: the host has 1 cell");
}
END_TEST

START_TEST(test_online)
{
    g_autoptr(virBitmap) online = NULL;
    g_autofree char *list = NULL;

    utilTestUseHost("host/x86");
    ck_assert_ptr_nonnull(online = virHostCPUGetOnlineBitmap());
    ck_assert_str_eq(list = virBitmapFormat(online), "0-3,6-7");
    ck_assert_uint_eq(virBitmapSize(online), 8);
    ck_assert_uint_eq(virHostCPUGetOnlineCount(), 6);
}
END_TEST

START_TEST(test_online_without_sysfs)
{
    utilTestUseHost("host/bare");
    ck_assert_ptr_null(virHostCPUGetOnlineBitmap());
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "sys/devices/system/cpu/online");
    /* the count falls back to the C library's, of the real host */
    ck_assert_uint_ge(virHostCPUGetOnlineCount(), 1);
}
END_TEST

START_TEST(test_mhz)
{
    /* the first CPU's clock, truncated */
    utilTestUseHost("host/x86");
    ck_assert_uint_eq(virHostCPUGetMHz(), 2494);
    utilTestUseHost("host/arm");
    ck_assert_uint_eq(virHostCPUGetMHz(), 0);
    utilTestUseHost("host/bare");
    ck_assert_uint_eq(virHostCPUGetMHz(), 0);
}
END_TEST

START_TEST(test_node_info)
{
    virNodeInfo info;
    struct utsname uts;

    ck_assert_int_eq(uname(&uts), 0);
    utilTestUseHost("host/x86");
    ck_assert_int_eq(virHostCPUGetNodeInfo(&info), 0);
    ck_assert_str_eq(info.model, uts.machine);
    ck_assert_uint_eq(info.memory, 16314340);
    ck_assert_uint_eq(info.cpus, 6);
    ck_assert_uint_eq(info.mhz, 2494);
    ck_assert_uint_eq(info.nodes, 1);
    ck_assert_uint_eq(info.sockets, 1);
    ck_assert_uint_eq(info.cores, 6);
    ck_assert_uint_eq(info.threads, 1);

    utilTestUseHost("host/arm");
    ck_assert_int_eq(virHostCPUGetNodeInfo(&info), 0);
    ck_assert_uint_eq(info.memory, 3884096);
    ck_assert_uint_eq(info.cpus, 4);
    ck_assert_uint_eq(info.mhz, 0);
}
END_TEST

/* the release's numbers, without what the distribution appends */
START_TEST(test_kernel_version)
{
    utilTestUseHost("host/x86");    /* 6.1.0-18-amd64 */
    ck_assert_uint_eq(virHostKernelVersion(), 6001000);
    utilTestUseHost("host/arm");    /* 5.10 */
    ck_assert_uint_eq(virHostKernelVersion(), 5010000);
    utilTestUseHost("host/bare");   /* no osrelease */
    ck_assert_uint_eq(virHostKernelVersion(), 0);
}
END_TEST

START_TEST(test_cpumap)
{
    g_autofree unsigned char *map = NULL;
    unsigned int online = 0;

    utilTestUseHost("host/x86");
    ck_assert_int_eq(virHostCPUGetMap(&map, &online), 8);
    ck_assert_uint_eq(online, 6);
    /* CPUs 0-3 and 6-7: 0b11001111 */
    ck_assert_uint_eq(map[0], 0xcf);
    g_clear_pointer(&map, g_free);

    /* either output may be left out */
    ck_assert_int_eq(virHostCPUGetMap(NULL, NULL), 8);

    utilTestUseHost("host/arm");
    ck_assert_int_eq(virHostCPUGetMap(&map, &online), 4);
    ck_assert_uint_eq(online, 4);
    ck_assert_uint_eq(map[0], 0x0f);

    utilTestUseHost("host/bare");
    ck_assert_int_eq(virHostCPUGetMap(NULL, &online), -1);
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "sys/devices/system/cpu/present");
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("virhost");
    TCase *tc = tcase_create("host");

    tcase_add_test(tc, test_meminfo);
    tcase_add_test(tc, test_meminfo_missing);
    tcase_add_test(tc, test_memory_stats);
    tcase_add_test(tc, test_online);
    tcase_add_test(tc, test_online_without_sysfs);
    tcase_add_test(tc, test_mhz);
    tcase_add_test(tc, test_node_info);
    tcase_add_test(tc, test_kernel_version);
    tcase_add_test(tc, test_cpumap);
    suite_add_tcase(s, tc);
    return utilTestRun(s);
}
