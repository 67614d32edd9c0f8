/*
 * domain_device_view.c: what virtkit reads of the devices it acts on
 *
 * A disk, an interface and the memory balloon are kept as written (their
 * virXMLNode) and read into a view struct whose strings point into that
 * node.  Reading checks them: a value virtkit would act on wrongly is an
 * error naming the element and its line.
 */
#include "internal.h"

#include <stdio.h>

#include "domain_conf_priv.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define virDomainNodeError(node, ...) virXMLNodeReport(VIR_FROM_THIS, node, __VA_ARGS__)

/* The attribute of <source> naming what each disk type uses. */
static const char *const virDomainDiskSourceAttr[] = {
    [VIR_DOMAIN_DISK_TYPE_FILE] = "file",
    [VIR_DOMAIN_DISK_TYPE_BLOCK] = "dev",
    [VIR_DOMAIN_DISK_TYPE_DIR] = "dir",
    [VIR_DOMAIN_DISK_TYPE_NETWORK] = "name",
    [VIR_DOMAIN_DISK_TYPE_VOLUME] = "volume",
    [VIR_DOMAIN_DISK_TYPE_NVME] = NULL,
    [VIR_DOMAIN_DISK_TYPE_VHOSTUSER] = "path",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virDomainDiskSourceAttr) == VIR_DOMAIN_DISK_TYPE_LAST);

/* The attribute of <source> naming what each interface type uses. */
static const char *const virDomainNetSourceAttr[] = {
    [VIR_DOMAIN_NET_TYPE_USER] = NULL,
    [VIR_DOMAIN_NET_TYPE_ETHERNET] = NULL,
    [VIR_DOMAIN_NET_TYPE_VHOSTUSER] = "path",
    [VIR_DOMAIN_NET_TYPE_SERVER] = "address",
    [VIR_DOMAIN_NET_TYPE_CLIENT] = "address",
    [VIR_DOMAIN_NET_TYPE_MCAST] = "address",
    [VIR_DOMAIN_NET_TYPE_NETWORK] = "network",
    [VIR_DOMAIN_NET_TYPE_BRIDGE] = "bridge",
    [VIR_DOMAIN_NET_TYPE_INTERNAL] = "name",
    [VIR_DOMAIN_NET_TYPE_DIRECT] = "dev",
    [VIR_DOMAIN_NET_TYPE_HOSTDEV] = NULL,
    [VIR_DOMAIN_NET_TYPE_UDP] = "address",
    [VIR_DOMAIN_NET_TYPE_VDPA] = "dev",
    [VIR_DOMAIN_NET_TYPE_NULL] = NULL,
    [VIR_DOMAIN_NET_TYPE_VDS] = NULL,
};
G_STATIC_ASSERT(G_N_ELEMENTS(virDomainNetSourceAttr) == VIR_DOMAIN_NET_TYPE_LAST);

/* Reads an enum attribute; absent leaves @value alone unless @required. */
static int
virDomainNodeEnumAttr(const virXMLNode *node, const char *name,
                      int (*fromString)(const char *), int *value, bool required)
{
    const char *str = virXMLNodeGetAttr(node, name);

    if (!str) {
        if (required)
            virDomainNodeError(node, _("missing attribute '%s'"), name);
        return required ? -1 : 0;
    }
    if ((*value = fromString(str)) < 0) {
        virDomainNodeError(node, _("unknown %s '%s'"), name, str);
        return -1;
    }
    return 0;
}

static const char *
virDomainChildAttr(const virXMLNode *node, const char *child, const char *attr)
{
    const virXMLNode *c = virXMLNodeChild(node, child);

    return c && attr ? virXMLNodeGetAttr(c, attr) : NULL;
}

