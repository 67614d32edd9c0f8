/*
 * domain_device_defaults.c: what libvirt fills in for devices on every
 * driver, applied to the devices kept as written
 *
 * libvirt reads a device into its model, fills in defaults and writes
 * the model back; virtkit keeps the element and fills in the same
 * defaults on it, so that a definition reads back from either library
 * the same: a display listens somewhere, a video card has its memory,
 * a mouse its bus, an interface its MAC address.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>

#include "domain_conf_priv.h"
#include "domain_order.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

static void
virDomainSetDefaultAttr(virXMLNode *node, const char *name, const char *value)
{
    if (!virXMLNodeGetAttr(node, name))
        virXMLNodeSetAttr(node, name, value);
}

/* ---- graphics --------------------------------------------------------- */

/* The first <listen>, made from the legacy 'listen' and 'socket'
 * attributes of <graphics> when there is none, as libvirt does. */
static int
virDomainGraphicsFirstListen(virXMLNode *graphics, bool vnc)
{
    const char *socket = vnc ? virXMLNodeGetAttr(graphics, "socket") : NULL;
    const char *listen = virXMLNodeGetAttr(graphics, "listen");
    virXMLNode *first = virXMLNodeChild(graphics, "listen");
    const char *type;

    if (!first || (socket && (type = virXMLNodeGetAttr(first, "type")) &&
                   (strcmp(type, "address") == 0 || strcmp(type, "network") == 0))) {
        if (first) {
            /* a legacy socket attribute replaces the first listen */
            g_free(first->text);
            first->text = NULL;
            while (first->nattrs)
                virXMLNodeRemoveAttr(first, first->attrs[0].name);
        } else {
            first = virXMLNodeAppendNew(graphics, "listen");
        }
        virXMLNodeSetAttr(first, "type", socket ? "socket" : "address");
        if (socket)
            virXMLNodeSetAttr(first, "socket", socket);
        else if (listen && *listen)
            virXMLNodeSetAttr(first, "address", listen);
        return 0;
    }
    type = virXMLNodeGetAttr(first, "type");
    if (g_strcmp0(type, "address") == 0 && listen && *listen) {
        const char *address = virXMLNodeGetAttr(first, "address");

        if (address && strcmp(address, listen) != 0) {
            virXMLNodeReport(VIR_FROM_THIS, graphics,
                             _("graphics 'listen' attribute '%s' must match 'address' attribute of first listen element (found '%s')"),
                             listen, address);
            return -1;
        }
        virXMLNodeSetAttr(first, "address", listen);
    } else if (g_strcmp0(type, "socket") == 0 && socket) {
        virDomainSetDefaultAttr(first, "socket", socket);
    }
    return 0;
}

/* port, autoport and the legacy listen/socket attributes, written as
 * libvirt writes them for a configuration. */
static void
virDomainGraphicsVNCPorts(virXMLNode *graphics)
{
    const char *portStr = virXMLNodeGetAttr(graphics, "port");
    const char *autoportStr = virXMLNodeGetAttr(graphics, "autoport");
    const virXMLNode *first = virXMLNodeChild(graphics, "listen");
    const char *type = virXMLNodeGetAttr(first, "type");
    g_autofree char *port = NULL;
    bool autoport = !portStr || strcmp(portStr, "-1") == 0;

    if (autoportStr)
        autoport = strcmp(autoportStr, "yes") == 0;
    if (!autoport && portStr && strcmp(portStr, "0") != 0 && strcmp(portStr, "-1") != 0)
        port = g_strdup(portStr);
    virXMLNodeRemoveAttr(graphics, "port");
    virXMLNodeRemoveAttr(graphics, "autoport");
    virXMLNodeRemoveAttr(graphics, "listen");
    virXMLNodeRemoveAttr(graphics, "socket");
    if (g_strcmp0(type, "socket") == 0) {
        if (virXMLNodeGetAttr(first, "socket"))
            virXMLNodeSetAttr(graphics, "socket", virXMLNodeGetAttr(first, "socket"));
        return;
    }
    if (g_strcmp0(type, "address") != 0 && g_strcmp0(type, "network") != 0)
        return;
    if (port || autoport)
        virXMLNodeSetAttr(graphics, "port", port ? port : "-1");
    virXMLNodeSetAttr(graphics, "autoport", autoport ? "yes" : "no");
    if (g_strcmp0(type, "address") == 0 && virXMLNodeGetAttr(first, "address"))
        virXMLNodeSetAttr(graphics, "listen", virXMLNodeGetAttr(first, "address"));
}

