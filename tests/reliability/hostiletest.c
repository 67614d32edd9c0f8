/*
 * hostiletest.c: hostile input is refused with a clear error, and changes
 * nothing
 *
 * Each row is one hostile call on the fixture of relutils.h: a document
 * (100 MB, external entities, a DOCTYPE of any kind, invalid UTF-8), a
 * domain name that could escape a directory or a terminal ('/', "..",
 * NUL, newline, escape sequences), sizes that are negative or overflow,
 * vcpu counts beyond the maximum, cpumaps beyond the host, maplen 0 or
 * negative.  It must fail with the expected error code and a message that
 * says what was wrong, and the model and every file under the root must
 * be as before.  The refusals of tests/xml2xmltest (its err/ cases and
 * 10000-deep nesting) and tests/vcputest are not repeated; what they do
 * not check, that nothing changed, is checked here.
 *
 * Then what is hostile on disk: a 100 MB configuration, a configuration
 * that is a symlink to another file or to a valid configuration kept
 * elsewhere, a FIFO (opening it must not wait for a writer), one named
 * after another domain; the driver loads the rest and leaves them alone.
 */
#include <config.h>

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "relutils.h"

#define HOSTILE_BIG (100 * 1024 * 1024)

typedef struct {
    relFixture fx;
    virDomainPtr web;           /* running: 4 vcpus, 2 current, 512 MiB */
    virDomainPtr idle;          /* shut off */
    char *big;                  /* a 100 MB domain document */
} hostileCtx;

typedef struct {
    const char *what;
    int code;
    const char *message;        /* a part of the expected message */
    bool (*call)(hostileCtx *c);    /* true: the call failed */
} hostileCase;

#define HC(id, expr) \
    static bool \
    hc_##id(hostileCtx *c G_GNUC_UNUSED) \
    { \
        return (expr); \
    }
#define FAILS_INT(expr) ((expr) == -1)

static bool
hostileRefused(virDomainPtr dom)
{
    if (!dom)
        return true;
    virDomainFree(dom);
    return false;
}

#define DOMAIN_WITH(inner) \
    "<domain type='test'>" inner "<memory>1024</memory><os><type>hvm</type></os></domain>"
#define NAMED(name) DOMAIN_WITH("<name>" name "</name>")

static bool
hostileDefine(hostileCtx *c, const char *xml)
{
    return hostileRefused(virDomainDefineXML(c->fx.conn, xml));
}

static bool
hostileCreate(hostileCtx *c, const char *xml)
{
    return hostileRefused(virDomainCreateXML(c->fx.conn, xml, 0));
}

/* ---- documents ----------------------------------------------------- */

HC(big_define, hostileDefine(c, c->big))
HC(big_create, hostileCreate(c, c->big))
HC(doctype_system, hostileDefine(c, "<!DOCTYPE domain SYSTEM 'file:///etc/passwd'>" NAMED("d")))
HC(doctype_public, hostileDefine(c, "<!DOCTYPE domain PUBLIC '-//x//y' 'http://127.0.0.1:9/x.dtd'>"
                                    NAMED("d")))
HC(parameter_entity,
   hostileDefine(c, "<!DOCTYPE domain [<!ENTITY % p SYSTEM 'http://127.0.0.1:9/p'> %p;]>"
                    NAMED("d")))
HC(entity_in_attribute,
   hostileDefine(c, "<!DOCTYPE domain [<!ENTITY t 'test'>]><domain type='&t;'><name>d</name>"
                    "<memory>1024</memory><os><type>hvm</type></os></domain>"))
HC(undeclared_entity, hostileDefine(c, NAMED("&xxe;")))
HC(utf8_in_attribute,
   hostileDefine(c, "<domain type='te\xc3\x28st'><name>d</name><memory>1024</memory>"
                    "<os><type>hvm</type></os></domain>"))
HC(utf8_overlong, hostileDefine(c, NAMED("\xc0\xaf" "etc")))
HC(utf8_surrogate, hostileDefine(c, NAMED("\xed\xa0\x80")))
HC(encoding_lie, hostileDefine(c, "<?xml version='1.0' encoding='UTF-16'?>" NAMED("d")))
HC(two_roots, hostileDefine(c, NAMED("d") NAMED("e")))

/* ---- names --------------------------------------------------------- */

