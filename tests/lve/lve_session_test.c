/*
 * lve_session_test.c: the LVE driver against the kernel, through the public
 * API: shutdown and reboot, enter and leave, a new process taking running
 * LVEs back, autostart, default limits, liblve's version check.
 *
 * Runs as root on cgroup v1, against the backend LVE_TEST_BACKEND names
 * (tests/lve/run-liblve.sh runs it against the stand-in liblve).
 */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

/* ---- shutdown and reboot -------------------------------------------- */

typedef struct {
    virDomainPtr dom;
    bool ignoreTerm;
} waitArgs;

/* Inside the domain: waits, dying of SIGTERM or ignoring it. */
static int
childWait(int report, void *opaque)
{
    waitArgs *args = opaque;

    if (args->ignoreTerm)
        signal(SIGTERM, SIG_IGN);
    if (lveTestEnter(args->dom, 0, NULL) < 0) {
        lveTestReport(report, -1);
        return 1;
    }
    lveTestReport(report, 0);
    for (;;)
        pause();
    return 0;
}

START_TEST(test_shutdown)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3007);
    waitArgs polite = { dom, false }, stubborn = { dom, true };
    int report1, report2, status;
    pid_t p1 = lveTestFork(childWait, &polite, &report1);
    pid_t p2 = lveTestFork(childWait, &stubborn, &report2);

    ck_assert_int_eq(lveTestChildResult(report1), 0);
    ck_assert_int_eq(lveTestChildResult(report2), 0);
    /* SIGTERM, and back at once: the first goes, the second is left
     * running with its LVE, as libvirt leaves a guest that ignores ACPI */
    ck_assert_int_eq(virDomainShutdown(dom), 0);
    status = lveTestWait(p1);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    ck_assert_int_eq(kill(p2, 0), 0);
    lveTestAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert(lveTestGroupExists(3007));
    /* destroy ends what ignores the request, and says so */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    status = lveTestWait(p2);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    lveTestAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ck_assert(!lveTestGroupExists(3007));
    close(report1);
    close(report2);

    /* asked again, then its last task goes: the next look books it */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    p1 = lveTestFork(childWait, &polite, &report1);
    ck_assert_int_eq(lveTestChildResult(report1), 0);
    ck_assert_int_eq(virDomainShutdown(dom), 0);
    status = lveTestWait(p1);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    lveTestAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ck_assert(!lveTestGroupExists(3007));
    close(report1);

    /* an LVE with no task has nothing to wait for */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainShutdown(dom), 0);
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    lveTestAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ck_assert(!lveTestGroupExists(3007));

    /* graceful destroy fails rather than kill, and changes nothing */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    p2 = lveTestFork(childWait, &stubborn, &report2);
    ck_assert_int_eq(lveTestChildResult(report2), 0);
    ck_assert_int_eq(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL), -1);
    ck_assert_error(VIR_ERR_OPERATION_TIMEOUT, "LVE 3007: 1 tasks are still running after SIGTERM");
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert_int_eq(kill(p2, 0), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    status = lveTestWait(p2);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    close(report2);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_reboot)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3008);
    waitArgs args = { dom, false };
    int report, status;
    pid_t pid = lveTestFork(childWait, &args, &report);

    ck_assert_int_eq(lveTestChildResult(report), 0);
    ck_assert_int_eq(virDomainReboot(dom, 0), 0);
    status = lveTestWait(pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    lveTestAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert(lveTestGroupExists(3008));
    close(report);
    /* it takes new tasks, with the same id */
    pid = lveTestFork(childWait, &args, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    lveTestKill(pid);
    close(report);
    ck_assert_int_eq(virDomainGetID(dom), 3008);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- enter and leave ------------------------------------------------ */

/* Whether this process's group of @controller is LVE @id's. */
static bool
insideLVE(const char *controller, unsigned int id)
{
    g_autofree char *groups = NULL;
    g_autofree char *want = g_strdup_printf("/lve%u\n", id);
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents("/proc/self/cgroup", &groups, NULL, NULL))
        return false;
    lines = g_strsplit(groups, "\n", 0);
    for (i = 0; lines[i]; i++) {
        g_autofree char *line = g_strconcat(lines[i], "\n", NULL);
        g_auto(GStrv) f = g_strsplit(lines[i], ":", 3);

        if (g_strv_length(f) == 3 && g_str_equal(f[1], controller))
            return g_str_has_suffix(line, want);
    }
    return false;
}

/* Each step returns its number when what it sees is wrong. */
#define STEP(n, cond) \
    do { \
        if (!(cond)) { \
            fprintf(stderr, "step %d: %s (%s)\n", n, #cond, virGetLastErrorMessage()); \
            return n; \
        } \
    } while (0)

static bool
lastErrorHas(const char *needle)
{
    const char *msg = virGetLastErrorMessage();

    return msg && strstr(msg, needle);
}

static int
childEnterLeave(int report G_GNUC_UNUSED, void *opaque)
{
    virDomainPtr dom = opaque;
    bool liblve = lveTestIsLiblve();
    unsigned int cookie = 0, other;

    STEP(1, virDomainEnter(dom, &cookie, 0) == 0 && cookie != 0);
    STEP(2, insideLVE("freezer", 3009) && insideLVE("memory", 3009));
    STEP(3, virDomainLeave(dom, cookie + 1, 0) < 0 && lastErrorHas("cookie is not the one"));
    STEP(4, virDomainEnter(dom, &other, 0) < 0 &&
            lastErrorHas(liblve ? "already inside an LVE" : "already inside it"));
    STEP(5, virDomainLeave(dom, cookie, 0) == 0 && !insideLVE("freezer", 3009));
    STEP(6, virDomainLeave(dom, cookie, 0) < 0 && lastErrorHas("not inside it"));
    /* without the memory limits */
    STEP(7, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_NO_UBC) == 0);
    STEP(8, insideLVE("freezer", 3009) && !insideLVE("memory", 3009) && !insideLVE("pids", 3009));
    STEP(9, virDomainLeave(dom, cookie, 0) == 0);
    /* the namespace is CageFS: only liblve has one */
    if (liblve) {
        STEP(10, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_NAMESPACE) == 0);
        STEP(11, virDomainLeave(dom, cookie, 0) == 0);
    } else {
        STEP(12, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_NAMESPACE) < 0 &&
                 lastErrorHas("no LVE namespace"));
    }
    /* one way: no cookie, no way back */
    STEP(13, virDomainEnter(dom, &cookie, VIR_DOMAIN_ENTER_ONE_WAY) == 0 && cookie == 0);
    STEP(14, virDomainLeave(dom, 0, 0) < 0 && insideLVE("freezer", 3009));
    return 0;
}

