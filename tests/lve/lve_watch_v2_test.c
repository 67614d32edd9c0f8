/*
 * lve_watch_v2_test.c: the cgroup v2 path of the LVE groups' watch
 * (lve_cgroup_watch.c) on this machine's kernel, through its seam
 * lveCgroupWatchGroups(): a v2 tree under this process's own group of
 * the unified hierarchy, a group lve<id> in it, tasks moved in and out.
 *
 * What it shows: the watch listens to cgroup.events with inotify and
 * opens no pidfd; the kernel's notice of cgroup.events ("populated 0")
 * reaches the watch on the event loop as LVE_NOTICE_EMPTIED when the
 * group's last task exits (a pidfd plays no part on v2), not before; a
 * task leaving the group to another empties it too.  The wait for each notice is the loop's, with a
 * minute's guard; the test never sleeps as its check.
 *
 * Needs root and a cgroup2 mount; memory.events and pids.events, which
 * v2 notifies too, need v2's memory and pids controllers: where the
 * host binds them to v1 (this machine) they are not offered and not
 * watched, and the test says so.  Skipped (77) without root or cgroup2.
 */
#include <config.h>

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "lve_cgroup_stats.h"
#include "virevent.h"
#include "vircgroup.h"

#define TEST_ID 4791

static char *treeParent;

typedef struct {
    int emptied;
    int other;
} watchSeen;

static void
watchNotice(unsigned int id, lveNotice what, unsigned long long count, void *opaque)
{
    watchSeen *seen = opaque;

    ck_assert_uint_eq(id, TEST_ID);
    ck_assert_uint_eq(count, 1);
    if (what == LVE_NOTICE_EMPTIED)
        seen->emptied++;
    else
        seen->other++;
}

static gboolean
watchGiveUp(gpointer opaque)
{
    *(bool *)opaque = true;
    return G_SOURCE_REMOVE;
}

/* Runs the loop until @seen counts @emptied notices, a minute at most. */
static void
watchWaitEmptied(watchSeen *seen, int emptied)
{
    bool gaveUp = false;
    guint guard = g_timeout_add_seconds(60, watchGiveUp, &gaveUp);

    while (seen->emptied < emptied && !gaveUp)
        virEventRunDefaultImpl();
    if (!gaveUp)
        g_source_remove(guard);
    ck_assert_msg(seen->emptied == emptied, "%d emptied notices, not %d", seen->emptied,
                  emptied);
}

/* Dispatches what is ready without waiting. */
static void
watchDrain(void)
{
    while (g_main_context_iteration(NULL, FALSE))
        ;
}

/* A child that waits for EOF on its pipe, which the parent holds (*@hold),
 * then exits. */
static pid_t
watchChild(int *hold)
{
    int fds[2];
    pid_t pid;
    char c;

    ck_assert_int_eq(pipe(fds), 0);
    if ((pid = fork()) == 0) {
        /* the holds of other children stay with the parent alone */
        if (dup2(fds[0], STDIN_FILENO) < 0 || close_range(3, ~0U, 0) < 0)
            _exit(3);
        if (read(STDIN_FILENO, &c, 1) < 0)
            _exit(2);
        _exit(0);
    }
    ck_assert_int_gt(pid, 0);
    close(fds[0]);
    *hold = fds[1];
    return pid;
}

