/*
 * wirecompare.c: one program, two libraries, and the wire between
 *
 * Built against libvirt (-lvirt) it talks to virtkitd through libvirt's
 * own remote driver (URI test+unix:///...?socket=S); built against
 * virtkit (-DUSE_VIRTKIT, -lvirtkit) it drives the same driver in its
 * own process (test:///...).  It calls every public function whose
 * procedure virtkitd serves and prints what each answers, errors with
 * their code, domain and message: tests/daemon/compat-wire.sh diffs the
 * two outputs.  CPU times and the library's own version are left out:
 * they cannot be the same twice, or are not the daemon's.
 *
 * Usage: wirecompare URI
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef USE_VIRTKIT
# include <virt/virt.h>
#else
# include <libvirt/libvirt.h>
# include <libvirt/virterror.h>
#endif

static void
quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

/* A call's result, or its error as the caller sees it. */
static void
say(const char *what, int rc)
{
    virErrorPtr err = virGetLastError();

    if (rc < 0 && err)
        printf("%s: error %d/%d: %s\n", what, err->code, err->domain, err->message);
    else
        printf("%s: %d\n", what, rc);
}

static void
sayPtr(const char *what, const void *ptr)
{
    say(what, ptr ? 0 : -1);
}

/* A call that returns a new domain handle, let go of at once. */
static void
sayDom(const char *what, virDomainPtr dom)
{
    say(what, dom ? 0 : -1);
    if (dom)
        virDomainFree(dom);
}

static void
node(virConnectPtr conn)
{
    virNodeInfo ni;
    virSecurityModel sm;
    unsigned long ver = 0;
    unsigned long long cells[4] = { 0 };
    unsigned char *map = NULL;
    unsigned int online = 0;
    int ncpus;
    virNodeMemoryStats stats[4];
    int n = 4, i;
    char *s;

    say("nodeinfo", virNodeGetInfo(conn, &ni));
    printf("  %s %lu %u %u %u %u %u %u\n", ni.model, ni.memory, ni.cpus, ni.mhz, ni.nodes,
           ni.sockets, ni.cores, ni.threads);
    say("secmodel", virNodeGetSecurityModel(conn, &sm));
    printf("  '%s' '%s'\n", sm.model, sm.doi);
    say("version", virConnectGetVersion(conn, &ver));
    printf("  %lu %s\n", ver, virConnectGetType(conn));
    say("libversion", virConnectGetLibVersion(conn, &ver));
    printf("  %lu\n", ver);
    say("maxvcpus", virConnectGetMaxVcpus(conn, NULL));
    say("secure", virConnectIsSecure(conn));
    /* as many bytes as the host has CPUs: one for a node of 8 */
    ncpus = virNodeGetCPUMap(conn, &map, &online, 0);
    say("cpumap", ncpus);
    for (i = 0; i < (ncpus + 7) / 8; i++)
        printf("  %02x", map[i]);
    printf(" online %u\n", online);
    free(map);
    say("cells", virNodeGetCellsFreeMemory(conn, cells, 0, 4));
    printf("  %llu %llu free %llu\n", cells[0], cells[1], virNodeGetFreeMemory(conn));
    say("memstats", virNodeGetMemoryStats(conn, -1, stats, &n, 0));
    for (i = 0; i < n; i++)
        printf("  %s %llu\n", stats[i].field, stats[i].value);
    s = virConnectGetCapabilities(conn);
    printf("capabilities: %zu bytes, %s\n", s ? strlen(s) : 0,
           s && strstr(s, "<host>") ? "host" : "?");
    free(s);
    s = virConnectGetHostname(conn);
    sayPtr("hostname", s);
    free(s);
    say("numofdomains", virConnectNumOfDomains(conn));
    say("numofdefined", virConnectNumOfDefinedDomains(conn));
}