START_TEST(test_enter_leave)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3009);
    unsigned int cookie;
    int report, status;
    pid_t pid = lveTestFork(childEnterLeave, dom, &report);

    status = lveTestWait(pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "enter/leave failed at step %d", WEXITSTATUS(status));
    close(report);
    ck_assert_int_eq(virDomainEnter(dom, &cookie, 1 << 7), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x80)");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainEnter(dom, &cookie, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "(LVE 3009) is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- a new process -------------------------------------------------- */

static void
removeGroups(unsigned int id)
{
    static const char *const controllers[] = {
        "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "freezer",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(controllers); i++) {
        g_autofree char *dir = lveTestCgroupPath(controllers[i], id, NULL);

        rmdir(dir);
    }
}

/* Running LVEs are taken back from their status; those the kernel lost
 * are stopped (and transient ones forgotten). */
START_TEST(test_reload)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr kept = lveTestDefineAndStart(conn, "unlimited", 3010);
    g_autofree char *xml = lveTestDomainXML("unlimited", 3011);
    virDomainPtr lost = virDomainCreateXML(conn, xml, 0);

    ck_assert_ptr_nonnull(lost);
    virDomainFree(kept);
    virDomainFree(lost);
    ck_assert_int_eq(virConnectClose(conn), 0);
    removeGroups(3011);

    conn = lveTestReopen();
    kept = virDomainLookupByID(conn, 3010);
    ck_assert_ptr_nonnull(kept);
    lveTestAssertState(kept, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_ptr_null(virDomainLookupByName(conn, "lve-3011"));
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_int_eq(virDomainDestroy(kept), 0);
    virDomainFree(kept);
    virConnectClose(conn);
}
END_TEST

