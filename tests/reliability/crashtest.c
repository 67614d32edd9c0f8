/*
 * crashtest.c: SIGKILL at random points of a storm of changes
 *
 * A child process opens test:///embed?root=DIR and defines, redefines,
 * undefines and flips the autostart of a few domains as fast as it can,
 * telling the parent through a pipe which change it starts and which it
 * finished.  The parent kills it with SIGKILL after a random delay, then
 * opens the driver on DIR again and checks the files: every configuration
 * parses and is one of the versions the child wrote, whole (never torn,
 * never a mix of two); no temporary file survives the reopening; and each
 * domain is as the finished changes left it, except the one change in
 * flight, which is either entirely done or not done at all.  Then another
 * child goes on from there, until 1000 changes were started.
 *
 * VIRTKIT_CRASH_ROUNDS changes the number of changes (default 1000; 150
 * under valgrind), VIRTKIT_CRASH_SEED replays a run.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "relutils.h"

#define CRASH_NAMES 6
#define CRASH_VERSIONS 8

typedef enum {
    CRASH_OP_DEFINE,        /* arg: the version */
    CRASH_OP_UNDEFINE,
    CRASH_OP_AUTOSTART,     /* arg: 0 or 1 */
} crashOp;

/* What the parent knows of one domain. */
typedef struct {
    bool exists;
    int version;
    bool autostart;
} crashDomain;

typedef struct {
    char *root;
    char *uri;
    char *confdir;
    char *canonical[CRASH_NAMES][CRASH_VERSIONS];   /* inactive XML of each version */
    crashDomain model[CRASH_NAMES];
    unsigned int rounds;        /* changes started so far */
    gint64 changeUs;            /* how long one change takes, measured */
    unsigned int kills, midChange, tempFiles;
} crashRun;

/* A sizeable definition, so that writing it takes a while: a kill has
 * something to tear. */
static char *
crashXML(int name, int version)
{
    GString *xml = g_string_new(NULL);
    int i;

    g_string_append_printf(xml, "<domain type='test'><name>c%d</name>"
                           "<uuid>c0ffee00-0000-4000-8000-%012d</uuid>"
                           "<description>version %d</description>"
                           "<memory unit='MiB'>%d</memory><vcpu>%d</vcpu>"
                           "<os><type>hvm</type></os><metadata><v:blob xmlns:v='urn:crash'>",
                           name, name, version, 64 + version, 1 + version % 4);
    for (i = 0; i < 400; i++)
        g_string_append_printf(xml, "<v:line n='%d'>domain c%d version %d</v:line>", i, name,
                               version);
    g_string_append(xml, "</v:blob></metadata></domain>");
    return g_string_free(xml, FALSE);
}

/* ---- the child ----------------------------------------------------- */

static void
crashJournal(int fd, const char *fmt, ...)
{
    va_list args;
    char buf[64];
    int len;

    va_start(args, fmt);
    len = g_vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    /* one write of less than PIPE_BUF: the parent reads whole records */
    if (write(fd, buf, len) != len)
        _exit(3);
}

static void
crashChildStep(virConnectPtr conn, GRand *rand, int fd, unsigned int round)
{
    int name = g_rand_int_range(rand, 0, CRASH_NAMES);
    g_autofree char *dname = g_strdup_printf("c%d", name);
    virDomainPtr dom = virDomainLookupByName(conn, dname);
    /* an autostarted domain runs: undefined, it stays as a transient one */
    bool persistent = dom && virDomainIsPersistent(dom) == 1;
    int op = persistent ? g_rand_int_range(rand, 0, 3) : CRASH_OP_DEFINE;
    int arg = op == CRASH_OP_DEFINE ? g_rand_int_range(rand, 0, CRASH_VERSIONS) :
              g_rand_int_range(rand, 0, 2);
    int rc = -1;

    crashJournal(fd, "B %u %d %d %d\n", round, op, name, arg);
    if (op == CRASH_OP_DEFINE) {
        g_autofree char *xml = crashXML(name, arg);
        virDomainPtr def = virDomainDefineXML(conn, xml);

        rc = def ? 0 : -1;
        if (def)
            virDomainFree(def);
    } else if (op == CRASH_OP_UNDEFINE) {
        rc = virDomainUndefine(dom);
    } else {
        rc = virDomainSetAutostart(dom, arg);
    }
    if (rc < 0) {
        fprintf(stderr, "crashtest child: change %u (%d on c%d) failed: %s\n", round, op, name,
                virGetLastErrorMessage());
        _exit(1);
    }
    if (dom)
        virDomainFree(dom);
    crashJournal(fd, "E %u\n", round);
}

