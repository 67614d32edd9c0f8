/*
 * threadtest.c: one connection shared by threads, and connections of
 * their own, working on their own and on shared domains
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

#define THREADS 8
#define ROUNDS 200

typedef struct {
    virConnectPtr conn;     /* shared, or NULL: open one */
    int index;
    int failures;
} testWorker;

static int
testWorkerRound(virConnectPtr conn, int index, int round)
{
    g_autofree char *xml = g_strdup_printf(
        "<domain type='test'><name>t%d-%d</name><memory>1024</memory><vcpu>2</vcpu>"
        "<os><type>hvm</type></os></domain>", index, round);
    unsigned char map[2] = { (unsigned char)(1 << (round % 8)), 0 };
    virVcpuInfo info[2];
    virDomainPtr dom, shared;
    int failures = 0;

    if (!(dom = virDomainDefineXML(conn, xml)))
        return 1;
    failures += virDomainCreate(dom) < 0;
    failures += virDomainPinVcpu(dom, 0, map, 2) < 0;
    failures += virDomainGetVcpus(dom, info, 2, NULL, 0) != 2;
    failures += virDomainSuspend(dom) < 0;
    failures += virDomainResume(dom) < 0;
    /* everyone also touches the one shared domain; some of these race and
     * fail with a clear error, which is fine: none may crash or corrupt */
    if ((shared = virDomainLookupByName(conn, "test"))) {
        virDomainSuspend(shared);
        virDomainResume(shared);
        failures += virDomainGetInfo(shared, &(virDomainInfo){0}) < 0;
        virDomainFree(shared);
    }
    failures += virConnectListAllDomains(conn, NULL, 0) < 1;
    failures += virDomainDestroy(dom) < 0;
    failures += virDomainUndefine(dom) < 0;
    virDomainFree(dom);
    return failures;
}

static gpointer
testWorkerRun(gpointer data)
{
    testWorker *w = data;
    virConnectPtr conn = w->conn ? w->conn : virConnectOpen("test:///default");
    int i;

    for (i = 0; i < ROUNDS; i++)
        w->failures += testWorkerRound(conn, w->index, i);
    if (!w->conn)
        virConnectClose(conn);
    return NULL;
}

static void
testRunWorkers(bool shareConnection)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    testWorker workers[THREADS];
    GThread *threads[THREADS];
    virDomainPtr test;
    int i, state;

    for (i = 0; i < THREADS; i++) {
        workers[i] = (testWorker) { shareConnection ? conn : NULL, i, 0 };
        threads[i] = g_thread_new("worker", testWorkerRun, &workers[i]);
    }
    for (i = 0; i < THREADS; i++) {
        g_thread_join(threads[i]);
        ck_assert_msg(workers[i].failures == 0, "worker %d: %d failures", i, workers[i].failures);
    }
    /* nothing lost, nothing left behind, the shared domain consistent */
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    test = virDomainLookupByName(conn, "test");
    ck_assert_int_eq(virDomainGetState(test, &state, NULL, 0), 0);
    ck_assert(state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_PAUSED);
    virDomainFree(test);
    ck_assert_int_eq(virConnectClose(conn), 0);
}

START_TEST(test_shared_connection)
{
    testRunWorkers(true);
}
END_TEST

START_TEST(test_own_connections)
{
    testRunWorkers(false);
}
END_TEST

static Suite *
threadSuite(void)
{
    Suite *s = suite_create("thread");
    TCase *tc = tcase_create("thread");

    tcase_add_test(tc, test_shared_connection);
    tcase_add_test(tc, test_own_connections);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(threadSuite());
}
