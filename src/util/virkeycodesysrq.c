/*
 * virkeycodesysrq.c: key codes as a magic SysRq key
 *
 * Apart from virkeycode.c, which raises no error (virtsh compiles it):
 * refusing keys is this file's business.
 */
#include "internal.h"

#include "virerror.h"
#include "virkeycode.h"
#include "virkeycodesysrq.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static bool
virKeycodeIsAlt(const char *name)
{
    return STREQ(name, "KEY_LEFTALT") || STREQ(name, "KEY_RIGHTALT");
}

/* The letter or digit of a key named "KEY_<letter or digit>", else 0. */
static char
virKeycodeAlnum(const char *name)
{
    if (!g_str_has_prefix(name, "KEY_") || strlen(name) != 5 || !g_ascii_isalnum(name[4]))
        return 0;
    return g_ascii_tolower(name[4]);
}

/**
 * virKeycodeSysrqKey:
 * @codeset: the virKeycodeSet of @keycodes
 * @keycodes: keys, as virDomainSendKey() got them
 * @nkeycodes: how many
 * @key: set to the SysRq key, a lower-case letter or a digit
 *
 * Reads @keycodes as a magic SysRq request: exactly Alt (KEY_LEFTALT or
 * KEY_RIGHTALT) and KEY_SYSRQ, in either order, then one letter or digit
 * key, in the Linux code set.  Alt+SysRq+B gives 'b'.
 *
 * Returns 0, or -1 with VIR_ERR_CONFIG_UNSUPPORTED for any other keys.
 */
int
virKeycodeSysrqKey(unsigned int codeset, const unsigned int *keycodes, int nkeycodes,
                   char *key)
{
    const char *names[3];
    char alnum;
    int i;

    if (codeset != VIR_KEYCODE_SET_LINUX || nkeycodes != 3)
        goto unsupported;
    for (i = 0; i < 3; i++) {
        if (!(names[i] = virKeycodeValueToString(codeset, keycodes[i])))
            goto unsupported;
    }
    if (!(virKeycodeIsAlt(names[0]) && STREQ(names[1], "KEY_SYSRQ")) &&
        !(STREQ(names[0], "KEY_SYSRQ") && virKeycodeIsAlt(names[1])))
        goto unsupported;
    if (!(alnum = virKeycodeAlnum(names[2])))
        goto unsupported;
    *key = alnum;
    return 0;

 unsupported:
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                   _("this guest takes only magic SysRq keys (Alt+SysRq+key): "
                     "KEY_LEFTALT or KEY_RIGHTALT, KEY_SYSRQ, then one letter or "
                     "digit key, in the linux codeset"));
    return -1;
}
