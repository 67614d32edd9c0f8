/*
 * domain_devices.c: <devices> of a domain
 *
 * Every child of <devices> is kept whole, as a virXMLNode in a device
 * record tagged with its family; nothing a user writes there is lost.
 * The families virtkit acts on (disks, interfaces, the memory balloon)
 * are also read into structs that point into the kept element, and
 * checked.  Records are in libvirt's order: by family, and within a
 * family in document order (disks and controllers as libvirt inserts
 * them).
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "domain_order.h"
#include "virerror.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

VIR_ENUM_IMPL(virDomainDevice, VIR_DOMAIN_DEVICE_LAST,
              "emulator", "disk", "controller", "lease", "filesystem", "interface",
              "smartcard", "serial", "parallel", "console", "channel", "input", "tpm",
              "graphics", "sound", "audio", "video", "hostdev", "redirdev",
              "redirfilter", "hub", "watchdog", "memballoon", "rng", "nvram",
              "panic", "shmem", "memory", "iommu", "vsock");

/* The families of which libvirt's schema allows one at most. */
static bool
virDomainDeviceIsSingle(int type)
{
    return type == VIR_DOMAIN_DEVICE_EMULATOR || type == VIR_DOMAIN_DEVICE_WATCHDOG ||
           type == VIR_DOMAIN_DEVICE_MEMBALLOON || type == VIR_DOMAIN_DEVICE_NVRAM ||
           type == VIR_DOMAIN_DEVICE_IOMMU || type == VIR_DOMAIN_DEVICE_VSOCK ||
           type == VIR_DOMAIN_DEVICE_REDIRFILTER;
}

void
virDomainDeviceDefClear(virDomainDeviceDef *dev)
{
    virXMLNodeFree(dev->node);
    g_free(dev->data.ptr);
    dev->node = NULL;
    dev->data.ptr = NULL;
}

virDomainDeviceDef *
virDomainDefAddDevice(virDomainDef *def, int type, virXMLNode *node)
{
    virDomainDeviceDef *dev;

    def->devices = g_renew(virDomainDeviceDef, def->devices, def->ndevices + 1);
    dev = &def->devices[def->ndevices++];
    dev->type = type;
    dev->node = node;
    dev->data.ptr = NULL;
    return dev;
}

static int
virDomainParseDevice(virDomainDef *def, xmlNodePtr cur)
{
    virXMLNode *node;
    int type;

    if (cur->ns || (type = virDomainDeviceTypeFromString((const char *)cur->name)) < 0) {
        virXMLReportNode(VIR_FROM_THIS, cur, "%s",
                         _("unknown device: libvirt's domain schema has no such child of <devices>"));
        return -1;
    }
    if (virDomainDeviceIsSingle(type) && virDomainDefCountDevices(def, type) > 0) {
        virXMLReportNode(VIR_FROM_THIS, cur, _("only one <%s> is allowed"),
                         virDomainDeviceTypeToString(type));
        return -1;
    }
    if (!(node = virXMLNodeParse(VIR_FROM_THIS, cur)))
        return -1;
    virDomainDefAddDevice(def, type, node);
    return 0;
}

int
virDomainParseDevices(virDomainDef *def, xmlNodePtr node)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_TEXT_NODE && !xmlIsBlankNode(cur)) {
            virXMLReportNode(VIR_FROM_THIS, node, "%s",
                             _("text between devices cannot be kept"));
            return -1;
        }
        if (cur->type == XML_ELEMENT_NODE && virDomainParseDevice(def, cur) < 0)
            return -1;
    }
    return 0;
}

/* ---- walking -------------------------------------------------------- */

const virDomainDeviceDef *
virDomainDefNextDevice(const virDomainDef *def, int type, size_t *pos)
{
    while (*pos < def->ndevices) {
        const virDomainDeviceDef *dev = &def->devices[(*pos)++];

        if (type < 0 || dev->type == type)
            return dev;
    }
    return NULL;
}

size_t
virDomainDefCountDevices(const virDomainDef *def, int type)
{
    size_t i, n = 0;

    for (i = 0; i < def->ndevices; i++)
        n += type < 0 || def->devices[i].type == type;
    return n;
}

/* Devices of one family keep their order; families go in libvirt's. */
void
virDomainDevicesSort(virDomainDef *def)
{
    size_t i, j;

    for (i = 1; i < def->ndevices; i++) {
        virDomainDeviceDef cur = def->devices[i];

        for (j = i; j > 0 && def->devices[j - 1].type > cur.type; j--)
            def->devices[j] = def->devices[j - 1];
        def->devices[j] = cur;
    }
}

/* ---- copying -------------------------------------------------------- */

