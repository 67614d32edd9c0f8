/*
 * lve_status_test.c: the status files of running LVEs, as a new process
 * (or the next connection, once the last one closed) takes them back
 *
 * A domain that runs its configuration unchanged has a status that points
 * at that configuration (<domstatus live='config'>); once the two differ,
 * the status holds the live definition.  These tests check what another
 * process sees in each case, and that a configuration changed or removed
 * while the domain runs, or a write that fails half-way, never passes for
 * what runs.
 *
 * Runs as root on cgroup v1, against the backend LVE_TEST_BACKEND names
 * (tests/lve/run-liblve.sh runs it against the stand-in liblve).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

/* ---- helpers -------------------------------------------------------- */

static char *
statusPath(const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(lveTestRoot(), "run", "virtkit", "lve", file, NULL);
}

static char *
configPath(const char *name)
{
    g_autofree char *file = g_strdup_printf("%s.xml", name);

    return g_build_filename(lveTestRoot(), "etc", "virtkit", "lve", file, NULL);
}

static char *
readStatus(const char *name)
{
    g_autofree char *path = statusPath(name);
    char *xml = NULL;

    ck_assert_msg(g_file_get_contents(path, &xml, NULL, NULL), "no status file %s", path);
    return xml;
}

/* Whether the status of @name points at its configuration. */
static bool
statusIsConfig(const char *name)
{
    g_autofree char *xml = readStatus(name);

    if (strstr(xml, " live='config'")) {
        ck_assert_ptr_null(strstr(xml, "<domain"));
        return true;
    }
    ck_assert_ptr_nonnull(strstr(xml, "<domain"));
    return false;
}

static unsigned int
getSpeed(virDomainPtr dom, unsigned int flags)
{
    virTypedParameter param;
    int n = 1;

    ck_assert_int_eq(virDomainGetSchedulerParametersFlags(dom, &param, &n, flags), 0);
    ck_assert_int_eq(n, 1);
    return param.value.ui;
}

static void
setSpeed(virDomainPtr dom, unsigned int speed, unsigned int flags)
{
    virTypedParameter param = { .type = VIR_TYPED_PARAM_UINT, .value.ui = speed };

    g_strlcpy(param.field, "speed", sizeof(param.field));
    ck_assert_msg(virDomainSetSchedulerParametersFlags(dom, &param, 1, flags) == 0, "%s",
                  virGetLastErrorMessage());
}

/* The configuration of @dom with "nproc='0'" made "nproc='@nproc'". */
static char *
configWithNproc(virDomainPtr dom, unsigned int nproc)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    g_autofree char *with = g_strdup_printf("nproc='%u'", nproc);
    g_auto(GStrv) parts = g_strsplit(xml, "nproc='0'", -1);

    ck_assert_uint_eq(g_strv_length(parts), 2);
    return g_strjoinv(with, parts);
}

/* Closes @conn, the last connection: the next open reads the files. */
static virConnectPtr
reopen(virConnectPtr conn, virDomainPtr dom)
{
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
    return lveTestReopen();
}

/* ---- a start points at the configuration ---------------------------- */

