/*
 * virtsh-domain-edit.c: the "domain" group's commands that change a
 * domain's XML in place: edit (the whole definition, in an editor), desc
 * (its description or title) and metadata (its <metadata> elements)
 *
 * Messages, including virsh 9.0's odd ones, are virsh's.
 */
#include <config.h>

#include <string.h>

#include "virtsh.h"
#include "vsh-edit.h"

/*
 * "edit" command
 */
static const vshCmdInfo info_edit = {
    .help = "edit XML configuration for a domain",
    .desc = "Edit the XML configuration for a domain.",
};

static const vshCmdOptDef opts_edit[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "skip-validate", .type = VSH_OT_BOOL,
     .help = "skip validation of the XML against the schema"},
    VIRTSH_OPT_END
};

typedef struct {
    virDomainPtr dom;
    virDomainPtr edited;        /* the domain the edited XML defined */
    unsigned int defineFlags;
} virtshEditDomain;

/* The configuration with its secrets: what the next define will be given. */
static char *
virtshEditDomainGet(vshControl *ctl G_GNUC_UNUSED, void *opaque)
{
    virtshEditDomain *e = opaque;

    return virDomainGetXMLDesc(e->dom, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE);
}

static bool
virtshEditDomainPut(vshControl *ctl, const char *doc, void *opaque)
{
    virtshEditDomain *e = opaque;
    virDomainPtr dom;

    if (!(dom = virDomainDefineXMLFlags(ctl->conn, doc, e->defineFlags)))
        return false;
    if (e->edited)
        virDomainFree(e->edited);
    e->edited = dom;
    return true;
}

static void
virtshEditDomainRelax(void *opaque)
{
    virtshEditDomain *e = opaque;

    e->defineFlags &= ~VIR_DOMAIN_DEFINE_VALIDATE;
}

static bool
cmdEdit(vshControl *ctl, const vshCmd *cmd)
{
    static const vshEditOps ops = {
        virtshEditDomainGet, virtshEditDomainPut, virtshEditDomainRelax,
    };
    g_autoptr(virtshDomain) dom = NULL;
    virtshEditDomain e = { 0 };
    vshEditResult rc;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    e.dom = dom;
    e.defineFlags = vshCommandOptBool(cmd, "skip-validate") ? 0 : VIR_DOMAIN_DEFINE_VALIDATE;
    rc = vshEditLoop(ctl, &ops, &e);
    if (rc == VSH_EDIT_UNCHANGED)
        vshPrintExtra(ctl, "Domain '%s' XML configuration not changed.\n", virDomainGetName(dom));
    else if (rc == VSH_EDIT_DONE)
        /* when nobody could be asked after a failure nothing was defined:
         * virsh 9.0 then names the domain "(null)" */
        vshPrintExtra(ctl, "Domain '%s' XML configuration edited.\n",
                      e.edited ? virDomainGetName(e.edited) : "(null)");
    if (e.edited)
        virDomainFree(e.edited);
    return rc != VSH_EDIT_FAILED;
}

/*
 * "desc" command
 */
static const vshCmdInfo info_desc = {
    .help = "show or set domain's description or title",
    .desc = "Allows setting or modifying the description or title of a domain.",
};

static const vshCmdOptDef opts_desc[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    VIRTSH_OPT_LIVE("modify/get running state"),
    VIRTSH_OPT_CONFIG("modify/get persistent configuration"),
    VIRTSH_OPT_CURRENT("modify/get current state configuration"),
    {.name = "title", .type = VSH_OT_BOOL, .help = "modify/get the title instead of description"},
    {.name = "edit", .type = VSH_OT_BOOL, .help = "open an editor to modify the description"},
    {.name = "new-desc", .type = VSH_OT_ARGV, .help = "message"},
    VIRTSH_OPT_END
};

