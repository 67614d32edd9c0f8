/*
 * connecttest.c: the library and connections, through the public API
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "testutils.h"

START_TEST(test_initialize_and_version)
{
    unsigned long lib = 0, type = 0;

    ck_assert_int_eq(virInitialize(), 0);
    ck_assert_int_eq(virInitialize(), 0);
    ck_assert_int_eq(virGetVersion(&lib, NULL, NULL), 0);
    ck_assert_uint_eq(lib, VIRTKIT_VERSION_NUMBER);
    ck_assert_int_eq(virGetVersion(&lib, "test", &type), 0);
    ck_assert_uint_eq(type, VIRTKIT_VERSION_NUMBER);
    ck_assert_int_eq(virGetVersion(NULL, "Test", &type), 0);
    ck_assert_int_eq(virGetVersion(&lib, "nosuch", &type), -1);
    ck_assert_error(VIR_ERR_NO_CONNECT, "no driver for URI scheme 'nosuch'");
    /* a known scheme that this build does not have, or has */
    ck_assert(LIBVIR_CHECK_VERSION(9, 0, 0));
    ck_assert(!LIBVIR_CHECK_VERSION(9, 0, 1));
}
END_TEST

START_TEST(test_open_default_shared)
{
    virConnectPtr a = virConnectOpen("test:///default");
    virConnectPtr b = virConnectOpen("test:///default");
    virDomainPtr dom;

    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    /* one state for both: a domain defined through one is seen by the other */
    ck_assert_ptr_nonnull((dom = virDomainCreateXML(a,
        "<domain type='test'><name>shared</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>", 0)));
    virDomainFree(dom);
    ck_assert_ptr_nonnull((dom = virDomainLookupByName(b, "shared")));
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(a), 0);
    ck_assert_int_eq(virConnectClose(b), 0);
    /* the last close dropped the state: a new connection starts fresh */
    a = virConnectOpen("test:///default");
    ck_assert_ptr_null(virDomainLookupByName(a, "shared"));
    ck_assert_error(VIR_ERR_NO_DOMAIN, "no domain with matching name 'shared'");
    ck_assert_int_eq(virConnectClose(a), 0);
}
END_TEST

START_TEST(test_open_node_private)
{
    virConnectPtr a = testOpenNode("nodes/states.xml");
    virConnectPtr b = testOpenNode("nodes/states.xml");
    virDomainPtr dom = virDomainLookupByName(a, "fv0");

    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    /* each node-file connection has its own model */
    dom = virDomainLookupByName(b, "fv0");
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    virDomainFree(dom);
    virConnectClose(a);
    virConnectClose(b);
}
END_TEST

START_TEST(test_open_errors)
{
    static const struct {
        const char *uri;
        int code;
        const char *message;
    } cases[] = {
        { "foo:///x", VIR_ERR_NO_CONNECT, "no driver for URI scheme 'foo'" },
        /* the remote driver: a socket nobody serves, TLS files that are
         * not there (read before connecting, as libvirt's client does) */
        { "test+unix:///default?socket=/nonexistent/virtkit-sock", VIR_ERR_SYSTEM_ERROR,
          "Failed to connect socket to '/nonexistent/virtkit-sock': No such file or directory" },
        { "test://host/default?pkipath=/nonexistent", VIR_ERR_SYSTEM_ERROR,
          "Cannot read CA certificate '/nonexistent/cacert.pem': No such file or directory" },
        { "test:///nosuch", VIR_ERR_SYSTEM_ERROR, "cannot open '/nosuch'" },
        { "test:///embed", VIR_ERR_INVALID_ARG, "absolute root" },
        { "test:///embed?root=relative", VIR_ERR_INVALID_ARG, "absolute root" },
        { "test:///embed?root=/tmp&rot=1", VIR_ERR_INVALID_ARG, "unknown URI parameter 'rot'" },
        { "test:", VIR_ERR_INVALID_ARG, "unknown test driver URI path ''" },
        { "not a uri", VIR_ERR_INVALID_ARG, "cannot parse URI 'not a uri'" },
        { "+:///x", VIR_ERR_INVALID_ARG, "cannot parse URI" },
        { "test+:///default", VIR_ERR_INVALID_ARG, "invalid scheme" },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        ck_assert_msg(virConnectOpen(cases[i].uri) == NULL, "%s opened", cases[i].uri);
        ck_assert_error(cases[i].code, cases[i].message);
    }
}
END_TEST