static void
params(const char *what, virTypedParameterPtr p, int n)
{
    int i;

    printf("%s (%d):", what, n);
    for (i = 0; i < n; i++) {
        if (p[i].type == VIR_TYPED_PARAM_STRING)
            printf(" %s='%s'", p[i].field, p[i].value.s);
        else if (p[i].type == VIR_TYPED_PARAM_UINT)
            printf(" %s=%u", p[i].field, p[i].value.ui);
        else if (p[i].type == VIR_TYPED_PARAM_ULLONG)
            printf(" %s=%llu", p[i].field, p[i].value.ul);
        else
            printf(" %s=?/%d", p[i].field, p[i].type);
    }
    printf("\n");
    virTypedParamsClear(p, n);
}

static void
nodeParams(virConnectPtr conn)
{
    virTypedParameter p[16];
    int n = 0;

    say("node memparams count", virNodeGetMemoryParameters(conn, NULL, &n, 0));
    say("node memparams", virNodeGetMemoryParameters(conn, p, &n, 0));
    params("node mem", p, n);
    p[0].value.ui = 300;
    say("node set memparams", virNodeSetMemoryParameters(conn, p, 1, 0));
    say("node memparams", virNodeGetMemoryParameters(conn, p, &n, 0));
    params("node mem", p, n);
}

static int
byName(const void *a, const void *b)
{
    return strcmp(virDomainGetName(*(virDomainPtr const *)a),
                  virDomainGetName(*(virDomainPtr const *)b));
}

static void
listing(virConnectPtr conn, unsigned int flags)
{
    virDomainPtr *doms = NULL;
    int i, n = virConnectListAllDomains(conn, &doms, flags);
    int ids[16];
    char *names[16];

    printf("list 0x%x:", flags);
    if (n > 0)
        qsort(doms, n, sizeof(*doms), byName);
    for (i = 0; i < n; i++) {
        printf(" %s/%d", virDomainGetName(doms[i]), (int)virDomainGetID(doms[i]));
        virDomainFree(doms[i]);
    }
    printf(" (%d)\n", n);
    free(doms);
    n = virConnectListDomains(conn, ids, 16);
    printf("ids (%d):", n);
    for (i = 0; i < n; i++)
        printf(" %d", ids[i]);
    n = virConnectListDefinedDomains(conn, names, 16);
    printf("\ndefined (%d):", n);
    for (i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void
describe(virDomainPtr dom)
{
    virDomainInfo info;
    virSecurityLabel label;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *s, **msgs = NULL;
    int st = -1, reason = -1, autostart = -1, i, n;

    virDomainGetUUIDString(dom, uuid);
    printf("domain %s id %d uuid %s\n", virDomainGetName(dom), (int)virDomainGetID(dom), uuid);
    say("getstate", virDomainGetState(dom, &st, &reason, 0));
    printf("  %d %d active %d persistent %d updated %d\n", st, reason, virDomainIsActive(dom),
           virDomainIsPersistent(dom), virDomainIsUpdated(dom));
    say("getinfo", virDomainGetInfo(dom, &info));
    printf("  state %d maxMem %lu memory %lu vcpus %u\n", info.state, info.maxMem, info.memory,
           info.nrVirtCpu);
    printf("  maxmem %lu\n", virDomainGetMaxMemory(dom));
    s = virDomainGetOSType(dom);
    printf("ostype: %s\n", s ? s : "?");
    free(s);
    say("autostart", virDomainGetAutostart(dom, &autostart));
    printf("  %d\n", autostart);
    say("managedsave", virDomainHasManagedSaveImage(dom, 0));
    say("maxvcpus", virDomainGetMaxVcpus(dom));
    say("vcpus config", virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_CONFIG));
    say("seclabel", virDomainGetSecurityLabel(dom, &label));
    printf("  '%s' %d\n", label.label, label.enforcing);
    n = virDomainGetMessages(dom, &msgs, 0);
    say("messages", n);
    for (i = 0; i < n; i++) {
        printf("  %s\n", msgs[i]);
        free(msgs[i]);
    }
    free(msgs);
    s = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);
    printf("xml: %zu bytes\n", s ? strlen(s) : 0);
    free(s);
}