HC(name_slash, hostileDefine(c, NAMED("a/../../../../tmp/evil")))
HC(name_slash_create, hostileCreate(c, NAMED("a/b")))
HC(name_dotdot, hostileDefine(c, NAMED("..")))
HC(name_dotdot_create, hostileCreate(c, NAMED("..")))
HC(name_dot, hostileDefine(c, NAMED(".")))
HC(name_hidden, hostileDefine(c, NAMED(".hidden")))
HC(name_nul, hostileDefine(c, NAMED("web&#0;.xml")))
HC(name_newline, hostileCreate(c, NAMED("a&#10;b")))
HC(name_return, hostileDefine(c, NAMED("a&#13;b")))
HC(name_tab, hostileDefine(c, NAMED("a&#9;b")))
HC(name_escape, hostileDefine(c, NAMED("&#27;[2J&#27;[31mred")))
HC(name_escape_raw, hostileDefine(c, NAMED("\x1b[2J\x1b[31mred")))
HC(name_delete, hostileDefine(c, NAMED("a&#127;b")))
HC(name_empty, hostileDefine(c, NAMED("   ")))
HC(name_long, ({
    g_autofree char *name = g_strnfill(256, 'n');
    g_autofree char *xml = g_strdup_printf(NAMED("%s"), name);
    hostileDefine(c, xml);
}))
HC(name_long_file, ({
    g_autofree char *name = g_strnfill(240, 'n');
    g_autofree char *xml = g_strdup_printf(NAMED("%s"), name);
    hostileDefine(c, xml);
}))
HC(name_lookup_slash, hostileRefused(virDomainLookupByName(c->fx.conn, "../test/web")))
HC(name_lookup_newline, hostileRefused(virDomainLookupByName(c->fx.conn, "web\n")))
/* a redefinition may not rename: "web" with another UUID is another domain */
HC(name_taken, hostileDefine(c, NAMED("web")))

/* ---- sizes --------------------------------------------------------- */

HC(memory_max_ulong, FAILS_INT(virDomainSetMaxMemory(c->idle, ULONG_MAX)))
HC(memory_max_flags_ulong,
   FAILS_INT(virDomainSetMemoryFlags(c->idle, ULONG_MAX,
                                     VIR_DOMAIN_MEM_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG)))
HC(memory_above_max, FAILS_INT(virDomainSetMemory(c->web, ULONG_MAX)))
HC(memory_zero, FAILS_INT(virDomainSetMemoryFlags(c->web, 0, 0)))
HC(memory_xml_current_negative, hostileDefine(c, DOMAIN_WITH("<name>d</name>"
                                                             "<currentMemory>-1</currentMemory>")))
HC(memory_xml_exbibytes, hostileDefine(c, "<domain type='test'><name>d</name>"
                                          "<memory unit='EiB'>16</memory>"
                                          "<os><type>hvm</type></os></domain>"))
HC(memtune_overflow, hostileDefine(c, DOMAIN_WITH("<name>d</name><memtune><hard_limit unit='EiB'>"
                                                  "9</hard_limit></memtune>")))
HC(blkio_weight_overflow,
   hostileDefine(c, DOMAIN_WITH("<name>d</name><blkiotune><weight>4294967296</weight>"
                                "</blkiotune>")))
HC(shares_overflow,
   hostileDefine(c, DOMAIN_WITH("<name>d</name><cputune><shares>18446744073709551616</shares>"
                                "</cputune>")))
HC(quota_negative, hostileDefine(c, DOMAIN_WITH("<name>d</name><cputune><quota>"
                                                "-9223372036854775808</quota></cputune>")))
HC(hard_limit_beyond, ({
    virTypedParameter p = { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG,
                            { .ul = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED + 1 } };
    FAILS_INT(virDomainSetMemoryParameters(c->web, &p, 1, 0));
}))
HC(hard_limit_negative, ({
    virTypedParameter p = { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_LLONG, { .l = -1 } };
    FAILS_INT(virDomainSetMemoryParameters(c->web, &p, 1, 0));
}))
HC(sched_weight_zero, ({
    virTypedParameter p = { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT, { .ui = 0 } };
    FAILS_INT(virDomainSetSchedulerParameters(c->web, &p, 1));
}))
HC(sched_weight_huge, ({
    virTypedParameter p = { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT, { .ui = UINT_MAX } };
    FAILS_INT(virDomainSetSchedulerParameters(c->web, &p, 1));
}))
HC(param_name_unterminated, ({
    virTypedParameter p = { .type = VIR_TYPED_PARAM_UINT, .value.ui = 10 };
    memset(p.field, 'w', sizeof(p.field));
    FAILS_INT(virDomainSetSchedulerParameters(c->web, &p, 1));
}))
HC(set_params_negative_count, ({
    virTypedParameter p = { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT, { .ui = 10 } };
    FAILS_INT(virDomainSetSchedulerParametersFlags(c->web, &p, -1, 0));
}))
HC(get_params_negative_count, ({
    virTypedParameter p[4];
    int n = -1;
    FAILS_INT(virDomainGetMemoryParameters(c->web, p, &n, 0));
}))
HC(node_pages_zero, ({
    virTypedParameter p = { VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, VIR_TYPED_PARAM_UINT, { .ui = 0 } };
    FAILS_INT(virNodeSetMemoryParameters(c->fx.conn, &p, 1, 0));
}))
HC(cells_start_huge,
   ({ unsigned long long m[2]; FAILS_INT(virNodeGetCellsFreeMemory(c->fx.conn, m, INT_MAX, 2)); }))
