/*
 * xen_driver_test.c: the Xen driver through the public API, on a fake
 * hypervisor (make check; no Xen needed)
 *
 * The library is linked statically so that the fake (xen_fake.c) can be
 * put behind the xenOps seam; everything else is the code a dom0 runs.
 * What is checked: what the driver hands the binding (the guest built
 * from the XML), ids and states as the hypervisor has them, Domain-0 and
 * foreign domains listed, node facts from physinfo, and the binding's
 * refusals reaching the caller unchanged.  The same driver against the
 * real hypervisor: xen_driver_dom0_test (make check-xen).
 */
#include <config.h>

#include <check.h>
#include <glib/gstdio.h>

#include <virt/virt.h>

#include "xen_fake.h"
#include "driver.h"
#include "xen_private.h"

static char *root;
static virConnectPtr conn;

static char *
readData(const char *name)
{
    g_autofree char *path = g_build_filename(ABS_SRCDIR, "tests", "data", "xen", "driver", name, NULL);
    char *xml = NULL;

    ck_assert_msg(g_file_get_contents(path, &xml, NULL, NULL), "cannot read %s", path);
    return xml;
}

static void
lastErrorIs(int code, const char *text)
{
    virErrorPtr err = virGetLastError();

    ck_assert_ptr_nonnull(err);
    ck_assert_int_eq(err->code, code);
    ck_assert_msg(strstr(err->message, text), "'%s' lacks '%s'", err->message, text);
}

static void
setup(void)
{
    g_autofree char *uri = NULL;

    xenFakeReset();
    xenDriverSetOps(&xenFakeOps);
    /* the driver is linked in here, not loaded as the module */
    virDriverRegisterModule("xen", &xenHypervisorDriver);
    root = g_dir_make_tmp("xendrv-XXXXXX", NULL);
    uri = g_strdup_printf("xen:///embed?root=%s", root);
    ck_assert_ptr_nonnull(conn = virConnectOpen(uri));
}

static void
teardown(void)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", root);

    if (conn)
        virConnectClose(conn);
    conn = NULL;
    ck_assert_int_eq(system(cmd), 0);
    g_clear_pointer(&root, g_free);
}

static virDomainPtr
definePV(void)
{
    g_autofree char *xml = readData("pv.xml");
    virDomainPtr dom = virDomainDefineXML(conn, xml);

    ck_assert_msg(dom != NULL, "define: %s", virGetLastErrorMessage());
    return dom;
}

START_TEST(test_open_refused)
{
    virConnectPtr c;

    xenFake.refuseOpen = true;
    c = virConnectOpen("xen:///embed?root=/nonexistent-xen-root");
    ck_assert_ptr_null(c);
    lastErrorIs(VIR_ERR_NO_CONNECT, "this host is not a Xen dom0");
}
END_TEST

