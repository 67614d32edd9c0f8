/*
 * stresstest.c: sixteen threads on the same domains for a few seconds
 *
 * Eight threads share one connection, eight open their own, all to the
 * same test:///embed root, so every call races with others on the same
 * domains and the same files: define, start, suspend, resume, pin, info,
 * list, destroy, undefine, autostart.  A call may lose a race, but only
 * with an error that says so (no such domain, not running, ...); anything
 * else is a failure.  Each thread also keeps one domain of its own whose
 * fate it knows.  Afterwards: no domain lost or duplicated, the states
 * every call reports agree with each other and with the files, every
 * handle was freed (virConnectClose returns 0), and a fresh driver loads
 * the same domains from disk.
 *
 * VIRTKIT_STRESS_SECONDS sets the duration (default 3).  Run under
 * ThreadSanitizer by `make check-tsan`.
 *
 * A second test starts many fresh processes whose threads all parse their
 * first number at the same instant: GLib 2.74's g_ascii_string_to_*()
 * failed on valid numbers then, about once in a hundred processes.
 */
#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "relutils.h"

#define STRESS_THREADS 16          /* the first half share one connection */
#define STRESS_SHARED 6            /* domains everyone works on */
#define STRESS_MAX_VCPUS 4
#define STRESS_PARSE_THREADS 32

typedef struct {
    int index;
    virConnectPtr conn;             /* shared, or NULL: open one */
    const char *uri;
    gint64 deadline;
    GRand *rand;
    unsigned int calls;
    unsigned int failures;          /* errors no race explains */
    bool ownDefined;                /* the fate of the thread's own domain */
    bool ownRunning;
    char *firstFailure;
} stressWorker;

static char *
stressXML(const char *name, int index, unsigned int vcpus)
{
    /* a fixed UUID per name: two defines of one name are one domain */
    return g_strdup_printf("<domain type='test'><name>%s</name>"
                           "<uuid>5eed0000-0000-4000-8000-%012x</uuid>"
                           "<memory unit='MiB'>%u</memory><vcpu>%u</vcpu>"
                           "<os><type>hvm</type></os></domain>",
                           name, index, 32 + vcpus, vcpus);
}

/* An error a lost race explains. */
static bool
stressExpectedError(void)
{
    switch (virGetLastErrorCode()) {
    case VIR_ERR_NO_DOMAIN:             /* undefined or destroyed meanwhile */
    case VIR_ERR_OPERATION_INVALID:     /* not running, already running, transient */
    case VIR_ERR_INVALID_ARG:           /* a vcpu the domain lost meanwhile */
        return true;
    default:
        return false;
    }
}

static void
stressCheck(stressWorker *w, bool ok, const char *what)
{
    w->calls++;
    if (ok || stressExpectedError())
        return;
    w->failures++;
    if (!w->firstFailure)
        w->firstFailure = g_strdup_printf("%s: %d %s", what, virGetLastErrorCode(),
                                          virGetLastErrorMessage());
}

/* One listing is one instant: no name twice, counts that add up. */
static void
stressCheckListing(stressWorker *w, virConnectPtr conn)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);
    int i;

    stressCheck(w, n >= 0, "list");
    for (i = 0; i < n; i++) {
        if (!g_hash_table_add(seen, (gpointer)virDomainGetName(doms[i])))
            stressCheck(w, false, "a domain listed twice");
    }
    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    /* the older calls, racing with the same changes */
    stressCheck(w, virConnectNumOfDomains(conn) >= 0 && virConnectNumOfDefinedDomains(conn) >= 0,
                "count");
    {
        int ids[STRESS_THREADS + STRESS_SHARED];
        char *names[STRESS_THREADS + STRESS_SHARED];

        stressCheck(w, virConnectListDomains(conn, ids, G_N_ELEMENTS(ids)) >= 0, "list ids");
        n = virConnectListDefinedDomains(conn, names, G_N_ELEMENTS(names));
        stressCheck(w, n >= 0, "list names");
        for (i = 0; i < n; i++)
            free(names[i]);
    }
}

static void
stressPin(stressWorker *w, virDomainPtr dom)
{
    unsigned char map[2] = { g_rand_int(w->rand) & 0xff, g_rand_int(w->rand) & 0xff };
    unsigned int vcpu = g_rand_int_range(w->rand, 0, STRESS_MAX_VCPUS);
    unsigned int flags = g_rand_boolean(w->rand) ? VIR_DOMAIN_AFFECT_CONFIG : 0;

    if (!map[0] && !map[1])
        map[0] = 1;
    stressCheck(w, virDomainPinVcpuFlags(dom, vcpu, map, 2, flags) == 0, "pin");
}

