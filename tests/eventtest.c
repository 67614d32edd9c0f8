/*
 * eventtest.c: domain events through the public API: the lifecycle
 * events of every transition on the test driver against libvirt 9.0's
 * (tests/data/events/sequence.txt), the legacy and the "Any"
 * registrations, filters, the default loop and an application's own,
 * deregistering inside a callback, closing a connection with callbacks
 * registered, and events from several threads
 */
#include <config.h>

#include <pthread.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "testutils.h"

static const char *const testEventTypes[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
    "PMSuspended", "Crashed",
};
static const char *const testEventDetails[][9] = {
    { "Added", "Updated", "Renamed", "Snapshot" },
    { "Removed", "Renamed" },
    { "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup" },
    { "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error",
      "Post-copy", "Post-copy Error" },
    { "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error" },
    { "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot" },
};

#define EV_XML "<domain type='test'><name>%s</name><uuid>%s</uuid><memory>65536</memory>" \
               "<os><type>hvm</type></os>%s</domain>"
#define EV_UUID "0f5e6c2a-1d4b-4c1e-9a53-2e8d7b1c4a01"
#define RB_UUID "0f5e6c2a-1d4b-4c1e-9a53-2e8d7b1c4a02"

/* What a callback saw; guarded by a mutex since threads queue events
 * while the loop delivers them. */
typedef struct {
    pthread_mutex_t lock;          /* not a GMutex: its futex is invisible to TSan */
    GString *log;
    int count;
    int freed;
    /* a sequence of steps: how many events each expects (read from its
     * expected output), and the count before the step in progress */
    GArray *expect;
    guint step;
    int stepBase;
} testSeen;

static int
testLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event, int detail,
              void *opaque)
{
    testSeen *seen = opaque;

    pthread_mutex_lock(&seen->lock);
    g_string_append_printf(seen->log, "  %s %s %s\n", virDomainGetName(dom),
                           testEventTypes[event], testEventDetails[event][detail]);
    seen->count++;
    pthread_mutex_unlock(&seen->lock);
    return 0;
}

static void
testSeenFreed(void *opaque)
{
    testSeen *seen = opaque;

    pthread_mutex_lock(&seen->lock);
    seen->freed++;
    pthread_mutex_unlock(&seen->lock);
}

static int
testSeenFreedCount(testSeen *seen)
{
    int freed;

    pthread_mutex_lock(&seen->lock);
    freed = seen->freed;
    pthread_mutex_unlock(&seen->lock);
    return freed;
}

static void
testSeenInit(testSeen *seen)
{
    pthread_mutex_init(&seen->lock, NULL);
    seen->log = g_string_new(NULL);
    seen->count = seen->freed = 0;
    seen->expect = NULL;
    seen->step = 0;
    seen->stepBase = 0;
}

static void
testSeenClear(testSeen *seen)
{
    g_string_free(seen->log, TRUE);
    if (seen->expect)
        g_array_unref(seen->expect);
    pthread_mutex_destroy(&seen->lock);
}

static int
testSeenCount(testSeen *seen)
{
    int count;

    pthread_mutex_lock(&seen->lock);
    count = seen->count;
    pthread_mutex_unlock(&seen->lock);
    return count;
}

/* Delivers what is queued: the event timer is due at once. */
static void
testDrain(void)
{
    int i;

    for (i = 0; i < 3; i++)
        while (g_main_context_iteration(NULL, FALSE))
            ;
}

static gboolean
testGiveUp(gpointer opaque)
{
    *(bool *)opaque = true;
    return G_SOURCE_REMOVE;
}

/* Runs the default loop until @seen counted @count events; a guard of a
 * minute keeps a lost event from hanging the suite (it fails instead). */
static void
testWaitUntil(testSeen *seen, int count)
{
    bool gaveUp = false;
    guint guard = g_timeout_add_seconds(60, testGiveUp, &gaveUp);

    while (testSeenCount(seen) < count && !gaveUp)
        virEventRunDefaultImpl();
    if (!gaveUp)
        g_source_remove(guard);
}