/* The words of --new-desc joined by blanks; NULL when there are none. */
static char *
virtshDescArgument(const vshCmd *cmd)
{
    const vshCmdOpt *opt = NULL;
    GString *buf = NULL;

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        if (!buf)
            buf = g_string_new(NULL);
        else
            g_string_append_c(buf, ' ');
        g_string_append(buf, opt->data);
    }
    return buf ? g_string_free(buf, FALSE) : NULL;
}

/* The new text from the editor, starting with @text; NULL with *@unchanged
 * when the user left @current as it was, or NULL after an error. */
static char *
virtshDescEdit(vshControl *ctl, const char *text, const char *current, bool title,
               bool *unchanged)
{
    g_autoptr(vshTempFile) tmp = NULL;
    g_autofree char *edited = NULL;
    size_t len;

    if (!(tmp = vshEditWriteToTempFile(ctl, text)) || vshEditFile(ctl, tmp) < 0 ||
        !(edited = vshEditReadBackFile(ctl, tmp)))
        return NULL;
    /* editors that end a file with a newline would give every title one */
    len = strlen(edited);
    if (title && len > 0 && edited[len - 1] == '\n')
        edited[len - 1] = '\0';
    if (strcmp(current, edited) == 0) {
        *unchanged = true;
        return NULL;
    }
    return g_steal_pointer(&edited);
}

static bool
virtshDescSet(vshControl *ctl, virDomainPtr dom, char *arg, bool edit, bool title,
              unsigned int flags, unsigned int queryflags)
{
    g_autofree char *current = NULL;
    g_autofree char *text = arg;
    bool unchanged = false;

    if (!(current = virtshDomainGetDescription(ctl, dom, title, queryflags)))
        return false;
    if (!text)
        text = g_strdup(current);
    if (edit) {
        g_autofree char *edited = virtshDescEdit(ctl, text, current, title, &unchanged);

        if (unchanged) {
            vshPrintExtra(ctl, "%s", title ? "Domain title not changed\n"
                                           : "Domain description not changed\n");
            return true;
        }
        if (!edited)
            return false;
        g_free(text);
        text = g_steal_pointer(&edited);
    }
    if (virDomainSetMetadata(dom, title ? VIR_DOMAIN_METADATA_TITLE
                                        : VIR_DOMAIN_METADATA_DESCRIPTION,
                             text, NULL, NULL, flags) < 0) {
        vshError(ctl, "%s", title ? "Failed to set new domain title"
                                  : "Failed to set new domain description");
        return false;
    }
    /* no newline: virsh's own */
    vshPrintExtra(ctl, "%s", title ? "Domain title updated successfully"
                                   : "Domain description updated successfully");
    return true;
}

static bool
cmdDesc(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    bool title = vshCommandOptBool(cmd, "title");
    bool edit = vshCommandOptBool(cmd, "edit");
    g_autofree char *arg = NULL;
    g_autofree char *desc = NULL;
    unsigned int flags, queryflags;

    if (!virtshImpactFlags(ctl, cmd, &flags))
        return false;
    /* virsh reads --config's, and otherwise the current, text */
    queryflags = (flags & VIR_DOMAIN_AFFECT_CONFIG) ? VIR_DOMAIN_XML_INACTIVE : 0;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virtshDomainState(ctl, dom, NULL) < 0)
        return false;
    arg = virtshDescArgument(cmd);
    if (edit || arg)
        return virtshDescSet(ctl, dom, g_steal_pointer(&arg), edit, title, flags, queryflags);
    if (!(desc = virtshDomainGetDescription(ctl, dom, title, queryflags)))
        return false;
    if (*desc)
        vshPrint(ctl, "%s", desc);
    else
        vshPrintExtra(ctl, title ? "No title for domain: %s" : "No description for domain: %s",
                      virDomainGetName(dom));
    return true;
}

/*
 * "metadata" command
 */
static const vshCmdInfo info_metadata = {
    .help = "show or set domain's custom XML metadata",
    .desc = "Shows or modifies the XML metadata of a domain.",
};

