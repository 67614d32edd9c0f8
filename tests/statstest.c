/*
 * statstest.c: the statistics of domains through the public API: the bulk
 * statistics of all or some domains (groups, filters, ENFORCE_STATS) and
 * the memory statistics of one, on the test driver, whose figures are
 * libvirt's test driver's
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

/* The value of the int or unsigned field @name of @record; fails the test
 * when it is missing. */
static long long
recordValue(virDomainStatsRecordPtr record, const char *name)
{
    virTypedParameterPtr p = virTypedParamsGet(record->params, record->nparams, name);

    ck_assert_msg(p != NULL, "no field %s in the record of %s", name,
                  virDomainGetName(record->dom));
    switch (p->type) {
    case VIR_TYPED_PARAM_INT: return p->value.i;
    case VIR_TYPED_PARAM_UINT: return p->value.ui;
    case VIR_TYPED_PARAM_ULLONG: return (long long)p->value.ul;
    }
    ck_abort_msg("field %s has type %d", name, p->type);
    return -1;
}

static int
testCompareStrings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "name,name,..." of the records, in order, or sorted when @sorted (the
 * order of all domains is the list's). */
static char *
recordNamesHow(virDomainStatsRecordPtr *records, bool sorted)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    size_t i;

    for (i = 0; records[i]; i++)
        g_ptr_array_add(names, (gpointer)virDomainGetName(records[i]->dom));
    if (sorted)
        g_ptr_array_sort(names, (GCompareFunc)testCompareStrings);
    g_ptr_array_add(names, NULL);
    return g_strjoinv(",", (char **)names->pdata);
}

#define recordNames(records) recordNamesHow(records, false)
#define recordNamesSorted(records) recordNamesHow(records, true)