static int
virDomainGraphicsDefaults(virXMLNode *graphics)
{
    const char *type = virXMLNodeGetAttr(graphics, "type");
    bool vnc = g_strcmp0(type, "vnc") == 0;
    virXMLNode *first;

    if (!vnc && g_strcmp0(type, "spice") != 0 && g_strcmp0(type, "rdp") != 0)
        return 0;
    if (virDomainGraphicsFirstListen(graphics, vnc) < 0)
        return -1;
    first = virXMLNodeChild(graphics, "listen");
    if (vnc) {
        virDomainGraphicsVNCPorts(graphics);
        return 0;
    }
    if (g_strcmp0(type, "spice") == 0 && !virXMLNodeGetAttr(graphics, "port") &&
        !virXMLNodeGetAttr(graphics, "tlsPort") &&
        g_strcmp0(virXMLNodeGetAttr(graphics, "autoport"), "yes") != 0 &&
        g_strcmp0(virXMLNodeGetAttr(first, "type"), "address") == 0) {
        /* spice listening nowhere: libvirt's listen type 'none' */
        virXMLNodeRemoveAttr(first, "address");
        virXMLNodeSetAttr(first, "type", "none");
    }
    /* the legacy attribute mirrors the first listen address */
    virXMLNodeRemoveAttr(graphics, "listen");
    if (g_strcmp0(virXMLNodeGetAttr(first, "type"), "address") == 0 &&
        virXMLNodeGetAttr(first, "address"))
        virXMLNodeSetAttr(graphics, "listen", virXMLNodeGetAttr(first, "address"));
    if (g_strcmp0(type, "rdp") == 0 && !virXMLNodeGetAttr(graphics, "port") &&
        g_strcmp0(virXMLNodeGetAttr(graphics, "autoport"), "yes") == 0)
        virXMLNodeSetAttr(graphics, "port", "0");
    return 0;
}

/* ---- video ------------------------------------------------------------ */

static const char *
virDomainVideoDefaultModel(const virDomainDef *def)
{
    if (def->virtType == VIR_DOMAIN_VIRT_VBOX)
        return "vbox";
    if (def->virtType == VIR_DOMAIN_VIRT_VMWARE)
        return "vmvga";
    if (def->os.type == VIR_DOMAIN_OSTYPE_XEN || def->os.type == VIR_DOMAIN_OSTYPE_LINUX)
        return "xen";
    return "cirrus";
}

/* The video memory libvirt gives a model by default, in KiB (NULL: none). */
static const char *
virDomainVideoDefaultRAM(const virDomainDef *def, const char *model)
{
    if (strcmp(model, "vga") == 0 || strcmp(model, "cirrus") == 0 ||
        strcmp(model, "vmvga") == 0) {
        if (def->virtType == VIR_DOMAIN_VIRT_VBOX)
            return "8192";
        return def->virtType == VIR_DOMAIN_VIRT_VMWARE ? "4096" : "16384";
    }
    if (strcmp(model, "bochs") == 0)
        return "16384";
    if (strcmp(model, "xen") == 0)
        return "4096";
    if (strcmp(model, "qxl") == 0)
        return "65536";
    return NULL;
}

static void
virDomainVideoDefaults(const virDomainDef *def, virXMLNode *video, bool first)
{
    virXMLNode *model = virXMLNodeChild(video, "model");
    const char *ram;

    if (!model)
        model = virXMLNodeAppendNew(video, "model");
    virDomainSetDefaultAttr(model, "type", virDomainVideoDefaultModel(def));
    if ((ram = virDomainVideoDefaultRAM(def, virXMLNodeGetAttr(model, "type")))) {
        if (strcmp(virXMLNodeGetAttr(model, "type"), "qxl") == 0)
            virDomainSetDefaultAttr(model, "ram", ram);
        virDomainSetDefaultAttr(model, "vram", ram);
    }
    if (strcmp(virXMLNodeGetAttr(model, "type"), "none") != 0)
        virDomainSetDefaultAttr(model, "heads", "1");
    if (first && strcmp(virXMLNodeGetAttr(model, "type"), "none") != 0)
        virDomainSetDefaultAttr(model, "primary", "yes");
}