static void
testWaitFor(testSeen *seen, int count)
{
    testWaitUntil(seen, count);
    ck_assert_int_eq(testSeenCount(seen), count);
}

/* How many events each step of the expected output tests/data/@relpath
 * shows: a step is a line of its own, its events the indented lines
 * after it.  NULL while expected outputs are being regenerated. */
static GArray *
testExpectedSteps(const char *relpath)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GArray *steps;
    size_t i;

    if (g_strcmp0(g_getenv("VIRTKIT_TEST_REGENERATE"), "1") == 0)
        return NULL;
    text = testLoadFile(relpath);
    lines = g_strsplit(text, "\n", -1);
    steps = g_array_new(FALSE, TRUE, sizeof(int));
    for (i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], "  ") && steps->len > 0)
            g_array_index(steps, int, steps->len - 1)++;
        else if (*lines[i])
            g_array_set_size(steps, steps->len + 1);
    }
    return steps;
}

/* The end of a step: its events are waited for (a remote connection
 * hears them after the call returned), then what the loop holds. */
static void
testRunStep(testSeen *seen, GString *out, const char *label, int rc)
{
    if (seen->expect && seen->step < seen->expect->len)
        testWaitUntil(seen, seen->stepBase + g_array_index(seen->expect, int, seen->step));
    seen->step++;
    if (rc < 0) {
        g_string_append_printf(out, "%s: error\n", label);
        return;
    }
    testDrain();
    seen->stepBase = testSeenCount(seen);
    g_string_append_printf(out, "%s\n%s", label, seen->log->str);
    g_string_truncate(seen->log, 0);
}

static int
testDo(virDomainPtr dom, int rc)
{
    if (dom)
        virDomainFree(dom);
    return rc;
}

static virDomainPtr
testLookup(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);

    ck_assert_ptr_nonnull(dom);
    return dom;
}

#define STEP(label, expr) testRunStep(&seen, out, label, (expr))

/* The steps of tests/events/libvirt-sequence.py, on virtkit's test driver. */
static void
testSequenceSteps(virConnectPtr conn, testSeen *seenp, GString *out, const char *save)
{
    g_autofree char *evXML = g_strdup_printf(EV_XML, "ev", EV_UUID, "");
    g_autofree char *rbXML = g_strdup_printf(EV_XML, "rb", RB_UUID,
                                             "<on_poweroff>restart</on_poweroff>"
                                             "<on_reboot>destroy</on_reboot>");
    virDomainPtr test = testLookup(conn, "test"), ev, rb;
#define seen (*seenp)

    STEP("suspend test", virDomainSuspend(test));
    STEP("resume test", virDomainResume(test));
    STEP("destroy test", virDomainDestroy(test));
    STEP("start test", virDomainCreate(test));
    STEP("shutdown test", virDomainShutdown(test));
    STEP("start test", virDomainCreate(test));
    STEP("reboot test", virDomainReboot(test, 0));
    STEP("reset test", virDomainReset(test, 0));
    STEP("define ev", testDo(virDomainDefineXML(conn, evXML), 0));
    STEP("define ev again", testDo(virDomainDefineXML(conn, evXML), 0));
    ev = testLookup(conn, "ev");
    STEP("start ev", virDomainCreate(ev));
    STEP("undefine ev while it runs", virDomainUndefine(ev));
    STEP("destroy ev", virDomainDestroy(ev));
    virDomainFree(ev);
    STEP("create ev", testDo(virDomainCreateXML(conn, evXML, 0), 0));
    ev = testLookup(conn, "ev");
    STEP("shutdown ev", virDomainShutdown(ev));
    virDomainFree(ev);
    STEP("define rb", testDo(virDomainDefineXML(conn, rbXML), 0));
    rb = testLookup(conn, "rb");
    STEP("start rb", virDomainCreate(rb));
    STEP("shutdown rb", virDomainShutdown(rb));
    STEP("reboot rb", virDomainReboot(rb, 0));
    STEP("undefine rb", virDomainUndefine(rb));
    virDomainFree(rb);
    STEP("save test", virDomainSave(test, save));
    STEP("restore test", virDomainRestore(conn, save));
    STEP("managedsave test", virDomainManagedSave(test, 0));
    STEP("managedsave-remove test", virDomainManagedSaveRemove(test, 0));
    STEP("start test", virDomainCreate(test));
    STEP("setmem test", virDomainSetMemory(test, 1048576));
    STEP("autostart test", virDomainSetAutostart(test, 1));
#undef seen
    virDomainFree(test);
}

