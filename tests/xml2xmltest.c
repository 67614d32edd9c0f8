/*
 * xml2xmltest.c: domain XML round trips and refusals, through the API
 *
 *   tests/data/xml2xml/in/NAME.xml   defined, then dumped (inactive) ->
 *   tests/data/xml2xml/out/NAME.xml  must be equal
 *   tests/data/xml2xml/err/NAME.xml  refused, with the message in
 *   tests/data/xml2xml/err/NAME.err
 *
 * VIRTKIT_TEST_REGENERATE=1 rewrites the expected files for review in git.
 * A generated UUID (the input has none) is written as all zeros.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

static const char *const roundTrips[] = {
    "minimal",
    "libvirt-test",
    "full",
    "units",
    "escape",
    "lenient-ignored",
    "xen",
    "lenient-whitespace",
    "metadata",
    /* every family of device and every child of <domain> libvirt knows,
     * kept, in libvirt's order, with the defaults its test driver adds */
    "devices-all",
    "domain-kept",
    "order",
    "chardevs",
    "container",
    "graphics",
    "disks",
};

static const char *const refusals[] = {
    "malformed", "bad-root", "no-type", "bad-type", "ch-type",
    "no-name", "name-empty", "name-slash", "name-dot", "name-dotdot",
    "name-newline", "name-long", "bad-uuid",
    "no-memory", "memory-zero", "memory-negative", "memory-unit",
    "memory-overflow", "memory-huge",
    "vcpu-zero", "vcpu-current", "vcpu-too-many", "vcpu-garbage",
    "cpuset-bad", "cpuset-empty", "cpuset-beyond-host",
    "vcpupin-range", "vcpupin-twice", "vcpupin-no-cpuset",
    "period-range", "quota-range",
    "no-os", "bad-ostype", "exe-no-init", "bad-boot", "bad-feature",
    "bad-lifecycle", "bad-clock",
    "disk-no-target", "iface-no-type", "iface-no-source",
    "iface-bad-mac", "iface-multicast-mac", "memballoon-no-model",
    "blkio-no-path", "title-newline",
    "doctype-xxe", "entity-bomb", "not-utf8",
    /* what cannot be kept is refused, naming it */
    "unknown-element", "unknown-device", "ns-attribute", "mixed-text",
    "cpu-twice", "emulator-twice", "os-unknown-child", "vcpu-unknown-attr",
    "memtune-unknown", "disk-bad-bus", "fs-bad-usage",
    /* and what libvirt refuses in what it keeps */
    "vcpusched-overlap", "vcpusched-range", "listen-mismatch",
};

/* Replaces a generated UUID by zeros, so expected files stay stable. */
static char *
testNormalizeUUID(const char *in, const char *xml)
{
    const char *start;

    if (strstr(in, "<uuid>") || !(start = strstr(xml, "<uuid>")))
        return g_strdup(xml);
    return g_strdup_printf("%.*s<uuid>00000000-0000-0000-0000-000000000000</uuid>%s",
                           (int)(start - xml), xml, strstr(start, "</uuid>") + 7);
}

static char *
testDumpInactive(virDomainPtr dom)
{
    char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);

    ck_assert_msg(xml != NULL, "dump: %s", virGetLastErrorMessage());
    return xml;
}