/* A new process changes an LVE it did not start: on cgroup v1, "every
 * CPU" is the parent's cpuset, which it has to read first. */
START_TEST(test_reload_all_cpus)
{
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);
    g_autofree char *tmpl = lveTestDomainXML("unlimited", 3016);
    g_autofree char *vcpu = g_strdup_printf("<vcpu>%ld</vcpu>", ncpus);
    g_auto(GStrv) parts = g_strsplit(tmpl, "<vcpu>2</vcpu>", -1);
    g_autofree char *xml = g_strjoinv(vcpu, parts);
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_uint_eq(g_strv_length(parts), 2);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);

    conn = lveTestReopen();
    dom = virDomainLookupByID(conn, 3016);
    ck_assert_ptr_nonnull(dom);
    ck_assert_msg(virDomainSetVcpusFlags(dom, ncpus, VIR_DOMAIN_AFFECT_LIVE) == 0, "%s",
                  virGetLastErrorMessage());
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), ncpus);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_autostart)
{
    virConnectPtr conn = lveTestOpen(NULL);
    g_autofree char *xml = lveTestDomainXML("unlimited", 3012);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    virDomainPtr transient;
    g_autofree char *booted = NULL;
    int autostart = -1;

    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);

    /* a reopen in the same boot autostarts nothing: the first open did */
    conn = lveTestReopen();
    dom = virDomainLookupByName(conn, "lve-3012");
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);

    /* as after a reboot */
    booted = g_build_filename(lveTestRoot(), "run", "virtkit", "lve", ".booted", NULL);
    ck_assert_int_eq(unlink(booted), 0);
    conn = lveTestReopen();
    dom = virDomainLookupByName(conn, "lve-3012");
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 1);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert(lveTestGroupExists(3012));
    g_free(xml);
    xml = lveTestDomainXML("unlimited", 3013);
    transient = virDomainCreateXML(conn, xml, 0);
    ck_assert_int_eq(virDomainSetAutostart(transient, 1), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "autostart needs a persistent domain");
    ck_assert_int_eq(virDomainDestroy(transient), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainSetAutostart(dom, 0), 0);
    virDomainFree(transient);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- default limits ------------------------------------------------- */

static void
setDefault(virConnectPtr conn, const char *name, unsigned int value)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;

    virTypedParamsAddUInt(&params, &n, &max, name, value);
    ck_assert_msg(virNodeSetMemoryParameters(conn, params, n, 0) == 0, "%s",
                  virGetLastErrorMessage());
    virTypedParamsFree(params, n);
}

static unsigned int
getDefault(virConnectPtr conn, const char *name)
{
    virTypedParameter params[32];
    int n = 32;
    unsigned int value = 0;

    ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
    ck_assert_int_eq(virTypedParamsGetUInt(params, n, name, &value), 1);
    return value;
}

/* Limits a definition leaves out are the defaults; with liblve, the
 * kernel keeps them too (lve_set_default), for a new root to read. */
START_TEST(test_defaults_apply)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom;
    g_autofree char *xml = NULL;

    setDefault(conn, "lve_default_nproc", 7);
    dom = lveTestDefineAndStart(conn, "bare", 3014);
    lveTestAssertCgroup(3014, "pids", "pids.max", "7");
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_null(strstr(xml, "nproc="));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);

    conn = lveTestOpen(NULL);
    ck_assert_uint_eq(getDefault(conn, "lve_default_nproc"), lveTestIsLiblve() ? 7 : 100);
    setDefault(conn, "lve_default_nproc", 100);
    virConnectClose(conn);
}
END_TEST

