/*
 * internal.h: what every source file of the library includes first
 */
#ifndef VIR_INTERNAL_H
# define VIR_INTERNAL_H

# include <config.h>

# include <errno.h>
# include <stdbool.h>
# include <stddef.h>
# include <stdint.h>
# include <string.h>

# include <glib.h>

# define VIR_ENUM_SENTINELS
# include <virt/virt.h>

/* Marks a string for translation; virtkit has no catalogs yet, but the
 * markers keep user-visible text easy to find. */
# define _(str) (str)
# define N_(str) (str)

# define NULLSTR(s) ((s) ? (s) : "<null>")
# define STREQ(a, b) (strcmp(a, b) == 0)
# define STRNEQ(a, b) (strcmp(a, b) != 0)
# define STREQ_NULLABLE(a, b) g_strcmp0(a, b) == 0

/* Returns @ret from the calling function when @flags has a bit outside
 * @supported, with an error naming the bits and the function. */
# define virCheckFlags(supported, ret) \
    do { \
        unsigned int _unsupported = (flags) & ~(unsigned int)(supported); \
        if (_unsupported) { \
            virReportError(VIR_ERR_INVALID_ARG, \
                           _("unsupported flags (0x%x) in function %s"), \
                           _unsupported, __func__); \
            return ret; \
        } \
    } while (0)

/* The two virDomainModificationImpact bits may not both be missing when a
 * call is about the persistent configuration only, and LIVE and CONFIG are
 * a pair; these helpers express the common checks. */
# define VIR_EXCLUSIVE_FLAGS_RET(a, b, ret) \
    do { \
        if ((flags & (a)) && (flags & (b))) { \
            virReportError(VIR_ERR_INVALID_ARG, \
                           _("flags '%s' and '%s' are mutually exclusive"), \
                           #a, #b); \
            return ret; \
        } \
    } while (0)

/* For calls whose result was already checked (or cannot fail here). */
# define ignore_value(x) ((void)(x))

#endif /* VIR_INTERNAL_H */
