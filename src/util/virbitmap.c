/*
 * virbitmap.c: fixed-size bit maps, cpulists and cpumaps
 */
#include "internal.h"

#include "virbitmap.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_NONE

#define VIR_BITMAP_BITS_PER_UNIT 64
#define VIR_BITMAP_UNITS(nbits) (((nbits) + VIR_BITMAP_BITS_PER_UNIT - 1) / VIR_BITMAP_BITS_PER_UNIT)
#define VIR_BITMAP_UNIT(pos) ((pos) / VIR_BITMAP_BITS_PER_UNIT)
#define VIR_BITMAP_MASK(pos) (G_GUINT64_CONSTANT(1) << ((pos) % VIR_BITMAP_BITS_PER_UNIT))

/* The largest bit map a cpulist may describe: far above any host, low
 * enough that a hostile "0-4294967295" cannot allocate gigabytes. */
#define VIR_BITMAP_MAX_BITS (1 << 20)

struct _virBitmap {
    size_t nbits;
    guint64 map[];
};

virBitmap *
virBitmapNew(size_t nbits)
{
    virBitmap *bitmap;

    g_assert(nbits <= VIR_BITMAP_MAX_BITS);
    bitmap = g_malloc0(sizeof(*bitmap) +
                       VIR_BITMAP_UNITS(nbits) * sizeof(bitmap->map[0]));
    bitmap->nbits = nbits;
    return bitmap;
}

void
virBitmapFree(virBitmap *bitmap)
{
    g_free(bitmap);
}

virBitmap *
virBitmapCopy(const virBitmap *src)
{
    size_t len;

    if (!src)
        return NULL;
    len = sizeof(*src) + VIR_BITMAP_UNITS(src->nbits) * sizeof(src->map[0]);
    return g_memdup2(src, len);
}

size_t
virBitmapSize(const virBitmap *bitmap)
{
    return bitmap->nbits;
}

int
virBitmapSetBit(virBitmap *bitmap, size_t pos)
{
    if (pos >= bitmap->nbits)
        return -1;
    bitmap->map[VIR_BITMAP_UNIT(pos)] |= VIR_BITMAP_MASK(pos);
    return 0;
}

int
virBitmapClearBit(virBitmap *bitmap, size_t pos)
{
    if (pos >= bitmap->nbits)
        return -1;
    bitmap->map[VIR_BITMAP_UNIT(pos)] &= ~VIR_BITMAP_MASK(pos);
    return 0;
}

bool
virBitmapIsBitSet(const virBitmap *bitmap, size_t pos)
{
    if (pos >= bitmap->nbits)
        return false;
    return (bitmap->map[VIR_BITMAP_UNIT(pos)] & VIR_BITMAP_MASK(pos)) != 0;
}

void
virBitmapSetAll(virBitmap *bitmap)
{
    size_t units = VIR_BITMAP_UNITS(bitmap->nbits);
    size_t tail = bitmap->nbits % VIR_BITMAP_BITS_PER_UNIT;

    if (units == 0)
        return;
    memset(bitmap->map, 0xff, units * sizeof(bitmap->map[0]));
    /* bits past nbits stay clear, so Equal and CountBits need no masks */
    if (tail)
        bitmap->map[units - 1] = (G_GUINT64_CONSTANT(1) << tail) - 1;
}

void
virBitmapClearAll(virBitmap *bitmap)
{
    memset(bitmap->map, 0, VIR_BITMAP_UNITS(bitmap->nbits) * sizeof(bitmap->map[0]));
}

bool
virBitmapIsAllClear(const virBitmap *bitmap)
{
    size_t i;

    for (i = 0; i < VIR_BITMAP_UNITS(bitmap->nbits); i++) {
        if (bitmap->map[i])
            return false;
    }
    return true;
}

size_t
virBitmapCountBits(const virBitmap *bitmap)
{
    size_t i, count = 0;

    for (i = 0; i < VIR_BITMAP_UNITS(bitmap->nbits); i++)
        count += __builtin_popcountll(bitmap->map[i]);
    return count;
}

/* The first set bit after @pos (pass -1 to start), or -1 when none. */
ssize_t
virBitmapNextSetBit(const virBitmap *bitmap, ssize_t pos)
{
    size_t next = pos + 1;

    while (next < bitmap->nbits) {
        guint64 bits = bitmap->map[VIR_BITMAP_UNIT(next)] >> (next % VIR_BITMAP_BITS_PER_UNIT);

        if (bits)
            return next + __builtin_ctzll(bits);
        next = (VIR_BITMAP_UNIT(next) + 1) * VIR_BITMAP_BITS_PER_UNIT;
    }
    return -1;
}

ssize_t
virBitmapLastSetBit(const virBitmap *bitmap)
{
    size_t i = VIR_BITMAP_UNITS(bitmap->nbits);

    while (i-- > 0) {
        if (bitmap->map[i])
            return i * VIR_BITMAP_BITS_PER_UNIT + 63 - __builtin_clzll(bitmap->map[i]);
    }
    return -1;
}

bool
virBitmapEqual(const virBitmap *a, const virBitmap *b)
{
    if (!a || !b)
        return a == b;
    if (a->nbits != b->nbits)
        return false;
    return memcmp(a->map, b->map, VIR_BITMAP_UNITS(a->nbits) * sizeof(a->map[0])) == 0;
}

