/*
 * xen_dom0_guests.c: a PV and a PVH guest built through the binding, and
 * what can be checked while their kernels boot (a minute under TCG): the
 * configuration libxl recorded, pause, vcpu pinning against `xl vcpu-list`,
 * the scheduler against `xl sched-credit*`, maximum memory against
 * xenstore, and the refusals (a second guest of the same name, a kernel
 * that is not there, vcpus beyond the maximum, a CPU the host lacks, a
 * shutdown request before the guest listens)
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xen_dom0_test.h"

static xenDomainConfig *
loadGuest(const char *rel)
{
    g_autofree char *path = xenTestDataPath(rel);
    xenDomainConfig *def = xenTestConfigLoad(path);

    ck_assert_msg(def != NULL, "cannot load %s", path);
    return def;
}

typedef struct {
    const char *rel;
    unsigned int domid;
    char *error;
    double seconds;
} guestBuild;

/* No check assertion here: it may run in a thread of its own, and check's
 * assertions jump out of the main thread */
static gpointer
buildGuest(gpointer opaque)
{
    guestBuild *b = opaque;
    g_autofree char *path = xenTestDataPath(b->rel);
    g_autoptr(xenDomainConfig) def = xenTestConfigLoad(path);
    gint64 start = g_get_monotonic_time();

    if (!def)
        b->error = g_strdup_printf("cannot load %s", path);
    else if (env.ops->create(env.h, def, 0, &b->domid) < 0)
        b->error = g_strdup(xenTestLastMessage());
    b->seconds = (g_get_monotonic_time() - start) / 1e6;
    return NULL;
}

static void
checkBuilt(guestBuild *b, const char *name)
{
    g_autofree char *got = NULL;

    ck_assert_msg(b->error == NULL, "create %s: %s", name, b->error);
    printf("  built %s as domain %u in %.1f s\n", name, b->domid, b->seconds);
    ck_assert_ptr_nonnull(got = env.ops->domainName(env.h, b->domid));
    ck_assert_str_eq(got, name);
}

/* The PV guest, then the PVH guest while the PV guest boots.  One at a
 * time: libxl gives a hotplug script 40 s, and under TCG on a busy host the
 * "block" script of one guest needs most of that when another is being
 * built beside it.  The build of the PVH guest runs in a thread of its own,
 * as the driver's callers will: the handle is shared between threads. */
START_TEST(test_create)
{
    guestBuild pvBuild = { "guests/pv.cfg" }, pvhBuild = { "guests/pvh.cfg" };
    GThread *thread;
    g_autofree char *out = NULL;
    g_auto(GStrv) pvRow = NULL;
    g_auto(GStrv) pvhRow = NULL;
    unsigned long long max = 0;
    xenDomainInfo pv, pvh;

    dom0Require();
    buildGuest(&pvBuild);
    thread = g_thread_new("build-pvh", buildGuest, &pvhBuild);
    g_thread_join(thread);
    env.pv = pvBuild.domid;
    env.pvh = pvhBuild.domid;
    checkBuilt(&pvBuild, "vk-pv");
    checkBuilt(&pvhBuild, "vk-pvh");
    pv = dom0Info(env.pv);
    pvh = dom0Info(env.pvh);
    memcpy(env.pvUUID, pv.uuid, VIR_UUID_BUFLEN);
    ck_assert(!pv.hvm && pvh.hvm);
    ck_assert(!pv.paused && !pvh.paused && !pv.shutdown && !pvh.shutdown);
    ck_assert_uint_eq(pv.maxVcpus, 2);
    ck_assert_uint_eq(pvh.maxVcpus, 1);
    /* libxl caps the hypervisor at the target plus 1 MiB; the maximum the
     * guest may balloon to is memory/static-max */
    ck_assert_uint_eq(pv.maxMemoryKiB, 112 * 1024 + 1024);
    ck_assert_uint_le(pv.memoryKiB, 112 * 1024 + 1024);
    ck_assert_xen_ok(env.ops->getMaxMemory(env.h, env.pv, &max));
    ck_assert_uint_eq(max, 144 * 1024);
    out = dom0Xl("list");
    ck_assert_ptr_nonnull(pvRow = dom0XlRow(out, "vk-pv"));
    ck_assert_ptr_nonnull(pvhRow = dom0XlRow(out, "vk-pvh"));
    ck_assert_uint_eq(strtoul(pvRow[1], NULL, 10), env.pv);
    ck_assert_uint_eq(strtoul(pvhRow[1], NULL, 10), env.pvh);
    g_free(pvBuild.error);
    g_free(pvhBuild.error);
}
END_TEST

