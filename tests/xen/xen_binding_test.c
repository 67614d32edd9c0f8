/*
 * xen_binding_test.c: what the Xen binding decides without a hypervisor:
 * cpumap conversion, the translation of Xen's errors, the dom0 probe, the
 * checks of a guest's description, the logger that catches libxl's
 * reasons, and that opening it here says this host is not a dom0.
 * Data: tests/data/xen.  (tests/xen/xen_dom0_test.c runs the binding
 * against a real Xen: `make check-xen`.)
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxl.h>
#include <xentoollog.h>

#include "virbitmap.h"
#include "xen_cpumap.h"
#include "xen_error.h"
#include "xen_handle.h"
#include "xen_logger.h"
#include "xen_ops.h"
#include "xen_probe.h"
#include "xentestutils.h"

/* The data lines of tests/data/xen/@name (no comments, no blank lines) */
static GPtrArray *
dataLines(const char *name)
{
    g_autofree char *path = xenTestDataPath(name);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    size_t i;

    ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (*lines[i] && *lines[i] != '#')
            g_ptr_array_add(out, g_strdup(lines[i]));
    }
    ck_assert_int_gt(out->len, 0);
    return out;
}

/* "a | b | c" -> { "a", "b", "c" }, each stripped */
static GStrv
splitFields(const char *line, int expect)
{
    GStrv fields = g_strsplit(line, " | ", -1);
    size_t i;

    for (i = 0; fields[i]; i++)
        g_strstrip(fields[i]);
    ck_assert_msg(expect < 0 || g_strv_length(fields) == (guint)expect,
                  "'%s' has not %d fields", line, expect);
    return fields;
}

/* Asserts the last error's code and whole message */
static void
checkErrorIs(int code, const char *message)
{
    ck_assert_str_eq(xenTestLastMessage(), message);
    ck_assert_xen_error(code, NULL);
}

/* ---- cpumaps ------------------------------------------------------------ */

static char *
hexBytes(const uint8_t *map, size_t len)
{
    GString *s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < len; i++)
        g_string_append_printf(s, "%02x", map[i]);
    return g_string_free(s, FALSE);
}

static void
checkCpumapLine(const char *line)
{
    g_autoptr(GRegex) re = g_regex_new("^(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(.*)$", 0, 0, NULL);
    g_autoptr(GMatchInfo) m = NULL;
    g_autoptr(virBitmap) bitmap = NULL;
    g_autoptr(virBitmap) back = NULL;
    g_autofree char *cpus = NULL;
    g_autofree char *want = NULL;
    g_autofree uint8_t *map = NULL;
    g_autofree unsigned char *pubmap = NULL;
    g_autofree char *got = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *hostText = NULL;
    g_autofree char *bytesText = NULL;
    unsigned int host, bytes;

    ck_assert_msg(g_regex_match(re, line, 0, &m), "bad line '%s'", line);
    cpus = g_match_info_fetch(m, 1);
    hostText = g_match_info_fetch(m, 2);
    bytesText = g_match_info_fetch(m, 3);
    host = strtoul(hostText, NULL, 10);
    bytes = strtoul(bytesText, NULL, 10);
    want = g_match_info_fetch(m, 4);
    ck_assert_ptr_nonnull(bitmap = virBitmapParse(cpus, 1024));
    map = g_new0(uint8_t, bytes);
    if (g_str_has_prefix(want, "error: ")) {
        g_autofree char *msg = g_strdup_printf("invalid argument: %s", want + 7);

        ck_assert_int_eq(xenCpumapFromBitmap(bitmap, host, map, bytes, 7, 0), -1);
        checkErrorIs(VIR_ERR_INVALID_ARG, msg);
        return;
    }
    ck_assert_int_eq(xenCpumapFromBitmap(bitmap, host, map, bytes, 7, 0), 0);
    got = hexBytes(map, bytes);
    ck_assert_msg(g_str_equal(got, want), "%s: Xen's map is %s, expected %s", line, got, want);

    /* the same bytes as libvirt's public cpumap of the same CPUs */
    pubmap = g_new0(unsigned char, bytes);
    virBitmapToCpumap(bitmap, pubmap, bytes);
    ck_assert_mem_eq(pubmap, map, bytes);

    /* and back to the same CPUs */
    back = xenCpumapToBitmap(map, bytes, host);
    ck_assert_uint_eq(virBitmapSize(back), host);
    before = virBitmapFormat(bitmap);
    after = virBitmapFormat(back);
    ck_assert_str_eq(after, before);
}

