/*
 * metadatatest.c: a domain's title, description and <metadata> elements
 * (virDomainGetMetadata, virDomainSetMetadata) through the public API:
 * the live definition and the configuration apart, the XML they show in,
 * the configuration file on a root of files, and libvirt's argument
 * checks and errors.
 */
#include <config.h>

#include <string.h>

#include <glib.h>

#include "testutils.h"

#define DOM_XML \
    "<domain type='test'><name>meta</name><memory>65536</memory>" \
    "<os><type>hvm</type></os></domain>"
#define NS "http://example.org/app"

static virConnectPtr
metaOpen(virDomainPtr *dom)
{
    virConnectPtr conn = testOpenDefault(false);

    ck_assert_ptr_nonnull(conn);
    ck_assert_ptr_nonnull(*dom = virDomainLookupByName(conn, "test"));
    return conn;
}

/* Asserts @type of @dom is @want, or absent for NULL. */
static void
metaAssert(virDomainPtr dom, int type, const char *uri, unsigned int flags, const char *want)
{
    g_autofree char *got = virDomainGetMetadata(dom, type, uri, flags);

    if (want) {
        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, want);
    } else {
        ck_assert_ptr_null(got);
        ck_assert_error(VIR_ERR_NO_DOMAIN_METADATA, "Requested metadata element is not present");
    }
}

START_TEST(test_title_description)
{
    virDomainPtr dom;
    virConnectPtr conn = metaOpen(&dom);
    g_autofree char *xml = NULL;

    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, NULL);
    metaAssert(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0, NULL);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "A title", NULL,
                                          NULL, 0), 0);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION,
                                          "two\nlines & <more>", NULL, NULL, 0), 0);
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, "A title");
    metaAssert(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0, "two\nlines & <more>");
    ck_assert_ptr_nonnull(xml = virDomainGetXMLDesc(dom, 0));
    ck_assert_ptr_nonnull(strstr(xml, "  <title>A title</title>\n"
                                      "  <description>two\nlines &amp; &lt;more&gt;</description>\n"));
    /* an empty text is none at all, as NULL */
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "", NULL, NULL, 0), 0);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, NULL,
                                          NULL, 0), 0);
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, NULL);
    metaAssert(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0, NULL);
    g_free(xml);
    ck_assert_ptr_nonnull(xml = virDomainGetXMLDesc(dom, 0));
    ck_assert_ptr_null(strstr(xml, "<title"));
    ck_assert_ptr_null(strstr(xml, "<description"));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* The running domain "test" splits: each definition keeps its own. */
START_TEST(test_live_config)
{
    virDomainPtr dom;
    virConnectPtr conn = metaOpen(&dom);

    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "live", NULL, NULL,
                                          VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "config", NULL, NULL,
                                          VIR_DOMAIN_AFFECT_CONFIG), 0);
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, "live");
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, VIR_DOMAIN_AFFECT_LIVE, "live");
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, VIR_DOMAIN_AFFECT_CONFIG, "config");
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, "both", NULL,
                                          NULL, VIR_DOMAIN_AFFECT_LIVE |
                                          VIR_DOMAIN_AFFECT_CONFIG), 0);
    metaAssert(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, VIR_DOMAIN_AFFECT_LIVE, "both");
    metaAssert(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, VIR_DOMAIN_AFFECT_CONFIG, "both");
    /* after a stop, the configuration is what remains */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, "config");
    /* a shut off domain has no live definition */
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "x", NULL, NULL,
                                          VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, NULL);
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, "config");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_element)
{
    virDomainPtr dom;
    virConnectPtr conn = metaOpen(&dom);
    g_autofree char *xml = NULL;

    metaAssert(dom, VIR_DOMAIN_METADATA_ELEMENT, NS, 0, NULL);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                                          "<app><v  a=\"1\">x</v><w/></app>", "k", NS, 0), 0);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<other/>", "o",
                                          "http://example.org/other", 0), 0);
    /* as libvirt gives it: out of its namespace, indented */
    metaAssert(dom, VIR_DOMAIN_METADATA_ELEMENT, NS, 0,
               "<app>\n  <v a=\"1\">x</v>\n  <w/>\n</app>");
    ck_assert_ptr_nonnull(xml = virDomainGetXMLDesc(dom, 0));
    ck_assert_ptr_nonnull(strstr(xml, "  <metadata>\n"
                                      "    <k:app xmlns:k=\"" NS "\">\n"
                                      "      <k:v a=\"1\">x</k:v>\n"
                                      "      <k:w/>\n"
                                      "    </k:app>\n"
                                      "    <o:other xmlns:o=\"http://example.org/other\"/>\n"
                                      "  </metadata>\n"));
    /* a new element of a namespace replaces the old */
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<app2/>", "k2",
                                          NS, 0), 0);
    metaAssert(dom, VIR_DOMAIN_METADATA_ELEMENT, NS, 0, "<app2/>");
    /* refusals change nothing */
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<broken>", "k",
                                          NS, 0), -1);
    ck_assert_error(VIR_ERR_XML_DETAIL, NULL);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<a/>", "1k", NS,
                                          0), -1);
    ck_assert_error(VIR_ERR_INTERNAL_ERROR, "failed to validate prefix for a new XML namespace");
    metaAssert(dom, VIR_DOMAIN_METADATA_ELEMENT, NS, 0, "<app2/>");
    /* NULL removes */
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, NULL, NULL, NS, 0),
                     0);
    metaAssert(dom, VIR_DOMAIN_METADATA_ELEMENT, NS, 0, NULL);
    metaAssert(dom, VIR_DOMAIN_METADATA_ELEMENT, "http://example.org/other", 0, "<other/>");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* libvirt's checks, in its words */