/* Before the PVH kernel has set up its xenstore watches, a shutdown
 * request would be lost: the binding refuses it.  (Run at once after the
 * build: the guest takes far longer than this to boot.) */
START_TEST(test_shutdown_before_boot)
{
    ck_assert_int_ne(env.pvh, 0);
    ck_assert_int_eq(env.ops->shutdown(env.h, env.pvh, XEN_REQUEST_POWEROFF), -1);
    ck_assert_xen_error(VIR_ERR_OPERATION_INVALID,
                        "cannot ask it to power off: the guest has not announced control/feature-poweroff");
}
END_TEST

static void
dropDevices(xenDomainConfig *def)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++)
        xenDiskConfigClear(&def->disks[i]);
    for (i = 0; i < def->nnics; i++)
        xenNicConfigClear(&def->nics[i]);
    g_clear_pointer(&def->disks, g_free);
    g_clear_pointer(&def->nics, g_free);
    def->ndisks = def->nnics = 0;
}

START_TEST(test_create_refusals)
{
    g_autoptr(xenDomainConfig) again = loadGuest("guests/pv.cfg");
    g_autoptr(xenDomainConfig) hvm = loadGuest("configs/hvm.cfg");
    g_autoptr(xenDomainConfig) nokernel = loadGuest("guests/pv.cfg");
    g_autofree char *msg = g_strdup_printf("Xen guest 'vk-pv': cannot create it: domain %u has that name already",
                                           env.pv);
    g_autofree char *out = NULL;
    unsigned int domid = 0;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_int_eq(env.ops->create(env.h, again, 0, &domid), -1);
    ck_assert_xen_error(VIR_ERR_OPERATION_INVALID, msg);
    ck_assert_int_eq(env.ops->create(env.h, hvm, 0, &domid), -1);
    ck_assert_xen_error(VIR_ERR_CONFIG_UNSUPPORTED, "HVM guests need a device model");

    /* libxl fails deep inside; its reason reaches the message, and what it
     * had built is gone */
    g_free(nokernel->name);
    nokernel->name = g_strdup("vk-nokernel");
    g_free(nokernel->kernel);
    nokernel->kernel = g_strdup("/guest/no-such-kernel");
    dropDevices(nokernel);
    ck_assert_int_eq(env.ops->create(env.h, nokernel, 0, &domid), -1);
    printf("  libxl's refusal: %s\n", xenTestLastMessage());
    ck_assert(strstr(xenTestLastMessage(), "/guest/no-such-kernel") != NULL);
    ck_assert_xen_error(VIR_ERR_OPERATION_FAILED, "Xen guest 'vk-nokernel': cannot create it: libxl failed");
    out = dom0Xl("list");
    ck_assert_ptr_null(dom0XlRow(out, "vk-nokernel"));
}
END_TEST

START_TEST(test_config_recorded)
{
    g_autoptr(xenDomainConfig) def = NULL;
    g_autofree char *mac = NULL;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_ptr_nonnull(def = env.ops->domainConfig(env.h, env.pv));
    ck_assert_str_eq(def->name, "vk-pv");
    ck_assert_int_eq(def->type, XEN_DOMAIN_TYPE_PV);
    ck_assert_str_eq(def->kernel, "/guest/vmlinux");
    ck_assert_uint_eq(def->memoryKiB, 112 * 1024);
    ck_assert_uint_eq(def->maxMemoryKiB, 144 * 1024);
    ck_assert_uint_eq(def->vcpus, 2);
    ck_assert_int_eq(def->onPoweroff, XEN_ACTION_PRESERVE);
    ck_assert_uint_eq(def->ndisks, 1);
    ck_assert_str_eq(def->disks[0].source, "/dev/loop1");
    ck_assert_str_eq(def->disks[0].target, "xvda");
    ck_assert_uint_eq(def->nnics, 1);
    mac = xenMacFormat(def->nics[0].mac);
    ck_assert_str_eq(mac, "00:16:3e:76:6b:01");
    ck_assert_str_eq(def->nics[0].bridge, "xenbr0");
}
END_TEST