START_TEST(test_sequence)
{
    g_autofree char *dir = testMakeTempDir("eventtest");
    g_autofree char *save = g_build_filename(dir, "test.save", NULL);
    g_autoptr(GString) out = g_string_new(NULL);
    virConnectPtr conn;
    testSeen seen;
    int id;

    testSeenInit(&seen);
    seen.expect = testExpectedSteps("events/sequence.txt");
    ck_assert_int_eq(virEventRegisterDefaultImpl(), 0);
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testLifecycle), &seen,
                                          testSeenFreed);
    ck_assert_int_gt(id, 0);
    testSequenceSteps(conn, &seen, out, save);
    ck_assert(testCompareToFile(out->str, "events/sequence.txt"));
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    ck_assert_int_eq(seen.freed, 1);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testRemoveTree(dir);
    testSeenClear(&seen);
}
END_TEST

static const char *const testMetadataTypes[] = { "description", "title", "element" };

static void
testMetadata(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int type, const char *nsuri,
             void *opaque)
{
    testSeen *seen = opaque;

    pthread_mutex_lock(&seen->lock);
    /* python's None for NULL: the reference was printed by python */
    g_string_append_printf(seen->log, "  %s metadata %s %s\n", virDomainGetName(dom),
                           testMetadataTypes[type], nsuri ? nsuri : "None");
    seen->count++;
    pthread_mutex_unlock(&seen->lock);
}

/* The calls of tests/events/libvirt-metadata.py: one METADATA_CHANGE per
 * call that succeeded, no lifecycle event, as libvirt 9.0's test driver. */
START_TEST(test_metadata_change)
{
    g_autoptr(GString) out = g_string_new(NULL);
    const char *ns = "http://example.org/ns";
    const unsigned int both = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG;
    virConnectPtr conn;
    virDomainPtr test;
    testSeen seen;
    int md, lc;

    testSeenInit(&seen);
    seen.expect = testExpectedSteps("events/metadata.txt");
    ck_assert_int_eq(virEventRegisterDefaultImpl(), 0);
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    md = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testMetadata), &seen, NULL);
    lc = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testLifecycle), &seen, NULL);
    ck_assert_int_gt(md, 0);
    ck_assert_int_gt(lc, 0);
    test = testLookup(conn, "test");
    STEP("title", virDomainSetMetadata(test, VIR_DOMAIN_METADATA_TITLE, "T", NULL, NULL, 0));
    STEP("description config", virDomainSetMetadata(test, VIR_DOMAIN_METADATA_DESCRIPTION, "D",
                                                    NULL, NULL, VIR_DOMAIN_AFFECT_CONFIG));
    STEP("title live and config",
         virDomainSetMetadata(test, VIR_DOMAIN_METADATA_TITLE, "T2", NULL, NULL, both));
    STEP("element", virDomainSetMetadata(test, VIR_DOMAIN_METADATA_ELEMENT, "<x/>", "ex", ns, 0));
    STEP("element again",
         virDomainSetMetadata(test, VIR_DOMAIN_METADATA_ELEMENT, "<x/>", "ex", ns, 0));
    STEP("element removed",
         virDomainSetMetadata(test, VIR_DOMAIN_METADATA_ELEMENT, NULL, NULL, ns, 0));
    STEP("element that does not parse",
         virDomainSetMetadata(test, VIR_DOMAIN_METADATA_ELEMENT, "<x", "ex", ns, 0));
    STEP("title removed", virDomainSetMetadata(test, VIR_DOMAIN_METADATA_TITLE, NULL, NULL,
                                               NULL, 0));
    ck_assert(testCompareToFile(out->str, "events/metadata.txt"));
    virDomainFree(test);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, md), 0);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, lc), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testSeenClear(&seen);
}
END_TEST

