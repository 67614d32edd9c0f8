/*
 * vircgrouptest.c: the cgroup module (vircgroup.h) on the fake hosts under
 * tests/data/util/cgroup, as any user
 *
 *   v1    controllers mounted one per hierarchy, cpu and cpuacct together;
 *         the process is in /jobs/42 of most; group g1 exists under
 *         "tests", with counters, and tasks whose pids no kernel gives out
 *   v2    the unified hierarchy only; the process's group /user.slice/job
 *         offers no pids controller; group busy under /stats
 *   none  no cgroup mounted at all
 *
 * Tests that write work on a copy.  A plain file is not a cgroup file: a
 * write replaces only the bytes it writes, so the fixtures' files that
 * are written start empty.  Nothing here kills: the real kernel's side
 * (moving, freezing and killing tasks) is tests/util/vircgroupkerneltest.
 */
#include "internal.h"

#include <unistd.h>

#include "utiltest.h"
#include "vircgroup.h"

/* <root>/sys/fs/cgroup/@rel */
static char *
fsPath(const char *root, const char *rel)
{
    return g_build_filename(root, "sys/fs/cgroup", rel, NULL);
}

static void
assertFile(const char *root, const char *rel, const char *want)
{
    g_autofree char *path = fsPath(root, rel);
    g_autofree char *content = utilTestReadFile(path);

    ck_assert_msg(STREQ(content, want), "%s holds '%s', not '%s'", rel, content, want);
}

static void
touch(const char *root, const char *rel, const char *content)
{
    g_autofree char *path = fsPath(root, rel);

    utilTestWriteFile(path, content);
}

START_TEST(test_tree_v1)
{
    g_autofree char *root = utilTestData("cgroup/v1");
    g_autofree char *cpu = fsPath(root, "cpu,cpuacct/jobs/42/tests");
    g_autofree char *cpuset = fsPath(root, "cpuset/tests");
    g_autofree char *memory = fsPath(root, "memory/virtkit-lve");
    g_autoptr(virCgroupTree) tree = NULL;
    int c;

    utilTestUseHost("cgroup/v1");
    /* relative: under the process's own group of each hierarchy */
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    ck_assert_int_eq(virCgroupTreeVersion(tree), 1);
    ck_assert_str_eq(virCgroupTreeParentSpec(tree), "tests");
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++)
        ck_assert(virCgroupTreeHas(tree, c));
    ck_assert_str_eq(virCgroupTreeParentDir(tree, VIR_CGROUP_CONTROLLER_CPU), cpu);
    ck_assert_str_eq(virCgroupTreeParentDir(tree, VIR_CGROUP_CONTROLLER_CPUACCT), cpu);
    ck_assert_str_eq(virCgroupTreeParentDir(tree, VIR_CGROUP_CONTROLLER_CPUSET), cpuset);
    ck_assert_int_eq(virCgroupTreeAnchor(tree), VIR_CGROUP_CONTROLLER_FREEZER);
    ck_assert_str_eq(virCgroupControllerName(VIR_CGROUP_CONTROLLER_BLKIO), "blkio");
    g_clear_pointer(&tree, virCgroupTreeFree);

    /* absolute: from each hierarchy's root */
    ck_assert_ptr_null(virCgroupTreeNew("/virtkit-lve/", NULL));
    ck_assert_util_error(VIR_ERR_INVALID_ARG, "must be a path without '.', '..' or empty parts");
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("/virtkit-lve", NULL));
    ck_assert_str_eq(virCgroupTreeParentDir(tree, VIR_CGROUP_CONTROLLER_MEMORY), memory);
}
END_TEST

START_TEST(test_tree_v2)
{
    g_autofree char *root = utilTestData("cgroup/v2");
    g_autofree char *dir = fsPath(root, "user.slice/job/tests");
    g_autoptr(virCgroupTree) tree = NULL;

    utilTestUseHost("cgroup/v2");
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    ck_assert_int_eq(virCgroupTreeVersion(tree), 2);
    /* what the nearest existing ancestor offers, and cpu time and freezing */
    ck_assert(virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_CPU));
    ck_assert(virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_CPUACCT));
    ck_assert(virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_BLKIO));
    ck_assert(virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_FREEZER));
    ck_assert(!virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_PIDS));
    ck_assert_str_eq(virCgroupTreeParentDir(tree, VIR_CGROUP_CONTROLLER_MEMORY), dir);
    ck_assert_ptr_null(virCgroupTreeParentDir(tree, VIR_CGROUP_CONTROLLER_PIDS));
    g_clear_pointer(&tree, virCgroupTreeFree);

    ck_assert_ptr_null(virCgroupTreeNew("tests", "v1"));
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED,
                         "no cgroup v1 controller is mounted on this host");
}
END_TEST

