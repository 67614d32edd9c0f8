/*
 * persisttest.c: configurations on disk, through test:///embed?root=DIR:
 * atomic writes, modes, autostart, loading with broken files around
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "testutils.h"

#define DOM_XML(name) \
    "<domain type='test'><name>" name "</name><memory>65536</memory>" \
    "<os><type>hvm</type></os></domain>"

typedef struct {
    char *root;
    char *uri;
    char *confdir;
} testRoot;

static void
testRootInit(testRoot *r)
{
    r->root = testMakeTempDir("persist");
    r->uri = g_strdup_printf("test:///embed?root=%s", r->root);
    r->confdir = g_build_filename(r->root, "etc", "virtkit", "test", NULL);
}

static void
testRootClear(testRoot *r)
{
    testRemoveTree(r->root);
    g_free(r->root);
    g_free(r->uri);
    g_free(r->confdir);
}

static char *
testConfPath(testRoot *r, const char *file)
{
    return g_build_filename(r->confdir, file, NULL);
}

START_TEST(test_define_writes_file)
{
    testRoot r;
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *file = NULL, *content = NULL;
    struct stat sb;

    testRootInit(&r);
    conn = virConnectOpen(r.uri);
    ck_assert_ptr_nonnull(conn);
    ck_assert_int_eq(stat(r.confdir, &sb), 0);
    ck_assert_uint_eq(sb.st_mode & 0777, 0700);
    dom = virDomainDefineXML(conn, DOM_XML("web1"));
    file = testConfPath(&r, "web1.xml");
    ck_assert_int_eq(stat(file, &sb), 0);
    ck_assert_uint_eq(sb.st_mode & 0777, 0600);
    ck_assert(g_file_get_contents(file, &content, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(content, "<name>web1</name>"));
    ck_assert_ptr_null(strstr(content, " id="));
    /* a second connection to the same root sees the same state */
    {
        virConnectPtr other = virConnectOpen(r.uri);

        ck_assert_int_eq(virConnectNumOfDefinedDomains(other), 1);
        virConnectClose(other);
    }
    virDomainFree(dom);
    virConnectClose(conn);

    /* a new state loads it back */
    conn = virConnectOpen(r.uri);
    dom = virDomainLookupByName(conn, "web1");
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainIsPersistent(dom), 1);
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    ck_assert_int_eq(access(file, F_OK), -1);
    virDomainFree(dom);
    virConnectClose(conn);
    testRootClear(&r);
}
END_TEST

START_TEST(test_config_changes_saved)
{
    testRoot r;
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *file = NULL, *content = NULL;
    unsigned char map[1] = { 0x04 };

    testRootInit(&r);
    conn = virConnectOpen(r.uri);
    dom = virDomainDefineXML(conn, DOM_XML("cfg"));
    file = testConfPath(&r, "cfg.xml");
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 4096, VIR_DOMAIN_MEM_MAXIMUM), 0);
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 0, map, 1, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert(g_file_get_contents(file, &content, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(content, "<memory unit='KiB'>4096</memory>"));
    ck_assert_ptr_nonnull(strstr(content, "<vcpupin vcpu='0' cpuset='2'/>"));
    g_clear_pointer(&content, g_free);
    /* live-only changes stay out of the file */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSetMemory(dom, 2048), 0);
    ck_assert(g_file_get_contents(file, &content, NULL, NULL));
    ck_assert_ptr_nonnull(strstr(content, "<currentMemory unit='KiB'>4096</currentMemory>"));
    virDomainFree(dom);
    virConnectClose(conn);
    testRootClear(&r);
}
END_TEST

