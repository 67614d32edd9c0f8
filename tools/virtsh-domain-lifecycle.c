/*
 * virtsh-domain-lifecycle.c: the lifecycle commands of the "domain" group:
 * start, shutdown, reboot, destroy, suspend, resume, save, restore,
 * autostart
 *
 * Messages are virsh's.  Most name the domain the way the user wrote it
 * ("Domain '1' suspended"); start names it by its real name, as virsh
 * does.
 */
#include <config.h>

#include <string.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "start" command
 */
static const vshCmdInfo info_start = {
    .help = "start a (previously defined) inactive domain",
    .desc = "Start a domain, either from the last managedsave\n"
            "    state, or via a fresh boot if no managedsave state\n"
            "    is present.",
};

static const vshCmdOptDef opts_start[] = {
    VIRTSH_OPT_DOMAIN("name of the inactive domain", VSH_COMPLETE_DOMAIN_INACTIVE),
    {.name = "paused", .type = VSH_OT_BOOL, .help = "leave the guest paused after start"},
    {.name = "autodestroy", .type = VSH_OT_BOOL, .help = "automatically destroy the guest when virtsh disconnects"},
    {.name = "bypass-cache", .type = VSH_OT_BOOL, .help = "avoid file system cache when loading"},
    {.name = "force-boot", .type = VSH_OT_BOOL, .help = "force fresh boot by discarding any managed save"},
    VIRTSH_OPT_END
};

static bool
cmdStart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned int flags = 0;

    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYNAME | VIRTSH_BYUUID)))
        return false;
    if (virDomainGetID(dom) != (unsigned int)-1) {
        vshError(ctl, "%s", "Domain is already active");
        return false;
    }
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vshCommandOptBool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vshCommandOptBool(cmd, "bypass-cache"))
        flags |= VIR_DOMAIN_START_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "force-boot"))
        flags |= VIR_DOMAIN_START_FORCE_BOOT;
    if ((flags ? virDomainCreateWithFlags(dom, flags) : virDomainCreate(dom)) < 0) {
        vshError(ctl, "Failed to start domain '%s'", virDomainGetName(dom));
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' started\n", virDomainGetName(dom));
    return true;
}

/*
 * One action on one domain, with virsh's two messages: "Failed to <verb>
 * domain 'NAME'" or "Domain 'NAME' <done>".  NAME is what the user wrote.
 */
typedef int (*virtshDomainActionFunc)(virDomainPtr dom, unsigned int flags);

static bool
virtshDomainAction(vshControl *ctl, const vshCmd *cmd, virtshDomainActionFunc action,
                   unsigned int flags, const char *verb, const char *done)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *name = NULL;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (action(dom, flags) < 0) {
        vshError(ctl, "Failed to %s domain '%s'", verb, name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' %s\n", name, done);
    return true;
}

/*
 * "shutdown" and "reboot" commands
 */
static const char *const virtshShutdownModes[] = {
    "acpi", "agent", "initctl", "signal", "paravirt",
};

/* --mode acpi,agent,...: the flags both calls share the values of. */
static bool
virtshShutdownModeFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    g_auto(GStrv) modes = NULL;
    const char *mode = NULL;
    size_t i, j;

    *flags = 0;
    if (vshCommandOptString(ctl, cmd, "mode", &mode) < 0)
        return false;
    if (!mode)
        return true;
    modes = g_strsplit(mode, ",", -1);
    for (i = 0; modes[i]; i++) {
        for (j = 0; j < G_N_ELEMENTS(virtshShutdownModes); j++) {
            if (strcmp(modes[i], virtshShutdownModes[j]) == 0)
                break;
        }
        if (j == G_N_ELEMENTS(virtshShutdownModes)) {
            vshError(ctl, "Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', "
                     "'signal', or 'paravirt'", modes[i]);
            return false;
        }
        *flags |= 1U << j;      /* VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN... in this order */
    }
    return true;
}

static const vshCmdInfo info_shutdown = {
    .help = "gracefully shutdown a domain",
    .desc = "Run shutdown in the target domain.",
};

static const vshCmdOptDef opts_shutdown[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "mode", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "shutdown mode: acpi|agent|initctl|signal|paravirt"},
    VIRTSH_OPT_END
};

