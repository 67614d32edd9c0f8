/*
 * vcputest.c: vcpu counts, pinning and cpumaps, exactly as libvirt documents
 * them: bytes in little-endian order, CPU 0 the lowest bit of byte 0; a
 * short map means the missing bytes are zero; a long map is an error.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "testutils.h"

#define DOM_XML(name, vcpus) \
    "<domain type='test'><name>" name "</name><memory>65536</memory>" \
    "<vcpu>" vcpus "</vcpu><os><type>hvm</type></os></domain>"

START_TEST(test_cpumap_macros)
{
    unsigned char map[3] = { 0 };
    unsigned char maps[2 * 3] = { 0 };
    unsigned char copy[3];

    ck_assert_int_eq(VIR_CPU_MAPLEN(1), 1);
    ck_assert_int_eq(VIR_CPU_MAPLEN(8), 1);
    ck_assert_int_eq(VIR_CPU_MAPLEN(9), 2);
    ck_assert_int_eq(VIR_CPU_MAPLEN(17), 3);
    VIR_USE_CPU(map, 0);
    VIR_USE_CPU(map, 9);
    VIR_USE_CPU(map, 23);
    ck_assert_uint_eq(map[0], 0x01);
    ck_assert_uint_eq(map[1], 0x02);
    ck_assert_uint_eq(map[2], 0x80);
    ck_assert(VIR_CPU_USED(map, 9));
    VIR_UNUSE_CPU(map, 9);
    ck_assert(!VIR_CPU_USED(map, 9));
    memcpy(VIR_GET_CPUMAP(maps, 3, 1), map, 3);
    ck_assert(VIR_CPU_USABLE(maps, 3, 1, 23));
    ck_assert(!VIR_CPU_USABLE(maps, 3, 0, 23));
    VIR_COPY_CPUMAP(maps, 3, 1, copy);
    ck_assert_mem_eq(copy, map, 3);
}
END_TEST

START_TEST(test_pin_and_get)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virVcpuInfo info[4];
    unsigned char map[2] = { 0 };
    unsigned char maps[4 * 2];
    int i;

    /* vcpu 1 on CPUs 3 and 12 */
    VIR_USE_CPU(map, 3);
    VIR_USE_CPU(map, 12);
    ck_assert_int_eq(virDomainPinVcpu(dom, 1, map, 2), 0);
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 4, maps, 2), 2);
    for (i = 0; i < 16; i++) {
        ck_assert(VIR_CPU_USABLE(maps, 2, 0, i));
        ck_assert_msg(!!VIR_CPU_USABLE(maps, 2, 1, i) == (i == 3 || i == 12), "cpu %d", i);
    }
    ck_assert_uint_eq(info[0].number, 0);
    ck_assert_uint_eq(info[1].number, 1);
    ck_assert_int_eq(info[1].state, VIR_VCPU_RUNNING);
    ck_assert_int_eq(info[0].cpu, 15);  /* the last usable CPU, as libvirt's test driver */
    ck_assert_int_eq(info[1].cpu, 12);

    /* a one-byte map: CPUs 8-15 are not used */
    map[0] = 0x81;
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, map, 1), 0);
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, 0), 2);
    ck_assert_uint_eq(maps[0], 0x81);
    ck_assert_uint_eq(maps[1], 0x00);
    /* and a one-byte answer is the first byte */
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 4, maps, 1), 2);
    ck_assert_uint_eq(maps[0], 0x81);
    ck_assert_uint_eq(maps[1], 0x08);   /* vcpu 1: CPUs 3 (and 12, cut off) */
    /* without cpumaps */
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 1, NULL, 0), 1);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_pin_errors)
{
    virConnectPtr conn = testOpenNode("nodes/twelve.xml");
    virDomainPtr dom = virDomainCreateXML(conn, DOM_XML("pin", "2"), 0);
    unsigned char map[4] = { 0x01, 0, 0, 0 };
    unsigned char empty[2] = { 0, 0 };
    unsigned char beyond[2] = { 0x01, 0x10 };   /* CPU 12 */
    virVcpuInfo info[2];
    unsigned char maps[8];

    ck_assert_int_eq(virDomainPinVcpu(dom, 0, map, 3), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cpumap length 3 is out of range: this host has 12 CPUs, so it must be 1 to 2 bytes");
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, beyond, 2), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cpumap has CPU 12 set, but this host has only 12 CPUs (0-11)");
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, empty, 2), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cpumap selects no CPU");
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, map, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "maplen in virDomainPinVcpu must be greater than zero");
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, map, -1), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "maplen");
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, NULL, 2), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cpumap in virDomainPinVcpu must not be NULL");
    ck_assert_int_eq(virDomainPinVcpu(dom, 2, map, 2), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "requested vcpu '2' is not present in the domain");
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 0, map, 2, 1U << 4), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "unsupported flags");
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 2, maps, 3), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cpumap length 3 is out of range");
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 2, maps, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "maplen");
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 0, maps, 2), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "maxinfo");
    ck_assert_int_eq(virDomainGetVcpus(dom, NULL, 2, maps, 2), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "info");
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 3, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cpumap length 3");
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 0, maps, 2, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "ncpumaps");
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, NULL, 2, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cpumaps");
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2,
                                             VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "flags");
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'pin' is transient");
    /* nothing was pinned by the failures */
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, 0), 2);
    ck_assert_uint_eq(maps[0], 0xff);
    ck_assert_uint_eq(maps[1], 0x0f);
    virDomainDestroy(dom);
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 2, maps, 2), -1);
    ck_assert_error(VIR_ERR_NO_DOMAIN, "(pin)");
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_pin_live_config)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn, DOM_XML("lc", "2"));
    unsigned char one[1] = { 0x02 }, two[1] = { 0x04 };
    unsigned char maps[4];
    virVcpuInfo info[2];

    ck_assert_int_eq(virDomainGetVcpus(dom, info, 2, maps, 2), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "cannot list the vcpus of domain 'lc': it is not running");
    /* inactive: CURRENT means the configuration; LIVE is refused */
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, one, 1), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "domain 'lc' is not running");
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 0, one, 1, VIR_DOMAIN_AFFECT_CURRENT), 0);
    ck_assert_int_eq(virDomainCreate(dom), 0);
    /* the live pin does not touch the configuration, and the other way round */
    ck_assert_int_eq(virDomainPinVcpu(dom, 0, two, 1), 0);
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 1, two, 1, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, VIR_DOMAIN_AFFECT_LIVE), 2);
    ck_assert_uint_eq(maps[0], 0x04);
    ck_assert_uint_eq(maps[2], 0xff);
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, VIR_DOMAIN_AFFECT_CONFIG), 2);
    ck_assert_uint_eq(maps[0], 0x02);
    ck_assert_uint_eq(maps[2], 0x04);
    /* both at once */
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 1, one, 1,
                                           VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, VIR_DOMAIN_AFFECT_LIVE), 2);
    ck_assert_uint_eq(maps[2], 0x02);
    /* stopping drops the live pins */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, 0), 2);
    ck_assert_uint_eq(maps[0], 0x02);
    ck_assert_uint_eq(maps[2], 0x02);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_cpuset_affinity)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainCreateXML(conn,
        "<domain type='test'><name>cs</name><memory>65536</memory>"
        "<vcpu cpuset='0-3,^2'>2</vcpu><cputune><vcpupin vcpu='1' cpuset='8'/></cputune>"
        "<os><type>hvm</type></os></domain>", 0);
    unsigned char maps[4];

    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainGetVcpuPinInfo(dom, 2, maps, 2, 0), 2);
    ck_assert_uint_eq(maps[0], 0x0b);   /* <vcpu cpuset> applies to unpinned vcpus */
    ck_assert_uint_eq(maps[1], 0x00);
    ck_assert_uint_eq(maps[2], 0x00);
    ck_assert_uint_eq(maps[3], 0x01);
    virDomainFree(dom);
    ck_assert_ptr_null(virDomainCreateXML(conn,
        "<domain type='test'><name>far</name><memory>65536</memory>"
        "<vcpu cpuset='16'>1</vcpu><os><type>hvm</type></os></domain>", 0));
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "<vcpu cpuset> uses CPU 16, but the host has only 16 CPUs");
    virConnectClose(conn);
}
END_TEST