/* A display needs a video card: libvirt adds one when there is none. */
static void
virDomainVideoAddImplicit(virDomainDef *def)
{
    if (virDomainDefCountDevices(def, VIR_DOMAIN_DEVICE_GRAPHICS) == 0 ||
        virDomainDefCountDevices(def, VIR_DOMAIN_DEVICE_VIDEO) > 0)
        return;
    virDomainDefAddDevice(def, VIR_DOMAIN_DEVICE_VIDEO, virXMLNodeNew("video"));
}

/* ---- filesystems, inputs, watchdogs, interfaces --------------------- */

static int
virDomainFilesystemDefaults(virXMLNode *fs)
{
    virXMLNode *source = virXMLNodeChild(fs, "source");
    g_autofree char *kib = NULL;
    const char *usage, *units;
    unsigned long long value;

    virDomainSetDefaultAttr(fs, "type", "mount");
    if (!virXMLNodeGetAttr(fs, "accessmode") && !virXMLNodeGetAttr(fs, "model"))
        virXMLNodeSetAttr(fs, "accessmode", "passthrough");
    if (strcmp(virXMLNodeGetAttr(fs, "type"), "ram") != 0 || !source ||
        !(usage = virXMLNodeGetAttr(source, "usage")))
        return 0;
    /* a RAM filesystem's size is kept in KiB */
    units = virXMLNodeGetAttr(source, "units");
    if (virStrToULL(usage, &value) < 0 ||
        virScaleInteger(&value, units, 1024, G_MAXINT64) < 0) {
        virXMLNodeReport(VIR_FROM_THIS, source, _("invalid usage '%s'%s%s"), usage,
                         units ? " in " : "", units ? units : "");
        return -1;
    }
    kib = g_strdup_printf("%llu", value / 1024);
    virXMLNodeSetAttr(source, "usage", kib);
    virXMLNodeSetAttr(source, "units", "KiB");
    return 0;
}

static void
virDomainInputDefaults(const virDomainDef *def, virXMLNode *input)
{
    const char *type = virXMLNodeGetAttr(input, "type");

    if (virXMLNodeGetAttr(input, "bus") || !type)
        return;
    if (strcmp(type, "tablet") == 0)
        virXMLNodeSetAttr(input, "bus", "usb");
    else if ((strcmp(type, "mouse") == 0 || strcmp(type, "keyboard") == 0) &&
             def->os.type == VIR_DOMAIN_OSTYPE_HVM)
        virXMLNodeSetAttr(input, "bus", def->virtType == VIR_DOMAIN_VIRT_XEN ? "xen" : "ps2");
    else if (strcmp(type, "mouse") == 0 || strcmp(type, "keyboard") == 0)
        virXMLNodeSetAttr(input, "bus", "xen");
}

/* A target name in the ranges the host gives tap devices (vnet0...) is a
 * name generated at start, not configuration: libvirt drops it from a
 * definition, so that the next start generates one again. */
static bool
virDomainIfnameIsGenerated(const virXMLNode *target)
{
    static const char *const prefixes[] = { "vnet", "macvtap", "macvlan" };
    const char *dev = virXMLNodeGetAttr(target, "dev");
    size_t i;

    if (!dev || g_strcmp0(virXMLNodeGetAttr(target, "managed"), "no") == 0)
        return false;
    for (i = 0; i < G_N_ELEMENTS(prefixes); i++) {
        if (g_str_has_prefix(dev, prefixes[i]))
            return true;
    }
    return false;
}

static void
virDomainInterfaceDropGeneratedName(virXMLNode *iface)
{
    size_t i = iface->nchildren;

    while (i-- > 0) {
        virXMLNode *target = iface->children[i];

        if (strcmp(target->name, "target") != 0 || !virDomainIfnameIsGenerated(target))
            continue;
        virXMLNodeRemoveAttr(target, "dev");
        if (target->nattrs == 0 && target->nchildren == 0)
            virXMLNodeDelete(iface, i);
    }
}

/* An interface without a MAC address gets one in libvirt's (QEMU's)
 * locally administered range. */
