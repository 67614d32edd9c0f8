/*
 * domain_devices.c: <devices> of a domain: disks, interfaces, memballoon
 */
#include "internal.h"

#include <stdio.h>

#include "domain_conf_priv.h"
#include "virerror.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define virDomainXMLError(node, ...) virXMLReportNode(VIR_FROM_THIS, node, __VA_ARGS__)

/* The attribute naming the source of each disk type. */
static const char *const virDomainDiskSourceAttr[] = {
    [VIR_DOMAIN_DISK_TYPE_FILE] = "file",
    [VIR_DOMAIN_DISK_TYPE_BLOCK] = "dev",
    [VIR_DOMAIN_DISK_TYPE_DIR] = "dir",
    [VIR_DOMAIN_DISK_TYPE_NETWORK] = "name",
    [VIR_DOMAIN_DISK_TYPE_VOLUME] = "volume",
};

/* The attribute naming the source of each interface type (NULL: none). */
static const char *const virDomainNetSourceAttr[] = {
    [VIR_DOMAIN_NET_TYPE_USER] = NULL,
    [VIR_DOMAIN_NET_TYPE_ETHERNET] = NULL,
    [VIR_DOMAIN_NET_TYPE_NETWORK] = "network",
    [VIR_DOMAIN_NET_TYPE_BRIDGE] = "bridge",
    [VIR_DOMAIN_NET_TYPE_DIRECT] = "dev",
};

static virDomainDeviceAddress *
virDomainParseAddress(xmlNodePtr node)
{
    virDomainDeviceAddress *addr = g_new0(virDomainDeviceAddress, 1);
    xmlAttrPtr attr;
    size_t n = 0;

    for (attr = node->properties; attr; attr = attr->next)
        n++;
    addr->names = g_new0(char *, n);
    addr->values = g_new0(char *, n);
    for (attr = node->properties; attr; attr = attr->next) {
        addr->names[addr->nattrs] = g_strdup((const char *)attr->name);
        addr->values[addr->nattrs] = virXMLProp(node, (const char *)attr->name);
        addr->nattrs++;
    }
    return addr;
}

static void
virDomainFormatAddress(GString *buf, int indent, const virDomainDeviceAddress *addr)
{
    size_t i;

    if (!addr)
        return;
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<address");
    for (i = 0; i < addr->nattrs; i++)
        virXMLAddAttr(buf, addr->names[i], addr->values[i]);
    virStringAppendLit(buf, "/>\n");
}

/* Reads an enum attribute of a device; @required makes absence an error. */
static int
virDomainDeviceEnumProp(xmlNodePtr node, const char *name, int (*fromString)(const char *),
                        int *value, bool required)
{
    g_autofree char *str = virXMLProp(node, name);

    if (!str) {
        if (required)
            virDomainXMLError(node, _("missing attribute '%s'"), name);
        return required ? -1 : 0;
    }
    if ((*value = fromString(str)) < 0) {
        virDomainXMLError(node, _("unknown %s '%s'"), name, str);
        return -1;
    }
    return 0;
}

static int
virDomainParseDiskChild(virDomainDiskDef *disk, xmlNodePtr cur)
{
    if (virXMLIsElement(cur, "driver")) {
        virDomainReplaceString(&disk->driverName, virXMLProp(cur, "name"));
        virDomainReplaceString(&disk->driverType, virXMLProp(cur, "type"));
    } else if (virXMLIsElement(cur, "source")) {
        virDomainReplaceString(&disk->src,
                               virXMLProp(cur, virDomainDiskSourceAttr[disk->type]));
    } else if (virXMLIsElement(cur, "target")) {
        virDomainReplaceString(&disk->dst, virXMLProp(cur, "dev"));
        if (virDomainDeviceEnumProp(cur, "bus", virDomainDiskBusTypeFromString,
                                    &disk->bus, false) < 0)
            return -1;
    } else if (virXMLIsElement(cur, "readonly")) {
        disk->readonly = true;
    } else if (virXMLIsElement(cur, "shareable")) {
        disk->shareable = true;
    } else if (virXMLIsElement(cur, "address")) {
        virDomainDeviceAddressFree(disk->addr);
        disk->addr = virDomainParseAddress(cur);
    }
    return 0;
}