START_TEST(test_open_compiled_out)
{
    /* every known scheme either opens, says it was left out of the build,
     * or (built in) says why this host cannot run it: "this kernel has no
     * Linux-VServer support" */
    static const char *const schemes[] = { "vserver", "xen", "lve" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(schemes); i++) {
        g_autofree char *uri = g_strdup_printf("%s:///system", schemes[i]);
        g_autofree char *expected = g_strdup_printf("virtkit was built without the '%s' driver",
                                                    schemes[i]);
        virConnectPtr conn = virConnectOpen(uri);
        virErrorPtr err;

        if (conn) {
            virConnectClose(conn);
            continue;
        }
        err = virGetLastError();
        ck_assert_ptr_nonnull(err);
        /* one message, the whole of it: no "not supported by the
         * connection driver" in front */
        if (strstr(err->message, "built without")) {
            ck_assert_int_eq(err->code, VIR_ERR_NO_CONNECT);
            ck_assert_str_eq(err->message, expected);
        }
    }
}
END_TEST

/* A driver left out of this build: its scheme still has the one answer. */
START_TEST(test_open_compiled_out_this_build)
{
#if !defined(WITH_XEN)
    const char *missing = "xen";
#elif !defined(WITH_VSERVER)
    const char *missing = "vserver";
#elif !defined(WITH_LVE)
    const char *missing = "lve";
#else
    const char *missing = NULL;     /* every driver is built in */
#endif
    g_autofree char *uri = NULL;
    g_autofree char *expected = NULL;

    if (!missing)
        return;
    uri = g_strdup_printf("%s:///system", missing);
    expected = g_strdup_printf("virtkit was built without the '%s' driver", missing);
    ck_assert_ptr_null(virConnectOpen(uri));
    ck_assert_int_eq(virGetLastError()->code, VIR_ERR_NO_CONNECT);
    ck_assert_str_eq(virGetLastError()->message, expected);
}
END_TEST

#ifdef WITH_XEN
/* Opens xen:///system with VIRTKIT_DRIVER_DIR=@dir: it fails, and the
 * error says @expected. */
static void
openXenFrom(const char *dir, const char *expected)
{
    g_setenv("VIRTKIT_DRIVER_DIR", dir, TRUE);
    ck_assert_ptr_null(virConnectOpen("xen:///system"));
    ck_assert_int_eq(virGetLastErrorCode(), VIR_ERR_NO_CONNECT);
    ck_assert_msg(strstr(virGetLastErrorMessage(), expected), "'%s' lacks '%s'",
                  virGetLastErrorMessage(), expected);
}

/* The Xen driver is a module: not installed, it says so and how to get
 * it; a file that is no module is named with the loader's reason; the
 * module of this build (make check's VIRTKIT_DRIVER_DIR) loads, and it is
 * the driver that answers (this host is no dom0).  In this order, in one
 * process: a module that failed to load is looked for again. */
START_TEST(test_open_xen_module)
{
    g_autofree char *built = g_strdup(g_getenv("VIRTKIT_DRIVER_DIR"));
    g_autofree char *dir = g_dir_make_tmp("vkmod-XXXXXX", NULL);
    g_autofree char *bogus = g_build_filename(dir, "virtkit_driver_xen.so", NULL);
    g_autofree char *missing = g_strdup_printf("the 'xen' driver is not installed: no module "
                                               "%s (Debian: apt-get install "
                                               "virtkit-driver-xen)", bogus);

    ck_assert_ptr_nonnull(built);
    openXenFrom(dir, missing);
    ck_assert(g_file_set_contents(bogus, "not an ELF file\n", -1, NULL));
    openXenFrom(dir, "cannot load the 'xen' driver: ");
    g_unlink(bogus);
    g_rmdir(dir);
    openXenFrom(built, "not a Xen dom0");
    g_setenv("VIRTKIT_DRIVER_DIR", built, TRUE);
}
END_TEST
#endif

/* :///system is for root: another user's open is declined with the reason,
 * which is the error when no other driver takes the URI. */
