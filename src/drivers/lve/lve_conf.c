/*
 * lve_conf.c: the limits of an LVE, their units and ranges, and the defaults
 */
#include "internal.h"

#include "lve_conf.h"
#include "virenum.h"
#include "virerror.h"
#include "virhostcpu.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_LVE

typedef enum {
    LVE_UNIT_PERCENT,       /* "150%" (or MHz/GHz of this host's clock) */
    LVE_UNIT_COUNT,         /* a plain number */
    LVE_UNIT_SIZE,          /* a size; a plain number is KiB */
} lveUnit;

/* The largest speed: 100% for each CPU Linux can have. */
#define LVE_SPEED_MAX (100ULL * 8192)
#define LVE_NCPU_MAX 8192ULL

static const struct {
    const char *name;
    lveUnit unit;
    unsigned long long max;
} lveLimitInfo[] = {
    [LVE_LIMIT_SPEED] = { "speed", LVE_UNIT_PERCENT, LVE_SPEED_MAX },
    [LVE_LIMIT_NCPU] = { "ncpu", LVE_UNIT_COUNT, LVE_NCPU_MAX },
    [LVE_LIMIT_PMEM] = { "pmem", LVE_UNIT_SIZE, LVE_LIMIT_MAX_KIB },
    [LVE_LIMIT_VMEM] = { "vmem", LVE_UNIT_SIZE, LVE_LIMIT_MAX_KIB },
    [LVE_LIMIT_IO] = { "io", LVE_UNIT_COUNT, LVE_LIMIT_MAX_COUNT },
    [LVE_LIMIT_IOPS] = { "iops", LVE_UNIT_COUNT, LVE_LIMIT_MAX_COUNT },
    [LVE_LIMIT_NPROC] = { "nproc", LVE_UNIT_COUNT, LVE_LIMIT_MAX_COUNT },
    [LVE_LIMIT_EP] = { "ep", LVE_UNIT_COUNT, LVE_LIMIT_MAX_COUNT },
};
G_STATIC_ASSERT(G_N_ELEMENTS(lveLimitInfo) == LVE_LIMIT_LAST);

const char *
lveLimitName(lveLimit which)
{
    return lveLimitInfo[which].name;
}

int
lveLimitFromName(const char *name)
{
    int i;

    for (i = 0; i < LVE_LIMIT_LAST; i++) {
        if (STREQ(lveLimitInfo[i].name, name))
            return i;
    }
    return -1;
}

int
lveLimitCheck(lveLimit which, unsigned long long value, const char *what)
{
    if (value > lveLimitInfo[which].max) {
        g_autofree char *max = lveLimitFormat(which, lveLimitInfo[which].max);

        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("%s: %s %llu%s is more than an LVE can hold (at most %s)"),
                       what, lveLimitInfo[which].name, value,
                       lveLimitInfo[which].unit == LVE_UNIT_SIZE ? " KiB" : "", max);
        return -1;
    }
    return 0;
}

/* The clock of CPU 0 in MHz, for speeds given in MHz or GHz as lvectl
 * allows; 0 when the host does not say. */
static unsigned long long
lveHostCpuMHz(void)
{
    static gsize once;
    static unsigned long long mhz;

    if (g_once_init_enter(&once)) {
        mhz = virHostCPUGetMHz();
        g_once_init_leave(&once, 1);
    }
    return mhz;
}

static int
lveParseSpeed(const char *str, unsigned long long *value)
{
    g_autofree char *number = NULL;
    const char *unit = str;
    unsigned long long n, scale = 0, mhz;

    while (g_ascii_isdigit(*unit))
        unit++;
    number = g_strndup(str, unit - str);
    if (virStrToULL(number, &n) < 0)
        return -1;
    if (!*unit || STREQ(unit, "%")) {
        *value = n;
        return 0;
    }
    if (g_ascii_strcasecmp(unit, "mhz") == 0)
        scale = 1;
    else if (g_ascii_strcasecmp(unit, "ghz") == 0)
        scale = 1000;
    if (!scale || n > G_MAXUINT32)
        return -1;
    if (!(mhz = lveHostCpuMHz())) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("speed '%s': this host does not report its CPU clock, give the speed in %%"),
                       str);
        return -2;
    }
    /* lvectl's conversion: a share of one core's clock, rounded up */
    *value = (n * scale * 100 + mhz - 1) / mhz;
    return 0;
}