START_TEST(test_round_trip)
{
    const char *name = roundTrips[_i];
    g_autofree char *inpath = g_strdup_printf("xml2xml/in/%s.xml", name);
    g_autofree char *outpath = g_strdup_printf("xml2xml/out/%s.xml", name);
    g_autofree char *in = testLoadFile(inpath);
    g_autofree char *out = NULL;
    g_autofree char *again = NULL;
    g_autofree char *raw = NULL;
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom, dom2;
    unsigned char map[1] = { 0x01 };

    dom = virDomainDefineXML(conn, in);
    ck_assert_msg(dom != NULL, "%s: %s", name, virGetLastErrorMessage());
    raw = testDumpInactive(dom);
    out = testNormalizeUUID(in, raw);
    ck_assert_msg(testCompareToFile(out, outpath), "%s differs", name);

    /* the output validates and defines the same domain again: a fixed point */
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    ck_assert_ptr_nonnull((dom2 = virDomainDefineXMLFlags(conn, raw, VIR_DOMAIN_DEFINE_VALIDATE)));
    again = testDumpInactive(dom2);
    ck_assert_str_eq(again, raw);
    g_clear_pointer(&again, free);

    /* split the live definition from the configuration (a deep copy) and
     * check the configuration did not change */
    ck_assert_int_eq(virDomainCreate(dom2), 0);
    ck_assert_int_eq(virDomainPinVcpuFlags(dom2, 0, map, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    again = testDumpInactive(dom2);
    ck_assert_str_eq(again, raw);
    virDomainFree(dom2);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_refusal)
{
    const char *name = refusals[_i];
    g_autofree char *inpath = g_strdup_printf("xml2xml/err/%s.xml", name);
    g_autofree char *errpath = g_strdup_printf("xml2xml/err/%s.err", name);
    g_autofree char *in = testLoadFile(inpath);
    g_autofree char *msg = NULL;
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virErrorPtr err;

    ck_assert_msg(virDomainDefineXML(conn, in) == NULL, "%s was accepted", name);
    ck_assert_ptr_nonnull((err = virGetLastError()));
    /* a refusal is never a bare internal error */
    ck_assert_int_ne(err->code, VIR_ERR_INTERNAL_ERROR);
    msg = g_strdup_printf("%d %s\n", err->code, err->message);
    ck_assert_msg(testCompareToFile(msg, errpath), "%s: message differs", name);
    /* and nothing was defined */
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_hostile_sizes)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    GString *deep = g_string_new("<domain type='test'><name>deep</name>");
    GString *big = g_string_new("<domain type='test'><name>big</name><description>");
    int i;

    /* nesting far deeper than any document needs */
    for (i = 0; i < 10000; i++)
        g_string_append(deep, "<a>");
    ck_assert_ptr_null(virDomainDefineXML(conn, deep->str));
    ck_assert_error(VIR_ERR_XML_DETAIL, "line 1");
    /* 5 MiB: over the 4 MiB cap, refused before parsing */
    while (big->len < 5 * 1024 * 1024)
        g_string_append(big, "0123456789abcdef");
    g_string_append(big, "</description><memory>1</memory><os><type>hvm</type></os></domain>");
    ck_assert_ptr_null(virDomainDefineXML(conn, big->str));
    ck_assert_error(VIR_ERR_XML_ERROR, "more than the limit of 4194304");
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    g_string_free(deep, TRUE);
    g_string_free(big, TRUE);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_validate_flag)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    const char *outside =
        "<domain type='test'><name>v</name><memory dumpCore='maybe'>1024</memory>\n"
        "<os><type>hvm</type></os></domain>";
    virDomainPtr dom;

    /* a value the parser keeps as written is checked by the schema only
     * when asked to */
    ck_assert_ptr_nonnull((dom = virDomainDefineXML(conn, outside)));
    virDomainUndefine(dom);
    virDomainFree(dom);
    ck_assert_ptr_null(virDomainDefineXMLFlags(conn, outside, VIR_DOMAIN_DEFINE_VALIDATE));
    ck_assert_error(VIR_ERR_XML_INVALID_SCHEMA, "line 1, <memory>");
    ck_assert_ptr_null(virDomainCreateXML(conn, outside, VIR_DOMAIN_START_VALIDATE));
    ck_assert_error(VIR_ERR_XML_INVALID_SCHEMA, "<memory>");
    virConnectClose(conn);
}
END_TEST

/* Secrets are kept, and written only on request (VIR_DOMAIN_XML_SECURE). */
START_TEST(test_secrets)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    g_autofree char *in = testLoadFile("xml2xml/in/disks.xml");
    virDomainPtr dom = virDomainDefineXML(conn, in);
    char *plain, *secure;

    ck_assert_ptr_nonnull(dom);
    plain = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    secure = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
    ck_assert_ptr_null(strstr(plain, "abc123"));
    ck_assert_ptr_nonnull(strstr(secure, "<cookie name='session'>abc123</cookie>"));
    free(plain);
    free(secure);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
xml2xmlSuite(void)
{
    Suite *s = suite_create("xml2xml");
    TCase *tc = tcase_create("xml2xml");

    tcase_add_loop_test(tc, test_round_trip, 0, G_N_ELEMENTS(roundTrips));
    tcase_add_loop_test(tc, test_refusal, 0, G_N_ELEMENTS(refusals));
    tcase_add_test(tc, test_hostile_sizes);
    tcase_add_test(tc, test_validate_flag);
    tcase_add_test(tc, test_secrets);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(xml2xmlSuite());
}
