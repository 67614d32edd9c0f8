/*
 * virstring.h: parsing numbers and sizes with units; formatting numbers
 * without printf
 */
#ifndef VIR_STRING_H
# define VIR_STRING_H

# include "internal.h"

/* Strict decimal parsing: the whole string, no sign for unsigned, no
 * overflow.  Return 0 or -1, without reporting (callers name the input). */
int virStrToULL(const char *str, unsigned long long *value);
int virStrToLL(const char *str, long long *value);
int virStrToUInt(const char *str, unsigned int *value);
int virStrToInt(const char *str, int *value);

/**
 * virScaleInteger:
 * @value: in: a count of @unit; out: the same amount in bytes
 * @unit: a unit ("KiB", "M", "bytes", ...) or NULL/"" for @defscale
 * @defscale: bytes per unit when @unit is empty (1024 for KiB)
 * @limit: the largest acceptable result in bytes
 *
 * Units follow libvirt: b/bytes, k/KiB (1024), KB (1000), M/MiB, MB,
 * G/GiB, GB, T/TiB, TB, P/PiB, PB, E/EiB, EB.  Reports an error naming the
 * unit, or the overflow.
 */
/* Bytes per unit for a unit name ("MiB" -> 1048576); 0 when unknown. */
unsigned long long virUnitScale(const char *unit);

int virScaleInteger(unsigned long long *value, const char *unit,
                    unsigned long long defscale, unsigned long long limit);

/* "512M", "2GiB", "1048576": a number with an optional unit suffix;
 * @defscale applies when there is none. */
int virStrToScaledBytes(const char *str, unsigned long long defscale,
                        unsigned long long limit, unsigned long long *bytes);

/* Appends to a GString without a call into GLib when it has room: its
 * fields are public, and XML formatting appends a hundred short strings
 * per document.  Growth is left to GLib. */
static inline void
virStringAppendLen(GString *buf, const char *str, size_t len)
{
    if (G_UNLIKELY(buf->len + len >= buf->allocated_len)) {
        g_string_append_len(buf, str, len);
        return;
    }
    memcpy(buf->str + buf->len, str, len);
    buf->len += len;
    buf->str[buf->len] = '\0';
}

static inline void
virStringAppend(GString *buf, const char *str)
{
    virStringAppendLen(buf, str, strlen(str));
}

/* A string literal: its length is known at compile time. */
# define virStringAppendLit(buf, lit) virStringAppendLen(buf, "" lit "", sizeof(lit) - 1)

/* Appends @value in decimal: cheaper than a printf, for hot formatters. */
void virStringAppendULL(GString *buf, unsigned long long value);

/* Room for any unsigned long long in decimal, with its NUL. */
# define VIR_ULL_BUFLEN 21

/* @value in decimal at the start of @buf (VIR_ULL_BUFLEN bytes); returns
 * the end (its NUL).  For paths and values built per system call (a cgroup
 * path holds a group name, a limit is written as a number), where printf
 * costs more than the call. */
char *virFormatULL(unsigned long long value, char *buf);

#endif /* VIR_STRING_H */
