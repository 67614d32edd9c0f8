/*
 * xen_dom0_host.c: the host through the binding, against `xl info` and
 * `xl list`: version, physinfo, the console ring, Domain-0, listing in one
 * batch; and the refusals that need no guest (a domain that does not
 * exist, Domain-0, memory sharing compiled out of Debian's Xen)
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xen_dom0_test.h"

START_TEST(test_open)
{
    env.ops = &xenHypervisorOps;
    env.h = env.ops->open();
    ck_assert_msg(env.h != NULL, "open: %s", xenTestLastMessage());
    ck_assert_xen_ok(env.ops->physinfo(env.h, &env.phys));
}
END_TEST

static const char *
xlInfo(GHashTable *info, const char *key)
{
    const char *value = g_hash_table_lookup(info, key);

    ck_assert_msg(value != NULL, "xl info has no %s", key);
    return value;
}

START_TEST(test_version)
{
    g_autofree char *out = dom0Xl("info");
    g_autoptr(GHashTable) xl = xenTestKeyValues(out);
    xenVersionInfo v;

    dom0Require();
    ck_assert_xen_ok(env.ops->version(env.h, &v));
    printf("  Xen %u.%u%s: %s\n", v.major, v.minor, v.extra, v.capabilities);
    ck_assert_uint_eq(v.major, strtoul(xlInfo(xl, "xen_major"), NULL, 10));
    ck_assert_uint_eq(v.minor, strtoul(xlInfo(xl, "xen_minor"), NULL, 10));
    ck_assert_str_eq(v.extra, xlInfo(xl, "xen_extra"));
    ck_assert_str_eq(v.capabilities, xlInfo(xl, "xen_caps"));
}
END_TEST

static bool
hasWord(const char *list, const char *word)
{
    g_auto(GStrv) words = g_strsplit(list, " ", -1);

    return g_strv_contains((const gchar *const *)words, word);
}

START_TEST(test_physinfo)
{
    g_autofree char *out = dom0Xl("info");
    g_autoptr(GHashTable) xl = xenTestKeyValues(out);
    xenPhysInfo p;
    const char *caps;
    long long freeDiff;

    dom0Require();
    ck_assert_xen_ok(env.ops->physinfo(env.h, &p));
    printf("  %u CPUs (max id %u), %u MHz, %llu KiB, %llu KiB free, pv=%d hvm=%d hap=%d\n",
           p.nrCpus, p.maxCpuId, p.cpuMHz, p.totalKiB, p.freeKiB, p.pv, p.hvm, p.hap);
    ck_assert_uint_eq(p.nrCpus, strtoul(xlInfo(xl, "nr_cpus"), NULL, 10));
    ck_assert_uint_eq(p.nrNodes, strtoul(xlInfo(xl, "nr_nodes"), NULL, 10));
    ck_assert_uint_eq(p.coresPerSocket, strtoul(xlInfo(xl, "cores_per_socket"), NULL, 10));
    ck_assert_uint_eq(p.threadsPerCore, strtoul(xlInfo(xl, "threads_per_core"), NULL, 10));
    ck_assert_uint_eq(p.cpuMHz, strtoul(xlInfo(xl, "cpu_mhz"), NULL, 10));
    ck_assert_uint_eq(p.totalKiB / 1024, strtoull(xlInfo(xl, "total_memory"), NULL, 10));
    /* nothing is being built: free memory holds still, but Xen may scrub */
    freeDiff = (long long)(p.freeKiB / 1024) - strtoll(xlInfo(xl, "free_memory"), NULL, 10);
    ck_assert_msg(llabs(freeDiff) <= 4, "free memory: %llu KiB, xl says %s MiB",
                  p.freeKiB, xlInfo(xl, "free_memory"));
    ck_assert_uint_eq(p.sharingFreedKiB / 1024, strtoull(xlInfo(xl, "sharing_freed_memory"), NULL, 10));
    ck_assert_uint_eq(p.sharingUsedKiB / 1024, strtoull(xlInfo(xl, "sharing_used_memory"), NULL, 10));
    caps = xlInfo(xl, "virt_caps");
    ck_assert_int_eq(p.pv, hasWord(caps, "pv"));
    ck_assert_int_eq(p.hvm, hasWord(caps, "hvm"));
    ck_assert_int_eq(p.hap, hasWord(caps, "hap"));
    ck_assert_int_eq(p.shadow, hasWord(caps, "shadow"));
    ck_assert_uint_eq(p.maxCpuId + 1, env.phys.maxCpuId + 1);
}
END_TEST