static void G_GNUC_NORETURN
crashChild(const char *uri, guint32 seed, unsigned int first, unsigned int last, int fd)
{
    GRand *rand = g_rand_new_with_seed(seed);
    virConnectPtr conn = virConnectOpen(uri);
    unsigned int round;

    if (!conn)
        _exit(2);
    crashJournal(fd, "R\n");
    for (round = first; round < last; round++)
        crashChildStep(conn, rand, fd, round);
    /* a child that ends by itself (the last rounds, before the kill)
     * lets go of what it holds: valgrind counts it lost at _exit */
    virConnectClose(conn);
    g_rand_free(rand);
    _exit(0);
}

/* ---- the parent ---------------------------------------------------- */

/* The inactive XML of every version, as the driver formats it. */
static void
crashCanonicalize(crashRun *run)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    int n, v;

    for (n = 0; n < CRASH_NAMES; n++) {
        for (v = 0; v < CRASH_VERSIONS; v++) {
            g_autofree char *xml = crashXML(n, v);
            virDomainPtr dom = virDomainDefineXML(conn, xml);

            ck_assert_msg(dom != NULL, "%s", virGetLastErrorMessage());
            run->canonical[n][v] = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
            ck_assert_int_eq(virDomainUndefine(dom), 0);
            virDomainFree(dom);
        }
    }
    virConnectClose(conn);
}

/* How long a change takes in this build (sanitizers and valgrind make it
 * several times slower): the kills are spread over a few of them. */
static void
crashCalibrate(crashRun *run)
{
    g_autofree char *root = testMakeTempDir("crash-calibrate");
    g_autofree char *uri = g_strdup_printf("test:///embed?root=%s", root);
    virConnectPtr conn = virConnectOpen(uri);
    gint64 start = g_get_monotonic_time();
    int i;

    ck_assert_ptr_nonnull(conn);
    for (i = 0; i < 5; i++) {
        g_autofree char *xml = crashXML(0, i);
        virDomainPtr dom = virDomainDefineXML(conn, xml);

        ck_assert_ptr_nonnull(dom);
        ck_assert_int_eq(virDomainSetAutostart(dom, 1), 0);
        ck_assert_int_eq(virDomainUndefine(dom), 0);
        virDomainFree(dom);
    }
    run->changeUs = MAX((g_get_monotonic_time() - start) / 15, 100);
    ck_assert_int_eq(virConnectClose(conn), 0);
    testRemoveTree(root);
}

/* The model after one change. */
static void
crashApply(crashDomain *dom, int op, int arg)
{
    switch (op) {
    case CRASH_OP_DEFINE:
        if (!dom->exists)
            dom->autostart = false;
        dom->exists = true;
        dom->version = arg;
        break;
    case CRASH_OP_UNDEFINE:
        dom->exists = false;
        dom->autostart = false;
        break;
    default:
        dom->autostart = arg;
        break;
    }
}

static bool
crashSame(const crashDomain *a, const crashDomain *b)
{
    if (a->exists != b->exists)
        return false;
    return !a->exists || (a->version == b->version && a->autostart == b->autostart);
}

/* Replays the journal of one child into the model; the change it had
 * started but not finished is returned in @inflight (op -1: none). */
