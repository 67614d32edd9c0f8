/*
 * virtsh-domain-mem.c: memory and block I/O tuning of a domain:
 * setmem, setmaxmem, memtune, blkiotune
 *
 * Sizes take units ("512M", "2GiB", "1048576" meaning KiB); memtune
 * prints virsh's table of tunables, "unlimited" for the unlimited value.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>

#include "virtsh.h"
#include "vsh-util.h"

/* Sizes of setmem and setmaxmem go to calls taking unsigned long KiB. */
static unsigned long long
virtshMemoryMaxBytes(void)
{
    if (sizeof(unsigned long) < sizeof(unsigned long long))
        return 1024ull * ULONG_MAX;
    return ULONG_MAX;
}

/* The flags of --config/--live/--current, or -1 when none was given
 * (setmem then acts on the running domain, setmaxmem on the current
 * state, as in virsh). */
static bool
virtshMemoryFlags(vshControl *ctl, const vshCmd *cmd, int *flags)
{
    unsigned int impact;

    if (!virtshImpactFlags(ctl, cmd, &impact))
        return false;
    *flags = impact;
    if (!vshCommandOptBool(cmd, "current") && impact == VIR_DOMAIN_AFFECT_CURRENT)
        *flags = -1;
    return true;
}

/*
 * "setmem" command
 */
static const vshCmdInfo info_setmem = {
    .help = "change memory allocation",
    .desc = "Change the current memory allocation in the guest domain.",
};

static const vshCmdOptDef opts_setmem[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "kilobytes", .type = VSH_OT_ALIAS, .help = "size"},
    {.name = "size", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "new memory size, as scaled integer (default KiB)"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_END
};

/* The domain, the --config/--live/--current flags (-1: none given) and the
 * size in KiB, rounded up, that setmem and setmaxmem share. */
static virDomainPtr
virtshMemorySizeOptions(vshControl *ctl, const vshCmd *cmd, int *flags, unsigned long *kibibytes)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned long long bytes = 0;

    if (!virtshMemoryFlags(ctl, cmd, flags))
        return NULL;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return NULL;
    if (vshCommandOptScaledInt(ctl, cmd, "size", &bytes, 1024, virtshMemoryMaxBytes()) < 0)
        return NULL;
    *kibibytes = (bytes + 1023) / 1024;
    return g_steal_pointer(&dom);
}

static bool
cmdSetmem(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned long kibibytes;
    int flags;

    if (!(dom = virtshMemorySizeOptions(ctl, cmd, &flags, &kibibytes)))
        return false;
    if (flags == -1)
        flags = VIR_DOMAIN_AFFECT_LIVE;
    return virDomainSetMemoryFlags(dom, kibibytes, flags) == 0;
}

/*
 * "setmaxmem" command
 */
static const vshCmdInfo info_setmaxmem = {
    .help = "change maximum memory limit",
    .desc = "Change the maximum memory allocation limit in the guest domain.",
};

static const vshCmdOptDef opts_setmaxmem[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "kilobytes", .type = VSH_OT_ALIAS, .help = "size"},
    {.name = "size", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ,
     .help = "new maximum memory size, as scaled integer (default KiB)"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_END
};

static bool
cmdSetmaxmem(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned long kibibytes;
    int flags;

    if (!(dom = virtshMemorySizeOptions(ctl, cmd, &flags, &kibibytes)))
        return false;
    if (flags == -1)
        flags = VIR_DOMAIN_AFFECT_CURRENT;
    if (virDomainSetMemoryFlags(dom, kibibytes, flags | VIR_DOMAIN_MEM_MAXIMUM) < 0) {
        vshError(ctl, "%s", "Unable to change MaxMemorySize");
        return false;
    }
    return true;
}

/*
 * "memtune" command
 */
static const vshCmdInfo info_memtune = {
    .help = "Get or set memory parameters",
    .desc = "Get or set the current memory parameters for a guest domain.\n"
            "    To get the memory parameters use following command: \n\n"
            "    virtsh # memtune <domain>",
};