static void
stressInfo(stressWorker *w, virDomainPtr dom)
{
    virDomainInfo info;
    int state = -1, reason;

    if (virDomainGetInfo(dom, &info) < 0) {
        stressCheck(w, false, "info");
        return;
    }
    stressCheck(w, info.state >= VIR_DOMAIN_RUNNING && info.state <= VIR_DOMAIN_SHUTOFF &&
                   info.nrVirtCpu >= 1 && info.nrVirtCpu <= STRESS_MAX_VCPUS &&
                   info.memory <= info.maxMem, "info is consistent");
    if (virDomainGetState(dom, &state, &reason, 0) < 0)
        stressCheck(w, false, "state");
}

/* One call on a shared domain, chosen at random. */
static void
stressSharedOp(stressWorker *w, virConnectPtr conn)
{
    int index = g_rand_int_range(w->rand, 0, STRESS_SHARED);
    g_autofree char *name = g_strdup_printf("shared%d", index);
    virDomainPtr dom;
    int op = g_rand_int_range(w->rand, 0, 12);

    if (op == 0) {
        g_autofree char *xml = stressXML(name, index, g_rand_int_range(w->rand, 1, 5));

        dom = virDomainDefineXML(conn, xml);
        stressCheck(w, dom != NULL, "define");
    } else if (op == 1) {
        stressCheckListing(w, conn);
        return;
    } else {
        dom = virDomainLookupByName(conn, name);
        stressCheck(w, dom != NULL, "lookup");
    }
    if (!dom)
        return;
    switch (op) {
    case 2: stressCheck(w, virDomainCreate(dom) == 0, "start"); break;
    case 3: stressCheck(w, virDomainSuspend(dom) == 0, "suspend"); break;
    case 4: stressCheck(w, virDomainResume(dom) == 0, "resume"); break;
    case 5: stressPin(w, dom); break;
    case 6: stressInfo(w, dom); break;
    case 7: stressCheck(w, virDomainDestroy(dom) == 0, "destroy"); break;
    case 8: stressCheck(w, virDomainUndefine(dom) == 0, "undefine"); break;
    case 9:
        stressCheck(w, virDomainSetAutostart(dom, g_rand_boolean(w->rand)) == 0, "autostart");
        break;
    case 10: {
        char *xml = virDomainGetXMLDesc(dom, 0);

        stressCheck(w, xml != NULL, "dump");
        free(xml);
        break;
    }
    default:
        stressCheck(w, virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_CONFIG) == 0, "vcpus");
        break;
    }
    virDomainFree(dom);
}

/* One step in the life of the thread's own domain, whose state only this
 * thread changes: every call must succeed. */
static void
stressOwnOp(stressWorker *w, virConnectPtr conn)
{
    g_autofree char *name = g_strdup_printf("own%d", w->index);
    virDomainPtr dom;
    bool ok;

    if (!w->ownDefined) {
        g_autofree char *xml = stressXML(name, 100 + w->index, 2);

        dom = virDomainDefineXML(conn, xml);
        stressCheck(w, dom != NULL, "define own");
        w->ownDefined = dom != NULL;
        if (dom)
            virDomainFree(dom);
        return;
    }
    dom = virDomainLookupByName(conn, name);
    w->calls++;
    if (!dom) {
        w->failures++;
        if (!w->firstFailure)
            w->firstFailure = g_strdup_printf("own domain %s is lost", name);
        return;
    }
    if (w->ownRunning) {
        ok = virDomainDestroy(dom) == 0;
        w->ownRunning = !ok;
    } else if (g_rand_boolean(w->rand)) {
        ok = virDomainCreate(dom) == 0;
        w->ownRunning = ok;
    } else {
        ok = virDomainUndefine(dom) == 0;
        w->ownDefined = !ok;
    }
    w->calls++;
    if (!ok) {
        w->failures++;
        if (!w->firstFailure)
            w->firstFailure = g_strdup_printf("own domain %s: %s", name, virGetLastErrorMessage());
    }
    virDomainFree(dom);
}

static gpointer
stressRun(gpointer data)
{
    stressWorker *w = data;
    virConnectPtr conn = w->conn ? w->conn : virConnectOpen(w->uri);

    if (!conn) {
        w->failures++;
        return NULL;
    }
    while (g_get_monotonic_time() < w->deadline) {
        if (g_rand_int_range(w->rand, 0, 4) == 0)
            stressOwnOp(w, conn);
        else
            stressSharedOp(w, conn);
    }
    /* a connection of its own: every handle the thread took is back */
    if (!w->conn && virConnectClose(conn) != 0)
        w->failures++;
    return NULL;
}