HC(cells_start_negative,
   ({ unsigned long long m[2]; FAILS_INT(virNodeGetCellsFreeMemory(c->fx.conn, m, -1, 2)); }))
HC(cells_count_negative,
   ({ unsigned long long m[2]; FAILS_INT(virNodeGetCellsFreeMemory(c->fx.conn, m, 0, -1)); }))
HC(cpustats_start_huge, ({
    virTypedParameter p[2];
    FAILS_INT(virDomainGetCPUStats(c->web, p, 2, INT_MAX, 1, 0));
}))
HC(cpustats_start_negative, ({
    virTypedParameter p[2];
    FAILS_INT(virDomainGetCPUStats(c->web, p, 2, -2, 1, 0));
}))
HC(cpustats_overflow, ({
    virTypedParameter p[2];
    FAILS_INT(virDomainGetCPUStats(c->web, p, 2, 0, UINT_MAX, 0));
}))
HC(list_ids_negative, ({ int ids[2]; FAILS_INT(virConnectListDomains(c->fx.conn, ids, -1)); }))
HC(list_names_negative,
   ({ char *n[2]; FAILS_INT(virConnectListDefinedDomains(c->fx.conn, n, INT_MIN)); }))
HC(lookup_id_negative, hostileRefused(virDomainLookupByID(c->fx.conn, -1)))
HC(lookup_id_huge, hostileRefused(virDomainLookupByID(c->fx.conn, INT_MAX)))
HC(sharing_two, FAILS_INT(virDomainSetMemorySharing(c->web, 2, 0)))

/* ---- vcpus --------------------------------------------------------- */

HC(vcpus_beyond_driver,
   FAILS_INT(virDomainSetVcpusFlags(c->idle, 33, VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG)))
HC(vcpus_uint_max,
   FAILS_INT(virDomainSetVcpusFlags(c->idle, UINT_MAX,
                                    VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_AFFECT_CONFIG)))
HC(vcpus_beyond_domain, FAILS_INT(virDomainSetVcpusFlags(c->web, 5, VIR_DOMAIN_AFFECT_LIVE)))
HC(vcpus_xml_huge_pinned,
   hostileDefine(c, DOMAIN_WITH("<name>d</name><vcpu>4000000000</vcpu>"
                                "<cputune><vcpupin vcpu='0' cpuset='0'/></cputune>")))
HC(vcpus_xml_generic_limit,
   hostileDefine(c, DOMAIN_WITH("<name>d</name><vcpu>16385</vcpu>")))
HC(vcpus_xml_negative, hostileDefine(c, DOMAIN_WITH("<name>d</name><vcpu>-1</vcpu>")))
HC(vcpus_xml_current_beyond,
   hostileDefine(c, DOMAIN_WITH("<name>d</name><vcpu current='5'>4</vcpu>")))
HC(vcpupin_beyond_vcpus,
   hostileDefine(c, DOMAIN_WITH("<name>d</name><vcpu>2</vcpu>"
                                "<cputune><vcpupin vcpu='4294967295' cpuset='0'/></cputune>")))
HC(pin_vcpu_beyond, ({
    unsigned char m[1] = { 1 };
    FAILS_INT(virDomainPinVcpuFlags(c->web, 4, m, 1, 0));
}))
HC(pin_vcpu_uint_max, ({
    unsigned char m[1] = { 1 };
    FAILS_INT(virDomainPinVcpuFlags(c->web, UINT_MAX, m, 1, 0));
}))

/* ---- cpumaps (this host: 16 CPUs, two bytes) ----------------------- */