START_TEST(test_open_system_declined)
{
    pid_t pid;
    int status;

    if (geteuid() != 0)
        return;     /* the test needs to become another user */
    if ((pid = fork()) == 0) {
        virConnectPtr conn;
        virErrorPtr err;

        if (setgid(65534) < 0 || setuid(65534) < 0)
            _exit(3);
        conn = virConnectOpen("lve:///system");
        err = virGetLastError();
        if (conn || !err)
            _exit(1);
        /* built without LVE: that is the answer instead */
        if (err->code == VIR_ERR_NO_CONNECT && strstr(err->message, "built without"))
            _exit(0);
        _exit(err->code == VIR_ERR_NO_CONNECT &&
              strstr(err->message, "lve:///system is for root; other users can use "
                                   "lve:///embed?root=DIR") ? 0 : 2);
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

START_TEST(test_open_default_uri_env)
{
    virConnectPtr conn;
    char *uri;

    g_setenv("VIRTKIT_DEFAULT_URI", "test:///default", TRUE);
    ck_assert_ptr_nonnull((conn = virConnectOpen(NULL)));
    ck_assert_str_eq((uri = virConnectGetURI(conn)), "test:///default");
    free(uri);
    virConnectClose(conn);
    ck_assert_ptr_nonnull((conn = virConnectOpen("")));
    virConnectClose(conn);
    g_unsetenv("VIRTKIT_DEFAULT_URI");
}
END_TEST

/* libvirt's default connection variable, below virtkit's own; libvirt's
 * test driver ignores URI parameters, so they tell the URIs apart. */
START_TEST(test_open_libvirt_default_uri_env)
{
    virConnectPtr conn;
    char *uri;

    g_setenv("LIBVIRT_DEFAULT_URI", "test:///default?libvirt", TRUE);
    ck_assert_ptr_nonnull((conn = virConnectOpen(NULL)));
    ck_assert_str_eq((uri = virConnectGetURI(conn)), "test:///default?libvirt");
    free(uri);
    virConnectClose(conn);
    g_setenv("VIRTKIT_DEFAULT_URI", "test:///default?virtkit", TRUE);
    ck_assert_ptr_nonnull((conn = virConnectOpen("")));
    ck_assert_str_eq((uri = virConnectGetURI(conn)), "test:///default?virtkit");
    free(uri);
    virConnectClose(conn);
    ck_assert_ptr_nonnull((conn = virConnectOpen("test:///default")));
    ck_assert_str_eq((uri = virConnectGetURI(conn)), "test:///default");
    free(uri);
    virConnectClose(conn);
    /* empty is unset, as libvirt reads its variable */
    g_setenv("VIRTKIT_DEFAULT_URI", "", TRUE);
    ck_assert_ptr_nonnull((conn = virConnectOpen(NULL)));
    ck_assert_str_eq((uri = virConnectGetURI(conn)), "test:///default?libvirt");
    free(uri);
    virConnectClose(conn);
    g_unsetenv("VIRTKIT_DEFAULT_URI");
    g_unsetenv("LIBVIRT_DEFAULT_URI");
}
END_TEST

START_TEST(test_open_probe_nothing)
{
    virConnectPtr conn;

    /* this machine runs no hypervisor: the probe finds nothing, clearly */
    g_unsetenv("VIRTKIT_DEFAULT_URI");
    conn = virConnectOpen(NULL);
    if (conn) {
        virConnectClose(conn);
        return;     /* a host with LVE, VServer or Xen */
    }
    ck_assert_error(VIR_ERR_NO_CONNECT, "no hypervisor was found on this host");
    ck_assert_error(VIR_ERR_NO_CONNECT, "VIRTKIT_DEFAULT_URI");
}
END_TEST

START_TEST(test_open_auth)
{
    virConnectPtr conn;

    ck_assert_ptr_nonnull(virConnectAuthPtrDefault);
    ck_assert_ptr_nonnull(virConnectAuthPtrDefault->cb);
    conn = virConnectOpenAuth("test:///default", virConnectAuthPtrDefault, VIR_CONNECT_RO);
    ck_assert_ptr_nonnull(conn);
    ck_assert_ptr_null(virDomainDefineXML(conn, "<domain/>"));
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "read-only access prevents virDomainDefineXML");
    virConnectClose(conn);
    ck_assert_ptr_null(virConnectOpenAuth("test:///default", NULL, 1 << 7));
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x80)");
}
END_TEST