START_TEST(test_cpumaps)
{
    g_autoptr(GPtrArray) lines = dataLines("cpumaps.txt");
    size_t i;

    for (i = 0; i < lines->len; i++)
        checkCpumapLine(lines->pdata[i]);
}
END_TEST

/* Xen fills maps of its own length: bits past the host's CPUs are dropped */
START_TEST(test_cpumap_from_xen)
{
    const uint8_t all[8] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    const uint8_t some[2] = { 0x81, 0x0a };
    g_autoptr(virBitmap) a = xenCpumapToBitmap(all, sizeof(all), 2);
    g_autoptr(virBitmap) b = xenCpumapToBitmap(some, sizeof(some), 12);
    g_autoptr(virBitmap) c = xenCpumapToBitmap(some, 1, 12);
    g_autofree char *fa = virBitmapFormat(a);
    g_autofree char *fb = virBitmapFormat(b);
    g_autofree char *fc = virBitmapFormat(c);

    ck_assert_str_eq(fa, "0-1");
    ck_assert_str_eq(fb, "0,7,9,11");
    ck_assert_str_eq(fc, "0,7");
}
END_TEST

START_TEST(test_cpumap_empty)
{
    g_autoptr(virBitmap) none = virBitmapNew(4);
    uint8_t map[1] = { 0xff };

    ck_assert_int_eq(xenCpumapFromBitmap(none, 4, map, 1, 3, 1), -1);
    checkErrorIs(VIR_ERR_INVALID_ARG, "invalid argument: domain 3: cannot pin vcpu 1 to no CPU at all");
}
END_TEST

/* ---- error translation ------------------------------------------------ */

static const struct {
    const char *name;
    int value;
} errorNames[] = {
    { "ESRCH", ESRCH }, { "EPERM", EPERM }, { "EINVAL", EINVAL }, { "ENOSYS", ENOSYS },
    { "ENOMEM", ENOMEM }, { "EBUSY", EBUSY }, { "E2BIG", E2BIG },
    { "EOPNOTSUPP", EOPNOTSUPP }, { "EXDEV", EXDEV }, { "ENODEV", ENODEV },
    { "EACCES", EACCES }, { "ENOENT", ENOENT }, { "EEXIST", EEXIST }, { "ENOSPC", ENOSPC },
    { "S_HANDLE_INVALID", -XENMEM_SHARING_OP_S_HANDLE_INVALID },
    { "C_HANDLE_INVALID", -XENMEM_SHARING_OP_C_HANDLE_INVALID },
    { "ERROR_FAIL", ERROR_FAIL }, { "ERROR_DOMAIN_NOTFOUND", ERROR_DOMAIN_NOTFOUND },
    { "ERROR_GUEST_TIMEDOUT", ERROR_GUEST_TIMEDOUT }, { "ERROR_INVAL", ERROR_INVAL },
};

static int
errorValue(const char *name)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(errorNames); i++) {
        if (g_str_equal(errorNames[i].name, name))
            return errorNames[i].value;
    }
    return strtol(name, NULL, 10);
}