static void
watchReap(pid_t pid, int hold)
{
    int status = -1;

    close(hold);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* How the watch listens, from this process's descriptors: whether an
 * inotify descriptor watches the inode of @path, and how many pidfds
 * are open.  On v2 the kernel's notice is all it takes: no task is
 * watched (v1 opens a pidfd per task, and polls). */
static void
watchListening(const char *path, bool *watched, int *pidfds)
{
    g_autoptr(GDir) dir = g_dir_open("/proc/self/fd", 0, NULL);
    g_autofree char *needle = NULL;
    struct stat st;
    const char *fd;

    ck_assert_int_eq(stat(path, &st), 0);
    needle = g_strdup_printf(" ino:%llx ", (unsigned long long)st.st_ino);
    *watched = false;
    *pidfds = 0;
    ck_assert(dir);
    while ((fd = g_dir_read_name(dir))) {
        g_autofree char *link = g_strdup_printf("/proc/self/fd/%s", fd);
        g_autofree char *info = g_strdup_printf("/proc/self/fdinfo/%s", fd);
        g_autofree char *target = g_file_read_link(link, NULL);
        g_autofree char *text = NULL;

        if (!target)
            continue;
        if (strstr(target, "[pidfd]"))
            (*pidfds)++;
        if (strstr(target, "inotify") && g_file_get_contents(info, &text, NULL, NULL) &&
            strstr(text, needle))
            *watched = true;
    }
}

static virCgroupTree *
watchTree(void)
{
    virCgroupTree *tree = lveCgroupTreeNew(treeParent, "v2");
    char name[LVE_CGROUP_NAME_BUFLEN];

    ck_assert_msg(tree, "%s", virGetLastErrorMessage());
    ck_assert_int_eq(virCgroupTreeVersion(tree), 2);
    ck_assert_int_ge(virCgroupCreate(tree, lveCgroupName(TEST_ID, name), 0), 0);
    return tree;
}

static void
watchTreeEnd(virCgroupTree *tree)
{
    char name[LVE_CGROUP_NAME_BUFLEN];

    ck_assert_int_eq(virCgroupRemove(tree, lveCgroupName(TEST_ID, name)), 0);
    virCgroupTreeFree(tree);
}

/* The last of two tasks exits: one EMPTIED, none for the first; a watch
 * made later of the group with a task again: another.  Nothing else is
 * noticed. */
START_TEST(test_v2_emptied)
{
    virCgroupTree *tree = watchTree();
    g_autofree char *events = NULL;
    char name[LVE_CGROUP_NAME_BUFLEN];
    watchSeen seen = { 0 };
    bool watched;
    int pidfds;
    lveWatch *w;
    int hold1, hold2;
    pid_t a, b;

    lveCgroupName(TEST_ID, name);
    a = watchChild(&hold1);
    b = watchChild(&hold2);
    ck_assert_int_eq(virCgroupAddTask(tree, name, a, 0), 0);
    ck_assert_int_eq(virCgroupAddTask(tree, name, b, 0), 0);
    ck_assert_msg((w = lveCgroupWatchGroups(tree, NULL, TEST_ID, watchNotice, &seen, NULL)),
                  "%s", virGetLastErrorMessage());
    events = virCgroupPath(tree, virCgroupTreeAnchor(tree), name, "cgroup.events");
    watchListening(events, &watched, &pidfds);
    ck_assert_msg(watched, "no inotify watch on %s", events);
    ck_assert_int_eq(pidfds, 0);
    /* one of two tasks gone: the group is still populated */
    watchReap(a, hold1);
    watchDrain();
    ck_assert_int_eq(seen.emptied, 0);
    watchReap(b, hold2);
    watchWaitEmptied(&seen, 1);

    ck_assert_int_eq(seen.other, 0);
    lveCgroupUnwatch(w, true);

    /* a new watch of a group that has a task again: its exit is noticed
     * (a task that enters and exits between two reads of the watch is
     * not, on v2 as on v1: the kernel says "populated", not how often) */
    a = watchChild(&hold1);
    ck_assert_int_eq(virCgroupAddTask(tree, name, a, 0), 0);
    ck_assert(w = lveCgroupWatchGroups(tree, NULL, TEST_ID, watchNotice, &seen, NULL));
    watchDrain();
    ck_assert_int_eq(seen.emptied, 1);
    watchReap(a, hold1);
    watchWaitEmptied(&seen, 2);
    ck_assert_int_eq(seen.other, 0);
    lveCgroupUnwatch(w, true);
    watchTreeEnd(tree);
}
END_TEST

/* A task moved out of the group (to the tree's parent) empties it as an
 * exit does. */
START_TEST(test_v2_left)
{
    virCgroupTree *tree = watchTree();
    g_autofree char *procs = NULL;
    g_autofree char *pidstr = NULL;
    char name[LVE_CGROUP_NAME_BUFLEN];
    watchSeen seen = { 0 };
    lveWatch *w;
    int hold;
    pid_t a;

    lveCgroupName(TEST_ID, name);
    a = watchChild(&hold);
    ck_assert_int_eq(virCgroupAddTask(tree, name, a, 0), 0);
    ck_assert(w = lveCgroupWatchGroups(tree, NULL, TEST_ID, watchNotice, &seen, NULL));
    procs = g_build_filename(virCgroupTreeParentDir(tree, virCgroupTreeAnchor(tree)),
                             "cgroup.procs", NULL);
    pidstr = g_strdup_printf("%d", (int)a);
    ck_assert_int_eq(virCgroupWriteFile(procs, pidstr, false), 0);
    watchWaitEmptied(&seen, 1);
    watchReap(a, hold);
    watchDrain();
    ck_assert_int_eq(seen.emptied, 1);
    lveCgroupUnwatch(w, true);
    watchTreeEnd(tree);
}
END_TEST

/* What this host's v2 offers the watch: said, not checked, where the
 * controllers are bound to v1. */
static void
watchSayControllers(void)
{
    g_autoptr(virCgroupTree) tree = lveCgroupTreeNew(treeParent, "v2");

    if (!tree)
        return;
    if (!virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_MEMORY))
        printf("NOTE: cgroup v2 offers no memory controller here: memory.events "
               "(oom_kill) is not watched or tested\n");
    if (!virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_PIDS))
        printf("NOTE: cgroup v2 offers no pids controller here: pids.events (max) "
               "is not watched or tested\n");
}

static bool
watchCanRun(void)
{
    g_autofree char *mounts = NULL;

    if (geteuid() != 0) {
        printf("SKIP: needs root (groups in the unified hierarchy)\n");
        return false;
    }
    if (!g_file_get_contents("/proc/self/mountinfo", &mounts, NULL, NULL) ||
        !strstr(mounts, " - cgroup2 ")) {
        printf("SKIP: no cgroup2 mount\n");
        return false;
    }
    return true;
}

int
main(void)
{
    Suite *suite = suite_create("lve-watch-v2");
    TCase *tc = tcase_create("v2");
    SRunner *sr;
    g_autoptr(virCgroupTree) tree = NULL;
    int failed;

    if (!watchCanRun())
        return 77;
    /* relative: under this process's own v2 group */
    treeParent = g_strdup_printf("virtkit-watchtest-%d", (int)getpid());
    if (virEventRegisterDefaultImpl() < 0)
        return 99;
    watchSayControllers();
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_v2_emptied);
    tcase_add_test(tc, test_v2_left);
    suite_add_tcase(suite, tc);
    sr = srunner_create(suite);
    /* the loop and the groups are this process's */
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    /* the tree's parent, made on first use */
    if ((tree = lveCgroupTreeNew(treeParent, "v2")))
        rmdir(virCgroupTreeParentDir(tree, virCgroupTreeAnchor(tree)));
    g_free(treeParent);
    return failed ? 1 : 0;
}