START_TEST(test_autostart_links)
{
    testRoot r;
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *link = NULL;
    int autostart = 0;
    struct stat sb;

    testRootInit(&r);
    conn = virConnectOpen(r.uri);
    dom = virDomainDefineXML(conn, DOM_XML("boot"));
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    link = testConfPath(&r, "autostart/boot.xml");
    ck_assert_int_eq(lstat(link, &sb), 0);
    ck_assert(S_ISLNK(sb.st_mode));
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);    /* again: no error */
    virDomainFree(dom);
    virConnectClose(conn);

    /* opening the root again starts what is marked autostart */
    conn = virConnectOpen(r.uri);
    dom = virDomainLookupByName(conn, "boot");
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 1);
    ck_assert_int_eq(virDomainSetAutostart(dom, 0), 0);
    ck_assert_int_eq(lstat(link, &sb), -1);
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    ck_assert_int_eq(lstat(link, &sb), -1);
    virDomainFree(dom);
    virConnectClose(conn);
    testRootClear(&r);
}
END_TEST

/* A read-only connection changes nothing: not even autostart runs, until
 * a connection that may change things opens the root. */
START_TEST(test_autostart_not_readonly)
{
    testRoot r;
    virConnectPtr conn, ro;
    virDomainPtr dom;

    testRootInit(&r);
    conn = virConnectOpen(r.uri);
    dom = virDomainDefineXML(conn, DOM_XML("boot"));
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    virDomainFree(dom);
    virConnectClose(conn);

    ro = virConnectOpenReadOnly(r.uri);
    ck_assert_ptr_nonnull(ro);
    dom = virDomainLookupByName(ro, "boot");
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    virDomainFree(dom);

    /* the same root, now read-write: the autostart domain starts, once */
    conn = virConnectOpen(r.uri);
    dom = virDomainLookupByName(conn, "boot");
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virConnectClose(virConnectOpen(r.uri));
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
    virConnectClose(ro);
    testRootClear(&r);
}
END_TEST

START_TEST(test_broken_files_skipped)
{
    testRoot r;
    virConnectPtr conn;
    g_autofree char *good = NULL, *garbage = NULL, *misnamed = NULL, *stale = NULL;
    g_autofree char *xml = testLoadFile("xml2xml/out/full.xml");
    virDomainPtr dom;

    testRootInit(&r);
    g_mkdir_with_parents(r.confdir, 0700);
    good = testConfPath(&r, "full.xml");
    garbage = testConfPath(&r, "garbage.xml");
    misnamed = testConfPath(&r, "misnamed.xml");
    stale = testConfPath(&r, ".full.xml.tmp-Ab12Cd");
    ck_assert(g_file_set_contents(good, xml, -1, NULL));
    ck_assert(g_file_set_contents(garbage, "<domain type='test'><name>", -1, NULL));
    ck_assert(g_file_set_contents(misnamed, DOM_XML("other"), -1, NULL));
    ck_assert(g_file_set_contents(stale, "<dom", -1, NULL));

    conn = virConnectOpen(r.uri);
    ck_assert_ptr_nonnull(conn);
    /* the broken ones are listed (shut off) with their problem */
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 3);
    ck_assert_ptr_nonnull((dom = virDomainLookupByName(conn, "full")));
    virDomainFree(dom);
    ck_assert_ptr_nonnull((dom = virDomainLookupByName(conn, "misnamed")));
    ck_assert_ptr_null(virDomainGetXMLDesc(dom, 0));
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "defines domain 'other'");
    virDomainFree(dom);
    /* the interrupted write is cleaned up; the broken files are left alone */
    ck_assert_int_eq(access(stale, F_OK), -1);
    ck_assert_int_eq(access(garbage, F_OK), 0);
    virConnectClose(conn);
    testRootClear(&r);
}
END_TEST

/* A new definition of a name whose configuration does not load keeps the
 * broken file aside, and undefining such a domain does too. */