/* Without flags virsh calls the old function: errors name it. */
static int
virtshShutdown(virDomainPtr dom, unsigned int flags)
{
    return flags ? virDomainShutdownFlags(dom, flags) : virDomainShutdown(dom);
}

static bool
cmdShutdown(vshControl *ctl, const vshCmd *cmd)
{
    unsigned int flags;

    if (!virtshShutdownModeFlags(ctl, cmd, &flags))
        return false;
    return virtshDomainAction(ctl, cmd, virtshShutdown, flags,
                              "shutdown", "is being shutdown");
}

static const vshCmdInfo info_reboot = {
    .help = "reboot a domain",
    .desc = "Run a reboot command in the target domain.",
};

static const vshCmdOptDef opts_reboot[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "mode", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "shutdown mode: acpi|agent|initctl|signal|paravirt"},
    VIRTSH_OPT_END
};

static bool
cmdReboot(vshControl *ctl, const vshCmd *cmd)
{
    unsigned int flags;

    if (!virtshShutdownModeFlags(ctl, cmd, &flags))
        return false;
    return virtshDomainAction(ctl, cmd, virDomainReboot, flags, "reboot", "is being rebooted");
}

/*
 * "destroy", "suspend", "resume" commands
 */
static const vshCmdInfo info_destroy = {
    .help = "destroy (stop) a domain",
    .desc = "Forcefully stop a given domain, but leave its resources intact.",
};

static const vshCmdOptDef opts_destroy[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "graceful", .type = VSH_OT_BOOL, .help = "terminate gracefully"},
    {.name = "remove-logs", .type = VSH_OT_BOOL, .help = "remove domain logs"},
    VIRTSH_OPT_END
};

static int
virtshDestroy(virDomainPtr dom, unsigned int flags)
{
    return flags ? virDomainDestroyFlags(dom, flags) : virDomainDestroy(dom);
}

static bool
cmdDestroy(vshControl *ctl, const vshCmd *cmd)
{
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "graceful"))
        flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
    if (vshCommandOptBool(cmd, "remove-logs"))
        flags |= VIR_DOMAIN_DESTROY_REMOVE_LOGS;
    return virtshDomainAction(ctl, cmd, virtshDestroy, flags, "destroy", "destroyed");
}

static const vshCmdInfo info_suspend = {
    .help = "suspend a domain",
    .desc = "Suspend a running domain.",
};

static const vshCmdOptDef opts_suspend[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    VIRTSH_OPT_END
};

static int
virtshSuspend(virDomainPtr dom, unsigned int flags G_GNUC_UNUSED)
{
    return virDomainSuspend(dom);
}

static bool
cmdSuspend(vshControl *ctl, const vshCmd *cmd)
{
    return virtshDomainAction(ctl, cmd, virtshSuspend, 0, "suspend", "suspended");
}

static const vshCmdInfo info_resume = {
    .help = "resume a domain",
    .desc = "Resume a previously suspended domain.",
};

static const vshCmdOptDef opts_resume[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    VIRTSH_OPT_END
};

static int
virtshResume(virDomainPtr dom, unsigned int flags G_GNUC_UNUSED)
{
    return virDomainResume(dom);
}

static bool
cmdResume(vshControl *ctl, const vshCmd *cmd)
{
    return virtshDomainAction(ctl, cmd, virtshResume, 0, "resume", "resumed");
}

/*
 * "save" and "restore" commands
 */

/* --running/--paused/--bypass-cache and --xml FILE of save and restore. */
static bool
virtshSaveRestoreOptions(vshControl *ctl, const vshCmd *cmd, unsigned int *flags,
                         char **xml)
{
    const char *xmlfile = NULL;

    *flags = 0;
    *xml = NULL;
    if (!vshExclusiveOptions(ctl, cmd, "running", "paused"))
        return false;
    if (vshCommandOptBool(cmd, "bypass-cache"))
        *flags |= VIR_DOMAIN_SAVE_BYPASS_CACHE;
    if (vshCommandOptBool(cmd, "running"))
        *flags |= VIR_DOMAIN_SAVE_RUNNING;
    if (vshCommandOptBool(cmd, "paused"))
        *flags |= VIR_DOMAIN_SAVE_PAUSED;
    if (vshCommandOptString(ctl, cmd, "xml", &xmlfile) < 0)
        return false;
    if (xmlfile && !(*xml = virtshReadFile(ctl, xmlfile)))
        return false;
    return true;
}