static void
vcpus(virDomainPtr dom)
{
    virVcpuInfo info[4];
    unsigned char maps[4 * 2] = { 0 };
    unsigned char pin[2] = { 0x0a, 0x00 };
    int i, n;

    n = virDomainGetVcpus(dom, info, 4, maps, 2);
    say("getvcpus", n);
    for (i = 0; i < n; i++)
        printf("  vcpu %u state %d map %02x %02x\n", info[i].number, info[i].state,
               maps[i * 2], maps[i * 2 + 1]);
    say("pin", virDomainPinVcpu(dom, 0, pin, 2));
    say("pin flags config", virDomainPinVcpuFlags(dom, 1, pin, 2, VIR_DOMAIN_AFFECT_CONFIG));
    n = virDomainGetVcpuPinInfo(dom, 4, maps, 2, VIR_DOMAIN_AFFECT_CONFIG);
    say("pininfo config", n);
    for (i = 0; i < n; i++)
        printf("  vcpu %d: %02x %02x\n", i, maps[i * 2], maps[i * 2 + 1]);
    say("pin out of range", virDomainPinVcpu(dom, 9, pin, 2));
    say("setvcpus", virDomainSetVcpus(dom, 1));
    say("setvcpus config", virDomainSetVcpusFlags(dom, 1, VIR_DOMAIN_AFFECT_CONFIG));
    say("vcpus live", virDomainGetVcpusFlags(dom, VIR_DOMAIN_AFFECT_LIVE));
}

static void
tunables(virDomainPtr dom)
{
    virTypedParameter p[16];
    int n = 0;
    char *type = virDomainGetSchedulerType(dom, &n);

    printf("scheduler %s %d\n", type ? type : "?", n);
    free(type);
    say("schedparams", virDomainGetSchedulerParameters(dom, p, &n));
    params("sched", p, n);
    p[0].value.ui = 77;
    say("set sched", virDomainSetSchedulerParameters(dom, p, 1));
    say("set sched flags",
        virDomainSetSchedulerParametersFlags(dom, p, 1, VIR_DOMAIN_AFFECT_CONFIG));
    n = 16;
    say("schedparams config", virDomainGetSchedulerParametersFlags(dom, p, &n,
                                                                   VIR_DOMAIN_AFFECT_CONFIG));
    params("sched config", p, n);
    n = 0;
    say("memparams count", virDomainGetMemoryParameters(dom, NULL, &n, 0));
    say("memparams", virDomainGetMemoryParameters(dom, p, &n, 0));
    params("mem", p, n);
    p[0].value.ul = 1048576;
    say("set memparams", virDomainSetMemoryParameters(dom, p, 1, 0));
    n = 0;
    say("blkio count", virDomainGetBlkioParameters(dom, NULL, &n, 0));
    say("blkio", virDomainGetBlkioParameters(dom, p, &n, 0));
    params("blkio", p, n);
    p[0].value.ui = 500;
    say("set blkio", virDomainSetBlkioParameters(dom, p, 1, 0));
    say("cpustats count", virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0));
    say("cpustats percpu count", virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0));
}

static void
memory(virDomainPtr dom)
{
    virDomainInfo info;

    say("setmem", virDomainSetMemory(dom, 65536));
    say("setmem flags", virDomainSetMemoryFlags(dom, 32768, VIR_DOMAIN_AFFECT_LIVE));
    say("setmaxmem", virDomainSetMaxMemory(dom, 131072));
    say("setmem too much", virDomainSetMemory(dom, 1UL << 40));
    virDomainGetInfo(dom, &info);
    printf("  maxMem %lu memory %lu\n", info.maxMem, info.memory);
}

/* Keys that reach the driver (SEND_KEY): the client library's own checks
 * are its own, and speak its own words. */
static void
keys(virDomainPtr dom)
{
    unsigned int sysrq[] = { 56, 99, 48 };      /* Alt+SysRq+B */
    unsigned int bad[] = { 30, 767 };           /* KEY_A, KEY_MAX */

    say("sendkey", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 10, sysrq, 3, 0));
    say("sendkey bad key", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, bad, 2, 0));
    say("sendkey usb", virDomainSendKey(dom, VIR_KEYCODE_SET_USB, 0, sysrq, 3, 0));
    say("sendkey flags", virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, sysrq, 3, 1));
}

static const char newDomain[] =
    "<domain type='test'><name>wire</name><uuid>0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9</uuid>"
    "<memory unit='MiB'>64</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>";