HC(cpumap_longer, ({
    unsigned char m[3] = { 1, 0, 0 };
    FAILS_INT(virDomainPinVcpu(c->web, 0, m, 3));
}))
HC(cpumap_huge_maplen, ({
    unsigned char m[2] = { 1, 0 };
    FAILS_INT(virDomainPinVcpu(c->web, 0, m, INT_MAX));
}))
HC(cpumap_maplen_zero, ({ unsigned char m[2] = { 1, 0 }; FAILS_INT(virDomainPinVcpu(c->web, 0, m, 0)); }))
HC(cpumap_maplen_negative,
   ({ unsigned char m[2] = { 1, 0 }; FAILS_INT(virDomainPinVcpuFlags(c->web, 0, m, -1, 0)); }))
HC(cpumap_empty, ({ unsigned char m[2] = { 0, 0 }; FAILS_INT(virDomainPinVcpu(c->web, 0, m, 2)); }))
HC(cpuset_xml_beyond, hostileDefine(c, DOMAIN_WITH("<name>d</name><vcpu cpuset='0,16'>1</vcpu>")))
HC(cpuset_xml_huge, hostileDefine(c, DOMAIN_WITH("<name>d</name><vcpu cpuset='0-4294967295'>1</vcpu>")))
HC(pininfo_maplen_zero,
   ({ unsigned char m[8]; FAILS_INT(virDomainGetVcpuPinInfo(c->web, 4, m, 0, 0)); }))
HC(pininfo_maplen_negative,
   ({ unsigned char m[8]; FAILS_INT(virDomainGetVcpuPinInfo(c->web, 4, m, -2, 0)); }))
HC(pininfo_overflow,
   ({ unsigned char m[8]; FAILS_INT(virDomainGetVcpuPinInfo(c->web, INT_MAX, m, 2, 0)); }))
HC(vcpus_maplen_negative, ({
    virVcpuInfo i[4];
    unsigned char m[8];
    FAILS_INT(virDomainGetVcpus(c->web, i, 4, m, -1));
}))
HC(vcpus_maplen_without_maps,
   ({ virVcpuInfo i[4]; FAILS_INT(virDomainGetVcpus(c->web, i, 4, NULL, 2)); }))
HC(vcpus_overflow, ({
    virVcpuInfo i[4];
    unsigned char m[8];
    FAILS_INT(virDomainGetVcpus(c->web, i, INT_MAX, m, 2));
}))

#define ROW(id, code, msg) { #id, code, msg, hc_##id }