void
virDomainDevicesCopy(virDomainDef *dst, const virDomainDef *src)
{
    size_t i;

    dst->devices = g_new0(virDomainDeviceDef, src->ndevices);
    for (i = 0; i < src->ndevices; i++) {
        dst->devices[i].type = src->devices[i].type;
        dst->devices[i].node = virXMLNodeCopy(src->devices[i].node);
        /* the views point into the node: read them from the copy; what
         * was read once reads again */
        ignore_value(virDomainDeviceReadView(&dst->devices[i]));
    }
}

/* ---- interface names ------------------------------------------------ */

static bool
virDomainIfnameUsed(const virDomainDef *def, const char *name)
{
    size_t pos = 0;
    const virDomainDeviceDef *dev;

    while ((dev = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_INTERFACE, &pos))) {
        if (dev->data.net && g_strcmp0(dev->data.net->ifname, name) == 0)
            return true;
    }
    return false;
}

void
virDomainDefGenerateIfnames(virDomainDef *def, const char *prefix)
{
    size_t i;
    unsigned int n = 0;

    for (i = 0; i < def->ndevices; i++) {
        virDomainDeviceDef *dev = &def->devices[i];
        g_autofree char *name = NULL;
        virXMLNode *target;

        if (dev->type != VIR_DOMAIN_DEVICE_INTERFACE || !dev->data.net || dev->data.net->ifname)
            continue;
        do {
            g_free(name);
            name = g_strdup_printf("%s%u", prefix, n++);
        } while (virDomainIfnameUsed(def, name));
        if (!(target = virXMLNodeChild(dev->node, "target")))
            target = virXMLNodeAppendNew(dev->node, "target");
        virXMLNodeSetAttr(target, "dev", name);
        virDomainOrderCanonicalize(dev->node, "devices");
        ignore_value(virDomainDeviceReadView(dev));
    }
}

/* ---- formatting ----------------------------------------------------- */

/* Secrets libvirt writes only on request (VIR_DOMAIN_XML_SECURE): the
 * cookies of a network disk, the password of a display. */
static bool
virDomainDeviceStripSecrets(virXMLNode *node, int type, bool strip)
{
    virXMLNode *source;
    size_t i;

    if (type == VIR_DOMAIN_DEVICE_GRAPHICS && virXMLNodeGetAttr(node, "passwd")) {
        if (strip)
            virXMLNodeRemoveAttr(node, "passwd");
        return true;
    }
    if (type != VIR_DOMAIN_DEVICE_DISK || !(source = virXMLNodeChild(node, "source")))
        return false;
    for (i = 0; i < source->nchildren; i++) {
        if (strcmp(source->children[i]->name, "cookies") == 0) {
            if (strip)
                virXMLNodeDelete(source, i);
            return true;
        }
    }
    return false;
}

static void
virDomainFormatDevice(GString *buf, int indent, const virDomainDeviceDef *dev,
                      unsigned int flags)
{
    g_autoptr(virXMLNode) copy = NULL;

    if (!(flags & VIR_DOMAIN_DEF_FORMAT_SECURE) &&
        virDomainDeviceStripSecrets(dev->node, dev->type, false)) {
        copy = virXMLNodeCopy(dev->node);
        virDomainDeviceStripSecrets(copy, dev->type, true);
    }
    if (dev->type == VIR_DOMAIN_DEVICE_REDIRDEV && !dev->node->nchildren) {
        /* libvirt writes a <redirdev> open and closed, even empty */
        virXMLIndent(buf, indent);
        virStringAppendLit(buf, "<redirdev");
        virXMLNodeFormatAttrs(buf, dev->node);
        virStringAppendLit(buf, ">\n");
        virXMLIndent(buf, indent);
        virStringAppendLit(buf, "</redirdev>\n");
        return;
    }
    virXMLNodeFormat(buf, indent, copy ? copy : dev->node);
}

void
virDomainFormatDevices(GString *buf, int indent, const virDomainDef *def,
                       unsigned int flags)
{
    size_t i;

    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<devices>\n");
    for (i = 0; i < def->ndevices; i++)
        virDomainFormatDevice(buf, indent + 2, &def->devices[i], flags);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</devices>\n");
}

/* ---- one device: attach, detach, update ------------------------------ */

virDomainDeviceDef *
virDomainDeviceDefParseString(const char *xml)
{
    g_autoptr(xmlDoc) doc = NULL;
    virDomainDeviceDef *dev;
    xmlNodePtr root;
    int type;

    if (!(doc = virXMLParse(xml, "device", NULL, &root)))
        return NULL;
    if (root->ns || (type = virDomainDeviceTypeFromString((const char *)root->name)) < 0) {
        virXMLReportNode(VIR_FROM_THIS, root, "%s",
                         _("unknown device: libvirt's domain schema has no such child of <devices>"));
        return NULL;
    }
    dev = g_new0(virDomainDeviceDef, 1);
    dev->type = type;
    if (!(dev->node = virXMLNodeParse(VIR_FROM_THIS, root)) || virDomainDeviceReadView(dev) < 0) {
        virDomainDeviceDefFree(dev);
        return NULL;
    }
    return dev;
}