/* A v1 host's unified hierarchy, asked for: it delegates no controller. */
START_TEST(test_tree_hybrid)
{
    g_autoptr(virCgroupTree) tree = NULL;

    utilTestUseHost("cgroup/v1");
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", "v2"));
    ck_assert_int_eq(virCgroupTreeVersion(tree), 2);
    ck_assert(!virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_CPU));
    ck_assert(virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_FREEZER));
    ck_assert(virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_CPUACCT));
}
END_TEST

START_TEST(test_tree_errors)
{
    const char *bad[] = { "a/../b", "./a", "a//b", "", "/a/", "a/." };
    size_t i;

    utilTestUseHost("cgroup/v1");
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *msg = g_strdup_printf("cgroup_parent '%s' must be a path without "
                                               "'.', '..' or empty parts", bad[i]);

        ck_assert_ptr_null(virCgroupTreeNew(bad[i], NULL));
        ck_assert_util_error(VIR_ERR_INVALID_ARG, msg);
    }
    utilTestUseHost("cgroup/none");
    ck_assert_ptr_null(virCgroupTreeNew("tests", NULL));
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED,
                         "no cgroup filesystem (v1 or v2) is mounted on this host");
    virFileSetHostRoot("/nonexistent-virtkit-host");
    ck_assert_ptr_null(virCgroupTreeNew("tests", NULL));
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR,
                         "cannot read /proc/self/mountinfo or /proc/PID/cgroup");
}
END_TEST

START_TEST(test_paths)
{
    g_autofree char *root = utilTestData("cgroup/v1");
    g_autofree char *dir = fsPath(root, "pids/jobs/42/tests/ctx42");
    g_autofree char *file = g_build_filename(dir, "pids.max", NULL);
    g_autofree char *path = NULL;
    g_autofree char *longName = g_strnfill(VIR_CGROUP_NAME_MAX + 1, 'n');
    g_autoptr(virCgroupTree) tree = NULL;
    virCgroupPathBuf buf;

    utilTestUseHost("cgroup/v1");
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    ck_assert_str_eq(virCgroupPathInto(tree, VIR_CGROUP_CONTROLLER_PIDS, "ctx42", NULL, &buf),
                     dir);
    ck_assert_str_eq(virCgroupPathInto(tree, VIR_CGROUP_CONTROLLER_PIDS, "ctx42", "pids.max",
                                       &buf), file);
    ck_assert_str_eq(path = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_PIDS, "ctx42",
                                          "pids.max"), file);
    /* too long: a path that names nothing */
    ck_assert_str_eq(virCgroupPathInto(tree, VIR_CGROUP_CONTROLLER_PIDS, longName, NULL, &buf),
                     "");
}
END_TEST

START_TEST(test_files)
{
    g_autofree char *root = utilTestUseHostCopy("cgroup/v1");
    g_autofree char *file = fsPath(root, "scratch");
    g_autofree char *stat = fsPath(root, "cpu,cpuacct/jobs/42/tests/g1/cpuacct.stat");
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    unsigned long long value = 0;

    utilTestWriteFile(file, "max\n");
    ck_assert_int_eq(virCgroupReadFileULL(file, &value), 0);
    ck_assert_uint_eq(value, G_MAXUINT64);
    utilTestWriteFile(file, " 42\n");
    ck_assert_int_eq(virCgroupReadFileULL(file, &value), 0);
    ck_assert_uint_eq(value, 42);
    ck_assert_int_eq(virCgroupReadFileULL(stat, &value), -1);
    ck_assert_util_error(VIR_ERR_INTERNAL_ERROR, "not a number");

    ck_assert_int_eq(virCgroupReadFileKey(stat, "system", &value), 0);
    ck_assert_uint_eq(value, 100);
    ck_assert_int_eq(virCgroupReadFileKey(stat, "sys", &value), -1);
    ck_assert_util_error(VIR_ERR_INTERNAL_ERROR, "cpuacct.stat' has no 'sys' counter");

    /* pids as they are read, the last without a newline */
    utilTestWriteFile(file, "1\n22\n333");
    ck_assert_int_eq(virCgroupReadPids(file, pids), 0);
    ck_assert_uint_eq(pids->len, 3);
    ck_assert_int_eq(g_array_index(pids, pid_t, 2), 333);

    ck_assert_int_eq(virCgroupWriteFile(file, "7", false), 0);
    virResetLastError();
    ck_assert_int_eq(virCgroupWriteFile(root, "7", true), -EISDIR);
    ck_assert(!virErrorIsSet());
    ck_assert_int_eq(virCgroupWriteFile(root, "7", false), -EISDIR);
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "cannot write '7' to '");
    utilTestRemoveTree(root);
}
END_TEST

