/*
 * virstring.h: parsing numbers and sizes with units
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

#endif /* VIR_STRING_H */
