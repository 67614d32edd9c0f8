/*
 * vserver_proof_test.c: the simulated kernel's limits act on real tasks,
 * through the binding only: an NPROC limit of 5 stops the sixth process
 * of a context, an RSS limit stops a large allocation, the pause freezes a
 * context (its counter stops), a kill leaves no task
 *
 * Run by tests/vserver/simtest.sh under virtkit-vserver-sim (both ABIs);
 * each proof skips, saying why, where the simulator does not enforce what
 * it proves (not root, no cgroups).
 */
#include "internal.h"

#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_limits.h"
#include "vssimtest.h"

/* A task of a new context, waiting for "go" before it runs @fn. */
typedef struct {
    pid_t pid;
    int go;                         /* write a byte: the task starts */
    int report;                     /* what the task writes back */
} vsWorker;

typedef void (*vsWorkerFn)(int report, void *opaque);

static vsWorker
spawnWorker(vserverBinding *b, uint32_t xid, vsWorkerFn fn, void *opaque)
{
    vsWorker w = { 0 };
    int go[2], report[2];
    char ok[4] = "";

    ck_assert_int_eq(pipe(go), 0);
    ck_assert_int_eq(pipe(report), 0);
    if ((w.pid = fork()) == 0) {
        char byte;

        vssimtestChildSignals();
        close(go[1]);
        close(report[0]);
        if (vserverContextCreate(b, xid, VS_VXF_INIT_SET, NULL) < 0) {
            g_autofree char *err = vstestLastError();

            ignore_value(write(report[1], err, strlen(err)));
            _exit(1);
        }
        ignore_value(write(report[1], "ok\n", 3));
        if (read(go[0], &byte, 1) == 1)
            fn(report[1], opaque);
        _exit(0);
    }
    close(go[0]);
    close(report[1]);
    w.go = go[1];
    w.report = report[0];
    ck_assert_int_eq(read(w.report, ok, 3), 3);
    ck_assert_str_eq(ok, "ok\n");
    return w;
}

static void
startWorker(vsWorker *w)
{
    ck_assert_int_eq(write(w->go, "g", 1), 1);
    close(w->go);
}

static char *
readReport(vsWorker *w)
{
    g_autoptr(GString) text = g_string_new(NULL);
    char buf[256];
    ssize_t n;

    while ((n = read(w->report, buf, sizeof(buf))) > 0)
        g_string_append_len(text, buf, n);
    close(w->report);
    return g_string_free(g_steal_pointer(&text), FALSE);
}

/* Whether @pid is a live task: not gone, not a zombie. */
static bool
taskAlive(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
    g_autofree char *text = NULL;
    const char *paren;

    if (!g_file_get_contents(path, &text, NULL, NULL) || !(paren = strrchr(text, ')')))
        return false;
    return paren[2] != 'Z' && paren[2] != 'X';
}

/* Every process of the context died: the context is gone (V2: wait_exit
 * says so; 2003: it counts no process) and no pid of @pids is alive. */
static void
assertNoTask(vserverBinding *b, uint32_t xid, GArray *pids)
{
    vserverContextStat st = { 0 };
    vserverExitInfo ex;
    size_t i;
    pid_t pid;

    if (vserverBindingGetAbi(b) == VSERVER_ABI_V2) {
        /* gone already, or gone when wait_exit returns */
        if (vserverContextWaitExit(b, xid, &ex) < 0)
            ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "no such context");
        ck_assert_int_eq(vserverContextGetStat(b, xid, &st), -1);
        ck_assert_vserver_error(VIR_ERR_OPERATION_INVALID, "no such context");
    } else {
        for (i = 0; i < 500 && vserverContextGetStat(b, xid, &st) == 0 && st.tasks; i++)
            g_usleep(10000);
        ck_assert_uint_eq(st.tasks, 0);
        ck_assert_int_eq(vserverContextDestroy(b, xid), 0);
    }
    /* the orphans came to this subreaper: reap what died */
    while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
        ;
    for (i = 0; pids && i < pids->len; i++)
        ck_assert_msg(!taskAlive(g_array_index(pids, int, i)), "process %d is still alive",
                      g_array_index(pids, int, i));
}

static void
killContext(vserverBinding *b, uint32_t xid)
{
    ck_assert_int_eq(vserverContextKill(b, xid, 0, SIGKILL), 0);
}

/* ---- NPROC: the sixth process is refused ------------------------------ */

