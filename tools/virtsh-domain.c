/*
 * virtsh-domain.c: the "domain" group: identity and definition of
 * domains (domid, domname, domuuid, dumpxml, define, create, domrename,
 * undefine)
 *
 * Messages are virsh's: define and create name the new domain by its
 * real name, undefine the way the user wrote it.
 */
#include <config.h>

#include <string.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "domid", "domname", "domuuid" commands
 */
static const vshCmdInfo info_domid = {
    .help = "convert a domain name or UUID to domain id",
    .desc = "",
};

static const vshCmdOptDef opts_domid[] = {
    VIRTSH_OPT_DOMAIN("domain name or uuid", VSH_COMPLETE_DOMAIN),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
cmdDomid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned int id;

    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYNAME | VIRTSH_BYUUID)))
        return false;
    id = virDomainGetID(dom);
    if (vshCommandOptBool(cmd, "json")) {
        vshJson json;

        /* an inactive domain has no id: null, as in dominfo --json */
        vshJsonBegin(&json, false);
        if (id == (unsigned int)-1)
            vshJsonNull(&json, "id");
        else
            vshJsonUInt(&json, "id", id);
        vshJsonPrint(&json, ctl);
    } else if (id == (unsigned int)-1) {
        vshPrint(ctl, "%s\n", "-");
    } else {
        vshPrint(ctl, "%d\n", id);
    }
    return true;
}

static const vshCmdInfo info_domname = {
    .help = "convert a domain id or UUID to domain name",
    .desc = "",
};

static const vshCmdOptDef opts_domname[] = {
    VIRTSH_OPT_DOMAIN("domain id or uuid", VSH_COMPLETE_NONE),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
cmdDomname(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;

    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYID | VIRTSH_BYUUID)))
        return false;
    if (vshCommandOptBool(cmd, "json"))
        vshJsonPrintString(ctl, "name", virDomainGetName(dom));
    else
        vshPrint(ctl, "%s\n", virDomainGetName(dom));
    return true;
}

static const vshCmdInfo info_domuuid = {
    .help = "convert a domain name or id to domain UUID",
    .desc = "",
};

static const vshCmdOptDef opts_domuuid[] = {
    VIRTSH_OPT_DOMAIN("domain id or name", VSH_COMPLETE_DOMAIN),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
cmdDomuuid(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!(dom = virtshCommandOptDomainBy(ctl, cmd, NULL, VIRTSH_BYNAME | VIRTSH_BYID)))
        return false;
    if (virDomainGetUUIDString(dom, uuid) < 0) {
        vshError(ctl, "%s", "failed to get domain UUID");
        return false;
    }
    if (vshCommandOptBool(cmd, "json"))
        vshJsonPrintString(ctl, "uuid", uuid);
    else
        vshPrint(ctl, "%s\n", uuid);
    return true;
}

/*
 * "dumpxml" command
 */
static const vshCmdInfo info_dumpxml = {
    .help = "domain information in XML",
    .desc = "Output the domain information as an XML dump to stdout.",
};

static const vshCmdOptDef opts_dumpxml[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "inactive", .type = VSH_OT_BOOL, .help = "show inactive defined XML"},
    {.name = "security-info", .type = VSH_OT_BOOL, .help = "include security sensitive information in XML dump"},
    {.name = "update-cpu", .type = VSH_OT_BOOL, .help = "update guest CPU according to host CPU"},
    {.name = "migratable", .type = VSH_OT_BOOL, .help = "provide XML suitable for migrations"},
    VIRTSH_OPT_END
};

static bool
cmdDumpXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags = 0;

    if (vshCommandOptBool(cmd, "inactive"))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (vshCommandOptBool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (vshCommandOptBool(cmd, "update-cpu"))
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (vshCommandOptBool(cmd, "migratable"))
        flags |= VIR_DOMAIN_XML_MIGRATABLE;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return false;
    vshPrint(ctl, "%s", xml);
    return true;
}

/*
 * "define" and "create" commands
 */
static const vshCmdInfo info_define = {
    .help = "define (but don't start) a domain from an XML file",
    .desc = "Define a domain.",
};

static const vshCmdOptDef opts_define[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML domain description", .complete = VSH_COMPLETE_FILE},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    VIRTSH_OPT_END
};

static bool
cmdDefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *buffer = NULL;
    const char *from = NULL;
    unsigned int flags = 0;

    if (vshCommandOptString(ctl, cmd, "file", &from) < 0)
        return false;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_DEFINE_VALIDATE;
    if (!(buffer = virtshReadFile(ctl, from)))
        return false;
    dom = flags ? virDomainDefineXMLFlags(ctl->conn, buffer, flags)
                : virDomainDefineXML(ctl->conn, buffer);
    if (!dom) {
        vshError(ctl, "Failed to define domain from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' defined from %s\n", virDomainGetName(dom), from);
    return true;
}

static const vshCmdInfo info_create = {
    .help = "create a domain from an XML file",
    .desc = "Create a domain.",
};