static int
virDomainParseDisk(virDomainDiskDef *disk, xmlNodePtr node)
{
    xmlNodePtr cur;

    disk->type = VIR_DOMAIN_DISK_TYPE_FILE;
    if (virDomainDeviceEnumProp(node, "type", virDomainDiskTypeTypeFromString,
                                &disk->type, false) < 0 ||
        virDomainDeviceEnumProp(node, "device", virDomainDiskDeviceTypeFromString,
                                &disk->device, false) < 0)
        return -1;
    if (disk->type == VIR_DOMAIN_DISK_TYPE_NETWORK || disk->type == VIR_DOMAIN_DISK_TYPE_VOLUME) {
        virDomainXMLError(node, _("disk type '%s' is not supported"),
                          virDomainDiskTypeTypeToString(disk->type));
        return -1;
    }
    for (cur = node->children; cur; cur = cur->next) {
        if (virDomainParseDiskChild(disk, cur) < 0)
            return -1;
    }
    if (!disk->dst) {
        virDomainXMLError(node, "%s", _("missing <target dev=''/>"));
        return -1;
    }
    return 0;
}

static int
virDomainParseMAC(virDomainNetDef *net, xmlNodePtr node)
{
    g_autofree char *str = virXMLProp(node, "address");
    unsigned int b[6];
    char end;
    size_t i;

    if (!str || sscanf(str, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2],
                       &b[3], &b[4], &b[5], &end) != 6 || strlen(str) != 17) {
        virDomainXMLError(node, _("invalid MAC address '%s' (expected xx:xx:xx:xx:xx:xx)"),
                          NULLSTR(str));
        return -1;
    }
    if (b[0] & 1) {
        virDomainXMLError(node, _("MAC address '%s' is multicast; a unicast address is needed"),
                          str);
        return -1;
    }
    for (i = 0; i < 6; i++)
        net->mac[i] = b[i];
    net->macSet = true;
    return 0;
}

static int
virDomainParseInterface(virDomainNetDef *net, xmlNodePtr node)
{
    xmlNodePtr cur;

    if (virDomainDeviceEnumProp(node, "type", virDomainNetTypeTypeFromString,
                                &net->type, true) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (virXMLIsElement(cur, "mac")) {
            if (virDomainParseMAC(net, cur) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "source") && virDomainNetSourceAttr[net->type]) {
            virDomainReplaceString(&net->source,
                                   virXMLProp(cur, virDomainNetSourceAttr[net->type]));
        } else if (virXMLIsElement(cur, "target")) {
            virDomainReplaceString(&net->ifname, virXMLProp(cur, "dev"));
        } else if (virXMLIsElement(cur, "model")) {
            virDomainReplaceString(&net->model, virXMLProp(cur, "type"));
        } else if (virXMLIsElement(cur, "address")) {
            virDomainDeviceAddressFree(net->addr);
            net->addr = virDomainParseAddress(cur);
        }
    }
    if (virDomainNetSourceAttr[net->type] && !net->source) {
        virDomainXMLError(node, _("interface type '%s' needs <source %s=''/>"),
                          virDomainNetTypeTypeToString(net->type),
                          virDomainNetSourceAttr[net->type]);
        return -1;
    }
    return 0;
}

static int
virDomainParseMemballoon(virDomainDef *def, xmlNodePtr node)
{
    xmlNodePtr addr = virXMLChild(node, "address");

    if (def->memballoon) {
        virDomainXMLError(node, "%s", _("only one <memballoon> is allowed"));
        return -1;
    }
    def->memballoon = g_new0(virDomainMemballoonDef, 1);
    def->memballoon->model = virXMLProp(node, "model");
    if (!def->memballoon->model) {
        virDomainXMLError(node, "%s", _("missing attribute 'model'"));
        return -1;
    }
    if (addr)
        def->memballoon->addr = virDomainParseAddress(addr);
    return 0;
}

