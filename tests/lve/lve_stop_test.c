/*
 * lve_stop_test.c: why an LVE stopped, across processes: one virtsh asks
 * it to shut down or destroys it, another reads its state and reason,
 * and a listener in this process gets the detail of the stop event.
 * The LVE's tasks are this suite's children: reaping one says, without
 * a clock, that it has left its LVE.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

static const char *const lveStopDetails[] = {
    "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot",
};

/* What the listener saw: the stop events, one line each. */
typedef struct {
    GString *log;
    int count;
} lveStops;

static int
lveStopSeen(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event, int detail,
            void *opaque)
{
    lveStops *stops = opaque;

    if (event != VIR_DOMAIN_EVENT_STOPPED)
        return 0;
    g_string_append_printf(stops->log, "%s Stopped %s\n", virDomainGetName(dom),
                           lveStopDetails[detail]);
    stops->count++;
    return 0;
}

static gboolean
lveStopGiveUp(gpointer opaque)
{
    *(bool *)opaque = true;
    return G_SOURCE_REMOVE;
}

/* Runs the loop until @count stop events came; a minute's guard turns a
 * lost event into a failure rather than a hang. */
static void
lveStopWaitFor(lveStops *stops, int count)
{
    bool gaveUp = false;
    guint guard = g_timeout_add_seconds(60, lveStopGiveUp, &gaveUp);

    while (stops->count < count && !gaveUp)
        virEventRunDefaultImpl();
    if (!gaveUp)
        g_source_remove(guard);
    ck_assert_msg(stops->count == count, "%d stop events, not %d:\n%s", stops->count, count,
                  stops->log->str);
}

/* virtsh, another process, on the root of @conn: its output. */
static char *
lveStopVirtsh(virConnectPtr conn, const char *cmd)
{
    g_autofree char *uri = virConnectGetURI(conn);
    g_autofree char *virtsh = g_build_filename(ABS_BUILDDIR, "tools", "virtsh", NULL);
    g_autofree char *err = NULL;
    char *out = NULL;
    const char *argv[] = { virtsh, "-c", uri, cmd, NULL };
    int status = -1;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, 0, NULL, NULL, &out, &err, &status,
                           NULL));
    ck_assert_msg(g_spawn_check_wait_status(status, NULL), "virtsh '%s': %s", cmd, err);
    return out;
}

static void
lveStopAssertVirtsh(virConnectPtr conn, const char *cmd, const char *want)
{
    g_autofree char *out = lveStopVirtsh(conn, cmd);

    ck_assert_str_eq(out, want);
}

typedef struct {
    virDomainPtr dom;
    bool ignoreTerm;
} lveStopTask;

/* A task of the LVE: waits, dying of SIGTERM or ignoring it. */
static int
lveStopTaskRun(int report, void *opaque)
{
    lveStopTask *task = opaque;

    if (task->ignoreTerm)
        signal(SIGTERM, SIG_IGN);
    if (lveTestEnter(task->dom, 0, NULL) < 0) {
        lveTestReport(report, -1);
        return 1;
    }
    lveTestReport(report, 0);
    for (;;)
        pause();
    return 0;
}

static pid_t
lveStopTaskStart(lveStopTask *task, int *report)
{
    pid_t pid = lveTestFork(lveStopTaskRun, task, report);

    ck_assert_int_eq(lveTestChildResult(*report), 0);
    return pid;
}

/* The listener, registered on a connection of this process, which makes
 * no change itself. */
static int
lveStopListen(virConnectPtr conn, lveStops *stops)
{
    int id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                              VIR_DOMAIN_EVENT_CALLBACK(lveStopSeen), stops,
                                              NULL);

    ck_assert_int_gt(id, 0);
    return id;
}

START_TEST(test_shutdown_elsewhere)
{
    lveStops stops = { g_string_new(NULL), 0 };
    virConnectPtr conn;
    virDomainPtr dom;
    lveStopTask task;
    int report, status, cb;
    pid_t pid;

    virEventRegisterDefaultImpl();
    conn = lveTestOpen(NULL);
    dom = lveTestDefineAndStart(conn, "unlimited", 4721);
    cb = lveStopListen(conn, &stops);
    task = (lveStopTask) { dom, false };
    pid = lveStopTaskStart(&task, &report);

    /* one process asks and is done; the task goes; another one looks */
    lveStopAssertVirtsh(conn, "shutdown lve-4721", "Domain 'lve-4721' is being shutdown\n\n");
    status = lveTestWait(pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    lveStopAssertVirtsh(conn, "domstate --reason lve-4721", "shut off (shutdown)\n\n");
    lveStopWaitFor(&stops, 1);
    ck_assert_str_eq(stops.log->str, "lve-4721 Stopped Shutdown\n");
    lveTestAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    ck_assert(!lveTestGroupExists(4721));
    close(report);

    /* a process that opens the root afterwards says the same */
    lveStopAssertVirtsh(conn, "domstate --reason lve-4721", "shut off (shutdown)\n\n");

    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, cb), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
    g_string_free(stops.log, TRUE);
}
END_TEST

START_TEST(test_shutdown_ignored)
{
    lveStops stops = { g_string_new(NULL), 0 };
    g_autofree char *xml = NULL;
    virConnectPtr conn;
    virDomainPtr dom;
    lveStopTask task;
    int report, status, cb;
    pid_t pid;

    virEventRegisterDefaultImpl();
    conn = lveTestOpen(NULL);
    dom = lveTestDefineAndStart(conn, "unlimited", 4722);
    cb = lveStopListen(conn, &stops);
    task = (lveStopTask) { dom, true };
    pid = lveStopTaskStart(&task, &report);

    /* the request is made and the call returns; the task lives on */
    lveStopAssertVirtsh(conn, "shutdown lve-4722", "Domain 'lve-4722' is being shutdown\n\n");
    ck_assert_int_eq(kill(pid, 0), 0);
    lveStopAssertVirtsh(conn, "domstate --reason lve-4722", "running (booted)\n\n");
    lveTestAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);

    /* destroy ends it, and every process says so */
    lveStopAssertVirtsh(conn, "destroy lve-4722", "Domain 'lve-4722' destroyed\n\n");
    status = lveTestWait(pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    lveStopAssertVirtsh(conn, "domstate --reason lve-4722", "shut off (destroyed)\n\n");
    lveStopWaitFor(&stops, 1);
    ck_assert_str_eq(stops.log->str, "lve-4722 Stopped Destroyed\n");
    lveTestAssertState(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    close(report);

    /* a new definition of the name has not stopped yet */
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    xml = lveTestDomainXML("unlimited", 4722);
    dom = virDomainDefineXML(conn, xml);
    ck_assert_ptr_nonnull(dom);
    lveStopAssertVirtsh(conn, "domstate --reason lve-4722", "shut off (unknown)\n\n");

    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, cb), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
    g_string_free(stops.log, TRUE);
}
END_TEST

static Suite *
lveStopSuite(void)
{
    Suite *s = suite_create("lve-stop");
    TCase *tc = tcase_create("stop");

    tcase_set_timeout(tc, 180);
    tcase_add_test(tc, test_shutdown_elsewhere);
    tcase_add_test(tc, test_shutdown_ignored);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-stop", true);
    return lveTestRun(lveStopSuite());
}
