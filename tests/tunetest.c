/*
 * tunetest.c: memory, tunables as typed parameters, CPU statistics, and
 * virtkit's enter/leave and memory-sharing calls
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

#define DOM_XML(name) \
    "<domain type='test'><name>" name "</name><memory unit='MiB'>512</memory>" \
    "<currentMemory unit='MiB'>256</currentMemory><vcpu>2</vcpu>" \
    "<os><type>hvm</type></os></domain>"

START_TEST(test_memory)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("mem"));
    virDomainInfo info;
    char *xml;

    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 524288);
    ck_assert_int_eq(virDomainSetMemory(dom, 1024), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'mem' is not running");
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 1024, VIR_DOMAIN_AFFECT_CURRENT), 0);
    ck_assert_int_eq(virDomainSetMaxMemory(dom, 2048), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_uint_eq(info.maxMem, 2048);
    ck_assert_uint_eq(info.memory, 1024);
    /* lowering the maximum lowers the current memory with it */
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 512, VIR_DOMAIN_MEM_MAXIMUM), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_uint_eq(info.memory, 512);
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 1024, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cannot set the memory of domain 'mem' to 1024 KiB: its maximum is 512 KiB");

    ck_assert_int_eq(virDomainSetMaxMemory(dom, 1048576), 0);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSetMemory(dom, 524288), 0);
    ck_assert_int_eq(virDomainSetMaxMemory(dom, 4096), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "cannot resize the maximum memory of running domain 'mem'");
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 4096, VIR_DOMAIN_MEM_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG), 0);
    /* live and configured now differ */
    ck_assert_uint_eq(virDomainGetMaxMemory(dom), 1048576);
    xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_ptr_nonnull(strstr(xml, "<memory unit='KiB'>4096</memory>"));
    free(xml);
    /* a change refused for the configuration changes nothing live either */
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 8192,
                                             VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "its maximum is 4096 KiB");
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_uint_eq(info.memory, 524288);
    ck_assert_int_eq(virDomainSetMemory(dom, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "memory in virDomainSetMemory must not be zero");
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 1, 1U << 3), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x8)");
    ck_assert_uint_eq(virDomainGetMaxMemory(NULL), 0);
    ck_assert_error(VIR_ERR_INVALID_DOMAIN, "virDomainGetMaxMemory");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_scheduler)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("sched"));
    virTypedParameter params[2];
    int n = 0;
    char *type;

    ck_assert_str_eq((type = virDomainGetSchedulerType(dom, &n)), "fair");
    free(type);
    ck_assert_int_eq(n, 1);
    ck_assert_ptr_nonnull((type = virDomainGetSchedulerType(dom, NULL)));
    free(type);
    ck_assert_int_eq(virDomainGetSchedulerParameters(dom, params, &n), 0);
    ck_assert_str_eq(params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT);
    ck_assert_int_eq(params[0].type, VIR_TYPED_PARAM_UINT);
    ck_assert_uint_eq(params[0].value.ui, 50);

    params[0].value.ui = 300;
    ck_assert_int_eq(virDomainSetSchedulerParameters(dom, params, 1), 0);
    ck_assert_int_eq(virDomainGetSchedulerParametersFlags(dom, params, &n, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_uint_eq(params[0].value.ui, 300);
    params[0].value.ui = 0;
    ck_assert_int_eq(virDomainSetSchedulerParametersFlags(dom, params, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "weight must be 1 to 65535, not 0");
    params[0].type = VIR_TYPED_PARAM_ULLONG;
    ck_assert_int_eq(virDomainSetSchedulerParameters(dom, params, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "parameter 'weight' must be of type uint, not ullong");
    g_strlcpy(params[0].field, "cap", sizeof(params[0].field));
    ck_assert_int_eq(virDomainSetSchedulerParameters(dom, params, 1), -1);
    ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "parameter 'cap' is not supported");
    memset(params[0].field, 'x', sizeof(params[0].field));
    ck_assert_int_eq(virDomainSetSchedulerParameters(dom, params, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "not NUL-terminated");
    ck_assert_int_eq(virDomainSetSchedulerParameters(dom, NULL, 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "params");
    ck_assert_int_eq(virDomainSetSchedulerParameters(dom, params, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nparams");
    n = 0;
    ck_assert_int_eq(virDomainGetSchedulerParameters(dom, params, &n), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nparams in virDomainGetSchedulerParameters must be positive");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_memory_parameters)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("mt"));
    virTypedParameterPtr params = NULL;
    virTypedParameter got[3];
    int n = 0, max = 0, ngot = 0;
    unsigned long long v;
    char *xml;

    ck_assert_int_eq(virDomainGetMemoryParameters(dom, NULL, &ngot, 0), 0);
    ck_assert_int_eq(ngot, 3);
    ck_assert_int_eq(virDomainGetMemoryParameters(dom, got, &ngot, 0), 0);
    ck_assert_int_eq(virTypedParamsGetULLong(got, ngot, VIR_DOMAIN_MEMORY_HARD_LIMIT, &v), 1);
    ck_assert_uint_eq(v, VIR_DOMAIN_MEMORY_PARAM_UNLIMITED);

    virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_MEMORY_HARD_LIMIT, 1048576);
    virTypedParamsAddULLong(&params, &n, &max, VIR_DOMAIN_MEMORY_SOFT_LIMIT, 524288);
    ck_assert_int_eq(virDomainSetMemoryParameters(dom, params, n, 0), 0);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<hard_limit unit='KiB'>1048576</hard_limit>"));
    ck_assert_ptr_nonnull(strstr(xml, "<soft_limit unit='KiB'>524288</soft_limit>"));
    free(xml);

    /* soft above hard: refused, nothing changes */
    params[1].value.ul = 2097152;
    ck_assert_int_eq(virDomainSetMemoryParameters(dom, params, n, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "soft_limit (2097152 KiB) must not be more than hard_limit (1048576 KiB)");
    ngot = 3;
    virDomainGetMemoryParameters(dom, got, &ngot, 0);
    virTypedParamsGetULLong(got, ngot, VIR_DOMAIN_MEMORY_SOFT_LIMIT, &v);
    ck_assert_uint_eq(v, 524288);
    /* unlimited removes a limit */
    params[0].value.ul = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    params[1].value.ul = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    ck_assert_int_eq(virDomainSetMemoryParameters(dom, params, n, 0), 0);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_null(strstr(xml, "memtune"));
    free(xml);
    params[0].value.ul = 0;
    ck_assert_int_eq(virDomainSetMemoryParameters(dom, params, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "hard_limit must be 1 to");
    ck_assert_int_eq(virDomainGetMemoryParameters(dom, got, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nparams");
    ngot = 1;
    ck_assert_int_eq(virDomainGetMemoryParameters(dom, NULL, &ngot, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "params");
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_blkio_parameters)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn,
        "<domain type='test'><name>blk</name><uuid>59196d15-438d-452f-a552-b8cbed2ebc78</uuid>"
        "<memory unit='MiB'>512</memory><currentMemory unit='MiB'>256</currentMemory>"
        "<vcpu>2</vcpu><os><type>hvm</type></os></domain>");
    virTypedParameterPtr params = NULL;
    virTypedParameter got[6];
    int n = 0, max = 0, ngot = 0;
    const char *s;
    unsigned int w;
    char *xml;

    ck_assert_int_eq(virDomainGetBlkioParameters(dom, NULL, &ngot, 0), 0);
    ck_assert_int_eq(ngot, 6);
    virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BLKIO_WEIGHT, 500);
    virTypedParamsAddString(&params, &n, &max, VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, "/dev/sda,300");
    virTypedParamsAddString(&params, &n, &max, VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
                            "/dev/sda,1048576,/dev/sdb,2097152");
    ck_assert_int_eq(virDomainSetBlkioParameters(dom, params, n, 0), 0);
    ck_assert_int_eq(virDomainGetBlkioParameters(dom, got, &ngot, 0), 0);
    ck_assert_int_eq(virTypedParamsGetUInt(got, ngot, VIR_DOMAIN_BLKIO_WEIGHT, &w), 1);
    ck_assert_uint_eq(w, 500);
    ck_assert_int_eq(virTypedParamsGetString(got, ngot, VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, &s), 1);
    ck_assert_str_eq(s, "/dev/sda,1048576,/dev/sdb,2097152");
    ck_assert_int_eq(virTypedParamsGetString(got, ngot, VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, &s), 1);
    ck_assert_str_eq(s, "");
    virTypedParamsClear(got, ngot);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert(testCompareToFile(xml, "tune/blkio.xml"));
    free(xml);

    /* 0 clears a device's value; a device with nothing left is dropped */
    virTypedParamsFree(params, n);
    params = NULL;
    n = max = 0;
    virTypedParamsAddString(&params, &n, &max, VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, "/dev/sdb,0");
    ck_assert_int_eq(virDomainSetBlkioParameters(dom, params, n, 0), 0);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_null(strstr(xml, "/dev/sdb"));
    free(xml);
    params[0].value.s[0] = 'x';
    ck_assert_int_eq(virDomainSetBlkioParameters(dom, params, n, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "invalid entry 'xdev/sdb,0'");
    virTypedParamsFree(params, n);
    params = NULL;
    n = max = 0;
    virTypedParamsAddString(&params, &n, &max, VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, "/dev/sda");
    ck_assert_int_eq(virDomainSetBlkioParameters(dom, params, n, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "must be pairs of 'path,value'");
    virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BLKIO_WEIGHT, 5);
    params[0].value.s[0] = '/';
    ck_assert_int_eq(virDomainSetBlkioParameters(dom, params + 1, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "blkio weight must be 100 to 1000");
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_typed_params_helpers)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    int i;
    unsigned int ui;
    long long l;
    unsigned long long ul;
    double d;
    int b;
    const char *s;
    const char *list[] = { "a", "b", NULL };

    ck_assert_int_eq(virTypedParamsAddInt(&params, &n, &max, "i", -5), 0);
    ck_assert_int_eq(virTypedParamsAddUInt(&params, &n, &max, "ui", 5), 0);
    ck_assert_int_eq(virTypedParamsAddLLong(&params, &n, &max, "l", -(1LL << 40)), 0);
    ck_assert_int_eq(virTypedParamsAddULLong(&params, &n, &max, "ul", 1ULL << 60), 0);
    ck_assert_int_eq(virTypedParamsAddDouble(&params, &n, &max, "d", 2.5), 0);
    ck_assert_int_eq(virTypedParamsAddBoolean(&params, &n, &max, "b", 7), 0);
    ck_assert_int_eq(virTypedParamsAddString(&params, &n, &max, "s", "text"), 0);
    ck_assert_int_eq(virTypedParamsAddStringList(&params, &n, &max, "list", list), 0);
    ck_assert_int_eq(virTypedParamsAddFromString(&params, &n, &max, "fs", VIR_TYPED_PARAM_ULLONG, "42"), 0);
    ck_assert_int_eq(n, 10);
    ck_assert_int_eq(virTypedParamsGetInt(params, n, "i", &i), 1);
    ck_assert_int_eq(i, -5);
    ck_assert_int_eq(virTypedParamsGetUInt(params, n, "ui", &ui), 1);
    ck_assert_int_eq(virTypedParamsGetLLong(params, n, "l", &l), 1);
    ck_assert_int_eq(l, -(1LL << 40));
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, "ul", &ul), 1);
    ck_assert_int_eq(virTypedParamsGetDouble(params, n, "d", &d), 1);
    ck_assert_double_eq(d, 2.5);
    ck_assert_int_eq(virTypedParamsGetBoolean(params, n, "b", &b), 1);
    ck_assert_int_eq(b, 1);
    ck_assert_int_eq(virTypedParamsGetString(params, n, "s", &s), 1);
    ck_assert_str_eq(s, "text");
    ck_assert_int_eq(virTypedParamsGetString(params, n, "list", &s), 1);
    ck_assert_str_eq(s, "b");   /* the last of a repeated name */
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, "fs", &ul), 1);
    ck_assert_uint_eq(ul, 42);
    ck_assert_int_eq(virTypedParamsGetInt(params, n, "absent", &i), 0);
    ck_assert_int_eq(virTypedParamsGetInt(params, n, "ui", &i), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "parameter 'ui' has type uint, not int");
    ck_assert_ptr_nonnull(virTypedParamsGet(params, n, "d"));
    ck_assert_ptr_null(virTypedParamsGet(params, n, "x"));
    ck_assert_int_eq(virTypedParamsAddFromString(&params, &n, &max, "bad", VIR_TYPED_PARAM_INT, "x1"), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "invalid value 'x1' for int parameter 'bad'");
    ck_assert_int_eq(n, 10);
    ck_assert_int_eq(virTypedParamsAddString(&params, &n, &max, "null", NULL), -1);
    ck_assert_int_eq(virTypedParamsAddInt(&params, &n, &max,
        "a-name-that-is-far-too-long-for-the-eighty-bytes-of-a-typed-parameter-field-yes-indeed", 1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "longer than 79 characters");
    ck_assert_int_eq(virTypedParamsGetInt(NULL, 1, "i", &i), -1);
    virTypedParamsClear(params, n);
    ck_assert_ptr_null(params[6].value.s);
    virTypedParamsFree(params, n);
    virTypedParamsFree(NULL, 0);
}
END_TEST

START_TEST(test_cpu_stats)
{
    g_autofree char *uri = testDefaultURI();
    virConnectPtr conn = virConnectOpen(uri);
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virTypedParameter total[3], percpu[16 * 2];
    int ncpus, nparams;
    unsigned long long sum = 0, t;
    int i;

    ck_assert_int_eq((ncpus = virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0)), 16);
    ck_assert_int_eq((nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0)), 3);
    ck_assert_int_eq(virDomainGetCPUStats(dom, total, nparams, -1, 1, 0), 3);
    ck_assert_str_eq(total[0].field, VIR_DOMAIN_CPU_STATS_CPUTIME);
    ck_assert_int_eq((nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0)), 2);
    ck_assert_int_eq(virDomainGetCPUStats(dom, percpu, nparams, 0, ncpus, 0), 2);
    for (i = 0; i < ncpus; i++) {
        ck_assert_int_eq(virTypedParamsGetULLong(&percpu[i * nparams], nparams,
                                                 VIR_DOMAIN_CPU_STATS_CPUTIME, &t), 1);
        sum += t;
    }
    /* both vcpus run on CPU 15 in the model */
    ck_assert_uint_gt(sum, 0);
    ck_assert_int_eq(virDomainGetCPUStats(dom, percpu, 2, -1, 2, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "ncpus in virDomainGetCPUStats must be 1 when start_cpu is -1");
    ck_assert_int_eq(virDomainGetCPUStats(dom, percpu, 2, 16, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "start_cpu 16");
    ck_assert_int_eq(virDomainGetCPUStats(dom, percpu, 0, 0, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "both set or both empty");
    ck_assert_int_eq(virDomainGetCPUStats(dom, percpu, 2, -2, 1, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "start_cpu");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_enter_leave)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virConnectPtr ro = NULL;
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("box"));
    unsigned int a = 0, b = 0, oneway = 99;

    ck_assert_int_eq(virDomainEnter(dom, &a, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'box' is not running");
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainEnter(dom, &a, VIR_DOMAIN_ENTER_NO_UBC), 0);
    ck_assert_int_eq(virDomainEnter(dom, &b, 0), 0);
    ck_assert_uint_ne(a, 0);
    ck_assert_uint_ne(a, b);
    ck_assert_int_eq(virDomainEnter(dom, &oneway, VIR_DOMAIN_ENTER_ONE_WAY), 0);
    ck_assert_uint_eq(oneway, 0);
    ck_assert_int_eq(virDomainLeave(dom, a, 0), 0);
    ck_assert_int_eq(virDomainLeave(dom, a, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "was not given by virDomainEnter for domain 'box'");
    ck_assert_int_eq(virDomainLeave(dom, 0, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "one-way");
    ck_assert_int_eq(virDomainEnter(dom, &a, 1U << 9), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainEnter(dom, NULL, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cookie in virDomainEnter must not be NULL");
    /* stopping the domain forgets who was in it */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainLeave(dom, b, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "was not given");

    ro = virConnectOpenReadOnly("test:///default");
    virDomainFree(dom);
    dom = virDomainLookupByName(ro, "test");
    ck_assert_int_eq(virDomainEnter(dom, &a, 0), -1);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, "virDomainEnter");
    virDomainFree(dom);
    virConnectClose(ro);
    virConnectClose(conn);
}
END_TEST

/* Through the remote driver: entering moves the calling process, which a
 * daemon cannot do for its client, so the driver has no such call. */
START_TEST(test_enter_leave_remote)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("box"));
    unsigned int cookie = 0;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainEnter(dom, &cookie, 0), -1);
    ck_assert_error(VIR_ERR_NO_SUPPORT, "virDomainEnter is not implemented by the 'remote' driver");
    ck_assert_int_eq(virDomainLeave(dom, 1, 0), -1);
    ck_assert_error(VIR_ERR_NO_SUPPORT, "virDomainLeave is not implemented by the 'remote' driver");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_memory_sharing)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("ksm"));
    virTypedParameter params[2];
    virTypedParameterPtr dparams = NULL;
    int n = 0, enabled = -1;
    char *xml;

    ck_assert_int_eq(virDomainGetMemorySharing(dom, NULL, &n, 0), 0);
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(virDomainGetMemorySharing(dom, params, &n, 0), 0);
    ck_assert_int_eq(virTypedParamsGetBoolean(params, n, VIR_DOMAIN_MEMORY_SHARING_ENABLED, &enabled), 1);
    ck_assert_int_eq(enabled, 1);
    ck_assert_int_eq(virDomainSetMemorySharing(dom, 0, 0), 0);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<memoryBacking>\n    <nosharepages/>\n  </memoryBacking>"));
    free(xml);
    ck_assert_int_eq(virDomainGetMemorySharing(dom, params, &n, 0), 0);
    virTypedParamsGetBoolean(params, n, VIR_DOMAIN_MEMORY_SHARING_ENABLED, &enabled);
    ck_assert_int_eq(enabled, 0);
    ck_assert_int_eq(virDomainSetMemorySharing(dom, 2, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "enable in virDomainSetMemorySharing must be 0 or 1");
    ck_assert_int_eq(virDomainSetMemorySharing(dom, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    /* the test model has no deduplication pass (Xen's): its own words,
     * also from a daemon */
    ck_assert_int_eq(virNodeMemoryDedup(conn, &dom, 1, &dparams, &n, 0), -1);
    ck_assert_error(VIR_ERR_NO_SUPPORT, "virNodeMemoryDedup is not implemented by the 'test' driver");
    ck_assert_ptr_null(dparams);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
tuneSuite(void)
{
    Suite *s = suite_create("tune");
    TCase *tc = tcase_create("tune");

    tcase_add_test(tc, test_memory);
    tcase_add_test(tc, test_scheduler);
    tcase_add_test(tc, test_memory_parameters);
    tcase_add_test(tc, test_blkio_parameters);
    tcase_add_test(tc, test_typed_params_helpers);
    tcase_add_test(tc, test_cpu_stats);
    if (testIsRemote())
        tcase_add_test(tc, test_enter_leave_remote);
    else
        tcase_add_test(tc, test_enter_leave);
    tcase_add_test(tc, test_memory_sharing);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(tuneSuite());
}