/* virtkit's own: a paused start, and a start from a managed save image
 * (libvirt's test driver refuses the first and says Booted for the
 * second; virtkit's state says restored, and so does its event). */
START_TEST(test_paused_and_restored)
{
    virConnectPtr conn;
    virDomainPtr test;
    testSeen seen;
    int id;

    testSeenInit(&seen);
    virEventRegisterDefaultImpl();
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testLifecycle), &seen, NULL);
    test = testLookup(conn, "test");
    ck_assert_int_eq(virDomainDestroy(test), 0);
    ck_assert_int_eq(virDomainCreateWithFlags(test, VIR_DOMAIN_START_PAUSED), 0);
    ck_assert_int_eq(virDomainManagedSave(test, 0), 0);
    ck_assert_int_eq(virDomainCreate(test), 0);
    testWaitUntil(&seen, 5);
    testDrain();
    ck_assert_str_eq(seen.log->str,
                     "  test Stopped Destroyed\n"
                     "  test Started Booted\n"
                     "  test Suspended Paused\n"
                     "  test Stopped Saved\n"
                     "  test Started Restored\n");
    virDomainFree(test);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testSeenClear(&seen);
}
END_TEST

START_TEST(test_legacy_and_filter)
{
    virConnectPtr conn;
    virDomainPtr test;
    testSeen legacy, filtered;
    int id;

    testSeenInit(&legacy);
    testSeenInit(&filtered);
    virEventRegisterDefaultImpl();
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    test = testLookup(conn, "test");
    ck_assert_int_eq(virConnectDomainEventRegister(conn, testLifecycle, &legacy, testSeenFreed), 0);
    ck_assert_int_eq(virConnectDomainEventRegister(conn, testLifecycle, &legacy, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "event callback already tracked");
    id = virConnectDomainEventRegisterAny(conn, test, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testLifecycle), &filtered,
                                          testSeenFreed);
    ck_assert_int_gt(id, 0);
    ck_assert_int_eq(virDomainSuspend(test), 0);
    virDomainFree(virDomainDefineXML(conn, "<domain type='test'><name>other</name>"
                                     "<memory>1024</memory><os><type>hvm</type></os></domain>"));
    testWaitUntil(&legacy, 2);
    testWaitUntil(&filtered, 1);
    testDrain();
    ck_assert_str_eq(legacy.log->str, "  test Suspended Paused\n  other Defined Added\n");
    ck_assert_str_eq(filtered.log->str, "  test Suspended Paused\n");

    ck_assert_int_eq(virConnectDomainEventDeregister(conn, testLifecycle), 0);
    ck_assert_int_eq(legacy.freed, 1);
    ck_assert_int_eq(virConnectDomainEventDeregister(conn, testLifecycle), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "not registered");
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "not registered");
    ck_assert_int_eq(filtered.freed, 1);
    virDomainFree(test);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testSeenClear(&legacy);
    testSeenClear(&filtered);
}
END_TEST