static void
forkUntilRefused(int report, void *opaque G_GNUC_UNUSED)
{
    g_autoptr(GString) out = g_string_new(NULL);
    int forked = 0;
    pid_t pid;

    while (forked < 20 && (pid = fork()) >= 0) {
        if (pid == 0) {
            close(report);
            for (;;)
                pause();
        }
        g_string_append_printf(out, "pid %d\n", (int)pid);
        forked++;
    }
    g_string_append_printf(out, "forked %d, then %s\n", forked,
                           forked < 20 ? g_strerror(errno) : "no refusal");
    ignore_value(write(report, out->str, out->len));
}

static GArray *
reportedPids(const char *report)
{
    GArray *pids = g_array_new(FALSE, FALSE, sizeof(int));
    g_auto(GStrv) lines = g_strsplit(report, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        int pid;

        if (sscanf(lines[i], "pid %d", &pid) == 1)
            g_array_append_val(pids, pid);
    }
    return pids;
}

START_TEST(test_nproc_stops_sixth)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    vserverRlimit five = { .minimum = VSERVER_RLIM_UNSET, .soft = 5, .hard = 5 };
    vsWorker w;
    g_autofree char *report = NULL;
    g_autoptr(GArray) pids = NULL;

    if (!vstestSimEnforces("nproc")) {
        printf("SKIP: NPROC proof: the simulator does not enforce task limits (%s)\n",
               vstestSimGet("enforce"));
        return;
    }
    w = spawnWorker(b, 200, forkUntilRefused, NULL);
    ck_assert_int_eq(vserverLimitSet(b, 200, VS_RLIMIT_NPROC, &five), 0);
    startWorker(&w);
    report = readReport(&w);
    /* the worker is the first task: four forks make five, the fifth
     * (the sixth process) is refused */
    ck_assert_msg(strstr(report, "forked 4, then Resource temporarily unavailable\n"),
                  "report: %s", report);
    pids = reportedPids(report);
    g_array_append_val(pids, w.pid);
    killContext(b, 200);
    waitpid(w.pid, NULL, 0);
    assertNoTask(b, 200, pids);
}
END_TEST

/* ---- RSS: a large allocation is stopped ---------------------------------- */

static void
execMemhog(int report, void *opaque G_GNUC_UNUSED)
{
    g_autofree char *hog = g_build_filename(ABS_BUILDDIR, "tests", "vserver", "vsmemhog", NULL);

    dup2(report, 1);
    execl(hog, hog, "64", NULL);
    _exit(127);
}

/* Runs vsmemhog 64 in context @xid, with an RSS limit of @pages (or none);
 * returns its wait status. */
static int
memhogIn(vserverBinding *b, uint32_t xid, uint64_t pages)
{
    vserverRlimit rss = { .minimum = VSERVER_RLIM_UNSET, .soft = pages, .hard = pages };
    vsWorker w = spawnWorker(b, xid, execMemhog, NULL);
    g_autofree char *report = NULL;
    int status = 0;

    if (pages)
        ck_assert_int_eq(vserverLimitSet(b, xid, VS_RLIMIT_RSS, &rss), 0);
    startWorker(&w);
    report = readReport(&w);
    ck_assert_int_eq(waitpid(w.pid, &status, 0), w.pid);
    if (vserverBindingGetAbi(b) == VSERVER_ABI_2003)
        assertNoTask(b, xid, NULL);
    return status;
}

START_TEST(test_rss_stops_allocation)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    uint64_t pages16m = (16 << 20) / sysconf(_SC_PAGESIZE);
    int status;

    if (!vstestSimEnforces("memory")) {
        printf("SKIP: RSS proof: the simulator does not enforce memory limits (%s)\n",
               vstestSimGet("enforce"));
        return;
    }
    /* without a limit, 64 MiB are fine */
    status = memhogIn(b, 210, 0);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status 0x%x", status);
    /* with 16 MiB, the kernel stops it */
    status = memhogIn(b, 211, pages16m);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                  "vsmemhog 64 under a 16 MiB limit: status 0x%x", status);
}
END_TEST

/* ---- pause: the counter stops -------------------------------------------- */

static void
countForever(int report, void *opaque)
{
    volatile uint64_t *counter = opaque;

    close(report);
    for (;;)
        (*counter)++;
}

/* Whether @counter moves: at once when its task runs, however loaded the
 * host; the wait is bounded all the same. */
