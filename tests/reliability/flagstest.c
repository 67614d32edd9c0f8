/*
 * flagstest.c: an unknown flag for every public function that takes flags
 *
 * Every function with an `unsigned int flags` argument is called with
 * valid arguments and one flag bit no version of the API defines.  It must
 * refuse with VIR_ERR_INVALID_ARG, name the bit and the function, and
 * change nothing: a flag from a newer client is never silently ignored.
 * Each bit of the high byte is tried, one at a time.
 *
 * tests/reliability/apicoverage.sh checks with --list that every public
 * function taking flags has a row.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "relutils.h"

typedef struct {
    relFixture fx;
    virDomainPtr dom;           /* "web", running */
    virDomainPtr idle;          /* "idle", shut off */
    virTypedParameter params[4];
    char *savePath;             /* a save file of "victim", never restored */
    unsigned int cookie;        /* of a virDomainEnter on "web" */
} flagsCtx;

typedef struct {
    const char *func;
    bool (*call)(flagsCtx *c, unsigned int flags);     /* true: failed */
    unsigned int known;                                /* high bits libvirt defines for it */
} flagsCase;

#define FC(fn, expr) \
    static bool \
    fc_##fn(flagsCtx *c G_GNUC_UNUSED, unsigned int f) \
    { \
        return (expr); \
    }
#define FAILS_INT(expr) ((expr) == -1)

static bool
flagsNoHandle(virDomainPtr dom)
{
    if (!dom)
        return true;
    virDomainFree(dom);
    return false;
}

static bool
flagsNoConn(virConnectPtr conn)
{
    if (!conn)
        return true;
    virConnectClose(conn);
    return false;
}

#define NEW_XML "<domain type='test'><name>new</name><memory>1024</memory><os><type>hvm</type></os></domain>"

FC(virConnectOpenAuth, flagsNoConn(virConnectOpenAuth(c->fx.uri, NULL, f)))
FC(virNodeGetCPUMap, ({ unsigned int on; FAILS_INT(virNodeGetCPUMap(c->fx.conn, NULL, &on, f)); }))
FC(virNodeGetMemoryStats,
   ({ virNodeMemoryStats s[2]; int n = 2; FAILS_INT(virNodeGetMemoryStats(c->fx.conn, -1, s, &n, f)); }))
FC(virNodeGetMemoryParameters,
   ({ int n = 1; FAILS_INT(virNodeGetMemoryParameters(c->fx.conn, c->params, &n, f)); }))
FC(virNodeSetMemoryParameters, ({
    virTypedParameter p = { VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, VIR_TYPED_PARAM_UINT, { .ui = 7 } };
    FAILS_INT(virNodeSetMemoryParameters(c->fx.conn, &p, 1, f));
}))
FC(virConnectListAllDomains, ({
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(c->fx.conn, &doms, f);
    int i;

    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    n < 0;
}))
FC(virDomainDefineXMLFlags, flagsNoHandle(virDomainDefineXMLFlags(c->fx.conn, NEW_XML, f)))
FC(virDomainUndefineFlags, FAILS_INT(virDomainUndefineFlags(c->idle, f)))
FC(virDomainRename, FAILS_INT(virDomainRename(c->idle, "renamed", f)))
FC(virDomainSetMetadata,
   FAILS_INT(virDomainSetMetadata(c->dom, VIR_DOMAIN_METADATA_TITLE, "t", NULL, NULL, f)))