static void
lifecycle(virConnectPtr conn)
{
    virDomainPtr dom = virDomainDefineXML(conn, newDomain);
    virDomainPtr again;
    int st, reason;

    sayPtr("define", dom);
    describe(dom);
    say("start", virDomainCreate(dom));
    again = virDomainLookupByName(conn, "wire");
    describe(again);
    say("suspend", virDomainSuspend(dom));
    say("suspend again", virDomainSuspend(dom));
    say("resume", virDomainResume(dom));
    vcpus(again);
    memory(again);
    tunables(again);
    keys(again);
    say("set autostart", virDomainSetAutostart(dom, 1));
    say("reboot", virDomainReboot(dom, 0));
    say("reset", virDomainReset(dom, 0));
    say("shutdown", virDomainShutdown(dom));
    describe(again);
    say("start paused", virDomainCreateWithFlags(dom, VIR_DOMAIN_START_PAUSED));
    say("destroy flags", virDomainDestroyFlags(dom, 0));
    keys(dom);
    say("start", virDomainCreate(dom));
    say("shutdown flags", virDomainShutdownFlags(dom, 0));
    say("managed save", virDomainManagedSave(dom, 0));
    say("managed save remove", virDomainManagedSaveRemove(dom, 0));
    say("save", virDomainSave(dom, "/nonexistent/saved"));
    say("restore", virDomainRestore(conn, "/nonexistent/saved"));
    listing(conn, 0);
    listing(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_AUTOSTART);
    say("undefine flags", virDomainUndefineFlags(dom, 0));
    say("getstate after undefine", virDomainGetState(dom, &st, &reason, 0));
    virDomainFree(again);
    virDomainFree(dom);
    dom = virDomainDefineXMLFlags(conn, newDomain, VIR_DOMAIN_DEFINE_VALIDATE);
    sayPtr("define validated", dom);
    say("undefine", virDomainUndefine(dom));
    virDomainFree(dom);
    dom = virDomainCreateXML(conn, newDomain, 0);
    sayPtr("create transient", dom);
    describe(dom);
    say("destroy", virDomainDestroy(dom));
    virDomainFree(dom);
}

static void
errors(virConnectPtr conn)
{
    virDomainPtr dom;
    int st, reason;

    sayDom("lookup name", virDomainLookupByName(conn, "nosuch"));
    sayDom("lookup id", virDomainLookupByID(conn, 99));
    sayDom("lookup uuid",
           virDomainLookupByUUIDString(conn, "00000000-1111-2222-3333-444444444444"));
    sayDom("define malformed", virDomainDefineXML(conn, "<domain"));
    sayDom("define no memory", virDomainDefineXML(conn,
        "<domain type='test'><name>x</name><os><type>hvm</type></os></domain>"));
    sayDom("define bad flags", virDomainDefineXMLFlags(conn, newDomain, 1 << 20));
    sayDom("create duplicate", virDomainCreateXML(conn,
        "<domain type='test'><name>test</name><memory>1024</memory>"
        "<os><type>hvm</type></os></domain>", 0));
    if ((dom = virDomainLookupByName(conn, "test"))) {
        say("destroy bad flags", virDomainDestroyFlags(dom, 1 << 10));
        say("start running", virDomainCreate(dom));
        say("get state bad flags", virDomainGetState(dom, &st, &reason, 1));
        virDomainFree(dom);
    }
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;
    virDomainPtr *doms = NULL;
    int i, n;

    if (argc != 2) {
        fprintf(stderr, "usage: %s URI\n", argv[0]);
        return 2;
    }
    virSetErrorFunc(NULL, quiet);
    if (!(conn = virConnectOpen(argv[1]))) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], virGetLastErrorMessage());
        return 1;
    }
    node(conn);
    nodeParams(conn);
    listing(conn, 0);
    n = virConnectListAllDomains(conn, &doms, 0);
    if (n > 0)
        qsort(doms, n, sizeof(*doms), byName);
    for (i = 0; i < n; i++) {
        describe(doms[i]);
        virDomainFree(doms[i]);
    }
    free(doms);
    lifecycle(conn);
    errors(conn);
    say("close", virConnectClose(conn));
    return 0;
}
