/*
 * apicompare.c: one program, two libraries.  Written for libvirt and
 * built unchanged against virtkit (its libvirt/ include directory) and
 * against libvirt, it drives test:///default through
 * the same calls and prints what each call answers; the two outputs must
 * be identical (tests/compattest.sh diffs them).  Only facts both test
 * drivers model are printed: never CPU times, and not the few answers in
 * which virtkit deliberately differs (README, "Differences from libvirt"):
 * virtkit's test driver can start a defined domain paused, and refuses to
 * undefine a transient domain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void
quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static void
say(const char *what, int rc)
{
    if (rc < 0)
        printf("%s: error %d\n", what, virGetLastErrorCode());
    else
        printf("%s: %d\n", what, rc);
}

static void
state(virDomainPtr dom)
{
    int s = -1, r = -1;

    say("getstate", virDomainGetState(dom, &s, &r, 0));
    printf("  state %d reason %d active %d persistent %d\n", s, r,
           virDomainIsActive(dom), virDomainIsPersistent(dom));
}

static void
info(virDomainPtr dom)
{
    virDomainInfo i;

    say("getinfo", virDomainGetInfo(dom, &i));
    printf("  state %d maxMem %lu memory %lu vcpus %u\n", i.state, i.maxMem, i.memory,
           i.nrVirtCpu);
}

/* The XML with the generated UUID taken out. */
static void
xml(virDomainPtr dom, unsigned int flags)
{
    char *x = virDomainGetXMLDesc(dom, flags);
    char *u;

    if (!x) {
        printf("xml: error %d\n", virGetLastErrorCode());
        return;
    }
    if ((u = strstr(x, "<uuid>")))
        memset(u + 6, 'x', 36);
    printf("%s", x);
    free(x);
}

static int
byName(const void *a, const void *b)
{
    return strcmp(virDomainGetName(*(virDomainPtr const *)a),
                  virDomainGetName(*(virDomainPtr const *)b));
}

/* In name order: neither library promises an order. */
static void
listing(virConnectPtr conn, unsigned int flags)
{
    virDomainPtr *doms = NULL;
    int i, n = virConnectListAllDomains(conn, &doms, flags);

    printf("list 0x%x:", flags);
    if (n > 0)
        qsort(doms, n, sizeof(*doms), byName);
    for (i = 0; i < n; i++) {
        printf(" %s", virDomainGetName(doms[i]));
        virDomainFree(doms[i]);
    }
    printf(" (%d)\n", n);
    free(doms);
}

static void
pins(virDomainPtr dom, unsigned int flags)
{
    unsigned char maps[2 * 2];
    int i, n = virDomainGetVcpuPinInfo(dom, 2, maps, 2, flags);

    say("pininfo", n);
    for (i = 0; i < n; i++)
        printf("  vcpu %d: %02x %02x\n", i, maps[i * 2], maps[i * 2 + 1]);
}

static void
node(virConnectPtr conn)
{
    virNodeInfo ni;
    virSecurityModel sm;
    unsigned long ver = 0;

    say("nodeinfo", virNodeGetInfo(conn, &ni));
    printf("  %s %lu %u %u %u %u %u %u\n", ni.model, ni.memory, ni.cpus, ni.mhz, ni.nodes,
           ni.sockets, ni.cores, ni.threads);
    say("secmodel", virNodeGetSecurityModel(conn, &sm));
    printf("  '%s' '%s'\n", sm.model, sm.doi);
    say("hvversion", virConnectGetVersion(conn, &ver));
    printf("  %lu %s\n", ver, virConnectGetType(conn));
    say("maxvcpus", virConnectGetMaxVcpus(conn, NULL));
    say("alive", virConnectIsAlive(conn));
    say("numofdomains", virConnectNumOfDomains(conn));
    say("numofdefined", virConnectNumOfDefinedDomains(conn));
}

static void
tunables(virDomainPtr dom)
{
    virTypedParameter p[8];
    int n = 0, i;
    char *type = virDomainGetSchedulerType(dom, &n);

    printf("scheduler %s %d\n", type ? type : "?", n);
    free(type);
    say("schedparams", virDomainGetSchedulerParameters(dom, p, &n));
    printf("  %s %u\n", p[0].field, p[0].value.ui);
    n = 0;
    say("memparams count", virDomainGetMemoryParameters(dom, NULL, &n, 0));
    say("memparams", virDomainGetMemoryParameters(dom, p, &n, 0));
    for (i = 0; i < n; i++)
        printf("  %s %llu\n", p[i].field, p[i].value.ul);
}

