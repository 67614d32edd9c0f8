/*
 * virkeycode.h: key codes by name, and the names of the code sets
 *
 * virtkit knows the names and values of one code set, Linux's, read at
 * build time from the kernel's <linux/input-event-codes.h>; of the other
 * code sets of virKeycodeSet it knows only their names.  Pure lookups
 * that raise no error: virtsh, which never links the util library,
 * compiles this file itself.
 */
#ifndef VIR_KEYCODE_H
# define VIR_KEYCODE_H

# include "internal.h"
# include "virenum.h"

/* "linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb",
 * "win32", "qnum": libvirt's names of the code sets */
VIR_ENUM_DECL(virKeycodeSet);

/* The value of the key named @name ("KEY_A") in @codeset, or -1 when
 * @codeset has no such name (or no names known to virtkit). */
int virKeycodeValueFromString(unsigned int codeset, const char *name);

/* The first name of @value in @codeset, or NULL when it has none. */
const char *virKeycodeValueToString(unsigned int codeset, unsigned int value);

/* Whether @value is a key of @codeset that virtkit knows. */
bool virKeycodeValueIsValid(unsigned int codeset, unsigned int value);

/* The @i-th name of @codeset in the kernel's order, or NULL past the
 * last one: for listing every name (completion). */
const char *virKeycodeNameAt(unsigned int codeset, size_t i);

#endif /* VIR_KEYCODE_H */
