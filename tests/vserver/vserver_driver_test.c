/*
 * vserver_driver_test.c: the lifecycle of VServer domains through the
 * public API, under virtkit-vserver-sim: start, destroy, shutdown (and a
 * context that ignores it), reboot, suspend and resume, transient
 * domains, autostart, an init that ends by itself, entering a context,
 * two processes on one root, read-only connections, and the refusals
 *
 * Each test checks the kernel's side with vsprobe, apart from the
 * library; tests/vserver/simtest.sh runs this under both encodings.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "vsdriver.h"

/* ---- start, destroy, shutdown, reboot -------------------------------- */

START_TEST(test_start_destroy)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3010);
    pid_t init = vsdFindInit(3010);

    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virDomainGetID(dom), 3010);
    ck_assert_msg(init > 0, "the init of context 3010 does not run");
    ck_assert(vsdContextExists(3010));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ck_assert_int_eq(virDomainGetID(dom), (unsigned int)-1);
    /* every process is gone, and the kernel has no such context */
    ck_assert_int_eq(vsdFindInit(3010), 0);
    ck_assert(!vsdContextExists(3010));
    /* the xid is free again */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_ne(vsdFindInit(3010), init);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'vs3010' (context 3010) is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_shutdown)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3030);

    /* asked, not waited for, as libvirt's drivers: the context ends when
     * its init does, and the next look books it shut off (shutdown) */
    ck_assert_int_eq(virDomainShutdown(dom), 0);
    ck_assert(vsdWaitShutoff(dom));
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ck_assert_int_eq(vsdFindInit(3030), 0);
    ck_assert(!vsdContextExists(3030));
    /* a paused one is thawed first: frozen, its init could not see it */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_SIGNAL), 0);
    ck_assert(vsdWaitShutoff(dom));
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ck_assert(!vsdContextExists(3030));
    ck_assert_int_eq(virDomainShutdownFlags(dom, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function vserverDomainShutdownFlags");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* An init that ignores SIGTERM: shutdown asks and the domain runs on;
 * a graceful destroy, which waits, says so. */
START_TEST(test_shutdown_ignored)
{
    virConnectPtr conn = vsdOpen("shutdown_timeout=1");
    virDomainPtr dom = vsdDefineAndStart(conn, "ignore-term", 3040);
    int i;

    /* the shell execs sleep once SIGTERM is ignored */
    for (i = 0; i < 500 && !vsdFindProcess("/bin/sleep 83040"); i++)
        g_usleep(10000);
    ck_assert_int_gt(vsdFindProcess("/bin/sleep 83040"), 0);
    ck_assert_int_eq(virDomainShutdown(dom), 0);
    g_usleep(300 * 1000);
    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_gt(vsdFindProcess("/bin/sleep 83040"), 0);
    /* a graceful destroy asks every process, and fails the same way */
    ck_assert_int_eq(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL), -1);
    ck_assert_error(VIR_ERR_OPERATION_TIMEOUT, "SIGTERM to every process");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(vsdFindProcess("/bin/sleep 83040"), 0);
    ck_assert(!vsdContextExists(3040));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_destroy_graceful)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3045);

    ck_assert_int_eq(virDomainDestroyFlags(dom, VIR_DOMAIN_DESTROY_GRACEFUL), 0);
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ck_assert(!vsdContextExists(3045));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_reboot)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3050);
    pid_t before = vsdFindInit(3050), after;

    ck_assert_int_eq(virDomainReboot(dom, 0), 0);
    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    after = vsdFindInit(3050);
    ck_assert_msg(after > 0 && after != before, "the init did not start over (%d, %d)",
                  (int)before, (int)after);
    ck_assert_int_eq(virDomainReset(dom, 0), 0);
    ck_assert_int_ne(vsdFindInit(3050), after);
    ck_assert_int_eq(virDomainGetID(dom), 3050);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- pausing --------------------------------------------------------- */