START_TEST(test_arguments)
{
    virDomainPtr dom;
    virConnectPtr conn = metaOpen(&dom);
    virConnectPtr ro;
    virDomainPtr rodom;

    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "a\nb", NULL, NULL,
                                          0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "metadata title can't contain newlines");
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, "x", "k", NULL,
                                          0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "key in virDomainSetMetadata must be NULL");
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "x", NULL, NS, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "uri in virDomainSetMetadata must be NULL");
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<a/>", NULL, NULL,
                                          0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "uri in virDomainSetMetadata must not be NULL");
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<a/>", NULL, NS,
                                          0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "key in virDomainSetMetadata must not be NULL");
    ck_assert_int_eq(virDomainSetMetadata(dom, 7, "x", NULL, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unknown metadata type '7'");
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "x", NULL, NULL, 4),
                     -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x4) in function testDomainSetMetadata");
    ck_assert_int_eq(virDomainSetMetadata(NULL, VIR_DOMAIN_METADATA_TITLE, "x", NULL, NULL, 0),
                     -1);
    ck_assert_error(VIR_ERR_INVALID_DOMAIN, NULL);

    ck_assert_ptr_null(virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NS, 0));
    ck_assert_error(VIR_ERR_INVALID_ARG, "uri in virDomainGetMetadata must be NULL");
    ck_assert_ptr_null(virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, NULL, 0));
    ck_assert_error(VIR_ERR_INVALID_ARG, "uri in virDomainGetMetadata must not be NULL");
    ck_assert_ptr_null(virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL,
                                            VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG));
    ck_assert_error(VIR_ERR_INVALID_ARG, NULL);
    ck_assert_ptr_null(virDomainGetMetadata(dom, 7, NULL, 0));
    ck_assert_error(VIR_ERR_INVALID_ARG, "unknown metadata type '7'");
    ck_assert_ptr_null(virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 4));
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x4) in function testDomainGetMetadata");
    ck_assert_ptr_null(virDomainGetMetadata(NULL, VIR_DOMAIN_METADATA_TITLE, NULL, 0));
    ck_assert_error(VIR_ERR_INVALID_DOMAIN, NULL);

    /* read-only: reads, never changes */
    ck_assert_ptr_nonnull(ro = testOpenDefault(true));
    ck_assert_ptr_nonnull(rodom = virDomainLookupByName(ro, "test"));
    ck_assert_int_eq(virDomainSetMetadata(rodom, VIR_DOMAIN_METADATA_TITLE, "x", NULL, NULL, 0),
                     -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "read-only access prevents virDomainSetMetadata");
    metaAssert(rodom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, NULL);
    virDomainFree(rodom);
    virConnectClose(ro);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* On a root of files the configuration file holds the change, and a new
 * connection (a new process would do the same) reads it back. */
START_TEST(test_persistent)
{
    g_autofree char *root = testMakeTempDir("metadata");
    g_autofree char *uri = g_strdup_printf("test:///embed?root=%s", root);
    g_autofree char *path = g_build_filename(root, "etc", "virtkit", "test", "meta.xml", NULL);
    g_autofree char *content = NULL;
    virConnectPtr conn;
    virDomainPtr dom;

    ck_assert_ptr_nonnull(conn = virConnectOpen(uri));
    ck_assert_ptr_nonnull(dom = virDomainDefineXML(conn, DOM_XML));
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, "kept", NULL,
                                          NULL, 0), 0);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, "<x/>", "k", NS,
                                          VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert(g_file_get_contents(path, &content, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(content, "<description>kept</description>"));
    ck_assert_ptr_nonnull(strstr(content, "<k:x xmlns:k=\"" NS "\"/>"));
    virDomainFree(dom);
    virConnectClose(conn);

    ck_assert_ptr_nonnull(conn = virConnectOpen(uri));
    ck_assert_ptr_nonnull(dom = virDomainLookupByName(conn, "meta"));
    metaAssert(dom, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0, "kept");
    metaAssert(dom, VIR_DOMAIN_METADATA_ELEMENT, NS, 0, "<x/>");
    /* the running domain gets it too, and the driver is never asked */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_TITLE, "up", NULL, NULL,
                                          VIR_DOMAIN_AFFECT_LIVE), 0);
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0, "up");
    metaAssert(dom, VIR_DOMAIN_METADATA_TITLE, NULL, VIR_DOMAIN_AFFECT_CONFIG, NULL);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
    testRemoveTree(root);
}
END_TEST

static Suite *
metadataSuite(void)
{
    Suite *s = suite_create("metadata");
    TCase *tc = tcase_create("metadata");

    tcase_add_test(tc, test_title_description);
    tcase_add_test(tc, test_live_config);
    tcase_add_test(tc, test_element);
    tcase_add_test(tc, test_arguments);
    tcase_add_test(tc, test_persistent);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(metadataSuite());
}