START_TEST(test_errors)
{
    g_autoptr(GPtrArray) lines = dataLines("errors.txt");
    size_t i;

    for (i = 0; i < lines->len; i++) {
        g_auto(GStrv) f = splitFields(lines->pdata[i], 5);
        g_auto(GStrv) source = g_strsplit(f[0], " ", 2);
        unsigned int domid = strtoul(f[1], NULL, 10);
        int value = errorValue(source[1]);

        if (g_str_equal(source[0], "errno")) {
            xenReportDomainErrno(domid, value, "%s", f[2]);
        } else if (g_str_equal(source[0], "memshr")) {
            xenMemshrReportErrno(domid, value, "%s", f[2]);
        } else {
            g_autofree char *who = g_strdup_printf("domain %u", domid);

            xenReportLightError(who, value, NULL, "%s", f[2]);
        }
        checkErrorIs(strtol(f[3], NULL, 10), f[4]);
    }
}
END_TEST

/* libxl's reason, caught by the logger, ends the message */
START_TEST(test_logger)
{
    g_autoptr(xenLogger) logger = xenLoggerNew();
    xentoollog_logger *lg = xenLoggerGet(logger);
    g_autofree char *none = NULL;
    g_autofree char *errors = NULL;
    g_autofree char *later = NULL;

    xenLoggerBegin();
    xtl_log(lg, XTL_INFO, -1, "libxl", "not an error");
    none = xenLoggerErrors();
    ck_assert_ptr_null(none);
    xtl_log(lg, XTL_ERROR, ENOENT, "libxl", "libxl_dm.c:12:some_function: cannot open %s", "/dev/loop9");
    xtl_log(lg, XTL_CRITICAL, -1, "libxl", "second");
    xtl_log(lg, XTL_ERROR, -1, "libxl", "third");
    xtl_log(lg, XTL_ERROR, -1, "libxl", "fourth: cleanup noise");
    errors = xenLoggerErrors();
    ck_assert_str_eq(errors, "cannot open /dev/loop9: No such file or directory; second; third");
    xenReportLightError("Xen guest 'web'", ERROR_FAIL, errors, "%s", "create it");
    checkErrorIs(VIR_ERR_OPERATION_FAILED,
                 "operation failed: Xen guest 'web': cannot create it: libxl failed: "
                 "cannot open /dev/loop9: No such file or directory; second; third");
    xenLoggerBegin();
    later = xenLoggerErrors();
    ck_assert_ptr_null(later);
}
END_TEST

/* ---- the dom0 probe --------------------------------------------------- */

START_TEST(test_probe)
{
    g_autoptr(GPtrArray) lines = dataLines("hosts.txt");
    size_t i;

    for (i = 0; i < lines->len; i++) {
        g_auto(GStrv) f = splitFields(lines->pdata[i], -1);
        g_autofree char *rel = g_strdup_printf("hosts/%s", f[0]);
        g_autofree char *root = xenTestDataPath(rel);

        if (g_str_equal(f[1], "ok")) {
            ck_assert_msg(xenProbeDom0(root) == 0, "%s: %s", f[0], xenTestLastMessage());
            continue;
        }
        ck_assert_int_eq(xenProbeDom0(root), -1);
        checkErrorIs(strtol(f[1], NULL, 10), f[2]);
    }
}
END_TEST

START_TEST(test_tools_match)
{
    unsigned int major = 0, minor = 0;
    g_autofree char *msg = NULL;

    ck_assert_int_eq(sscanf(XEN_TOOLS_VERSION, "%u.%u", &major, &minor), 2);
    ck_assert_int_eq(xenProbeToolsMatch(major, minor), 0);
    ck_assert_int_eq(xenProbeToolsMatch(major, minor * 10 + 1), -1);
    msg = g_strdup_printf("no connection driver available: the running hypervisor is Xen %u.%u, "
                          "but virtkit was built with the tools of Xen %s: they must be the same release",
                          major, minor * 10 + 1, XEN_TOOLS_VERSION);
    checkErrorIs(VIR_ERR_NO_CONNECT, msg);
}
END_TEST