/* the State column of `xl list` for @name: "-b----", "--p---" */
static char *
xlState(const char *name)
{
    g_autofree char *out = dom0Xl("list");
    g_auto(GStrv) row = dom0XlRow(out, name);

    ck_assert_ptr_nonnull(row);
    ck_assert_uint_ge(g_strv_length(row), 5);
    return g_strdup(row[4]);
}

START_TEST(test_pause)
{
    g_autofree char *paused = NULL;
    g_autofree char *running = NULL;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_xen_ok(env.ops->pause(env.h, env.pv));
    ck_assert(dom0Info(env.pv).paused);
    paused = xlState("vk-pv");
    ck_assert_msg(paused[2] == 'p', "xl says %s", paused);
    ck_assert_xen_ok(env.ops->unpause(env.h, env.pv));
    ck_assert(!dom0Info(env.pv).paused);
    running = xlState("vk-pv");
    ck_assert_msg(running[2] == '-', "xl says %s", running);
}
END_TEST

/* "Affinity (Hard / Soft)" of a vcpu in `xl vcpu-list`: "1 / 0", "all / all" */
static char *
xlAffinity(const char *name, unsigned int vcpu)
{
    g_autofree char *out = dom0Xl("vcpu-list %s", name);
    g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
    size_t i;

    for (i = 1; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit_set(g_strstrip(lines[i]), " ", -1);
        g_autoptr(GPtrArray) w = g_ptr_array_new();
        size_t j;

        for (j = 0; f[j]; j++) {
            if (*f[j])
                g_ptr_array_add(w, f[j]);
        }
        if (w->len >= 9 && strtoul(w->pdata[2], NULL, 10) == vcpu)
            return g_strdup_printf("%s / %s", (char *)w->pdata[w->len - 3],
                                   (char *)w->pdata[w->len - 1]);
    }
    ck_abort_msg("no vcpu %u in:\n%s", vcpu, out);
    return NULL;
}

static virBitmap *
cpuList(const char *list)
{
    virBitmap *map = virBitmapParse(list, env.phys.maxCpuId + 1);

    ck_assert_ptr_nonnull(map);
    return map;
}

START_TEST(test_vcpu_pin)
{
    g_autoptr(virBitmap) one = cpuList("1");
    g_autoptr(virBitmap) zero = cpuList("0");
    g_autoptr(virBitmap) both = cpuList("0-1");
    g_autoptr(virBitmap) five = virBitmapParse("5", 64);
    g_autoptr(virBitmap) hard = NULL;
    g_autoptr(virBitmap) soft = NULL;
    g_autofree char *h = NULL;
    g_autofree char *s = NULL;
    g_autofree char *xl0 = NULL;
    g_autofree char *xl1 = NULL;
    g_autofree char *msg = NULL;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_uint_ge(env.phys.maxCpuId, 1);
    ck_assert_xen_ok(env.ops->vcpuSetAffinity(env.h, env.pv, 0, one, zero));
    ck_assert_xen_ok(env.ops->vcpuSetAffinity(env.h, env.pv, 1, both, NULL));
    ck_assert_xen_ok(env.ops->vcpuGetAffinity(env.h, env.pv, 0, &hard, &soft));
    h = virBitmapFormat(hard);
    s = virBitmapFormat(soft);
    ck_assert_str_eq(h, "1");
    ck_assert_str_eq(s, "0");
    xl0 = xlAffinity("vk-pv", 0);
    xl1 = xlAffinity("vk-pv", 1);
    printf("  xl vcpu-list: vcpu 0 %s, vcpu 1 %s\n", xl0, xl1);
    ck_assert_str_eq(xl0, "1 / 0");
    ck_assert_str_eq(xl1, "all / all");

    msg = g_strdup_printf("domain %u: cannot pin vcpu 0 to CPU 5: the host has %u CPUs (0-%u)",
                          env.pv, env.phys.maxCpuId + 1, env.phys.maxCpuId);
    ck_assert_int_eq(env.ops->vcpuSetAffinity(env.h, env.pv, 0, five, NULL), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, msg);
    g_free(msg);
    msg = g_strdup_printf("domain %u: cannot pin vcpu 7: it has 2 vcpus (0-1)", env.pv);
    ck_assert_int_eq(env.ops->vcpuSetAffinity(env.h, env.pv, 7, one, NULL), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, msg);
    /* the refusals changed nothing */
    g_clear_pointer(&xl0, g_free);
    xl0 = xlAffinity("vk-pv", 0);
    ck_assert_str_eq(xl0, "1 / 0");
}
END_TEST