static const vshCmdOptDef opts_create[] = {
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "file containing an XML domain description", .complete = VSH_COMPLETE_FILE},
    {.name = "paused", .type = VSH_OT_BOOL, .help = "leave the guest paused after creation"},
    {.name = "autodestroy", .type = VSH_OT_BOOL, .help = "automatically destroy the guest when virtsh disconnects"},
    {.name = "validate", .type = VSH_OT_BOOL, .help = "validate the XML against the schema"},
    VIRTSH_OPT_END
};

static bool
cmdCreate(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *buffer = NULL;
    const char *from = NULL;
    unsigned int flags = 0;

    if (vshCommandOptString(ctl, cmd, "file", &from) < 0)
        return false;
    if (vshCommandOptBool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (vshCommandOptBool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (vshCommandOptBool(cmd, "validate"))
        flags |= VIR_DOMAIN_START_VALIDATE;
    if (!(buffer = virtshReadFile(ctl, from)))
        return false;
    if (!(dom = virDomainCreateXML(ctl->conn, buffer, flags))) {
        vshError(ctl, "Failed to create domain from %s", from);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' created from %s\n", virDomainGetName(dom), from);
    return true;
}

/*
 * "undefine" command
 */
static const vshCmdInfo info_domrename = {
    .help = "rename a domain",
    .desc = "Rename an inactive domain.",
};

static const vshCmdOptDef opts_domrename[] = {
    VIRTSH_OPT_DOMAIN("domain name or uuid", VSH_COMPLETE_DOMAIN_INACTIVE),
    {.name = "new-name", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "new domain name"},
    VIRTSH_OPT_END
};

static bool
cmdDomrename(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *new_name = NULL;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptString(ctl, cmd, "new-name", &new_name) < 0)
        return false;
    if (virDomainRename(dom, new_name, 0) < 0)
        return false;
    vshPrintExtra(ctl, "Domain successfully renamed\n");
    return true;
}

static const vshCmdInfo info_undefine = {
    .help = "undefine a domain",
    .desc = "Undefine an inactive domain, or convert persistent to transient.",
};

static const vshCmdOptDef opts_undefine[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "managed-save", .type = VSH_OT_BOOL, .help = "remove domain managed state file"},
    {.name = "snapshots-metadata", .type = VSH_OT_BOOL,
     .help = "remove all domain snapshot metadata (vm must be inactive)"},
    {.name = "checkpoints-metadata", .type = VSH_OT_BOOL,
     .help = "remove all domain checkpoint metadata (vm must be inactive)"},
    {.name = "nvram", .type = VSH_OT_BOOL, .help = "remove nvram file"},
    {.name = "keep-nvram", .type = VSH_OT_BOOL, .help = "keep nvram file"},
    {.name = "tpm", .type = VSH_OT_BOOL, .help = "remove TPM state"},
    {.name = "keep-tpm", .type = VSH_OT_BOOL, .help = "keep TPM state"},
    VIRTSH_OPT_END
};

static const struct {
    const char *option;
    unsigned int flag;
} virtshUndefineFlags[] = {
    { "managed-save", VIR_DOMAIN_UNDEFINE_MANAGED_SAVE },
    { "snapshots-metadata", VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA },
    { "checkpoints-metadata", VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA },
    { "nvram", VIR_DOMAIN_UNDEFINE_NVRAM },
    { "keep-nvram", VIR_DOMAIN_UNDEFINE_KEEP_NVRAM },
    { "tpm", VIR_DOMAIN_UNDEFINE_TPM },
    { "keep-tpm", VIR_DOMAIN_UNDEFINE_KEEP_TPM },
};

static bool
cmdUndefine(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *name = NULL;
    unsigned int flags = 0;
    size_t i;
    int rc;

    if (!vshExclusiveOptions(ctl, cmd, "nvram", "keep-nvram") ||
        !vshExclusiveOptions(ctl, cmd, "tpm", "keep-tpm"))
        return false;
    for (i = 0; i < G_N_ELEMENTS(virtshUndefineFlags); i++) {
        if (vshCommandOptBool(cmd, virtshUndefineFlags[i].option))
            flags |= virtshUndefineFlags[i].flag;
    }
    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;
    rc = flags ? virDomainUndefineFlags(dom, flags) : virDomainUndefine(dom);
    if (rc < 0) {
        vshError(ctl, "Failed to undefine domain '%s'", name);
        return false;
    }
    vshPrintExtra(ctl, "Domain '%s' has been undefined\n", name);
    return true;
}

const vshCmdDef domManagementCmds[] = {
    {.name = "create", .handler = cmdCreate, .opts = opts_create, .info = &info_create},
    {.name = "define", .handler = cmdDefine, .opts = opts_define, .info = &info_define},
    {.name = "domid", .handler = cmdDomid, .opts = opts_domid, .info = &info_domid},
    {.name = "domname", .handler = cmdDomname, .opts = opts_domname, .info = &info_domname},
    {.name = "domrename", .handler = cmdDomrename, .opts = opts_domrename,
     .info = &info_domrename},
    {.name = "domuuid", .handler = cmdDomuuid, .opts = opts_domuuid, .info = &info_domuuid},
    {.name = "dumpxml", .handler = cmdDumpXML, .opts = opts_dumpxml, .info = &info_dumpxml},
    {.name = "undefine", .handler = cmdUndefine, .opts = opts_undefine, .info = &info_undefine},
    {.name = NULL}
};