START_TEST(test_console_ring)
{
    g_autofree char *ring = NULL;

    dom0Require();
    ck_assert_ptr_nonnull(ring = env.ops->consoleRing(env.h, false));
    printf("  console ring: %zu bytes\n", strlen(ring));
    ck_assert_msg(strstr(ring, "Xen version 4.17"), "no banner in the console ring");
}
END_TEST

START_TEST(test_domain0)
{
    g_autofree xenDomainInfo *list = NULL;
    g_autofree char *name = NULL;
    g_autofree char *out = dom0Xl("list");
    g_auto(GStrv) row = dom0XlRow(out, "Domain-0");
    static const unsigned char zero[VIR_UUID_BUFLEN];
    size_t n = 0;

    dom0Require();
    ck_assert_xen_ok(env.ops->listDomains(env.h, &list, &n));
    ck_assert_uint_ge(n, 1);
    ck_assert_uint_eq(list[0].id, 0);
    ck_assert_ptr_nonnull(name = env.ops->domainName(env.h, 0));
    ck_assert_str_eq(name, "Domain-0");
    ck_assert_ptr_nonnull(row);
    printf("  xl: %s %s %s MiB %s vcpus %s; binding: %llu KiB, %u vcpus online of %u\n",
           row[0], row[1], row[2], row[3], row[4], list[0].memoryKiB, list[0].onlineVcpus,
           list[0].maxVcpus);
    ck_assert_uint_eq(list[0].memoryKiB / 1024, strtoull(row[2], NULL, 10));
    ck_assert_uint_eq(list[0].onlineVcpus, strtoul(row[3], NULL, 10));
    ck_assert_mem_eq(list[0].uuid, zero, VIR_UUID_BUFLEN);
    ck_assert(!list[0].paused && !list[0].shutdown && !list[0].dying && !list[0].hvm);
}
END_TEST

/* listing is one batch: the same domains as xl, in order of id */
START_TEST(test_list)
{
    g_autofree xenDomainInfo *list = NULL;
    g_autofree char *out = dom0Xl("list");
    g_auto(GStrv) lines = g_strsplit(g_strstrip(out), "\n", -1);
    size_t n = 0, i;

    dom0Require();
    ck_assert_xen_ok(env.ops->listDomains(env.h, &list, &n));
    ck_assert_uint_eq(n, g_strv_length(lines) - 1);
    for (i = 1; i < n; i++)
        ck_assert_uint_gt(list[i].id, list[i - 1].id);
}
END_TEST