START_TEST(test_vcpu_list)
{
    g_autofree xenVcpuInfo *vcpus = NULL;
    g_autofree char *out = NULL;
    g_auto(GStrv) lines = NULL;
    size_t n = 0, i;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_xen_ok(env.ops->vcpuList(env.h, env.pv, &vcpus, &n));
    ck_assert_uint_eq(n, 2);
    out = dom0Xl("vcpu-list vk-pv");
    /* vcpu 0 boots the guest; vcpu 1 is online once its kernel brings it
     * up (test_vcpus_online checks both once the guest runs) */
    ck_assert(vcpus[0].online);
    for (i = 0; i < n; i++) {
        ck_assert_uint_eq(vcpus[i].number, i);
        if (vcpus[i].online) {
            ck_assert_int_ge(vcpus[i].cpu, 0);
            ck_assert_int_le(vcpus[i].cpu, (int)env.phys.maxCpuId);
        } else {
            ck_assert_int_eq(vcpus[i].cpu, -1);
        }
    }
    lines = g_strsplit(g_strstrip(out), "\n", -1);
    ck_assert_int_eq(g_strv_length(lines), 3);      /* the header and two vcpus */
}
END_TEST

START_TEST(test_sched)
{
    xenSchedParams p = { 0 };
    xenSchedParams set = { .weight = 512, .cap = 50 };
    xenSchedParams bad = { .weight = 0, .cap = 0 };
    g_autofree char *info = dom0Xl("info");
    g_autoptr(GHashTable) kv = xenTestKeyValues(info);
    const char *sched = g_hash_table_lookup(kv, "xen_scheduler");
    g_autofree char *out = NULL;
    g_auto(GStrv) row = NULL;
    g_autofree char *msg = NULL;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_xen_ok(env.ops->getSched(env.h, env.pv, &p));
    printf("  scheduler %s (xl: %s), weight %u, cap %u\n",
           xenSchedulerTypeToString(p.scheduler), sched, p.weight, p.cap);
    ck_assert_str_eq(xenSchedulerTypeToString(p.scheduler), sched);
    ck_assert_uint_eq(p.weight, 256);
    ck_assert_uint_eq(p.cap, 0);
    ck_assert_xen_ok(env.ops->setSched(env.h, env.pv, &set));
    ck_assert_xen_ok(env.ops->getSched(env.h, env.pv, &p));
    ck_assert_uint_eq(p.weight, 512);
    ck_assert_uint_eq(p.cap, 50);
    out = dom0Xl("sched-%s -d vk-pv", sched);
    ck_assert_ptr_nonnull(row = dom0XlRow(out, "vk-pv"));
    ck_assert_str_eq(row[2], "512");
    ck_assert_str_eq(row[3], "50");

    msg = g_strdup_printf("domain %u: cannot set scheduler weight 0: it must be 1 to 65535", env.pv);
    ck_assert_int_eq(env.ops->setSched(env.h, env.pv, &bad), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, msg);
    bad.weight = 100;
    bad.cap = 300;
    g_free(msg);
    msg = g_strdup_printf("domain %u: cannot set scheduler cap 300: at most 200", env.pv);
    ck_assert_int_eq(env.ops->setSched(env.h, env.pv, &bad), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, msg);
}
END_TEST