START_TEST(test_vcpu_counts)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn,
        "<domain type='test'><name>vc</name><memory>65536</memory>"
        "<vcpu current='2'>4</vcpu><os><type>hvm</type></os></domain>");
    virDomainInfo info;

    ck_assert_int_eq(virDomainGetVcpusFlags(dom, 0), 2);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_VCPU_MAXIMUM), 4);
    ck_assert_int_eq(virDomainGetMaxVcpus(dom), 4);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "is not running");
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSetVcpus(dom, 3), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_uint_eq(info.nrVirtCpu, 3);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG), 2);
    ck_assert_int_eq(virDomainSetVcpus(dom, 5), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "cannot give domain 'vc' 5 vcpus: its maximum is 4");
    ck_assert_int_eq(virDomainSetVcpus(dom, 0), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "nvcpus in virDomainSetVcpus must not be zero");
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 8, VIR_DOMAIN_VCPU_MAXIMUM), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "cannot change the maximum vcpus of running domain 'vc'");
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 8, VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG), 8);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 33, VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "33 vcpus is more than the test driver allows (32)");
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_VCPU_GUEST), -1);
    ck_assert_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "guest agent");
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), -1);
    ck_assert_error(VIR_ERR_INVALID_ARG, "flags");
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert_int_eq(virDomainGetMaxVcpus(dom), 8);
    /* lowering the maximum below the current count lowers both */
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_VCPU_MAXIMUM), 0);
    ck_assert_int_eq(virDomainGetVcpusFlags(dom, 0), 1);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

START_TEST(test_max_vcpus_pins_dropped)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    virDomainPtr dom = virDomainDefineXML(conn,
        "<domain type='test'><name>drop</name><memory>65536</memory><vcpu>4</vcpu>"
        "<cputune><vcpupin vcpu='3' cpuset='1'/><vcpupin vcpu='0' cpuset='2'/></cputune>"
        "<os><type>hvm</type></os></domain>");
    char *xml;

    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_VCPU_MAXIMUM), 0);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<vcpupin vcpu='0' cpuset='2'/>"));
    ck_assert_ptr_null(strstr(xml, "vcpu='3'"));
    free(xml);
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

static Suite *
vcpuSuite(void)
{
    Suite *s = suite_create("vcpu");
    TCase *tc = tcase_create("vcpu");

    tcase_add_test(tc, test_cpumap_macros);
    tcase_add_test(tc, test_pin_and_get);
    tcase_add_test(tc, test_pin_errors);
    tcase_add_test(tc, test_pin_live_config);
    tcase_add_test(tc, test_cpuset_affinity);
    tcase_add_test(tc, test_vcpu_counts);
    tcase_add_test(tc, test_max_vcpus_pins_dropped);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(vcpuSuite());
}
