/*
 * domainlisttest.c: looking domains up, the handles, and listing them
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

#define TEST_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

START_TEST(test_lookup)
{
    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    unsigned char uuid[VIR_UUID_BUFLEN];
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    virDomainPtr dom, other;
    char *ostype;

    ck_assert_ptr_nonnull((dom = virDomainLookupByName(conn, "test")));
    ck_assert_str_eq(virDomainGetName(dom), "test");
    ck_assert_uint_eq(virDomainGetID(dom), 1);
    ck_assert_int_eq(virDomainGetUUIDString(dom, uuidstr), 0);
    ck_assert_str_eq(uuidstr, TEST_UUID);
    ck_assert_int_eq(virDomainGetUUID(dom, uuid), 0);
    ck_assert_str_eq((ostype = virDomainGetOSType(dom)), "linux");
    free(ostype);

    ck_assert_ptr_nonnull((other = virDomainLookupByID(conn, 1)));
    ck_assert_str_eq(virDomainGetName(other), "test");
    virDomainFree(other);
    ck_assert_ptr_nonnull((other = virDomainLookupByUUID(conn, uuid)));
    ck_assert_str_eq(virDomainGetName(other), "test");
    virDomainFree(other);
    ck_assert_ptr_nonnull((other = virDomainLookupByUUIDString(conn, TEST_UUID)));
    virDomainFree(other);
    /* the dashes are optional, and case does not matter */
    ck_assert_ptr_nonnull((other = virDomainLookupByUUIDString(conn,
                                   "6695EB01F6A4830479AA97F2502E193F")));
    virDomainFree(other);

    ck_assert_int_eq(virDomainRef(dom), 0);
    ck_assert_int_eq(virDomainFree(dom), 0);
    ck_assert_str_eq(virDomainGetName(dom), "test");
    ck_assert_int_eq(virDomainFree(dom), 0);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_lookup_errors)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    unsigned char uuid[VIR_UUID_BUFLEN] = { 1, 2, 3 };
    virDomainPtr dom;

    ck_assert_ptr_null(virDomainLookupByName(conn, "nosuch"));
    ck_assert_error(VIR_ERR_NO_DOMAIN, "Domain not found: no domain with matching name 'nosuch'");
    ck_assert_ptr_null(virDomainLookupByID(conn, 99));
    ck_assert_error(VIR_ERR_NO_DOMAIN, "no domain with matching id 99");
    ck_assert_ptr_null(virDomainLookupByID(conn, -1));
    ck_assert_error(VIR_ERR_INVALID_ARG, "id in virDomainLookupByID must not be negative");
    ck_assert_ptr_null(virDomainLookupByUUID(conn, uuid));
    ck_assert_error(VIR_ERR_NO_DOMAIN, "no domain with matching uuid '01020300-");
    ck_assert_ptr_null(virDomainLookupByUUIDString(conn, "bogus"));
    ck_assert_error(VIR_ERR_INVALID_ARG, "invalid UUID 'bogus'");
    ck_assert_ptr_null(virDomainLookupByUUIDString(conn, TEST_UUID "0"));
    ck_assert_error(VIR_ERR_INVALID_ARG, "invalid UUID");
    ck_assert_ptr_null(virDomainLookupByName(conn, NULL));
    ck_assert_error(VIR_ERR_INVALID_ARG, "name in virDomainLookupByName must not be NULL");
    ck_assert_ptr_null(virDomainLookupByUUID(conn, NULL));
    ck_assert_error(VIR_ERR_INVALID_ARG, "uuid");
    ck_assert_ptr_null(virDomainLookupByUUIDString(conn, NULL));
    ck_assert_error(VIR_ERR_INVALID_ARG, "uuidstr");
    ck_assert_ptr_null(virDomainLookupByName(NULL, "test"));
    ck_assert_error(VIR_ERR_INVALID_CONN, "virDomainLookupByName");

    /* an inactive domain has no id */
    dom = virDomainLookupByName(conn, "test");
    virDomainDestroy(dom);
    ck_assert_uint_eq(virDomainGetID(dom), (unsigned int)-1);
    ck_assert_ptr_null(virDomainLookupByID(conn, 1));
    ck_assert_error(VIR_ERR_NO_DOMAIN, "no domain with matching id 1");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_handle_errors)
{
    char buf[VIR_UUID_STRING_BUFLEN];
    unsigned char uuid[VIR_UUID_BUFLEN];
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");

    ck_assert_ptr_null(virDomainGetName(NULL));
    ck_assert_error(VIR_ERR_INVALID_DOMAIN, "invalid domain pointer in virDomainGetName");
    ck_assert_uint_eq(virDomainGetID(NULL), (unsigned int)-1);
    ck_assert_int_eq(virDomainGetUUID(NULL, uuid), -1);
    ck_assert_int_eq(virDomainGetUUIDString(NULL, buf), -1);
    ck_assert_int_eq(virDomainGetUUID(dom, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "uuid in virDomainGetUUID must not be NULL");
    ck_assert_int_eq(virDomainGetUUIDString(dom, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "buf");
    ck_assert_ptr_null(virDomainGetOSType(NULL));
    ck_assert_ptr_null(virDomainGetConnect(NULL));
    ck_assert_int_eq(virDomainFree(NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_DOMAIN, "virDomainFree");
    ck_assert_int_eq(virDomainRef(NULL), -1);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* Defines a domain in each interesting state on a fresh private model. */
static virConnectPtr
listFixture(void)
{
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    virDomainPtr dom;

    /* fv0 running, paused, off, transient running, saved (managed save) */
    dom = virDomainLookupByName(conn, "off");
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    virDomainFree(dom);
    return conn;
}

static gint
testCompareNames(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *
listNames(virConnectPtr conn, unsigned int flags)
{
    virDomainPtr *doms = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    int i, n = virConnectListAllDomains(conn, &doms, flags);
    char *ret;

    ck_assert_int_ge(n, 0);
    ck_assert_ptr_null(doms[n]);
    for (i = 0; i < n; i++)
        g_ptr_array_add(names, (char *)virDomainGetName(doms[i]));
    g_ptr_array_sort(names, testCompareNames);
    g_ptr_array_add(names, NULL);
    ret = g_strjoinv(",", (char **)names->pdata);
    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    return ret;
}

START_TEST(test_list_all_filters)
{
    static const struct {
        unsigned int flags;
        const char *names;
    } cases[] = {
        { 0, "fv0,off,paused,saved,transient" },
        { VIR_CONNECT_LIST_DOMAINS_ACTIVE, "fv0,paused,transient" },
        { VIR_CONNECT_LIST_DOMAINS_INACTIVE, "off,saved" },
        { VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE,
          "fv0,off,paused,saved,transient" },
        { VIR_CONNECT_LIST_DOMAINS_PERSISTENT, "fv0,off,paused,saved" },
        { VIR_CONNECT_LIST_DOMAINS_TRANSIENT, "transient" },
        { VIR_CONNECT_LIST_DOMAINS_RUNNING, "fv0,transient" },
        { VIR_CONNECT_LIST_DOMAINS_PAUSED, "paused" },
        { VIR_CONNECT_LIST_DOMAINS_SHUTOFF, "off,saved" },
        { VIR_CONNECT_LIST_DOMAINS_OTHER, "" },
        { VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED,
          "fv0,paused,transient" },
        { VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, "saved" },
        { VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, "fv0,off,paused,transient" },
        { VIR_CONNECT_LIST_DOMAINS_AUTOSTART, "off" },
        { VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, "fv0,paused,saved,transient" },
        { VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT, "" },
        { VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, "fv0,off,paused,saved,transient" },
        { VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT, "" },
        { VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, "fv0,off,paused,saved,transient" },
        { VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_AUTOSTART, "off" },
        { VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_ACTIVE |
          VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, "fv0,paused" },
    };
    virConnectPtr conn = listFixture();
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *names = listNames(conn, cases[i].flags);

        ck_assert_msg(strcmp(names, cases[i].names) == 0, "flags 0x%x: got '%s', expected '%s'",
                      cases[i].flags, names, cases[i].names);
    }
    ck_assert_int_eq(virConnectListAllDomains(conn, NULL, 0), 5);
    ck_assert_int_eq(virConnectListAllDomains(conn, NULL, 1U << 20), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x100000)");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_list_legacy)
{
    virConnectPtr conn = listFixture();
    int ids[8];
    char *names[8];
    int i, n;

    ck_assert_int_eq(virConnectNumOfDomains(conn), 3);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    n = virConnectListDomains(conn, ids, 8);
    ck_assert_int_eq(n, 3);
    for (i = 0; i < n; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);

        ck_assert_ptr_nonnull(dom);
        ck_assert_int_eq(virDomainIsActive(dom), 1);
        virDomainFree(dom);
    }
    ck_assert_int_eq(virConnectListDomains(conn, ids, 1), 1);
    n = virConnectListDefinedDomains(conn, names, 8);
    ck_assert_int_eq(n, 2);
    ck_assert(g_str_equal(names[0], "off") || g_str_equal(names[1], "off"));
    for (i = 0; i < n; i++)
        free(names[i]);
    ck_assert_int_eq(virConnectListDomains(conn, NULL, 3), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "ids");
    ck_assert_int_eq(virConnectListDomains(conn, ids, -1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "maxids");
    ck_assert_int_eq(virConnectListDefinedDomains(conn, NULL, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "names");
    ck_assert_int_eq(virConnectListDefinedDomains(conn, names, 0), 0);
    ck_assert_int_eq(virConnectNumOfDomains(NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_CONN, "virConnectNumOfDomains");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_node_file_states)
{
    static const struct {
        const char *name;
        int state, reason, persistent, managedsave;
    } cases[] = {
        { "fv0", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN, 1, 0 },
        { "paused", VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_UNKNOWN, 1, 0 },
        { "off", VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN, 1, 0 },
        { "transient", VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNKNOWN, 0, 0 },
        { "saved", VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN, 1, 1 },
    };
    virConnectPtr conn = testOpenNode("nodes/states.xml");
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        virDomainPtr dom = virDomainLookupByName(conn, cases[i].name);
        int state, reason;

        ck_assert_ptr_nonnull(dom);
        ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
        ck_assert_int_eq(state, cases[i].state);
        ck_assert_int_eq(reason, cases[i].reason);
        ck_assert_int_eq(virDomainIsPersistent(dom), cases[i].persistent);
        ck_assert_int_eq(virDomainHasManagedSaveImage(dom, 0), cases[i].managedsave);
        virDomainFree(dom);
    }
    virConnectClose(conn);
}
END_TEST

static Suite *
domainListSuite(void)
{
    Suite *s = suite_create("domainlist");
    TCase *tc = tcase_create("domainlist");

    tcase_add_test(tc, test_lookup);
    tcase_add_test(tc, test_lookup_errors);
    tcase_add_test(tc, test_handle_errors);
    tcase_add_test(tc, test_list_all_filters);
    tcase_add_test(tc, test_list_legacy);
    tcase_add_test(tc, test_node_file_states);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(domainListSuite());
}
