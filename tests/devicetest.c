/*
 * devicetest.c: attaching, detaching and updating devices through the
 * public API, on a test driver that keeps its configurations on disk
 * (test:///embed?root=DIR), so that what is written is read back by a
 * new connection.  Devices and the expected definitions are in
 * tests/data/devices/.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

typedef struct {
    char *root;
    char *uri;
    virConnectPtr conn;
    virDomainPtr dom;
} testDev;

static void
testDevOpen(testDev *t)
{
    g_autofree char *xml = testLoadFile("devices/domain.xml");

    t->root = testMakeTempDir("devices");
    t->uri = g_strdup_printf("test:///embed?root=%s", t->root);
    ck_assert_ptr_nonnull((t->conn = virConnectOpen(t->uri)));
    ck_assert_ptr_nonnull((t->dom = virDomainDefineXML(t->conn, xml)));
}

static void
testDevClose(testDev *t)
{
    virDomainFree(t->dom);
    virConnectClose(t->conn);
    testRemoveTree(t->root);
    g_free(t->root);
    g_free(t->uri);
}

/* The device @file of tests/data/devices/ given to @call, with @flags
 * (DEVICE) or to a call without flags (DEVICE_LIVE). */
#define DEVICE(call, t, file, flags) \
    ({ g_autofree char *_xml = testLoadFile("devices/" file); \
       call((t)->dom, _xml, flags); })
#define DEVICE_LIVE(call, t, file) \
    ({ g_autofree char *_xml = testLoadFile("devices/" file); \
       call((t)->dom, _xml); })

static char *
testDevXML(testDev *t, unsigned int flags)
{
    char *xml = virDomainGetXMLDesc(t->dom, flags);

    ck_assert_ptr_nonnull(xml);
    return xml;
}