START_TEST(test_domain0_listed)
{
    virDomainPtr dom0 = virDomainLookupByID(conn, 0);
    virDomainInfo info;
    int ids[8];

    ck_assert_ptr_nonnull(dom0);
    ck_assert_str_eq(virDomainGetName(dom0), "Domain-0");
    ck_assert_int_eq(virDomainGetInfo(dom0, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_uint_eq(info.memory, 1048576);
    ck_assert_int_eq(info.nrVirtCpu, 2);
    ck_assert_int_eq(virDomainIsPersistent(dom0), 0);
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_int_eq(virConnectListDomains(conn, ids, 8), 1);
    ck_assert_int_eq(ids[0], 0);
    /* Domain-0 is not ours to stop */
    ck_assert_int_eq(virDomainDestroy(dom0), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "cannot destroy Domain-0");
    ck_assert_int_eq(virDomainIsActive(dom0), 1);
    virDomainFree(dom0);
}
END_TEST

/* one getinfolist batch at open, none per domain for a listing */
START_TEST(test_foreign_listed)
{
    virConnectPtr c;
    virDomainPtr *doms = NULL;
    virDomainPtr dom;
    g_autofree char *uri = g_strdup_printf("xen:///embed?root=%s/other", root);
    unsigned int id = xenFakeAddForeign("made-by-xl", 65536);
    unsigned int infos;
    int n, i;

    /* a new root: a new state, which finds it */
    ck_assert_ptr_nonnull(c = virConnectOpen(uri));
    ck_assert_uint_eq(xenFake.listCalls, 2);
    infos = xenFake.infoCalls;
    n = virConnectListAllDomains(c, &doms, 0);
    ck_assert_int_eq(n, 2);
    ck_assert_uint_eq(xenFake.infoCalls, infos);
    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    g_free(doms);
    ck_assert_ptr_nonnull(dom = virDomainLookupByName(c, "made-by-xl"));
    ck_assert_int_eq(virDomainGetID(dom), id);
    virDomainFree(dom);
    virConnectClose(c);
}
END_TEST

START_TEST(test_nodeinfo)
{
    virNodeInfo info;

    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    ck_assert_str_eq(info.model, "x86_64");
    ck_assert_uint_eq(info.memory, 4194304);
    ck_assert_uint_eq(info.cpus, 2);
    ck_assert_uint_eq(info.mhz, 2096);
    ck_assert_uint_eq(info.nodes, 1);
    ck_assert_uint_eq(info.sockets, 1);
    ck_assert_uint_eq(info.cores, 2);
    ck_assert_uint_eq(info.threads, 1);
    ck_assert_uint_eq(virNodeGetFreeMemory(conn), 2097152ULL * 1024);
    ck_assert_int_eq(virConnectGetMaxVcpus(conn, "xen"), 128);
    ck_assert_int_eq(virConnectGetMaxVcpus(conn, "kvm"), -1);
    lastErrorIs(VIR_ERR_INVALID_ARG, "unknown domain type 'kvm' for the xen driver");
}
END_TEST

/* what the binding is asked to build */
START_TEST(test_start_pv)
{
    virDomainPtr dom = definePV();
    xenFakeDomain *d;
    virDomainInfo info;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_ptr_nonnull(d = xenFakeFind("vk-pv"));
    ck_assert_int_eq(virDomainGetID(dom), (int)d->info.id);
    ck_assert_int_eq(d->type, XEN_DOMAIN_TYPE_PV);
    ck_assert_str_eq(d->kernel, "/guest/vmlinux");
    ck_assert_uint_eq(d->info.memoryKiB, 131072);
    ck_assert_uint_eq(d->info.onlineVcpus, 1);
    ck_assert_uint_eq(d->info.maxVcpus, 2);
    ck_assert_uint_eq(d->ndisks, 1);
    ck_assert_str_eq(d->diskTarget, "xvda");
    ck_assert_str_eq(d->bridge, "xenbr0");
    ck_assert_int_eq(d->onPoweroff, XEN_ACTION_PRESERVE);
    ck_assert(!d->tscNative);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_RUNNING);
    ck_assert_uint_eq(info.maxMem, 262144);
    ck_assert_uint_eq(info.cpuTime, 1000000ULL * (d->info.id + 1));
    virDomainFree(dom);
}
END_TEST

START_TEST(test_start_pvh_paused)
{
    g_autofree char *xml = readData("pvh.xml");
    virDomainPtr dom = virDomainCreateXML(conn, xml, VIR_DOMAIN_START_PAUSED);
    xenFakeDomain *d;
    int state, reason;

    ck_assert_msg(dom != NULL, "create: %s", virGetLastErrorMessage());
    ck_assert_ptr_nonnull(d = xenFakeFind("vk-pvh"));
    ck_assert_int_eq(d->type, XEN_DOMAIN_TYPE_PVH);
    ck_assert(d->tscNative);
    ck_assert(d->info.paused);
    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
    ck_assert_int_eq(state, VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(virDomainResume(dom), 0);
    ck_assert(!d->info.paused);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert(d->info.paused);
    virDomainFree(dom);
}
END_TEST

START_TEST(test_start_refused)
{
    g_autofree char *net = readData("network.xml");
    g_autofree char *nokernel = readData("nokernel.xml");
    virDomainPtr dom;

    ck_assert_ptr_null(virDomainCreateXML(conn, net, 0));
    lastErrorIs(VIR_ERR_CONFIG_UNSUPPORTED,
                "Xen guest 'vk-net': interface type 'network' is not supported; use type 'bridge'");
    ck_assert_ptr_null(virDomainCreateXML(conn, nokernel, 0));
    lastErrorIs(VIR_ERR_INVALID_ARG, "Xen guest 'vk-nokernel': a pv guest needs a kernel");
    ck_assert_ptr_null(xenFakeFind("vk-nokernel"));
    /* the binding's refusal, as it said it */
    xenFakeAddForeign("vk-pv", 65536);
    dom = definePV();
    ck_assert_int_eq(virDomainCreate(dom), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "Xen guest 'vk-pv': cannot create it: domain 1 has that name already");
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    virDomainFree(dom);
}
END_TEST

/* what Xen says of each vcpu, with its map in libvirt's byte order */
static void
checkVcpus(virDomainPtr dom)
{
    virVcpuInfo info[4];
    unsigned char maps[8] = { 0 };  /* the refused call may clear 4 x 2 bytes */

    ck_assert_int_eq(virDomainGetVcpus(dom, info, 4, maps, 1), 2);
    ck_assert_int_eq(info[0].state, VIR_VCPU_RUNNING);
    ck_assert_int_eq(info[0].cpu, 0);
    ck_assert_uint_eq(info[1].cpuTime, 2000);
    ck_assert_int_eq(info[1].cpu, 1);
    ck_assert_uint_eq(maps[0], 0x2);
    ck_assert_uint_eq(maps[1], 0x3);
    ck_assert_int_eq(virDomainGetVcpus(dom, info, 4, maps, 2), -1);
    lastErrorIs(VIR_ERR_INVALID_ARG, "cpumap length 2 is out of range");
}

START_TEST(test_live_changes)
{
    virDomainPtr dom = definePV();
    unsigned char cpumap = 0x2;
    xenFakeDomain *d;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    d = xenFakeFind("vk-pv");
    ck_assert_int_eq(virDomainSetMemoryFlags(dom, 65536, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_uint_eq(d->targetKiB, 65536);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 2, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_uint_eq(d->info.onlineVcpus, 2);
    ck_assert_int_eq(virDomainSetVcpusFlags(dom, 3, VIR_DOMAIN_AFFECT_LIVE), -1);
    ck_assert_uint_eq(d->info.onlineVcpus, 2);
    ck_assert_int_eq(virDomainPinVcpuFlags(dom, 0, &cpumap, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_ptr_nonnull(d->pin0);
    ck_assert(!virBitmapIsBitSet(d->pin0, 0) && virBitmapIsBitSet(d->pin0, 1));
    checkVcpus(dom);
    virDomainFree(dom);
}
END_TEST

/* The bulk statistics: the state, the CPU time the hypervisor counts,
 * the balloon's target and maximum, and every vcpu the guest was built
 * with (offline ones too, as libvirt's libxl driver); the memory
 * statistics: the pages held and the cap. */
START_TEST(test_stats)
{
    virDomainPtr dom = definePV();
    virDomainPtr doms[2] = { dom, NULL };
    virDomainMemoryStatStruct mem[VIR_DOMAIN_MEMORY_STAT_NR];
    virDomainStatsRecordPtr *records = NULL;
    virTypedParameterPtr p;
    unsigned long long ull = 0;
    int n, value = -1;
    xenFakeDomain *d;

    /* shut off: what the definition says */
    ck_assert_int_eq(virDomainListGetStats(doms, 0, &records, 0), 1);
    p = records[0]->params;
    n = records[0]->nparams;
    ck_assert_int_eq(n, 6);
    ck_assert_int_eq(virTypedParamsGetInt(p, n, "state.state", &value), 1);
    ck_assert_int_eq(value, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(virTypedParamsGetULLong(p, n, "balloon.maximum", &ull), 1);
    ck_assert_uint_eq(ull, 262144);
    virDomainStatsRecordListFree(records);
    ck_assert_int_eq(virDomainMemoryStats(dom, mem, VIR_DOMAIN_MEMORY_STAT_NR, 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "is not running");

    ck_assert_int_eq(virDomainCreate(dom), 0);
    d = xenFakeFind("vk-pv");
    ck_assert_int_eq(virDomainListGetStats(doms, 0, &records, 0), 1);
    p = records[0]->params;
    n = records[0]->nparams;
    ck_assert_int_eq(virTypedParamsGetInt(p, n, "state.state", &value), 1);
    ck_assert_int_eq(value, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(virTypedParamsGetULLong(p, n, "cpu.time", &ull), 1);
    ck_assert_uint_eq(ull, 1000000ULL * (d->info.id + 1));
    ck_assert_int_eq(virTypedParamsGetULLong(p, n, "balloon.current", &ull), 1);
    ck_assert_uint_eq(ull, 131072);
    ck_assert_int_eq(virTypedParamsGetInt(p, n, "vcpu.0.state", &value), 1);
    ck_assert_int_eq(value, VIR_VCPU_RUNNING);
    ck_assert_int_eq(virTypedParamsGetULLong(p, n, "vcpu.0.time", &ull), 1);
    ck_assert_uint_eq(ull, 1000);
    ck_assert_int_eq(virTypedParamsGetInt(p, n, "vcpu.1.state", &value), 1);
    ck_assert_int_eq(value, VIR_VCPU_OFFLINE);
    ck_assert_int_eq(virTypedParamsGetULLong(p, n, "vcpu.1.time", &ull), 1);
    ck_assert_uint_eq(ull, 2000);
    ck_assert_ptr_null(virTypedParamsGet(p, n, "vcpu.2.state"));
    /* libvirt's order: the group's counts, then each vcpu's fields */
    ck_assert_str_eq(p[n - 6].field, "vcpu.current");
    ck_assert_str_eq(p[n - 1].field, "vcpu.1.time");
    virDomainStatsRecordListFree(records);

    /* xl paused it: the state follows, the vcpus are blocked */
    d->info.paused = true;
    d->info.running = false;
    ck_assert_int_eq(virDomainListGetStats(doms, VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_VCPU,
                                           &records, 0), 1);
    p = records[0]->params;
    n = records[0]->nparams;
    ck_assert_int_eq(virTypedParamsGetInt(p, n, "state.state", &value), 1);
    ck_assert_int_eq(value, VIR_DOMAIN_PAUSED);
    ck_assert_int_eq(virTypedParamsGetInt(p, n, "vcpu.0.state", &value), 1);
    ck_assert_int_eq(value, VIR_VCPU_BLOCKED);
    virDomainStatsRecordListFree(records);

    ck_assert_int_eq(virDomainMemoryStats(dom, mem, VIR_DOMAIN_MEMORY_STAT_NR, 0), 2);
    ck_assert_int_eq(mem[0].tag, VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON);
    ck_assert_uint_eq(mem[0].val, d->info.memoryKiB);
    ck_assert_int_eq(mem[1].tag, VIR_DOMAIN_MEMORY_STAT_AVAILABLE);
    ck_assert_uint_eq(mem[1].val, d->info.maxMemoryKiB);
    ck_assert_int_eq(virConnectGetAllDomainStats(conn, VIR_DOMAIN_STATS_BLOCK, &records,
                                                 VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS),
                     -1);
    lastErrorIs(VIR_ERR_ARGUMENT_UNSUPPORTED, "Stats types bits 0x20");
    virDomainFree(dom);
}
END_TEST

/* The fake's record of what was plugged into @name, one key a line. */
static char *
pluggedInto(const char *name)
{
    xenFakeDomain *d = xenFakeFind(name);
    GString *keys = g_string_new(NULL);
    guint i;

    for (i = 0; d->plugged && i < d->plugged->len; i++)
        g_string_append_printf(keys, "%s\n", (char *)g_ptr_array_index(d->plugged, i));
    return g_string_free(keys, FALSE);
}

static int
deviceCall(int (*call)(virDomainPtr, const char *, unsigned int), virDomainPtr dom,
           const char *file, unsigned int flags)
{
    g_autofree char *name = g_build_filename("devices", file, NULL);
    g_autofree char *xml = readData(name);

    return call(dom, xml, flags);
}

/* Disks and bridged interfaces are plugged into a running guest through
 * the binding, unplugged, replaced; what the binding refuses changes
 * nothing, and what Xen cannot plug is refused before it is asked. */
START_TEST(test_hotplug)
{
    virDomainPtr dom = definePV();
    g_autofree char *before = NULL, *after = NULL;
    char *keys;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(deviceCall(virDomainAttachDeviceFlags, dom, "disk-xvdb.xml",
                                VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(deviceCall(virDomainAttachDeviceFlags, dom, "nic.xml", 0), 0);
    ck_assert_str_eq((keys = pluggedInto("vk-pv")), "disk xvdb\nnic 00:16:3e:00:00:42\n");
    g_free(keys);
    /* a changed disk is unplugged and plugged again */
    ck_assert_msg(deviceCall(virDomainUpdateDeviceFlags, dom, "disk-xvdb-readonly.xml", 0) == 0,
                  "%s", virGetLastErrorMessage());
    ck_assert_str_eq((keys = pluggedInto("vk-pv")), "nic 00:16:3e:00:00:42\ndisk xvdb\n");
    g_free(keys);
    ck_assert_int_eq(deviceCall(virDomainDetachDeviceFlags, dom, "nic.xml", 0), 0);
    ck_assert_str_eq((keys = pluggedInto("vk-pv")), "disk xvdb\n");
    g_free(keys);

    before = virDomainGetXMLDesc(dom, 0);
    ck_assert_int_eq(deviceCall(virDomainAttachDeviceFlags, dom, "disk-refused.xml", 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_FAILED, "domain 1: cannot attach disk xvdc");
    ck_assert_int_eq(deviceCall(virDomainAttachDeviceFlags, dom, "nic-network.xml", 0), -1);
    lastErrorIs(VIR_ERR_CONFIG_UNSUPPORTED, "interface type 'network' is not supported");
    ck_assert_int_eq(deviceCall(virDomainAttachDeviceFlags, dom, "console.xml", 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_UNSUPPORTED, "live attach of device 'console' is not supported");
    after = virDomainGetXMLDesc(dom, 0);
    ck_assert_str_eq(after, before);
    ck_assert_str_eq((keys = pluggedInto("vk-pv")), "disk xvdb\n");
    g_free(keys);
    /* the configuration got the disk too, and keeps it for the next start */
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    g_free(after);
    after = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(after, "<target dev='xvdb' bus='xen'/>"));
    ck_assert_ptr_null(strstr(after, "00:16:3e:00:00:42"));
    virDomainFree(dom);
}
END_TEST

/* Save and restore through the binding: the guest goes to the file with
 * its definition, comes back in the state it was saved in (or as asked),
 * and a file without the driver's definition is refused. */
START_TEST(test_save_restore)
{
    virDomainPtr dom = definePV();
    g_autofree char *path = g_build_filename(root, "vk-pv.save", NULL);
    g_autofree char *bare = g_build_filename(root, "bare.save", NULL);
    g_autofree char *xml = NULL;
    int state, reason;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_int_eq(virDomainSuspend(dom), 0);
    ck_assert_msg(virDomainSave(dom, path) == 0, "save: %s", virGetLastErrorMessage());
    ck_assert_ptr_null(xenFakeFind("vk-pv"));
    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
    ck_assert_int_eq(state, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(reason, VIR_DOMAIN_SHUTOFF_SAVED);
    ck_assert_int_eq(virDomainGetID(dom), (unsigned int)-1);

    ck_assert_msg(virDomainRestore(conn, path) == 0, "restore: %s", virGetLastErrorMessage());
    ck_assert(xenFakeFind("vk-pv")->restored);
    ck_assert(xenFakeFind("vk-pv")->info.paused);
    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
    ck_assert_int_eq(state, VIR_DOMAIN_PAUSED);
    xml = virDomainGetXMLDesc(dom, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<source dev='/dev/loop1'/>"));
    ck_assert_int_eq(virDomainRestore(conn, path), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "domain 'vk-pv' is already running");

    /* asked to come back running */
    ck_assert_int_eq(virDomainSave(dom, path), 0);
    ck_assert_int_eq(virDomainRestoreFlags(conn, path, NULL, VIR_DOMAIN_SAVE_RUNNING), 0);
    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
    ck_assert_int_eq(state, VIR_DOMAIN_RUNNING);
    ck_assert_int_eq(reason, VIR_DOMAIN_RUNNING_RESTORED);
    ck_assert(!xenFakeFind("vk-pv")->info.paused);

    /* what the binding saved without the driver */
    ck_assert_int_eq(xenFakeOps.save(NULL, xenFakeFind("vk-pv")->info.id, bare, NULL), 0);
    ck_assert_int_eq(virDomainRestore(conn, bare), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "holds no domain definition");
    ck_assert_int_eq(virDomainRestore(conn, "/etc/hostname"), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "is not a Xen save file");
    virDomainFree(dom);
}
END_TEST

/* The console ring: read, then read and cleared; clearing needs a
 * read-write connection. */
START_TEST(test_hypervisor_log)
{
    g_autofree char *uri = g_strdup_printf("xen:///embed?root=%s", root);
    virConnectPtr ro = virConnectOpenReadOnly(uri);
    char *log;

    ck_assert_ptr_nonnull(ro);
    ck_assert_ptr_nonnull((log = virConnectGetHypervisorLog(ro, 0)));
    ck_assert_str_eq(log, "(XEN) Xen version 4.17 (fake)\n(XEN) Brought up 2 CPUs\n");
    free(log);
    ck_assert_ptr_null(virConnectGetHypervisorLog(ro, VIR_CONNECT_HYPERVISOR_LOG_CLEAR));
    lastErrorIs(VIR_ERR_OPERATION_DENIED, "virConnectGetHypervisorLog");
    ck_assert_ptr_nonnull((log = virConnectGetHypervisorLog(conn, VIR_CONNECT_HYPERVISOR_LOG_CLEAR)));
    free(log);
    ck_assert_ptr_nonnull((log = virConnectGetHypervisorLog(conn, 0)));
    ck_assert_str_eq(log, "");
    free(log);
    ck_assert_ptr_null(virConnectGetHypervisorLog(conn, 1U << 5));
    lastErrorIs(VIR_ERR_INVALID_ARG, "unsupported flags (0x20)");
    virConnectClose(ro);
}
END_TEST

START_TEST(test_schedinfo)
{
    virDomainPtr dom = definePV();
    virTypedParameter params[2];
    virTypedParameter set = { .field = "weight", .type = VIR_TYPED_PARAM_UINT, .value.ui = 512 };
    g_autofree char *type = NULL;
    int n = 2;

    ck_assert_ptr_null(virDomainGetSchedulerType(dom, &n));
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "not running");
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_ptr_nonnull(type = virDomainGetSchedulerType(dom, &n));
    ck_assert_str_eq(type, "credit");
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(virDomainSetSchedulerParametersFlags(dom, &set, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    ck_assert_uint_eq(xenFakeFind("vk-pv")->sched.weight, 512);
    ck_assert_int_eq(virDomainGetSchedulerParametersFlags(dom, params, &n, 0), 0);
    ck_assert_int_eq(n, 2);
    ck_assert_str_eq(params[0].field, "weight");
    ck_assert_uint_eq(params[0].value.ui, 512);
    ck_assert_str_eq(params[1].field, "cap");
    ck_assert_uint_eq(params[1].value.ui, 0);
    set.value.ui = 0;
    ck_assert_int_eq(virDomainSetSchedulerParametersFlags(dom, &set, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    lastErrorIs(VIR_ERR_INVALID_ARG, "cannot set scheduler weight 0: it must be 1 to 65535");
    ck_assert_int_eq(virDomainSetSchedulerParametersFlags(dom, &set, 1, VIR_DOMAIN_AFFECT_CONFIG), -1);
    lastErrorIs(VIR_ERR_OPERATION_UNSUPPORTED, "no scheduler parameters in the configuration");
    virDomainFree(dom);
}
END_TEST

START_TEST(test_shutdown_destroy)
{
    virDomainPtr dom = definePV();
    xenFakeDomain *d;
    unsigned int id;
    int state, reason;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    d = xenFakeFind("vk-pv");
    id = d->info.id;
    ck_assert_int_eq(virDomainShutdown(dom), 0);
    ck_assert_int_eq(d->request, XEN_REQUEST_POWEROFF);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert(!xenFake.domains[id].used);
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    ck_assert_int_eq(virDomainIsPersistent(dom), 1);
    ck_assert_int_eq(virDomainGetState(dom, &state, &reason, 0), 0);
    ck_assert_int_eq(state, VIR_DOMAIN_SHUTOFF);
    virDomainFree(dom);
}
END_TEST

/* xl destroy behind the driver's back: the next look says so */
START_TEST(test_gone_behind_back)
{
    virDomainPtr dom = definePV();
    virDomainInfo info;
    xenFakeDomain *d;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    d = xenFakeFind("vk-pv");
    ck_assert_int_eq(xenFakeOps.destroy(NULL, d->info.id), 0);
    ck_assert_int_eq(virDomainGetInfo(dom, &info), 0);
    ck_assert_int_eq(info.state, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    virDomainFree(dom);
    ck_assert_ptr_nonnull(dom = virDomainLookupByName(conn, "vk-pv"));
    ck_assert_uint_eq(virDomainGetID(dom), (unsigned int)-1);
    virDomainFree(dom);
}
END_TEST

static virDomainPtr
defineFile(virConnectPtr c, const char *file)
{
    g_autofree char *xml = readData(file);
    virDomainPtr dom = virDomainDefineXML(c, xml);

    ck_assert_msg(dom != NULL, "define %s: %s", file, virGetLastErrorMessage());
    return dom;
}

static void
stateIs(virDomainPtr dom, int state, int reason)
{
    int s, r;

    ck_assert_int_eq(virDomainGetState(dom, &s, &r, 0), 0);
    ck_assert_int_eq(s, state);
    ck_assert_int_eq(r, reason);
}

/* What a listing costs: one getinfolist batch, no question per domain. */
static int
listAll(virConnectPtr c)
{
    unsigned int batches = xenFake.listCalls;
    virDomainPtr *doms = NULL;
    int n, i;

    ck_assert_int_ge(n = virConnectListAllDomains(c, &doms, 0), 0);
    ck_assert_uint_eq(xenFake.listCalls, batches + 1);
    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    g_free(doms);
    return n;
}

/* on_poweroff destroy: the next look by a writer destroys the guest */
START_TEST(test_poweroff_destroys)
{
    virDomainPtr dom = defineFile(conn, "actions.xml");
    unsigned int id, infos;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    id = virDomainGetID(dom);
    /* a state costs one question; xl's pause is seen */
    infos = xenFake.infoCalls;
    ck_assert_int_eq(xenFakeOps.pause(NULL, id), 0);
    stateIs(dom, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    ck_assert_uint_eq(xenFake.infoCalls, infos + 1);
    ck_assert_int_eq(xenFakeOps.unpause(NULL, id), 0);
    xenFakeGuestStops(id, XEN_SHUTDOWN_POWEROFF);
    listAll(conn);
    ck_assert(!xenFake.domains[id].used);
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    stateIs(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    virDomainFree(dom);
}
END_TEST

/* virDomainReboot asks the guest; its reboot then builds it again */
START_TEST(test_reboot_restarts)
{
    virDomainPtr dom = defineFile(conn, "actions.xml");
    virDomainPtr byId;
    xenFakeDomain *d;
    unsigned int id;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    id = virDomainGetID(dom);
    ck_assert_int_eq(virDomainReboot(dom, 0), 0);
    d = xenFakeFind("vk-act");
    ck_assert_int_eq(d->request, XEN_REQUEST_REBOOT);
    ck_assert(!d->info.shutdown);
    stateIs(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    xenFakeGuestStops(id, XEN_SHUTDOWN_REBOOT);
    /* a read of the domain alone looks too */
    stateIs(dom, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    ck_assert(!xenFake.domains[id].used);
    d = xenFakeFind("vk-act");
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_ne(d->info.id, id);
    ck_assert_ptr_nonnull(byId = virDomainLookupByID(conn, d->info.id));
    ck_assert_str_eq(virDomainGetName(byId), "vk-act");
    virDomainFree(byId);
    ck_assert_ptr_null(virDomainLookupByID(conn, id));
    virDomainFree(dom);
}
END_TEST

/* coredump-destroy: the core lands in the root's dump directory */
START_TEST(test_crash_dumps_core)
{
    virDomainPtr dom = defineFile(conn, "actions.xml");
    g_autofree char *dir = g_build_filename(root, "var", "lib", "virtkit", "xen", "dump", NULL);
    g_autoptr(GDir) dumps = NULL;
    g_autofree char *path = NULL;
    g_autofree char *core = NULL;
    const char *file;
    unsigned int id;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    id = virDomainGetID(dom);
    xenFakeGuestStops(id, XEN_SHUTDOWN_CRASH);
    listAll(conn);
    stateIs(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_CRASHED);
    ck_assert(!xenFake.domains[id].used);
    ck_assert_ptr_nonnull(dumps = g_dir_open(dir, 0, NULL));
    ck_assert_ptr_nonnull(file = g_dir_read_name(dumps));
    ck_assert(g_str_has_prefix(file, "vk-act-"));
    path = g_build_filename(dir, file, NULL);
    ck_assert(g_file_get_contents(path, &core, NULL, NULL));
    ck_assert_str_eq(core, "core of domain 1 (vk-act)\n");
    virDomainFree(dom);
}
END_TEST

/* preserve: the guest stays, shut down, until destroy; asked once */
START_TEST(test_poweroff_preserved)
{
    virDomainPtr dom = definePV();
    unsigned int id, infos;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    id = virDomainGetID(dom);
    xenFakeGuestStops(id, XEN_SHUTDOWN_POWEROFF);
    listAll(conn);
    ck_assert(xenFake.domains[id].used);
    stateIs(dom, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_USER);
    infos = xenFake.infoCalls;
    listAll(conn);
    ck_assert_uint_eq(xenFake.infoCalls, infos);
    ck_assert_int_eq(virDomainDestroy(dom), 0);
    ck_assert(!xenFake.domains[id].used);
    stateIs(dom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);
    virDomainFree(dom);
}
END_TEST

/* a read-only connection shows what happened and leaves the action to a
 * writer */
START_TEST(test_readonly_only_looks)
{
    virDomainPtr dom = defineFile(conn, "actions.xml");
    g_autofree char *uri = g_strdup_printf("xen:///embed?root=%s", root);
    virConnectPtr ro;
    virDomainPtr rodom;
    unsigned int id;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    id = virDomainGetID(dom);
    ck_assert_ptr_nonnull(ro = virConnectOpenReadOnly(uri));
    ck_assert_ptr_nonnull(rodom = virDomainLookupByName(ro, "vk-act"));
    xenFakeGuestStops(id, XEN_SHUTDOWN_POWEROFF);
    listAll(ro);
    ck_assert(xenFake.domains[id].used);
    stateIs(rodom, VIR_DOMAIN_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_USER);
    listAll(conn);
    ck_assert(!xenFake.domains[id].used);
    stateIs(rodom, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    virDomainFree(rodom);
    virConnectClose(ro);
    virDomainFree(dom);
}
END_TEST

/* another toolstack's guests: taken in when they appear, never acted on */
START_TEST(test_foreign_left_alone)
{
    unsigned int id = xenFakeAddForeign("made-by-xl", 65536);
    virDomainPtr dom;

    ck_assert_int_eq(listAll(conn), 2);
    ck_assert_ptr_nonnull(dom = virDomainLookupByID(conn, id));
    ck_assert_str_eq(virDomainGetName(dom), "made-by-xl");
    xenFakeGuestStops(id, XEN_SHUTDOWN_POWEROFF);
    listAll(conn);
    ck_assert(xenFake.domains[id].used);
    ck_assert_int_eq(virDomainIsActive(dom), 1);
    ck_assert_int_eq(xenFakeOps.destroy(NULL, id), 0);
    ck_assert_int_eq(listAll(conn), 1);
    virDomainFree(dom);
}
END_TEST

/* keys reach a Xen guest as magic SysRq requests only */
START_TEST(test_send_key_sysrq)
{
    virDomainPtr dom = defineFile(conn, "actions.xml");
    unsigned int sysrqS[] = { 56, 99, 31 };     /* KEY_LEFTALT KEY_SYSRQ KEY_S */
    unsigned int letterA[] = { 30 };            /* KEY_A */

    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, sysrqS, 3, 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "is not running");
    ck_assert_int_eq(virDomainCreate(dom), 0);
    ck_assert_msg(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, sysrqS, 3, 0) == 0,
                  "send-key: %s", virGetLastErrorMessage());
    ck_assert_int_eq(xenFakeFind("vk-act")->sysrq, 's');
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, letterA, 1, 0), -1);
    lastErrorIs(VIR_ERR_CONFIG_UNSUPPORTED, "SysRq");
    ck_assert_int_eq(virDomainSendKey(dom, VIR_KEYCODE_SET_LINUX, 0, sysrqS, 3, 1), -1);
    lastErrorIs(VIR_ERR_INVALID_ARG, "unsupported flags");
    virDomainFree(dom);
}
END_TEST

/* a status file names the domain; a new process takes it back only while
 * the hypervisor still runs it */
START_TEST(test_status_taken_back)
{
    virDomainPtr dom = definePV();
    g_autofree char *uri = g_strdup_printf("xen:///embed?root=%s", root);
    xenFakeDomain *d;

    ck_assert_int_eq(virDomainCreate(dom), 0);
    virDomainFree(dom);
    d = xenFakeFind("vk-pv");
    virConnectClose(conn);
    ck_assert_ptr_nonnull(conn = virConnectOpen(uri));
    ck_assert_ptr_nonnull(dom = virDomainLookupByName(conn, "vk-pv"));
    ck_assert_int_eq(virDomainGetID(dom), (int)d->info.id);
    ck_assert_int_eq(virDomainIsPersistent(dom), 1);
    virDomainFree(dom);
    ck_assert_int_eq(xenFakeOps.destroy(NULL, d->info.id), 0);
    virConnectClose(conn);
    ck_assert_ptr_nonnull(conn = virConnectOpen(uri));
    ck_assert_ptr_nonnull(dom = virDomainLookupByName(conn, "vk-pv"));
    ck_assert_int_eq(virDomainIsActive(dom), 0);
    virDomainFree(dom);
}
END_TEST

/* ---- memory sharing and deduplication ------------------------------ */

static unsigned char
fillZerosThenIndex(size_t i)
{
    return i < 8 ? 0 : i;
}

static unsigned char
fillIndex(size_t i)
{
    return i + 1;
}

static unsigned char
fillFirstThreeLikeIndex(size_t i)
{
    return i < 3 ? i + 1 : 200 + i;
}

/* Two guests of 16 pages another toolstack built, with sharing on. */
static void
twoSharingGuests(unsigned char (*fillA)(size_t), unsigned char (*fillB)(size_t),
                 virDomainPtr *a, virDomainPtr *b)
{
    g_autofree char *uri = g_strdup_printf("xen:///embed?root=%s", root);
    unsigned int ida = xenFakeAddForeign("ga", 64);
    unsigned int idb = xenFakeAddForeign("gb", 64);

    xenFakeSetPages(ida, 16, fillA);
    xenFakeSetPages(idb, 16, fillB);
    virConnectClose(conn);
    ck_assert_ptr_nonnull(conn = virConnectOpen(uri));
    ck_assert_ptr_nonnull(*a = virDomainLookupByName(conn, "ga"));
    ck_assert_ptr_nonnull(*b = virDomainLookupByName(conn, "gb"));
    ck_assert_msg(virDomainSetMemorySharing(*a, 1, VIR_DOMAIN_AFFECT_LIVE) == 0, "%s",
                  virGetLastErrorMessage());
    ck_assert_int_eq(virDomainSetMemorySharing(*b, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
}

static unsigned long long
dedupField(virTypedParameterPtr params, int n, const char *field)
{
    unsigned long long v = 0;

    ck_assert_msg(virTypedParamsGetULLong(params, n, field, &v) == 1, "no %s", field);
    return v;
}

static unsigned long long
sharedPagesOf(virDomainPtr dom)
{
    virTypedParameter params[3];
    unsigned long long v = 0;
    int n = 3;

    ck_assert_int_eq(virDomainGetMemorySharing(dom, params, &n, 0), 0);
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES,
                                             &v), 1);
    return v;
}

START_TEST(test_dedup_all)
{
    virTypedParameterPtr params = NULL;
    virTypedParameter node[8];
    virDomainPtr a, b;
    unsigned long long shared, sharing;
    int n = 0, nnode = 8;

    twoSharingGuests(fillZerosThenIndex, fillZerosThenIndex, &a, &b);
    ck_assert_msg(virNodeMemoryDedup(conn, NULL, 0, &params, &n, 0) == 0, "%s",
                  virGetLastErrorMessage());
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_SCANNED), 32);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_IDENTICAL), 32);
    /* 16 zero pages into one, 8 pairs into one each */
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_SHARED), 15 + 8);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_FREED), 23);
    virTypedParamsFree(params, n);
    ck_assert_int_eq(xenFake.mapped, 0);

    /* the invariant: the domains' shared pages = freed + used frames */
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, node, &nnode, 0), 0);
    ck_assert_int_eq(virTypedParamsGetULLong(node, nnode, VIR_NODE_MEMORY_SHARED_PAGES_SHARED,
                                             &shared), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(node, nnode, VIR_NODE_MEMORY_SHARED_PAGES_SHARING,
                                             &sharing), 1);
    ck_assert_int_eq(sharing, 23);
    ck_assert_int_eq(shared, 9);
    ck_assert_int_eq(sharedPagesOf(a) + sharedPagesOf(b), shared + sharing);

    /* a second pass finds the same pages equal and nothing new to share */
    ck_assert_int_eq(virNodeMemoryDedup(conn, NULL, 0, &params, &n, 0), 0);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_SHARED), 0);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_FREED), 0);
    virTypedParamsFree(params, n);
    virDomainFree(a);
    virDomainFree(b);
}
END_TEST

/* Equal hashes are only candidates: the fake shows gb's page 5 as its page
 * 1 while the pass hashes, and Xen would share whatever it is told. */
START_TEST(test_dedup_confirms_bytes)
{
    virTypedParameterPtr params = NULL;
    virDomainPtr doms[2];
    xenFakeDomain *gb;
    int n = 0;

    twoSharingGuests(fillIndex, fillFirstThreeLikeIndex, &doms[0], &doms[1]);
    gb = xenFakeFind("gb");
    xenFake.lieDomid = gb->info.id;
    xenFake.lieGfn = 5;
    xenFake.asGfn = 1;
    ck_assert_msg(virNodeMemoryDedup(conn, doms, 2, &params, &n, 0) == 0, "%s",
                  virGetLastErrorMessage());
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_SCANNED), 32);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_IDENTICAL), 6);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_SHARED), 3);
    ck_assert_int_eq(gb->mem[5 * 4096], 205);
    ck_assert(!gb->shared[5]);
    virTypedParamsFree(params, n);
    virDomainFree(doms[0]);
    virDomainFree(doms[1]);
}
END_TEST