static int
virDomainDiskReadView(const virXMLNode *node, virDomainDiskDef *disk)
{
    const virXMLNode *target = virXMLNodeChild(node, "target");

    disk->type = VIR_DOMAIN_DISK_TYPE_FILE;
    if (virDomainNodeEnumAttr(node, "type", virDomainDiskTypeTypeFromString,
                              &disk->type, false) < 0 ||
        virDomainNodeEnumAttr(node, "device", virDomainDiskDeviceTypeFromString,
                              &disk->device, false) < 0)
        return -1;
    disk->driverName = virDomainChildAttr(node, "driver", "name");
    disk->driverType = virDomainChildAttr(node, "driver", "type");
    disk->src = virDomainChildAttr(node, "source", virDomainDiskSourceAttr[disk->type]);
    disk->protocol = virDomainChildAttr(node, "source", "protocol");
    if (!target || !(disk->dst = virXMLNodeGetAttr(target, "dev"))) {
        virDomainNodeError(node, "%s", _("missing <target dev=''/>"));
        return -1;
    }
    if (virDomainNodeEnumAttr(target, "bus", virDomainDiskBusTypeFromString,
                              &disk->bus, false) < 0)
        return -1;
    disk->readonly = virXMLNodeChild(node, "readonly") != NULL;
    disk->shareable = virXMLNodeChild(node, "shareable") != NULL;
    return 0;
}

static int
virDomainParseMAC(virDomainNetDef *net, const virXMLNode *node)
{
    const char *str = virXMLNodeGetAttr(node, "address");
    unsigned int b[6];
    char end;
    size_t i;

    if (!str || sscanf(str, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2],
                       &b[3], &b[4], &b[5], &end) != 6 || strlen(str) != 17) {
        virDomainNodeError(node, _("invalid MAC address '%s' (expected xx:xx:xx:xx:xx:xx)"),
                           NULLSTR(str));
        return -1;
    }
    if (b[0] & 1) {
        virDomainNodeError(node, _("MAC address '%s' is multicast; a unicast address is needed"),
                           str);
        return -1;
    }
    for (i = 0; i < 6; i++)
        net->mac[i] = b[i];
    net->macSet = true;
    return 0;
}

static int
virDomainNetReadView(const virXMLNode *node, virDomainNetDef *net)
{
    const virXMLNode *mac = virXMLNodeChild(node, "mac");
    const char *srcAttr;

    if (virDomainNodeEnumAttr(node, "type", virDomainNetTypeTypeFromString,
                              &net->type, true) < 0)
        return -1;
    if (mac && virDomainParseMAC(net, mac) < 0)
        return -1;
    srcAttr = virDomainNetSourceAttr[net->type];
    net->source = virDomainChildAttr(node, "source", srcAttr);
    net->ifname = virDomainChildAttr(node, "target", "dev");
    net->model = virDomainChildAttr(node, "model", "type");
    if (!net->source && (net->type == VIR_DOMAIN_NET_TYPE_NETWORK ||
                         net->type == VIR_DOMAIN_NET_TYPE_BRIDGE ||
                         net->type == VIR_DOMAIN_NET_TYPE_DIRECT)) {
        virDomainNodeError(node, _("interface type '%s' needs <source %s=''/>"),
                           virDomainNetTypeTypeToString(net->type), srcAttr);
        return -1;
    }
    return 0;
}

static int
virDomainMemballoonReadView(const virXMLNode *node, virDomainMemballoonDef *balloon)
{
    if (!(balloon->model = virXMLNodeGetAttr(node, "model"))) {
        virDomainNodeError(node, "%s", _("missing attribute 'model'"));
        return -1;
    }
    return 0;
}

int
virDomainDeviceReadView(virDomainDeviceDef *dev)
{
    g_clear_pointer(&dev->data.ptr, g_free);
    switch (dev->type) {
    case VIR_DOMAIN_DEVICE_DISK:
        dev->data.disk = g_new0(virDomainDiskDef, 1);
        return virDomainDiskReadView(dev->node, dev->data.disk);
    case VIR_DOMAIN_DEVICE_INTERFACE:
        dev->data.net = g_new0(virDomainNetDef, 1);
        return virDomainNetReadView(dev->node, dev->data.net);
    case VIR_DOMAIN_DEVICE_MEMBALLOON:
        dev->data.memballoon = g_new0(virDomainMemballoonDef, 1);
        return virDomainMemballoonReadView(dev->node, dev->data.memballoon);
    }
    return 0;
}

int
virDomainDevicesReadViews(virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        if (virDomainDeviceReadView(&def->devices[i]) < 0)
            return -1;
    }
    return 0;
}