int
virDomainParseDevices(virDomainDef *def, xmlNodePtr node)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (virXMLIsElement(cur, "disk")) {
            def->disks = g_renew(virDomainDiskDef, def->disks, def->ndisks + 1);
            memset(&def->disks[def->ndisks], 0, sizeof(virDomainDiskDef));
            if (virDomainParseDisk(&def->disks[def->ndisks++], cur) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "interface")) {
            def->nets = g_renew(virDomainNetDef, def->nets, def->nnets + 1);
            memset(&def->nets[def->nnets], 0, sizeof(virDomainNetDef));
            if (virDomainParseInterface(&def->nets[def->nnets++], cur) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "memballoon")) {
            if (virDomainParseMemballoon(def, cur) < 0)
                return -1;
        }
    }
    return 0;
}

static void
virDomainFormatDisk(GString *buf, int indent, const virDomainDiskDef *disk)
{
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<disk");
    virXMLAddAttr(buf, "type", virDomainDiskTypeTypeToString(disk->type));
    virXMLAddAttr(buf, "device", virDomainDiskDeviceTypeToString(disk->device));
    virStringAppendLit(buf, ">\n");
    if (disk->driverName || disk->driverType) {
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<driver");
        virXMLAddAttr(buf, "name", disk->driverName);
        virXMLAddAttr(buf, "type", disk->driverType);
        virStringAppendLit(buf, "/>\n");
    }
    if (disk->src) {
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<source");
        virXMLAddAttr(buf, virDomainDiskSourceAttr[disk->type], disk->src);
        virStringAppendLit(buf, "/>\n");
    }
    virXMLIndent(buf, indent + 2);
    virStringAppendLit(buf, "<target");
    virXMLAddAttr(buf, "dev", disk->dst);
    if (disk->bus)
        virXMLAddAttr(buf, "bus", virDomainDiskBusTypeToString(disk->bus));
    virStringAppendLit(buf, "/>\n");
    if (disk->readonly)
        virXMLAddEmptyElement(buf, indent + 2, "readonly");
    if (disk->shareable)
        virXMLAddEmptyElement(buf, indent + 2, "shareable");
    virDomainFormatAddress(buf, indent + 2, disk->addr);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</disk>\n");
}

static void
virDomainFormatInterface(GString *buf, int indent, const virDomainNetDef *net)
{
    const char *srcAttr = virDomainNetSourceAttr[net->type];

    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<interface");
    virXMLAddAttr(buf, "type", virDomainNetTypeTypeToString(net->type));
    virStringAppendLit(buf, ">\n");
    if (net->macSet) {
        static const char hex[] = "0123456789abcdef";
        char mac[18];
        size_t i;

        for (i = 0; i < 6; i++) {
            mac[i * 3] = hex[net->mac[i] >> 4];
            mac[i * 3 + 1] = hex[net->mac[i] & 0xf];
            mac[i * 3 + 2] = i < 5 ? ':' : '\0';
        }
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<mac");
        virXMLAddAttr(buf, "address", mac);
        virStringAppendLen(buf, "/>\n", 3);
    }
    if (srcAttr && net->source) {
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<source");
        virXMLAddAttr(buf, srcAttr, net->source);
        virStringAppendLit(buf, "/>\n");
    }
    if (net->ifname) {
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<target");
        virXMLAddAttr(buf, "dev", net->ifname);
        virStringAppendLit(buf, "/>\n");
    }
    if (net->model) {
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<model");
        virXMLAddAttr(buf, "type", net->model);
        virStringAppendLit(buf, "/>\n");
    }
    virDomainFormatAddress(buf, indent + 2, net->addr);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</interface>\n");
}

void
virDomainFormatDevices(GString *buf, int indent, const virDomainDef *def)
{
    size_t i;

    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<devices>\n");
    for (i = 0; i < def->ndisks; i++)
        virDomainFormatDisk(buf, indent + 2, &def->disks[i]);
    for (i = 0; i < def->nnets; i++)
        virDomainFormatInterface(buf, indent + 2, &def->nets[i]);
    if (def->memballoon) {
        virXMLIndent(buf, indent + 2);
        virStringAppendLit(buf, "<memballoon");
        virXMLAddAttr(buf, "model", def->memballoon->model);
        if (def->memballoon->addr) {
            virStringAppendLit(buf, ">\n");
            virDomainFormatAddress(buf, indent + 4, def->memballoon->addr);
            virXMLIndent(buf, indent + 2);
            virStringAppendLit(buf, "</memballoon>\n");
        } else {
            virStringAppendLit(buf, "/>\n");
        }
    }
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</devices>\n");
}