START_TEST(test_all_domains)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainStatsRecordPtr *records = NULL;

    /* libvirt's test driver: the state group only, all of it for 0 */
    ck_assert_int_eq(virConnectGetAllDomainStats(conn, 0, &records, 0), 1);
    ck_assert_str_eq(virDomainGetName(records[0]->dom), "test");
    ck_assert_int_eq(records[0]->nparams, 2);
    ck_assert_str_eq(records[0]->params[0].field, "state.state");
    ck_assert_int_eq(records[0]->params[0].type, VIR_TYPED_PARAM_INT);
    ck_assert_int_eq(recordValue(records[0], "state.state"), VIR_DOMAIN_RUNNING);
    ck_assert_str_eq(records[0]->params[1].field, "state.reason");
    ck_assert_ptr_null(records[1]);
    virDomainStatsRecordListFree(records);

    /* a group it does not have is left out, or refused when enforced */
    ck_assert_int_eq(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_CPU_TOTAL |
                                                 VIR_DOMAIN_STATS_LVE, &records, 0), 1);
    ck_assert_int_eq(records[0]->nparams, 0);
    virDomainStatsRecordListFree(records);
    records = NULL;
    ck_assert_int_eq(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_STATE |
                                                 VIR_DOMAIN_STATS_VCPU, &records,
                                                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS),
                     -1);
    ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED,
                    "Stats types bits 0x8 are not supported by this daemon");
    ck_assert_ptr_null(records);
    ck_assert_int_eq(virConnectGetAllDomainStats(conn, 0, &records, 1U << 20), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x100000)");
    ck_assert_int_eq(virConnectGetAllDomainStats(conn, 0, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "retStats");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_filters)
{
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    virDomainStatsRecordPtr *records = NULL;
    g_autofree char *names = NULL;
    g_autofree char *inactive = NULL;
    g_autofree char *paused = NULL;

    ck_assert_int_ge(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_STATE, &records,
                                                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE), 0);
    inactive = recordNamesSorted(records);
    ck_assert_str_eq(inactive, "off,saved");
    ck_assert_int_eq(recordValue(records[0], "state.state"), VIR_DOMAIN_SHUTOFF);
    virDomainStatsRecordListFree(records);

    ck_assert_int_eq(virConnectGetAllDomainStats(conn, 0, &records,
                                                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED), 1);
    paused = recordNames(records);
    ck_assert_str_eq(paused, "paused");
    ck_assert_int_eq(recordValue(records[0], "state.state"), VIR_DOMAIN_PAUSED);
    virDomainStatsRecordListFree(records);

    ck_assert_int_eq(virConnectGetAllDomainStats(conn, 0, &records,
                                                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT |
                                                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE), 1);
    names = recordNames(records);
    ck_assert_str_eq(names, "transient");
    virDomainStatsRecordListFree(records);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_list_get_stats)
{
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    virConnectPtr other = virConnectOpen("test:///default");
    virDomainPtr doms[4] = {
        virDomainLookupByName(conn, "saved"),
        virDomainLookupByName(conn, "paused"),
        virDomainLookupByName(conn, "off"),
        NULL,
    };
    virDomainPtr mixed[3] = { doms[0], virDomainLookupByName(other, "test"), NULL };
    virDomainPtr none[1] = { NULL };
    virDomainStatsRecordPtr *records = NULL;
    g_autofree char *asked = NULL;
    g_autofree char *filtered = NULL;

    /* in the order asked, and a filter leaves out those that do not pass */
    ck_assert_int_eq(virDomainListGetStats(doms, 0, &records, 0), 3);
    asked = recordNames(records);
    ck_assert_str_eq(asked, "saved,paused,off");
    virDomainStatsRecordListFree(records);
    ck_assert_int_eq(virDomainListGetStats(doms, 0, &records,
                                           VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF), 2);
    filtered = recordNames(records);
    ck_assert_str_eq(filtered, "saved,off");
    virDomainStatsRecordListFree(records);

    ck_assert_int_eq(virDomainListGetStats(none, 0, &records, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "must contain at least one domain");
    ck_assert_int_eq(virDomainListGetStats(mixed, 0, &records, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "single connection");
    ck_assert_int_eq(virDomainListGetStats(NULL, 0, &records, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "doms");

    /* a domain undefined meanwhile is an error, as its handle names it */
    ck_assert_int_eq(virDomainUndefine(doms[2]), 0);
    ck_assert_int_eq(virDomainListGetStats(doms, 0, &records, 0), -1);
    ck_assert_error(VIR_ERR_NO_DOMAIN, "off");
    virDomainStatsRecordListFree(NULL);

    virDomainFree(doms[0]);
    virDomainFree(doms[1]);
    virDomainFree(doms[2]);
    virDomainFree(mixed[1]);
    virConnectClose(other);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_memory_stats)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR + 2];
    static const int tags[] = {
        VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, VIR_DOMAIN_MEMORY_STAT_SWAP_IN,
        VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT,
        VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, VIR_DOMAIN_MEMORY_STAT_UNUSED,
        VIR_DOMAIN_MEMORY_STAT_AVAILABLE, VIR_DOMAIN_MEMORY_STAT_USABLE,
        VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, VIR_DOMAIN_MEMORY_STAT_DISK_CACHES,
        VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL,
        VIR_DOMAIN_MEMORY_STAT_RSS,
    };
    size_t i;

    /* libvirt's test driver's figures, from the current memory */
    ck_assert_int_eq(virDomainMemoryStats(dom, stats, G_N_ELEMENTS(stats), 0),
                     VIR_DOMAIN_MEMORY_STAT_NR);
    for (i = 0; i < G_N_ELEMENTS(tags); i++)
        ck_assert_int_eq(stats[i].tag, tags[i]);
    ck_assert_uint_eq(stats[0].val, 2097152);
    ck_assert_uint_eq(stats[5].val, 1048576);
    ck_assert_uint_eq(stats[12].val, 1048576);
    ck_assert_int_eq(virDomainSetMemory(dom, 524288), 0);
    ck_assert_int_eq(virDomainMemoryStats(dom, stats, 2, 0), 2);
    ck_assert_uint_eq(stats[0].val, 524288);
    ck_assert_int_eq(stats[1].tag, VIR_DOMAIN_MEMORY_STAT_SWAP_IN);
    ck_assert_int_eq(virDomainMemoryStats(dom, NULL, 0, 0), 0);
    ck_assert_int_eq(virDomainMemoryStats(dom, stats, 2, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");

    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainMemoryStats(dom, stats, 2, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'test' is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* The <stats period=''/> of the balloon in @dom's XML (@flags of
 * virDomainGetXMLDesc), or -1 without one. */
static int
balloonPeriod(virDomainPtr dom, unsigned int flags)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, flags);
    const char *at;

    ck_assert_ptr_nonnull(xml);
    if (!(at = strstr(xml, "<stats period='")))
        return -1;
    return (int)g_ascii_strtoll(at + strlen("<stats period='"), NULL, 10);
}

START_TEST(test_memory_stats_period)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virConnectPtr ro = virConnectOpenReadOnly("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr rodom = virDomainLookupByName(ro, "test");
    g_autofree char *xml = testLoadFile("virtsh/new-domain.xml");
    virDomainPtr bare;

    /* the running domain's balloon (CURRENT), then the configuration's */
    ck_assert_int_eq(balloonPeriod(dom, 0), -1);
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, 5, 0), 0);
    ck_assert_int_eq(balloonPeriod(dom, 0), 5);
    ck_assert_int_eq(balloonPeriod(dom, VIR_DOMAIN_XML_INACTIVE), -1);
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, 9, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(balloonPeriod(dom, VIR_DOMAIN_XML_INACTIVE), 9);
    ck_assert_int_eq(balloonPeriod(dom, 0), 5);
    /* 0 stops the collection: libvirt writes no <stats/> then */
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, 0, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_int_eq(balloonPeriod(dom, 0), -1);

    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, -1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG,
                    "period in virDomainSetMemoryStatsPeriod must be zero or greater");
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(rodom, -1, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "virDomainSetMemoryStatsPeriod");
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, 1, VIR_DOMAIN_AFFECT_LIVE |
                                                           VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "mutually exclusive");
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, 1, 4), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG,
                    "unsupported flags (0x4) in function testDomainSetMemoryStatsPeriod");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(dom, 2, 0), 0);
    ck_assert_int_eq(balloonPeriod(dom, 0), 2);

    /* no balloon: libvirt's test driver's error */
    ck_assert_ptr_nonnull(bare = virDomainDefineXML(conn, xml));
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(bare, 2, 0), -1);
    ck_assert_error(VIR_ERR_INTERNAL_ERROR,
                    "No memory balloon device configured, can not set the collection period");
    virDomainFree(bare);
    virDomainFree(rodom);
    virDomainFree(dom);
    virConnectClose(ro);
    virConnectClose(conn);
}
END_TEST

static Suite *
statsSuite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("stats");

    tcase_add_test(tc, test_all_domains);
    tcase_add_test(tc, test_filters);
    tcase_add_test(tc, test_list_get_stats);
    tcase_add_test(tc, test_memory_stats);
    tcase_add_test(tc, test_memory_stats_period);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(statsSuite());
}