void
virDomainDeviceDefFree(virDomainDeviceDef *dev)
{
    if (!dev)
        return;
    virDomainDeviceDefClear(dev);
    g_free(dev);
}

static void
virDomainFormatMAC(char str[18], const unsigned char mac[6])
{
    g_snprintf(str, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
               mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

/* Whether @cur of @def is the device that @dev names. */
static bool
virDomainDeviceIs(const virDomainDeviceDef *dev, const virDomainDeviceDef *cur)
{
    if (cur->type != dev->type)
        return false;
    if (dev->type == VIR_DOMAIN_DEVICE_DISK && dev->data.disk->dst)
        return cur->data.disk && g_strcmp0(cur->data.disk->dst, dev->data.disk->dst) == 0;
    if (dev->type == VIR_DOMAIN_DEVICE_INTERFACE && dev->data.net->macSet)
        return cur->data.net && cur->data.net->macSet &&
               memcmp(cur->data.net->mac, dev->data.net->mac, 6) == 0;
    return virXMLNodeMatches(dev->node, cur->node);
}

ssize_t
virDomainDefFindDevice(const virDomainDef *def, const virDomainDeviceDef *dev)
{
    const char *family = virDomainDeviceTypeToString(dev->type);
    bool byMAC = dev->type == VIR_DOMAIN_DEVICE_INTERFACE && dev->data.net->macSet;
    char mac[18] = "";
    ssize_t found = -1;
    size_t i;

    if (byMAC)
        virDomainFormatMAC(mac, dev->data.net->mac);
    for (i = 0; i < def->ndevices; i++) {
        if (!virDomainDeviceIs(dev, &def->devices[i]))
            continue;
        if (found >= 0) {
            if (byMAC)
                virReportError(VIR_ERR_OPERATION_FAILED,
                               _("multiple devices matching MAC address %s found"), mac);
            else
                virReportError(VIR_ERR_OPERATION_FAILED,
                               _("multiple matching devices found: more than one <%s> has "
                                 "everything the given one has (give its address or alias)"),
                               family);
            return -1;
        }
        found = i;
    }
    if (found >= 0)
        return found;
    if (dev->type == VIR_DOMAIN_DEVICE_DISK && dev->data.disk->dst)
        virReportError(VIR_ERR_DEVICE_MISSING, _("no target device %s"), dev->data.disk->dst);
    else if (byMAC)
        virReportError(VIR_ERR_DEVICE_MISSING, _("no interface with MAC address %s"), mac);
    else
        virReportError(VIR_ERR_DEVICE_MISSING,
                       _("no <%s> has everything the given one has"), family);
    return -1;
}

ssize_t
virDomainDefFindDeviceAlias(const virDomainDef *def, const char *alias)
{
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        const virXMLNode *node = virXMLNodeChild(def->devices[i].node, "alias");

        if (node && g_strcmp0(virXMLNodeGetAttr(node, "name"), alias) == 0)
            return i;
    }
    virReportError(VIR_ERR_DEVICE_MISSING, _("no device found with alias %s"), alias);
    return -1;
}

virDomainDef *
virDomainDefChangeDevice(const virDomainDef *def, const virDomainXMLOption *xmlopt,
                         ssize_t idx, const virDomainDeviceDef *dev)
{
    g_autoptr(virDomainDef) copy = NULL;
    g_autofree char *xml = NULL;

    if (idx < 0 && dev->type == VIR_DOMAIN_DEVICE_DISK && dev->data.disk->dst) {
        size_t pos = 0;
        const virDomainDeviceDef *cur;

        while ((cur = virDomainDefNextDevice(def, VIR_DOMAIN_DEVICE_DISK, &pos))) {
            if (cur->data.disk && g_strcmp0(cur->data.disk->dst, dev->data.disk->dst) == 0) {
                virReportError(VIR_ERR_OPERATION_INVALID, _("target %s already exists"),
                               dev->data.disk->dst);
                return NULL;
            }
        }
    }
    copy = virDomainDefCopy(def);
    if (idx < 0) {
        virDomainDefAddDevice(copy, dev->type, virXMLNodeCopy(dev->node));
    } else if (!dev) {
        virDomainDeviceDefClear(&copy->devices[idx]);
        memmove(copy->devices + idx, copy->devices + idx + 1,
                (copy->ndevices - idx - 1) * sizeof(*copy->devices));
        copy->ndevices--;
    } else {
        virXMLNodeFree(copy->devices[idx].node);
        copy->devices[idx].node = virXMLNodeCopy(dev->node);
    }
    /* the result is read as a definition holding it would be: the same
     * checks, defaults, addresses and order as at define */
    xml = virDomainDefFormat(copy, -1, VIR_DOMAIN_DEF_FORMAT_INACTIVE |
                             VIR_DOMAIN_DEF_FORMAT_SECURE);
    return virDomainDefParseString(xml, xmlopt, 0);
}
