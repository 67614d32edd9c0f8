/*
 * xen_driver_dom0_test.c: the Xen driver against a real Xen, in dom0
 *
 * Run by tests/xen/run-xen-qemu.sh (make check-xen) after the binding's
 * suite, in the same dom0: through the public API and the built virtsh,
 * each answer compared with xl and xenstore-read.  One PV guest is
 * defined, built paused (its kernel need not boot for what is checked
 * here, which keeps the run short under software emulation), resumed,
 * ballooned, pinned, its statistics read, saved and restored, rebooted by its own kernel and
 * built again (on_reboot), destroyed, started again, crashed with a magic
 * SysRq key and shut off by on_crash, and undefined.  Tests run in order, in one
 * process (CK_NOFORK): each uses the guest the one before left.
 */
#include <config.h>

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include <virt/virt.h>

#include "xen_dom0_api.h"

static virConnectPtr conn;
static virDomainPtr guest;

START_TEST(test_domain0)
{
    g_autofree char *xl = must("xl list");
    g_autofree char *vsh = must("/virtkit/virtsh -c " URI " list");
    g_autofree char *xlMem = field(xl, "Domain-0", 2);
    g_autofree char *vshName = field(vsh, "0", 1);
    virDomainPtr dom0;
    virDomainInfo info;

    ck_assert_ptr_nonnull(conn = virConnectOpen(URI));
    ck_assert_ptr_nonnull(dom0 = virDomainLookupByID(conn, 0));
    ck_assert_str_eq(virDomainGetName(dom0), "Domain-0");
    ck_assert_int_eq(virDomainGetInfo(dom0, &info), 0);
    printf("  Domain-0: %lu KiB (xl: %s MiB), virtsh list: %s\n", info.memory, xlMem, vshName);
    ck_assert_uint_eq(info.memory / 1024, g_ascii_strtoull(xlMem, NULL, 10));
    ck_assert_str_eq(vshName, "Domain-0");
    ck_assert_int_eq(virDomainDestroy(dom0), -1);
    lastErrorHas("cannot destroy Domain-0");
    virDomainFree(dom0);
}
END_TEST

/* virtsh dmesg reads the console ring xl dmesg reads */
START_TEST(test_dmesg)
{
    g_autofree char *xl = must("xl dmesg");
    g_autofree char *vsh = must("/virtkit/virtsh -c " URI " dmesg");
    g_autofree char *first = g_strndup(xl, strcspn(xl, "\n"));

    printf("  xl dmesg: %zu bytes, virtsh dmesg: %zu bytes; first line: %s\n",
           strlen(xl), strlen(vsh), first);
    ck_assert_ptr_nonnull(strstr(xl, "Xen version 4.17"));
    ck_assert_msg(g_str_has_prefix(vsh, first), "virtsh dmesg starts otherwise: %.80s", vsh);
    ck_assert_uint_ge(strlen(vsh), strlen(xl) / 2);
}
END_TEST

START_TEST(test_nodeinfo)
{
    g_autofree char *xl = must("xl info");
    g_autofree char *cpus = field(xl, "nr_cpus", 2);
    g_autofree char *total = field(xl, "total_memory", 2);
    g_autofree char *mhz = field(xl, "cpu_mhz", 2);
    virNodeInfo info;

    ck_assert_int_eq(virNodeGetInfo(conn, &info), 0);
    printf("  nodeinfo: %u cpus, %lu KiB, %u MHz; xl: %s, %s MiB, %s\n",
           info.cpus, info.memory, info.mhz, cpus, total, mhz);
    ck_assert_uint_eq(info.cpus, g_ascii_strtoull(cpus, NULL, 10));
    ck_assert_uint_eq(info.memory / 1024, g_ascii_strtoull(total, NULL, 10));
    ck_assert_uint_eq(info.mhz, g_ascii_strtoull(mhz, NULL, 10));
}
END_TEST