static void
crashReadJournal(crashRun *run, const char *journal, int *inflightOp, int *inflightName,
                 int *inflightArg)
{
    g_auto(GStrv) lines = g_strsplit(journal, "\n", -1);
    size_t i;

    *inflightOp = -1;
    for (i = 0; lines[i] && *lines[i]; i++) {
        unsigned int round;
        int op, name, arg;

        if (sscanf(lines[i], "B %u %d %d %d", &round, &op, &name, &arg) == 4) {
            ck_assert_int_eq(*inflightOp, -1);
            *inflightOp = op;
            *inflightName = name;
            *inflightArg = arg;
            run->rounds++;
        } else if (strcmp(lines[i], "R") == 0) {
            continue;
        } else if (sscanf(lines[i], "E %u", &round) == 1) {
            ck_assert_int_ne(*inflightOp, -1);
            crashApply(&run->model[*inflightName], *inflightOp, *inflightArg);
            *inflightOp = -1;
        } else {
            ck_abort_msg("bad journal line '%s'", lines[i]);
        }
    }
}

/* Counts the temporary files of interrupted writes in @dir. */
static unsigned int
crashCountTemp(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    unsigned int n = 0;

    while (d && (name = g_dir_read_name(d))) {
        if (name[0] == '.' && strstr(name, ".tmp-"))
            n++;
    }
    return n;
}

/* Which version a configuration is, checking it is that version whole;
 * the file must parse on its own too. */
static int
crashFileVersion(crashRun *run, int name, const char *path, virConnectPtr scratch)
{
    g_autofree char *data = NULL;
    virDomainPtr dom;
    int v;

    ck_assert_msg(g_file_get_contents(path, &data, NULL, NULL), "cannot read %s", path);
    dom = virDomainDefineXML(scratch, data);
    ck_assert_msg(dom != NULL, "%s does not parse: %s\n%s", path, virGetLastErrorMessage(), data);
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    for (v = 0; v < CRASH_VERSIONS; v++) {
        if (strcmp(data, run->canonical[name][v]) == 0)
            return v;
    }
    ck_abort_msg("%s is no version the child wrote (torn or mixed):\n%s", path, data);
    return -1;
}

/* What the reopened driver says about domain c@name, checked against its
 * file. */
static void
crashObserve(crashRun *run, virConnectPtr conn, virConnectPtr scratch, int name,
             crashDomain *seen)
{
    g_autofree char *dname = g_strdup_printf("c%d", name);
    g_autofree char *path = g_strdup_printf("%s/%s.xml", run->confdir, dname);
    virDomainPtr dom = virDomainLookupByName(conn, dname);
    int autostart = 0;

    memset(seen, 0, sizeof(*seen));
    ck_assert_msg((dom != NULL) == g_file_test(path, G_FILE_TEST_EXISTS),
                  "%s: loaded %d, file %d (a configuration was skipped)", dname, dom != NULL,
                  g_file_test(path, G_FILE_TEST_EXISTS));
    if (!dom)
        return;
    seen->exists = true;
    seen->version = crashFileVersion(run, name, path, scratch);
    ck_assert_int_eq(virDomainGetAutostart(dom, &autostart), 0);
    seen->autostart = autostart;
    virDomainFree(dom);
}

/* Opens the driver on the root again and checks it against the model. */
static void
crashVerify(crashRun *run, int op, int opName, int opArg)
{
    g_autofree char *autostartDir = g_build_filename(run->confdir, "autostart", NULL);
    virConnectPtr scratch = testOpenNode("nodes/empty.xml");
    virConnectPtr conn;
    int n;

    run->tempFiles += crashCountTemp(run->confdir);
    conn = virConnectOpen(run->uri);
    ck_assert_msg(conn != NULL, "reopening: %s", virGetLastErrorMessage());
    ck_assert_int_eq(crashCountTemp(run->confdir), 0);
    ck_assert_int_eq(crashCountTemp(autostartDir), 0);
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn) + virConnectNumOfDomains(conn),
                     virConnectListAllDomains(conn, NULL, VIR_CONNECT_LIST_DOMAINS_PERSISTENT));
    for (n = 0; n < CRASH_NAMES; n++) {
        crashDomain seen, done = run->model[n];

        crashObserve(run, conn, scratch, n, &seen);
        if (op >= 0 && n == opName)
            crashApply(&done, op, opArg);
        ck_assert_msg(crashSame(&seen, &run->model[n]) || crashSame(&seen, &done),
                      "c%d after change %d(%d): exists %d version %d autostart %d; "
                      "expected exists %d version %d autostart %d, or that change done",
                      n, op, opArg, seen.exists, seen.version, seen.autostart,
                      run->model[n].exists, run->model[n].version, run->model[n].autostart);
        run->model[n] = seen;
    }
    ck_assert_int_eq(virConnectClose(conn), 0);
    virConnectClose(scratch);
}

