/*
 * lve_event_test.c: lifecycle events of LVEs on this machine's kernel,
 * and of changes another process makes to the same root: a second
 * virtsh defines, starts, destroys and undefines while a listener in
 * this process waits on the default event loop; and what the kernel
 * notifies of an LVE another process created (lve_events.c): its last
 * task ending, a task OOM-killed, a fork refused at nproc, each caused
 * by a task of another process
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

static const char *const lveEventTypes[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
    "PMSuspended", "Crashed",
};
static const char *const lveEventDetails[][9] = {
    { "Added", "Updated", "Renamed", "Snapshot" },
    { "Removed", "Renamed" },
    { "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup" },
    { "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error" },
    { "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error" },
    { "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot" },
    { "Finished", "Finished after guest request", "Finished after host request" },
    { "Memory", "Disk" },
    { "Panicked", "Crashloaded" },
};

typedef struct {
    GString *log;
    int count;
} lveSeen;

static int
lveLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event, int detail,
             void *opaque)
{
    lveSeen *seen = opaque;

    g_string_append_printf(seen->log, "%s %s %s\n", virDomainGetName(dom),
                           lveEventTypes[event], lveEventDetails[event][detail]);
    seen->count++;
    return 0;
}

static gboolean
lveGiveUp(gpointer opaque)
{
    *(bool *)opaque = true;
    return G_SOURCE_REMOVE;
}

/* Runs the loop until @count events came; a minute's guard turns a lost
 * event into a failure rather than a hang. */
static void
lveWaitFor(lveSeen *seen, int count)
{
    bool gaveUp = false;
    guint guard = g_timeout_add_seconds(60, lveGiveUp, &gaveUp);

    while (seen->count < count && !gaveUp)
        virEventRunDefaultImpl();
    if (!gaveUp)
        g_source_remove(guard);
    ck_assert_msg(seen->count == count, "%d events, not %d:\n%s", seen->count, count,
                  seen->log->str);
}

/* virtsh, another process, on the root of @conn. */
static void
lveOtherProcess(virConnectPtr conn, const char *batch)
{
    g_autofree char *uri = virConnectGetURI(conn);
    g_autofree char *virtsh = g_build_filename(ABS_BUILDDIR, "tools", "virtsh", NULL);
    g_autofree char *err = NULL;
    const char *argv[] = { virtsh, "-q", "-c", uri, batch, NULL };
    int status = -1;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                           NULL, &err, &status, NULL));
    ck_assert_msg(g_spawn_check_wait_status(status, NULL), "virtsh '%s': %s", batch, err);
}

/* Runs the loop until @line is in the log; a minute's guard turns a
 * lost event into a failure rather than a hang. */
static void
lveWaitForLine(lveSeen *seen, const char *line)
{
    bool gaveUp = false;
    guint guard = g_timeout_add_seconds(60, lveGiveUp, &gaveUp);

    while (!strstr(seen->log->str, line) && !gaveUp)
        virEventRunDefaultImpl();
    if (!gaveUp)
        g_source_remove(guard);
    ck_assert_msg(strstr(seen->log->str, line), "no '%s' within a minute; the events:\n%s",
                  line, seen->log->str);
}

/* Dispatches what is ready without waiting: a notice the kernel or
 * another process queued before this call is handled when it returns. */
static void
lveDrainLoop(void)
{
    while (g_main_context_iteration(NULL, FALSE))
        ;
}

/* A listener for lifecycle events, and the LVE @tmpl (@id) that another
 * process (virtsh) starts once it listens.  Returns its domain. */
static virDomainPtr
lveListenAndCreate(virConnectPtr *conn, lveSeen *seen, int *cbid, const char *tmpl,
                   unsigned int id)
{
    g_autofree char *xml = lveTestDomainXML(tmpl, id);
    g_autofree char *file = NULL;
    g_autofree char *create = NULL;
    g_autofree char *name = NULL;
    g_autofree char *started = NULL;
    virDomainPtr dom;

    virEventRegisterDefaultImpl();
    *conn = lveTestOpen(NULL);
    *cbid = virConnectDomainEventRegisterAny(*conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                             VIR_DOMAIN_EVENT_CALLBACK(lveLifecycle), seen,
                                             NULL);
    ck_assert_int_gt(*cbid, 0);
    file = g_build_filename(lveTestRoot(), "ev.xml", NULL);
    ck_assert(g_file_set_contents(file, xml, -1, NULL));
    create = g_strdup_printf("create %s", file);
    lveOtherProcess(*conn, create);
    name = g_strcmp0(tmpl, "plain") == 0 ? g_strdup("plain") : g_strdup_printf("lve-%u", id);
    started = g_strdup_printf("%s Started Booted", name);
    lveWaitForLine(seen, started);
    dom = virDomainLookupByName(*conn, name);
    ck_assert_msg(dom, "%s: %s", name, virGetLastErrorMessage());
    return dom;
}

