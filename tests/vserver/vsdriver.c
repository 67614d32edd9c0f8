/*
 * vsdriver.c: what the VServer driver's suites share
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "vsdriver.h"

static struct {
    GHashTable *sim;                /* what VIRTKIT_VSERVER_SIM says */
    char *top;                      /* every root of the suite is under it */
    char *lastRoot;
    char *lastExtra;
} vsd;

static const char *
vsdSimGet(const char *key)
{
    return vsd.sim ? g_hash_table_lookup(vsd.sim, key) : NULL;
}

static bool
vsdSimListHas(const char *key, const char *item)
{
    const char *list = vsdSimGet(key);
    g_auto(GStrv) items = list ? g_strsplit(list, ",", -1) : NULL;

    return items && g_strv_contains((const char *const *)items, item);
}

const char *
vsdAbi(void)
{
    return vsdSimGet("abi");
}

bool
vsdIsV2(void)
{
    return g_strcmp0(vsdAbi(), "v2") == 0;
}

bool
vsdLacks(const char *command)
{
    return vsdSimListHas("without", command);
}

bool
vsdEnforces(const char *what)
{
    return vsdSimListHas("enforce", what);
}

/* This mainline kernel has no vserver call: the open fails, saying so,
 * and writes nothing. */
static void
vsdCheckENOSYS(void)
{
    g_autofree char *root = testMakeTempDir("vserver-enosys");
    g_autofree char *uri = g_strdup_printf("vserver:///embed?root=%s", root);
    g_autoptr(GDir) dir = NULL;
    virConnectPtr conn = virConnectOpen(uri);

    if (conn) {
        fprintf(stderr, "FAIL: %s opened on a kernel without Linux-VServer\n", uri);
        exit(EXIT_FAILURE);
    }
    if (virGetLastError()->code != VIR_ERR_NO_SUPPORT ||
        !strstr(virGetLastErrorMessage(), "this kernel has no Linux-VServer support")) {
        fprintf(stderr, "FAIL: unexpected error: %s\n", virGetLastErrorMessage());
        exit(EXIT_FAILURE);
    }
    dir = g_dir_open(root, 0, NULL);
    if (!dir || g_dir_read_name(dir)) {
        fprintf(stderr, "FAIL: a failed open wrote into %s\n", root);
        exit(EXIT_FAILURE);
    }
    testRemoveTree(root);
    printf("PASS: without virtkit-vserver-sim: %s\n", virGetLastErrorMessage());
}

void
vsdInit(const char *suite)
{
    const char *desc = g_getenv("VIRTKIT_VSERVER_SIM");
    g_auto(GStrv) words = NULL;
    size_t i;

    testQuietErrors();
    if (!desc) {
        vsdCheckENOSYS();
        printf("SKIP: %s: the rest runs under virtkit-vserver-sim (tests/vserver/simtest.sh)%s\n",
               suite, g_getenv("VIRTKIT_TEST_UNDER_VALGRIND") ?
               "; valgrind cannot follow seccomp-trapped code" : "");
        exit(EXIT_SUCCESS);
    }
    vsd.sim = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    words = g_strsplit(desc, " ", -1);
    for (i = 0; words[i]; i++) {
        char *eq = strchr(words[i], '=');

        if (eq)
            g_hash_table_insert(vsd.sim, g_strndup(words[i], eq - words[i]), g_strdup(eq + 1));
    }
    /* check runs each test in a child: the roots go under one directory
     * that the suite's process removes */
    vsd.top = testMakeTempDir("vserver");
    printf("%s under the simulated kernel: %s\n", suite, desc);
}

/* ---- connections and domains --------------------------------------- */

static virConnectPtr
vsdOpenRoot(const char *root, const char *extra, bool readonly)
{
    g_autofree char *uri = g_strdup_printf("vserver:///embed?root=%s%s%s", root,
                                           extra ? "&" : "", extra ? extra : "");
    virConnectPtr conn = readonly ? virConnectOpenReadOnly(uri) : virConnectOpen(uri);

    ck_assert_msg(conn, "cannot open %s: %s", uri, virGetLastErrorMessage());
    return conn;
}

virConnectPtr
vsdOpen(const char *extra)
{
    g_autofree char *tmpl = g_build_filename(vsd.top, "root-XXXXXX", NULL);
    char *root = g_mkdtemp(g_strdup(tmpl));

    ck_assert_msg(root, "cannot make a root under %s: %s", vsd.top, g_strerror(errno));
    g_free(vsd.lastRoot);
    g_free(vsd.lastExtra);
    vsd.lastRoot = root;
    vsd.lastExtra = g_strdup(extra);
    return vsdOpenRoot(root, extra, false);
}

virConnectPtr
vsdReopen(bool readonly)
{
    return vsdOpenRoot(vsd.lastRoot, vsd.lastExtra, readonly);
}