/* A guest that writes a page just after the pass compared it and before
 * the share keeps its write: the pass nominated the page before the
 * compare, so the write invalidated its handle and Xen refused the
 * share (compared first and nominated after, the page would have been
 * merged with its old contents and the write lost). */
START_TEST(test_dedup_write_after_compare)
{
    virTypedParameterPtr params = NULL;
    virDomainPtr doms[2];
    xenFakeDomain *ga, *gb;
    int n = 0;

    twoSharingGuests(fillIndex, fillIndex, &doms[0], &doms[1]);
    ga = xenFakeFind("ga");
    gb = xenFakeFind("gb");
    xenFake.writeDomid = gb->info.id;
    xenFake.writeGfn = 4;
    xenFake.writeByte = 0xee;
    ck_assert_msg(virNodeMemoryDedup(conn, doms, 2, &params, &n, 0) == 0, "%s",
                  virGetLastErrorMessage());
    ck_assert_int_eq(xenFake.writeDomid, 0);    /* the guest wrote */
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_IDENTICAL), 32);
    ck_assert_int_eq(dedupField(params, n, VIR_NODE_DEDUP_PAGES_SHARED), 15);
    ck_assert_int_eq(gb->mem[4 * 4096], 0xee);
    ck_assert_int_eq(gb->mem[4 * 4096 + 4095], 0xee);
    ck_assert(!gb->shared[4]);
    ck_assert(!ga->shared[4]);
    ck_assert(gb->shared[5] && ga->shared[5]);
    ck_assert_int_eq(xenFake.mapped, 0);
    virTypedParamsFree(params, n);
    virDomainFree(doms[0]);
    virDomainFree(doms[1]);
}
END_TEST