START_TEST(test_status_points_at_config)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3040);
    g_autofree char *live = NULL, *config = NULL, *path = statusPath("lve-3040");

    ck_assert(statusIsConfig("lve-3040"));
    conn = reopen(conn, dom);
    dom = virDomainLookupByID(conn, 3040);
    ck_assert_ptr_nonnull(dom);
    lveTestAssertState(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    live = virDomainGetXMLDesc(dom, 0);
    config = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_str_eq(live, config);
    /* a state change keeps pointing at it */
    if (!lveTestIsLiblve()) {
        ck_assert_int_eq(virDomainSuspend(dom), 0);
        ck_assert(statusIsConfig("lve-3040"));
        conn = reopen(conn, dom);
        dom = virDomainLookupByName(conn, "lve-3040");
        lveTestAssertState(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
        ck_assert_int_eq(virDomainResume(dom), 0);
    }
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- a live change, seen by another process ------------------------- */

typedef struct {
    int uri[2];         /* the parent says where to look once it changed */
} otherArgs;

/* Another process: opens the root it is told, reports the live and the
 * configured speed and memory of LVE 3041. */
static int
childOther(int report, void *opaque)
{
    otherArgs *args = opaque;
    char uri[4096] = "";
    virConnectPtr conn;
    virDomainPtr dom;
    ssize_t n;

    close(args->uri[1]);
    if ((n = read(args->uri[0], uri, sizeof(uri) - 1)) <= 0)
        return 1;
    uri[n] = '\0';
    if (!(conn = virConnectOpen(uri)) || !(dom = virDomainLookupByID(conn, 3041))) {
        fprintf(stderr, "other process: %s\n", virGetLastErrorMessage());
        lveTestReport(report, -1);
        return 1;
    }
    lveTestReport(report, getSpeed(dom, VIR_DOMAIN_AFFECT_LIVE));
    lveTestReport(report, getSpeed(dom, VIR_DOMAIN_AFFECT_CONFIG));
    lveTestReport(report, virDomainGetMaxMemory(dom) / 1024);
    lveTestReport(report, virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE));
    lveTestReport(report, virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG));
    virDomainFree(dom);
    virConnectClose(conn);
    return 0;
}