static const hostileCase hostileCases[] = {
    ROW(big_define, VIR_ERR_XML_ERROR, "more than the limit of 4194304"),
    ROW(big_create, VIR_ERR_XML_ERROR, "more than the limit of 4194304"),
    ROW(doctype_system, VIR_ERR_XML_ERROR, "a <!DOCTYPE> is not allowed"),
    ROW(doctype_public, VIR_ERR_XML_ERROR, "a <!DOCTYPE> is not allowed"),
    ROW(parameter_entity, VIR_ERR_XML_ERROR, "a <!DOCTYPE> is not allowed"),
    ROW(entity_in_attribute, VIR_ERR_XML_ERROR, "a <!DOCTYPE> is not allowed"),
    ROW(undeclared_entity, VIR_ERR_XML_DETAIL, "Entity 'xxe' not defined"),
    ROW(utf8_in_attribute, VIR_ERR_XML_DETAIL, "not proper UTF-8"),
    ROW(utf8_overlong, VIR_ERR_XML_DETAIL, "not proper UTF-8"),
    ROW(utf8_surrogate, VIR_ERR_XML_DETAIL, "line 1"),
    ROW(encoding_lie, VIR_ERR_XML_DETAIL, "line 1"),
    ROW(two_roots, VIR_ERR_XML_DETAIL, "Extra content"),

    ROW(name_slash, VIR_ERR_XML_ERROR, "must not contain '/'"),
    ROW(name_slash_create, VIR_ERR_XML_ERROR, "must not contain '/'"),
    ROW(name_dotdot, VIR_ERR_XML_ERROR, "must not start with '.'"),
    ROW(name_dotdot_create, VIR_ERR_XML_ERROR, "must not start with '.'"),
    ROW(name_dot, VIR_ERR_XML_ERROR, "must not start with '.'"),
    ROW(name_hidden, VIR_ERR_XML_ERROR, "must not start with '.'"),
    ROW(name_nul, VIR_ERR_XML_DETAIL, "invalid xmlChar value 0"),
    ROW(name_newline, VIR_ERR_XML_ERROR, "control characters (found 0x0a)"),
    ROW(name_return, VIR_ERR_XML_ERROR, "control characters (found 0x0d)"),
    ROW(name_tab, VIR_ERR_XML_ERROR, "control characters (found 0x09)"),
    ROW(name_escape, VIR_ERR_XML_DETAIL, "invalid xmlChar value 27"),
    ROW(name_escape_raw, VIR_ERR_XML_DETAIL, "PCDATA invalid Char value 27"),
    ROW(name_delete, VIR_ERR_XML_ERROR, "control characters (found 0x7f)"),
    ROW(name_empty, VIR_ERR_XML_ERROR, "must not be empty"),
    ROW(name_long, VIR_ERR_XML_ERROR, "at most 239 bytes"),
    /* would fit a directory entry, but not its configuration's temporary file */
    ROW(name_long_file, VIR_ERR_XML_ERROR, "at most 239 bytes"),
    ROW(name_lookup_slash, VIR_ERR_NO_DOMAIN, "../test/web"),
    ROW(name_lookup_newline, VIR_ERR_NO_DOMAIN, "no domain with matching name"),
    ROW(name_taken, VIR_ERR_OPERATION_FAILED, "domain 'web' already exists"),

    ROW(memory_max_ulong, VIR_ERR_INVALID_ARG, "the limit is 9007199254740991 KiB"),
    ROW(memory_max_flags_ulong, VIR_ERR_INVALID_ARG, "the limit is 9007199254740991 KiB"),
    ROW(memory_above_max, VIR_ERR_INVALID_ARG, "its maximum is 524288 KiB"),
    ROW(memory_zero, VIR_ERR_INVALID_ARG, "memory in virDomainSetMemoryFlags must not be zero"),
    ROW(memory_xml_current_negative, VIR_ERR_XML_ERROR, "must hold a non-negative integer"),
    ROW(memory_xml_exbibytes, VIR_ERR_XML_ERROR, "is too large"),
    ROW(memtune_overflow, VIR_ERR_XML_ERROR, "is too large"),
    ROW(blkio_weight_overflow, VIR_ERR_XML_ERROR, "below 2^32"),
    ROW(shares_overflow, VIR_ERR_XML_ERROR, "must hold a non-negative integer"),
    ROW(quota_negative, VIR_ERR_XML_ERROR, "quota must be -1"),
    ROW(hard_limit_beyond, VIR_ERR_INVALID_ARG, "hard_limit must be 1 to"),
    ROW(hard_limit_negative, VIR_ERR_INVALID_ARG, "must be of type ullong"),
    ROW(sched_weight_zero, VIR_ERR_INVALID_ARG, "weight must be 1 to 65535"),
    ROW(sched_weight_huge, VIR_ERR_INVALID_ARG, "weight must be 1 to 65535"),
    ROW(param_name_unterminated, VIR_ERR_INVALID_ARG, "not NUL-terminated"),
    ROW(set_params_negative_count, VIR_ERR_INVALID_ARG, "nparams"),
    ROW(get_params_negative_count, VIR_ERR_INVALID_ARG, "nparams"),
    ROW(node_pages_zero, VIR_ERR_INVALID_ARG, "shm_pages_to_scan must be at least 1"),
    ROW(cells_start_huge, VIR_ERR_INVALID_ARG, "does not exist"),
    ROW(cells_start_negative, VIR_ERR_INVALID_ARG, "startCell"),
    ROW(cells_count_negative, VIR_ERR_INVALID_ARG, "maxCells"),
    ROW(cpustats_start_huge, VIR_ERR_INVALID_ARG, "start_cpu"),
    ROW(cpustats_start_negative, VIR_ERR_INVALID_ARG, "start_cpu"),
    ROW(cpustats_overflow, VIR_ERR_INVALID_ARG, "must fit an int"),
    ROW(list_ids_negative, VIR_ERR_INVALID_ARG, "maxids"),
    ROW(list_names_negative, VIR_ERR_INVALID_ARG, "maxnames"),
    ROW(lookup_id_negative, VIR_ERR_INVALID_ARG, "id in virDomainLookupByID"),
    ROW(lookup_id_huge, VIR_ERR_NO_DOMAIN, "2147483647"),
    ROW(sharing_two, VIR_ERR_INVALID_ARG, "must be 0 or 1"),

    ROW(vcpus_beyond_driver, VIR_ERR_INVALID_ARG, "33 vcpus is more than the test driver allows"),
    ROW(vcpus_uint_max, VIR_ERR_INVALID_ARG, "is too large"),
    ROW(vcpus_beyond_domain, VIR_ERR_INVALID_ARG, "its maximum is 4"),
    ROW(vcpus_xml_huge_pinned, VIR_ERR_CONFIG_UNSUPPORTED, "more than the 'test' driver allows (32)"),
    ROW(vcpus_xml_generic_limit, VIR_ERR_CONFIG_UNSUPPORTED, "allows (32)"),
    ROW(vcpus_xml_negative, VIR_ERR_XML_ERROR, "non-negative integer"),
    ROW(vcpus_xml_current_beyond, VIR_ERR_CONFIG_UNSUPPORTED, "must not be more than the maximum"),
    ROW(vcpupin_beyond_vcpus, VIR_ERR_XML_ERROR, "vcpu 4294967295 does not exist"),
    ROW(pin_vcpu_beyond, VIR_ERR_INVALID_ARG, "requested vcpu '4' is not present in the domain"),
    ROW(pin_vcpu_uint_max, VIR_ERR_INVALID_ARG, "vcpu in virDomainPinVcpuFlags is out of range"),

    ROW(cpumap_longer, VIR_ERR_INVALID_ARG, "cpumap length 3 is out of range"),
    ROW(cpumap_huge_maplen, VIR_ERR_INVALID_ARG, "is out of range"),
    ROW(cpumap_maplen_zero, VIR_ERR_INVALID_ARG, "maplen in virDomainPinVcpu"),
    ROW(cpumap_maplen_negative, VIR_ERR_INVALID_ARG, "maplen in virDomainPinVcpuFlags"),
    ROW(cpumap_empty, VIR_ERR_INVALID_ARG, "selects no CPU"),
    ROW(cpuset_xml_beyond, VIR_ERR_CONFIG_UNSUPPORTED, "uses CPU 16, but the host has only 16"),
    ROW(cpuset_xml_huge, VIR_ERR_INVALID_ARG, "Failed to parse bitmap"),
    ROW(pininfo_maplen_zero, VIR_ERR_INVALID_ARG, "maplen"),
    ROW(pininfo_maplen_negative, VIR_ERR_INVALID_ARG, "maplen"),
    ROW(pininfo_overflow, VIR_ERR_INVALID_ARG, "must fit an int"),
    ROW(vcpus_maplen_negative, VIR_ERR_INVALID_ARG, "maplen"),
    ROW(vcpus_maplen_without_maps, VIR_ERR_INVALID_ARG, "maplen"),
    ROW(vcpus_overflow, VIR_ERR_INVALID_ARG, "must fit an int"),
};

