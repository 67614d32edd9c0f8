/*
 * lve_event_test.c: lifecycle events of LVEs on this machine's kernel,
 * and of changes another process makes to the same root: a second
 * virtsh defines, starts, destroys and undefines while a listener in
 * this process waits on the default event loop
 */
#include <config.h>

#include <stdlib.h>

#include <glib.h>

#include "lvetest.h"

static const char *const lveEventTypes[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
};
static const char *const lveEventDetails[][7] = {
    { "Added", "Updated", "Renamed", "Snapshot" },
    { "Removed", "Renamed" },
    { "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup" },
    { "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error" },
    { "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error" },
    { "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot" },
    { "Finished", "Finished after guest request", "Finished after host request" },
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
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-event", true);
    return lveTestRun(lveEventSuite());
}
