/*
 * renametest.c: renaming a domain (virDomainRename) through the public
 * API, on a root of files (test:///embed?root=DIR): the lookups, the
 * files and the events after a rename, a new connection to the root,
 * the refusals (each leaves the files as they were), and a rename a
 * crash interrupted between its writes.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "testutils.h"

#define DOM_XML(name) \
    "<domain type='test'><name>" name "</name>" \
    "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid><memory>65536</memory>" \
    "<os><type>hvm</type></os></domain>"
#define OTHER_XML(name) \
    "<domain type='test'><name>" name "</name><memory>65536</memory>" \
    "<os><type>hvm</type></os></domain>"
#define UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

typedef struct {
    char *root;
    char *uri;
    char *confdir;
} renameRoot;

static void
renameRootInit(renameRoot *r)
{
    r->root = testMakeTempDir("rename");
    r->uri = g_strdup_printf("test:///embed?root=%s", r->root);
    r->confdir = g_build_filename(r->root, "etc", "virtkit", "test", NULL);
}

static void
renameRootClear(renameRoot *r)
{
    testRemoveTree(r->root);
    g_free(r->root);
    g_free(r->uri);
    g_free(r->confdir);
}

static bool
renameExists(renameRoot *r, const char *file)
{
    g_autofree char *path = g_build_filename(r->confdir, file, NULL);
    struct stat sb;

    return lstat(path, &sb) == 0;
}

static char *
renameRead(renameRoot *r, const char *file)
{
    g_autofree char *path = g_build_filename(r->confdir, file, NULL);
    char *content = NULL;

    ck_assert_msg(g_file_get_contents(path, &content, NULL, NULL), "%s", path);
    return content;
}

static void
renameHeard(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event, int detail,
            void *opaque)
{
    g_string_append_printf(opaque, "%s %d %d\n", virDomainGetName(dom), event, detail);
}

static void
renameDrain(void)
{
    int i;

    for (i = 0; i < 3; i++)
        while (g_main_context_iteration(NULL, FALSE))
            ;
}

static void
renameAssertNoDomain(virConnectPtr conn, const char *name)
{
    ck_assert_ptr_null(virDomainLookupByName(conn, name));
    ck_assert_error(VIR_ERR_NO_DOMAIN, NULL);
}

START_TEST(test_rename)
{
    renameRoot r;
    virConnectPtr conn;
    virDomainPtr dom, again;
    g_autoptr(GString) heard = g_string_new(NULL);
    g_autofree char *want = NULL;
    g_autofree char *content = NULL;
    int autostart = 0;
    int id;

    renameRootInit(&r);
    ck_assert_int_eq(virEventRegisterDefaultImpl(), 0);
    ck_assert_ptr_nonnull(conn = virConnectOpen(r.uri));
    ck_assert_ptr_nonnull(dom = virDomainDefineXML(conn, DOM_XML("old")));
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(renameHeard), heard, NULL);
    ck_assert_int_gt(id, 0);

    ck_assert_int_eq(virDomainRename(dom, "a-much-longer-name-than-a-handle-keeps-inline-0123", 0), 0);
    ck_assert_str_eq(virDomainGetName(dom), "a-much-longer-name-than-a-handle-keeps-inline-0123");
    ck_assert_int_eq(virDomainRename(dom, "new", 0), 0);
    ck_assert_str_eq(virDomainGetName(dom), "new");
    renameDrain();
    want = g_strdup_printf("old %d %d\n"
                           "a-much-longer-name-than-a-handle-keeps-inline-0123 %d %d\n"
                           "a-much-longer-name-than-a-handle-keeps-inline-0123 %d %d\n"
                           "new %d %d\n",
                           VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_RENAMED,
                           VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_RENAMED,
                           VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_RENAMED,
                           VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    ck_assert_str_eq(heard->str, want);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);

    renameAssertNoDomain(conn, "old");
    ck_assert_ptr_nonnull(again = virDomainLookupByUUIDString(conn, UUID));
    ck_assert_str_eq(virDomainGetName(again), "new");
    ck_assert_int_eq(virDomainIsPersistent(again), 1);
    ck_assert_int_eq(virDomainGetAutostart(again, &autostart), 0);
    ck_assert_int_eq(autostart, 1);
    virDomainFree(again);
    ck_assert(renameExists(&r, "new.xml") && renameExists(&r, "autostart/new.xml"));
    ck_assert(!renameExists(&r, "old.xml") && !renameExists(&r, "autostart/old.xml"));
    content = renameRead(&r, "new.xml");
    ck_assert_ptr_nonnull(strstr(content, "<name>new</name>"));
    ck_assert_ptr_nonnull(strstr(content, UUID));
    /* it starts under its new name */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);

    /* a new connection loads the root again */
    ck_assert_ptr_nonnull(conn = virConnectOpen(r.uri));
    renameAssertNoDomain(conn, "old");
    ck_assert_ptr_nonnull(dom = virDomainLookupByName(conn, "new"));
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 1);
    /* one domain, autostarted under its new name by this first writer */
    ck_assert_int_eq(virConnectListAllDomains(conn, NULL, 0), 1);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
    renameRootClear(&r);
}
END_TEST

