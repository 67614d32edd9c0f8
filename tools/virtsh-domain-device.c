/*
 * virtsh-domain-device.c: devices of a domain (attach-device,
 * detach-device, detach-device-alias, update-device, attach-disk,
 * detach-disk, attach-interface, detach-interface, domblklist, domiflist)
 *
 * As virsh: attach-disk and attach-interface write the element from
 * their options (and with --print-xml only print it, without a domain);
 * detach-disk and detach-interface find the device in the domain's XML
 * (by target or source, by type and MAC); the lists read the XML.
 * The XML is the library's own formatting, read with GLib's markup
 * parser into a small tree (virtsh links nothing but the public library
 * and GLib).
 */
#include <config.h>

#include <string.h>
#include <sys/stat.h>

#include "virtsh.h"
#include "vsh-util.h"

/* ---- the domain's XML as a tree ---- */

typedef struct _virtshXMLNode virtshXMLNode;
struct _virtshXMLNode {
    char *name;
    GStrv attrNames;
    GStrv attrValues;
    GString *text;
    GPtrArray *children;        /* virtshXMLNode */
    virtshXMLNode *parent;
};

static void
virtshXMLNodeFree(virtshXMLNode *node)
{
    if (!node)
        return;
    g_free(node->name);
    g_strfreev(node->attrNames);
    g_strfreev(node->attrValues);
    g_string_free(node->text, TRUE);
    g_ptr_array_unref(node->children);
    g_free(node);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virtshXMLNode, virtshXMLNodeFree);

typedef struct {
    virtshXMLNode *root;
    virtshXMLNode *cur;
} virtshXMLBuilder;

static void
virtshXMLStart(GMarkupParseContext *context G_GNUC_UNUSED, const char *element,
               const char **names, const char **values, gpointer data,
               GError **error G_GNUC_UNUSED)
{
    virtshXMLBuilder *b = data;
    virtshXMLNode *node = g_new0(virtshXMLNode, 1);

    node->name = g_strdup(element);
    node->attrNames = g_strdupv((char **)names);
    node->attrValues = g_strdupv((char **)values);
    node->text = g_string_new(NULL);
    node->children = g_ptr_array_new_with_free_func((GDestroyNotify)virtshXMLNodeFree);
    node->parent = b->cur;
    if (b->cur)
        g_ptr_array_add(b->cur->children, node);
    else if (!b->root)
        b->root = node;
    b->cur = node;
}

static void
virtshXMLEnd(GMarkupParseContext *context G_GNUC_UNUSED, const char *element G_GNUC_UNUSED,
             gpointer data, GError **error G_GNUC_UNUSED)
{
    virtshXMLBuilder *b = data;

    b->cur = b->cur->parent;
}

static void
virtshXMLText(GMarkupParseContext *context G_GNUC_UNUSED, const char *text, gsize len,
              gpointer data, GError **error G_GNUC_UNUSED)
{
    virtshXMLBuilder *b = data;

    if (b->cur)
        g_string_append_len(b->cur->text, text, len);
}

/* The domain's XML (@flags: virDomainXMLFlags) as a tree, or NULL. */
static virtshXMLNode *
virtshDomainGetXMLTree(vshControl *ctl, virDomainPtr dom, unsigned int flags)
{
    static const GMarkupParser parser = {
        .start_element = virtshXMLStart,
        .end_element = virtshXMLEnd,
        .text = virtshXMLText,
    };
    virtshXMLBuilder b = { 0 };
    g_autoptr(GMarkupParseContext) context = NULL;
    g_autoptr(GError) err = NULL;
    g_autofree char *xml = NULL;

    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return NULL;
    context = g_markup_parse_context_new(&parser, 0, &b, NULL);
    if (!g_markup_parse_context_parse(context, xml, -1, &err) ||
        !g_markup_parse_context_end_parse(context, &err)) {
        vshSetLastError(ctl, "XML error: %s", err->message);
        virtshXMLNodeFree(b.root);
        return NULL;
    }
    return b.root;
}

static const char *
virtshXMLAttr(const virtshXMLNode *node, const char *name)
{
    size_t i;

    for (i = 0; node && node->attrNames[i]; i++) {
        if (strcmp(node->attrNames[i], name) == 0)
            return node->attrValues[i];
    }
    return NULL;
}

/* The first attribute of @node named in @names, in the element's order
 * (what virsh's XPath union of attributes gives). */
static const char *
virtshXMLFirstAttr(const virtshXMLNode *node, const char *const *names)
{
    size_t i;

    for (i = 0; node && node->attrNames[i]; i++) {
        if (g_strv_contains(names, node->attrNames[i]))
            return node->attrValues[i];
    }
    return NULL;
}

static virtshXMLNode *
virtshXMLChild(const virtshXMLNode *node, const char *name)
{
    size_t i;

    for (i = 0; node && i < node->children->len; i++) {
        virtshXMLNode *child = g_ptr_array_index(node->children, i);

        if (strcmp(child->name, name) == 0)
            return child;
    }
    return NULL;
}

/* The <devices> children named @name, in document order. */
static GPtrArray *
virtshXMLDevices(const virtshXMLNode *root, const char *name)
{
    GPtrArray *found = g_ptr_array_new();
    virtshXMLNode *devices = virtshXMLChild(root, "devices");
    size_t i;

    for (i = 0; devices && i < devices->children->len; i++) {
        virtshXMLNode *child = g_ptr_array_index(devices->children, i);

        if (strcmp(child->name, name) == 0)
            g_ptr_array_add(found, child);
    }
    return found;
}

/* Escapes @text as libxml2 does when it writes a node. */
static void
virtshXMLEscape(GString *buf, const char *text)
{
    for (; *text; text++) {
        switch (*text) {
        case '&': g_string_append(buf, "&amp;"); break;
        case '<': g_string_append(buf, "&lt;"); break;
        case '>': g_string_append(buf, "&gt;"); break;
        case '"': g_string_append(buf, "&quot;"); break;
        default: g_string_append_c(buf, *text);
        }
    }
}

/* Writes @node as virsh does one it found in the domain's XML (libxml2's
 * dump of the node): double quotes, and the children indented as they
 * were in the document, where @node stood @indent spaces in; nothing
 * before the first tag nor after the last. */