static const vshCmdOptDef opts_memtune[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "hard-limit", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "Max memory, as scaled integer (default KiB)"},
    {.name = "soft-limit", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "Memory during contention, as scaled integer (default KiB)"},
    {.name = "swap-hard-limit", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "Max memory plus swap, as scaled integer (default KiB)"},
    {.name = "min-guarantee", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "Min guaranteed memory, as scaled integer (default KiB)"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

/* One limit in KiB: a negative number means unlimited.  Returns 1 when
 * given, 0 when not, -1 when malformed. */
static int
virtshMemtuneGetSize(vshControl *ctl, const vshCmd *cmd, const char *name,
                     unsigned long long *kib)
{
    const char *data = vshCommandOptData(cmd, name);
    unsigned long long bytes;
    const char *end;
    char *stop;
    long long v;

    if (!data)
        return 0;
    errno = 0;
    v = g_ascii_strtoll(data, &stop, 10);
    if (stop == data || errno)
        return -1;
    if (v < 0) {
        *kib = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
        return 1;
    }
    if (vshStrToULL(data, &bytes, &end) < 0 ||
        vshScaleInteger(ctl, &bytes, end, 1024, LLONG_MAX) < 0)
        return -1;
    *kib = (bytes + 1023) / 1024;
    return 1;
}

/* Limits in KiB under their name and "_kib"; unlimited is null. */
static void
virtshMemtunePrintJSON(vshControl *ctl, const virTypedParameter *params, int nparams)
{
    vshJson json;
    int i;

    vshJsonBegin(&json, false);
    for (i = 0; i < nparams; i++) {
        g_autofree char *key = g_strconcat(params[i].field, "_kib", NULL);

        if (params[i].type == VIR_TYPED_PARAM_ULLONG &&
            params[i].value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
            vshJsonNull(&json, key);
        else
            vshJsonTypedParam(&json, key, &params[i]);
    }
    vshJsonPrint(&json, ctl);
}

static bool
virtshMemtunePrint(vshControl *ctl, virDomainPtr dom, unsigned int flags, bool optJSON)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0, i;

    if (virDomainGetMemoryParameters(dom, NULL, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get number of memory parameters");
        return false;
    }
    if (nparams == 0) {
        if (optJSON)
            virtshMemtunePrintJSON(ctl, NULL, 0);
        return true;
    }
    params = g_new0(virTypedParameter, nparams);
    if (virDomainGetMemoryParameters(dom, params, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get memory parameters");
        g_free(params);
        return false;
    }
    if (optJSON) {
        virtshMemtunePrintJSON(ctl, params, nparams);
        virTypedParamsFree(params, nparams);
        return true;
    }
    for (i = 0; i < nparams; i++) {
        g_autofree char *str = NULL;

        if (params[i].type == VIR_TYPED_PARAM_ULLONG &&
            params[i].value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
            str = g_strdup("unlimited");
        else
            str = vshTypedParamValue(&params[i]);
        vshPrint(ctl, "%-15s: %s\n", params[i].field, str);
    }
    virTypedParamsFree(params, nparams);
    return true;
}

static bool
cmdMemtune(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const limits[][2] = {
        { "hard-limit", VIR_DOMAIN_MEMORY_HARD_LIMIT },
        { "soft-limit", VIR_DOMAIN_MEMORY_SOFT_LIMIT },
        { "swap-hard-limit", VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT },
        { "min-guarantee", VIR_DOMAIN_MEMORY_MIN_GUARANTEE },
    };
    g_autoptr(virtshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0, rc;
    unsigned int flags;
    size_t i;
    bool ret = false;

    if (!virtshImpactFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    for (i = 0; i < G_N_ELEMENTS(limits); i++) {
        unsigned long long kib;

        if ((rc = virtshMemtuneGetSize(ctl, cmd, limits[i][0], &kib)) < 0) {
            vshError(ctl, "Unable to parse integer parameter %s", limits[i][0]);
            goto cleanup;
        }
        if (rc == 1 &&
            virTypedParamsAddULLong(&params, &nparams, &maxparams, limits[i][1], kib) < 0)
            goto error;
    }
    if (nparams == 0) {
        ret = virtshMemtunePrint(ctl, dom, flags, vshCommandOptBool(cmd, "json"));
        goto cleanup;
    }
    if (virDomainSetMemoryParameters(dom, params, nparams, flags) != 0)
        goto error;
    ret = true;
    goto cleanup;

 error:
    vshError(ctl, "%s", "Unable to change memory parameters");
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

/*
 * "blkiotune" command
 */
static const vshCmdInfo info_blkiotune = {
    .help = "Get or set blkio parameters",
    .desc = "Get or set the current blkio parameters for a guest domain.\n"
            "    To get the blkio parameters use following command: \n\n"
            "    virtsh # blkiotune <domain>",
};

static const vshCmdOptDef opts_blkiotune[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "weight", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "IO Weight"},
    {.name = "device-weights", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "per-device IO Weights, in the form of /path/to/device,weight,..."},
    {.name = "device-read-iops-sec", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "per-device read I/O limit per second, in the form of /path/to/device,read_iops_sec,..."},
    {.name = "device-write-iops-sec", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "per-device write I/O limit per second, in the form of /path/to/device,write_iops_sec,..."},
    {.name = "device-read-bytes-sec", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "per-device bytes read per second, in the form of /path/to/device,read_bytes_sec,..."},
    {.name = "device-write-bytes-sec", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "per-device bytes wrote per second, in the form of /path/to/device,write_bytes_sec,..."},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
virtshBlkioPrint(vshControl *ctl, virDomainPtr dom, unsigned int flags, bool optJSON)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0, i;
    vshJson json;

    if (virDomainGetBlkioParameters(dom, NULL, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get number of blkio parameters");
        return false;
    }
    if (nparams == 0 && !optJSON)
        return true;
    params = g_new0(virTypedParameter, MAX(nparams, 1));
    if (nparams > 0 && virDomainGetBlkioParameters(dom, params, &nparams, flags) != 0) {
        vshError(ctl, "%s", "Unable to get blkio parameters");
        g_free(params);
        return false;
    }
    if (optJSON) {
        vshJsonBegin(&json, false);
        vshJsonTypedParams(&json, params, nparams, "");
        vshJsonPrint(&json, ctl);
        virTypedParamsFree(params, nparams);
        return true;
    }
    for (i = 0; i < nparams; i++) {
        g_autofree char *str = vshTypedParamValue(&params[i]);

        vshPrint(ctl, "%-15s: %s\n", params[i].field, str);
    }
    virTypedParamsFree(params, nparams);
    return true;
}

/* Collects the parameters to set; -1 after reporting an error. */
static int
virtshBlkioCollect(vshControl *ctl, const vshCmd *cmd, virTypedParameterPtr *params,
                   int *nparams, int *maxparams)
{
    static const char *const devices[][2] = {
        { "device-weights", VIR_DOMAIN_BLKIO_DEVICE_WEIGHT },
        { "device-read-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS },
        { "device-write-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS },
        { "device-read-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_BPS },
        { "device-write-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS },
    };
    size_t i;
    int weight, rc;

    if ((rc = vshCommandOptInt(ctl, cmd, "weight", &weight)) < 0)
        return -1;
    if (rc > 0) {
        if (weight <= 0) {
            vshError(ctl, "Invalid value of %d for I/O weight", weight);
            return -1;
        }
        if (virTypedParamsAddUInt(params, nparams, maxparams, VIR_DOMAIN_BLKIO_WEIGHT, weight) < 0)
            return -1;
    }
    for (i = 0; i < G_N_ELEMENTS(devices); i++) {
        const char *value = NULL;

        if ((rc = vshCommandOptString(ctl, cmd, devices[i][0], &value)) < 0)
            return -1;
        if (rc > 0 &&
            virTypedParamsAddString(params, nparams, maxparams, devices[i][1], value) < 0)
            return -1;
    }
    return 0;
}

static bool
cmdBlkiotune(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0;
    unsigned int flags;
    bool ret = false;

    if (!virtshImpactFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virtshBlkioCollect(ctl, cmd, &params, &nparams, &maxparams) < 0)
        goto cleanup;
    if (nparams == 0) {
        ret = virtshBlkioPrint(ctl, dom, flags, vshCommandOptBool(cmd, "json"));
    } else if (virDomainSetBlkioParameters(dom, params, nparams, flags) < 0) {
        vshError(ctl, "%s", "Unable to change blkio parameters");
    } else {
        ret = true;
    }
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

const vshCmdDef domMemoryCmds[] = {
    {.name = "blkiotune", .handler = cmdBlkiotune, .opts = opts_blkiotune, .info = &info_blkiotune},
    {.name = "memtune", .handler = cmdMemtune, .opts = opts_memtune, .info = &info_memtune},
    {.name = "setmaxmem", .handler = cmdSetmaxmem, .opts = opts_setmaxmem, .info = &info_setmaxmem},
    {.name = "setmem", .handler = cmdSetmem, .opts = opts_setmem, .info = &info_setmem},
    {.name = NULL}
};
