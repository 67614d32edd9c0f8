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
