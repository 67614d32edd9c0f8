/*
 * virtsh-domain-input.c: the "domain" group's input command: send-key
 *
 *   send-key DOMAIN [--codeset STR] [--holdtime N] KEYCODE...
 *       virsh 9's command, read as virsh reads it: the code set by
 *       libvirt's names (linux by default, rfb for qnum), each key a
 *       number (decimal, 0x hex, 0 octal, up to 0xffff) or a name of
 *       the code set; virtkit knows the names of Linux key codes only
 *   send-key DOMAIN [--holdtime N] --sysrq KEY
 *       virtkit's: Alt+SysRq+KEY (a letter or digit) in the linux code
 *       set, the magic SysRq request of a Linux guest
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "virtsh.h"
#include "vsh-util.h"
#include "virkeycode.h"

static const vshCmdInfo info_send_key = {
    .help = "Send keycodes to the guest",
    .desc = "Send keycodes (integers or symbolic names) to the guest; or, with\n"
            "    --sysrq KEY, Alt+SysRq+KEY: the magic SysRq key KEY (a letter or digit)\n"
            "    of a Linux guest.",
};

static const vshCmdOptDef opts_send_key[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "codeset", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "the codeset of keycodes, default:linux", .complete = VSH_COMPLETE_KEYCODE_SET},
    {.name = "holdtime", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ_OPT,
     .help = "the time (in milliseconds) how long the keys will be held"},
    {.name = "sysrq", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "send Alt+SysRq+KEY (KEY a letter or digit) instead of keycodes"},
    {.name = "keycode", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .unless = "sysrq",
     .help = "the key code", .complete = VSH_COMPLETE_KEYCODE},
    VIRTSH_OPT_END
};

/* A key given as a number, read as virsh reads one: decimal, 0x hex or
 * 0 octal, no sign, the whole word, at most 0xffff; else -1. */
static int
virtshKeycodeNumber(const char *word)
{
    unsigned long value;
    char *end;

    errno = 0;
    value = strtoul(word, &end, 0);
    if (errno || end == word || *end || memchr(word, '-', end - word) || value > 0xffff)
        return -1;
    return value;
}

/* The code set of --codeset (none or empty: linux), or -1 after
 * reporting an unknown one. */
static int
virtshKeycodeSet(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = vshCommandOptData(cmd, "codeset");
    int codeset;

    if (!name || !*name)
        name = "linux";
    /* qnum's name before libvirt 4.2 */
    if (strcmp(name, "rfb") == 0)
        name = "qnum";
    if ((codeset = virKeycodeSetTypeFromString(name)) < 0)
        vshError(ctl, "unknown codeset: '%s'", name);
    return codeset;
}

/* The KEYCODE words into @keycodes: returns how many, or -1 after
 * reporting the first bad one. */
static int
virtshKeycodes(vshControl *ctl, const vshCmd *cmd, int codeset, unsigned int *keycodes)
{
    const vshCmdOpt *opt = NULL;
    int count = 0;
    int keycode;

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        if (count == VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
            vshError(ctl, "%s", "too many keycodes");
            return -1;
        }
        if ((keycode = virtshKeycodeNumber(opt->data)) < 0 &&
            (keycode = virKeycodeValueFromString(codeset, opt->data)) < 0) {
            vshError(ctl, "invalid keycode: '%s'", opt->data);
            return -1;
        }
        keycodes[count++] = keycode;
    }
    return count;
}

/* --sysrq KEY as the Linux keys Alt, SysRq and KEY: returns 3, or -1
 * after reporting a KEY that is not one letter or digit. */
static int
virtshSysrqKeys(vshControl *ctl, const char *key, unsigned int *keycodes)
{
    const char *names[] = { "KEY_LEFTALT", "KEY_SYSRQ", NULL };
    g_autofree char *keyName = NULL;
    size_t i;

    if (strlen(key) != 1 || !g_ascii_isalnum(key[0])) {
        vshError(ctl, "invalid sysrq key: '%s' (one letter or digit)", key);
        return -1;
    }
    keyName = g_strdup_printf("KEY_%c", g_ascii_toupper(key[0]));
    names[2] = keyName;
    for (i = 0; i < G_N_ELEMENTS(names); i++)
        keycodes[i] = virKeycodeValueFromString(VIR_KEYCODE_SET_LINUX, names[i]);
    return G_N_ELEMENTS(names);
}

static bool
cmdSendKey(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *sysrq = vshCommandOptData(cmd, "sysrq");
    unsigned int keycodes[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    unsigned int holdtime = 0;
    int codeset = VIR_KEYCODE_SET_LINUX;
    int count;

    if (!vshExclusiveOptions(ctl, cmd, "sysrq", "keycode") ||
        !vshExclusiveOptions(ctl, cmd, "sysrq", "codeset"))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptUInt(ctl, cmd, "holdtime", &holdtime) < 0)
        return false;
    if (sysrq) {
        count = virtshSysrqKeys(ctl, sysrq, keycodes);
    } else {
        if ((codeset = virtshKeycodeSet(ctl, cmd)) < 0)
            return false;
        count = virtshKeycodes(ctl, cmd, codeset, keycodes);
    }
    if (count < 0)
        return false;
    return virDomainSendKey(dom, codeset, holdtime, keycodes, count, 0) == 0;
}

const vshCmdDef domInputCmds[] = {
    {.name = "send-key", .handler = cmdSendKey, .opts = opts_send_key, .info = &info_send_key},
    {.name = NULL}
};