static hostileCtx hostileShared;

static void
hostileSetup(void)
{
    hostileCtx *c = &hostileShared;
    const char head[] = "<domain type='test'><name>big</name><description>";
    const char tail[] = "</description><memory>1024</memory><os><type>hvm</type></os></domain>";

    memset(c, 0, sizeof(*c));
    relFixtureInit(&c->fx);
    c->web = relLookup(c->fx.conn, "web");
    c->idle = relLookup(c->fx.conn, "idle");
    c->big = g_malloc(HOSTILE_BIG + 1);
    memset(c->big, 'x', HOSTILE_BIG);
    memcpy(c->big, head, strlen(head));
    memcpy(c->big + HOSTILE_BIG - strlen(tail), tail, strlen(tail));
    c->big[HOSTILE_BIG] = '\0';
}

static void
hostileTeardown(void)
{
    virDomainFree(hostileShared.web);
    virDomainFree(hostileShared.idle);
    g_free(hostileShared.big);
    relFixtureClear(&hostileShared.fx);
}

START_TEST(test_hostile_call)
{
    const hostileCase *hc = &hostileCases[_i];
    g_autofree char *before = relFixtureSnapshot(&hostileShared.fx);
    g_autofree char *after = NULL;
    virErrorPtr err;

    virResetLastError();
    ck_assert_msg(hc->call(&hostileShared), "%s was accepted", hc->what);
    err = virGetLastError();
    ck_assert_msg(err != NULL, "%s: refused without an error", hc->what);
    ck_assert_msg(err->code == hc->code && err->message && strstr(err->message, hc->message),
                  "%s: error %d '%s', expected %d with '%s'", hc->what, err->code,
                  err->message, hc->code, hc->message);
    after = relFixtureSnapshot(&hostileShared.fx);
    rel_assert_unchanged(before, after, hc->what);
}
END_TEST