/* Every refusal leaves both files as they were. */
START_TEST(test_refusals)
{
    renameRoot r;
    virConnectPtr conn, ro;
    virDomainPtr a, b, run, tr, roa;
    g_autofree char *aBefore = NULL, *bBefore = NULL;

    renameRootInit(&r);
    testQuietErrors();
    ck_assert_ptr_nonnull(conn = virConnectOpen(r.uri));
    ck_assert_ptr_nonnull(a = virDomainDefineXML(conn, DOM_XML("a")));
    ck_assert_ptr_nonnull(b = virDomainDefineXML(conn, OTHER_XML("b")));
    ck_assert_ptr_nonnull(run = virDomainDefineXML(conn, OTHER_XML("run")));
    ck_assert_int_eq(virDomainCreate(run), 0);
    ck_assert_ptr_nonnull(tr = virDomainCreateXML(conn, OTHER_XML("tr"), 0));
    aBefore = renameRead(&r, "a.xml");
    bBefore = renameRead(&r, "b.xml");

    ck_assert_int_eq(virDomainRename(a, "x", 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1)");
    ck_assert_int_eq(virDomainRename(a, "b", 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain with name 'b' already exists");
    ck_assert_int_eq(virDomainRename(a, "a", 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "Can't rename domain to itself");
    ck_assert_int_eq(virDomainRename(a, "x/y", 0), -1);
    ck_assert_error(VIR_ERR_XML_ERROR, "name x/y cannot contain '/'");
    ck_assert_int_eq(virDomainRename(a, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "new_name in virDomainRename must not be NULL");
    ck_assert_int_eq(virDomainRename(a, "", 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "new_name in virDomainRename must not be empty string");
    ck_assert_int_eq(virDomainRename(run, "x", 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "cannot rename active domain");
    /* a transient domain runs: libvirt's first check answers */
    ck_assert_int_eq(virDomainRename(tr, "x", 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "cannot rename active domain");
    ck_assert_int_eq(virDomainRename(NULL, "x", 0), -1);
    ck_assert_error(VIR_ERR_INVALID_DOMAIN, NULL);
    ck_assert_ptr_nonnull(ro = virConnectOpenReadOnly(r.uri));
    ck_assert_ptr_nonnull(roa = virDomainLookupByName(ro, "a"));
    ck_assert_int_eq(virDomainRename(roa, "x", 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, NULL);
    ck_assert_str_eq(virDomainGetName(roa), "a");
    virDomainFree(roa);
    virConnectClose(ro);

    ck_assert_str_eq(virDomainGetName(a), "a");
    ck_assert(!renameExists(&r, "x.xml") && !renameExists(&r, "run.xml.broken"));
    {
        g_autofree char *aAfter = renameRead(&r, "a.xml");
        g_autofree char *bAfter = renameRead(&r, "b.xml");

        ck_assert_str_eq(aAfter, aBefore);
        ck_assert_str_eq(bAfter, bBefore);
    }
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 2);
    virDomainFree(a);
    virDomainFree(b);
    virDomainFree(run);
    virDomainFree(tr);
    virConnectClose(conn);
    renameRootClear(&r);
}
END_TEST

/* A crash between the writes of a rename leaves both configurations, one
 * uuid: the domain is loaded once, under the newer file's name, whichever
 * of the two files the directory lists first (both orders of names). */
static const char *const interrupted[][2] = { { "before", "after" }, { "after", "before" } };

START_TEST(test_interrupted)
{
    const char *oldName = interrupted[_i][0];
    const char *newName = interrupted[_i][1];
    g_autofree char *oldTag = g_strdup_printf("<name>%s</name>", oldName);
    g_autofree char *newTag = g_strdup_printf("<name>%s</name>", newName);
    g_autofree char *oldFile = g_strdup_printf("%s.xml", oldName);
    g_autofree char *newFile = g_strdup_printf("%s.xml", newName);
    g_autofree char *xml = NULL;
    renameRoot r;
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *content = NULL;
    g_autofree char *newPath = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *renamed = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    renameRootInit(&r);
    ck_assert_ptr_nonnull(conn = virConnectOpen(r.uri));
    xml = g_strdup_printf(DOM_XML("%s"), oldName);
    ck_assert_ptr_nonnull(dom = virDomainDefineXML(conn, xml));
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
    content = renameRead(&r, oldFile);
    parts = g_strsplit(content, oldTag, 2);
    renamed = g_strjoinv(newTag, parts);
    newPath = g_build_filename(r.confdir, newFile, NULL);
    ck_assert(g_file_set_contents(newPath, renamed, -1, NULL));
    {
        /* written after the old one, as a rename writes it */
        g_autofree char *oldPath = g_build_filename(r.confdir, oldFile, NULL);
        struct stat sb;
        struct timeval tv[2] = { { 0 } };

        ck_assert_int_eq(stat(oldPath, &sb), 0);
        tv[0].tv_sec = tv[1].tv_sec = sb.st_mtime + 10;
        ck_assert_int_eq(utimes(newPath, tv), 0);
    }

    ck_assert_ptr_nonnull(conn = virConnectOpen(r.uri));
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 1);
    ck_assert_ptr_nonnull(dom = virDomainLookupByName(conn, newName));
    ck_assert_int_eq(virDomainGetUUIDString(dom, uuid), 0);
    ck_assert_str_eq(uuid, UUID);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    virDomainFree(dom);
    renameAssertNoDomain(conn, oldName);
    virConnectClose(conn);
    renameRootClear(&r);
}
END_TEST

static Suite *
renameSuite(void)
{
    Suite *s = suite_create("rename");
    TCase *tc = tcase_create("rename");

    tcase_add_test(tc, test_rename);
    tcase_add_test(tc, test_refusals);
    tcase_add_loop_test(tc, test_interrupted, 0, G_N_ELEMENTS(interrupted));
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(renameSuite());
}