FC(virDomainGetMetadata, ({
    char *text = virDomainGetMetadata(c->dom, VIR_DOMAIN_METADATA_TITLE, NULL, f);
    bool failed = text == NULL;
    free(text);
    failed;
}))
FC(virDomainCreateXML, flagsNoHandle(virDomainCreateXML(c->fx.conn, NEW_XML, f)))
FC(virDomainCreateWithFlags, FAILS_INT(virDomainCreateWithFlags(c->idle, f)))
FC(virDomainShutdownFlags, FAILS_INT(virDomainShutdownFlags(c->dom, f)))
FC(virDomainReboot, FAILS_INT(virDomainReboot(c->dom, f)))
FC(virDomainReset, FAILS_INT(virDomainReset(c->dom, f)))
FC(virDomainDestroyFlags, FAILS_INT(virDomainDestroyFlags(c->dom, f)))
FC(virDomainSaveFlags, ({
    g_autofree char *path = g_build_filename(c->fx.root, "flags.save", NULL);
    FAILS_INT(virDomainSaveFlags(c->dom, path, NULL, f));
}))
FC(virDomainRestoreFlags, FAILS_INT(virDomainRestoreFlags(c->fx.conn, c->savePath, NULL, f)))
FC(virDomainManagedSave, FAILS_INT(virDomainManagedSave(c->dom, f)))
FC(virDomainHasManagedSaveImage, FAILS_INT(virDomainHasManagedSaveImage(c->dom, f)))
FC(virDomainManagedSaveRemove, FAILS_INT(virDomainManagedSaveRemove(c->dom, f)))
FC(virDomainGetState, ({ int s, r; FAILS_INT(virDomainGetState(c->dom, &s, &r, f)); }))
FC(virDomainGetXMLDesc, ({
    char *xml = virDomainGetXMLDesc(c->dom, f);
    bool failed = xml == NULL;
    free(xml);
    failed;
}))
FC(virDomainGetCPUStats, FAILS_INT(virDomainGetCPUStats(c->dom, c->params, 3, -1, 1, f)))
FC(virDomainMemoryStats,
   ({ virDomainMemoryStatStruct s[2]; FAILS_INT(virDomainMemoryStats(c->dom, s, 2, f)); }))
FC(virConnectGetAllDomainStats, ({
    virDomainStatsRecordPtr *r = NULL;
    int n = virConnectGetAllDomainStats(c->fx.conn, 0, &r, f);
    virDomainStatsRecordListFree(r);
    n < 0;
}))
FC(virDomainListGetStats, ({
    virDomainPtr d[2] = { c->dom, NULL };
    virDomainStatsRecordPtr *r = NULL;
    int n = virDomainListGetStats(d, 0, &r, f);
    virDomainStatsRecordListFree(r);
    n < 0;
}))
FC(virDomainGetMessages, ({
    char **msgs = NULL;
    int n = virDomainGetMessages(c->dom, &msgs, f);
    int i;

    for (i = 0; i < n; i++)
        free(msgs[i]);
    free(msgs);
    n < 0;
}))
FC(virDomainGetControlInfo,
   ({ virDomainControlInfo i; FAILS_INT(virDomainGetControlInfo(c->dom, &i, f)); }))
FC(virDomainSetMemoryFlags, FAILS_INT(virDomainSetMemoryFlags(c->dom, 200000, f)))
FC(virDomainSetVcpusFlags, FAILS_INT(virDomainSetVcpusFlags(c->dom, 1, f)))
FC(virDomainGetVcpusFlags, FAILS_INT(virDomainGetVcpusFlags(c->dom, f)))
FC(virDomainPinVcpuFlags,
   ({ unsigned char map[1] = { 0x10 }; FAILS_INT(virDomainPinVcpuFlags(c->dom, 0, map, 1, f)); }))
FC(virDomainGetVcpuPinInfo,
   ({ unsigned char maps[8]; FAILS_INT(virDomainGetVcpuPinInfo(c->dom, 4, maps, 2, f)); }))
FC(virDomainGetSchedulerParametersFlags,
   ({ int n = 1; FAILS_INT(virDomainGetSchedulerParametersFlags(c->dom, c->params, &n, f)); }))
FC(virDomainSetSchedulerParametersFlags, ({
    virTypedParameter p = { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT, { .ui = 7 } };
    FAILS_INT(virDomainSetSchedulerParametersFlags(c->dom, &p, 1, f));
}))
FC(virDomainGetMemoryParameters,
   ({ int n = 3; FAILS_INT(virDomainGetMemoryParameters(c->dom, c->params, &n, f)); }))
