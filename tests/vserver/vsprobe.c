/*
 * vsprobe.c: what the kernel holds for a context, read through the
 * binding, for the driver's tests to compare with what a domain asked
 *
 *   vsprobe XID
 *
 * Prints, one per line, whether the context exists and how many
 * processes it has, whether it is paused, and every setting the kernel
 * lets the binding read: flags, capabilities, the host name, the limits
 * a domain may set, the scheduler and the disk limits.  What the
 * kernel's ABI cannot read is printed as "-" with the reason.  Exits 0
 * when the context exists, 1 when it does not, 2 on an error.
 *
 * The driver's tests run it under the same virtkit-vserver-sim as
 * themselves: it is the kernel's side of each test, read apart from the
 * library under test.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_limits.h"
#include "vserver_syscall.h"
#include "virerror.h"

static const struct {
    const char *name;
    unsigned int id;
} vsprobeLimits[] = {
    { "nproc", VS_RLIMIT_NPROC }, { "nofile", VS_RLIMIT_NOFILE }, { "rss", VS_RLIMIT_RSS },
    { "as", VS_RLIMIT_AS }, { "anon", VS_VLIMIT_ANON }, { "shmem", VS_VLIMIT_SHMEM },
    { "nsock", VS_VLIMIT_NSOCK }, { "openfd", VS_VLIMIT_OPENFD },
};

/* "-" and why, when the kernel did not answer */
static void
vsprobeMissing(const char *what)
{
    printf("%s: - (%s)\n", what, virGetLastErrorMessage());
    virResetLastError();
}

static void
vsprobeValue(const char *what, unsigned long long value)
{
    if (value == VSERVER_RLIM_INFINITY)
        printf(" %s=inf", what);
    else
        printf(" %s=%llu", what, value);
}

static void
vsprobeRlimits(vserverBinding *b, uint32_t xid)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vsprobeLimits); i++) {
        g_autofree char *what = g_strdup_printf("rlimit %s", vsprobeLimits[i].name);
        vserverRlimit lim;

        if (vserverLimitGet(b, xid, vsprobeLimits[i].id, &lim) < 0) {
            vsprobeMissing(what);
            continue;
        }
        printf("%s:", what);
        vsprobeValue("soft", lim.soft);
        vsprobeValue("hard", lim.hard);
        printf("\n");
    }
}

static void
vsprobeBucket(vserverBinding *b, uint32_t xid, int cpu)
{
    g_autofree char *what = cpu < 0 ? g_strdup("sched") : g_strdup_printf("sched cpu %d", cpu);
    vserverSched s = { .mask = cpu < 0 ? 0 : VS_VXSM_CPU_ID, .cpuId = cpu, .bucketId = 0 };

    if (vserverSchedGet(b, xid, &s) < 0) {
        vsprobeMissing(what);
        return;
    }
    printf("%s: fill_rate=%d interval=%d fill_rate2=%d interval2=%d tokens=%d min=%d max=%d bias=%d\n",
           what, s.fillRate[0], s.interval[0], s.fillRate[1], s.interval[1], s.tokens,
           s.tokensMin, s.tokensMax, s.prioBias);
}

static void
vsprobeIdentity(vserverBinding *b, uint32_t xid)
{
    g_autofree char *name = NULL;
    uint64_t bits;
    bool paused;

    if (vserverContextGetPaused(b, xid, &paused) == 0)
        printf("paused: %s\n", paused ? "yes" : "no");
    else
        vsprobeMissing("paused");
    if (vserverContextGetFlags(b, xid, &bits) == 0)
        printf("flags: 0x%" G_GINT64_MODIFIER "x\n", bits);
    else
        vsprobeMissing("flags");
    if (vserverContextGetCcaps(b, xid, &bits) == 0)
        printf("ccaps: 0x%" G_GINT64_MODIFIER "x\n", bits);
    else
        vsprobeMissing("ccaps");
    if (vserverContextGetBcaps(b, xid, &bits) == 0)
        printf("bcaps: 0x%" G_GINT64_MODIFIER "x\n", bits);
    else
        vsprobeMissing("bcaps");
    /* a new context has the host's: that one is not printed, it differs
     * from host to host */
    if (vserverContextGetName(b, xid, VS_VHIN_NODENAME, &name) == 0)
        printf("nodename: %s\n", STREQ(name, g_get_host_name()) ? "(the host's)" : name);
    else
        vsprobeMissing("nodename");
}

int
main(int argc, char **argv)
{
    g_autoptr(vserverBinding) b = NULL;
    uint64_t space, inodes;
    uint32_t tasks = 0;
    guint64 xid;
    int exists;

    if (argc != 2 || !g_ascii_string_to_unsigned(argv[1], 10, 0, G_MAXUINT32, &xid, NULL)) {
        fprintf(stderr, "usage: vsprobe XID\n");
        return 2;
    }
    if (!(b = vserverBindingOpen(&vserverSyscallKernel, NULL)) ||
        (exists = vserverContextExists(b, xid, &tasks)) < 0) {
        fprintf(stderr, "vsprobe: %s\n", virGetLastErrorMessage());
        return 2;
    }
    if (!exists) {
        printf("context %u: none\n", (unsigned int)xid);
        return 1;
    }
    printf("context %u: %u processes\n", (unsigned int)xid, tasks);
    vsprobeIdentity(b, xid);
    vsprobeRlimits(b, xid);
    vsprobeBucket(b, xid, -1);
    vsprobeBucket(b, xid, 0);
    if (vserverDiskLimitGet(b, xid, &space, &inodes) == 0)
        printf("disklimit: space=%" G_GUINT64_FORMAT " inodes=%" G_GUINT64_FORMAT "\n",
               space, inodes);
    else
        vsprobeMissing("disklimit");
    return 0;
}