static void
virtshXMLFormat(GString *buf, const virtshXMLNode *node, int indent)
{
    g_autofree char *text = NULL;
    size_t i;

    g_string_append_printf(buf, "<%s", node->name);
    for (i = 0; node->attrNames[i]; i++) {
        g_string_append_printf(buf, " %s=\"", node->attrNames[i]);
        virtshXMLEscape(buf, node->attrValues[i]);
        g_string_append_c(buf, '"');
    }
    if (node->children->len) {
        g_string_append_c(buf, '>');
        for (i = 0; i < node->children->len; i++) {
            g_string_append_printf(buf, "\n%*s", indent + 2, "");
            virtshXMLFormat(buf, g_ptr_array_index(node->children, i), indent + 2);
        }
        g_string_append_printf(buf, "\n%*s</%s>", indent, "", node->name);
        return;
    }
    text = g_strstrip(g_strdup(node->text->str));
    if (*text) {
        g_string_append_c(buf, '>');
        virtshXMLEscape(buf, text);
        g_string_append_printf(buf, "</%s>", node->name);
    } else {
        g_string_append(buf, "/>");
    }
}

/* ---- the flags of the device commands ---- */

/* --persistent, --config, --live and --current as virsh reads them; a
 * running domain's --persistent change is live too (then @dom is needed:
 * see virtshDeviceFlagsPersistent). */
static bool
virtshDeviceFlags(vshControl *ctl, const vshCmd *cmd, unsigned int *flags)
{
    if (!vshExclusiveOptions(ctl, cmd, "persistent", "current") ||
        !virtshImpactFlags(ctl, cmd, flags))
        return false;
    if (vshCommandOptBool(cmd, "persistent"))
        *flags |= VIR_DOMAIN_AFFECT_CONFIG;
    return true;
}

static void
virtshDeviceFlagsPersistent(const vshCmd *cmd, virDomainPtr dom, unsigned int *flags)
{
    if (vshCommandOptBool(cmd, "persistent") && virDomainIsActive(dom) == 1)
        *flags |= VIR_DOMAIN_AFFECT_LIVE;
}

/* Without any of the four options, the calls without flags (hotplug). */
static bool
virtshDeviceFlagsGiven(const vshCmd *cmd, unsigned int flags)
{
    return flags || vshCommandOptBool(cmd, "current");
}

/* What attach-disk, attach-interface and detach-disk end with: @xml
 * printed (--print-xml), or given to the domain, with the flags when an
 * impact option was given, else as hotplug; virsh's messages name @what
 * ("disk", "interface"). */
static bool
virtshDeviceApply(vshControl *ctl, const vshCmd *cmd, virDomainPtr dom, const char *xml,
                  unsigned int flags, bool detach, const char *what)
{
    int rc;

    if (vshCommandOptBool(cmd, "print-xml")) {
        vshPrint(ctl, "%s", xml);
        return true;
    }
    virtshDeviceFlagsPersistent(cmd, dom, &flags);
    if (detach)
        rc = virtshDeviceFlagsGiven(cmd, flags) ? virDomainDetachDeviceFlags(dom, xml, flags)
                                                : virDomainDetachDevice(dom, xml);
    else
        rc = virtshDeviceFlagsGiven(cmd, flags) ? virDomainAttachDeviceFlags(dom, xml, flags)
                                                : virDomainAttachDevice(dom, xml);
    if (rc < 0) {
        vshError(ctl, "Failed to %s %s", detach ? "detach" : "attach", what);
        return false;
    }
    vshPrintExtra(ctl, "%c%s %s successfully\n", g_ascii_toupper(what[0]), what + 1,
                  detach ? "detached" : "attached");
    return true;
}

#define VIRTSH_OPT_PERSISTENT \
    {.name = "persistent", .type = VSH_OT_BOOL, .help = "make live change persistent"}
#define VIRTSH_OPTS_DEVICE_IMPACT \
    VIRTSH_OPT_PERSISTENT, \
    VIRTSH_OPT_CONFIG("affect next boot"), \
    VIRTSH_OPT_LIVE("affect running domain"), \
    VIRTSH_OPT_CURRENT("affect current domain")
#define VIRTSH_OPT_XMLFILE \
    {.name = "file", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "XML file", \
     .complete = VSH_COMPLETE_FILE}

/* ---- attach-device, detach-device, update-device ---- */

typedef enum {
    VIRTSH_DEVICE_ATTACH,
    VIRTSH_DEVICE_DETACH,
    VIRTSH_DEVICE_UPDATE,
} virtshDeviceAction;

static const struct {
    const char *verb;           /* "Failed to attach device from FILE" */
    const char *done;           /* "Device attached successfully" */
} virtshDeviceMessages[] = {
    { "attach", "attached" },
    { "detach", "detached" },
    { "update", "updated" },
};

static bool
virtshDeviceFromFile(vshControl *ctl, const vshCmd *cmd, virtshDeviceAction action)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *buffer = NULL;
    const char *from = NULL;
    unsigned int flags;
    int rc;

    if (!virtshDeviceFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptString(ctl, cmd, "file", &from) < 0)
        return false;
    virtshDeviceFlagsPersistent(cmd, dom, &flags);
    if (!(buffer = virtshReadFile(ctl, from)))
        return false;
    switch (action) {
    case VIRTSH_DEVICE_ATTACH:
        rc = virtshDeviceFlagsGiven(cmd, flags) ? virDomainAttachDeviceFlags(dom, buffer, flags)
                                                : virDomainAttachDevice(dom, buffer);
        break;
    case VIRTSH_DEVICE_DETACH:
        rc = virtshDeviceFlagsGiven(cmd, flags) ? virDomainDetachDeviceFlags(dom, buffer, flags)
                                                : virDomainDetachDevice(dom, buffer);
        break;
    case VIRTSH_DEVICE_UPDATE:
    default:
        if (vshCommandOptBool(cmd, "force"))
            flags |= VIR_DOMAIN_DEVICE_MODIFY_FORCE;
        rc = virDomainUpdateDeviceFlags(dom, buffer, flags);
        break;
    }
    if (rc < 0) {
        vshError(ctl, "Failed to %s device from %s", virtshDeviceMessages[action].verb, from);
        return false;
    }
    vshPrintExtra(ctl, "Device %s successfully\n", virtshDeviceMessages[action].done);
    return true;
}

static const vshCmdInfo info_attach_device = {
    .help = "attach device from an XML file",
    .desc = "Attach device from an XML <file>.",
};