START_TEST(test_start_paused)
{
    g_autofree char *path = g_build_filename(g_getenv("VIRTKIT_XEN_DATA"), "driver", "dom0-pv.xml", NULL);
    g_autofree char *xml = NULL;
    g_autofree char *xl = NULL;
    g_autofree char *domid = NULL;
    g_autofree char *state = NULL;
    gint64 start = g_get_monotonic_time();

    ck_assert(g_file_get_contents(path, &xml, NULL, NULL));
    ck_assert_ptr_nonnull(guest = virDomainDefineXML(conn, xml));
    ck_assert_msg(virDomainCreateWithFlags(guest, VIR_DOMAIN_START_PAUSED) == 0,
                  "start: %s", virGetLastErrorMessage());
    printf("  built vk-drv paused as domain %d in %.1f s\n", virDomainGetID(guest),
           (g_get_monotonic_time() - start) / 1e6);
    domid = g_strstrip(must("xl domid vk-drv"));
    ck_assert_int_eq(virDomainGetID(guest), g_ascii_strtoll(domid, NULL, 10));
    xl = must("xl list vk-drv");
    state = field(xl, "vk-drv", 4);
    ck_assert_msg(strchr(state, 'p'), "xl says '%s', not paused", state);
}
END_TEST

/* another process (virtsh) takes the running guest back from its status */
START_TEST(test_resume_virtsh)
{
    g_autofree char *out = must("/virtkit/virtsh -c " URI " resume vk-drv");
    g_autofree char *xl = must("xl list vk-drv");
    g_autofree char *state = field(xl, "vk-drv", 4);
    g_autofree char *info = must("/virtkit/virtsh -c " URI " domstate vk-drv");

    printf("  virtsh resume: %s  xl: %s, virtsh domstate: %s", out, state, info);
    ck_assert_msg(!strchr(state, 'p'), "xl says '%s': still paused", state);
    ck_assert_str_eq(g_strstrip(info), "running");
}
END_TEST

/* virDomainGetVcpus against xl vcpu-list: vcpu 0's CPU and hard map */
static void
checkVcpus(const char *xl)
{
    virVcpuInfo info[4];
    unsigned char maps[4] = { 0 };
    g_autofree char *cpu = field(xl, "vk-drv", 3);
    int n = virDomainGetVcpus(guest, info, 4, maps, 1);

    ck_assert_msg(n == 2, "GetVcpus: %d: %s", n, virGetLastErrorMessage());
    printf("  GetVcpus: vcpu 0 on CPU %d, map 0x%x, state %d; xl: CPU %s\n",
           info[0].cpu, maps[0], info[0].state, cpu);
    ck_assert_int_eq(info[0].cpu, g_ascii_strtoll(cpu, NULL, 10));
    ck_assert_uint_eq(maps[0], 0x2);
    ck_assert_int_eq(info[1].state, VIR_VCPU_OFFLINE);
}

START_TEST(test_memory_vcpus_pin)
{
    unsigned char cpumap = 0x2;     /* CPU 1 */
    int id = virDomainGetID(guest);
    g_autofree char *target = NULL;
    g_autofree char *vcpus = NULL;
    g_autofree char *affinity = NULL;

    ck_assert_int_eq(virDomainSetMemoryFlags(guest, 98304, VIR_DOMAIN_AFFECT_LIVE), 0);
    target = g_strstrip(must("xenstore-read /local/domain/%d/memory/target", id));
    ck_assert_str_eq(target, "98304");
    ck_assert_int_eq(virDomainSetVcpusFlags(guest, 4, VIR_DOMAIN_AFFECT_LIVE), -1);
    lastErrorHas("4");
    ck_assert_int_eq(virDomainPinVcpuFlags(guest, 0, &cpumap, 1, VIR_DOMAIN_AFFECT_LIVE), 0);
    vcpus = must("xl vcpu-list vk-drv");
    affinity = field(vcpus, "vk-drv", 6);
    printf("  balloon target %s KiB; vcpu 0 hard affinity (xl): %s\n", target, affinity);
    ck_assert_str_eq(affinity, "1");
    checkVcpus(vcpus);
}
END_TEST

/* The value of "  NAME=VALUE" in virtsh domstats' @out, or NULL. */
static char *
statValue(const char *out, const char *name)
{
    g_autofree char *needle = g_strdup_printf("  %s=", name);
    const char *at = strstr(out, needle);

    if (!at)
        return NULL;
    at += strlen(needle);
    return g_strndup(at, strcspn(at, "\n"));
}