/* Keys: only the Linux code set, the one both test drivers check (virtkit's
 * refuses the others, libvirt's takes them). */
static void
keys(virDomainPtr dom)
{
    unsigned int sysrq[] = { 56, 99, 48 };      /* Alt+SysRq+B */
    unsigned int bad[] = { 30, 767 };           /* KEY_A, KEY_MAX */
    unsigned int many[17] = { 0 };

    say("sendkey", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 10, sysrq, 3, 0));
    say("sendkey bad key", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, bad, 2, 0));
    say("sendkey bad codeset", virDomainSendKey(dom, 99, 0, sysrq, 3, 0));
    say("sendkey no keys", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, sysrq, 0, 0));
    say("sendkey too many", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, many, 17, 0));
    say("sendkey NULL", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, NULL, 1, 0));
    say("sendkey flags", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, sysrq, 3, 1));
}

/* Renames of shut off @dom (dom-0): the handle's own name is not printed,
 * libvirt's local drivers leave it old (only its remote client renames
 * it), virtkit's library renames it. */
static void
renames(virConnectPtr conn, virDomainPtr dom)
{
    virDomainPtr running = virDomainLookupByName(conn, "test");
    virDomainPtr found;

    say("rename", virDomainRename(dom, "dom-1", 0));
    say("lookup old name", (found = virDomainLookupByName(conn, "dom-0")) ? 0 : -1);
    if (found)
        virDomainFree(found);
    found = virDomainLookupByName(conn, "dom-1");
    say("lookup new name", found ? 0 : -1);
    if (found)
        virDomainFree(found);
    say("rename to itself", virDomainRename(dom, "dom-1", 0));
    say("rename to a used name", virDomainRename(dom, "test", 0));
    say("rename with a slash", virDomainRename(dom, "a/b", 0));
    say("rename flags", virDomainRename(dom, "dom-2", 1));
    say("rename NULL", virDomainRename(dom, NULL, 0));
    say("rename empty", virDomainRename(dom, "", 0));
    say("rename running", virDomainRename(running, "dom-2", 0));
    virDomainFree(running);
}