START_TEST(test_usage_v1)
{
    g_autoptr(virCgroupTree) tree = NULL;
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    unsigned long long tick = 1000000000ULL / sysconf(_SC_CLK_TCK);
    virCgroupUsage usage;
    guint64 percpu[4];

    utilTestUseHost("cgroup/v1");
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    ck_assert_int_eq(virCgroupGetUsage(tree, "g1", &usage), 0);
    ck_assert_uint_eq(usage.cpuTimeNs, 123456789);
    ck_assert_uint_eq(usage.userTimeNs, 250 * tick);
    ck_assert_uint_eq(usage.systemTimeNs, 100 * tick);
    ck_assert_uint_eq(usage.memoryBytes, 1048576);
    /* 99999991-99999993, each once, from every hierarchy */
    ck_assert_uint_eq(usage.tasks, 3);
    ck_assert_int_eq(virCgroupGetTasks(tree, "g1", pids), 0);
    ck_assert_uint_eq(pids->len, 3);

    ck_assert_int_eq(virCgroupGetPerCpuUsage(tree, "g1", percpu, 4), 0);
    ck_assert_uint_eq(percpu[0], 100);
    ck_assert_uint_eq(percpu[2], 300);
    ck_assert_uint_eq(percpu[3], 0);

    /* a group that is not there */
    ck_assert_int_eq(virCgroupGetUsage(tree, "gone", &usage), -1);
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "gone/cpuacct.usage");
    ck_assert(!virCgroupExists(tree, "gone"));
    ck_assert(virCgroupExists(tree, "g1"));
}
END_TEST

START_TEST(test_usage_v2)
{
    g_autoptr(virCgroupTree) tree = NULL;
    virCgroupUsage usage;
    guint64 percpu[2];

    utilTestUseHost("cgroup/v2");
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("/stats", NULL));
    ck_assert_int_eq(virCgroupGetUsage(tree, "busy", &usage), 0);
    ck_assert_uint_eq(usage.cpuTimeNs, 1500000);
    ck_assert_uint_eq(usage.userTimeNs, 1000000);
    ck_assert_uint_eq(usage.systemTimeNs, 500000);
    ck_assert_uint_eq(usage.memoryBytes, 4096);
    ck_assert_uint_eq(usage.tasks, 2);
    /* v2 keeps no time per CPU: -1, and no error */
    virResetLastError();
    ck_assert_int_eq(virCgroupGetPerCpuUsage(tree, "busy", percpu, 2), -1);
    ck_assert(!virErrorIsSet());
}
END_TEST

START_TEST(test_place)
{
    g_autofree char *root = utilTestData("cgroup/v1");
    g_autofree char *memory = fsPath(root, "memory/jobs/42");
    g_autofree char *cpu = fsPath(root, "cpu,cpuacct/jobs/42");
    g_autoptr(virCgroupTree) tree = NULL;
    virCgroupPlace place;

    utilTestUseHost("cgroup/v1");
    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    ck_assert_int_eq(virCgroupPlaceOf(tree, getpid(), &place), 0);
    ck_assert_str_eq(place.dir[VIR_CGROUP_CONTROLLER_MEMORY], memory);
    ck_assert_str_eq(place.dir[VIR_CGROUP_CONTROLLER_CPUACCT], cpu);
    virCgroupPlaceClear(&place);
    ck_assert_ptr_null(place.dir[VIR_CGROUP_CONTROLLER_MEMORY]);
}
END_TEST

