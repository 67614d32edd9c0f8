/*
 * virkeycode.c: key codes by name, and the names of the code sets
 *
 * The Linux table is generated at build time (src/Makefile.inc.am) from
 * the kernel's <linux/input-event-codes.h>: every KEY_ and BTN_ name
 * defined as a number, in the header's order.  An alias defined as
 * another name (KEY_SCREENLOCK for KEY_COFFEE) is left out, as are
 * KEY_MAX and KEY_CNT, which are bounds, not keys.
 */
#include "internal.h"

#include "virkeycode.h"

VIR_ENUM_IMPL(virKeycodeSet, VIR_KEYCODE_SET_LAST,
              "linux", "xt", "atset1", "atset2", "atset3", "os_x", "xt_kbd", "usb",
              "win32", "qnum");

typedef struct {
    const char *name;
    unsigned int value;
} virKeycodeName;

/* generated in the build tree, hence the path from its top */
static const virKeycodeName virKeycodeLinux[] = {
#include "src/util/virkeycodetable_linux.h"
};

typedef struct {
    const virKeycodeName *keys;
    size_t nkeys;
} virKeycodeTable;

/* What virtkit knows of each code set: Linux's names and values only. */
static const virKeycodeTable virKeycodeTables[VIR_KEYCODE_SET_LAST] = {
    [VIR_KEYCODE_SET_LINUX] = { virKeycodeLinux, G_N_ELEMENTS(virKeycodeLinux) },
};

/* The table of @codeset; empty for a code set virtkit has none of. */
static const virKeycodeTable *
virKeycodeTableOf(unsigned int codeset)
{
    static const virKeycodeTable none = { NULL, 0 };

    return codeset < VIR_KEYCODE_SET_LAST ? &virKeycodeTables[codeset] : &none;
}

int
virKeycodeValueFromString(unsigned int codeset, const char *name)
{
    const virKeycodeTable *table = virKeycodeTableOf(codeset);
    size_t i;

    for (i = 0; name && i < table->nkeys; i++) {
        if (STREQ(table->keys[i].name, name))
            return table->keys[i].value;
    }
    return -1;
}

const char *
virKeycodeValueToString(unsigned int codeset, unsigned int value)
{
    const virKeycodeTable *table = virKeycodeTableOf(codeset);
    size_t i;

    for (i = 0; i < table->nkeys; i++) {
        if (table->keys[i].value == value)
            return table->keys[i].name;
    }
    return NULL;
}

bool
virKeycodeValueIsValid(unsigned int codeset, unsigned int value)
{
    return virKeycodeValueToString(codeset, value) != NULL;
}

const char *
virKeycodeNameAt(unsigned int codeset, size_t i)
{
    const virKeycodeTable *table = virKeycodeTableOf(codeset);

    return i < table->nkeys ? table->keys[i].name : NULL;
}