/* Runs one child until it is killed (or done), then checks. */
static void
crashOneLife(crashRun *run, GRand *rand, unsigned int total)
{
    GString *journal;
    int fds[2], status, op, opName = -1, opArg = -1;
    char buf[4096];
    ssize_t got;
    pid_t pid;

    ck_assert_int_eq(pipe(fds), 0);
    fflush(NULL);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        crashChild(run->uri, g_rand_int(rand), run->rounds, total, fds[1]);
    }
    close(fds[1]);
    /* the parent's only: a child that ends by itself under valgrind
     * would count it lost */
    journal = g_string_new(NULL);
    /* one life in ten is cut short while the driver opens (and removes
     * what earlier kills left); the others once it is open ("R"), after
     * a few changes' worth of time, however slow the build makes them */
    if (g_rand_int_range(rand, 0, 10) > 0) {
        got = read(fds[0], buf, 2);
        if (got > 0)
            g_string_append_len(journal, buf, got);
        g_usleep(g_rand_int_range(rand, 0, 4 * run->changeUs + 1));
    } else {
        g_usleep(g_rand_int_range(rand, 0, 2000));
    }
    if (kill(pid, SIGKILL) == 0)
        run->kills++;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) || WEXITSTATUS(status) == 0,
                  "the child failed (status %d)", status);
    while ((got = read(fds[0], buf, sizeof(buf))) > 0)
        g_string_append_len(journal, buf, got);
    close(fds[0]);
    crashReadJournal(run, journal->str, &op, &opName, &opArg);
    g_string_free(journal, TRUE);
    if (op >= 0)
        run->midChange++;
    crashVerify(run, op, opName, opArg);
}

START_TEST(test_sigkill_storm)
{
    bool valgrind = g_getenv("VIRTKIT_TEST_UNDER_VALGRIND") != NULL;
    unsigned int total = relEnvUInt("VIRTKIT_CRASH_ROUNDS", valgrind ? 150 : 1000);
    guint32 seed = relEnvUInt("VIRTKIT_CRASH_SEED", g_random_int());
    g_autoptr(GRand) rand = g_rand_new_with_seed(seed);
    crashRun run = { 0 };
    int n, v;

    run.root = testMakeTempDir("crash");
    run.uri = g_strdup_printf("test:///embed?root=%s", run.root);
    run.confdir = g_build_filename(run.root, "etc", "virtkit", "test", NULL);
    crashCanonicalize(&run);
    crashCalibrate(&run);
    while (run.rounds < total)
        crashOneLife(&run, rand, total);
    fprintf(stderr, "crashtest: VIRTKIT_CRASH_SEED=%u: %u changes (%" G_GINT64_FORMAT " us each), "
            "%u kills, %u in the middle of a change, %u temporary files left by a kill\n",
            seed, run.rounds, run.changeUs, run.kills, run.midChange, run.tempFiles);
    /* the kills did land inside changes, or nothing was tested */
    ck_assert_uint_gt(run.midChange, 0);

    for (n = 0; n < CRASH_NAMES; n++) {
        for (v = 0; v < CRASH_VERSIONS; v++)
            free(run.canonical[n][v]);
    }
    testRemoveTree(run.root);
    g_free(run.root);
    g_free(run.uri);
    g_free(run.confdir);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("crash");
    TCase *tc = tcase_create("crash");

    tcase_add_test(tc, test_sigkill_storm);
    tcase_set_timeout(tc, 300);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