START_TEST(test_limits_v1)
{
    g_autofree char *root = utilTestUseHostCopy("cgroup/v1");
    g_autoptr(virCgroupTree) tree = NULL;

    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    /* there already; a v1 cpuset group gets its parent's memory nodes */
    ck_assert_int_eq(virCgroupCreate(tree, "g1", 0), 0);
    assertFile(root, "cpuset/tests/g1/cpuset.mems", "0");

    ck_assert_int_eq(virCgroupSetCpuQuota(tree, "g1", 50000, 100000), 0);
    assertFile(root, "cpu,cpuacct/jobs/42/tests/g1/cpu.cfs_period_us", "100000");
    assertFile(root, "cpu,cpuacct/jobs/42/tests/g1/cpu.cfs_quota_us", "50000");
    ck_assert_int_eq(virCgroupSetMemoryLimit(tree, "g1", 0), 0);
    assertFile(root, "memory/jobs/42/tests/g1/memory.limit_in_bytes", "-1");
    ck_assert_int_eq(virCgroupSetPidsMax(tree, "g1", 100), 0);
    assertFile(root, "pids/jobs/42/tests/g1/pids.max", "100");
    /* v1 has no "the parent's CPUs": they are written out */
    ck_assert_int_eq(virCgroupSetCpusetCpus(tree, "g1", NULL), 0);
    assertFile(root, "cpuset/tests/g1/cpuset.cpus", "0-3");
    ck_assert_int_eq(virCgroupSetBlkioThrottle(tree, "g1", 1048576, 0), 0);
    assertFile(root, "blkio/tests/g1/blkio.throttle.write_bps_device", "252:0 1048576");
    assertFile(root, "blkio/tests/g1/blkio.throttle.read_iops_device", "252:0 0");

    ck_assert_int_eq(virCgroupSetValue(tree, VIR_CGROUP_CONTROLLER_MEMORY, "g1",
                                       "memory.usage_in_bytes", "0"), 0);
    utilTestRemoveTree(root);
}
END_TEST

/* A task goes into every hierarchy but those skipped; freezing waits for
 * the state the kernel reports. */
START_TEST(test_tasks_v1)
{
    g_autofree char *root = utilTestUseHostCopy("cgroup/v1");
    g_autoptr(virCgroupTree) tree = NULL;
    unsigned int skip = (1U << VIR_CGROUP_CONTROLLER_MEMORY) | (1U << VIR_CGROUP_CONTROLLER_PIDS);

    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    touch(root, "freezer/jobs/42/tests/g1/cgroup.procs", "");
    touch(root, "cpu,cpuacct/jobs/42/tests/g1/cgroup.procs", "");
    ck_assert_int_eq(virCgroupAddTask(tree, "g1", 99999994, skip), 0);
    assertFile(root, "freezer/jobs/42/tests/g1/cgroup.procs", "99999994");
    assertFile(root, "cpu,cpuacct/jobs/42/tests/g1/cgroup.procs", "99999994");
    assertFile(root, "memory/jobs/42/tests/g1/cgroup.procs", "99999992\n99999993\n");

    ck_assert_int_eq(virCgroupSetFrozen(tree, "g1", true, false), 0);
    assertFile(root, "freezer/jobs/42/tests/g1/freezer.state", "FROZEN\n");
    ck_assert_int_eq(virCgroupSetFrozen(tree, "g1", false, false), 0);
    assertFile(root, "freezer/jobs/42/tests/g1/freezer.state", "THAWED\n");
    utilTestRemoveTree(root);
}
END_TEST

static char *
subjectLVE(const char *name, void *opaque)
{
    return g_strdup_printf("%s %s", (const char *)opaque, name + 3);
}