START_TEST(test_dedup_refusals)
{
    virTypedParameterPtr params = NULL;
    virDomainPtr dom = definePV();
    virDomainPtr a, b;
    int n = 0;

    /* a domain that is not running has no memory to read */
    ck_assert_int_eq(virNodeMemoryDedup(conn, &dom, 1, &params, &n, 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_INVALID, "'vk-pv' is not running");
    virDomainFree(dom);

    twoSharingGuests(fillIndex, fillIndex, &a, &b);
    /* Debian's hypervisor, and 4.17 with sharing on an AMD CPU */
    xenFake.sharingErrno = ENOSYS;
    ck_assert_int_eq(virDomainSetMemorySharing(a, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    lastErrorIs(VIR_ERR_NO_SUPPORT, "memory sharing is not compiled into this Xen hypervisor");
    ck_assert_int_eq(virNodeMemoryDedup(conn, NULL, 0, &params, &n, 0), -1);
    lastErrorIs(VIR_ERR_NO_SUPPORT, "not compiled into this Xen");
    xenFake.sharingErrno = EOPNOTSUPP;
    ck_assert_int_eq(virDomainSetMemorySharing(a, 0, VIR_DOMAIN_AFFECT_LIVE), -1);
    lastErrorIs(VIR_ERR_NO_SUPPORT, "Intel VMX, which this CPU lacks");
    xenFake.sharingErrno = EXDEV;
    ck_assert_int_eq(virDomainSetMemorySharing(a, 0, VIR_DOMAIN_AFFECT_LIVE), -1);
    lastErrorIs(VIR_ERR_OPERATION_UNSUPPORTED, "sharing and passthrough exclude each other");
    virDomainFree(a);
    virDomainFree(b);
}
END_TEST

/* One memory parameter of the node as it is set */
static int
setNodeUInt(const char *field, unsigned int value, unsigned int flags)
{
    virTypedParameter param = { .type = VIR_TYPED_PARAM_UINT };

    g_strlcpy(param.field, field, sizeof(param.field));
    param.value.ui = value;
    return virNodeSetMemoryParameters(conn, &param, 1, flags);
}

static unsigned long long
nodeField(const char *field)
{
    virTypedParameter node[9];
    int nnode = 9;
    unsigned long long v = 0;
    unsigned int ui = 0;

    ck_assert_int_eq(virNodeGetMemoryParameters(conn, node, &nnode, 0), 0);
    ck_assert_int_eq(nnode, 9);
    if (virTypedParamsGetULLong(node, nnode, field, &v) == 1)
        return v;
    ck_assert_int_eq(virTypedParamsGetUInt(node, nnode, field, &ui), 1);
    return ui;
}

/* The continuous scanner: its knobs are refused outside virtkitd (the
 * flag the daemon passes) with words that name it; through the flag, it
 * runs, shares what a one-shot pass would, counts its full scans and
 * stops; shm_run 2 stops it and unshares everything (a page Xen has no
 * frame for ends that, naming it); shm_merge_across_nodes 0 is refused */
START_TEST(test_scanner_knobs)
{
    const unsigned int host = VIR_NODE_MEMORY_SHARED_SCANNER_HOST;
    virDomainPtr a, b;
    gint64 end;
    int n = 0;

    twoSharingGuests(fillZerosThenIndex, fillZerosThenIndex, &a, &b);
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, NULL, &n, 0), 0);
    ck_assert_int_eq(n, 9);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_RUN), 0);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN), 100);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS), 20);
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 1, 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_UNSUPPORTED, "runs in virtkitd");
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, 8, 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_UNSUPPORTED, "runs in virtkitd");
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 3, host), -1);
    lastErrorIs(VIR_ERR_INVALID_ARG, "shm_run must be 0 (stop), 1 (run) or 2 (unshare all), not 3");
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 2, 0), -1);
    lastErrorIs(VIR_ERR_OPERATION_UNSUPPORTED, "runs in virtkitd");
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES, 0, host), -1);
    lastErrorIs(VIR_ERR_ARGUMENT_UNSUPPORTED, "shm_merge_across_nodes 0");
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, 0, host), -1);
    lastErrorIs(VIR_ERR_INVALID_ARG, "shm_pages_to_scan must be at least 1");
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_RUN), 0);

    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, 5, host), 0);
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS, 1, host), 0);
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 1, host), 0);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_RUN), 1);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN), 5);
    end = g_get_monotonic_time() + 60 * G_USEC_PER_SEC;
    while (nodeField(VIR_NODE_MEMORY_SHARED_FULL_SCANS) < 3 && g_get_monotonic_time() < end)
        g_usleep(G_USEC_PER_SEC / 100);
    ck_assert_int_ge(nodeField(VIR_NODE_MEMORY_SHARED_FULL_SCANS), 3);
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 0, host), 0);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_RUN), 0);
    /* what test_dedup_all's pass shares: 16 zero pages into one, 8 pairs */
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_PAGES_SHARING), 23);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_PAGES_SHARED), 9);
    ck_assert_int_eq(sharedPagesOf(a) + sharedPagesOf(b), 32);
    ck_assert_int_eq(xenFake.mapped, 0);

    /* unshare all, from a running scanner: KSM's run 2 reads back 2 */
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 1, host), 0);
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 2, host), 0);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_RUN), 2);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_PAGES_SHARING), 0);
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_PAGES_SHARED), 0);
    ck_assert_int_eq(sharedPagesOf(a), 0);
    ck_assert_int_eq(sharedPagesOf(b), 0);
    /* run again, it shares it all again from a fresh scan */
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 1, host), 0);
    end = g_get_monotonic_time() + 60 * G_USEC_PER_SEC;
    while (sharedPagesOf(a) + sharedPagesOf(b) < 32 && g_get_monotonic_time() < end)
        g_usleep(G_USEC_PER_SEC / 100);
    ck_assert_int_eq(sharedPagesOf(a) + sharedPagesOf(b), 32);
    /* no frame to copy into: the unsharing stops there, naming the page */
    xenFake.unshareErrno = ENOMEM;
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 2, host), -1);
    lastErrorIs(VIR_ERR_OPERATION_FAILED, "cannot unshare gfn 0x");
    lastErrorIs(VIR_ERR_OPERATION_FAILED, "no free frame");
    ck_assert_int_eq(nodeField(VIR_NODE_MEMORY_SHARED_RUN), 0);
    ck_assert_int_eq(sharedPagesOf(a) + sharedPagesOf(b), 32);
    xenFake.unshareErrno = 0;
    ck_assert_int_eq(xenFake.mapped, 0);
    /* left running, it stops with the last connection (the fixture's) */
    ck_assert_int_eq(setNodeUInt(VIR_NODE_MEMORY_SHARED_RUN, 1, host), 0);
    virDomainFree(a);
    virDomainFree(b);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("xen-driver");
    TCase *tc = tcase_create("driver");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_open_refused);
    tcase_add_test(tc, test_domain0_listed);
    tcase_add_test(tc, test_foreign_listed);
    tcase_add_test(tc, test_nodeinfo);
    tcase_add_test(tc, test_start_pv);
    tcase_add_test(tc, test_start_pvh_paused);
    tcase_add_test(tc, test_start_refused);
    tcase_add_test(tc, test_live_changes);
    tcase_add_test(tc, test_stats);
    tcase_add_test(tc, test_hotplug);
    tcase_add_test(tc, test_save_restore);
    tcase_add_test(tc, test_hypervisor_log);
    tcase_add_test(tc, test_schedinfo);
    tcase_add_test(tc, test_shutdown_destroy);
    tcase_add_test(tc, test_gone_behind_back);
    tcase_add_test(tc, test_status_taken_back);
    tcase_add_test(tc, test_poweroff_destroys);
    tcase_add_test(tc, test_reboot_restarts);
    tcase_add_test(tc, test_crash_dumps_core);
    tcase_add_test(tc, test_poweroff_preserved);
    tcase_add_test(tc, test_readonly_only_looks);
    tcase_add_test(tc, test_foreign_left_alone);
    tcase_add_test(tc, test_send_key_sysrq);
    tcase_add_test(tc, test_dedup_all);
    tcase_add_test(tc, test_dedup_confirms_bytes);
    tcase_add_test(tc, test_dedup_write_after_compare);
    tcase_add_test(tc, test_dedup_refusals);
    tcase_add_test(tc, test_scanner_knobs);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
