/*
 * vsh-util.c: numbers, sizes, CPU lists and typed parameters
 *
 * The accepted syntax and the error texts follow libvirt's utilities
 * (virStrToLong_*, virScaleInteger, virBitmapParse) because virsh users
 * type the same things and scripts match the same messages.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vsh-util.h"

int
vshStrToLL(const char *str, long long *value)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(str, &end, 10);
    if (errno || end == str || *end)
        return -1;
    *value = v;
    return 0;
}

int
vshStrToULL(const char *str, unsigned long long *value, const char **end)
{
    const char *p = str;
    char *stop;
    unsigned long long v;

    /* strtoull would quietly wrap "-1" around */
    while (g_ascii_isspace(*p))
        p++;
    if (*p == '-')
        return -1;
    errno = 0;
    v = strtoull(str, &stop, 10);
    if (errno || stop == str || (!end && *stop))
        return -1;
    if (end)
        *end = stop;
    *value = v;
    return 0;
}

int
vshScaleInteger(vshControl *ctl, unsigned long long *value, const char *suffix,
                unsigned long long scale, unsigned long long limit)
{
    unsigned long long base = 1024;

    if (!suffix || !*suffix) {
        suffix = "";
    } else if (g_ascii_strcasecmp(suffix, "b") == 0 ||
               g_ascii_strcasecmp(suffix, "byte") == 0 ||
               g_ascii_strcasecmp(suffix, "bytes") == 0) {
        scale = 1;
    } else {
        const char *units = "kmgtpe";
        const char *unit = strchr(units, g_ascii_tolower(suffix[0]));

        if (!suffix[1] || g_ascii_strcasecmp(suffix + 1, "iB") == 0) {
            base = 1024;
        } else if (g_ascii_tolower(suffix[1]) == 'b' && !suffix[2]) {
            base = 1000;
        } else {
            unit = NULL;
        }
        if (!unit || !*unit) {
            vshSetLastError(ctl, "invalid argument: unknown suffix '%s'", suffix);
            return -1;
        }
        for (scale = base; unit > units; unit--)
            scale *= base;
    }
    if (*value && *value > limit / scale) {
        vshSetLastError(ctl, "numerical overflow: value too large: %llu%s", *value, suffix);
        return -1;
    }
    *value *= scale;
    return 0;
}

/* Reads one CPU number of a list; -1 when there is none. */
static int
vshCPUListNumber(const char **cur)
{
    char *end;
    long v;

    if (!g_ascii_isdigit(**cur))
        return -1;
    errno = 0;
    v = strtol(*cur, &end, 10);
    if (errno || v >= 1024)
        return -1;
    *cur = end;
    return v;
}

/* virBitmapParse's syntax: items "N", "N-M" or "^N" separated by commas,
 * applied in order; blanks allowed around items.  Returns -1 on error. */
static int
vshCPUListParseBits(const char *str, GArray *bits)
{
    const char *cur = str;

    for (;;) {
        bool neg = false;
        int first, last, i;

        while (g_ascii_isspace(*cur))
            cur++;
        if (*cur == '^') {
            neg = true;
            cur++;
        }
        if ((first = last = vshCPUListNumber(&cur)) < 0)
            return -1;
        if (!neg && *cur == '-') {
            cur++;
            if ((last = vshCPUListNumber(&cur)) < 0 || last < first)
                return -1;
        }
        for (i = first; i <= last; i++)
            g_array_index(bits, gboolean, i) = !neg;
        while (g_ascii_isspace(*cur))
            cur++;
        if (*cur == '\0')
            return 0;
        if (*cur++ != ',')
            return -1;
    }
}

unsigned char *
vshParseCPUList(vshControl *ctl, const char *cpulist, int maxcpu, int *cpumaplen)
{
    g_autoptr(GArray) bits = g_array_new(FALSE, TRUE, sizeof(gboolean));
    g_autofree unsigned char *cpumap = NULL;
    int i, last = -1;

    g_array_set_size(bits, 1024);
    *cpumaplen = VIR_CPU_MAPLEN(maxcpu);
    cpumap = g_new0(unsigned char, *cpumaplen);
    if (strcmp(cpulist, "r") == 0) {
        for (i = 0; i < maxcpu; i++)
            VIR_USE_CPU(cpumap, i);
        return g_steal_pointer(&cpumap);
    }
    if (vshCPUListParseBits(cpulist, bits) < 0) {
        vshError(ctl, "Invalid cpulist '%s'", cpulist);
        vshSetLastError(ctl, "invalid argument: Failed to parse bitmap '%s'", cpulist);
        return NULL;
    }
    for (i = 0; i < 1024; i++) {
        if (g_array_index(bits, gboolean, i))
            last = i;
    }
    if (last < 0) {
        vshError(ctl, "Invalid cpulist '%s'", cpulist);
        return NULL;
    }
    if (last >= maxcpu) {
        vshError(ctl, "CPU %d in cpulist '%s' exceed the maxcpu %d", last, cpulist, maxcpu);
        return NULL;
    }
    for (i = 0; i <= last; i++) {
        if (g_array_index(bits, gboolean, i))
            VIR_USE_CPU(cpumap, i);
    }
    return g_steal_pointer(&cpumap);
}

char *
vshFormatCPUMap(const unsigned char *cpumap, int maplen)
{
    GString *str = g_string_new(NULL);
    int ncpus = maplen * 8;
    int cpu = 0;

    while (cpu < ncpus) {
        int start;

        if (!VIR_CPU_USED(cpumap, cpu)) {
            cpu++;
            continue;
        }
        start = cpu;
        while (cpu + 1 < ncpus && VIR_CPU_USED(cpumap, cpu + 1))
            cpu++;
        if (str->len)
            g_string_append_c(str, ',');
        if (cpu == start)
            g_string_append_printf(str, "%d", start);
        else
            g_string_append_printf(str, "%d-%d", start, cpu);
        cpu++;
    }
    return g_string_free(str, FALSE);
}

char *
vshTypedParamValue(const virTypedParameter *param)
{
    switch ((virTypedParameterType)param->type) {
    case VIR_TYPED_PARAM_INT:
        return g_strdup_printf("%d", param->value.i);
    case VIR_TYPED_PARAM_UINT:
        return g_strdup_printf("%u", param->value.ui);
    case VIR_TYPED_PARAM_LLONG:
        return g_strdup_printf("%lld", param->value.l);
    case VIR_TYPED_PARAM_ULLONG:
        return g_strdup_printf("%llu", param->value.ul);
    case VIR_TYPED_PARAM_DOUBLE:
        return g_strdup_printf("%f", param->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return g_strdup(param->value.b ? "yes" : "no");
    case VIR_TYPED_PARAM_STRING:
        return g_strdup(param->value.s);
    }
    return g_strdup_printf("unimplemented parameter type %d", param->type);
}