static void
virDomainInterfaceDefaults(virXMLNode *iface)
{
    g_autofree char *mac = NULL;
    virXMLNode *source;

    virDomainInterfaceDropGeneratedName(iface);
    if (g_strcmp0(virXMLNodeGetAttr(iface, "type"), "direct") == 0 &&
        (source = virXMLNodeChild(iface, "source")))
        virDomainSetDefaultAttr(source, "mode", "vepa");
    if (virXMLNodeChild(iface, "mac"))
        return;
    mac = g_strdup_printf("52:54:00:%02x:%02x:%02x", g_random_int_range(0, 256),
                          g_random_int_range(0, 256), g_random_int_range(0, 256));
    virXMLNodeSetAttr(virXMLNodeAppendNew(iface, "mac"), "address", mac);
}

/* Sets a numeric attribute of @node the way libvirt writes it back. */
static int
virDomainRewriteNumber(virXMLNode *node, const char *name, const char *fmt)
{
    const char *str = virXMLNodeGetAttr(node, name);
    g_autofree char *out = NULL;
    unsigned long long v;
    char *end;

    if (!str || g_strcmp0(str, "-1") == 0)
        return 0;
    errno = 0;
    v = g_ascii_strtoull(str, &end, 0);
    if (errno || *end || end == str || v > 0xffff) {
        virXMLNodeReport(VIR_FROM_THIS, node, _("invalid %s '%s'"), name, str);
        return -1;
    }
    out = g_strdup_printf(fmt, (unsigned int)v);
    virXMLNodeSetAttr(node, name, out);
    return 0;
}

/* USB redirection filter rules: libvirt reads class, vendor and product
 * as numbers and the version as major.minor, and writes them back. */
static int
virDomainRedirFilterDefaults(virXMLNode *filter)
{
    size_t i;

    for (i = 0; i < filter->nchildren; i++) {
        virXMLNode *dev = filter->children[i];
        const char *version = virXMLNodeGetAttr(dev, "version");
        unsigned int major, minor;
        char end;

        if (virDomainRewriteNumber(dev, "class", "0x%02X") < 0 ||
            virDomainRewriteNumber(dev, "vendor", "0x%04X") < 0 ||
            virDomainRewriteNumber(dev, "product", "0x%04X") < 0)
            return -1;
        if (version && g_strcmp0(version, "-1") != 0) {
            g_autofree char *out = NULL;

            if (sscanf(version, "%u.%u%c", &major, &minor, &end) != 2 || major > 255 ||
                minor > 255) {
                virXMLNodeReport(VIR_FROM_THIS, dev, _("invalid version '%s'"), version);
                return -1;
            }
            out = g_strdup_printf("%u.%02u", major, minor);
            virXMLNodeSetAttr(dev, "version", out);
        }
    }
    return 0;
}

static int
virDomainDeviceDefaults(virDomainDef *def, virDomainDeviceDef *dev, bool *firstVideo)
{
    switch (dev->type) {
    case VIR_DOMAIN_DEVICE_GRAPHICS:
        return virDomainGraphicsDefaults(dev->node);
    case VIR_DOMAIN_DEVICE_VIDEO:
        virDomainVideoDefaults(def, dev->node, *firstVideo);
        *firstVideo = false;
        break;
    case VIR_DOMAIN_DEVICE_FILESYSTEM:
        return virDomainFilesystemDefaults(dev->node);
    case VIR_DOMAIN_DEVICE_INPUT:
        virDomainInputDefaults(def, dev->node);
        break;
    case VIR_DOMAIN_DEVICE_WATCHDOG:
        virDomainSetDefaultAttr(dev->node, "action", "reset");
        break;
    case VIR_DOMAIN_DEVICE_INTERFACE:
        virDomainInterfaceDefaults(dev->node);
        break;
    case VIR_DOMAIN_DEVICE_REDIRFILTER:
        return virDomainRedirFilterDefaults(dev->node);
    }
    return 0;
}

int
virDomainDevicesPostParse(virDomainDef *def)
{
    bool firstVideo = true;
    size_t i;

    virDomainChrPostParse(def);
    virDomainVideoAddImplicit(def);
    virDomainDevicesSort(def);
    for (i = 0; i < def->ndevices; i++) {
        if (virDomainDeviceDefaults(def, &def->devices[i], &firstVideo) < 0)
            return -1;
    }
    if (virDomainAddrPostParse(def) < 0)
        return -1;
    for (i = 0; i < def->ndevices; i++)
        virDomainOrderCanonicalize(def->devices[i].node, "devices");
    virDomainDevicesSort(def);
    return virDomainDevicesReadViews(def);
}