/* Bits beyond the host inside the map: a host of 12 CPUs, whose maps are
 * two bytes with four bits too many (tests/vcputest checks the message). */
START_TEST(test_cpumap_beyond_host)
{
    virConnectPtr conn = testOpenNode("nodes/twelve.xml");
    virDomainPtr dom = virDomainCreateXML(conn, DOMAIN_WITH("<name>p</name><vcpu>2</vcpu>"), 0);
    g_autofree char *before = relSnapshot(conn);
    g_autofree char *after = NULL;
    unsigned char maps[][2] = { { 0x00, 0x10 }, { 0xff, 0xff }, { 0x01, 0x80 } };
    size_t i;

    ck_assert_ptr_nonnull(dom);
    for (i = 0; i < G_N_ELEMENTS(maps); i++) {
        ck_assert_int_eq(virDomainPinVcpu(dom, 0, maps[i], 2), -1);
        ck_assert_error(VIR_ERR_INVALID_ARG, "but this host has only 12 CPUs (0-11)");
        ck_assert_int_eq(virDomainPinVcpuFlags(dom, 1, maps[i], 2, VIR_DOMAIN_AFFECT_LIVE), -1);
        ck_assert_error(VIR_ERR_INVALID_ARG, "but this host has only 12 CPUs (0-11)");
    }
    ck_assert_ptr_null(virDomainCreateXML(conn, DOMAIN_WITH("<name>q</name><vcpu>1</vcpu>"
                                                            "<cputune><vcpupin vcpu='0' "
                                                            "cpuset='12'/></cputune>"), 0));
    ck_assert_error(VIR_ERR_CONFIG_UNSUPPORTED, "uses CPU 12, but the host has only 12 CPUs");
    after = relSnapshot(conn);
    rel_assert_unchanged(before, after, "a cpumap beyond the host");
    virDomainFree(dom);
    ck_assert_int_eq(virConnectClose(conn), 0);
}
END_TEST

/* XInclude is not processed: the element stays an element, nothing is
 * read from the file it names. */
START_TEST(test_xinclude_not_expanded)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    const char *xml = "<domain type='test' xmlns:xi='http://www.w3.org/2001/XInclude'>"
                      "<name>xi</name><description>a<xi:include href='/etc/passwd' parse='text'/>"
                      "</description><metadata><m:x xmlns:m='urn:m'><xi:include "
                      "href='/etc/passwd' parse='text'/></m:x></metadata>"
                      "<memory>1024</memory><os><type>hvm</type></os></domain>";
    virDomainPtr dom = virDomainDefineXML(conn, xml);
    g_autofree char *dump = NULL;

    ck_assert_ptr_nonnull(dom);
    dump = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_null(strstr(dump, "root:"));
    ck_assert_ptr_nonnull(strstr(dump, "<description>a</description>"));
    ck_assert_ptr_nonnull(strstr(dump, "href=\"/etc/passwd\""));
    virDomainFree(dom);
    virConnectClose(conn);
}
END_TEST

/* Deep but legal nesting in <metadata>, kept and given back as it came. */
START_TEST(test_deep_metadata)
{
    virConnectPtr conn = testOpenNode("nodes/empty.xml");
    GString *xml = g_string_new("<domain type='test'><name>deep</name><metadata>"
                                "<m:a xmlns:m='urn:m'>");
    g_autofree char *dump = NULL, *again = NULL;
    virDomainPtr dom;
    int i;

    for (i = 0; i < 200; i++)
        g_string_append(xml, "<m:a>");
    for (i = 0; i < 201; i++)
        g_string_append(xml, "</m:a>");
    g_string_append(xml, "</metadata><memory>1024</memory><os><type>hvm</type></os></domain>");
    ck_assert_ptr_nonnull((dom = virDomainDefineXML(conn, xml->str)));
    dump = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    virDomainFree(dom);
    ck_assert_ptr_nonnull((dom = virDomainDefineXML(conn, dump)));
    again = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    ck_assert_str_eq(dump, again);
    virDomainFree(dom);
    virConnectClose(conn);
    g_string_free(xml, TRUE);
}
END_TEST

/* ---- hostile files on disk ----------------------------------------- */

static void
hostileWriteFile(const char *path, const char *data)
{
    ck_assert_msg(g_file_set_contents(path, data, -1, NULL), "cannot write %s", path);
}