START_TEST(test_bad_arguments)
{
    virConnectPtr conn, other;
    virDomainPtr test;

    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    /* no event loop registered in this process */
    ck_assert_int_eq(virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                      VIR_DOMAIN_EVENT_CALLBACK(testLifecycle),
                                                      NULL, NULL), -1);
    ck_assert_error(VIR_ERR_INTERNAL_ERROR, "could not initialize domain event timer");
    virEventRegisterDefaultImpl();
    ck_assert_int_eq(virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE + 1,
                                                      VIR_DOMAIN_EVENT_CALLBACK(testLifecycle),
                                                      NULL, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "eventID");
    ck_assert_int_eq(virConnectDomainEventRegisterAny(conn, NULL, 0, NULL, NULL, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cb");
    ck_assert_ptr_nonnull(other = testOpenDefault(false));
    test = testLookup(other, "test");
    ck_assert_int_eq(virConnectDomainEventRegisterAny(conn, test, 0,
                                                      VIR_DOMAIN_EVENT_CALLBACK(testLifecycle),
                                                      NULL, NULL), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "dom");
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, 12345), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "event callback id 12345 not registered");
    ck_assert_int_eq(virConnectDomainEventRegisterAny(NULL, NULL, 0,
                                                      VIR_DOMAIN_EVENT_CALLBACK(testLifecycle),
                                                      NULL, NULL), -1);
    virDomainFree(test);
    ck_assert_int_eq(virConnectClose(other), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
}
END_TEST

typedef struct {
    testSeen seen;
    virConnectPtr conn;
    int id;
} testSelf;

static int
testDeregisterSelf(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    testSelf *self = opaque;

    testLifecycle(conn, dom, event, detail, &self->seen);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, self->id), 0);
    /* still alive until this call returns */
    ck_assert_int_eq(self->seen.freed, 0);
    return 0;
}

START_TEST(test_deregister_inside)
{
    virConnectPtr conn;
    virDomainPtr test;
    testSelf self;

    testSeenInit(&self.seen);
    virEventRegisterDefaultImpl();
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    self.id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                               VIR_DOMAIN_EVENT_CALLBACK(testDeregisterSelf),
                                               &self, testSeenFreed);
    test = testLookup(conn, "test");
    ck_assert_int_eq(virDomainSuspend(test), 0);
    ck_assert_int_eq(virDomainResume(test), 0);
    testWaitUntil(&self.seen, 1);
    testDrain();
    /* the second event came after the first: the callback that went is
     * not called again */
    ck_assert_int_eq(self.seen.count, 1);
    ck_assert_int_eq(self.seen.freed, 1);
    virDomainFree(test);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testSeenClear(&self.seen);
}
END_TEST

static void
testClosed(virConnectPtr conn G_GNUC_UNUSED, int reason G_GNUC_UNUSED, void *opaque)
{
    testSeenFreed(opaque);
}

static void
testClosedOther(virConnectPtr conn G_GNUC_UNUSED, int reason G_GNUC_UNUSED,
                void *opaque G_GNUC_UNUSED)
{
}

START_TEST(test_close_with_callbacks)
{
    virConnectPtr conn, other;
    virDomainPtr test;
    testSeen seen;
    int id;

    testSeenInit(&seen);
    virEventRegisterDefaultImpl();
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testLifecycle), &seen,
                                          testSeenFreed);
    ck_assert_int_eq(virConnectRegisterCloseCallback(conn, testClosed,
                                                     &seen, NULL), 0);
    /* as in libvirt: the callback holds the connection */
    ck_assert_int_eq(virConnectClose(conn), 1);
    ck_assert_ptr_nonnull(other = testOpenDefault(false));
    test = testLookup(other, "test");
    ck_assert_int_eq(virDomainSuspend(test), 0);
    testWaitUntil(&seen, 1);
    testDrain();
    ck_assert_str_eq(seen.log->str, "  test Suspended Paused\n");
    /* the last reference goes with the callback */
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    ck_assert_int_eq(seen.freed, 1);
    ck_assert_int_eq(virDomainResume(test), 0);
    testDrain();
    ck_assert_int_eq(seen.count, 1);
    virDomainFree(test);
    ck_assert_int_eq(virConnectClose(other), 0);
    testSeenClear(&seen);
}
END_TEST