FC(virDomainSetMemoryParameters, ({
    virTypedParameter p = { VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG, { .ul = 1000 } };
    FAILS_INT(virDomainSetMemoryParameters(c->dom, &p, 1, f));
}))
FC(virDomainGetBlkioParameters,
   ({ int n = 1; FAILS_INT(virDomainGetBlkioParameters(c->dom, c->params, &n, f)); }))
FC(virDomainSetBlkioParameters, ({
    virTypedParameter p = { VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT, { .ui = 300 } };
    FAILS_INT(virDomainSetBlkioParameters(c->dom, &p, 1, f));
}))
FC(virDomainEnter, ({ unsigned int k; FAILS_INT(virDomainEnter(c->dom, &k, f)); }))
FC(virDomainLeave, FAILS_INT(virDomainLeave(c->dom, c->cookie, f)))
FC(virDomainSetMemorySharing, FAILS_INT(virDomainSetMemorySharing(c->dom, 0, f)))
FC(virDomainSetMemoryStatsPeriod, FAILS_INT(virDomainSetMemoryStatsPeriod(c->dom, 10, f)))
FC(virNodeMemoryDedup, ({
    virTypedParameterPtr p = NULL;
    int n = 0;
    FAILS_INT(virNodeMemoryDedup(c->fx.conn, &c->dom, 1, &p, &n, f));
}))
#define FC_DISK "<disk type='file'><source file='/nonexistent'/><target dev='vdz'/></disk>"
FC(virDomainAttachDeviceFlags, FAILS_INT(virDomainAttachDeviceFlags(c->dom, FC_DISK, f)))
FC(virDomainDetachDeviceFlags, FAILS_INT(virDomainDetachDeviceFlags(c->dom, FC_DISK, f)))
FC(virDomainUpdateDeviceFlags, FAILS_INT(virDomainUpdateDeviceFlags(c->dom, FC_DISK, f)))
FC(virDomainDetachDeviceAlias, FAILS_INT(virDomainDetachDeviceAlias(c->dom, "ua-disk", f)))
FC(virDomainSendKey, ({
    unsigned int keys[] = { 56, 99, 48 };       /* Alt+SysRq+B */
    FAILS_INT(virDomainSendKey(c->dom, VIR_KEYCODE_SET_LINUX, 0, keys, 3, f));
}))
FC(virConnectGetHypervisorLog, ({
    char *log = virConnectGetHypervisorLog(c->fx.conn, f);
    bool failed = log == NULL;
    free(log);
    failed;
}))
FC(virDomainGetMemorySharing,
   ({ int n = 2; FAILS_INT(virDomainGetMemorySharing(c->dom, c->params, &n, f)); }))

#define ROW(fn) { #fn, fc_##fn, 0 }
/* NOWAIT, BACKING and ENFORCE_STATS are libvirt's bits 29 to 31 */
#define STATS_ROW(fn) { #fn, fc_##fn, 7U << 29 }

