/*
 * virstring.c: parsing numbers and sizes with units; formatting numbers
 * without printf
 */
#include "internal.h"

#include <limits.h>

#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/*
 * Plain decimal digits, by hand rather than with g_ascii_string_to_*():
 * GLib 2.74's versions report a valid number as invalid when several
 * threads make their first call at once (the first call creates a C
 * locale, and a thread waiting for it can come back with errno set,
 * which they take for a failure of strtoull).  These use no locale and
 * no errno.
 */
static int
virStrToDigits(const char *str, unsigned long long limit, unsigned long long *value)
{
    unsigned long long v = 0;

    if (!g_ascii_isdigit(*str))
        return -1;
    for (; g_ascii_isdigit(*str); str++) {
        unsigned int digit = *str - '0';

        if (v > (limit - digit) / 10)
            return -1;
        v = v * 10 + digit;
    }
    if (*str != '\0')
        return -1;
    *value = v;
    return 0;
}

int
virStrToULL(const char *str, unsigned long long *value)
{
    if (!str)
        return -1;
    return virStrToDigits(str, G_MAXUINT64, value);
}

int
virStrToLL(const char *str, long long *value)
{
    unsigned long long v;
    bool negative;

    if (!str)
        return -1;
    negative = *str == '-';
    if (virStrToDigits(str + negative, negative ? -(unsigned long long)G_MININT64 : G_MAXINT64,
                       &v) < 0)
        return -1;
    *value = negative ? (long long)(0 - v) : (long long)v;
    return 0;
}

int
virStrToUInt(const char *str, unsigned int *value)
{
    unsigned long long v;

    if (virStrToULL(str, &v) < 0 || v > UINT_MAX)
        return -1;
    *value = v;
    return 0;
}

int
virStrToInt(const char *str, int *value)
{
    long long v;

    if (virStrToLL(str, &v) < 0 || v < INT_MIN || v > INT_MAX)
        return -1;
    *value = v;
    return 0;
}

/* Bytes per unit for a unit name; 0 when the unit is unknown. */
unsigned long long
virUnitScale(const char *unit)
{
    static const char powers[] = "kmgtpe";
    const char *p;
    unsigned long long base = 1024, scale = 1;
    size_t i, power;

    if (g_ascii_strcasecmp(unit, "b") == 0 || g_ascii_strcasecmp(unit, "byte") == 0 ||
        g_ascii_strcasecmp(unit, "bytes") == 0)
        return 1;
    p = strchr(powers, g_ascii_tolower(unit[0]));
    if (!p || !unit[0])
        return 0;
    power = p - powers + 1;
    if (unit[1] == '\0') {
        base = 1024;
    } else if (g_ascii_strcasecmp(unit + 1, "ib") == 0) {
        base = 1024;
    } else if (g_ascii_strcasecmp(unit + 1, "b") == 0) {
        base = 1000;
    } else {
        return 0;
    }
    for (i = 0; i < power; i++)
        scale *= base;
    return scale;
}

int
virScaleInteger(unsigned long long *value, const char *unit,
                unsigned long long defscale, unsigned long long limit)
{
    unsigned long long scale = defscale;

    if (unit && *unit) {
        scale = virUnitScale(unit);
        if (!scale) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("unknown unit '%s' (use b, KiB, MiB, GiB, TiB, KB, MB, GB, ...)"),
                           unit);
            return -1;
        }
    }
    if (*value > limit / scale) {
        virReportError(VIR_ERR_OVERFLOW,
                       _("value %llu %s is too large (the limit is %llu bytes)"),
                       *value, unit && *unit ? unit : "", limit);
        return -1;
    }
    *value *= scale;
    return 0;
}

int
virStrToScaledBytes(const char *str, unsigned long long defscale,
                    unsigned long long limit, unsigned long long *bytes)
{
    g_autofree char *number = NULL;
    const char *unit;
    unsigned long long value;

    if (!str) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", _("missing size"));
        return -1;
    }
    for (unit = str; g_ascii_isdigit(*unit); unit++)
        ;
    number = g_strndup(str, unit - str);
    if (virStrToULL(number, &value) < 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("invalid size '%s': expected a number with an optional unit such as 512M or 2GiB"),
                       str);
        return -1;
    }
    if (virScaleInteger(&value, unit, defscale, limit) < 0)
        return -1;
    *bytes = value;
    return 0;
}

void
virStringAppendULL(GString *buf, unsigned long long value)
{
    char digits[24];
    size_t i = sizeof(digits);

    do {
        digits[--i] = '0' + value % 10;
        value /= 10;
    } while (value);
    virStringAppendLen(buf, digits + i, sizeof(digits) - i);
}

/* Two digits at a time. */
char *
virFormatULL(unsigned long long value, char *buf)
{
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char digits[VIR_ULL_BUFLEN];
    size_t n = sizeof(digits) - 1;
    size_t len;

    while (value >= 100) {
        unsigned long long q = value / 100;

        n -= 2;
        memcpy(digits + n, pairs + 2 * (value - q * 100), 2);
        value = q;
    }
    if (value >= 10) {
        n -= 2;
        memcpy(digits + n, pairs + 2 * value, 2);
    } else {
        digits[--n] = '0' + value;
    }
    len = sizeof(digits) - 1 - n;
    memcpy(buf, digits + n, len);
    buf[len] = '\0';
    return buf + len;
}