/* virtsh domstats against xl list and xl vcpu-list: the times only grow
 * between the two reads (xl rounds to 0.1 s); the balloon's target is
 * the one set above; vcpu 1 is offline.  dommemstat's actual balloon is
 * what xl list says the guest holds, give or take what its balloon driver
 * gave back meanwhile. */
START_TEST(test_stats)
{
    g_autofree char *vsh = must("/virtkit/virtsh -c " URI " domstats vk-drv");
    g_autofree char *xl = must("xl list vk-drv");
    g_autofree char *vcpus = must("xl vcpu-list vk-drv");
    g_autofree char *xlTime = field(xl, "vk-drv", 5);
    g_autofree char *xlMem = field(xl, "vk-drv", 2);
    g_autofree char *xlVcpuTime = field(vcpus, "vk-drv", 5);
    g_autofree char *cpuTime = statValue(vsh, "cpu.time");
    g_autofree char *vcpuTime = statValue(vsh, "vcpu.0.time");
    g_autofree char *balloon = statValue(vsh, "balloon.current");
    g_autofree char *maximum = statValue(vsh, "balloon.maximum");
    g_autofree char *offline = statValue(vsh, "vcpu.1.state");
    g_autofree char *state = statValue(vsh, "state.state");
    virDomainMemoryStatStruct mem[VIR_DOMAIN_MEMORY_STAT_NR];
    long long heldMiB;

    printf("  domstats:\n%s  xl list: time %s s, %s MiB; xl vcpu-list: vcpu 0 %s s\n",
           vsh, xlTime, xlMem, xlVcpuTime);
    ck_assert_msg(cpuTime && vcpuTime && balloon && maximum && offline && state,
                  "domstats lacks a field: %s", vsh);
    ck_assert_str_eq(state, "1");
    ck_assert_str_eq(balloon, "98304");
    ck_assert_str_eq(maximum, "131072");
    ck_assert_str_eq(offline, "0");
    ck_assert_ptr_null(strstr(vsh, "vcpu.2."));
    ck_assert_double_le(g_ascii_strtoull(cpuTime, NULL, 10) / 1e9,
                        g_ascii_strtod(xlTime, NULL) + 0.1);
    ck_assert_double_le(g_ascii_strtoull(vcpuTime, NULL, 10) / 1e9,
                        g_ascii_strtod(xlVcpuTime, NULL) + 0.1);
    ck_assert_uint_gt(g_ascii_strtoull(vcpuTime, NULL, 10), 0);

    ck_assert_int_eq(virDomainMemoryStats(guest, mem, VIR_DOMAIN_MEMORY_STAT_NR, 0), 2);
    ck_assert_int_eq(mem[0].tag, VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON);
    heldMiB = (long long)(mem[0].val / 1024);
    printf("  dommemstat: actual %llu KiB, available %llu KiB\n", mem[0].val, mem[1].val);
    ck_assert_int_le(ABS(heldMiB - g_ascii_strtoll(xlMem, NULL, 10)), 8);
    ck_assert_int_eq(virDomainSetMemoryStatsPeriod(guest, 5, 0), -1);
    lastErrorHas("not supported");
}
END_TEST

/* weight and cap against xl sched-credit */
START_TEST(test_schedinfo)
{
    virTypedParameter set = { .field = "weight", .type = VIR_TYPED_PARAM_UINT, .value.ui = 512 };
    virTypedParameter params[2];
    int n = 2;
    g_autofree char *xl = NULL;
    g_autofree char *weight = NULL;

    ck_assert_msg(virDomainSetSchedulerParametersFlags(guest, &set, 1, VIR_DOMAIN_AFFECT_LIVE) == 0,
                  "schedinfo: %s", virGetLastErrorMessage());
    xl = must("xl sched-credit -d vk-drv");
    weight = field(xl, "vk-drv", 2);
    ck_assert_int_eq(virDomainGetSchedulerParametersFlags(guest, params, &n, 0), 0);
    printf("  weight %u, cap %u; xl sched-credit: weight %s\n",
           params[0].value.ui, params[1].value.ui, weight);
    ck_assert_str_eq(weight, "512");
    ck_assert_uint_eq(params[0].value.ui, 512);
}
END_TEST