/* The state of one domain, through every call that reports it. */
static void
stressCheckDomain(virConnectPtr conn, virDomainPtr listed, const char *confdir)
{
    const char *name = virDomainGetName(listed);
    g_autofree char *file = g_strdup_printf("%s/%s.xml", confdir, name);
    virDomainPtr dom = relLookup(conn, name);
    int state = -1, reason, active = virDomainIsActive(dom);
    int persistent = virDomainIsPersistent(dom);
    unsigned int id = virDomainGetID(dom);
    virDomainInfo info;

    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, state);
    ck_assert_msg(active == (state != VIR_DOMAIN_SHUTOFF), "%s: active %d, state %d",
                  name, active, state);
    ck_assert_msg(active ? id != (unsigned int)-1 : id == (unsigned int)-1,
                  "%s: active %d, id %d", name, active, (int)id);
    if (active) {
        virDomainPtr byid = virDomainLookupByID(conn, id);

        ck_assert_ptr_nonnull(byid);
        ck_assert_str_eq(virDomainGetName(byid), name);
        virDomainFree(byid);
    }
    /* a transient domain exists only while it runs; a persistent one has
     * its file, and only it does */
    ck_assert_msg(persistent || active, "%s: transient and shut off", name);
    ck_assert_msg(g_file_test(file, G_FILE_TEST_EXISTS) == (persistent == 1),
                  "%s: persistent %d, file %s", name, persistent,
                  g_file_test(file, G_FILE_TEST_EXISTS) ? "exists" : "missing");
    virDomainFree(dom);
}

static gint
stressCompareLines(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Everything persistent, as the next driver will load it. */
static char *
stressPersistentState(virConnectPtr conn)
{
    GString *out = g_string_new(NULL);
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
    int i, autostart;
    guint j;

    ck_assert_int_ge(n, 0);
    for (i = 0; i < n; i++) {
        char *xml = virDomainGetXMLDesc(doms[i], VIR_DOMAIN_XML_INACTIVE);

        ck_assert_int_eq(virDomainGetAutostart(doms[i], &autostart), 0);
        g_ptr_array_add(lines, g_strdup_printf("%s autostart=%d\n%s", virDomainGetName(doms[i]),
                                               autostart, xml));
        free(xml);
        virDomainFree(doms[i]);
    }
    free(doms);
    g_ptr_array_sort(lines, stressCompareLines);
    for (j = 0; j < lines->len; j++)
        g_string_append(out, g_ptr_array_index(lines, j));
    return g_string_free(out, FALSE);
}

static void
stressCheckFinal(virConnectPtr conn, stressWorker *workers, const char *confdir)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, &doms, 0);
    int active = virConnectNumOfDomains(conn), inactive = virConnectNumOfDefinedDomains(conn);
    g_autofree int *ids = g_new0(int, active + 1);
    int i;

    /* nothing duplicated: every count agrees with the listing */
    ck_assert_int_eq(n, active + inactive);
    ck_assert_int_eq(virConnectListDomains(conn, ids, active + 1), active);
    for (i = 0; i < n; i++)
        stressCheckDomain(conn, doms[i], confdir);
    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);

    /* nothing lost: each thread's own domain is where it left it */
    for (i = 0; i < STRESS_THREADS; i++) {
        g_autofree char *name = g_strdup_printf("own%d", i);
        virDomainPtr dom = virDomainLookupByName(conn, name);

        ck_assert_msg((dom != NULL) == workers[i].ownDefined, "%s: defined %d, found %d",
                      name, workers[i].ownDefined, dom != NULL);
        if (dom) {
            ck_assert_int_eq(virDomainIsActive(dom), workers[i].ownRunning);
            virDomainFree(dom);
        }
    }
}