/* init_lve's version check, as the stand-in kernel answers it */
START_TEST(test_liblve_version)
{
    static const struct { const char *api; const char *needle; } cases[] = {
        { "0.8", "do not match (init_lve: Invalid argument)" },
        { "none", "do not match (init_lve: Function not implemented)" },
    };
    size_t i;

    if (!lveTestIsLiblve())
        return;
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *dir = testMakeTempDir("lve-api");
        g_autofree char *uri = g_strdup_printf("lve:///embed?root=%s&backend=liblve", dir);

        g_setenv("LVE_STANDIN_KERNEL_API", cases[i].api, TRUE);
        ck_assert_ptr_null(virConnectOpen(uri));
        ck_assert_error(VIR_ERR_NO_SUPPORT, cases[i].needle);
        testRemoveTree(dir);
    }
    g_unsetenv("LVE_STANDIN_KERNEL_API");
}
END_TEST

/* Every refusal liblve documents, said in LVE terms (the stand-in is made
 * to refuse the setup of a start). */
static const struct {
    int err;
    int code;
    const char *needle;
} refusals[] = {
    { EPERM, VIR_ERR_ACCESS_DENIED, "LVE 3030: cannot set it up: permission denied" },
    { ENOMEM, VIR_ERR_OPERATION_FAILED, "LVE 3030: cannot set it up: the kernel has no memory left" },
    { EFAULT, VIR_ERR_INTERNAL_ERROR, "LVE 3030: cannot set it up: liblve was given a bad address" },
    { E2BIG, VIR_ERR_OPERATION_FAILED, "LVE 3030: too many entry processes" },
    { EALREADY, VIR_ERR_OPERATION_INVALID, "LVE 3030: cannot set it up: it is already set up that way" },
    { EINVAL, VIR_ERR_INVALID_ARG, "LVE 3030: cannot set it up: the kernel refused the request as invalid" },
    { EBUSY, VIR_ERR_RESOURCE_BUSY, "LVE 3030: cannot set it up: it is busy" },
    { ENOSPC, VIR_ERR_OPERATION_FAILED, "LVE 3030: cannot set it up: the kernel has no room for another LVE" },
    { ESRCH, VIR_ERR_OPERATION_INVALID, "LVE 3030: cannot set it up: the kernel has no such LVE" },
};

START_TEST(test_liblve_refusals)
{
    g_autofree char *fail = NULL;
    virConnectPtr conn;
    virDomainPtr dom;
    g_autofree char *xml = lveTestDomainXML("unlimited", 3030);

    if (!lveTestIsLiblve())
        return;
    conn = lveTestOpen(NULL);
    dom = virDomainDefineXML(conn, xml);
    fail = g_strdup_printf("lve_setup:%d", refusals[_i].err);
    g_setenv("LVE_STANDIN_FAIL", fail, TRUE);
    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(refusals[_i].code, refusals[_i].needle);
    g_unsetenv("LVE_STANDIN_FAIL");
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    ck_assert(!lveTestGroupExists(3030));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
lveSessionSuite(void)
{
    Suite *s = suite_create("lve-session");
    TCase *tc = tcase_create(lveTestBackend());

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_shutdown);
    tcase_add_test(tc, test_reboot);
    tcase_add_test(tc, test_enter_leave);
    tcase_add_test(tc, test_reload);
    tcase_add_test(tc, test_reload_all_cpus);
    tcase_add_test(tc, test_autostart);
    tcase_add_test(tc, test_defaults_apply);
    tcase_add_test(tc, test_liblve_version);
    tcase_add_loop_test(tc, test_liblve_refusals, 0, G_N_ELEMENTS(refusals));
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-session", true);
    return lveTestRun(lveSessionSuite());
}
