/*
 * lve_xml_test.c: LVE definitions through the public API, without the
 * kernel: XML round trips, refused documents, ids, persistence, offline
 * tuning, default limits and URIs.  Runs as any user.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "lvetest.h"

static const char *const xml2xmlCases[] = {
    "issue-example", "minimal", "ncpu-only", "pmem-only", "pmem-unlimited", "units", "pinned",
    "escaped",
};

START_TEST(test_xml2xml)
{
    const char *name = xml2xmlCases[_i];
    g_autofree char *in = g_strdup_printf("lve/xml2xml/in/%s.xml", name);
    g_autofree char *out = g_strdup_printf("lve/xml2xml/out/%s.xml", name);
    g_autofree char *xml = testLoadFile(in);
    g_autofree char *dumped = NULL, *again = NULL;
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_msg(dom, "%s: %s", name, virGetLastErrorMessage());
    dumped = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert(testCompareToFile(dumped, out));
    /* what was written reads back the same */
    virDomainFree(dom);
    dom = virDomainDefineXML(conn, dumped);
    ck_assert_msg(dom, "%s again: %s", name, virGetLastErrorMessage());
    again = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_str_eq(again, dumped);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
}
END_TEST

static const struct {
    const char *name;
    int code;
    const char *needle;
} invalidCases[] = {
    { "id-zero", VIR_ERR_CONFIG_UNSUPPORTED, "LVE id 0 is the host itself" },
    { "no-id", VIR_ERR_XML_ERROR, "needs the domain id in <domain id=''>" },
    { "unknown-limit", VIR_ERR_XML_ERROR, "unknown limit 'foo'" },
    { "bad-speed", VIR_ERR_XML_ERROR, "invalid speed 'fast'" },
    { "bad-size", VIR_ERR_XML_ERROR, "invalid pmem '12Q'" },
    { "ncpu-mismatch", VIR_ERR_CONFIG_UNSUPPORTED, "ncpu='1' disagrees with <vcpu> (2 vcpus)" },
    { "pmem-too-big", VIR_ERR_CONFIG_UNSUPPORTED, "pmem (2097152 KiB) is more than <memory>" },
    { "pmem-cur-mismatch", VIR_ERR_CONFIG_UNSUPPORTED, "disagrees with <currentMemory>" },
    { "disk", VIR_ERR_CONFIG_UNSUPPORTED, "<disk> is not supported: an LVE has no devices" },
    { "memtune", VIR_ERR_CONFIG_UNSUPPORTED, "use <lve:limits pmem='' vmem=''>" },
    { "two-limits", VIR_ERR_XML_ERROR, "<lve:limits> is given twice" },
    { "unknown-element", VIR_ERR_XML_ERROR, "only <lve:limits> is known" },
    { "speed-too-big", VIR_ERR_XML_ERROR, "more than an LVE can hold" },
    { "nproc-too-big", VIR_ERR_XML_ERROR, "nproc 4294967296 is more than an LVE can hold" },
    { "wrong-type", VIR_ERR_CONFIG_UNSUPPORTED, "domain type 'test' is not supported by the 'lve' driver" },
    { "ns-attr", VIR_ERR_XML_ERROR, "must not have a namespace prefix" },
    { "cputune-quota", VIR_ERR_CONFIG_UNSUPPORTED, "use <lve:limits speed=''>" },
    { "init", VIR_ERR_CONFIG_UNSUPPORTED, "processes join it with virDomainEnter" },
};

START_TEST(test_invalid)
{
    g_autofree char *path = g_strdup_printf("lve/invalid/%s.xml", invalidCases[_i].name);
    g_autofree char *xml = testLoadFile(path);
    g_autofree char *configs = NULL;
    virConnectPtr conn = lveTestOpen(NULL);
    g_autoptr(GDir) dir = NULL;

    ck_assert_ptr_null(virDomainDefineXML(conn, xml));
    ck_assert_error(invalidCases[_i].code, invalidCases[_i].needle);
    /* nothing was defined or written */
    ck_assert_int_eq(virConnectNumOfDefinedDomains(conn), 0);
    configs = g_build_filename(lveTestRoot(), "etc", "virtkit", "lve", NULL);
    dir = g_dir_open(configs, 0, NULL);
    ck_assert_ptr_nonnull(dir);
    ck_assert_str_eq(g_dir_read_name(dir), "autostart");
    ck_assert_ptr_null(g_dir_read_name(dir));
    virConnectClose(conn);
}
END_TEST

