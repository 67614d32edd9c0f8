/*
 * vserver_conf.c: the names of a context's limits, flags, capabilities
 * and scheduler fields, and the units of its limits
 */
#include "internal.h"

#include "vserver_abi.h"
#include "vserver_conf.h"
#include "virenum.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

vserverDomainNs *
vserverDefNs(const virDomainDef *def)
{
    return def->nsData;
}

/* ---- limits -------------------------------------------------------- */

VIR_ENUM_IMPL(vserverRlimit, VSERVER_LIMIT_LAST,
              "nproc", "nofile", "rss", "as", "anon", "shmem", "nsock", "openfd");

/* the kernel's limit ids, and whether they count pages */
static const struct {
    unsigned int id;
    bool pages;
} vserverLimitInfo[] = {
    [VSERVER_LIMIT_NPROC] = { VS_RLIMIT_NPROC, false },
    [VSERVER_LIMIT_NOFILE] = { VS_RLIMIT_NOFILE, false },
    [VSERVER_LIMIT_RSS] = { VS_RLIMIT_RSS, true },
    [VSERVER_LIMIT_AS] = { VS_RLIMIT_AS, true },
    [VSERVER_LIMIT_ANON] = { VS_VLIMIT_ANON, true },
    [VSERVER_LIMIT_SHMEM] = { VS_VLIMIT_SHMEM, true },
    [VSERVER_LIMIT_NSOCK] = { VS_VLIMIT_NSOCK, false },
    [VSERVER_LIMIT_OPENFD] = { VS_VLIMIT_OPENFD, false },
};
G_STATIC_ASSERT(G_N_ELEMENTS(vserverLimitInfo) == VSERVER_LIMIT_LAST);

unsigned int
vserverRlimitKernelId(vserverLimit which)
{
    return vserverLimitInfo[which].id;
}

bool
vserverRlimitCountsPages(vserverLimit which)
{
    return vserverLimitInfo[which].pages;
}

unsigned long long
vserverKiBToPages(unsigned long long kib, long pageSize)
{
    unsigned long long pageKiB = pageSize / 1024;

    return kib / pageKiB + (kib % pageKiB != 0);
}

unsigned long long
vserverPagesToKiB(unsigned long long pages, long pageSize)
{
    unsigned long long pageKiB = pageSize / 1024;

    if (pages == VSERVER_UNLIMITED || pages > G_MAXUINT64 / pageKiB)
        return VSERVER_UNLIMITED;
    return pages * pageKiB;
}

void
vserverDefSyncMemory(virDomainDef *def, long pageSize)
{
    vserverDefRlimit *rss = &vserverDefNs(def)->rlimits[VSERVER_LIMIT_RSS];

    rss->hard = vserverKiBToPages(def->curMemory, pageSize);
    rss->has |= VSERVER_RLIM_HAS_HARD;
}

/* ---- flags and capabilities ---------------------------------------- */

typedef struct {
    const char *name;
    uint64_t bit;
    const char *refused;            /* why a domain may not set it, or NULL */
} vserverBitName;

#define FLAG(n, b) { n, VS_VXF_ ## b, NULL }
#define OWNED(n, b, why) { n, VS_VXF_ ## b, why }

/* util-vserver's names of the context flags */
static const vserverBitName vserverFlagNames[] = {
    FLAG("sched", INFO_SCHED), FLAG("nproc", INFO_NPROC), FLAG("private", INFO_PRIVATE),
    FLAG("fakeinit", INFO_INIT), FLAG("hideinfo", INFO_HIDE), FLAG("ulimit", INFO_ULIMIT),
    FLAG("namespace", INFO_NSPACE), FLAG("sched_hard", SCHED_HARD),
    FLAG("sched_prio", SCHED_PRIO),
    OWNED("sched_pause", SCHED_PAUSE, N_("it is the pause of virDomainSuspend")),
    FLAG("virt_mem", VIRT_MEM), FLAG("virt_uptime", VIRT_UPTIME), FLAG("virt_cpu", VIRT_CPU),
    FLAG("virt_load", VIRT_LOAD), FLAG("virt_time", VIRT_TIME),
    FLAG("hide_mount", HIDE_MOUNT), FLAG("hide_netif", HIDE_NETIF),
    FLAG("hide_vinfo", HIDE_VINFO),
    OWNED("state_setup", STATE_SETUP, N_("the driver sets the context up")),
    OWNED("state_init", STATE_INIT, N_("the driver starts the init")),
    OWNED("state_admin", STATE_ADMIN, N_("the driver must administer the context")),
    FLAG("sc_helper", SC_HELPER), FLAG("reboot_kill", REBOOT_KILL),
    OWNED("persistent", PERSISTENT, N_("a domain's context lives as long as its processes")),
    FLAG("fork_rss", FORK_RSS), FLAG("prolific", PROLIFIC), FLAG("igneg_nice", IGNEG_NICE),
    { NULL, 0, NULL }
};