const char *
vsdRoot(void)
{
    return vsd.lastRoot;
}

char *
vsdDomainXML(const char *name, unsigned int xid)
{
    g_autofree char *path = g_strdup_printf("vserver/templates/%s.xml", name);
    g_autofree char *xml = testLoadFile(path);
    g_autofree char *id = g_strdup_printf("%u", xid);
    g_auto(GStrv) parts = g_strsplit(xml, "@XID@", -1);

    return g_strjoinv(id, parts);
}

virDomainPtr
vsdDefine(virConnectPtr conn, const char *name, unsigned int xid)
{
    g_autofree char *xml = vsdDomainXML(name, xid);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_msg(dom, "cannot define %s for context %u: %s", name, xid,
                  virGetLastErrorMessage());
    return dom;
}

virDomainPtr
vsdDefineAndStart(virConnectPtr conn, const char *name, unsigned int xid)
{
    virDomainPtr dom = vsdDefine(conn, name, xid);

    ck_assert_msg(virDomainCreate(dom) == 0, "cannot start %s for context %u: %s", name, xid,
                  virGetLastErrorMessage());
    return dom;
}

void
vsdAssertState(virDomainPtr dom, int state, int reason)
{
    int s = -1, r = -1;

    ck_assert_msg(virDomainGetState(dom, &s, &r, 0) == 0, "%s", virGetLastErrorMessage());
    ck_assert_msg(s == state && r == reason, "domain '%s': state %d (%d), expected %d (%d)",
                  virDomainGetName(dom), s, r, state, reason);
}

bool
vsdWaitShutoff(virDomainPtr dom)
{
    int i, state = -1;

    /* 20 s: a loaded machine runs the simulator slowly */
    for (i = 0; i < 2000; i++) {
        if (virDomainGetState(dom, &state, NULL, 0) == 0 && state == VIR_DOMAIN_SHUTOFF)
            return true;
        g_usleep(10000);
    }
    return false;
}

/* ---- processes and the kernel -------------------------------------- */

/* The command line of @pid with spaces between its words, if it lives. */
static char *
vsdCmdline(const char *pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%s/cmdline", pid);
    g_autofree char *stat = g_strdup_printf("/proc/%s/stat", pid);
    g_autofree char *text = NULL, *st = NULL;
    gsize len, i;
    const char *paren;

    if (!g_file_get_contents(stat, &st, NULL, NULL) || !(paren = strrchr(st, ')')) ||
        paren[2] == 'Z' || !g_file_get_contents(path, &text, &len, NULL) || !len)
        return NULL;
    for (i = 0; i + 1 < len; i++) {
        if (!text[i])
            text[i] = ' ';
    }
    return g_steal_pointer(&text);
}

pid_t
vsdFindProcess(const char *needle)
{
    g_autoptr(GDir) proc = g_dir_open("/proc", 0, NULL);
    const char *name;

    while (proc && (name = g_dir_read_name(proc))) {
        g_autofree char *cmd = NULL;
        guint64 pid;

        if (!g_ascii_string_to_unsigned(name, 10, 1, G_MAXINT32, &pid, NULL) ||
            !(cmd = vsdCmdline(name)))
            continue;
        /* the start of the command line: "sh -c '...; exec /bin/sleep N'"
         * is not yet the sleep it execs */
        if (g_str_has_prefix(cmd, needle) && (pid_t)pid != getpid())
            return pid;
    }
    return 0;
}

pid_t
vsdFindInit(unsigned int xid)
{
    g_autofree char *needle = g_strdup_printf("/bin/sleep 9%u", xid);

    return vsdFindProcess(needle);
}

char *
vsdProbe(unsigned int xid)
{
    g_autofree char *probe = g_build_filename(ABS_BUILDDIR, "tests", "vserver", "vsprobe", NULL);
    g_autofree char *arg = g_strdup_printf("%u", xid);
    char *argv[] = { probe, arg, NULL };
    g_autoptr(GError) error = NULL;
    char *out = NULL;
    int status;

    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                      &error))
        ck_abort_msg("cannot run vsprobe: %s", error->message);
    return out;
}

bool
vsdProbeMatches(unsigned int xid, const char *name)
{
    g_autofree char *out = vsdProbe(xid);
    g_autofree char *path = g_strdup_printf("vserver/probe/%s-%s.txt", name, vsdAbi());

    return testCompareToFile(out, path);
}

bool
vsdContextExists(unsigned int xid)
{
    g_autofree char *out = vsdProbe(xid);

    return !g_str_has_suffix(out, ": none\n");
}

int
vsdRun(Suite *suite)
{
    int ret = testRunSuite(suite);

    testRemoveTree(vsd.top);
    return ret;
}