START_TEST(test_ids)
{
    g_autofree char *a7 = lveTestDomainXML("plain", 7);
    virConnectPtr conn = lveTestOpen(NULL);
    g_autofree char *b7 = NULL, *a8 = NULL;
    virDomainPtr a, b;

    a = virDomainDefineXML(conn, a7);
    ck_assert_ptr_nonnull(a);
    /* another domain with the same LVE id */
    b7 = g_strdup(a7);
    memcpy(strstr(b7, "<name>plain"), "<name>other", 11);
    memcpy(strstr(b7, "<uuid>") + 6, "00000000", 8);
    ck_assert_ptr_null(virDomainDefineXML(conn, b7));
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "LVE id 7 is already the id of domain 'plain'");
    /* the same domain with another id */
    a8 = lveTestDomainXML("plain", 8);
    ck_assert_ptr_null(virDomainDefineXML(conn, a8));
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'plain' is LVE 7: its id cannot change");
    /* once the first is gone, the id is free */
    ck_assert_int_eq(virDomainUndefine(a), 0);
    b = virDomainDefineXML(conn, b7);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(virDomainGetID(b), (unsigned int)-1);
    virDomainFree(a);
    virDomainFree(b);
    virConnectClose(conn);
}
END_TEST

/* A renamed domain keeps its LVE id: under its new name, and in a new
 * driver state too. */
START_TEST(test_rename_keeps_id)
{
    g_autofree char *a7 = lveTestDomainXML("plain", 7);
    g_autofree char *b7 = NULL;
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr a = virDomainDefineXML(conn, a7);
    virDomainPtr again;

    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(virDomainRename(a, "moved", 0), 0);
    ck_assert_str_eq(virDomainGetName(a), "moved");
    b7 = g_strdup(a7);
    memcpy(strstr(b7, "<name>plain"), "<name>other", 11);
    memcpy(strstr(b7, "<uuid>") + 6, "00000000", 8);
    ck_assert_ptr_null(virDomainDefineXML(conn, b7));
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "LVE id 7 is already the id of domain 'moved'");
    virDomainFree(a);
    ck_assert_int_eq(virConnectClose(conn), 0);

    conn = lveTestReopen();
    ck_assert_ptr_null(virDomainLookupByName(conn, "plain"));
    ck_assert_ptr_nonnull(again = virDomainLookupByName(conn, "moved"));
    ck_assert_ptr_null(virDomainDefineXML(conn, b7));
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "LVE id 7 is already the id of domain 'moved'");
    ck_assert_int_eq(virDomainUndefine(again), 0);
    virDomainFree(again);
    virConnectClose(conn);
}
END_TEST

/* A definition survives the process: a new driver state reads it back. */
START_TEST(test_persistence)
{
    g_autofree char *xml = lveTestDomainXML("plain", 9);
    g_autofree char *before = NULL, *after = NULL;
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_ptr_nonnull(dom);
    before = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);

    conn = lveTestReopen();
    dom = virDomainLookupByName(conn, "plain");
    ck_assert_ptr_nonnull(dom);
    after = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_str_eq(after, before);
    ck_assert_int_eq(virDomainIsPersistent(dom), 1);
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    /* an inactive LVE shows no id, and cannot be found by it */
    ck_assert_int_eq(virDomainGetID(dom), (unsigned int)-1);
    ck_assert_ptr_null(virDomainLookupByID(conn, 9));
    ck_assert_error(VIR_ERR_NO_DOMAIN, "no running LVE domain with id 9");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static unsigned int
getUIntParam(virTypedParameterPtr params, int n, const char *name)
{
    unsigned int value = 0;

    ck_assert_int_eq(virTypedParamsGetUInt(params, n, name, &value), 1);
    return value;
}