/* On this host (not a dom0, or not as root): the message virtsh will print */
START_TEST(test_open_here)
{
    xenHandle *h;

    if (xenProbeDom0("/") == 0) {
        printf("SKIP test_open_here: this host is a Xen dom0\n");
        return;
    }
    virResetLastError();
    ck_assert_ptr_null(h = xenHypervisorOps.open());
    ck_assert_msg(strstr(xenTestLastMessage(), "this host is not a Xen dom0") ||
                  strstr(xenTestLastMessage(), "permission denied"),
                  "unexpected: %s", xenTestLastMessage());
    virResetLastError();
}
END_TEST

/* ---- guest descriptions ----------------------------------------------- */

static void
checkConfigFile(const char *dir, const char *name)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);
    g_autofree char *text = NULL;
    g_autoptr(xenDomainConfig) def = NULL;
    g_auto(GStrv) expect = NULL;
    const char *marker = "# expect: ";

    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    ck_assert_msg(g_str_has_prefix(text, marker), "%s has no '%s' line", name, marker);
    *strchr(text, '\n') = '\0';
    expect = splitFields(text + strlen(marker), -1);
    ck_assert_ptr_nonnull(def = xenTestConfigLoad(path));
    if (g_str_equal(expect[0], "ok")) {
        ck_assert_msg(xenDomainConfigValidate(def) == 0, "%s: %s", name, xenTestLastMessage());
        return;
    }
    ck_assert_msg(xenDomainConfigValidate(def) == -1, "%s was accepted", name);
    ck_assert_msg(strstr(xenTestLastMessage(), expect[1]), "%s: '%s' lacks '%s'",
                  name, xenTestLastMessage(), expect[1]);
    ck_assert_xen_error(strtol(expect[0], NULL, 10), NULL);
}

START_TEST(test_configs)
{
    g_autofree char *dir = xenTestDataPath("configs");
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    unsigned int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((name = g_dir_read_name(d))) {
        if (g_str_has_suffix(name, ".cfg")) {
            checkConfigFile(dir, name);
            n++;
        }
    }
    ck_assert_uint_ge(n, 10);
}
END_TEST

/* the dom0 suite's own guests are valid too */
START_TEST(test_guest_configs)
{
    const char *names[] = { "guests/pv.cfg", "guests/pvh.cfg" };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *path = xenTestDataPath(names[i]);
        g_autoptr(xenDomainConfig) def = xenTestConfigLoad(path);

        ck_assert_ptr_nonnull(def);
        ck_assert_msg(xenDomainConfigValidate(def) == 0, "%s: %s", names[i], xenTestLastMessage());
    }
}
END_TEST

START_TEST(test_mac)
{
    unsigned char mac[6];
    g_autofree char *text = NULL;

    ck_assert_int_eq(xenMacParse("00:16:3e:0a:Bc:ff", mac), 0);
    text = xenMacFormat(mac);
    ck_assert_str_eq(text, "00:16:3e:0a:bc:ff");
    ck_assert_int_eq(xenMacParse("00:16:3e:0a:bc", mac), -1);
    ck_assert_int_eq(xenMacParse("00:16:3e:0a:bc:ff:", mac), -1);
    ck_assert_int_eq(xenMacParse("00-16-3e-0a-bc-ff", mac), -1);
    ck_assert_int_eq(xenMacParse("zz:16:3e:0a:bc:ff", mac), -1);
}
END_TEST

static Suite *
bindingSuite(void)
{
    Suite *s = suite_create("xen-binding");
    TCase *tc = tcase_create("binding");

    tcase_add_test(tc, test_cpumaps);
    tcase_add_test(tc, test_cpumap_from_xen);
    tcase_add_test(tc, test_cpumap_empty);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_logger);
    tcase_add_test(tc, test_probe);
    tcase_add_test(tc, test_tools_match);
    tcase_add_test(tc, test_open_here);
    tcase_add_test(tc, test_configs);
    tcase_add_test(tc, test_guest_configs);
    tcase_add_test(tc, test_mac);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *runner = srunner_create(bindingSuite());
    int failed;

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