static void
lifecycle(virConnectPtr conn)
{
    virDomainPtr dom = virDomainDefineXML(conn,
        "<domain type='test'><name>dom-0</name><memory unit='MiB'>64</memory>"
        "<vcpu>2</vcpu><os><type>hvm</type></os></domain>");
    unsigned char map[2] = { 0x08, 0x00 };
    int autostart = -1;

    state(dom);
    info(dom);
    xml(dom, VIR_DOMAIN_XML_INACTIVE);
    say("start", virDomainCreate(dom));
    state(dom);
    printf("  id %d\n", (int)virDomainGetID(dom));
    say("suspend", virDomainSuspend(dom));
    state(dom);
    say("resume", virDomainResume(dom));
    state(dom);
    say("pin vcpu 0", virDomainPinVcpu(dom, 0, map, 2));
    pins(dom, VIR_DOMAIN_AFFECT_LIVE);
    say("setmem", virDomainSetMemory(dom, 32768));
    info(dom);
    say("setautostart", virDomainSetAutostart(dom, 1));
    say("getautostart", virDomainGetAutostart(dom, &autostart));
    printf("  %d\n", autostart);
    listing(conn, 0);
    listing(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE);
    listing(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    say("shutdown", virDomainShutdown(dom));
    state(dom);
    pins(dom, VIR_DOMAIN_AFFECT_CONFIG);
    say("start", virDomainCreate(dom));
    state(dom);
    say("destroy", virDomainDestroy(dom));
    state(dom);
    keys(dom);
    renames(conn, dom);
    say("undefine", virDomainUndefine(dom));
    say("getstate after undefine", virDomainGetState(dom, &autostart, NULL, 0));
    virDomainFree(dom);
}

static void
transient(virConnectPtr conn)
{
    virDomainPtr dom = virDomainCreateXML(conn,
        "<domain type='test'><name>tmp</name><memory>65536</memory>"
        "<os><type>hvm</type></os></domain>", 0);

    state(dom);
    say("destroy", virDomainDestroy(dom));
    say("lookup after destroy", virDomainLookupByName(conn, "tmp") ? 0 : -1);
    virDomainFree(dom);
}

static void
errors(virConnectPtr conn)
{
    say("lookup name", virDomainLookupByName(conn, "nosuch") ? 0 : -1);
    say("lookup id", virDomainLookupByID(conn, 99) ? 0 : -1);
    say("lookup uuid", virDomainLookupByUUIDString(conn, "bogus") ? 0 : -1);
    say("define malformed", virDomainDefineXML(conn, "<domain") ? 0 : -1);
    say("define no memory", virDomainDefineXML(conn,
        "<domain type='test'><name>x</name><os><type>hvm</type></os></domain>") ? 0 : -1);
    say("define duplicate", virDomainDefineXML(conn,
        "<domain type='test'><name>test</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>") ? 0 : -1);
    say("info NULL", virDomainGetInfo(NULL, NULL));
    say("numofdomains NULL", virConnectNumOfDomains(NULL));
}

/* Whether the XML (@flags) has the balloon's <stats period='@period'/>. */
static void
hasPeriod(virDomainPtr dom, unsigned int flags, int period)
{
    char *x = virDomainGetXMLDesc(dom, flags);
    char want[64];

    snprintf(want, sizeof(want), "<stats period='%d'/>", period);
    printf("  xml 0x%x has %s: %d\n", flags, want, x && strstr(x, want) ? 1 : 0);
    free(x);
}

/* virDomainSetMemoryStatsPeriod: the running domain's balloon, its
 * configuration's, 0, and the refusals (a domain without a balloon) */
static void
statsPeriod(virConnectPtr conn, virConnectPtr ro, virDomainPtr dom)
{
    virDomainPtr bare = virDomainDefineXML(conn,
        "<domain type='test'><name>bare</name><memory>65536</memory>"
        "<os><type>hvm</type></os></domain>");
    virDomainPtr rodom = virDomainLookupByName(ro, "test");

    say("period 5", virDomainSetMemoryStatsPeriod(dom, 5, 0));
    xml(dom, 0);
    say("period 7 config", virDomainSetMemoryStatsPeriod(dom, 7, VIR_DOMAIN_AFFECT_CONFIG));
    hasPeriod(dom, VIR_DOMAIN_XML_INACTIVE, 7);
    hasPeriod(dom, 0, 5);
    say("period 0 live", virDomainSetMemoryStatsPeriod(dom, 0, VIR_DOMAIN_AFFECT_LIVE));
    hasPeriod(dom, 0, 0);
    hasPeriod(dom, 0, 5);
    say("period -1", virDomainSetMemoryStatsPeriod(dom, -1, 0));
    say("period live+config", virDomainSetMemoryStatsPeriod(dom, 1, VIR_DOMAIN_AFFECT_LIVE |
                                                                    VIR_DOMAIN_AFFECT_CONFIG));
    say("period flags", virDomainSetMemoryStatsPeriod(dom, 1, 4));
    say("period readonly", virDomainSetMemoryStatsPeriod(rodom, 1, 0));
    say("period no balloon", virDomainSetMemoryStatsPeriod(bare, 1, 0));
    say("period live of inactive", virDomainSetMemoryStatsPeriod(bare, 1, VIR_DOMAIN_AFFECT_LIVE));
    say("undefine bare", virDomainUndefine(bare));
    virDomainFree(bare);
    virDomainFree(rodom);
}

int
main(void)
{
    virConnectPtr conn, ro;
    virDomainPtr test, rotest;

    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");
    ro = virConnectOpenReadOnly("test:///default");
    node(conn);
    test = virDomainLookupByName(conn, "test");
    printf("test id %d name %s\n", (int)virDomainGetID(test), virDomainGetName(test));
    state(test);
    info(test);
    xml(test, 0);
    tunables(test);
    keys(test);
    statsPeriod(conn, ro, test);
    lifecycle(conn);
    transient(conn);
    errors(conn);
    say("readonly define", virDomainDefineXML(ro, "<domain/>") ? 0 : -1);
    rotest = virDomainLookupByName(ro, "test");
    say("readonly sendkey", virDomainSendKey(rotest, VIR_KEYCODE_SET_LINUX, 0, NULL, 1, 0));
    say("readonly rename", virDomainRename(rotest, "x", 0));
    virDomainFree(rotest);
    virDomainFree(test);
    say("close ro", virConnectClose(ro));
    say("close", virConnectClose(conn));
    return 0;
}