/* hard_limit (and soft_limit when not 0) in the configuration */
static int
setMemtune(virDomainPtr dom, unsigned long long hard, unsigned long long soft)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, rc;

    virTypedParamsAddULLong(&params, &n, &max, "hard_limit", hard);
    if (soft)
        virTypedParamsAddULLong(&params, &n, &max, "soft_limit", soft);
    rc = virDomainSetMemoryParameters(dom, params, n, VIR_DOMAIN_AFFECT_CONFIG);
    virTypedParamsFree(params, n);
    return rc;
}

static int
setBlkio(virDomainPtr dom, unsigned int io, unsigned int iops)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, rc;

    virTypedParamsAddUInt(&params, &n, &max, "io", io);
    virTypedParamsAddUInt(&params, &n, &max, "iops", iops);
    rc = virDomainSetBlkioParameters(dom, params, n, VIR_DOMAIN_AFFECT_CONFIG);
    virTypedParamsFree(params, n);
    return rc;
}

/* The tunables change the configuration of an inactive domain. */
START_TEST(test_offline_tuning)
{
    g_autofree char *xml = lveTestDomainXML("bare", 10);
    virConnectPtr conn = lveTestOpen(NULL);
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    virTypedParameter params[3];
    int n = 3;
    g_autofree char *dumped = NULL;

    ck_assert_ptr_nonnull(dom);
    /* unset limits read as the host defaults */
    ck_assert_int_eq(virDomainGetSchedulerParametersFlags(dom, params, &n, 0), 0);
    ck_assert_int_eq(n, 1);
    ck_assert_uint_eq(getUIntParam(params, n, "speed"), 100);
    memset(params, 0, sizeof(params));
    params[0].type = VIR_TYPED_PARAM_UINT;
    g_strlcpy(params[0].field, "speed", sizeof(params[0].field));
    params[0].value.ui = 25;
    ck_assert_int_eq(virDomainSetSchedulerParametersFlags(dom, params, 1, VIR_DOMAIN_AFFECT_CONFIG), 0);
    params[0].value.ui = 2000000;
    ck_assert_int_eq(virDomainSetSchedulerParameters(dom, params, 1), -1);
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "speed 2000000 is more than an LVE can hold");
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 131072, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 1048576, VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "its maximum is 262144 KiB");
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_AFFECT_CONFIG |
                                            VIR_DOMAIN_VCPU_MAXIMUM), 0);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_AFFECT_CONFIG), 0);
    /* an LVE has no soft limit: refused, and nothing else changes */
    ck_assert_int_eq(setMemtune(dom, 65536, 1024), -1);
    ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "an LVE has no soft_limit");
    ck_assert_int_eq(setMemtune(dom, 65536, 0), 0);
    ck_assert_int_eq(setBlkio(dom, 512, 0), 0);
    dumped = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(dumped, "<currentMemory unit='KiB'>65536</currentMemory>"));
    ck_assert_ptr_nonnull(strstr(dumped, "<lve:limits speed='25%' ncpu='2' pmem='64M' io='512' iops='0'/>"));
    ck_assert_ptr_nonnull(strstr(dumped, "<vcpu placement='static'>2</vcpu>"));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* The default limits, beside KSM's node parameters, kept across processes. */