static void
lveListenEnd(virConnectPtr conn, lveSeen *seen, int cbid, virDomainPtr dom)
{
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, cbid), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    g_string_free(seen->log, TRUE);
}

/* A task of another process inside the LVE: what it does there. */
typedef struct {
    virDomainPtr dom;
    int hold[2];                    /* the task ends when the test closes hold[1] */
} lveTask;

static int
lveTaskEnter(lveTask *task, int report)
{
    close(task->hold[1]);
    if (lveTestEnter(task->dom, 0, NULL) == 0)
        return 0;
    fprintf(stderr, "enter: %s\n", virGetLastErrorMessage());
    lveTestReport(report, -1);
    return -1;
}

static void
lveTaskHold(lveTask *task)
{
    char c;

    while (read(task->hold[0], &c, 1) > 0 || errno == EINTR)
        ;
}

static int
childEnterAndHold(int report, void *opaque)
{
    if (lveTaskEnter(opaque, report) < 0)
        return 1;
    lveTestReport(report, 0);
    lveTaskHold(opaque);
    return 0;
}

#define GREEDY_MIB 100

static int
childGreedy(int report, void *opaque)
{
    volatile char *mem;
    size_t i;

    if (lveTaskEnter(opaque, report) < 0)
        return 1;
    lveTestReport(report, 0);
    if (!(mem = malloc((size_t)GREEDY_MIB << 20)))
        return 2;
    for (i = 0; i < ((size_t)GREEDY_MIB << 20); i += 4096)
        mem[i] = 1;
    return 3;                       /* alive: the limit did not hold */
}

static int
childForkUntilRefused(int report, void *opaque)
{
    int forks;

    if (lveTaskEnter(opaque, report) < 0)
        return 1;
    for (forks = 0; forks < 20; forks++) {
        pid_t pid = fork();

        if (pid == 0) {
            lveTaskHold(opaque);
            _exit(0);
        }
        if (pid < 0)
            break;
    }
    lveTestReport(report, forks);
    lveTaskHold(opaque);
    return 0;
}

static pid_t
lveTaskStart(lveTask *task, virDomainPtr dom, lveTestChildFunc fn, int *report)
{
    pid_t pid;

    task->dom = dom;
    ck_assert_int_eq(pipe2(task->hold, O_CLOEXEC), 0);
    pid = lveTestFork(fn, task, report);
    close(task->hold[0]);
    return pid;
}

/* The last task of an LVE ends by itself: SHUTDOWN after guest request,
 * and the LVE runs on, empty. */
START_TEST(test_kernel_emptied)
{
    lveSeen seen = { g_string_new(NULL), 0 };
    virConnectPtr conn;
    virDomainPtr dom;
    lveTask task;
    int cbid, report;
    pid_t pid;

    dom = lveListenAndCreate(&conn, &seen, &cbid, "plain", 4721);
    pid = lveTaskStart(&task, dom, childEnterAndHold, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    /* its entry was notified before it reported: now the LVE has a task */
    lveDrainLoop();
    ck_assert(!strstr(seen.log->str, "Shutdown"));
    close(task.hold[1]);
    lveWaitForLine(&seen, "plain Shutdown Finished after guest request");
    ck_assert_int_eq(lveTestWait(pid), 0);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    close(report);
    lveListenEnd(conn, &seen, cbid, dom);
}
END_TEST

/* A task killed by the memory limit: CRASHED, and the LVE runs on. */
START_TEST(test_kernel_oom)
{
    lveSeen seen = { g_string_new(NULL), 0 };
    virConnectPtr conn;
    virDomainPtr dom;
    lveTask task;
    int cbid, report, status;
    pid_t pid;

    dom = lveListenAndCreate(&conn, &seen, &cbid, "pmem32", 4722);
    pid = lveTaskStart(&task, dom, childGreedy, &report);
    close(task.hold[1]);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    lveWaitForLine(&seen, "lve-4722 Crashed Panicked");
    status = lveTestWait(pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "the task wanting %d MB was not killed (status 0x%x)", GREEDY_MIB, status);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    close(report);
    lveListenEnd(conn, &seen, cbid, dom);
}
END_TEST

/* A fork refused at nproc=5: CRASHED, and the LVE runs on. */
START_TEST(test_kernel_nproc)
{
    lveSeen seen = { g_string_new(NULL), 0 };
    virConnectPtr conn;
    virDomainPtr dom;
    lveTask task;
    int cbid, report;
    pid_t pid;

    dom = lveListenAndCreate(&conn, &seen, &cbid, "nproc5", 4723);
    pid = lveTaskStart(&task, dom, childForkUntilRefused, &report);
    /* the task and four forks make five: the fifth fork is refused */
    ck_assert_int_eq(lveTestChildResult(report), 4);
    lveWaitForLine(&seen, "lve-4723 Crashed Panicked");
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    close(task.hold[1]);
    ck_assert_int_eq(lveTestWait(pid), 0);
    close(report);
    lveListenEnd(conn, &seen, cbid, dom);
}
END_TEST

static int
childIgnoreTermAndHold(int report, void *opaque)
{
    signal(SIGTERM, SIG_IGN);
    return childEnterAndHold(report, opaque);
}

/* Another process asks a shutdown and is gone; the LVE's task ends
 * later (it ignored the SIGTERM, and ends when the test lets it): this
 * listener, which nobody prompts, hears the LVE empty and books the stop
 * itself (it opened the root writable). */
START_TEST(test_kernel_shutdown_elsewhere)
{
    lveSeen seen = { g_string_new(NULL), 0 };
    virConnectPtr conn;
    virDomainPtr dom;
    lveTask task;
    int cbid, report, status, state = -1, reason = -1;
    pid_t pid;

    dom = lveListenAndCreate(&conn, &seen, &cbid, "plain", 4724);
    pid = lveTaskStart(&task, dom, childIgnoreTermAndHold, &report);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    lveDrainLoop();
    lveOtherProcess(conn, "shutdown plain");
    lveDrainLoop();
    ck_assert_msg(!strstr(seen.log->str, "Stopped"), "%s", seen.log->str);
    close(task.hold[1]);
    lveWaitForLine(&seen, "plain Stopped Shutdown");
    ck_assert_msg(strstr(seen.log->str, "plain Shutdown Finished after guest request\n"
                                        "plain Stopped Shutdown\n"), "%s", seen.log->str);
    status = lveTestWait(pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "the task ended otherwise (status 0x%x)", status);
    /* a transient domain (virtsh create): gone with its stop */
    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), -1);
    ck_assert_int_eq(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
    close(report);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, cbid), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    g_string_free(seen.log, TRUE);
}
END_TEST

