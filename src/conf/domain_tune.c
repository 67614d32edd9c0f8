/*
 * domain_tune.c: <memtune> and <blkiotune> as typed parameters
 */
#include "internal.h"

#include "domain_tune.h"
#include "virenum.h"
#include "virerror.h"
#include "virstring.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* 0 in a tune means "not set", which the API spells as unlimited. */
static unsigned long long
virDomainTuneValue(unsigned long long kib)
{
    return kib ? kib : VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
}

int
virDomainMemtuneGetParams(const virDomainMemtune *tune, virTypedParameterPtr params,
                          int *nparams)
{
    const struct { const char *name; unsigned long long value; } fields[] = {
        { VIR_DOMAIN_MEMORY_HARD_LIMIT, tune->hard_limit },
        { VIR_DOMAIN_MEMORY_SOFT_LIMIT, tune->soft_limit },
        { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, tune->swap_hard_limit },
    };
    int i;

    G_STATIC_ASSERT(G_N_ELEMENTS(fields) == VIR_DOMAIN_MEMTUNE_NPARAMS);
    if (*nparams == 0) {
        *nparams = VIR_DOMAIN_MEMTUNE_NPARAMS;
        return 0;
    }
    for (i = 0; i < *nparams && i < VIR_DOMAIN_MEMTUNE_NPARAMS; i++)
        virTypedParamSetULLong(&params[i], fields[i].name, virDomainTuneValue(fields[i].value));
    *nparams = i;
    return 0;
}

int
virDomainMemtuneApplyParams(virDomainMemtune *tune, const virTypedParameter *params,
                            int nparams)
{
    static const virTypedParamSpec specs[] = {
        { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_MIN_GUARANTEE, VIR_TYPED_PARAM_ULLONG },
    };
    virDomainMemtune next = *tune;
    int i;

    if (virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0)
        return -1;
    for (i = 0; i < nparams; i++) {
        unsigned long long v = params[i].value.ul;
        unsigned long long *field = STREQ(params[i].field, VIR_DOMAIN_MEMORY_HARD_LIMIT) ? &next.hard_limit :
                                    STREQ(params[i].field, VIR_DOMAIN_MEMORY_SOFT_LIMIT) ? &next.soft_limit :
                                    STREQ(params[i].field, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT) ? &next.swap_hard_limit :
                                    &next.min_guarantee;

        if (v == 0 || v > VIR_DOMAIN_MEMORY_PARAM_UNLIMITED) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("%s must be 1 to %llu KiB, or %llu for unlimited (not %llu)"),
                           params[i].field, VIR_DOMAIN_MEMORY_PARAM_UNLIMITED - 1,
                           VIR_DOMAIN_MEMORY_PARAM_UNLIMITED, v);
            return -1;
        }
        *field = v == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED ? 0 : v;
    }
    if (next.hard_limit && next.swap_hard_limit && next.hard_limit > next.swap_hard_limit) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("hard_limit (%llu KiB) must not be more than swap_hard_limit (%llu KiB)"),
                       next.hard_limit, next.swap_hard_limit);
        return -1;
    }
    if (next.hard_limit && next.soft_limit && next.soft_limit > next.hard_limit) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("soft_limit (%llu KiB) must not be more than hard_limit (%llu KiB)"),
                       next.soft_limit, next.hard_limit);
        return -1;
    }
    *tune = next;
    return 0;
}

void
virDomainBlkiotuneClear(virDomainBlkiotune *tune)
{
    size_t i;

    for (i = 0; i < tune->ndevices; i++)
        g_free(tune->devices[i].path);
    g_clear_pointer(&tune->devices, g_free);
    tune->ndevices = 0;
    tune->weight = 0;
}

void
virDomainBlkiotuneCopy(virDomainBlkiotune *dst, const virDomainBlkiotune *src)
{
    size_t i;

    dst->weight = src->weight;
    dst->ndevices = src->ndevices;
    dst->devices = g_new0(virBlkioDevice, src->ndevices);
    for (i = 0; i < src->ndevices; i++) {
        dst->devices[i] = src->devices[i];
        dst->devices[i].path = g_strdup(src->devices[i].path);
    }
}

/* The five per-device parameters, and where each keeps its value. */
typedef enum {
    VIR_BLKIO_DEV_WEIGHT,
    VIR_BLKIO_DEV_RIOPS,
    VIR_BLKIO_DEV_WIOPS,
    VIR_BLKIO_DEV_RBPS,
    VIR_BLKIO_DEV_WBPS,
    VIR_BLKIO_DEV_LAST
} virBlkioDeviceField;

static const char *const virBlkioDeviceParams[] = {
    VIR_DOMAIN_BLKIO_DEVICE_WEIGHT,
    VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS,
    VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
    VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
};
G_STATIC_ASSERT(G_N_ELEMENTS(virBlkioDeviceParams) == VIR_BLKIO_DEV_LAST);

static unsigned long long
virBlkioDeviceGet(const virBlkioDevice *dev, virBlkioDeviceField field)
{
    switch (field) {
    case VIR_BLKIO_DEV_WEIGHT: return dev->weight;
    case VIR_BLKIO_DEV_RIOPS: return dev->riops;
    case VIR_BLKIO_DEV_WIOPS: return dev->wiops;
    case VIR_BLKIO_DEV_RBPS: return dev->rbps;
    case VIR_BLKIO_DEV_WBPS: return dev->wbps;
    case VIR_BLKIO_DEV_LAST: break;
    }
    return 0;
}

