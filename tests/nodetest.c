/*
 * nodetest.c: what a connection says about its host
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

START_TEST(test_node_info_default)
{
    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    virNodeInfo info;

    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    ck_assert_str_eq(info.model, "i686");
    ck_assert_uint_eq(info.memory, 3145728);
    ck_assert_uint_eq(info.cpus, 16);
    ck_assert_uint_eq(info.mhz, 1400);
    ck_assert_uint_eq(info.nodes, 2);
    ck_assert_uint_eq(info.sockets, 2);
    ck_assert_uint_eq(info.cores, 2);
    ck_assert_uint_eq(info.threads, 2);
    ck_assert_uint_eq(VIR_NODEINFO_MAXCPUS(info), 16);
    ck_assert_int_eq(virNodeGetInfo(conn, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "info in virNodeGetInfo must not be NULL");
    ck_assert_int_eq(virNodeGetInfo(NULL, &info), -1);
    ck_assert_error(VIR_ERR_INVALID_CONN, "virNodeGetInfo");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_node_info_file)
{
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    virNodeInfo info;

    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    ck_assert_str_eq(info.model, "i986");
    ck_assert_uint_eq(info.mhz, 6000);
    /* 50 active CPUs claimed, 4*4*4*2 = 128 exist */
    ck_assert_uint_eq(info.cpus, 50);
    ck_assert_uint_eq(VIR_NODEINFO_MAXCPUS(info), 128);
    ck_assert_uint_eq(info.memory, 8192000);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_node_file_errors)
{
    g_autofree char *uri = testNodeURI("nodes/invalid/bad-cpu.xml");

    ck_assert_ptr_null(virConnectOpen(uri));
    ck_assert_error(VIR_ERR_XML_ERROR, "bad-cpu.xml");
    ck_assert_error(VIR_ERR_XML_ERROR, "<nodes>: must be 1 to 1024");
}
END_TEST