#define CCAP(n, b) { n, VS_VXC_ ## b, NULL }

static const vserverBitName vserverCcapNames[] = {
    CCAP("set_utsname", SET_UTSNAME), CCAP("set_rlimit", SET_RLIMIT),
    CCAP("fs_security", FS_SECURITY), CCAP("fs_trusted", FS_TRUSTED),
    CCAP("tiocsti", TIOCSTI), CCAP("syslog", SYSLOG), CCAP("oom_adjust", OOM_ADJUST),
    CCAP("audit_control", AUDIT_CONTROL), CCAP("secure_mount", SECURE_MOUNT),
    CCAP("secure_remount", SECURE_REMOUNT), CCAP("binary_mount", BINARY_MOUNT),
    CCAP("quota_ctl", QUOTA_CTL), CCAP("admin_mapper", ADMIN_MAPPER),
    CCAP("admin_cloop", ADMIN_CLOOP), CCAP("kthread", KTHREAD), CCAP("namespace", NAMESPACE),
    { NULL, 0, NULL }
};

/* Linux capabilities by number, as capabilities(7) names them without CAP_ */
static const char *const vserverLinuxCaps[] = {
    "chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid",
    "setuid", "setpcap", "linux_immutable", "net_bind_service", "net_broadcast",
    "net_admin", "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio",
    "sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
    "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write",
    "audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
    "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
};

static const char *const vserverBitsElements[] = { "flags", "ccaps", "bcaps" };
G_STATIC_ASSERT(G_N_ELEMENTS(vserverBitsElements) == VSERVER_BITS_LAST);

const char *
vserverBitsElement(vserverBitsKind kind)
{
    return vserverBitsElements[kind];
}

/* The bit of @name in @kind; 0 when there is none.  @refused: why a
 * domain may not set it, or NULL. */
static uint64_t
vserverBitLookup(vserverBitsKind kind, const char *name, const char **refused)
{
    const vserverBitName *table = kind == VSERVER_BITS_FLAGS ? vserverFlagNames : vserverCcapNames;
    size_t i;

    *refused = NULL;
    if (kind == VSERVER_BITS_BCAPS) {
        for (i = 0; i < G_N_ELEMENTS(vserverLinuxCaps); i++) {
            if (STREQ(vserverLinuxCaps[i], name))
                return 1ULL << i;
        }
        return 0;
    }
    for (i = 0; table[i].name; i++) {
        if (STREQ(table[i].name, name)) {
            *refused = table[i].refused;
            return table[i].bit;
        }
    }
    return 0;
}

static int
vserverBitsAdd(vserverBitsKind kind, const char *word, vserverDefBits *bits)
{
    bool clear = word[0] == '~';
    const char *name = clear ? word + 1 : word;
    const char *refused;
    uint64_t bit = vserverBitLookup(kind, name, &refused);

    if (!bit) {
        virReportError(VIR_ERR_XML_ERROR, _("<vserver:%s>: unknown name '%s'"),
                       vserverBitsElements[kind], name);
        return -1;
    }
    if (refused) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED, _("<vserver:%s>: '%s' cannot be given: %s"),
                       vserverBitsElements[kind], name, _(refused));
        return -1;
    }
    if ((clear ? bits->set : bits->clear) & bit) {
        virReportError(VIR_ERR_XML_ERROR, _("<vserver:%s>: '%s' is both set and cleared"),
                       vserverBitsElements[kind], name);
        return -1;
    }
    if (clear)
        bits->clear |= bit;
    else
        bits->set |= bit;
    return 0;
}