START_TEST(test_other_process)
{
    g_autofree char *xml = lveTestDomainXML("plain", 4711);
    g_autofree char *file = NULL;
    g_autofree char *define = NULL;
    lveSeen seen = { g_string_new(NULL), 0 };
    virConnectPtr conn;
    int id;

    virEventRegisterDefaultImpl();
    conn = lveTestOpen(NULL);
    file = g_build_filename(lveTestRoot(), "ev.xml", NULL);
    ck_assert(g_file_set_contents(file, xml, -1, NULL));
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(lveLifecycle), &seen, NULL);
    ck_assert_int_gt(id, 0);

    define = g_strdup_printf("define %s", file);
    lveOtherProcess(conn, define);
    lveWaitFor(&seen, 1);
    lveOtherProcess(conn, "start plain");
    lveWaitFor(&seen, 2);
    lveOtherProcess(conn, "destroy plain");
    lveWaitFor(&seen, 3);
    lveOtherProcess(conn, "undefine plain");
    lveWaitFor(&seen, 4);
    ck_assert_str_eq(seen.log->str,
                     "plain Defined Added\n"
                     "plain Started Booted\n"
                     "plain Stopped Destroyed\n"
                     "plain Undefined Removed\n");
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    g_string_free(seen.log, TRUE);
}
END_TEST

/* The same events for changes made through this process's API. */
START_TEST(test_this_process)
{
    lveSeen seen = { g_string_new(NULL), 0 };
    virConnectPtr conn;
    virDomainPtr dom;
    int id;

    virEventRegisterDefaultImpl();
    conn = lveTestOpen(NULL);
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(lveLifecycle), &seen, NULL);
    dom = lveTestDefineAndStart(conn, "plain", 4712);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_int_eq(virDomainResume(dom), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    lveWaitFor(&seen, 6);
    ck_assert_str_eq(seen.log->str,
                     "plain Defined Added\n"
                     "plain Started Booted\n"
                     "plain Suspended Paused\n"
                     "plain Resumed Unpaused\n"
                     "plain Stopped Destroyed\n"
                     "plain Undefined Removed\n");
    virDomainFree(dom);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    g_string_free(seen.log, TRUE);
}
END_TEST

static Suite *
lveEventSuite(void)
{
    Suite *s = suite_create("lve-event");
    TCase *tc = tcase_create("event");

    tcase_set_timeout(tc, 180);
    tcase_add_test(tc, test_this_process);
    tcase_add_test(tc, test_other_process);
    tcase_add_test(tc, test_kernel_emptied);
    tcase_add_test(tc, test_kernel_oom);
    tcase_add_test(tc, test_kernel_nproc);
    tcase_add_test(tc, test_kernel_shutdown_elsewhere);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-event", true);
    return lveTestRun(lveEventSuite());
}
