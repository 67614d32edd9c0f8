/*
 * vircgroupkerneltest.c: the cgroup module against the kernel, as a driver
 * or a simulator uses it: a group under this process's own groups, limits,
 * a task moved in, its tasks listed, frozen, killed, the group removed
 *
 * Root and cgroup v1 (pids, memory and freezer mounted); v2 too where the
 * unified hierarchy is mounted and can freeze.  Every group of a run lives
 * under "virtkit-util-test-<pid>", relative to this process's own groups;
 * the suite removes that tree, and kills what is left in it, after the
 * tests, even those that failed.
 */
#include "internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utiltest.h"
#include "vircgroup.h"

static char *parent;

/* A call that must succeed; its error says why it did not. */
#define assertOk(call) \
    ck_assert_msg((call) >= 0, "%s failed: %s", #call, virGetLastErrorMessage())

/* A child that waits for a byte on @go, then forks @forks sleepers (as
 * many as the kernel allows), writes how many it got to @report, and
 * sleeps. */
static pid_t
forkChild(int forks, int *go, int *report)
{
    int goPipe[2], reportPipe[2];
    pid_t pid;

    ck_assert_int_eq(pipe(goPipe), 0);
    ck_assert_int_eq(pipe(reportPipe), 0);
    if ((pid = fork()) == 0) {
        char byte;
        int made = 0, i;

        close(goPipe[1]);
        close(reportPipe[0]);
        if (read(goPipe[0], &byte, 1) != 1)
            _exit(1);
        for (i = 0; i < forks; i++) {
            pid_t sleeper = fork();

            if (sleeper == 0) {
                pause();
                _exit(0);
            }
            if (sleeper > 0)
                made++;
        }
        if (write(reportPipe[1], &made, sizeof(made)) != sizeof(made))
            _exit(1);
        for (;;)
            pause();
    }
    ck_assert_int_gt(pid, 0);
    close(goPipe[0]);
    close(reportPipe[1]);
    *go = goPipe[1];
    *report = reportPipe[0];
    return pid;
}

static int
childResult(int go, int report)
{
    int made = -1;

    ck_assert_int_eq(write(go, "g", 1), 1);
    ck_assert_int_eq(read(report, &made, sizeof(made)), sizeof(made));
    return made;
}

static bool
hasPid(GArray *pids, pid_t pid)
{
    guint i;

    for (i = 0; i < pids->len; i++) {
        if (g_array_index(pids, pid_t, i) == pid)
            return true;
    }
    return false;
}

static void
assertKilled(pid_t pid)
{
    int status;

    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGKILL);
}

/* The whole life of a group, with a task that forks into its limits. */
START_TEST(test_lifecycle)
{
    g_autoptr(virCgroupTree) tree = virCgroupTreeNew(parent, "v1");
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    g_autofree char *value = NULL;
    unsigned long long bytes = 0;
    virCgroupPathBuf dir;
    virCgroupPlace place;
    int go, report;
    pid_t child;

    ck_assert_ptr_nonnull(tree);
    ck_assert_int_eq(virCgroupCreate(tree, "ctx1", 0), 1);
    ck_assert(virCgroupExists(tree, "ctx1"));
    /* the task and 3 more */
    assertOk(virCgroupSetPidsMax(tree, "ctx1", 4));
    assertOk(virCgroupSetMemoryLimit(tree, "ctx1", 64 << 20));
    assertOk(virCgroupGetValueULL(tree, VIR_CGROUP_CONTROLLER_MEMORY, "ctx1",
                                          "memory.limit_in_bytes", &bytes));
    ck_assert_uint_eq(bytes, 64 << 20);
    assertOk(virCgroupGetValue(tree, VIR_CGROUP_CONTROLLER_PIDS, "ctx1", "pids.max",
                                       &value));
    ck_assert_str_eq(value, "4\n");

    child = forkChild(8, &go, &report);
    assertOk(virCgroupAddTask(tree, "ctx1", child, 0));
    assertOk(virCgroupGetTasks(tree, "ctx1", pids));
    ck_assert(hasPid(pids, child));
    assertOk(virCgroupPlaceOf(tree, child, &place));
    ck_assert_str_eq(place.dir[VIR_CGROUP_CONTROLLER_PIDS],
                     virCgroupPathInto(tree, VIR_CGROUP_CONTROLLER_PIDS, "ctx1", NULL, &dir));
    virCgroupPlaceClear(&place);
    ck_assert_int_eq(childResult(go, report), 3);
    g_array_set_size(pids, 0);
    assertOk(virCgroupGetTasks(tree, "ctx1", pids));
    ck_assert_uint_eq(pids->len, 4);

    assertOk(virCgroupSetFrozen(tree, "ctx1", true, false));
    g_clear_pointer(&value, g_free);
    assertOk(virCgroupGetValue(tree, VIR_CGROUP_CONTROLLER_FREEZER, "ctx1",
                                       "freezer.state", &value));
    ck_assert_str_eq(value, "FROZEN\n");
    /* frozen tasks die too: killing thaws them */
    assertOk(virCgroupKillAll(tree, "ctx1"));
    assertKilled(child);
    g_array_set_size(pids, 0);
    assertOk(virCgroupGetTasks(tree, "ctx1", pids));
    ck_assert_uint_eq(pids->len, 0);
    assertOk(virCgroupRemove(tree, "ctx1"));
    ck_assert(!virCgroupExists(tree, "ctx1"));
    close(go);
    close(report);
}
END_TEST