START_TEST(test_stress)
{
    g_autofree char *root = testMakeTempDir("stress");
    g_autofree char *uri = g_strdup_printf("test:///embed?root=%s", root);
    g_autofree char *confdir = g_build_filename(root, "etc", "virtkit", "test", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    unsigned int seconds = relEnvUInt("VIRTKIT_STRESS_SECONDS", 3);
    guint32 seed = relEnvUInt("VIRTKIT_STRESS_SEED", g_random_int());
    virConnectPtr conn = virConnectOpen(uri);
    stressWorker workers[STRESS_THREADS];
    GThread *threads[STRESS_THREADS];
    unsigned int calls = 0;
    int i;

    ck_assert_ptr_nonnull(conn);
    fprintf(stderr, "stresstest: %u s, %d threads, VIRTKIT_STRESS_SEED=%u\n", seconds,
            STRESS_THREADS, seed);
    for (i = 0; i < STRESS_THREADS; i++) {
        workers[i] = (stressWorker) {
            .index = i,
            .conn = i < STRESS_THREADS / 2 ? conn : NULL,
            .uri = uri,
            .deadline = g_get_monotonic_time() + seconds * G_USEC_PER_SEC,
            .rand = g_rand_new_with_seed(seed + i),
        };
        threads[i] = g_thread_new("stress", stressRun, &workers[i]);
    }
    for (i = 0; i < STRESS_THREADS; i++) {
        g_thread_join(threads[i]);
        calls += workers[i].calls;
        ck_assert_msg(workers[i].failures == 0, "thread %d: %u failures, the first: %s", i,
                      workers[i].failures, REL_NULLSTR(workers[i].firstFailure));
        g_free(workers[i].firstFailure);
        g_rand_free(workers[i].rand);
    }
    fprintf(stderr, "stresstest: %u calls\n", calls);
    stressCheckFinal(conn, workers, confdir);

    /* the last connection closes the driver; a new one loads the files */
    before = stressPersistentState(conn);
    ck_assert_int_eq(virConnectClose(conn), 0);
    conn = virConnectOpen(uri);
    ck_assert_ptr_nonnull(conn);
    after = stressPersistentState(conn);
    ck_assert_str_eq(before, after);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testRemoveTree(root);
}
END_TEST

static pthread_barrier_t stressParseBarrier;

static gpointer
stressFirstParse(gpointer data G_GNUC_UNUSED)
{
    /* room for both: no allocation delays the parse after the barrier */
    virTypedParameterPtr params = g_new0(virTypedParameter, 2);
    int n = 0, max = 2, failed = 0;
    unsigned long long ul = 0;
    int i = 0;

    pthread_barrier_wait(&stressParseBarrier);
    failed += virTypedParamsAddFromString(&params, &n, &max, "a", VIR_TYPED_PARAM_ULLONG, "34") < 0;
    failed += virTypedParamsAddFromString(&params, &n, &max, "b", VIR_TYPED_PARAM_INT, "-12") < 0;
    failed += virTypedParamsGetULLong(params, n, "a", &ul) != 1 || ul != 34;
    failed += virTypedParamsGetInt(params, n, "b", &i) != 1 || i != -12;
    if (failed)
        fprintf(stderr, "stresstest: a first parse failed: %s\n", virGetLastErrorMessage());
    virTypedParamsFree(params, n);
    return GINT_TO_POINTER(failed);
}

/* In a fresh process: STRESS_PARSE_THREADS threads parse their first numbers at
 * once.  Exits with the number of failures. */
static void G_GNUC_NORETURN
stressFirstParseProcess(void)
{
    GThread *threads[STRESS_PARSE_THREADS];
    int i, failed = 0;

    pthread_barrier_init(&stressParseBarrier, NULL, STRESS_PARSE_THREADS);
    for (i = 0; i < STRESS_PARSE_THREADS; i++)
        threads[i] = g_thread_new("parse", stressFirstParse, NULL);
    for (i = 0; i < STRESS_PARSE_THREADS; i++)
        failed += GPOINTER_TO_INT(g_thread_join(threads[i]));
    _exit(failed ? 1 : 0);
}

START_TEST(test_first_parse_race)
{
    bool valgrind = g_getenv("VIRTKIT_TEST_UNDER_VALGRIND") != NULL;
    unsigned int rounds = relEnvUInt("VIRTKIT_PARSE_RACE_ROUNDS", valgrind ? 10 : 300);
    unsigned int r, failed = 0;

    /* nothing here may parse a number before the fork: each child must be
     * the first of its process */
    for (r = 0; r < rounds; r++) {
        pid_t pid;
        int status;

        fflush(NULL);
        if ((pid = fork()) == 0)
            stressFirstParseProcess();
        ck_assert_int_gt(pid, 0);
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
        failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    ck_assert_msg(failed == 0, "%u processes of %u failed to parse valid numbers", failed, rounds);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("stress");
    TCase *tc = tcase_create("stress");

    tcase_add_test(tc, test_stress);
    tcase_add_test(tc, test_first_parse_race);
    /* the duration is bounded; valgrind and TSan make each call slower */
    tcase_set_timeout(tc, 60 + 2 * relEnvUInt("VIRTKIT_STRESS_SECONDS", 3));
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
