/*
 * vserver_xml_test.c: VServer definitions through the public API, under
 * virtkit-vserver-sim (a connection needs a VServer kernel): XML round
 * trips, documents refused at define (naming what the driver cannot
 * honour), the schema, static xids, and the live XML of a context
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "vsdriver.h"

static const char *const xml2xmlCases[] = {
    "issue-example", "minimal", "full", "network", "rss-pages",
};

/* A document without a <uuid> gets a new one each time: not compared
 * (shown as the nil uuid, so that the expected file is still valid
 * against the schema). */
static char *
maskUUID(const char *xml)
{
    g_autoptr(GRegex) re = g_regex_new("<uuid>[^<]*</uuid>", 0, 0, NULL);

    return g_regex_replace_literal(re, xml, -1, 0,
                                   "<uuid>00000000-0000-0000-0000-000000000000</uuid>", 0, NULL);
}

START_TEST(test_xml2xml)
{
    const char *name = xml2xmlCases[_i];
    g_autofree char *in = g_strdup_printf("vserver/xml2xml/in/%s.xml", name);
    g_autofree char *out = g_strdup_printf("vserver/xml2xml/out/%s.xml", name);
    g_autofree char *xml = testLoadFile(in);
    g_autofree char *dumped = NULL, *again = NULL, *shown = NULL;
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = virDomainDefineXMLFlags(conn, xml, VIR_DOMAIN_DEFINE_VALIDATE);

    ck_assert_msg(dom, "%s: %s", name, virGetLastErrorMessage());
    dumped = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    shown = strstr(xml, "<uuid>") ? g_strdup(dumped) : maskUUID(dumped);
    ck_assert(testCompareToFile(shown, out));
    /* what was written reads back the same, and is valid */
    virDomainFree(dom);
    dom = virDomainDefineXMLFlags(conn, dumped, VIR_DOMAIN_DEFINE_VALIDATE);
    ck_assert_msg(dom, "%s again: %s", name, virGetLastErrorMessage());
    again = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_str_eq(again, dumped);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static const struct {
    const char *name;
    int code;
    const char *needle;
} invalidCases[] = {
    { "id-zero", VIR_ERR_CONFIG_UNSUPPORTED, "context id 0 cannot be a domain: context 0 is the host itself" },
    { "id-one", VIR_ERR_CONFIG_UNSUPPORTED, "context 1 is the spectator context" },
    { "id-dynamic", VIR_ERR_CONFIG_UNSUPPORTED, "contexts above 49151 are dynamic" },
    { "no-id", VIR_ERR_XML_ERROR, "the 'vserver' driver needs the domain id in <domain id=''>" },
    { "no-init", VIR_ERR_XML_ERROR, "needs the command it runs: <os><init>" },
    { "wrong-os", VIR_ERR_OS_TYPE, "OS type 'hvm' is not supported by the 'vserver' driver" },
    { "wrong-type", VIR_ERR_CONFIG_UNSUPPORTED, "domain type 'test' is not supported by the 'vserver' driver" },
    { "kernel", VIR_ERR_CONFIG_UNSUPPORTED, "<os> kernel, initrd or cmdline is not supported" },
    { "os-loader", VIR_ERR_CONFIG_UNSUPPORTED, "<os><inituser> is not supported" },
    { "disk", VIR_ERR_CONFIG_UNSUPPORTED, "<disk> is not supported: a context has no devices" },
    { "interface-bridge", VIR_ERR_CONFIG_UNSUPPORTED, "<interface type='vserver'><ip address='' prefix=''/>" },
    { "interface-mac", VIR_ERR_XML_ERROR, "<mac>: not supported in a VServer interface" },
    { "bad-address", VIR_ERR_XML_ERROR, "'192.0.2.300' is not an IPv4 or IPv6 address" },
    { "bad-prefix", VIR_ERR_XML_ERROR, "the prefix of '192.0.2.1' cannot be 33 (at most 32)" },
    { "bandwidth-peak", VIR_ERR_XML_ERROR, "'peak' is not supported" },
    { "bandwidth-averages", VIR_ERR_XML_ERROR, "one maximum for both directions" },
    { "filesystem-target", VIR_ERR_CONFIG_UNSUPPORTED, "a context has one root directory" },
    { "two-filesystems", VIR_ERR_CONFIG_UNSUPPORTED, "a second <filesystem> is not supported" },
    { "cputune", VIR_ERR_CONFIG_UNSUPPORTED, "<cputune> is not supported: use <vserver:sched>" },
    { "vcpupin", VIR_ERR_CONFIG_UNSUPPORTED, "has no CPU mask for a context" },
    { "memtune", VIR_ERR_CONFIG_UNSUPPORTED, "use <vserver:rlimit name='rss'>" },
    { "blkiotune", VIR_ERR_CONFIG_UNSUPPORTED, "no I/O throttling" },
    { "kept-element", VIR_ERR_CONFIG_UNSUPPORTED, "<cpu> is not supported: the VServer driver has no use for it" },
    { "features", VIR_ERR_CONFIG_UNSUPPORTED, "shares the host's kernel, memory and clock" },
    { "unknown-element", VIR_ERR_XML_ERROR, "only <vserver:context> is known" },
    { "unknown-child", VIR_ERR_XML_ERROR, "unknown element in <vserver:context>" },
    { "two-contexts", VIR_ERR_XML_ERROR, "<vserver:context> is given twice" },
    { "unknown-limit", VIR_ERR_XML_ERROR, "unknown limit 'locks'" },
    { "limit-twice", VIR_ERR_XML_ERROR, "the limit 'nproc' is given twice" },
    { "bad-limit", VIR_ERR_XML_ERROR, "hard must be a number or 'unlimited', not 'many'" },
    { "soft-above-hard", VIR_ERR_XML_ERROR, "the soft limit of 'nofile' is above its hard limit" },
    { "rss-unlimited", VIR_ERR_CONFIG_UNSUPPORTED, "its RSS hard limit is the domain's current memory" },
    { "rss-too-big", VIR_ERR_CONFIG_UNSUPPORTED, "is more than <memory> (262144 KiB)" },
    { "rss-disagrees", VIR_ERR_CONFIG_UNSUPPORTED, "the RSS hard limit (1000 pages) disagrees with <currentMemory>" },
    { "unknown-flag", VIR_ERR_XML_ERROR, "<vserver:flags>: unknown name 'turbo'" },
    { "owned-flag", VIR_ERR_XML_ERROR, "'sched_pause' cannot be given: it is the pause of virDomainSuspend" },
    { "set-and-clear", VIR_ERR_XML_ERROR, "'net_raw' is both set and cleared" },
    { "interval-zero", VIR_ERR_XML_ERROR, "interval must be 1 to 2147483647, not 0" },
    { "bias-range", VIR_ERR_XML_ERROR, "priority_bias must be -20 to 20, not -21" },
    { "cpu-no-id", VIR_ERR_XML_ERROR, "a per-CPU bucket needs the CPU's number" },
    { "uts-too-long", VIR_ERR_XML_ERROR, "is longer than the kernel's 64 bytes" },
    { "ns-attr", VIR_ERR_XML_ERROR, "unknown attribute 'name'" },
};

START_TEST(test_invalid)
{
    g_autofree char *path = g_strdup_printf("vserver/invalid/%s.xml", invalidCases[_i].name);
    g_autofree char *xml = testLoadFile(path);
    virConnectPtr conn = vsdOpen(NULL);
    g_autofree char *configs = NULL;
    g_autoptr(GDir) dir = NULL;

    ck_assert_ptr_null(virDomainDefineXML(conn, xml));
    ck_assert_error(invalidCases[_i].code, invalidCases[_i].needle);
    /* nothing was defined or written */
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    configs = g_build_filename(vsdRoot(), "etc", "virtkit", "vserver", NULL);
    dir = g_dir_open(configs, 0, NULL);
    ck_assert_ptr_nonnull(dir);
    ck_assert_str_eq(g_dir_read_name(dir), "autostart");
    ck_assert_ptr_null(g_dir_read_name(dir));
    virConnectClose(conn);
}
END_TEST

/* An xid belongs to one domain for as long as it is defined. */
START_TEST(test_ids)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr a = vsdDefine(conn, "plain", 3300);
    g_autofree char *other = vsdDomainXML("plain", 3300);
    g_autofree char *moved = vsdDomainXML("plain", 3301);
    g_autofree char *renamed = NULL;
    g_auto(GStrv) parts = g_strsplit(other, "<name>vs3300</name>", 2);

    renamed = g_strjoinv("<name>other</name>", parts);
    ck_assert_ptr_null(virDomainDefineXML(conn, renamed));
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "context id 3300 is already the id of domain 'vs3300'");
    /* the same domain under another xid (a new uuid: a new document) */
    ck_assert_ptr_nonnull(strstr(moved, "vs3301"));
    ck_assert_int_eq(virDomainUndefine(a), 0);
    virDomainFree(a);
    a = virDomainDefineXML(conn, renamed);
    ck_assert_msg(a, "%s", virGetLastErrorMessage());
    ck_assert_int_eq(virDomainGetID(a), (unsigned int)-1);
    ck_assert_ptr_null(virDomainLookupByID(conn, 3300));
    ck_assert_error(VIR_ERR_NO_DOMAIN, "no running context domain with id 3300");
    virDomainFree(a);
    virConnectClose(conn);
}
END_TEST

/* A running domain's XML has its id; the configuration's stays as written. */
START_TEST(test_live_xml)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3310);
    g_autofree char *live = NULL, *config = NULL;

    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 64 * 1024, VIR_DOMAIN_AFFECT_LIVE), 0);
    live = virDomainGetXMLDesc(dom, 0);
    config = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(live, "<vserver:rlimit name='rss' hard='16384'/>"));
    ck_assert_ptr_nonnull(strstr(config, "<vserver:rlimit name='rss' hard='65536'/>"));
    ck_assert_int_eq(virDomainIsUpdated(dom), 1);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
xmlSuite(void)
{
    Suite *s = suite_create("vserver-xml");
    TCase *tc = tcase_create("xml");

    tcase_add_loop_test(tc, test_xml2xml, 0, G_N_ELEMENTS(xml2xmlCases));
    tcase_add_loop_test(tc, test_invalid, 0, G_N_ELEMENTS(invalidCases));
    tcase_add_test(tc, test_ids);
    tcase_add_test(tc, test_live_xml);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    vsdInit("vserver_xml_test");
    return vsdRun(xmlSuite());
}