START_TEST(test_suspend_resume)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3020);
    g_autofree char *running = vsdProbe(3020);
    g_autofree char *paused = NULL;

    ck_assert_ptr_nonnull(strstr(running, "paused: no\n"));
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    vsdAssertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    paused = vsdProbe(3020);
    ck_assert_ptr_nonnull(strstr(paused, "paused: yes\n"));
    ck_assert_int_eq(virDomainSuspend(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'vs3020' is already paused");
    ck_assert_int_eq(virDomainResume(dom), 0);
    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    ck_assert_int_eq(virDomainResume(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'vs3020' is not paused");
    /* a paused context is destroyed too: its processes die once thawed */
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert(!vsdContextExists(3020));
    ck_assert_int_eq(vsdFindInit(3020), 0);
    ck_assert_int_eq(virDomainSuspend(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_start_paused)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefine(conn, "plain", 3070);
    g_autofree char *probe = NULL;

    ck_assert_int_eq(virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED), 0);
    vsdAssertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    probe = vsdProbe(3070);
    ck_assert_ptr_nonnull(strstr(probe, "paused: yes\n"));
    /* the init ran before the pause */
    ck_assert_int_gt(vsdFindInit(3070), 0);
    ck_assert_int_eq(virDomainResume(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- transient domains, autostart, a context that ends -------------- */

START_TEST(test_transient)
{
    virConnectPtr conn = vsdOpen(NULL);
    g_autofree char *xml = vsdDomainXML("plain", 3060);
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);

    ck_assert_msg(dom, "%s", virGetLastErrorMessage());
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_int_gt(vsdFindInit(3060), 0);
    ck_assert_int_eq(virDomainUndefine(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is transient");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    /* gone with its context */
    ck_assert_int_eq(virConnectNumOfDomains(conn), 0);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    ck_assert(!vsdContextExists(3060));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_undefine_running)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3100);

    ck_assert_int_eq(virDomainUndefine(dom), 0);
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_ptr_null(virDomainLookupByName(conn, "vs3100"));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_autostart)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefine(conn, "plain", 3090);
    g_autofree char *booted = NULL;
    int autostart = -1;

    ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    ck_assert_int_eq(autostart, 1);
    virDomainFree(dom);
    virConnectClose(conn);
    ck_assert_int_eq(vsdFindInit(3090), 0);
    /* a reopen in the same boot of the host starts nothing: contexts
     * outlive processes, so autostart is once per boot */
    conn = vsdReopen(false);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 0);
    virConnectClose(conn);
    /* as after a reboot: a read-only connection starts nothing, the
     * first that may write does */
    booted = g_build_filename(vsdRoot(), "run", "virtkit", "vserver", ".booted", NULL);
    ck_assert_int_eq(unlink(booted), 0);
    conn = vsdReopen(true);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 0);
    virConnectClose(conn);
    conn = vsdReopen(false);
    dom = virDomainLookupByName(conn, "vs3090");
    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_gt(vsdFindInit(3090), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* The init exits: the context goes with it, and the domain is shut off
 * the next time anything looks (the kernel is the truth). */
START_TEST(test_init_exits)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "exits", 3080);

    ck_assert(vsdWaitShutoff(dom));
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 0);
    if (vsdIsV2()) {
        ck_assert(!vsdContextExists(3080));
    } else {
        /* a 2003 context lives until it is destroyed: the next start does */
        g_autofree char *probe = vsdProbe(3080);

        ck_assert_msg(g_str_has_prefix(probe, "context 3080: 0 processes\n"), "%s", probe);
    }
    /* and starts again */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert(vsdWaitShutoff(dom));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- entering -------------------------------------------------------- */

/* A child enters, says so, and waits; the kernel counts it in. */
static pid_t
enterInChild(virDomainPtr dom, unsigned int flags, char *result, size_t len)
{
    int fds[2];
    pid_t pid;
    ssize_t n;

    ck_assert_int_eq(pipe(fds), 0);
    if ((pid = fork()) == 0) {
        unsigned int cookie = 1;
        g_autofree char *msg = NULL;

        signal(SIGTERM, SIG_DFL);
        close(fds[0]);
        bool in = virDomainEnter(dom, &cookie, flags) == 0;

        msg = in ? g_strdup_printf("in, cookie %u", cookie) :
                   g_strdup_printf("error: %s", virGetLastErrorMessage());
        if (write(fds[1], msg, strlen(msg)) < 0)
            _exit(1);
        close(fds[1]);
        /* inside, it stays to be counted */
        while (in)
            pause();
        _exit(0);
    }
    close(fds[1]);
    n = read(fds[0], result, len - 1);
    result[MAX(n, 0)] = '\0';
    close(fds[0]);
    return pid;
}

START_TEST(test_enter)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3110);
    g_autofree char *probe = NULL;
    char result[512];
    pid_t child;

    child = enterInChild(dom, VIR_DOMAIN_ENTER_ONE_WAY, result, sizeof(result));
    ck_assert_str_eq(result, "in, cookie 0");
    probe = vsdProbe(3110);
    ck_assert_msg(g_str_has_prefix(probe, "context 3110: 2 processes\n"), "%s", probe);
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    ck_assert_int_eq(virDomainLeave(dom, 0, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_UNSUPPORTED, "migration into a context is one way");
    child = enterInChild(dom, VIR_DOMAIN_ENTER_NO_UBC, result, sizeof(result));
    waitpid(child, NULL, 0);
    ck_assert_str_eq(result, "error: invalid argument: unsupported flags (0x1) in function vserverDomainEnter");
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    child = enterInChild(dom, 0, result, sizeof(result));
    waitpid(child, NULL, 0);
    ck_assert_str_eq(result, "error: Requested operation is not valid: domain 'vs3110' (context 3110) is paused: nothing can enter it while its tasks are frozen");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- two processes on one root -------------------------------------- */

/* virtsh (another process) on the suite's last root: its stdout. */
static char *
virtshOnRoot(const char *commands)
{
    g_autofree char *virtsh = g_build_filename(ABS_BUILDDIR, "tools", "virtsh", NULL);
    g_autofree char *uri = g_strdup_printf("vserver:///embed?root=%s", vsdRoot());
    char *argv[] = { virtsh, (char *)"-q", (char *)"-c", uri, (char *)commands, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *err = NULL;
    char *out = NULL;
    int status;

    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                      &error))
        ck_abort_msg("cannot run virtsh: %s", error->message);
    ck_assert_msg(g_spawn_check_wait_status(status, NULL), "virtsh '%s' failed: %s",
                  commands, err);
    return out;
}

START_TEST(test_two_processes)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefine(conn, "plain", 3120);
    g_autofree char *state = NULL, *after = NULL;

    /* another process starts it; this one sees it running */
    g_free(virtshOnRoot("start vs3120"));
    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_int_eq(virDomainGetID(dom), (unsigned int)-1);    /* the handle predates it */
    /* and destroys it; the other sees it shut off, and why */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert(!vsdContextExists(3120));
    state = virtshOnRoot("domstate vs3120 --reason");
    ck_assert_str_eq(state, "shut off (destroyed)\n");
    /* and the other way round */
    ck_assert_int_eq(virDomainCreate(dom), 0);
    after = virtshOnRoot("destroy vs3120; domstate vs3120");
    ck_assert_msg(strstr(after, "shut off"), "%s", after);
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    ck_assert_int_eq(vsdFindInit(3120), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- read-only connections ------------------------------------------- */

START_TEST(test_readonly)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefineAndStart(conn, "plain", 3210);
    g_autofree char *xml = vsdDomainXML("plain", 3211);
    virConnectPtr ro = vsdReopen(true);
    virDomainPtr rodom = virDomainLookupByName(ro, "vs3210");
    virDomainInfo info;

    ck_assert_ptr_nonnull(rodom);
    ck_assert_int_eq(virConnectNumOfDomains(ro), 1);
    ck_assert_int_eq(virDomainGetInfo(rodom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(virDomainDestroy(rodom), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, NULL);
    ck_assert_int_eq(virDomainSuspend(rodom), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, NULL);
    ck_assert_ptr_null(virDomainDefineXML(ro, xml));
    ck_assert_error(VIR_ERR_OPERATION_DENIED, NULL);
    vsdAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert(vsdContextExists(3210));
    /* a reader sees a context end too, and writes nothing */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    vsdAssertState(rodom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    virDomainFree(rodom);
    virDomainFree(dom);
    virConnectClose(ro);
    virConnectClose(conn);
}
END_TEST

/* ---- refusals -------------------------------------------------------- */

START_TEST(test_no_init)
{
    virConnectPtr conn = vsdOpen(NULL);
    virDomainPtr dom = vsdDefine(conn, "no-init", 3190);

    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(VIR_ERR_SYSTEM_ERROR,
                    "VServer context 3190: cannot run the init command '/nonexistent/init3190': No such file or directory");
    vsdAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    ck_assert(!vsdContextExists(3190));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* A context of this xid that another root started is not taken over. */
START_TEST(test_xid_taken)
{
    virConnectPtr a = vsdOpen(NULL);
    virDomainPtr first = vsdDefineAndStart(a, "plain", 3200);
    virConnectPtr b = vsdOpen(NULL);
    virDomainPtr second = vsdDefine(b, "plain", 3200);

    ck_assert_int_eq(virDomainCreate(second), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID,
                    "domain 'vs3200' cannot start: VServer context 3200 already exists, with 1 processes");
    vsdAssertState(first, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert_int_eq(virDomainDestroy(first), 0);
    ck_assert_int_eq(virDomainCreate(second), 0);
    ck_assert_int_eq(virDomainDestroy(second), 0);
    virDomainFree(first);
    virDomainFree(second);
    virConnectClose(a);
    virConnectClose(b);
}
END_TEST

START_TEST(test_bad_uri)
{
    ck_assert_ptr_null(virConnectOpen("vserver:///embed?root=/tmp&shutdown_timeout=soon"));
    ck_assert_error(VIR_ERR_INVALID_ARG, "shutdown_timeout must be 0 to 3600 seconds, not 'soon'");
    ck_assert_ptr_null(virConnectOpen("vserver:///embed?root=/tmp&colour=red"));
    ck_assert_error(VIR_ERR_INVALID_ARG, "colour");
    ck_assert_ptr_null(virConnectOpen("vserver:///session"));
    ck_assert_error(VIR_ERR_INVALID_ARG, "use vserver:///system or vserver:///embed?root=DIR");
}
END_TEST

static Suite *
driverSuite(void)
{
    Suite *s = suite_create("vserver-driver");
    TCase *life = tcase_create("lifecycle");
    TCase *more = tcase_create("processes");

    tcase_add_test(life, test_start_destroy);
    tcase_add_test(life, test_shutdown);
    tcase_add_test(life, test_shutdown_ignored);
    tcase_add_test(life, test_destroy_graceful);
    tcase_add_test(life, test_reboot);
    tcase_add_test(life, test_suspend_resume);
    tcase_add_test(life, test_start_paused);
    tcase_add_test(life, test_transient);
    tcase_add_test(life, test_undefine_running);
    tcase_add_test(life, test_autostart);
    tcase_add_test(life, test_init_exits);
    tcase_set_timeout(life, 60);
    suite_add_tcase(s, life);
    tcase_add_test(more, test_enter);
    tcase_add_test(more, test_two_processes);
    tcase_add_test(more, test_readonly);
    tcase_add_test(more, test_no_init);
    tcase_add_test(more, test_xid_taken);
    tcase_add_test(more, test_bad_uri);
    tcase_set_timeout(more, 60);
    suite_add_tcase(s, more);
    return s;
}

int
main(void)
{
    vsdInit("vserver_driver_test");
    return vsdRun(driverSuite());
}