START_TEST(test_close_callback)
{
    virConnectPtr conn;
    testSeen seen;

    testSeenInit(&seen);
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    ck_assert_int_eq(virConnectRegisterCloseCallback(conn, testClosed,
                                                     &seen, testSeenFreed), 0);
    ck_assert_int_eq(virConnectRegisterCloseCallback(conn, testClosed,
                                                     &seen, NULL), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "already registered");
    ck_assert_int_eq(virConnectUnregisterCloseCallback(conn,
                                                       testClosedOther), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "different callback");
    ck_assert_int_eq(virConnectUnregisterCloseCallback(conn, testClosed),
                     0);
    ck_assert_int_eq(seen.freed, 1);
    /* one still registered when the connection goes is freed with it */
    ck_assert_int_eq(virConnectRegisterCloseCallback(conn, testClosed,
                                                     &seen, testSeenFreed), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    ck_assert_int_eq(seen.freed, 2);
    testSeenClear(&seen);
}
END_TEST

/* ---- an application's own loop: timers only, run by hand ----------- */

typedef struct {
    int id;
    int period;                     /* -1: off */
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
} testTimer;

static GPtrArray *testTimers;
static int testTimerNext = 1;
static int testTimerCalls;

static int
testAddTimeout(int period, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    testTimer *t = g_new0(testTimer, 1);

    *t = (testTimer) { testTimerNext++, period, cb, opaque, ff };
    g_ptr_array_add(testTimers, t);
    return t->id;
}

static testTimer *
testFindTimer(int id)
{
    guint i;

    for (i = 0; i < testTimers->len; i++) {
        testTimer *t = g_ptr_array_index(testTimers, i);

        if (t->id == id)
            return t;
    }
    return NULL;
}

static void
testUpdateTimeout(int id, int period)
{
    testTimer *t = testFindTimer(id);

    if (t)
        t->period = period;
}

static int
testRemoveTimeout(int id)
{
    testTimer *t = testFindTimer(id);

    if (!t)
        return -1;
    g_ptr_array_remove(testTimers, t);
    if (t->ff)
        t->ff(t->opaque);
    g_free(t);
    return 0;
}

static int
testAddHandle(int fd G_GNUC_UNUSED, int events G_GNUC_UNUSED,
              virEventHandleCallback cb G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED,
              virFreeCallback ff G_GNUC_UNUSED)
{
    return -1;
}

static void
testRunOwnLoop(void)
{
    guint i;

    for (i = 0; i < testTimers->len; i++) {
        testTimer *t = g_ptr_array_index(testTimers, i);

        if (t->period >= 0) {
            testTimerCalls++;
            t->cb(t->id, t->opaque);
        }
    }
}

/* Runs the application's loop until an event was delivered.  A remote
 * connection cannot be watched by a loop without handles: it hears the
 * daemon's events during its calls, so it makes some (a minute at most). */
static void
testRunOwnLoopFor(virConnectPtr conn, testSeen *seen)
{
    gint64 deadline = g_get_monotonic_time() + 60 * G_USEC_PER_SEC;
    unsigned long version;

    testRunOwnLoop();
    while (testIsRemote() && testSeenCount(seen) == 0 && g_get_monotonic_time() < deadline) {
        ck_assert_int_eq(virConnectGetVersion(conn, &version), 0);
        testRunOwnLoop();
    }
}

START_TEST(test_own_loop)
{
    virConnectPtr conn;
    virDomainPtr test;
    testSeen seen;
    int id;

    testSeenInit(&seen);
    testTimers = g_ptr_array_new();
    virEventRegisterImpl(testAddHandle, NULL, NULL, testAddTimeout, testUpdateTimeout,
                         testRemoveTimeout);
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testLifecycle), &seen, NULL);
    ck_assert_int_gt(id, 0);
    ck_assert_uint_eq(testTimers->len, 1);
    test = testLookup(conn, "test");
    ck_assert_int_eq(virDomainSuspend(test), 0);
    /* nothing is delivered before the application's loop runs */
    ck_assert_int_eq(seen.count, 0);
    testRunOwnLoopFor(conn, &seen);
    ck_assert_str_eq(seen.log->str, "  test Suspended Paused\n");
    /* the timer is off again once the queue is empty */
    testRunOwnLoop();
    ck_assert_int_eq(testTimerCalls, 1);
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    /* the last callback takes the timer with it */
    ck_assert_uint_eq(testTimers->len, 0);
    virDomainFree(test);
    ck_assert_int_eq(virConnectClose(conn), 0);
    g_ptr_array_free(testTimers, TRUE);
    testSeenClear(&seen);
}
END_TEST