START_TEST(test_defaults)
{
    virConnectPtr conn = lveTestOpen(NULL);
    virTypedParameterPtr set = NULL;
    virTypedParameter params[32];
    int n = 0, max = 0, count = 0;
    unsigned long long pmem = 0;

    ck_assert_int_eq(virNodeGetMemoryParameters(conn, NULL, &count, 0), 0);
    ck_assert_int_eq(count, 16);
    n = count;
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
    ck_assert_int_eq(n, 16);
    ck_assert_str_eq(params[0].field, "shm_pages_to_scan");
    ck_assert_uint_eq(getUIntParam(params, n, "lve_default_ep"), 20);

    /* all or nothing: one bad parameter changes none */
    n = 0;
    virTypedParamsAddUInt(&set, &n, &max, "lve_default_ep", 30);
    virTypedParamsAddUInt(&set, &n, &max, "lve_default_bogus", 1);
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, n, 0), -1);
    ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "parameter 'lve_default_bogus' is not supported");
    virTypedParamsFree(set, n);
    set = NULL;
    n = max = 0;
    virTypedParamsAddUInt(&set, &n, &max, "lve_default_pmem", 1024);
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, n, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "parameter 'lve_default_pmem' must be of type ullong");
    virTypedParamsFree(set, n);
    set = NULL;
    n = max = 0;
    virTypedParamsAddUInt(&set, &n, &max, "lve_default_ep", 30);
    virTypedParamsAddULLong(&set, &n, &max, "lve_default_pmem", 524288);
    ck_assert_int_eq(virNodeSetMemoryParameters(conn, set, n, 0), 0);
    virTypedParamsFree(set, n);
    ck_assert_int_eq(virConnectClose(conn), 0);

    conn = lveTestReopen();
    n = count;
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, params, &n, 0), 0);
    ck_assert_uint_eq(getUIntParam(params, n, "lve_default_ep"), 30);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, "lve_default_pmem", &pmem), 1);
    ck_assert_uint_eq(pmem, 524288);
    virConnectClose(conn);
}
END_TEST

static const struct {
    const char *uri;
    int code;
    const char *needle;
} uriCases[] = {
    { "lve:///bogus", VIR_ERR_INVALID_ARG, "use lve:///system or lve:///embed?root=DIR" },
    { "lve:///embed", VIR_ERR_INVALID_ARG, "needs an absolute root directory" },
    { "lve:///embed?root=relative/dir", VIR_ERR_INVALID_ARG, "needs an absolute root directory" },
    { "lve:///embed?root=/tmp/x&roto=1", VIR_ERR_INVALID_ARG, "roto" },
    { "lve:///embed?root=/tmp/x&cgroup_mode=v3", VIR_ERR_INVALID_ARG, "cgroup_mode must be v1 or v2, not 'v3'" },
    { "lve:///embed?root=/tmp/x&shutdown_timeout=soon", VIR_ERR_INVALID_ARG, "shutdown_timeout must be 0 to 3600 seconds" },
    { "lve:///embed?root=/tmp/x&backend=openvz", VIR_ERR_INVALID_ARG, "unknown LVE backend 'openvz'" },
    { "lve:///embed?root=/tmp/x&cgroup_parent=a/../b", VIR_ERR_INVALID_ARG, "without '.', '..' or empty parts" },
};

START_TEST(test_uri)
{
    ck_assert_ptr_null(virConnectOpen(uriCases[_i].uri));
    ck_assert_error(uriCases[_i].code, uriCases[_i].needle);
}
END_TEST

/* liblve is asked for by name: its absence is an error, not cgroups. */
START_TEST(test_liblve_missing)
{
    g_autofree char *dir = testMakeTempDir("lve-missing");
    g_autofree char *uri = g_strdup_printf("lve:///embed?root=%s&backend=liblve", dir);

    g_autofree char *plain = g_strdup_printf("lve:///embed?root=%s", dir);

    if (!g_getenv("LD_LIBRARY_PATH") || !strstr(g_getenv("LD_LIBRARY_PATH"), "tests/lve")) {
        ck_assert_ptr_null(virConnectOpen(uri));
        ck_assert_error(VIR_ERR_NO_SUPPORT, "cannot load liblve.so.0");
        /* the environment asks for it the same way */
        g_setenv("VIRTKIT_LVE_BACKEND", "liblve", TRUE);
        ck_assert_ptr_null(virConnectOpen(plain));
        ck_assert_error(VIR_ERR_NO_SUPPORT, "cannot load liblve.so.0");
        g_unsetenv("VIRTKIT_LVE_BACKEND");
    }
    testRemoveTree(dir);
}
END_TEST

START_TEST(test_connection)
{
    virConnectPtr conn = lveTestOpen(NULL);
    g_autofree char *caps = virConnectGetCapabilities(conn);
    g_autofree char *other = g_strdup_printf("lve:///embed?root=%s&backend=cgroup", lveTestRoot());

    ck_assert_str_eq(virConnectGetType(conn), "LVE");
    ck_assert_ptr_nonnull(strstr(caps, "<lve:backend xmlns:lve='urn:virtkit:lve:1' name='cgroup'"));
    ck_assert_ptr_nonnull(strstr(caps, "<domain type='lve'/>"));
    /* one root, one set of options at a time */
    ck_assert_ptr_null(virConnectOpen(other));
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is already open in this process with");
    virConnectClose(conn);
}
END_TEST