static void
virBlkioDeviceSet(virBlkioDevice *dev, virBlkioDeviceField field, unsigned long long value)
{
    switch (field) {
    case VIR_BLKIO_DEV_WEIGHT: dev->weight = value; break;
    case VIR_BLKIO_DEV_RIOPS: dev->riops = value; break;
    case VIR_BLKIO_DEV_WIOPS: dev->wiops = value; break;
    case VIR_BLKIO_DEV_RBPS: dev->rbps = value; break;
    case VIR_BLKIO_DEV_WBPS: dev->wbps = value; break;
    case VIR_BLKIO_DEV_LAST: break;
    }
}

/* "path,value,path,value" for the devices that set @field. */
static char *
virBlkioDeviceFormat(const virBlkioDevice *devices, size_t n, virBlkioDeviceField field)
{
    GString *buf = g_string_new(NULL);
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned long long v = virBlkioDeviceGet(&devices[i], field);

        if (v)
            g_string_append_printf(buf, "%s%s,%llu", buf->len ? "," : "", devices[i].path, v);
    }
    return g_string_free(buf, FALSE);
}

int
virDomainBlkiotuneGetParams(const virDomainBlkiotune *tune, virTypedParameterPtr params,
                            int *nparams, unsigned int flags)
{
    int i, n = 0;

    if (*nparams == 0) {
        *nparams = (flags & VIR_TYPED_PARAM_STRING_OKAY) ? VIR_DOMAIN_BLKIOTUNE_NPARAMS : 1;
        return 0;
    }
    virTypedParamSetUInt(&params[n++], VIR_DOMAIN_BLKIO_WEIGHT, tune->weight);
    for (i = 0; (flags & VIR_TYPED_PARAM_STRING_OKAY) && i < VIR_BLKIO_DEV_LAST && n < *nparams; i++)
        virTypedParamSetString(&params[n++], virBlkioDeviceParams[i],
                               virBlkioDeviceFormat(tune->devices, tune->ndevices, i));
    *nparams = n;
    return 0;
}

static virBlkioDevice *
virBlkioDeviceFind(virDomainBlkiotune *tune, const char *path)
{
    size_t i;

    for (i = 0; i < tune->ndevices; i++) {
        if (STREQ(tune->devices[i].path, path))
            return &tune->devices[i];
    }
    tune->devices = g_renew(virBlkioDevice, tune->devices, tune->ndevices + 1);
    memset(&tune->devices[tune->ndevices], 0, sizeof(virBlkioDevice));
    tune->devices[tune->ndevices].path = g_strdup(path);
    return &tune->devices[tune->ndevices++];
}

/* Applies "path,value,..." to @tune: a value of 0 clears the setting. */
static int
virBlkioDeviceParse(virDomainBlkiotune *tune, virBlkioDeviceField field, const char *str)
{
    g_auto(GStrv) parts = g_strsplit(str, ",", -1);
    size_t i, n = g_strv_length(parts);

    if (!*str)
        return 0;
    if (n % 2) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("%s '%s' must be pairs of 'path,value' separated by commas"),
                       virBlkioDeviceParams[field], str);
        return -1;
    }
    for (i = 0; i < n; i += 2) {
        unsigned long long v;

        if (parts[i][0] != '/' || virStrToULL(parts[i + 1], &v) < 0 ||
            (field == VIR_BLKIO_DEV_WEIGHT && v && (v < 100 || v > 1000))) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("%s: invalid entry '%s,%s' (an absolute path, then a number%s)"),
                           virBlkioDeviceParams[field], parts[i], parts[i + 1],
                           field == VIR_BLKIO_DEV_WEIGHT ? _(" from 100 to 1000, or 0") : "");
            return -1;
        }
        virBlkioDeviceSet(virBlkioDeviceFind(tune, parts[i]), field, v);
    }
    return 0;
}

/* Devices whose every setting went back to 0 are dropped. */
static void
virBlkioDevicesPrune(virDomainBlkiotune *tune)
{
    size_t i = 0;

    while (i < tune->ndevices) {
        virBlkioDevice *d = &tune->devices[i];

        if (d->weight || d->riops || d->wiops || d->rbps || d->wbps) {
            i++;
            continue;
        }
        g_free(d->path);
        memmove(d, d + 1, (tune->ndevices - i - 1) * sizeof(*d));
        tune->ndevices--;
    }
}

int
virDomainBlkiotuneApplyParams(virDomainBlkiotune *tune, const virTypedParameter *params,
                              int nparams)
{
    static const virTypedParamSpec specs[] = {
        { VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, VIR_TYPED_PARAM_STRING },
    };
    virDomainBlkiotune next = { 0 };
    int i;

    if (virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0)
        return -1;
    virDomainBlkiotuneCopy(&next, tune);
    for (i = 0; i < nparams; i++) {
        int field = virEnumFromString(virBlkioDeviceParams, VIR_BLKIO_DEV_LAST, params[i].field);

        if (field < 0) {
            unsigned int w = params[i].value.ui;

            if (w && (w < 100 || w > 1000)) {
                virReportError(VIR_ERR_INVALID_ARG,
                               _("blkio weight must be 100 to 1000, or 0 to unset (not %u)"), w);
                virDomainBlkiotuneClear(&next);
                return -1;
            }
            next.weight = w;
        } else if (virBlkioDeviceParse(&next, field, params[i].value.s) < 0) {
            virDomainBlkiotuneClear(&next);
            return -1;
        }
    }
    virBlkioDevicesPrune(&next);
    virDomainBlkiotuneClear(tune);
    *tune = next;
    return 0;
}