START_TEST(test_broken_files_kept)
{
    testRoot r;
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *garbage = NULL, *aside = NULL, *content = NULL;

    testRootInit(&r);
    g_mkdir_with_parents(r.confdir, 0700);
    garbage = testConfPath(&r, "box.xml");
    aside = testConfPath(&r, "box.xml.broken");
    ck_assert(g_file_set_contents(garbage, "<domain type='test'><name>box", -1, NULL));

    conn = virConnectOpen(r.uri);
    dom = virDomainDefineXML(conn, DOM_XML("box"));
    ck_assert_ptr_nonnull(dom);
    ck_assert(g_file_get_contents(aside, &content, NULL, NULL));
    ck_assert_str_eq(content, "<domain type='test'><name>box");
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    g_clear_pointer(&content, g_free);

    ck_assert(g_file_set_contents(garbage, "no xml", -1, NULL));
    virConnectClose(conn);
    conn = virConnectOpen(r.uri);
    dom = virDomainLookupByName(conn, "box");
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    ck_assert_int_eq(access(garbage, F_OK), -1);
    ck_assert(g_file_get_contents(aside, &content, NULL, NULL));
    ck_assert_str_eq(content, "no xml");
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    virDomainFree(dom);
    virConnectClose(conn);
    testRootClear(&r);
}
END_TEST

START_TEST(test_failed_write_changes_nothing)
{
    testRoot r;
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *blocker = NULL;
    g_autofree char *file = NULL, *content = NULL;

    testRootInit(&r);
    conn = virConnectOpen(r.uri);
    /* a directory where the file should go: the rename fails */
    blocker = testConfPath(&r, "blocked.xml");
    ck_assert_int_eq(g_mkdir(blocker, 0700), 0);
    ck_assert_ptr_null(virDomainDefineXML(conn, DOM_XML("blocked")));
    ck_assert_error(VIR_ERR_SYSTEM_ERROR, "cannot rename");
    ck_assert_ptr_null(virDomainLookupByName(conn, "blocked"));
    g_rmdir(blocker);

    /* and a redefinition that cannot be written keeps the old one */
    dom = virDomainDefineXML(conn, DOM_XML("kept"));
    file = testConfPath(&r, "kept.xml");
    ck_assert_int_eq(g_unlink(file), 0);
    ck_assert_int_eq(g_mkdir(file, 0700), 0);
    {
        char uuid[VIR_UUID_STRING_BUFLEN];
        g_autofree char *xml = NULL;

        virDomainGetUUIDString(dom, uuid);
        xml = g_strdup_printf("<domain type='test'><name>kept</name><uuid>%s</uuid>"
                              "<memory>999</memory><os><type>hvm</type></os></domain>", uuid);
        ck_assert_ptr_null(virDomainDefineXML(conn, xml));
    }
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 65536);
    ck_assert_int_eq(virDomainSetMaxMemory(dom, 1000), -1);
    ck_assert_error(VIR_ERR_SYSTEM_ERROR, "cannot rename");
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 65536);  /* the file could not change: nothing did */
    g_rmdir(file);
    virDomainFree(dom);
    virConnectClose(conn);
    testRootClear(&r);
}
END_TEST

START_TEST(test_names_stay_inside)
{
    testRoot r;
    virConnectPtr conn;
    static const char *const names[] = { "../../escape", "a/b", "..", ".", ".hidden" };
    size_t i;

    testRootInit(&r);
    conn = virConnectOpen(r.uri);
    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *xml = g_strdup_printf("<domain type='test'><name>%s</name>"
                                               "<memory>1</memory><os><type>hvm</type></os></domain>",
                                               names[i]);

        ck_assert_ptr_null(virDomainDefineXML(conn, xml));
        ck_assert_error(VIR_ERR_XML_ERROR, "domain name");
    }
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    virConnectClose(conn);
    testRootClear(&r);
}
END_TEST

static Suite *
persistSuite(void)
{
    Suite *s = suite_create("persist");
    TCase *tc = tcase_create("persist");

    tcase_add_test(tc, test_define_writes_file);
    tcase_add_test(tc, test_config_changes_saved);
    tcase_add_test(tc, test_autostart_links);
    tcase_add_test(tc, test_autostart_not_readonly);
    tcase_add_test(tc, test_broken_files_skipped);
    tcase_add_test(tc, test_broken_files_kept);
    tcase_add_test(tc, test_failed_write_changes_nothing);
    tcase_add_test(tc, test_names_stay_inside);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(persistSuite());
}