/* The version of what runs the LVEs: the stand-in kernel's LVE interface
 * (1.4), or on cgroups the Linux kernel's release, never virtkit's own. */
START_TEST(test_version)
{
    virConnectPtr conn = lveTestOpen(NULL);
    unsigned long version = 0, expected;
    unsigned int major = 0, minor = 0, micro = 0;
    g_autofree char *release = NULL;

    ck_assert_int_eq(virConnectGetVersion(conn, &version), 0);
    if (lveTestIsLiblve()) {
        expected = 1004000;
    } else {
        ck_assert(g_file_get_contents("/proc/sys/kernel/osrelease", &release, NULL, NULL));
        ck_assert_int_ge(sscanf(release, "%u.%u.%u", &major, &minor, &micro), 2);
        expected = major * 1000000UL + minor * 1000UL + micro;
    }
    ck_assert_uint_eq(version, expected);
    virConnectClose(conn);
}
END_TEST

/* The host as the driver reports it. */
START_TEST(test_node)
{
    virConnectPtr conn = lveTestOpen(NULL);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    virNodeMemoryStats stats[4];
    unsigned char *map = NULL;
    unsigned int online = 0;
    virNodeInfo info;
    int n = 4;

    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    ck_assert_uint_eq(info.cpus, cpus);
    ck_assert_uint_gt(info.memory, 0);
    ck_assert_int_eq(virNodeGetCPUMap(conn, &map, &online, 0), cpus);
    ck_assert_uint_eq(online, cpus);
    ck_assert_uint_eq(map[0] & 1, 1);
    free(map);
    ck_assert_int_eq(virNodeGetMemoryStats(conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, stats, &n, 0), 0);
    ck_assert_int_eq(n, 4);
    ck_assert_str_eq(stats[0].field, "total");
    ck_assert_uint_eq(stats[0].value, info.memory);
    ck_assert_uint_gt(virNodeGetFreeMemory(conn), 0);
    ck_assert_int_eq(virConnectGetMaxVcpus(conn, "lve"), cpus);
    ck_assert_int_eq(virConnectGetMaxVcpus(conn, "kvm"), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unknown domain type 'kvm'");
    virConnectClose(conn);
}
END_TEST

/* Without /proc/lve, this is no LVE host: the probe declines. */
START_TEST(test_probe)
{
    if (g_file_test("/proc/lve/list", G_FILE_TEST_EXISTS))
        return;
    g_unsetenv("VIRTKIT_DEFAULT_URI");
    ck_assert_ptr_null(virConnectOpen(NULL));
    ck_assert_error(VIR_ERR_NO_CONNECT, "lve");
}
END_TEST

static Suite *
lveXMLSuite(void)
{
    Suite *s = suite_create("lve-xml");
    TCase *tc = tcase_create("definitions");

    tcase_add_loop_test(tc, test_xml2xml, 0, G_N_ELEMENTS(xml2xmlCases));
    tcase_add_loop_test(tc, test_invalid, 0, G_N_ELEMENTS(invalidCases));
    tcase_add_test(tc, test_ids);
    tcase_add_test(tc, test_rename_keeps_id);
    tcase_add_test(tc, test_persistence);
    tcase_add_test(tc, test_offline_tuning);
    tcase_add_test(tc, test_defaults);
    tcase_add_loop_test(tc, test_uri, 0, G_N_ELEMENTS(uriCases));
    tcase_add_test(tc, test_liblve_missing);
    tcase_add_test(tc, test_connection);
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_node);
    tcase_add_test(tc, test_probe);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    /* definitions never reach the kernel: the cgroup backend, any user */
    g_setenv("LVE_TEST_BACKEND", "cgroup", TRUE);
    lveTestInit("lve-xml", false);
    return lveTestRun(lveXMLSuite());
}