/* Parses one decimal CPU number at *cur, advancing it. */
static int
virBitmapParseNumber(const char **cur, size_t *value)
{
    const char *start = *cur;
    size_t v = 0;

    while (g_ascii_isdigit(**cur)) {
        v = v * 10 + (**cur - '0');
        if (v > VIR_BITMAP_MAX_BITS)
            return -1;
        (*cur)++;
    }
    if (*cur == start)
        return -1;
    *value = v;
    return 0;
}

/* Parses "N", "N-M", "^N" or "^N-M" (one comma-separated part). */
static int
virBitmapParseItem(const char *item, size_t nbits, bool *negate,
                   size_t *first, size_t *last)
{
    const char *cur = item;

    while (g_ascii_isspace(*cur))
        cur++;
    *negate = *cur == '^';
    if (*negate)
        cur++;
    if (virBitmapParseNumber(&cur, first) < 0)
        return -1;
    *last = *first;
    if (*cur == '-') {
        cur++;
        if (virBitmapParseNumber(&cur, last) < 0 || *last < *first)
            return -1;
    }
    while (g_ascii_isspace(*cur))
        cur++;
    if (*cur != '\0')
        return -1;
    if (*last >= nbits)
        return -1;
    return 0;
}

virBitmap *
virBitmapParse(const char *str, size_t nbits)
{
    g_autoptr(virBitmap) bitmap = NULL;
    g_auto(GStrv) items = NULL;
    size_t i;

    if (!str || !*str) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("empty CPU list"));
        return NULL;
    }
    if (nbits > VIR_BITMAP_MAX_BITS)
        nbits = VIR_BITMAP_MAX_BITS;
    bitmap = virBitmapNew(nbits);
    items = g_strsplit(str, ",", -1);
    for (i = 0; items[i]; i++) {
        bool negate;
        size_t first, last, cpu;
        int rc = virBitmapParseItem(items[i], nbits, &negate, &first, &last);

        if (rc < 0) {
            /* libvirt's words, whatever is wrong: scripts compare them */
            virReportError(VIR_ERR_INVALID_ARG, _("Failed to parse bitmap '%s'"), str);
            return NULL;
        }
        for (cpu = first; cpu <= last; cpu++) {
            if (negate)
                virBitmapClearBit(bitmap, cpu);
            else
                virBitmapSetBit(bitmap, cpu);
        }
    }
    return g_steal_pointer(&bitmap);
}

/* Formats as "0-3,5,7-8"; an empty map formats as "". */
char *
virBitmapFormat(const virBitmap *bitmap)
{
    GString *out = g_string_sized_new(16);
    ssize_t start = virBitmapNextSetBit(bitmap, -1);

    while (start >= 0) {
        ssize_t end = start;

        while (virBitmapIsBitSet(bitmap, end + 1))
            end++;
        if (out->len)
            g_string_append_c(out, ',');
        virStringAppendULL(out, start);
        if (end != start) {
            g_string_append_c(out, '-');
            virStringAppendULL(out, end);
        }
        start = virBitmapNextSetBit(bitmap, end);
    }
    return g_string_free(out, FALSE);
}

void
virBitmapToCpumap(const virBitmap *bitmap, unsigned char *cpumap, int maplen)
{
    int i;

    for (i = 0; i < maplen; i++) {
        size_t pos = (size_t)i * 8;

        cpumap[i] = pos < bitmap->nbits ?
            (unsigned char)(bitmap->map[VIR_BITMAP_UNIT(pos)] >> (pos % VIR_BITMAP_BITS_PER_UNIT)) : 0;
    }
}

/**
 * virBitmapFromCpumap:
 * @cpumap: a public-API cpumap
 * @maplen: its length in bytes, from 1 to the host's map length
 * @hostcpus: number of CPUs of the host
 *
 * Turns a cpumap supplied by a caller into a bit map of @hostcpus bits.
 * A shorter map means the missing bytes are zero; a longer map, a bit
 * beyond the host's CPUs, or a map with no CPU at all is an error.
 */
virBitmap *
virBitmapFromCpumap(const unsigned char *cpumap, int maplen, size_t hostcpus)
{
    g_autoptr(virBitmap) bitmap = NULL;
    int hostlen = VIR_CPU_MAPLEN(hostcpus);
    size_t cpu;

    if (maplen <= 0 || maplen > hostlen) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cpumap length %d is out of range: this host has %zu CPUs, so it must be 1 to %d bytes"),
                       maplen, hostcpus, hostlen);
        return NULL;
    }
    bitmap = virBitmapNew(hostcpus);
    for (cpu = 0; cpu < (size_t)maplen * 8; cpu++) {
        if (!VIR_CPU_USED(cpumap, cpu))
            continue;
        if (cpu >= hostcpus) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("cpumap has CPU %zu set, but this host has only %zu CPUs (0-%zu)"),
                           cpu, hostcpus, hostcpus - 1);
            return NULL;
        }
        virBitmapSetBit(bitmap, cpu);
    }
    if (virBitmapIsAllClear(bitmap)) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("cpumap selects no CPU: at least one CPU must be set"));
        return NULL;
    }
    return g_steal_pointer(&bitmap);
}