START_TEST(test_groups_v2)
{
    g_autofree char *root = utilTestUseHostCopy("cgroup/v2");
    g_autofree char *g3 = fsPath(root, "user.slice/job/tests/g3");
    g_autoptr(virCgroupTree) tree = NULL;
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));

    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    /* the parent is made on first use */
    ck_assert_int_eq(virCgroupCreate(tree, "g2", 0), 1);
    ck_assert_int_eq(virCgroupCreate(tree, "g2", 0), 0);
    ck_assert(virCgroupExists(tree, "g2"));
    touch(root, "user.slice/job/tests/g2/cpu.max", "");
    touch(root, "user.slice/job/tests/g2/memory.max", "");
    touch(root, "user.slice/job/tests/g2/cpuset.cpus", "");
    touch(root, "user.slice/job/tests/g2/io.max", "");
    touch(root, "user.slice/job/tests/g2/cgroup.freeze", "");
    touch(root, "user.slice/job/tests/g2/cgroup.events", "populated 0\nfrozen 1\n");
    touch(root, "user.slice/job/tests/g2/cgroup.kill", "");
    touch(root, "user.slice/job/tests/g2/cgroup.procs", "");

    ck_assert_int_eq(virCgroupSetCpuQuota(tree, "g2", 0, 100000), 0);
    assertFile(root, "user.slice/job/tests/g2/cpu.max", "max 100000");
    ck_assert_int_eq(virCgroupSetMemoryLimit(tree, "g2", 64 << 20), 0);
    assertFile(root, "user.slice/job/tests/g2/memory.max", "67108864");
    /* empty: the parent's CPUs; a newline, as an empty write writes nothing */
    ck_assert_int_eq(virCgroupSetCpusetCpus(tree, "g2", NULL), 0);
    assertFile(root, "user.slice/job/tests/g2/cpuset.cpus", "\n");
    ck_assert_int_eq(virCgroupSetBlkioThrottle(tree, "g2", 0, 500), 0);
    assertFile(root, "user.slice/job/tests/g2/io.max",
               "259:0 rbps=max wbps=max riops=500 wiops=500");

    ck_assert_int_eq(virCgroupSetPidsMax(tree, "g2", 10), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED,
                         "cgroup 'g2': the 'pids' cgroup controller is not available here "
                         "(cgroup v2)");

    ck_assert_int_eq(virCgroupSetFrozen(tree, "g2", true, false), 0);
    assertFile(root, "user.slice/job/tests/g2/cgroup.freeze", "1");
    ck_assert_int_eq(virCgroupKillAll(tree, "g2"), 0);
    assertFile(root, "user.slice/job/tests/g2/cgroup.kill", "1");
    ck_assert_int_eq(virCgroupGetTasks(tree, "g2", pids), 0);
    ck_assert_uint_eq(pids->len, 0);

    /* files in it: not a group the kernel would let go of */
    ck_assert_int_eq(virCgroupRemove(tree, "g2"), -1);
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "cgroup 'g2': cannot remove its cgroups (such as '");
    ck_assert_int_eq(virCgroupCreate(tree, "g3", 0), 1);
    ck_assert_int_eq(virCgroupRemove(tree, "g3"), 0);
    ck_assert(!g_file_test(g3, G_FILE_TEST_EXISTS));
    ck_assert_int_eq(virCgroupRemove(tree, "g3"), 0);
    utilTestRemoveTree(root);
}
END_TEST

/* How messages call a group is the tree owner's to say. */
START_TEST(test_subject)
{
    g_autofree char *root = utilTestUseHostCopy("cgroup/v2");
    g_autofree char *disk = g_build_filename(root, "sys/block/nvme0n1/dev", NULL);
    g_autoptr(virCgroupTree) tree = NULL;

    ck_assert_ptr_nonnull(tree = virCgroupTreeNew("tests", NULL));
    virCgroupTreeSetSubject(tree, subjectLVE, (void *)"LVE");
    ck_assert_int_eq(virCgroupCreate(tree, "lve7", 0), 1);
    ck_assert_int_eq(virCgroupSetPidsMax(tree, "lve7", 10), -1);
    ck_assert_util_error(VIR_ERR_OPERATION_UNSUPPORTED, "LVE 7: the 'pids' cgroup controller");

    /* no disk: a limit fails, no limit is fine */
    ck_assert_int_eq(unlink(disk), 0);
    ck_assert_int_eq(virCgroupSetBlkioThrottle(tree, "lve7", 0, 0), 0);
    ck_assert_int_eq(virCgroupSetBlkioThrottle(tree, "lve7", 1024, 0), -1);
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "LVE 7: no disk accepts the throttle in '");
    ck_assert_util_error(VIR_ERR_SYSTEM_ERROR, "lve7/io.max': No such device");
    ck_assert_int_eq(virCgroupRemove(tree, "lve7"), 0);
    utilTestRemoveTree(root);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("vircgroup");
    TCase *tree = tcase_create("tree");
    TCase *groups = tcase_create("groups");

    tcase_add_test(tree, test_tree_v1);
    tcase_add_test(tree, test_tree_v2);
    tcase_add_test(tree, test_tree_hybrid);
    tcase_add_test(tree, test_tree_errors);
    tcase_add_test(tree, test_paths);
    tcase_add_test(tree, test_files);
    tcase_add_test(tree, test_usage_v1);
    tcase_add_test(tree, test_usage_v2);
    tcase_add_test(tree, test_place);
    suite_add_tcase(s, tree);
    tcase_add_test(groups, test_limits_v1);
    tcase_add_test(groups, test_tasks_v1);
    tcase_add_test(groups, test_groups_v2);
    tcase_add_test(groups, test_subject);
    /* virCgroupRemove waits a second for a group that will not go */
    tcase_set_timeout(groups, 30);
    suite_add_tcase(s, groups);
    return utilTestRun(s);
}