/* Debian's hypervisor is built without CONFIG_MEM_SHARING (make
 * check-xen-memshr boots one built with it): each sharing call says so,
 * what only reads the counters answers zeros, and the guest runs on. */
START_TEST(test_sharing_unsupported)
{
    static const char *const compiledOut = "not compiled into this Xen hypervisor";
    virTypedParameter shared[3];
    int nshared = 3;
    virTypedParameterPtr node = NULL;
    virTypedParameterPtr result = NULL;
    int nnode = 0, nresult = 0;
    unsigned long long sharing = 1, pages = 1;
    int state = -1;

    ck_assert_int_eq(virDomainSetMemorySharing(guest, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    lastErrorHas(compiledOut);
    /* the pass either refuses as the sharing call did or, as the library
     * does today, shares nothing (the guest's sharing is off) */
    if (virNodeMemoryDedup(conn, &guest, 1, &result, &nresult, 0) < 0) {
        lastErrorHas(compiledOut);
    } else {
        unsigned long long newlyShared = 1;

        ck_assert_int_eq(virTypedParamsGetULLong(result, nresult, VIR_NODE_DEDUP_PAGES_SHARED,
                                                 &newlyShared), 1);
        printf("  virNodeMemoryDedup on this hypervisor: %llu pages shared\n", newlyShared);
        ck_assert_uint_eq(newlyShared, 0);
        virTypedParamsFree(result, nresult);
    }
    ck_assert_msg(virDomainGetMemorySharing(guest, shared, &nshared, 0) == 0,
                  "GetMemorySharing: %s", virGetLastErrorMessage());
    ck_assert_int_eq(virTypedParamsGetULLong(shared, nshared, VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES,
                                             &pages), 1);
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, NULL, &nnode, 0), 0);
    node = g_new0(virTypedParameter, nnode);
    ck_assert_msg(virNodeGetMemoryParameters(conn, node, &nnode, 0) == 0,
                  "GetMemoryParameters: %s", virGetLastErrorMessage());
    ck_assert_int_eq(virTypedParamsGetULLong(node, nnode, VIR_NODE_MEMORY_SHARED_PAGES_SHARING,
                                             &sharing), 1);
    printf("  shared pages of vk-drv: %llu; node: shm_pages_sharing %llu\n", pages, sharing);
    ck_assert_uint_eq(pages, 0);
    ck_assert_uint_eq(sharing, 0);
    virTypedParamsClear(node, nnode);
    g_free(node);
    ck_assert_int_eq(virDomainGetState(guest, &state, NULL, 0), 0);
    ck_assert_int_eq(state, VIR_DOMAIN_RUNNING);
}
END_TEST

/* A disk through the public API: libxl plugs it (Xen's backend has it as
 * device 51728, xvdb), then unplugs it; the second attach is refused
 * before Xen is asked. */