/* ---- threads -------------------------------------------------------- */

#define THREADS 4
#define ROUNDS 50

typedef struct {
    virConnectPtr conn;
    int index;
    int failures;
} testWorker;

static gpointer
testWorkerRun(gpointer opaque)
{
    testWorker *w = opaque;
    g_autofree char *name = g_strdup_printf("w%d", w->index);
    virDomainPtr dom = virDomainLookupByName(w->conn, name);
    int i;

    for (i = 0; i < ROUNDS && dom; i++) {
        w->failures += virDomainSuspend(dom) < 0;
        w->failures += virDomainResume(dom) < 0;
    }
    w->failures += !dom;
    if (dom)
        virDomainFree(dom);
    return NULL;
}

/* Another function than testLifecycle: libvirt refuses the same one
 * twice on a connection. */
static int
testLifecycleChurn(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    return testLifecycle(conn, dom, event, detail, opaque);
}

/* Registers and deregisters callbacks while events are delivered. */
static gpointer
testChurnRun(gpointer opaque)
{
    testWorker *w = opaque;
    testSeen seen;
    int i;

    testSeenInit(&seen);
    for (i = 0; i < ROUNDS; i++) {
        int id = virConnectDomainEventRegisterAny(w->conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  VIR_DOMAIN_EVENT_CALLBACK(testLifecycleChurn),
                                                  &seen, testSeenFreed);

        w->failures += id < 0 || virConnectDomainEventDeregisterAny(w->conn, id) < 0;
    }
    /* a callback freed at the end of a delivery under way is freed by now
     * or soon: wait for the loop's thread to let go of it */
    while (!w->failures && testSeenFreedCount(&seen) < ROUNDS)
        g_usleep(1000);
    testSeenClear(&seen);
    return NULL;
}

START_TEST(test_threads)
{
    testWorker workers[THREADS + 1];
    GThread *threads[THREADS + 1];
    virConnectPtr conn;
    testSeen seen;
    int i, id;

    testSeenInit(&seen);
    virEventRegisterDefaultImpl();
    ck_assert_ptr_nonnull(conn = testOpenDefault(false));
    for (i = 0; i < THREADS; i++) {
        g_autofree char *xml = g_strdup_printf("<domain type='test'><name>w%d</name>"
                                               "<memory>1024</memory><os><type>hvm</type></os>"
                                               "</domain>", i);

        virDomainFree(virDomainCreateXML(conn, xml, 0));
    }
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(testLifecycle), &seen, NULL);
    for (i = 0; i <= THREADS; i++) {
        workers[i] = (testWorker) { conn, i, 0 };
        threads[i] = g_thread_new("worker", i < THREADS ? testWorkerRun : testChurnRun,
                                  &workers[i]);
    }
    testWaitFor(&seen, THREADS * ROUNDS * 2);
    for (i = 0; i <= THREADS; i++) {
        g_thread_join(threads[i]);
        ck_assert_int_eq(workers[i].failures, 0);
    }
    ck_assert_int_eq(virConnectDomainEventDeregisterAny(conn, id), 0);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testSeenClear(&seen);
}
END_TEST

static Suite *
eventSuite(void)
{
    Suite *s = suite_create("event");
    TCase *tc = tcase_create("event");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_sequence);
    tcase_add_test(tc, test_metadata_change);
    tcase_add_test(tc, test_paused_and_restored);
    tcase_add_test(tc, test_legacy_and_filter);
    tcase_add_test(tc, test_bad_arguments);
    tcase_add_test(tc, test_deregister_inside);
    tcase_add_test(tc, test_close_with_callbacks);
    tcase_add_test(tc, test_close_callback);
    tcase_add_test(tc, test_own_loop);
    tcase_add_test(tc, test_threads);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(eventSuite());
}