static const vshCmdOptDef opts_attach_device[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    VIRTSH_OPT_XMLFILE,
    VIRTSH_OPTS_DEVICE_IMPACT,
    VIRTSH_OPT_END
};

static bool
cmdAttachDevice(vshControl *ctl, const vshCmd *cmd)
{
    return virtshDeviceFromFile(ctl, cmd, VIRTSH_DEVICE_ATTACH);
}

static const vshCmdInfo info_detach_device = {
    .help = "detach device from an XML file",
    .desc = "Detach device from an XML <file>",
};

static bool
cmdDetachDevice(vshControl *ctl, const vshCmd *cmd)
{
    return virtshDeviceFromFile(ctl, cmd, VIRTSH_DEVICE_DETACH);
}

static const vshCmdInfo info_update_device = {
    .help = "update device from an XML file",
    .desc = "Update device from an XML <file>.",
};

static const vshCmdOptDef opts_update_device[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    VIRTSH_OPT_XMLFILE,
    VIRTSH_OPTS_DEVICE_IMPACT,
    {.name = "force", .type = VSH_OT_BOOL, .help = "force device update"},
    VIRTSH_OPT_END
};

static bool
cmdUpdateDevice(vshControl *ctl, const vshCmd *cmd)
{
    return virtshDeviceFromFile(ctl, cmd, VIRTSH_DEVICE_UPDATE);
}

/* ---- detach-device-alias ---- */

static const vshCmdInfo info_detach_device_alias = {
    .help = "detach device from an alias",
    .desc = "Detach device identified by the given alias from a domain",
};

static const vshCmdOptDef opts_detach_device_alias[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "alias", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "device alias"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_END
};

static bool
cmdDetachDeviceAlias(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *alias = NULL;
    unsigned int flags;

    if (!virtshImpactFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptString(ctl, cmd, "alias", &alias) < 0)
        return false;
    if (virDomainDetachDeviceAlias(dom, alias, flags) < 0) {
        vshError(ctl, "Failed to detach device with alias %s", alias);
        return false;
    }
    vshPrintExtra(ctl, "Device detach request sent successfully\n");
    return true;
}

/* ---- attach-disk ---- */

static const vshCmdInfo info_attach_disk = {
    .help = "attach disk device",
    .desc = "Attach new disk device.",
};

static const vshCmdOptDef opts_attach_disk[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "source", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ | VSH_OFLAG_EMPTY_OK,
     .help = "source of disk device or name of network disk", .complete = VSH_COMPLETE_FILE},
    {.name = "target", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "target of disk device"},
    {.name = "targetbus", .type = VSH_OT_STRING, .help = "target bus of disk device"},
    {.name = "driver", .type = VSH_OT_STRING, .help = "driver of disk device"},
    {.name = "subdriver", .type = VSH_OT_STRING, .help = "subdriver of disk device"},
    {.name = "iothread", .type = VSH_OT_STRING, .help = "IOThread to be used by supported device"},
    {.name = "cache", .type = VSH_OT_STRING, .help = "cache mode of disk device"},
    {.name = "io", .type = VSH_OT_STRING, .help = "io policy of disk device"},
    {.name = "type", .type = VSH_OT_STRING, .help = "target device type"},
    {.name = "shareable", .type = VSH_OT_ALIAS, .help = "mode=shareable"},
    {.name = "mode", .type = VSH_OT_STRING, .help = "mode of device reading and writing"},
    {.name = "sourcetype", .type = VSH_OT_STRING, .help = "type of source (block|file|network)"},
    {.name = "serial", .type = VSH_OT_STRING, .help = "serial of disk device"},
    {.name = "wwn", .type = VSH_OT_STRING, .help = "wwn of disk device"},
    {.name = "alias", .type = VSH_OT_STRING, .help = "custom alias name of disk device"},
    {.name = "rawio", .type = VSH_OT_BOOL, .help = "needs rawio capability"},
    {.name = "address", .type = VSH_OT_STRING, .help = "address of disk device"},
    {.name = "multifunction", .type = VSH_OT_BOOL,
     .help = "use multifunction pci under specified address"},
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than attach the disk"},
    {.name = "source-protocol", .type = VSH_OT_STRING,
     .help = "protocol used by disk device source"},
    {.name = "source-host-name", .type = VSH_OT_STRING,
     .help = "host name for source of disk device"},
    {.name = "source-host-transport", .type = VSH_OT_STRING,
     .help = "host transport for source of disk device"},
    {.name = "source-host-socket", .type = VSH_OT_STRING,
     .help = "host socket for source of disk device"},
    VIRTSH_OPTS_DEVICE_IMPACT,
    VIRTSH_OPT_END
};

/* Appends name='value' (escaped) when @value is given. */
static void
virtshAddAttr(GString *buf, const char *name, const char *value)
{
    g_autofree char *escaped = NULL;

    if (!value)
        return;
    escaped = g_markup_escape_text(value, -1);
    g_string_append_printf(buf, " %s='%s'", name, escaped);
}

/* One number of an address: digits in @base up to the next separator
 * (any one character) or the end.  Advances *@p past the separator. */
static bool
virtshAddressNumber(const char **p, int base, unsigned long long max, unsigned long long *value)
{
    const char *s = *p;
    char *end;

    if (!*s || *s == '-' || g_ascii_isspace(*s))
        return false;
    errno = 0;
    *value = g_ascii_strtoull(s, &end, base);
    if (errno || end == s || *value > max)
        return false;
    *p = *end ? end + 1 : end;
    return true;
}

/* virsh's addresses: pci:D.B.S.F (hex), ide/scsi/sata:C.B.U, ccw:C.S.D
 * (hex), usb:B.P; writes the <address> element, @indent spaces in, or
 * returns false. */