START_TEST(test_attach_disk)
{
    static const char disk[] =
        "<disk type='block'><source dev='/dev/loop0'/><target dev='xvdb'/></disk>";
    g_autofree char *list = NULL;
    g_autofree char *after = NULL;
    g_autofree char *xml = NULL;

    ck_assert_msg(virDomainAttachDeviceFlags(guest, disk, VIR_DOMAIN_AFFECT_LIVE) == 0,
                  "attach: %s", virGetLastErrorMessage());
    list = must("xl block-list vk-drv");
    printf("  xl block-list after virDomainAttachDeviceFlags:\n%s", list);
    ck_assert_ptr_nonnull(strstr(list, "51728"));
    xml = virDomainGetXMLDesc(guest, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<target dev='xvdb'"));
    ck_assert_int_eq(virDomainAttachDeviceFlags(guest, disk, VIR_DOMAIN_AFFECT_LIVE), -1);
    lastErrorHas("target xvdb already exists");
    ck_assert_msg(virDomainDetachDeviceFlags(guest, disk, VIR_DOMAIN_AFFECT_LIVE) == 0,
                  "detach: %s", virGetLastErrorMessage());
    after = must("xl block-list vk-drv");
    printf("  after virDomainDetachDeviceFlags:\n%s", after);
    ck_assert_ptr_null(strstr(after, "51728"));
}
END_TEST

/* virDomainSave takes the guest out of Xen into a file; virtsh restore
 * (another process) brings it back running, with the same definition. */
START_TEST(test_save_restore)
{
    const char *path = "/tmp/vk-drv.save";
    g_autofree char *xl = NULL;
    g_autofree char *out = NULL;
    g_autofree char *domid = NULL;
    g_autofree char *state = NULL;
    virDomainPtr again;
    gint64 start = g_get_monotonic_time();

    ck_assert_msg(virDomainSave(guest, path) == 0, "save: %s", virGetLastErrorMessage());
    printf("  virDomainSave in %.1f s\n", (g_get_monotonic_time() - start) / 1e6);
    ck_assert_int_ne(run("xl domid vk-drv", &xl), 0);
    g_clear_pointer(&xl, g_free);
    start = g_get_monotonic_time();
    out = must("/virtkit/virtsh -c " URI " restore %s", path);
    printf("  virtsh restore in %.1f s: %s", (g_get_monotonic_time() - start) / 1e6, out);
    domid = g_strstrip(must("xl domid vk-drv"));
    ck_assert_ptr_nonnull(again = virDomainLookupByName(conn, "vk-drv"));
    ck_assert_int_eq(virDomainGetID(again), g_ascii_strtoll(domid, NULL, 10));
    xl = must("xl list vk-drv");
    state = field(xl, "vk-drv", 4);
    printf("  xl list: domain %s, state %s\n", domid, state);
    ck_assert_msg(!strchr(state, 'p'), "xl says '%s': paused", state);
    virDomainFree(guest);
    guest = again;
    unlink(path);
}
END_TEST

/* Waits up to @seconds for the guest to have said hello @count times */
static bool
waitHello(unsigned int count, int seconds)
{
    gint64 end = g_get_monotonic_time() + seconds * G_USEC_PER_SEC;

    while (consoleCount("vk-drv", "GUEST: hello") < count) {
        if (g_get_monotonic_time() > end)
            return false;
        g_usleep(G_USEC_PER_SEC / 2);
    }
    return true;
}

/* The driver's state of vk-drv once a listing (one getinfolist batch)
 * has looked, as virtkitd's poll does every second */
static int
listedState(int *reason)
{
    virDomainPtr *doms = NULL;
    int state = -1;
    int n, i;

    ck_assert_int_ge(n = virConnectListAllDomains(conn, &doms, 0), 0);
    for (i = 0; i < n; i++)
        virDomainFree(doms[i]);
    g_free(doms);
    ck_assert_int_eq(virDomainGetState(guest, &state, reason, 0), 0);
    return state;
}

/* virDomainReboot asks the guest (control/shutdown); its kernel reboots,
 * Xen keeps it shut down with reason reboot, and the next look applies
 * on_reboot (restart): built again, with a new domain id, and it boots. */
START_TEST(test_reboot_restarts)
{
    unsigned int hellos = consoleCount("vk-drv", "GUEST: hello");
    int before = virDomainGetID(guest);
    gint64 start = g_get_monotonic_time();
    g_autofree char *domid = NULL;
    virDomainPtr again = NULL;
    int after = before;

    ck_assert_msg(virDomainReboot(guest, 0) == 0, "reboot: %s", virGetLastErrorMessage());
    while (after == before && g_get_monotonic_time() - start < 180 * G_USEC_PER_SEC) {
        g_usleep(G_USEC_PER_SEC);
        ck_assert_int_eq(listedState(NULL), VIR_DOMAIN_RUNNING);
        virDomainFree(again);
        ck_assert_ptr_nonnull(again = virDomainLookupByName(conn, "vk-drv"));
        after = virDomainGetID(again);
    }
    printf("  rebooted: domain %d is now domain %d after %.1f s\n", before, after,
           (g_get_monotonic_time() - start) / 1e6);
    ck_assert_int_ne(after, before);
    domid = g_strstrip(must("xl domid vk-drv"));
    ck_assert_int_eq(after, g_ascii_strtoll(domid, NULL, 10));
    ck_assert_msg(waitHello(hellos + 1, 240), "the rebuilt guest did not boot");
    printf("  booted again after %.1f s\n", (g_get_monotonic_time() - start) / 1e6);
    virDomainFree(guest);
    guest = again;
}
END_TEST

START_TEST(test_destroy_virtsh)
{
    g_autofree char *out = must("/virtkit/virtsh -c " URI " destroy vk-drv");
    g_autofree char *xl = NULL;
    g_autofree char *state = must("/virtkit/virtsh -c " URI " domstate vk-drv");

    printf("  virtsh destroy: %s", out);
    ck_assert_int_ne(run("xl domid vk-drv", &xl), 0);
    ck_assert_str_eq(g_strstrip(state), "shut off");
    ck_assert_int_eq(virDomainIsActive(guest), 0);
}
END_TEST

/* Magic SysRq 'c' through virtsh send-key (control/sysrq): the guest's
 * kernel panics, Xen keeps it crashed, and on_crash (destroy, the
 * default) shuts it off with reason crashed at the next look. */
START_TEST(test_crash_sysrq)
{
    unsigned int hellos = consoleCount("vk-drv", "GUEST: hello");
    g_autofree char *out = NULL;
    g_autofree char *xl = NULL;
    g_autofree char *reason = NULL;
    gint64 start;
    int state = -1, why = -1;

    ck_assert_msg(virDomainCreate(guest) == 0, "start: %s", virGetLastErrorMessage());
    ck_assert_msg(waitHello(hellos + 1, 240), "the guest did not boot");
    start = g_get_monotonic_time();
    out = must("/virtkit/virtsh -c " URI " send-key vk-drv --sysrq c");
    printf("  virtsh send-key --sysrq c: %s", out);
    while ((state = listedState(&why)) == VIR_DOMAIN_RUNNING &&
           g_get_monotonic_time() - start < 120 * G_USEC_PER_SEC)
        g_usleep(G_USEC_PER_SEC);
    printf("  state %d (reason %d) after %.1f s\n", state, why,
           (g_get_monotonic_time() - start) / 1e6);
    ck_assert_int_eq(state, VIR_DOMAIN_SHUTOFF);
    ck_assert_int_eq(why, VIR_DOMAIN_SHUTOFF_CRASHED);
    ck_assert_int_ne(run("xl domid vk-drv", &xl), 0);
    /* another process sees it shut off; the reason stays with the process
     * that stopped it (status files end with the domain) */
    reason = must("/virtkit/virtsh -c " URI " domstate vk-drv --reason");
    printf("  virtsh domstate --reason: %s", reason);
    ck_assert(g_str_has_prefix(reason, "shut off"));
    ck_assert_int_eq(virDomainUndefine(guest), 0);
    virDomainFree(guest);
    guest = NULL;
}
END_TEST

int
main(void)
{
    Suite *suite = suite_create("xen-driver-dom0");
    TCase *tc = tcase_create("driver");
    SRunner *runner;
    int failed;

    setvbuf(stdout, NULL, _IOLBF, 0);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_domain0);
    tcase_add_test(tc, test_nodeinfo);
    tcase_add_test(tc, test_dmesg);
    tcase_add_test(tc, test_start_paused);
    tcase_add_test(tc, test_resume_virtsh);
    tcase_add_test(tc, test_memory_vcpus_pin);
    tcase_add_test(tc, test_stats);
    tcase_add_test(tc, test_schedinfo);
    tcase_add_test(tc, test_sharing_unsupported);
    tcase_add_test(tc, test_attach_disk);
    tcase_add_test(tc, test_save_restore);
    tcase_add_test(tc, test_reboot_restarts);
    tcase_add_test(tc, test_destroy_virtsh);
    tcase_add_test(tc, test_crash_sysrq);
    suite_add_tcase(suite, tc);
    runner = srunner_create(suite);
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_VERBOSE);
    failed = srunner_ntests_failed(runner);
    printf("XENDRIVER: %d of %d tests failed\n", failed, srunner_ntests_run(runner));
    srunner_free(runner);
    if (conn)
        virConnectClose(conn);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