/* Removing a group that still has a task kills it. */
START_TEST(test_remove_kills)
{
    g_autoptr(virCgroupTree) tree = virCgroupTreeNew(parent, "v1");
    int go, report;
    pid_t child;

    ck_assert_ptr_nonnull(tree);
    ck_assert_int_eq(virCgroupCreate(tree, "ctx2", 0), 1);
    child = forkChild(0, &go, &report);
    /* not in the memory group: a task a caller moved partly */
    assertOk(virCgroupAddTask(tree, "ctx2", child,
                                      1U << VIR_CGROUP_CONTROLLER_MEMORY));
    assertOk(virCgroupRemove(tree, "ctx2"));
    assertKilled(child);
    ck_assert(!virCgroupExists(tree, "ctx2"));
    close(go);
    close(report);
}
END_TEST

/* The unified hierarchy: freezing and killing through cgroup.freeze and
 * cgroup.kill. */
START_TEST(test_v2)
{
    g_autoptr(virCgroupTree) tree = virCgroupTreeNew(parent, "v2");
    g_autofree char *freeze = NULL;
    int go, report;
    pid_t child;

    if (!tree) {
        printf("test_v2: skipped: %s\n", virGetLastErrorMessage());
        return;
    }
    ck_assert_int_eq(virCgroupCreate(tree, "ctx3", 0), 1);
    freeze = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_FREEZER, "ctx3", "cgroup.freeze");
    if (!g_file_test(freeze, G_FILE_TEST_EXISTS)) {
        printf("test_v2: skipped: the kernel has no cgroup.freeze (Linux 5.2)\n");
        assertOk(virCgroupRemove(tree, "ctx3"));
        return;
    }
    child = forkChild(2, &go, &report);
    assertOk(virCgroupAddTask(tree, "ctx3", child, 0));
    ck_assert_int_eq(childResult(go, report), 2);
    assertOk(virCgroupSetFrozen(tree, "ctx3", true, false));
    assertOk(virCgroupSetFrozen(tree, "ctx3", false, false));
    assertOk(virCgroupKillAll(tree, "ctx3"));
    assertKilled(child);
    assertOk(virCgroupRemove(tree, "ctx3"));
    close(go);
    close(report);
}
END_TEST

/* Whatever a failed test left: its groups (tasks killed), then the
 * parents. */
static void
cleanup(void)
{
    const char *modes[] = { "v1", "v2" };
    const char *groups[] = { "ctx1", "ctx2", "ctx3" };
    size_t i, j;
    int c;

    for (i = 0; i < G_N_ELEMENTS(modes); i++) {
        g_autoptr(virCgroupTree) tree = virCgroupTreeNew(parent, modes[i]);

        if (!tree)
            continue;
        for (j = 0; j < G_N_ELEMENTS(groups); j++) {
            if (virCgroupExists(tree, groups[j]) &&
                (virCgroupKillAll(tree, groups[j]) < 0 || virCgroupRemove(tree, groups[j]) < 0))
                fprintf(stderr, "cannot clean up: %s\n", virGetLastErrorMessage());
        }
        for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
            const char *dir = virCgroupTreeParentDir(tree, c);

            if (dir)
                rmdir(dir);
        }
    }
}

int
main(void)
{
    g_autoptr(virCgroupTree) probe = NULL;
    Suite *s = suite_create("vircgroupkernel");
    TCase *tc = tcase_create("kernel");
    int ret;

    if (geteuid() != 0) {
        printf("vircgroupkerneltest: skipped: needs root to create cgroups and move tasks\n");
        return 77;
    }
    parent = g_strdup_printf("virtkit-util-test-%d", (int)getpid());
    probe = virCgroupTreeNew(parent, "v1");
    if (!probe || !virCgroupTreeHas(probe, VIR_CGROUP_CONTROLLER_PIDS) ||
        !virCgroupTreeHas(probe, VIR_CGROUP_CONTROLLER_MEMORY) ||
        !virCgroupTreeHas(probe, VIR_CGROUP_CONTROLLER_FREEZER)) {
        printf("vircgroupkerneltest: skipped: needs the cgroup v1 pids, memory and freezer "
               "controllers\n");
        return 77;
    }
    tcase_add_test(tc, test_lifecycle);
    tcase_add_test(tc, test_remove_kills);
    tcase_add_test(tc, test_v2);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    ret = utilTestRun(s);
    cleanup();
    g_free(parent);
    return ret;
}