START_TEST(test_ref_close)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;

    ck_assert_int_eq(virConnectRef(conn), 0);
    ck_assert_int_eq(virConnectClose(conn), 1);
    /* a domain handle holds a reference on its connection */
    dom = virDomainLookupByName(conn, "test");
    ck_assert_int_eq(virConnectClose(conn), 1);
    ck_assert_str_eq(virDomainGetName(dom), "test");
    ck_assert_ptr_eq(virDomainGetConnect(dom), conn);
    ck_assert_int_eq(virDomainFree(dom), 0);
    ck_assert_int_eq(virConnectRef(NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_CONN, "invalid connection pointer in virConnectRef");
    ck_assert_int_eq(virConnectClose(NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_CONN, "virConnectClose");
}
END_TEST

START_TEST(test_connection_facts)
{
    virConnectPtr conn = virConnectOpenReadOnly("test:///default");
    unsigned long ver = 0;
    char *s;

    ck_assert_str_eq(virConnectGetType(conn), "TEST");
    ck_assert_int_eq(virConnectGetVersion(conn, &ver), 0);
    ck_assert_uint_eq(ver, 2);
    ck_assert_int_eq(virConnectGetLibVersion(conn, &ver), 0);
    ck_assert_uint_eq(ver, VIRTKIT_VERSION_NUMBER);
    ck_assert_str_eq((s = virConnectGetHostname(conn)), g_get_host_name());
    free(s);
    ck_assert_str_eq((s = virConnectGetURI(conn)), "test:///default");
    free(s);
    ck_assert_int_eq(virConnectGetMaxVcpus(conn, NULL), 32);
    ck_assert_int_eq(virConnectGetMaxVcpus(conn, "test"), 32);
    ck_assert_int_eq(virConnectGetMaxVcpus(conn, "kvm"), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unknown domain type 'kvm'");
    ck_assert_int_eq(virConnectIsAlive(conn), 1);
    ck_assert_int_eq(virConnectIsSecure(conn), 1);
    ck_assert_int_eq(virConnectIsEncrypted(conn), 0);
    ck_assert_int_eq(virConnectGetVersion(conn, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "hvVer in virConnectGetVersion must not be NULL");
    ck_assert_int_eq(virConnectGetLibVersion(conn, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "libVer");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_uri_canonical)
{
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        { "TEST:///default", "test:///default" },
        { "test:///default", "test:///default" },
        { "test:///embed?root=/tmp/a%20b", "test:///embed?root=/tmp/a%20b" },
    };
    size_t i;
    g_autofree char *root = testMakeTempDir("uri");
    g_autofree char *escaped = g_uri_escape_string(root, "/", FALSE);

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *in = g_strdup(cases[i].in);
        virConnectPtr conn;
        char *uri;

        if (strstr(in, "/tmp/a%20b")) {
            g_free(in);
            in = g_strdup_printf("test:///embed?root=%s", escaped);
        }
        ck_assert_ptr_nonnull((conn = virConnectOpen(in)));
        uri = virConnectGetURI(conn);
        if (strstr(cases[i].out, "embed"))
            ck_assert_str_eq(uri, in);
        else
            ck_assert_str_eq(uri, cases[i].out);
        free(uri);
        virConnectClose(conn);
    }
    testRemoveTree(root);
}
END_TEST

START_TEST(test_capabilities)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    char *caps = virConnectGetCapabilities(conn);

    ck_assert_ptr_nonnull(caps);
    ck_assert(testCompareToFile(caps, "capabilities/test-default.xml"));
    free(caps);
    virConnectClose(conn);
}
END_TEST

static Suite *
connectSuite(void)
{
    Suite *s = suite_create("connect");
    TCase *tc = tcase_create("connect");

    tcase_add_test(tc, test_initialize_and_version);
    tcase_add_test(tc, test_open_default_shared);
    tcase_add_test(tc, test_open_node_private);
    tcase_add_test(tc, test_open_errors);
    tcase_add_test(tc, test_open_compiled_out);
    tcase_add_test(tc, test_open_compiled_out_this_build);
#ifdef WITH_XEN
    tcase_add_test(tc, test_open_xen_module);
#endif
    tcase_add_test(tc, test_open_system_declined);
    tcase_add_test(tc, test_open_default_uri_env);
    tcase_add_test(tc, test_open_libvirt_default_uri_env);
    tcase_add_test(tc, test_open_probe_nothing);
    tcase_add_test(tc, test_open_auth);
    tcase_add_test(tc, test_ref_close);
    tcase_add_test(tc, test_connection_facts);
    tcase_add_test(tc, test_uri_canonical);
    tcase_add_test(tc, test_capabilities);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(connectSuite());
}