/* The configurations of the fixture's persistent domains. */
static char *
hostilePersistentXML(virConnectPtr conn)
{
    static const char *const names[] = { "db", "idle", "saved", "web" };
    GString *out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        virDomainPtr dom = relLookup(conn, names[i]);
        char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);

        g_string_append(out, xml);
        free(xml);
        virDomainFree(dom);
    }
    return g_string_free(out, FALSE);
}

/* A configuration that does not load: listed, shut off, and every use
 * of it says why. */
static void
hostileCheckBroken(virConnectPtr conn, const char *name, const char *why)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    virDomainInfo info;
    int state = -1, reason;

    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
    ck_assert_int_eq(state, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, why);
    ck_assert_int_eq(virDomainCreate(dom), -1);
    ck_assert_error(VIR_ERR_OPERATION_INVALID, "its configuration does not load");
    virDomainFree(dom);
}

START_TEST(test_hostile_files)
{
    relFixture fx;
    g_autofree char *confdir = NULL, *bigfile = NULL, *linkfile = NULL, *wrongfile = NULL;
    g_autofree char *elsewhere = NULL, *validlink = NULL, *fifo = NULL;
    g_autofree char *before = NULL, *after = NULL, *tree = NULL, *uri = NULL;
    int fd;

    relFixtureInit(&fx);
    confdir = g_build_filename(fx.root, "etc", "virtkit", "test", NULL);
    before = hostilePersistentXML(fx.conn);
    ck_assert_int_eq(virConnectClose(fx.conn), 0);

    /* 100 MB (sparse: cheap to make, as costly as any to read) */
    bigfile = g_build_filename(confdir, "big.xml", NULL);
    fd = open(bigfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, HOSTILE_BIG), 0);
    close(fd);
    /* a link to a file that is not a configuration */
    linkfile = g_build_filename(confdir, "passwd.xml", NULL);
    ck_assert_int_eq(symlink("/etc/passwd", linkfile), 0);
    /* a link to a valid configuration outside the directory */
    elsewhere = g_build_filename(fx.root, "elsewhere.xml", NULL);
    hostileWriteFile(elsewhere, NAMED("elsewhere"));
    validlink = g_build_filename(confdir, "elsewhere.xml", NULL);
    ck_assert_int_eq(symlink(elsewhere, validlink), 0);
    /* a FIFO no one writes to */
    fifo = g_build_filename(confdir, "fifo.xml", NULL);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    /* a file named after one domain that defines another */
    wrongfile = g_build_filename(confdir, "wrong.xml", NULL);
    hostileWriteFile(wrongfile, NAMED("web"));
    tree = relTreeSnapshot(fx.root);

    /* the others load as they were; links and the FIFO are not files the
     * library wrote and are skipped; the regular files that do not load
     * are listed with their problem; all are left as they are (not
     * "repaired", not removed) */
    fx.conn = virConnectOpen(fx.uri);
    ck_assert_ptr_nonnull(fx.conn);
    ck_assert_int_eq(virConnectListAllDomains(fx.conn, NULL, 0), 6);
    hostileCheckBroken(fx.conn, "big", "larger than the limit");
    hostileCheckBroken(fx.conn, "wrong", "a configuration file must be named after its domain");
    after = hostilePersistentXML(fx.conn);
    ck_assert_str_eq(before, after);
    g_clear_pointer(&after, g_free);
    after = relTreeSnapshot(fx.root);
    ck_assert_str_eq(tree, after);

    /* a 100 MB node file is refused without reading it all */
    uri = g_strdup_printf("test://%s", bigfile);
    ck_assert_ptr_null(virConnectOpen(uri));
    ck_assert_error(VIR_ERR_READ_FAILED, "larger than the limit of 4194304 bytes");
    relFixtureClear(&fx);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("hostile");
    TCase *calls = tcase_create("calls");
    TCase *other = tcase_create("other");

    tcase_add_unchecked_fixture(calls, hostileSetup, hostileTeardown);
    tcase_add_loop_test(calls, test_hostile_call, 0, G_N_ELEMENTS(hostileCases));
    tcase_set_timeout(calls, 120);
    tcase_add_test(other, test_cpumap_beyond_host);
    tcase_add_test(other, test_xinclude_not_expanded);
    tcase_add_test(other, test_deep_metadata);
    tcase_add_test(other, test_hostile_files);
    tcase_set_timeout(other, 60);
    suite_add_tcase(s, calls);
    suite_add_tcase(s, other);
    return testRunSuite(s);
}