/* A configuration change is on disk: a new connection reads it back. */
START_TEST(test_attach_config)
{
    testDev t;
    g_autofree char *xml = NULL, *again = NULL;
    virConnectPtr conn2;
    virDomainPtr dom2;

    testDevOpen(&t);
    ck_assert_int_eq(DEVICE(virDomainAttachDeviceFlags, &t, "disk-vdb.xml",
                            VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(DEVICE(virDomainAttachDeviceFlags, &t, "interface-new.xml",
                            VIR_DOMAIN_AFFECT_CURRENT), 0);
    xml = testDevXML(&t, VIR_DOMAIN_XML_INACTIVE);
    ck_assert(testCompareToFile(xml, "devices/attached.xml"));

    conn2 = virConnectOpen(t.uri);
    ck_assert_ptr_nonnull(conn2);
    ck_assert_ptr_nonnull((dom2 = virDomainLookupByName(conn2, "dev")));
    again = virDomainGetXMLDesc(dom2, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_str_eq(again, xml);
    virDomainFree(dom2);
    virConnectClose(conn2);
    testDevClose(&t);
}
END_TEST

/* Live and configuration change together, or apart. */
START_TEST(test_attach_live)
{
    testDev t;
    g_autofree char *live = NULL, *config = NULL;

    testDevOpen(&t);
    /* hotplug needs a running domain */
    ck_assert_int_eq(DEVICE_LIVE(virDomainAttachDevice, &t, "disk-vdb.xml"), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'dev' is not running");
    ck_assert_int_eq(virDomainCreate(t.dom), 0);
    ck_assert_int_eq(DEVICE_LIVE(virDomainAttachDevice, &t, "disk-vdb.xml"), 0);
    live = testDevXML(&t, 0);
    config = testDevXML(&t, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(live, "<target dev='vdb' bus='virtio'/>"));
    ck_assert_ptr_null(strstr(config, "vdb"));
    ck_assert_int_eq(virDomainIsUpdated(t.dom), 1);
    g_clear_pointer(&live, g_free);
    g_clear_pointer(&config, g_free);

    ck_assert_int_eq(DEVICE(virDomainAttachDeviceFlags, &t, "interface-new.xml",
                            VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), 0);
    live = testDevXML(&t, 0);
    config = testDevXML(&t, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(live, "<source bridge='br0'/>"));
    ck_assert_ptr_nonnull(strstr(config, "<source bridge='br0'/>"));
    g_clear_pointer(&live, g_free);
    g_clear_pointer(&config, g_free);

    /* the live disk goes; the configuration never had it */
    ck_assert_int_eq(DEVICE_LIVE(virDomainDetachDevice, &t, "disk-vdb.xml"), 0);
    g_clear_pointer(&live, g_free);
    live = testDevXML(&t, 0);
    ck_assert_ptr_null(strstr(live, "vdb"));
    ck_assert_int_eq(DEVICE(virDomainDetachDeviceFlags, &t, "disk-vdb.xml",
                            VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_DEVICE_MISSING, "no target device vdb");
    testDevClose(&t);
}
END_TEST

/* A refused change leaves the definitions, live and configured, as they
 * were, and says what was wrong. */
START_TEST(test_attach_refused)
{
    static const struct {
        const char *file;
        int code;
        const char *message;
    } cases[] = {
        { "devices/disk-vda.xml", VIR_ERR_OPERATION_INVALID, "target vda already exists" },
        { "devices/invalid/unknown.xml", VIR_ERR_XML_ERROR,
          "<gizmo>: unknown device: libvirt's domain schema has no such child of <devices>" },
        { "devices/invalid/broken.xml", VIR_ERR_XML_DETAIL, "device XML, line 2" },
        { "devices/invalid/disk-bad-type.xml", VIR_ERR_XML_ERROR, "floppy-ish" },
        { "devices/second-emulator.xml", VIR_ERR_XML_ERROR, "only one <emulator> is allowed" },
    };
    testDev t;
    g_autofree char *before = NULL, *beforeLive = NULL;
    size_t i;

    testDevOpen(&t);
    ck_assert_int_eq(DEVICE(virDomainAttachDeviceFlags, &t, "emulator.xml",
                            VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainCreate(t.dom), 0);
    before = testDevXML(&t, VIR_DOMAIN_XML_INACTIVE);
    beforeLive = testDevXML(&t, 0);
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *xml = testLoadFile(cases[i].file);
        g_autofree char *after = NULL, *afterLive = NULL;

        ck_assert_msg(virDomainAttachDeviceFlags(t.dom, xml, VIR_DOMAIN_AFFECT_LIVE |
                                                 VIR_DOMAIN_AFFECT_CONFIG) == -1,
                      "%s was attached", cases[i].file);
        ck_assert_error(cases[i].code, cases[i].message);
        after = testDevXML(&t, VIR_DOMAIN_XML_INACTIVE);
        afterLive = testDevXML(&t, 0);
        ck_assert_str_eq(after, before);
        ck_assert_str_eq(afterLive, beforeLive);
    }
    ck_assert_int_eq(virDomainAttachDeviceFlags(t.dom, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "xml in virDomainAttachDeviceFlags must not be NULL");
    ck_assert_int_eq(virDomainDetachDeviceAlias(t.dom, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "alias in virDomainDetachDeviceAlias must not be NULL");
    ck_assert_int_eq(DEVICE(virDomainAttachDeviceFlags, &t, "disk-vdb.xml", 1U << 2), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x4)");
    testDevClose(&t);
}
END_TEST

/* A disk by its target, an interface by its MAC, anything else by what
 * the given element says, a device by its alias. */
START_TEST(test_detach)
{
    testDev t;
    g_autofree char *xml = NULL;

    testDevOpen(&t);
    ck_assert_int_eq(DEVICE(virDomainDetachDeviceFlags, &t, "disk-missing.xml", 0), -1);
    ck_assert_error(VIR_ERR_DEVICE_MISSING, "no target device vdz");
    /* two interfaces are of type network: which one is not said */
    ck_assert_int_eq(DEVICE(virDomainDetachDeviceFlags, &t, "interface-any.xml", 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_FAILED, "multiple matching devices found");
    ck_assert_int_eq(DEVICE(virDomainDetachDeviceFlags, &t, "interface-by-mac.xml", 0), 0);
    ck_assert_int_eq(DEVICE(virDomainDetachDeviceFlags, &t, "interface-by-mac.xml", 0), -1);
    ck_assert_error(VIR_ERR_DEVICE_MISSING, "no interface with MAC address 52:54:00:12:34:57");
    ck_assert_int_eq(DEVICE(virDomainDetachDeviceFlags, &t, "input-tablet.xml", 0), 0);
    ck_assert_int_eq(DEVICE(virDomainDetachDeviceFlags, &t, "disk-vda.xml", 0), 0);
    ck_assert_int_eq(virDomainDetachDeviceAlias(t.dom, "ua-nothing", 0), -1);
    ck_assert_error(VIR_ERR_DEVICE_MISSING, "no device found with alias ua-nothing");
    ck_assert_int_eq(virDomainDetachDeviceAlias(t.dom, "ua-net0", VIR_DOMAIN_AFFECT_CONFIG), 0);
    xml = testDevXML(&t, VIR_DOMAIN_XML_INACTIVE);
    ck_assert(testCompareToFile(xml, "devices/detached.xml"));
    testDevClose(&t);
}
END_TEST

/* A CD-ROM's media is changed by updating the disk of its target. */
START_TEST(test_update)
{
    testDev t;
    g_autofree char *xml = NULL;

    testDevOpen(&t);
    ck_assert_int_eq(DEVICE(virDomainUpdateDeviceFlags, &t, "cdrom-media.xml",
                            VIR_DOMAIN_DEVICE_MODIFY_FORCE), 0);
    xml = testDevXML(&t, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(xml, "<source file='/srv/iso/install.iso'/>\n"
                                      "      <target dev='hdc' bus='ide'/>"));
    ck_assert_int_eq(DEVICE(virDomainUpdateDeviceFlags, &t, "disk-missing.xml", 0), -1);
    ck_assert_error(VIR_ERR_DEVICE_MISSING, "no target device vdz");
    testDevClose(&t);
}
END_TEST

/* Changes are refused on a read-only connection. */
START_TEST(test_readonly)
{
    testDev t;
    virConnectPtr ro;
    virDomainPtr dom;
    g_autofree char *disk = testLoadFile("devices/disk-vdb.xml");

    testDevOpen(&t);
    ck_assert_ptr_nonnull((ro = virConnectOpenReadOnly(t.uri)));
    ck_assert_ptr_nonnull((dom = virDomainLookupByName(ro, "dev")));
    ck_assert_int_eq(virDomainAttachDeviceFlags(dom, disk, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "read-only access prevents virDomainAttachDeviceFlags");
    ck_assert_int_eq(virDomainUpdateDeviceFlags(dom, disk, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "virDomainUpdateDeviceFlags");
    virDomainFree(dom);
    virConnectClose(ro);
    testDevClose(&t);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("devices");
    TCase *tc = tcase_create("devices");

    testQuietErrors();
    tcase_add_test(tc, test_attach_config);
    tcase_add_test(tc, test_attach_live);
    tcase_add_test(tc, test_attach_refused);
    tcase_add_test(tc, test_detach);
    tcase_add_test(tc, test_update);
    tcase_add_test(tc, test_readonly);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