START_TEST(test_free_memory)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    unsigned long long freeMems[4] = { 0 };
    virDomainPtr dom;

    /* 3 GiB less the 2 GiB of the running domain 'test' */
    ck_assert_uint_eq(virNodeGetFreeMemory(conn), 1048576ULL * 1024);
    ck_assert_int_eq(virNodeGetCellsFreeMemory(conn, freeMems, 0, 4), 2);
    ck_assert_uint_eq(freeMems[0], 512ULL * 1024 * 1024);
    ck_assert_uint_eq(freeMems[1], 512ULL * 1024 * 1024);
    ck_assert_int_eq(virNodeGetCellsFreeMemory(conn, freeMems, 1, 4), 1);
    ck_assert_int_eq(virNodeGetCellsFreeMemory(conn, freeMems, 2, 4), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cell 2 does not exist");
    ck_assert_int_eq(virNodeGetCellsFreeMemory(conn, freeMems, -1, 4), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "startCell");
    ck_assert_int_eq(virNodeGetCellsFreeMemory(conn, NULL, 0, 4), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "freeMems");

    /* all memory used: 0 free is an answer, not an error */
    dom = virDomainLookupByName(conn, "test");
    ck_assert_int_eq(virDomainSetMemory(dom, 8388608), 0);
    ck_assert_uint_eq(virNodeGetFreeMemory(conn), 0);
    ck_assert_ptr_null(virGetLastError());
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_cpu_map)
{
    virConnectPtr conn = testOpenNode("nodes/twelve.xml");
    unsigned char *map = NULL;
    unsigned int online = 0;
    int i;

    ck_assert_int_eq(virNodeGetCPUMap(conn, &map, &online, 0), 12);
    ck_assert_uint_eq(online, 10);
    for (i = 0; i < 16; i++)
        ck_assert_msg(!!VIR_CPU_USED(map, i) == (i < 10), "cpu %d", i);
    free(map);
    ck_assert_int_eq(virNodeGetCPUMap(conn, NULL, NULL, 0), 12);
    ck_assert_int_eq(virNodeGetCPUMap(conn, NULL, NULL, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_memory_stats)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virNodeMemoryStats stats[4];
    int n = 0;

    ck_assert_int_eq(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, NULL, &n, 0), 0);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, stats, &n, 0), 0);
    ck_assert_str_eq(stats[0].field, VIR_NODE_MEMORY_STATS_TOTAL);
    ck_assert_uint_eq(stats[0].value, 3145728);
    ck_assert_str_eq(stats[1].field, VIR_NODE_MEMORY_STATS_FREE);
    ck_assert_uint_eq(stats[1].value, 1048576);
    n = 2;
    ck_assert_int_eq(virNodeGetMemoryStats(conn, 1, stats, &n, 0), 0);
    ck_assert_uint_eq(stats[0].value, 3145728 / 2);
    ck_assert_int_eq(virNodeGetMemoryStats(conn, 5, stats, &n, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cell 5 does not exist");
    ck_assert_int_eq(virNodeGetMemoryStats(conn, -2, stats, &n, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cellNum");
    n = 2;
    ck_assert_int_eq(virNodeGetMemoryStats(conn, -1, NULL, &n, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "params");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_memory_parameters)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virTypedParameter params[8];
    virTypedParameterPtr set = NULL;
    int n = 0, nset = 0, maxset = 0;
    unsigned int ui;
    unsigned long long ul;

    ck_assert_int_eq(virNodeGetMemoryParameters(conn, NULL, &n, 0), 0);
    ck_assert_int_eq(n, 8);
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
    ck_assert_int_eq(virTypedParamsGetUInt(params, n, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, &ui), 1);
    ck_assert_uint_eq(ui, 100);
    ck_assert_int_eq(virTypedParamsGetUInt(params, n, VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS, &ui), 1);
    ck_assert_uint_eq(ui, 20);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_NODE_MEMORY_SHARED_PAGES_SHARED, &ul), 1);
    ck_assert_int_eq(virTypedParamsGetUInt(params, n, VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES, &ui), 1);
    ck_assert_uint_eq(ui, 1);
    n = 3;
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
    ck_assert_int_eq(n, 3);

    ck_assert_int_eq(virTypedParamsAddUInt(&set, &nset, &maxset,
                                           VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, 500), 0);
    ck_assert_int_eq(virNodeSetMemoryParameters(ro, set, nset, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "virNodeSetMemoryParameters");
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, nset, 0), 0);
    n = 8;
    virNodeGetMemoryParameters(conn, params, &n, 0);
    virTypedParamsGetUInt(params, n, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, &ui);
    ck_assert_uint_eq(ui, 500);

    /* a bad parameter anywhere: nothing changes */
    ck_assert_int_eq(virTypedParamsAddUInt(&set, &nset, &maxset,
                                           VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES, 7), 0);
    set[0].value.ui = 900;
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, nset, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "shm_merge_across_nodes must be 0 or 1");
    n = 8;
    virNodeGetMemoryParameters(conn, params, &n, 0);
    virTypedParamsGetUInt(params, n, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, &ui);
    ck_assert_uint_eq(ui, 500);
    virTypedParamsFree(set, nset);

    set = NULL;
    nset = maxset = 0;
    virTypedParamsAddULLong(&set, &nset, &maxset, VIR_NODE_MEMORY_SHARED_PAGES_SHARED, 5);
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, nset, 0), -1);
    ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "parameter 'shm_pages_shared' is not supported");
    set[0].type = VIR_TYPED_PARAM_INT;
    g_strlcpy(set[0].field, VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, sizeof(set[0].field));
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, nset, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "must be of type uint, not int");
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, 0, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nparams");
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, NULL, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "params");
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, NULL, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nparams");
    virTypedParamsFree(set, nset);
    virConnectClose(ro);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_security_model)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virSecurityModel model;

    ck_assert_int_eq(virNodeGetSecurityModel(conn, &model), 0);
    ck_assert_str_eq(model.model, "testSecurity");
    ck_assert_str_eq(model.doi, "");
    ck_assert_int_eq(virNodeGetSecurityModel(conn, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "secmodel");
    virConnectClose(conn);
}
END_TEST

static Suite *
nodeSuite(void)
{
    Suite *s = suite_create("node");
    TCase *tc = tcase_create("node");

    tcase_add_test(tc, test_node_info_default);
    tcase_add_test(tc, test_node_info_file);
    tcase_add_test(tc, test_node_file_errors);
    tcase_add_test(tc, test_free_memory);
    tcase_add_test(tc, test_cpu_map);
    tcase_add_test(tc, test_memory_stats);
    tcase_add_test(tc, test_memory_parameters);
    tcase_add_test(tc, test_security_model);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(nodeSuite());
}