/* Every operation on a domain that is not there names it and the request */
START_TEST(test_missing_domain)
{
    const xenOps *o = env.ops;
    xenHandle *h = env.h;
    xenDomainInfo info;
    xenSchedParams sched = { .weight = 256 };
    xenDiskConfig disk = { .source = (char *)"/dev/loop0", .target = (char *)"xvdb" };
    g_autoptr(virBitmap) cpus = virBitmapNew(env.phys.maxCpuId + 1);
    g_autofree xenVcpuInfo *vcpus = NULL;
    g_autofree xenDiskConfig *disks = NULL;
    size_t n;

    dom0Require();
    virBitmapSetBit(cpus, 0);
    ck_assert_int_eq(o->domainInfo(h, MISSING_DOMID, &info), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot read its information: no such domain");
    ck_assert_int_eq(o->pause(h, MISSING_DOMID), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot pause: no such domain");
    ck_assert_int_eq(o->unpause(h, MISSING_DOMID), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot unpause: no such domain");
    ck_assert_int_eq(o->destroy(h, MISSING_DOMID), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot destroy it: no such domain");
    ck_assert_int_eq(o->setMaxMemory(h, MISSING_DOMID, 262144), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot set its maximum memory to 262144 KiB: no such domain");
    ck_assert_int_eq(o->setMemoryTarget(h, MISSING_DOMID, 131072), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot set its balloon target to 131072 KiB: no such domain");
    ck_assert_int_eq(o->setVcpusOnline(h, MISSING_DOMID, 1), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot set 1 vcpus: no such domain");
    ck_assert_int_eq(o->vcpuList(h, MISSING_DOMID, &vcpus, &n), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot read its vcpus: no such domain");
    ck_assert_int_eq(o->vcpuSetAffinity(h, MISSING_DOMID, 0, cpus, NULL), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot pin vcpu 0: no such domain");
    ck_assert_int_eq(o->getSched(h, MISSING_DOMID, &sched), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot read its scheduler parameters: no such domain");
    ck_assert_int_eq(o->setSched(h, MISSING_DOMID, &sched), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot set its scheduler parameters: no such domain");
    ck_assert_ptr_null(o->domainName(h, MISSING_DOMID));
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot read its name: no such domain");
    ck_assert_int_eq(o->shutdown(h, MISSING_DOMID, XEN_REQUEST_POWEROFF), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot ask it to power off: no such domain");
    ck_assert_int_eq(o->sysrq(h, MISSING_DOMID, 'h'), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot send it SysRq key 'h': no such domain");
    ck_assert_int_eq(o->save(h, MISSING_DOMID, "/tmp/missing.save", NULL), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot save it to /tmp/missing.save: no such domain");
    ck_assert_int_eq(o->attachDisk(h, MISSING_DOMID, &disk), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot attach disk xvdb: no such domain");
    ck_assert_int_eq(o->listDisks(h, MISSING_DOMID, &disks, &n), -1);
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot list its disks: no such domain");
    ck_assert_ptr_null(o->domainConfig(h, MISSING_DOMID));
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "domain 31000: cannot read its configuration: no such domain");
}
END_TEST

/* what the toolstack must never do to the domain it runs in */
START_TEST(test_domain0_refusals)
{
    dom0Require();
    ck_assert_int_eq(env.ops->pause(env.h, 0), -1);
    ck_assert_xen_error(VIR_ERR_OPERATION_INVALID, "domain 0: cannot pause Domain-0");
    ck_assert_int_eq(env.ops->destroy(env.h, 0), -1);
    ck_assert_xen_error(VIR_ERR_OPERATION_INVALID, "domain 0: cannot destroy Domain-0");
    ck_assert_int_eq(env.ops->shutdown(env.h, 0, XEN_REQUEST_REBOOT), -1);
    ck_assert_xen_error(VIR_ERR_OPERATION_INVALID, "domain 0: cannot ask it to reboot: Domain-0 is shut down from inside");
    ck_assert_int_eq(env.ops->save(env.h, 0, "/tmp/dom0.save", NULL), -1);
    ck_assert_xen_error(VIR_ERR_OPERATION_INVALID, "domain 0: cannot save Domain-0");
    ck_assert(!g_file_test("/tmp/dom0.save", G_FILE_TEST_EXISTS));
}
END_TEST

/* Debian builds Xen without CONFIG_MEM_SHARING: a clear refusal, zero counters */
START_TEST(test_memory_sharing)
{
    dom0Require();
    ck_assert_int_eq(env.ops->setMemorySharing(env.h, 0, true), -1);
    ck_assert_xen_error(VIR_ERR_NO_SUPPORT,
                        "domain 0: cannot enable memory sharing: memory sharing is not compiled into this Xen hypervisor");
    ck_assert_uint_eq(env.phys.sharingFreedKiB, 0);
    ck_assert_uint_eq(env.phys.sharingUsedKiB, 0);
}
END_TEST

/* Domain-0 gets four times a guest's share: its hotplug scripts then keep
 * within libxl's limits while the guests boot (and the credit scheduler's
 * calls are proved on it against `xl sched-credit`) */
START_TEST(test_domain0_weight)
{
    xenSchedParams p = { 0 };
    xenSchedParams heavy = { .weight = 1024, .cap = 0 };
    g_autofree char *info = dom0Xl("info");
    g_autoptr(GHashTable) kv = xenTestKeyValues(info);
    const char *sched = g_hash_table_lookup(kv, "xen_scheduler");
    g_autofree char *out = NULL;
    g_auto(GStrv) row = NULL;

    dom0Require();
    ck_assert_xen_ok(env.ops->getSched(env.h, 0, &p));
    ck_assert_str_eq(xenSchedulerTypeToString(p.scheduler), sched);
    ck_assert_xen_ok(env.ops->setSched(env.h, 0, &heavy));
    ck_assert_xen_ok(env.ops->getSched(env.h, 0, &p));
    ck_assert_uint_eq(p.weight, 1024);
    out = dom0Xl("sched-%s -d Domain-0", sched);
    ck_assert_ptr_nonnull(row = dom0XlRow(out, "Domain-0"));
    ck_assert_str_eq(row[2], "1024");
}
END_TEST

TCase *
dom0HostCase(void)
{
    TCase *tc = tcase_create("host");

    tcase_add_test(tc, test_open);
    tcase_add_test(tc, test_version);
    tcase_add_test(tc, test_physinfo);
    tcase_add_test(tc, test_console_ring);
    tcase_add_test(tc, test_domain0);
    tcase_add_test(tc, test_list);
    tcase_add_test(tc, test_missing_domain);
    tcase_add_test(tc, test_domain0_refusals);
    tcase_add_test(tc, test_memory_sharing);
    tcase_add_test(tc, test_domain0_weight);
    return tc;
}