static const vshCmdOptDef opts_metadata[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "uri", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "URI of the namespace"},
    VIRTSH_OPT_LIVE("modify/get running state"),
    VIRTSH_OPT_CONFIG("modify/get persistent configuration"),
    VIRTSH_OPT_CURRENT("modify/get current state configuration"),
    {.name = "edit", .type = VSH_OT_BOOL, .help = "use an editor to change the metadata"},
    {.name = "key", .type = VSH_OT_STRING, .help = "key to be used as a namespace identifier"},
    {.name = "set", .type = VSH_OT_STRING, .help = "new metadata to set"},
    {.name = "remove", .type = VSH_OT_BOOL, .help = "remove the metadata corresponding to an uri"},
    VIRTSH_OPT_END
};

typedef struct {
    virDomainPtr dom;
    const char *uri;
    const char *key;
    unsigned int flags;
} virtshEditMetadata;

/* An element not there yet is edited from an empty line, as in virsh. */
static char *
virtshEditMetadataGet(vshControl *ctl, void *opaque)
{
    virtshEditMetadata *e = opaque;
    char *doc;

    if (!(doc = virDomainGetMetadata(e->dom, VIR_DOMAIN_METADATA_ELEMENT, e->uri, e->flags))) {
        vshResetLastError(ctl);
        doc = g_strdup("\n");
    }
    return doc;
}

static bool
virtshEditMetadataPut(vshControl *ctl G_GNUC_UNUSED, const char *doc, void *opaque)
{
    virtshEditMetadata *e = opaque;

    return virDomainSetMetadata(e->dom, VIR_DOMAIN_METADATA_ELEMENT, doc, e->key, e->uri,
                                e->flags) == 0;
}

static bool
virtshMetadataEdit(vshControl *ctl, virtshEditMetadata *e)
{
    static const vshEditOps ops = { virtshEditMetadataGet, virtshEditMetadataPut, NULL };
    vshEditResult rc = vshEditLoop(ctl, &ops, e);

    if (rc == VSH_EDIT_UNCHANGED)
        vshPrintExtra(ctl, "%s", "Metadata not changed");
    else if (rc == VSH_EDIT_DONE)
        vshPrintExtra(ctl, "%s\n", "Metadata modified");
    return rc != VSH_EDIT_FAILED;
}

static bool
cmdMetadata(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    virtshEditMetadata e = { 0 };
    bool edit = vshCommandOptBool(cmd, "edit");
    bool rem = vshCommandOptBool(cmd, "remove");
    const char *set = NULL;
    g_autofree char *data = NULL;

    if (!virtshImpactFlags(ctl, cmd, &e.flags) ||
        !vshExclusiveOptions(ctl, cmd, "edit", "set") ||
        !vshExclusiveOptions(ctl, cmd, "remove", "set") ||
        !vshExclusiveOptions(ctl, cmd, "remove", "edit"))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    e.dom = dom;
    if (vshCommandOptString(ctl, cmd, "uri", &e.uri) < 0 ||
        vshCommandOptString(ctl, cmd, "key", &e.key) < 0 ||
        vshCommandOptString(ctl, cmd, "set", &set) < 0)
        return false;
    if ((set || edit) && !e.key) {
        vshError(ctl, "%s", "namespace key is required when modifying metadata");
        return false;
    }
    if (edit)
        return virtshMetadataEdit(ctl, &e);
    if (set || rem) {
        if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, set, e.key, e.uri,
                                 e.flags) < 0)
            return false;
        vshPrintExtra(ctl, "%s\n", rem ? "Metadata removed" : "Metadata modified");
        return true;
    }
    if (!(data = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, e.uri, e.flags)))
        return false;
    vshPrint(ctl, "%s\n", data);
    return true;
}

const vshCmdDef domEditCmds[] = {
    {.name = "desc", .handler = cmdDesc, .opts = opts_desc, .info = &info_desc},
    {.name = "edit", .handler = cmdEdit, .opts = opts_edit, .info = &info_edit},
    {.name = "metadata", .handler = cmdMetadata, .opts = opts_metadata, .info = &info_metadata},
    {.name = NULL}
};