static bool
virtshAddress(GString *buf, int indent, const char *str, bool multifunction)
{
    const char *colon = strchr(str, ':');
    g_autofree char *type = NULL;
    unsigned long long v[4];
    const char *p;
    size_t i, n;
    int base;

    if (!colon)
        return false;
    type = g_strndup(str, colon - str);
    p = colon + 1;
    if (strcmp(type, "pci") == 0 || strcmp(type, "ccw") == 0)
        base = 16;
    else if (strcmp(type, "ide") == 0 || strcmp(type, "scsi") == 0 ||
             strcmp(type, "sata") == 0 || strcmp(type, "usb") == 0)
        base = 10;
    else
        return false;
    n = strcmp(type, "pci") == 0 ? 4 : strcmp(type, "usb") == 0 ? 2 : 3;
    for (i = 0; i < n; i++) {
        /* the unit of a drive address is wider than the other numbers */
        unsigned long long max = (base == 10 && n == 3 && i == 2) ? G_MAXUINT64 : G_MAXUINT;

        if (!virtshAddressNumber(&p, base, max, &v[i]))
            return false;
    }
    if (strcmp(type, "pci") == 0) {
        g_string_append_printf(buf, "%*s<address type='pci' domain='0x%04llx' bus='0x%02llx' "
                               "slot='0x%02llx' function='0x%0llx'%s/>\n", indent, "",
                               v[0], v[1], v[2], v[3],
                               multifunction ? " multifunction='on'" : "");
    } else if (strcmp(type, "ccw") == 0) {
        g_string_append_printf(buf, "%*s<address type='ccw' cssid='0x%02llx' ssid='0x%01llx' "
                               "devno='0x%04llx'/>\n", indent, "", v[0], v[1], v[2]);
    } else if (strcmp(type, "usb") == 0) {
        g_string_append_printf(buf, "%*s<address type='usb' bus='%llu' port='%llu'/>\n",
                               indent, "", v[0], v[1]);
    } else {
        g_string_append_printf(buf, "%*s<address type='drive' controller='%llu' bus='%llu' "
                               "unit='%llu'/>\n", indent, "", v[0], v[1], v[2]);
    }
    return true;
}

/* The address types a target's prefix allows, as virsh checks them. */
static bool
virtshDiskAddressFits(vshControl *ctl, const char *target, const char *type)
{
    if (g_str_has_prefix(target, "vd") && strcmp(type, "pci") != 0 && strcmp(type, "ccw") != 0) {
        vshError(ctl, "%s", "expecting a pci:0000.00.00.00 or ccw:00.0.0000 address.");
        return false;
    }
    if (g_str_has_prefix(target, "sd") && strcmp(type, "scsi") != 0 &&
        strcmp(type, "usb") != 0 && strcmp(type, "sata") != 0) {
        vshError(ctl, "%s", "expecting a scsi:00.00.00 or usb:00.00 or sata:00.00.00 address.");
        return false;
    }
    if (g_str_has_prefix(target, "hd") && strcmp(type, "ide") != 0) {
        vshError(ctl, "%s", "expecting an ide:00.00.00 address.");
        return false;
    }
    return true;
}

static bool
virtshValidWWN(const char *wwn)
{
    const char *p = g_str_has_prefix(wwn, "0x") ? wwn + 2 : wwn;
    size_t i;

    for (i = 0; g_ascii_isxdigit(p[i]); i++)
        ;
    return i == 16 && !p[i];
}

typedef struct {
    const char *source, *target, *targetbus, *driver, *subdriver, *iothread, *cache, *io;
    const char *device, *mode, *stype, *serial, *wwn, *alias, *address;
    const char *protocol, *hostName, *hostTransport, *hostSocket;
} virtshDiskOptions;

static bool
virtshDiskOptionsRead(vshControl *ctl, const vshCmd *cmd, virtshDiskOptions *o)
{
    const struct {
        const char *name;
        const char **value;
    } opts[] = {
        { "source", &o->source }, { "target", &o->target }, { "driver", &o->driver },
        { "subdriver", &o->subdriver }, { "type", &o->device }, { "mode", &o->mode },
        { "iothread", &o->iothread }, { "cache", &o->cache }, { "io", &o->io },
        { "serial", &o->serial }, { "wwn", &o->wwn }, { "address", &o->address },
        { "targetbus", &o->targetbus }, { "alias", &o->alias }, { "sourcetype", &o->stype },
        { "source-protocol", &o->protocol }, { "source-host-name", &o->hostName },
        { "source-host-transport", &o->hostTransport },
        { "source-host-socket", &o->hostSocket },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(opts); i++) {
        if (vshCommandOptString(ctl, cmd, opts[i].name, opts[i].value) < 0)
            return false;
    }
    return true;
}

/* The <disk> of attach-disk's options, as virsh writes it; NULL after
 * an error. */