START_TEST(test_live_change_other_process)
{
    otherArgs args;
    virConnectPtr conn;
    virDomainPtr dom;
    int report, status;
    pid_t pid;
    g_autofree char *uri = NULL;

    /* forked before this process opens the root: nothing of its driver
     * is inherited, the other process knows only the files */
    ck_assert_int_eq(pipe(args.uri), 0);
    pid = lveTestFork(childOther, &args, &report);
    close(args.uri[0]);
    conn = lveTestOpen(NULL);
    dom = lveTestDefineAndStart(conn, "unlimited", 3041);
    setSpeed(dom, 40, VIR_DOMAIN_AFFECT_LIVE);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert(!statusIsConfig("lve-3041"));
    uri = virConnectGetURI(conn);
    ck_assert_int_eq(write(args.uri[1], uri, strlen(uri)), (ssize_t)strlen(uri));
    close(args.uri[1]);
    ck_assert_int_eq(lveTestChildResult(report), 40);
    ck_assert_int_eq(lveTestChildResult(report), 0);
    ck_assert_int_eq(lveTestChildResult(report), 256);
    ck_assert_int_eq(lveTestChildResult(report), 1);
    ck_assert_int_eq(lveTestChildResult(report), 2);
    status = lveTestWait(pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status 0x%x", status);
    close(report);
    /* and the next connection of this process */
    conn = reopen(conn, dom);
    dom = virDomainLookupByID(conn, 3041);
    ck_assert_uint_eq(getSpeed(dom, VIR_DOMAIN_AFFECT_LIVE), 40);
    ck_assert_uint_eq(getSpeed(dom, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_uint_eq(getSpeed(dom, VIR_DOMAIN_AFFECT_CONFIG), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* ---- the configuration changes while the domain runs ---------------- */

START_TEST(test_config_change_while_running)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3042);
    g_autofree char *xml = configWithNproc(dom, 7);
    g_autofree char *live = NULL, *config = NULL;
    virDomainPtr again;

    ck_assert(statusIsConfig("lve-3042"));
    /* a new definition waits for the next start; what runs is the old one */
    again = virDomainDefineXML(conn, xml);
    ck_assert_ptr_nonnull(again);
    virDomainFree(again);
    ck_assert(!statusIsConfig("lve-3042"));
    conn = reopen(conn, dom);
    dom = virDomainLookupByID(conn, 3042);
    live = virDomainGetXMLDesc(dom, 0);
    config = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(live, "nproc='0'"));
    ck_assert_ptr_nonnull(strstr(config, "nproc='7'"));
    lveTestAssertCgroup(3042, "pids", "pids.max", "max");
    /* a change of the configuration only */
    setSpeed(dom, 20, VIR_DOMAIN_AFFECT_CONFIG);
    conn = reopen(conn, dom);
    dom = virDomainLookupByID(conn, 3042);
    ck_assert_uint_eq(getSpeed(dom, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_uint_eq(getSpeed(dom, VIR_DOMAIN_AFFECT_CONFIG), 20);
    /* undefined while running: it runs on, transient */
    ck_assert_int_eq(virDomainUndefine(dom), 0);
    conn = reopen(conn, dom);
    dom = virDomainLookupByID(conn, 3042);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainIsPersistent(dom), 0);
    g_free(live);
    live = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(live, "nproc='0'"));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    ck_assert_ptr_null(virDomainLookupByName(conn, "lve-3042"));
    virResetLastError();
    virConnectClose(conn);
}
END_TEST

/* A new configuration that cannot be written, after the status stopped
 * pointing at the old one: what a crash between the two writes leaves.
 * The next process sees the domain as it runs, with the old
 * configuration. */
START_TEST(test_config_write_fails)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3043);
    g_autofree char *xml = configWithNproc(dom, 7);
    g_autofree char *path = configPath("lve-3043");
    g_autofree char *saved = g_strdup_printf("%s.saved", path);
    g_autofree char *inside = g_build_filename(path, "x", NULL);
    g_autofree char *live = NULL, *config = NULL;

    ck_assert(statusIsConfig("lve-3043"));
    /* a non-empty directory where the file goes: the rename fails */
    ck_assert_int_eq(rename(path, saved), 0);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    ck_assert(g_file_set_contents(inside, "", 0, NULL));
    ck_assert_ptr_null(virDomainDefineXML(conn, xml));
    ck_assert(!statusIsConfig("lve-3043"));
    ck_assert_int_eq(unlink(inside), 0);
    ck_assert_int_eq(rmdir(path), 0);
    ck_assert_int_eq(rename(saved, path), 0);
    conn = reopen(conn, dom);
    dom = virDomainLookupByID(conn, 3043);
    ck_assert_ptr_nonnull(dom);
    live = virDomainGetXMLDesc(dom, 0);
    config = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_str_eq(live, config);
    ck_assert_ptr_nonnull(strstr(live, "nproc='0'"));
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* What an interrupted write or a lost configuration leaves is skipped:
 * the temporary file of a status write that never finished, a status
 * pointing at a configuration that is not there. */
START_TEST(test_status_leftovers)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = lveTestDefineAndStart(conn, "unlimited", 3044);
    g_autofree char *run = g_build_filename(lveTestRoot(), "run", "virtkit", "lve", NULL);
    g_autofree char *temp = g_build_filename(run, ".lve-3044.xml.tmp-AbCdEf", NULL);
    g_autofree char *ghost = statusPath("ghost");

    ck_assert(g_file_set_contents(temp, "<domstatus state='runn", -1, NULL));
    ck_assert(g_file_set_contents(ghost, "<domstatus state='running' reason='1' id='3045' "
                                  "live='config'>\n</domstatus>\n", -1, NULL));
    conn = reopen(conn, dom);
    ck_assert(!g_file_test(temp, G_FILE_TEST_EXISTS));
    ck_assert_ptr_null(virDomainLookupByName(conn, "ghost"));
    virResetLastError();
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    dom = virDomainLookupByID(conn, 3044);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    unlink(ghost);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
lveStatusSuite(void)
{
    Suite *s = suite_create("lve-status");
    TCase *tc = tcase_create(lveTestBackend());

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_status_points_at_config);
    tcase_add_test(tc, test_live_change_other_process);
    tcase_add_test(tc, test_config_change_while_running);
    tcase_add_test(tc, test_config_write_fails);
    tcase_add_test(tc, test_status_leftovers);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    lveTestInit("lve-status", true);
    return lveTestRun(lveStatusSuite());
}