static const vshCmdInfo info_save = {
    .help = "save a domain state to a file",
    .desc = "Save the RAM state of a running domain.",
};

static const vshCmdOptDef opts_save[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "where to save the data", .complete = VSH_COMPLETE_FILE},
    {.name = "bypass-cache", .type = VSH_OT_BOOL, .help = "avoid file system cache when saving"},
    {.name = "xml", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "filename containing updated XML for the target", .complete = VSH_COMPLETE_FILE},
    {.name = "running", .type = VSH_OT_BOOL, .help = "set domain to be running on restore"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "set domain to be paused on restore"},
    VIRTSH_OPT_END
};

static bool
cmdSave(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    const char *name = NULL, *to = NULL;
    unsigned int flags;

    if (vshCommandOptString(ctl, cmd, "file", &to) < 0)
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (!virtshSaveRestoreOptions(ctl, cmd, &flags, &xml))
        return false;
    if (((flags || xml) ? virDomainSaveFlags(dom, to, xml, flags) : virDomainSave(dom, to)) < 0) {
        vshError(ctl, "Failed to save domain '%s' to %s", name, to);
        return false;
    }
    vshPrintExtra(ctl, "\nDomain '%s' saved to %s\n", name, to);
    return true;
}

static const vshCmdInfo info_restore = {
    .help = "restore a domain from a saved state in a file",
    .desc = "Restore a domain.",
};

static const vshCmdOptDef opts_restore[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "the state to restore", .complete = VSH_COMPLETE_FILE},
    {.name = "bypass-cache", .type = VSH_OT_BOOL, .help = "avoid file system cache when restoring"},
    {.name = "xml", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "filename containing updated XML for the target", .complete = VSH_COMPLETE_FILE},
    {.name = "running", .type = VSH_OT_BOOL, .help = "restore domain into running state"},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "restore domain into paused state"},
    VIRTSH_OPT_END
};

static bool
cmdRestore(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *xml = NULL;
    const char *from = NULL;
    unsigned int flags;

    if (vshCommandOptString(ctl, cmd, "file", &from) < 0)
        return false;
    if (!virtshSaveRestoreOptions(ctl, cmd, &flags, &xml))
        return false;
    if (((flags || xml) ? virDomainRestoreFlags(ctl->conn, from, xml, flags)
                        : virDomainRestore(ctl->conn, from)) < 0) {
        vshError(ctl, "Failed to restore domain from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "Domain restored from %s\n", from);
    return true;
}

/*
 * "autostart" command
 */
static const vshCmdInfo info_autostart = {
    .help = "autostart a domain",
    .desc = "Configure a domain to be automatically started at boot.",
};

static const vshCmdOptDef opts_autostart[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "disable", .type = VSH_OT_BOOL, .help = "disable autostarting"},
    VIRTSH_OPT_END
};

static bool
cmdAutostart(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *name = NULL;
    bool enable = !vshCommandOptBool(cmd, "disable");

    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (virDomainSetAutostart(dom, enable) < 0) {
        vshError(ctl, enable ? "Failed to mark domain '%s' as autostarted"
                             : "Failed to unmark domain '%s' as autostarted", name);
        return false;
    }
    vshPrintExtra(ctl, enable ? "Domain '%s' marked as autostarted\n"
                              : "Domain '%s' unmarked as autostarted\n", name);
    return true;
}

const vshCmdDef domLifecycleCmds[] = {
    {.name = "autostart", .handler = cmdAutostart, .opts = opts_autostart, .info = &info_autostart},
    {.name = "destroy", .handler = cmdDestroy, .opts = opts_destroy, .info = &info_destroy},
    {.name = "reboot", .handler = cmdReboot, .opts = opts_reboot, .info = &info_reboot},
    {.name = "restore", .handler = cmdRestore, .opts = opts_restore, .info = &info_restore},
    {.name = "resume", .handler = cmdResume, .opts = opts_resume, .info = &info_resume},
    {.name = "save", .handler = cmdSave, .opts = opts_save, .info = &info_save},
    {.name = "shutdown", .handler = cmdShutdown, .opts = opts_shutdown, .info = &info_shutdown},
    {.name = "start", .handler = cmdStart, .opts = opts_start, .info = &info_start},
    {.name = "suspend", .handler = cmdSuspend, .opts = opts_suspend, .info = &info_suspend},
    {.name = NULL}
};