static char *
virtshDiskXML(vshControl *ctl, const vshCmd *cmd, const virtshDiskOptions *o)
{
    g_autoptr(GString) buf = g_string_new("<disk");
    g_autoptr(GString) attrs = g_string_new(NULL);
    const char *stype = o->stype;
    struct stat st;

    if (stype && strcmp(stype, "file") != 0 && strcmp(stype, "block") != 0 &&
        strcmp(stype, "network") != 0 && *stype) {
        vshError(ctl, "Unknown source type: '%s'", stype);
        return NULL;
    }
    if (!stype || !*stype) {
        if (o->protocol)
            stype = "network";
        else if (g_strcmp0(o->driver, "file") != 0 && g_strcmp0(o->driver, "tap") != 0 &&
                 o->source && stat(o->source, &st) == 0 && S_ISBLK(st.st_mode))
            stype = "block";
        else
            stype = "file";
    }
    if ((strcmp(stype, "network") == 0) != !!o->protocol) {
        vshError(ctl, "--source-protocol option requires --sourcetype network");
        return NULL;
    }
    if (o->mode && strcmp(o->mode, "readonly") != 0 && strcmp(o->mode, "shareable") != 0) {
        vshError(ctl, "No support for %s in command 'attach-disk'", o->mode);
        return NULL;
    }
    if (o->wwn && !virtshValidWWN(o->wwn)) {
        vshError(ctl, "internal error: Malformed wwn: %s", o->wwn);
        return NULL;
    }

    virtshAddAttr(buf, "type", stype);
    virtshAddAttr(buf, "device", o->device);
    if (vshCommandOptBool(cmd, "rawio"))
        g_string_append(buf, " rawio='yes'");
    g_string_append(buf, ">\n");

    virtshAddAttr(attrs, "name", o->driver);
    virtshAddAttr(attrs, "type", o->subdriver);
    virtshAddAttr(attrs, "iothread", o->iothread);
    virtshAddAttr(attrs, "cache", o->cache);
    virtshAddAttr(attrs, "io", o->io);
    if (attrs->len)
        g_string_append_printf(buf, "  <driver%s/>\n", attrs->str);

    g_string_truncate(attrs, 0);
    if (strcmp(stype, "network") == 0) {
        g_autoptr(GString) host = g_string_new(NULL);

        virtshAddAttr(attrs, "protocol", o->protocol);
        virtshAddAttr(attrs, "name", o->source);
        virtshAddAttr(host, "transport", o->hostTransport);
        virtshAddAttr(host, "socket", o->hostSocket);
        if (o->hostName) {
            g_autofree char *name = g_strdup(o->hostName);
            char *port = strchr(name, ':');

            if (port)
                *port++ = '\0';
            virtshAddAttr(host, "name", name);
            virtshAddAttr(host, "port", port);
        }
        if (host->len)
            g_string_append_printf(buf, "  <source%s>\n    <host%s/>\n  </source>\n",
                                   attrs->str, host->str);
        else if (attrs->len)
            g_string_append_printf(buf, "  <source%s/>\n", attrs->str);
    } else {
        virtshAddAttr(attrs, strcmp(stype, "block") == 0 ? "dev" : "file", o->source);
        if (attrs->len)
            g_string_append_printf(buf, "  <source%s/>\n", attrs->str);
    }

    /* as virsh, the target, bus, mode, serial, alias and wwn unescaped */
    g_string_append_printf(buf, "  <target dev='%s'", o->target);
    if (o->targetbus)
        g_string_append_printf(buf, " bus='%s'", o->targetbus);
    g_string_append(buf, "/>\n");
    if (o->mode)
        g_string_append_printf(buf, "  <%s/>\n", o->mode);
    if (o->serial)
        g_string_append_printf(buf, "  <serial>%s</serial>\n", o->serial);
    if (o->alias)
        g_string_append_printf(buf, "  <alias name='%s'/>\n", o->alias);
    if (o->wwn)
        g_string_append_printf(buf, "  <wwn>%s</wwn>\n", o->wwn);
    if (o->address) {
        g_autofree char *type = g_strndup(o->address, strcspn(o->address, ":"));

        if (!virtshAddress(buf, 2, o->address, vshCommandOptBool(cmd, "multifunction"))) {
            vshError(ctl, "Invalid address.");
            return NULL;
        }
        if (!virtshDiskAddressFits(ctl, o->target, type))
            return NULL;
    }
    g_string_append(buf, "</disk>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

static bool
cmdAttachDisk(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    virtshDiskOptions o = { 0 };
    unsigned int flags;

    if (!virtshDeviceFlags(ctl, cmd, &flags) ||
        !vshRequireOption(ctl, cmd, "source-host-name", "source-protocol") ||
        !vshRequireOption(ctl, cmd, "source-host-transport", "source-protocol") ||
        !vshRequireOption(ctl, cmd, "source-host-socket", "source-protocol") ||
        !vshRequireOption(ctl, cmd, "source-host-socket", "source-host-transport") ||
        !vshExclusiveOptions(ctl, cmd, "source-host-name", "source-host-socket"))
        return false;
    if (!virtshDiskOptionsRead(ctl, cmd, &o) || !(xml = virtshDiskXML(ctl, cmd, &o)))
        return false;
    if (!vshCommandOptBool(cmd, "print-xml") && !(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    return virtshDeviceApply(ctl, cmd, dom, xml, flags, false, "disk");
}

/* ---- detach-disk ---- */

static const vshCmdInfo info_detach_disk = {
    .help = "detach disk device",
    .desc = "Detach disk device.",
};

static const vshCmdOptDef opts_detach_disk[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "target", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "target of disk device"},
    VIRTSH_OPTS_DEVICE_IMPACT,
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than detach the disk"},
    VIRTSH_OPT_END
};

static const char *const virtshDiskSourceAttrs[] = {
    "file", "dev", "dir", "name", "volume", "path", NULL,
};

static bool
cmdDetachDisk(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autoptr(virtshXMLNode) root = NULL;
    g_autoptr(GPtrArray) disks = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    const virtshXMLNode *disk = NULL;
    const char *target = NULL;
    unsigned int flags;
    size_t i, j;

    if (!virtshDeviceFlags(ctl, cmd, &flags))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptString(ctl, cmd, "target", &target) < 0)
        return false;
    if (!(root = virtshDomainGetXMLTree(ctl, dom, flags == VIR_DOMAIN_AFFECT_CONFIG ?
                                        VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;
    disks = virtshXMLDevices(root, "disk");
    if (disks->len == 0) {
        vshError(ctl, "%s", "Failed to get disk information");
        return false;
    }
    for (i = 0; i < disks->len && !disk; i++) {
        const virtshXMLNode *cur = g_ptr_array_index(disks, i);
        const virtshXMLNode *source = virtshXMLChild(cur, "source");

        if (g_strcmp0(virtshXMLAttr(virtshXMLChild(cur, "target"), "dev"), target) == 0)
            disk = cur;
        for (j = 0; j < 4 && !disk; j++) {
            if (g_strcmp0(virtshXMLAttr(source, virtshDiskSourceAttrs[j]), target) == 0)
                disk = cur;
        }
    }
    if (!disk) {
        vshError(ctl, "No disk found whose source path or target is %s", target);
        return false;
    }
    virtshXMLFormat(xml, disk, 4);      /* <domain><devices><disk> */
    return virtshDeviceApply(ctl, cmd, dom, xml->str, flags, true, "disk");
}

/* ---- attach-interface, detach-interface ---- */

static const vshCmdInfo info_attach_interface = {
    .help = "attach network interface",
    .desc = "Attach new network interface.",
};

static const vshCmdOptDef opts_attach_interface[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "network interface type"},
    {.name = "source", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ,
     .help = "source of network interface"},
    {.name = "target", .type = VSH_OT_STRING, .help = "target network name"},
    {.name = "mac", .type = VSH_OT_STRING, .help = "MAC address"},
    {.name = "script", .type = VSH_OT_STRING, .help = "script used to bridge network interface"},
    {.name = "model", .type = VSH_OT_STRING, .help = "model type"},
    {.name = "alias", .type = VSH_OT_STRING, .help = "custom alias name of interface device"},
    {.name = "inbound", .type = VSH_OT_STRING, .help = "control domain's incoming traffics"},
    {.name = "outbound", .type = VSH_OT_STRING, .help = "control domain's outgoing traffics"},
    VIRTSH_OPTS_DEVICE_IMPACT,
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than attach the interface"},
    {.name = "managed", .type = VSH_OT_BOOL,
     .help = "libvirt will automatically detach/attach the device from/to host"},
    {.name = "source-mode", .type = VSH_OT_STRING, .help = "mode attribute of <source/> element"},
    VIRTSH_OPT_END
};

/* libvirt's interface types (virDomainNetType), in its order. */
static const char *const virtshNetTypes[] = {
    "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge",
    "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds", NULL,
};

typedef struct {
    unsigned long long average, peak, burst, floor;
} virtshRate;

/* "average,peak,burst,floor", the last three optional (empty or absent). */
static bool
virtshParseRate(vshControl *ctl, const char *str, virtshRate *rate)
{
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    unsigned long long *fields[] = { &rate->average, &rate->peak, &rate->burst, &rate->floor };
    g_auto(GStrv) tok = g_strsplit(str, ",", 0);
    size_t i;

    memset(rate, 0, sizeof(*rate));
    if (g_strv_length(tok) > 4) {
        vshError(ctl, "Rate string '%s' has too many fields", str);
        return false;
    }
    for (i = 0; tok[i]; i++) {
        guint64 value = 0;

        if (*tok[i] && !g_ascii_string_to_unsigned(tok[i], 10, 0, G_MAXUINT64, &value, NULL)) {
            vshError(ctl, "field '%s' is malformed", names[i]);
            return false;
        }
        *fields[i] = value;
    }
    return true;
}

static void
virtshFormatRate(GString *buf, const char *name, const virtshRate *rate, bool floor)
{
    g_string_append_printf(buf, "    <%s", name);
    if (rate->average > 0)
        g_string_append_printf(buf, " average='%llu'", rate->average);
    if (rate->peak > 0)
        g_string_append_printf(buf, " peak='%llu'", rate->peak);
    if (rate->burst > 0)
        g_string_append_printf(buf, " burst='%llu'", rate->burst);
    if (floor && rate->floor > 0)
        g_string_append_printf(buf, " floor='%llu'", rate->floor);
    g_string_append(buf, "/>\n");
}

/* The <interface> of attach-interface's options, as virsh writes it. */
static char *
virtshInterfaceXML(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(GString) buf = g_string_new(NULL);
    const char *type = NULL, *source = NULL, *target = NULL, *mac = NULL, *script = NULL;
    const char *model = NULL, *alias = NULL, *inboundStr = NULL, *outboundStr = NULL;
    const char *mode = NULL;
    virtshRate inbound, outbound;

    if (vshCommandOptString(ctl, cmd, "type", &type) < 0 ||
        vshCommandOptString(ctl, cmd, "source", &source) < 0 ||
        vshCommandOptString(ctl, cmd, "target", &target) < 0 ||
        vshCommandOptString(ctl, cmd, "mac", &mac) < 0 ||
        vshCommandOptString(ctl, cmd, "script", &script) < 0 ||
        vshCommandOptString(ctl, cmd, "model", &model) < 0 ||
        vshCommandOptString(ctl, cmd, "alias", &alias) < 0 ||
        vshCommandOptString(ctl, cmd, "inbound", &inboundStr) < 0 ||
        vshCommandOptString(ctl, cmd, "outbound", &outboundStr) < 0 ||
        vshCommandOptString(ctl, cmd, "source-mode", &mode) < 0)
        return NULL;
    if (!g_strv_contains(virtshNetTypes, type)) {
        vshError(ctl, "No support for %s in command 'attach-interface'", type);
        return NULL;
    }
    if (mode && strcmp(mode, "server") != 0 && strcmp(mode, "client") != 0) {
        vshError(ctl, "Invalid source mode: %s", mode);
        return NULL;
    }
    if (inboundStr) {
        if (!virtshParseRate(ctl, inboundStr, &inbound))
            return NULL;
        if (!inbound.average && !inbound.floor) {
            vshError(ctl, "either inbound average or floor is mandatory");
            return NULL;
        }
    }
    if (outboundStr) {
        if (!virtshParseRate(ctl, outboundStr, &outbound))
            return NULL;
        if (outbound.average == 0) {
            vshError(ctl, "outbound average is mandatory");
            return NULL;
        }
        if (outbound.floor) {
            vshError(ctl, "outbound floor is unsupported yet");
            return NULL;
        }
    }

    g_string_append_printf(buf, "<interface type='%s'%s>\n", type,
                           vshCommandOptBool(cmd, "managed") ? " managed='yes'" : "");
    if (strcmp(type, "network") == 0 || strcmp(type, "bridge") == 0) {
        g_string_append_printf(buf, "  <source %s='%s'/>\n", type, source);
    } else if (strcmp(type, "direct") == 0) {
        g_string_append_printf(buf, "  <source dev='%s'/>\n", source);
    } else if (strcmp(type, "hostdev") == 0) {
        g_autofree char *pci = g_strdup_printf("pci:%s", source);

        g_string_append(buf, "  <source>\n");
        if (!virtshAddress(buf, 4, pci, false)) {
            vshError(ctl, "cannot parse pci address '%s' for network interface", source);
            return NULL;
        }
        g_string_append(buf, "  </source>\n");
    } else if (strcmp(type, "vhostuser") == 0) {
        if (!mode) {
            vshError(ctl, "source-mode is mandatory");
            return NULL;
        }
        g_string_append_printf(buf, "  <source type='unix' path='%s' mode='%s'/>\n", source, mode);
    } else {
        vshError(ctl, "No support for %s in command 'attach-interface'", type);
        return NULL;
    }
    if (target)
        g_string_append_printf(buf, "  <target dev='%s'/>\n", target);
    if (mac)
        g_string_append_printf(buf, "  <mac address='%s'/>\n", mac);
    if (script)
        g_string_append_printf(buf, "  <script path='%s'/>\n", script);
    if (model)
        g_string_append_printf(buf, "  <model type='%s'/>\n", model);
    if (alias)
        g_string_append_printf(buf, "  <alias name='%s'/>\n", alias);
    if (inboundStr || outboundStr) {
        g_string_append(buf, "  <bandwidth>\n");
        if (inboundStr)
            virtshFormatRate(buf, "inbound", &inbound, true);
        if (outboundStr)
            virtshFormatRate(buf, "outbound", &outbound, false);
        g_string_append(buf, "  </bandwidth>\n");
    }
    g_string_append(buf, "</interface>\n");
    return g_string_free(g_steal_pointer(&buf), FALSE);
}

static bool
cmdAttachInterface(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree char *xml = NULL;
    unsigned int flags;

    if (!virtshDeviceFlags(ctl, cmd, &flags) || !(xml = virtshInterfaceXML(ctl, cmd)))
        return false;
    if (!vshCommandOptBool(cmd, "print-xml") && !(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    return virtshDeviceApply(ctl, cmd, dom, xml, flags, false, "interface");
}

static const vshCmdInfo info_detach_interface = {
    .help = "detach network interface",
    .desc = "Detach network interface.",
};

static const vshCmdOptDef opts_detach_interface[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "type", .type = VSH_OT_DATA, .flags = VSH_OFLAG_REQ, .help = "network interface type"},
    {.name = "mac", .type = VSH_OT_STRING, .help = "MAC address"},
    VIRTSH_OPTS_DEVICE_IMPACT,
    {.name = "print-xml", .type = VSH_OT_BOOL,
     .help = "print XML document rather than detach the interface"},
    VIRTSH_OPT_END
};

/* Two MAC addresses are the same when their six numbers are (case and
 * leading zeros aside), as virsh compares them. */
static bool
virtshSameMAC(const char *a, const char *b)
{
    unsigned int x[6], y[6];
    char end;

    if (sscanf(a, "%x:%x:%x:%x:%x:%x%c", &x[0], &x[1], &x[2], &x[3], &x[4], &x[5], &end) != 6 ||
        sscanf(b, "%x:%x:%x:%x:%x:%x%c", &y[0], &y[1], &y[2], &y[3], &y[4], &y[5], &end) != 6)
        return g_ascii_strcasecmp(a, b) == 0;
    return memcmp(x, y, sizeof(x)) == 0;
}

/* Detaches the interface of @type (and @mac) from the definition that
 * @xmlFlags shows, with @flags; false after an error. */
static bool
virtshDetachInterfaceFrom(vshControl *ctl, virDomainPtr dom, unsigned int xmlFlags,
                          unsigned int flags, bool current, const char *type, const char *mac,
                          bool printxml)
{
    g_autoptr(virtshXMLNode) root = NULL;
    g_autoptr(GPtrArray) ifaces = NULL;
    g_autoptr(GString) xml = g_string_new(NULL);
    const virtshXMLNode *match = NULL;
    size_t i;

    if (!(root = virtshDomainGetXMLTree(ctl, dom, xmlFlags)))
        return false;
    ifaces = virtshXMLDevices(root, "interface");
    for (i = ifaces->len; i > 0; i--) {
        if (g_strcmp0(virtshXMLAttr(g_ptr_array_index(ifaces, i - 1), "type"), type) != 0)
            g_ptr_array_remove_index(ifaces, i - 1);
    }
    if (ifaces->len == 0) {
        vshError(ctl, "No interface found whose type is %s", type);
        return false;
    }
    if (mac) {
        for (i = 0; i < ifaces->len; i++) {
            const char *address = virtshXMLAttr(virtshXMLChild(g_ptr_array_index(ifaces, i), "mac"),
                                                "address");

            if (!address || !virtshSameMAC(address, mac))
                continue;
            if (match) {
                vshError(ctl, "Domain has multiple interfaces matching MAC address %s. You must "
                         "use detach-device and specify the device pci address to remove it.",
                         mac);
                return false;
            }
            match = g_ptr_array_index(ifaces, i);
        }
    } else if (ifaces->len > 1) {
        vshError(ctl, "Domain has %u interfaces. Please specify which one to detach using --mac",
                 ifaces->len);
        return false;
    } else {
        match = g_ptr_array_index(ifaces, 0);
    }
    if (!match) {
        vshError(ctl, "No interface with MAC address %s was found", mac);
        return false;
    }
    virtshXMLFormat(xml, match, 4);
    if (printxml) {
        vshPrint(ctl, "%s", xml->str);
        return true;
    }
    if (flags || current)
        return virDomainDetachDeviceFlags(dom, xml->str, flags) == 0;
    return virDomainDetachDevice(dom, xml->str) == 0;
}

static bool
cmdDetachInterface(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    const char *type = NULL, *mac = NULL;
    bool current = vshCommandOptBool(cmd, "current");
    bool persistent = vshCommandOptBool(cmd, "persistent");
    bool printxml = vshCommandOptBool(cmd, "print-xml");
    bool config = vshCommandOptBool(cmd, "config") || persistent;
    bool live, ok = false;

    if (!vshExclusiveOptions(ctl, cmd, "persistent", "current") ||
        !vshExclusiveOptions(ctl, cmd, "current", "live") ||
        !vshExclusiveOptions(ctl, cmd, "current", "config"))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptString(ctl, cmd, "type", &type) < 0 ||
        vshCommandOptString(ctl, cmd, "mac", &mac) < 0)
        goto done;
    /* as virsh: the configuration first, then the running domain, each
     * from its own definition */
    if (config && !(ok = virtshDetachInterfaceFrom(ctl, dom, VIR_DOMAIN_XML_INACTIVE,
                                                  VIR_DOMAIN_AFFECT_CONFIG, current, type, mac,
                                                  printxml)))
        goto done;
    live = vshCommandOptBool(cmd, "live") || (persistent && virDomainIsActive(dom) == 1);
    if (live || !config)
        ok = virtshDetachInterfaceFrom(ctl, dom, 0, live ? VIR_DOMAIN_AFFECT_LIVE : 0, current,
                                       type, mac, printxml);
    if (printxml)
        return ok;
 done:
    if (!ok)
        vshError(ctl, "%s", "Failed to detach interface");
    else
        vshPrintExtra(ctl, "Interface detached successfully\n");
    return ok;
}

/* ---- domblklist, domiflist ---- */

static const vshCmdInfo info_domblklist = {
    .help = "list all domain blocks",
    .desc = "Get the summary of block devices for a domain.",
};

static const vshCmdOptDef opts_domblklist[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "inactive", .type = VSH_OT_BOOL,
     .help = "get inactive rather than running configuration"},
    {.name = "details", .type = VSH_OT_BOOL,
     .help = "additionally display the type and device value"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

/* One object per disk, with the columns of --details; what the XML does
 * not say is null. */
static void
virtshDomblklistPrintJSON(vshControl *ctl, GPtrArray *disks)
{
    vshJson json;
    size_t i;

    vshJsonBegin(&json, true);
    for (i = 0; i < disks->len; i++) {
        const virtshXMLNode *disk = g_ptr_array_index(disks, i);

        vshJsonOpen(&json, NULL, false);
        vshJsonString(&json, "type", virtshXMLAttr(disk, "type"));
        vshJsonString(&json, "device", virtshXMLAttr(disk, "device"));
        vshJsonString(&json, "target", virtshXMLAttr(virtshXMLChild(disk, "target"), "dev"));
        vshJsonString(&json, "source", virtshXMLFirstAttr(virtshXMLChild(disk, "source"),
                                                          virtshDiskSourceAttrs));
        vshJsonClose(&json, false);
    }
    vshJsonPrint(&json, ctl);
}

static bool
cmdDomblklist(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autoptr(virtshXMLNode) root = NULL;
    g_autoptr(GPtrArray) disks = NULL;
    g_autoptr(vshTable) table = NULL;
    bool details = vshCommandOptBool(cmd, "details");
    size_t i;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(root = virtshDomainGetXMLTree(ctl, dom, vshCommandOptBool(cmd, "inactive") ?
                                        VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;
    disks = virtshXMLDevices(root, "disk");
    if (vshCommandOptBool(cmd, "json")) {
        virtshDomblklistPrintJSON(ctl, disks);
        return true;
    }
    table = details ? vshTableNew("Type", "Device", "Target", "Source", NULL)
                    : vshTableNew("Target", "Source", NULL);
    for (i = 0; i < disks->len; i++) {
        const virtshXMLNode *disk = g_ptr_array_index(disks, i);
        const char *type = virtshXMLAttr(disk, "type");
        const char *device = virtshXMLAttr(disk, "device");
        const char *target = virtshXMLAttr(virtshXMLChild(disk, "target"), "dev");
        const char *source = virtshXMLFirstAttr(virtshXMLChild(disk, "source"),
                                                virtshDiskSourceAttrs);

        if (details && (!type || !device)) {
            vshError(ctl, "unable to query block list details");
            return false;
        }
        if (!target) {
            vshError(ctl, "unable to query block list");
            return false;
        }
        if (details)
            vshTableRowAppend(table, type, device, target,
                              source ? source : "-", NULL);
        else
            vshTableRowAppend(table, target, source ? source : "-", NULL);
    }
    vshTablePrintToStdout(table, ctl);
    return true;
}

static const vshCmdInfo info_domiflist = {
    .help = "list all domain virtual interfaces",
    .desc = "Get the summary of virtual interfaces for a domain.",
};

static const vshCmdOptDef opts_domiflist[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "inactive", .type = VSH_OT_BOOL,
     .help = "get inactive rather than running configuration"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
cmdDomiflist(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const sourceAttrs[] = { "bridge", "dev", "network", "name", "path", NULL };
    g_autoptr(virtshDomain) dom = NULL;
    g_autoptr(virtshXMLNode) root = NULL;
    g_autoptr(GPtrArray) ifaces = NULL;
    g_autoptr(vshTable) table = NULL;
    bool optJSON = vshCommandOptBool(cmd, "json");
    vshJson json;
    size_t i;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!(root = virtshDomainGetXMLTree(ctl, dom, vshCommandOptBool(cmd, "inactive") ?
                                        VIR_DOMAIN_XML_INACTIVE : 0)))
        return false;
    ifaces = virtshXMLDevices(root, "interface");
    table = vshTableNew("Interface", "Type", "Source", "Model", "MAC", NULL);
    if (optJSON)
        vshJsonBegin(&json, true);
    for (i = 0; i < ifaces->len; i++) {
        const virtshXMLNode *iface = g_ptr_array_index(ifaces, i);
        const char *target = virtshXMLAttr(virtshXMLChild(iface, "target"), "dev");
        const char *source = virtshXMLFirstAttr(virtshXMLChild(iface, "source"), sourceAttrs);
        const char *model = virtshXMLAttr(virtshXMLChild(iface, "model"), "type");
        const char *mac = virtshXMLAttr(virtshXMLChild(iface, "mac"), "address");

        if (optJSON) {
            /* virsh's columns; what the XML does not say is null */
            vshJsonOpen(&json, NULL, false);
            vshJsonString(&json, "interface", target);
            vshJsonString(&json, "type", virtshXMLAttr(iface, "type"));
            vshJsonString(&json, "source", source);
            vshJsonString(&json, "model", model);
            vshJsonString(&json, "mac", mac);
            vshJsonClose(&json, false);
            continue;
        }
        vshTableRowAppend(table, target ? target : "-", virtshXMLAttr(iface, "type") ? virtshXMLAttr(iface, "type") : "",
                          source ? source : "-", model ? model : "-", mac ? mac : "-", NULL);
    }
    if (optJSON)
        vshJsonPrint(&json, ctl);
    else
        vshTablePrintToStdout(table, ctl);
    return true;
}

const vshCmdDef domDeviceCmds[] = {
    {.name = "attach-device", .handler = cmdAttachDevice, .opts = opts_attach_device,
     .info = &info_attach_device},
    {.name = "attach-disk", .handler = cmdAttachDisk, .opts = opts_attach_disk,
     .info = &info_attach_disk},
    {.name = "attach-interface", .handler = cmdAttachInterface, .opts = opts_attach_interface,
     .info = &info_attach_interface},
    {.name = "detach-device", .handler = cmdDetachDevice, .opts = opts_attach_device,
     .info = &info_detach_device},
    {.name = "detach-device-alias", .handler = cmdDetachDeviceAlias,
     .opts = opts_detach_device_alias, .info = &info_detach_device_alias},
    {.name = "detach-disk", .handler = cmdDetachDisk, .opts = opts_detach_disk,
     .info = &info_detach_disk},
    {.name = "detach-interface", .handler = cmdDetachInterface, .opts = opts_detach_interface,
     .info = &info_detach_interface},
    {.name = "update-device", .handler = cmdUpdateDevice, .opts = opts_update_device,
     .info = &info_update_device},
    {.name = NULL}
};

const vshCmdDef domDeviceMonitoringCmds[] = {
    {.name = "domblklist", .handler = cmdDomblklist, .opts = opts_domblklist,
     .info = &info_domblklist},
    {.name = "domiflist", .handler = cmdDomiflist, .opts = opts_domiflist,
     .info = &info_domiflist},
    {.name = NULL}
};