int
lveLimitParse(lveLimit which, const char *str, unsigned long long *value)
{
    unsigned long long bytes;
    int rc = 0;

    switch (lveLimitInfo[which].unit) {
    case LVE_UNIT_PERCENT:
        rc = lveParseSpeed(str, value);
        break;
    case LVE_UNIT_COUNT:
        rc = virStrToULL(str, value);
        break;
    case LVE_UNIT_SIZE:
        if (virStrToScaledBytes(str, 1024, G_MAXINT64, &bytes) < 0) {
            virResetLastError();
            rc = -1;
        } else {
            *value = (bytes + 1023) / 1024;
        }
        break;
    }
    if (rc == -1) {
        virReportError(VIR_ERR_XML_ERROR, _("invalid %s '%s': expected %s"),
                       lveLimitInfo[which].name, str,
                       lveLimitInfo[which].unit == LVE_UNIT_PERCENT ?
                       _("a percentage of one core such as 150%, or MHz/GHz") :
                       lveLimitInfo[which].unit == LVE_UNIT_SIZE ?
                       _("a size such as 512M or 1G (a plain number is KiB)") :
                       _("a non-negative integer"));
    }
    if (rc < 0)
        return -1;
    return lveLimitCheck(which, *value, lveLimitInfo[which].name);
}

void
lveLimitAppend(GString *buf, lveLimit which, unsigned long long value)
{
    static const char units[] = "KMGT";
    size_t u = 0;

    if (lveLimitInfo[which].unit == LVE_UNIT_SIZE && value) {
        /* the largest unit that keeps the value exact */
        while (u + 1 < sizeof(units) - 1 && value % 1024 == 0) {
            value /= 1024;
            u++;
        }
    }
    /* digits by hand: every status file of a changed LVE formats its
     * limits, and printf costs ten times as much */
    virStringAppendULL(buf, value);
    if (lveLimitInfo[which].unit == LVE_UNIT_SIZE && value)
        virStringAppendLen(buf, &units[u], 1);
    else if (lveLimitInfo[which].unit == LVE_UNIT_PERCENT && value)
        virStringAppendLit(buf, "%");
}

char *
lveLimitFormat(lveLimit which, unsigned long long value)
{
    GString *buf = g_string_new(NULL);

    lveLimitAppend(buf, which, value);
    return g_string_free(buf, FALSE);
}

void
lveLimitsEffective(const virDomainDef *def, const lveLimits *defaults, lveLimits *out)
{
    const lveLimits *own = lveDefLimits(def);
    int i;

    for (i = 0; i < LVE_LIMIT_LAST; i++)
        out->value[i] = lveLimitIsSet(own, i) ? own->value[i] : defaults->value[i];
    out->value[LVE_LIMIT_NCPU] = def->vcpus;
    out->set = LVE_LIMITS_ALL;
}

void
lveDefSyncLimits(virDomainDef *def)
{
    lveLimits *lim = lveDefLimits(def);

    lim->value[LVE_LIMIT_NCPU] = def->vcpus;
    /* pmem 0 is unlimited; any other value is the current memory */
    if (lim->value[LVE_LIMIT_PMEM])
        lim->value[LVE_LIMIT_PMEM] = def->curMemory;
    lim->set |= (1U << LVE_LIMIT_NCPU) | (1U << LVE_LIMIT_PMEM);
}

virBitmap *
lveCpusetFor(const virBitmap *placement, unsigned long long ncpu, size_t hostcpus)
{
    g_autoptr(virBitmap) set = virBitmapNew(hostcpus);
    ssize_t cpu = -1;
    size_t n = 0;

    for (;;) {
        cpu = placement ? virBitmapNextSetBit(placement, cpu) : cpu + 1;
        if (cpu < 0 || (size_t)cpu >= hostcpus || (ncpu && n == ncpu))
            break;
        virBitmapSetBit(set, cpu);
        n++;
    }
    if (n == hostcpus)
        return NULL;    /* every CPU: nothing to restrict */
    return g_steal_pointer(&set);
}