START_TEST(test_max_memory)
{
    g_autofree char *staticMax = NULL;
    g_autofree char *msg = NULL;
    unsigned long long max = 0;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_xen_ok(env.ops->setMaxMemory(env.h, env.pv, 200 * 1024));
    ck_assert_uint_eq(dom0Info(env.pv).maxMemoryKiB, 200 * 1024 + 1024);
    ck_assert_xen_ok(env.ops->getMaxMemory(env.h, env.pv, &max));
    ck_assert_uint_eq(max, 200 * 1024);
    staticMax = dom0StoreRead("/local/domain/%u/memory/static-max", env.pv);
    ck_assert_str_eq(staticMax, "204800");

    msg = g_strdup_printf("domain %u: cannot set its maximum memory to 65536 KiB: below its balloon target 114688 KiB",
                          env.pv);
    ck_assert_int_eq(env.ops->setMaxMemory(env.h, env.pv, 64 * 1024), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, msg);
    g_free(msg);
    msg = g_strdup_printf("domain %u: cannot set its balloon target to 307200 KiB: it must be 1 to its maximum 204800 KiB",
                          env.pv);
    ck_assert_int_eq(env.ops->setMemoryTarget(env.h, env.pv, 300 * 1024), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, msg);
    ck_assert_uint_eq(dom0Info(env.pv).maxMemoryKiB, 200 * 1024 + 1024);
}
END_TEST

START_TEST(test_vcpus_beyond_maximum)
{
    g_autofree char *msg = g_strdup_printf("domain %u: cannot set 4 vcpus, its maximum is 2", env.pv);
    g_autofree char *avail = NULL;

    ck_assert_int_ne(env.pv, 0);
    ck_assert_int_eq(env.ops->setVcpusOnline(env.h, env.pv, 4), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, msg);
    ck_assert_int_eq(env.ops->setVcpusOnline(env.h, env.pv, 0), -1);
    ck_assert_xen_error(VIR_ERR_INVALID_ARG, "cannot set 0 vcpus: at least one must stay online");
    avail = dom0StoreRead("/local/domain/%u/cpu/1/availability", env.pv);
    ck_assert_str_eq(avail, "online");
}
END_TEST

/* @releaseDomain fires at once when set; the event is read and dropped */
static bool
watchEventPending(void *opaque)
{
    g_autofree char *path = NULL;
    g_autofree char *token = NULL;
    int rc = env.ops->pollWatch(env.h, &path, &token);

    ck_assert_int_ge(rc, 0);
    if (rc == 1)
        ck_assert_str_eq(token, (const char *)opaque);
    return rc == 1;
}

START_TEST(test_watch)
{
    ck_assert_xen_ok(env.ops->watch(env.h, "@releaseDomain", "vk-release"));
    ck_assert_int_ge(env.ops->watchFd(env.h), 0);
    ck_assert(dom0Wait(watchEventPending, (void *)"vk-release", 10, "the watch fired once when set"));
}
END_TEST

TCase *
dom0GuestCase(void)
{
    TCase *tc = tcase_create("guests");

    tcase_add_test(tc, test_create);
    tcase_add_test(tc, test_shutdown_before_boot);
    tcase_add_test(tc, test_create_refusals);
    tcase_add_test(tc, test_config_recorded);
    tcase_add_test(tc, test_pause);
    tcase_add_test(tc, test_vcpu_pin);
    tcase_add_test(tc, test_vcpu_list);
    tcase_add_test(tc, test_sched);
    tcase_add_test(tc, test_max_memory);
    tcase_add_test(tc, test_vcpus_beyond_maximum);
    tcase_add_test(tc, test_watch);
    return tc;
}