static bool
counterMoves(volatile uint64_t *counter)
{
    uint64_t start = *counter;
    int tries;

    for (tries = 0; tries < 5000; tries++) {
        if (*counter != start)
            return true;
        g_usleep(2000);
    }
    return false;
}

/* Whether @counter stays where it is for a while (a frozen task). */
static bool
counterStill(volatile uint64_t *counter)
{
    uint64_t start = *counter;

    g_usleep(200000);
    return *counter == start;
}

START_TEST(test_pause_freezes)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    volatile uint64_t *counter = mmap(NULL, sizeof(uint64_t), PROT_READ | PROT_WRITE,
                                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    vsWorker w;
    uint64_t frozen;
    bool paused;

    if (!vstestSimEnforces("pause")) {
        printf("SKIP: pause proof: the simulator does not freeze contexts (%s)\n",
               vstestSimGet("enforce"));
        return;
    }
    ck_assert_ptr_ne((void *)counter, MAP_FAILED);
    w = spawnWorker(b, 220, countForever, (void *)counter);
    startWorker(&w);
    ck_assert(counterMoves(counter));
    ck_assert_int_eq(vserverContextSetPaused(b, 220, true), 0);
    ck_assert_int_eq(vserverContextGetPaused(b, 220, &paused), 0);
    ck_assert(paused);
    frozen = *counter;
    ck_assert(counterStill(counter));
    ck_assert_uint_eq(*counter, frozen);
    ck_assert_int_eq(vserverContextSetPaused(b, 220, false), 0);
    ck_assert(counterMoves(counter));
    killContext(b, 220);
    waitpid(w.pid, NULL, 0);
    assertNoTask(b, 220, NULL);
    munmap((void *)counter, sizeof(uint64_t));
}
END_TEST

/* ---- kill: no task is left, not even one forking meanwhile ---------------- */

static void
forkStorm(int report, void *opaque G_GNUC_UNUSED)
{
    int i;

    /* three tasks that fork as fast as they can (the limit refuses most) */
    for (i = 0; i < 3; i++) {
        if (fork() == 0) {
            close(report);
            for (;;) {
                if (fork() == 0)
                    pause();
            }
        }
    }
    ignore_value(write(report, "storming\n", 9));
    close(report);
    for (;;)
        pause();
}

START_TEST(test_kill_leaves_no_task)
{
    g_autoptr(vserverBinding) b = vssimtestOpen();
    vserverRlimit limit = { .minimum = VSERVER_RLIM_UNSET, .soft = 40, .hard = 40 };
    vserverContextStat st;
    vsWorker w;
    g_autofree char *report = NULL;

    if (!vstestSimEnforces("kill") || !vstestSimEnforces("nproc")) {
        printf("SKIP: kill proof: it needs a kill through cgroups and a task limit, to bound its fork storm (%s)\n",
               vstestSimGet("enforce"));
        return;
    }
    w = spawnWorker(b, 230, forkStorm, NULL);
    ck_assert_int_eq(vserverLimitSet(b, 230, VS_RLIMIT_NPROC, &limit), 0);
    startWorker(&w);
    report = readReport(&w);
    ck_assert_str_eq(report, "storming\n");
    ck_assert_int_eq(vserverContextGetStat(b, 230, &st), 0);
    ck_assert_uint_gt(st.tasks, 4);
    killContext(b, 230);
    waitpid(w.pid, NULL, 0);
    assertNoTask(b, 230, NULL);
}
END_TEST

/* Each test runs in a process of its own (check forks): the orphans of
 * the contexts it kills come to it, to be reaped. */
static void
becomeSubreaper(void)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

static Suite *
proofSuite(void)
{
    Suite *s = suite_create("vserver-proof");
    TCase *tc = tcase_create("enforced");

    tcase_add_checked_fixture(tc, becomeSubreaper, NULL);
    tcase_add_test(tc, test_nproc_stops_sixth);
    tcase_add_test(tc, test_rss_stops_allocation);
    tcase_add_test(tc, test_pause_freezes);
    tcase_add_test(tc, test_kill_leaves_no_task);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    if (!vstestSimGet("abi")) {
        printf("SKIP: the enforcement proofs run under virtkit-vserver-sim (tests/vserver/simtest.sh)\n");
        return EXIT_SUCCESS;
    }
    if (vssimtestUnderValgrind())
        return EXIT_SUCCESS;
    return vstestRunSuite(proofSuite());
}