int
vserverBitsParse(vserverBitsKind kind, const char *text, vserverDefBits *bits)
{
    g_auto(GStrv) words = g_strsplit_set(text, " \t\r\n", -1);
    size_t i;

    for (i = 0; words[i]; i++) {
        if (*words[i] && vserverBitsAdd(kind, words[i], bits) < 0)
            return -1;
    }
    return 0;
}

/* The names of @mask, in the table's order, each after @prefix. */
static void
vserverBitsAppend(vserverBitsKind kind, uint64_t mask, const char *prefix, GString *buf)
{
    const vserverBitName *table = kind == VSERVER_BITS_FLAGS ? vserverFlagNames : vserverCcapNames;
    size_t i;

    for (i = 0; kind == VSERVER_BITS_BCAPS && i < G_N_ELEMENTS(vserverLinuxCaps); i++) {
        if (mask & (1ULL << i))
            g_string_append_printf(buf, "%s%s%s", buf->len ? " " : "", prefix,
                                   vserverLinuxCaps[i]);
    }
    for (i = 0; kind != VSERVER_BITS_BCAPS && table[i].name; i++) {
        if (mask & table[i].bit)
            g_string_append_printf(buf, "%s%s%s", buf->len ? " " : "", prefix, table[i].name);
    }
}

void
vserverBitsFormat(vserverBitsKind kind, const vserverDefBits *bits, GString *buf)
{
    vserverBitsAppend(kind, bits->set, "", buf);
    vserverBitsAppend(kind, bits->clear, "~", buf);
}

/* ---- the scheduler ------------------------------------------------- */

const vserverSchedField vserverSchedFields[] = {
    { "fill-rate", "fill_rate", VS_VXSM_FILL_RATE, false },
    { "interval", "interval", VS_VXSM_INTERVAL, false },
    { "fill-rate2", "fill_rate2", VS_VXSM_FILL_RATE2, false },
    { "interval2", "interval2", VS_VXSM_INTERVAL2, false },
    { "tokens", "tokens", VS_VXSM_TOKENS, false },
    { "tokens-min", "tokens_min", VS_VXSM_TOKENS_MIN, false },
    { "tokens-max", "tokens_max", VS_VXSM_TOKENS_MAX, false },
    { "priority-bias", "priority_bias", VS_VXSM_PRIO_BIAS, true },
};
const size_t vserverSchedFieldCount = G_N_ELEMENTS(vserverSchedFields);

int *
vserverBucketField(vserverDefBucket *bucket, unsigned int mask)
{
    switch (mask) {
    case VS_VXSM_FILL_RATE: return &bucket->fillRate;
    case VS_VXSM_INTERVAL: return &bucket->interval;
    case VS_VXSM_FILL_RATE2: return &bucket->fillRate2;
    case VS_VXSM_INTERVAL2: return &bucket->interval2;
    case VS_VXSM_TOKENS: return &bucket->tokens;
    case VS_VXSM_TOKENS_MIN: return &bucket->tokensMin;
    case VS_VXSM_TOKENS_MAX: return &bucket->tokensMax;
    case VS_VXSM_PRIO_BIAS: return &bucket->prioBias;
    }
    return NULL;
}

int
vserverBucketCheck(const vserverSchedField *field, long long value, const char *what)
{
    long long min = 0, max = G_MAXINT32;

    if (field->isSigned) {
        min = VS_PRIO_BIAS_MIN;
        max = VS_PRIO_BIAS_MAX;
    } else if (field->mask & (VS_VXSM_INTERVAL | VS_VXSM_INTERVAL2)) {
        min = 1;    /* a bucket is filled every interval: never 0 */
    }
    if (value < min || value > max) {
        virReportError(VIR_ERR_INVALID_ARG, _("%s: the scheduler's %s must be %lld to %lld, not %lld"),
                       what, field->param, min, max, value);
        return -1;
    }
    return 0;
}

/* ---- UTS names ----------------------------------------------------- */

static const char *const vserverUtsNames[] = { "hostname", "domainname", "machine", "release" };
G_STATIC_ASSERT(G_N_ELEMENTS(vserverUtsNames) == VSERVER_UTS_LAST);

const char *
vserverUtsName(vserverUts which)
{
    return vserverUtsNames[which];
}