static const flagsCase flagsCases[] = {
    ROW(virConnectOpenAuth), ROW(virNodeGetCPUMap), ROW(virNodeGetMemoryStats),
    ROW(virNodeGetMemoryParameters), ROW(virNodeSetMemoryParameters),
    ROW(virConnectListAllDomains), ROW(virDomainDefineXMLFlags), ROW(virDomainUndefineFlags),
    ROW(virDomainRename), ROW(virDomainSetMetadata), ROW(virDomainGetMetadata),
    ROW(virDomainCreateXML), ROW(virDomainCreateWithFlags), ROW(virDomainShutdownFlags),
    ROW(virDomainReboot), ROW(virDomainReset), ROW(virDomainDestroyFlags),
    ROW(virDomainSaveFlags), ROW(virDomainRestoreFlags), ROW(virDomainManagedSave),
    ROW(virDomainHasManagedSaveImage), ROW(virDomainManagedSaveRemove), ROW(virDomainGetState),
    ROW(virDomainGetXMLDesc), ROW(virDomainGetCPUStats), ROW(virDomainGetMessages), ROW(virDomainGetControlInfo),
    ROW(virDomainSetMemoryFlags), ROW(virDomainSetVcpusFlags), ROW(virDomainGetVcpusFlags),
    ROW(virDomainPinVcpuFlags), ROW(virDomainGetVcpuPinInfo),
    ROW(virDomainGetSchedulerParametersFlags), ROW(virDomainSetSchedulerParametersFlags),
    ROW(virDomainGetMemoryParameters), ROW(virDomainSetMemoryParameters),
    ROW(virDomainGetBlkioParameters), ROW(virDomainSetBlkioParameters),
    ROW(virDomainEnter), ROW(virDomainLeave), ROW(virDomainSetMemorySharing), ROW(virNodeMemoryDedup),
    ROW(virDomainGetMemorySharing), ROW(virDomainSetMemoryStatsPeriod),
    ROW(virDomainAttachDeviceFlags),
    ROW(virDomainDetachDeviceFlags), ROW(virDomainUpdateDeviceFlags),
    ROW(virDomainDetachDeviceAlias), ROW(virConnectGetHypervisorLog), ROW(virDomainSendKey),
    ROW(virDomainMemoryStats), STATS_ROW(virConnectGetAllDomainStats),
    STATS_ROW(virDomainListGetStats),
};

/* Shared by every row, as in nullargtest: rows change nothing. */
static flagsCtx flagsShared;

static void
flagsSetup(void)
{
    flagsCtx *c = &flagsShared;
    virDomainPtr victim;

    memset(c, 0, sizeof(*c));
    relFixtureInit(&c->fx);
    c->dom = relLookup(c->fx.conn, "web");
    c->idle = relLookup(c->fx.conn, "idle");
    c->savePath = g_build_filename(c->fx.root, "victim.save", NULL);
    victim = virDomainCreateXML(c->fx.conn, "<domain type='test'><name>victim</name>"
                                "<memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    ck_assert_ptr_nonnull(victim);
    ck_assert_int_eq(virDomainSave(victim, c->savePath), 0);
    virDomainFree(victim);
    ck_assert_int_eq(virDomainEnter(c->dom, &c->cookie, 0), 0);
}

static void
flagsTeardown(void)
{
    virDomainFree(flagsShared.dom);
    virDomainFree(flagsShared.idle);
    g_free(flagsShared.savePath);
    relFixtureClear(&flagsShared.fx);
}

START_TEST(test_unknown_flag)
{
    const flagsCase *fc = &flagsCases[_i];
    g_autofree char *before = relFixtureSnapshot(&flagsShared.fx);
    g_autofree char *after = NULL;
    unsigned int bit;

    /* bits 24 to 31: far above every flag defined today */
    for (bit = 24; bit < 32; bit++) {
        unsigned int flag = 1U << bit;
        g_autofree char *hex = g_strdup_printf("0x%x", flag);

        if (fc->known & flag)
            continue;
        virResetLastError();
        ck_assert_msg(fc->call(&flagsShared, flag), "%s accepted flag %s", fc->func, hex);
        ck_assert_error(VIR_ERR_INVALID_ARG, hex);
        /* the function, or the driver's: "testDomainReboot" for virDomainReboot */
        ck_assert_error(VIR_ERR_INVALID_ARG, fc->func + strlen("vir"));
    }
    after = relFixtureSnapshot(&flagsShared.fx);
    rel_assert_unchanged(before, after, fc->func);
}
END_TEST

int
main(int argc, char **argv)
{
    g_autofree const char **names = g_new0(const char *, G_N_ELEMENTS(flagsCases));
    Suite *s;
    TCase *tc;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(flagsCases); i++)
        names[i] = flagsCases[i].func;
    if (relListNames(argc, argv, names, G_N_ELEMENTS(flagsCases)))
        return EXIT_SUCCESS;
    s = suite_create("flags");
    tc = tcase_create("flags");
    tcase_add_unchecked_fixture(tc, flagsSetup, flagsTeardown);
    tcase_add_loop_test(tc, test_unknown_flag, 0, G_N_ELEMENTS(flagsCases));
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
