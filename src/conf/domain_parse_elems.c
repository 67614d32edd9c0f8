/*
 * domain_parse_elems.c: reading the children of <domain> that virtkit
 * models, wholly (<memtune>, <blkiotune>) or partly (<os>, <features>,
 * <clock>, <memoryBacking>)
 *
 * What a partly modelled element holds beyond what virtkit models is kept
 * as written, in a "rest" node at its place in libvirt's order; what
 * libvirt's schema does not know there is refused, naming it.
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "domain_order.h"
#include "domain_parse_elems.h"
#include "virerror.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define virDomainXMLError(node, ...) virXMLReportNode(VIR_FROM_THIS, node, __VA_ARGS__)

int
virDomainUnknownChild(xmlNodePtr cur, const char *parent)
{
    virDomainXMLError(cur, _("unknown element: libvirt's domain schema has no such child of <%s>"),
                      parent);
    return -1;
}

int
virDomainCheckAttrs(xmlNodePtr node, const char *const *known)
{
    xmlAttrPtr attr;
    size_t i;

    for (attr = node->properties; attr; attr = attr->next) {
        for (i = 0; known && known[i]; i++) {
            if (!attr->ns && strcmp((const char *)attr->name, known[i]) == 0)
                break;
        }
        if (!known || !known[i]) {
            virDomainXMLError(node, _("unknown attribute '%s'"), (const char *)attr->name);
            return -1;
        }
    }
    return 0;
}

int
virDomainKeepChild(virXMLNode **rest, const char *parent, xmlNodePtr cur, int rank)
{
    virXMLNode *node;

    if (rank < 0)
        return virDomainUnknownChild(cur, parent);
    if (!(node = virXMLNodeParse(VIR_FROM_THIS, cur)))
        return -1;
    virDomainOrderCanonicalize(node, parent);
    node->rank = rank;
    if (!*rest)
        *rest = virXMLNodeNew(parent);
    virXMLNodeAppend(*rest, node);
    return 0;
}

/* Keeps the attributes of @node other than @modelled in @rest. */
static void
virDomainKeepAttrs(virXMLNode **rest, const char *parent, xmlNodePtr node,
                   const char *modelled)
{
    xmlAttrPtr attr;

    for (attr = node->properties; attr; attr = attr->next) {
        g_autofree char *value = NULL;

        if (attr->ns || strcmp((const char *)attr->name, modelled) == 0)
            continue;
        if (!*rest)
            *rest = virXMLNodeNew(parent);
        value = virXMLProp(node, (const char *)attr->name);
        virXMLNodeSetAttr(*rest, (const char *)attr->name, value);
    }
}

/* ---- <memtune>, <blkiotune> ------------------------------------------ */

int
virDomainParseMemtune(virDomainDef *def, xmlNodePtr node)
{
    struct { const char *name; unsigned long long *value; } fields[] = {
        { "hard_limit", &def->memtune.hard_limit },
        { "soft_limit", &def->memtune.soft_limit },
        { "swap_hard_limit", &def->memtune.swap_hard_limit },
        { "min_guarantee", &def->memtune.min_guarantee },
    };
    xmlNodePtr cur;
    size_t i;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        for (i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (virXMLIsElement(cur, fields[i].name))
                break;
        }
        if (i == G_N_ELEMENTS(fields))
            return virDomainUnknownChild(cur, "memtune");
        if (virXMLContentKiB(VIR_FROM_THIS, cur, fields[i].value) < 0)
            return -1;
    }
    return 0;
}

static int
virDomainParseBlkioDevice(virBlkioDevice *dev, xmlNodePtr node)
{
    struct { const char *name; unsigned long long *value; } fields[] = {
        { "read_iops_sec", &dev->riops },
        { "write_iops_sec", &dev->wiops },
        { "read_bytes_sec", &dev->rbps },
        { "write_bytes_sec", &dev->wbps },
    };
    xmlNodePtr cur;
    size_t i;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virXMLIsElement(cur, "path")) {
            virDomainReplaceString(&dev->path, virXMLContent(cur));
            continue;
        } else if (virXMLIsElement(cur, "weight")) {
            if (virXMLContentUInt(VIR_FROM_THIS, cur, &dev->weight) < 0)
                return -1;
            continue;
        }
        for (i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (virXMLIsElement(cur, fields[i].name))
                break;
        }
        if (i == G_N_ELEMENTS(fields))
            return virDomainUnknownChild(cur, "device");
        if (virXMLContentULL(VIR_FROM_THIS, cur, fields[i].value) < 0)
            return -1;
    }
    if (!dev->path || dev->path[0] != '/') {
        virDomainXMLError(node, "%s", _("a blkiotune <device> needs an absolute <path>"));
        return -1;
    }
    return 0;
}

int
virDomainParseBlkiotune(virDomainDef *def, xmlNodePtr node)
{
    virDomainBlkiotune *tune = &def->blkiotune;
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virXMLIsElement(cur, "weight")) {
            if (virXMLContentUInt(VIR_FROM_THIS, cur, &tune->weight) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "device")) {
            tune->devices = g_renew(virBlkioDevice, tune->devices, tune->ndevices + 1);
            memset(&tune->devices[tune->ndevices], 0, sizeof(virBlkioDevice));
            tune->ndevices++;
            if (virDomainParseBlkioDevice(&tune->devices[tune->ndevices - 1], cur) < 0)
                return -1;
        } else {
            return virDomainUnknownChild(cur, "blkiotune");
        }
    }
    return 0;
}

/* ---- <os> ------------------------------------------------------------- */

static int
virDomainParseOSType(virDomainDef *def, xmlNodePtr node)
{
    static const char *const attrs[] = { "arch", "machine", NULL };
    g_autofree char *type = virXMLContent(node);
    g_autofree char *arch = virXMLProp(node, "arch");
    g_autofree char *machine = virXMLProp(node, "machine");

    if (virDomainCheckAttrs(node, attrs) < 0)
        return -1;
    if ((def->os.type = virDomainOSTypeFromString(type)) < 0) {
        virDomainXMLError(node, _("unknown OS type '%s'"), type);
        return -1;
    }
    /* arch and machine repeat across thousands of domains: intern them */
    if (arch)
        def->os.arch = g_intern_string(arch);
    if (machine)
        def->os.machine = g_intern_string(machine);
    return 0;
}

static int
virDomainParseBoot(virDomainDef *def, xmlNodePtr node)
{
    g_autofree char *str = virXMLProp(node, "dev");
    int dev;

    if (!str) {
        virDomainXMLError(node, "%s", _("missing attribute 'dev'"));
        return -1;
    }
    if ((dev = virDomainBootDeviceTypeFromString(str)) < 0) {
        virDomainXMLError(node, _("unknown dev '%s'"), str);
        return -1;
    }
    if (def->os.nBootDevs == VIR_DOMAIN_BOOT_LAST) {
        virDomainXMLError(node, _("at most %d boot devices are allowed"), VIR_DOMAIN_BOOT_LAST);
        return -1;
    }
    def->os.bootDevs[def->os.nBootDevs++] = dev;
    return 0;
}

static int
virDomainParseOSChild(virDomainDef *def, xmlNodePtr cur, bool *haveType)
{
    if (virXMLIsElement(cur, "type")) {
        *haveType = true;
        return virDomainParseOSType(def, cur);
    } else if (virXMLIsElement(cur, "boot")) {
        return virDomainParseBoot(def, cur);
    } else if (virXMLIsElement(cur, "kernel")) {
        virDomainReplaceString(&def->os.kernel, virXMLContent(cur));
    } else if (virXMLIsElement(cur, "initrd")) {
        virDomainReplaceString(&def->os.initrd, virXMLContent(cur));
    } else if (virXMLIsElement(cur, "cmdline")) {
        virDomainReplaceString(&def->os.cmdline, virXMLContent(cur));
    } else if (virXMLIsElement(cur, "init")) {
        virDomainReplaceString(&def->os.init, virXMLContent(cur));
    } else {
        return virDomainKeepChild(&def->os.rest, "os", cur,
                                  cur->ns ? -1 : virDomainOSElemTypeFromString((const char *)cur->name));
    }
    return 0;
}

/* Returns 1 when <os> has a <type>, 0 when not, -1 on error. */
int
virDomainParseOS(virDomainDef *def, xmlNodePtr node)
{
    static const char *const attrs[] = { "firmware", NULL };
    xmlNodePtr cur;
    bool haveType = false;

    if (virDomainCheckAttrs(node, attrs) < 0)
        return -1;
    virDomainKeepAttrs(&def->os.rest, "os", node, "");
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && virDomainParseOSChild(def, cur, &haveType) < 0)
            return -1;
    }
    if (def->os.rest)
        virXMLNodeSortChildren(def->os.rest);
    return haveType ? 1 : 0;
}

/* ---- <features>, <clock>, <memoryBacking> --------------------------- */

int
virDomainParseFeatures(virDomainDef *def, xmlNodePtr node)
{
    g_autoptr(virXMLNode) features = NULL;
    size_t i;

    if (virDomainCheckAttrs(node, NULL) < 0 ||
        !(features = virXMLNodeParse(VIR_FROM_THIS, node)))
        return -1;
    def->features = 0;
    for (i = 0; i < features->nchildren; i++) {
        const virXMLNode *cur = features->children[i];
        int feature = virDomainFeatureTypeFromString(cur->name);

        if (feature < 0) {
            virXMLNodeReport(VIR_FROM_THIS, cur, "%s", _("unknown feature"));
            return -1;
        }
        if (g_strcmp0(virXMLNodeGetAttr(cur, "state"), "off") != 0)
            def->features |= 1U << feature;
    }
    virDomainOrderCanonicalize(features, "domain");
    virXMLNodeFree(def->featuresNode);
    def->featuresNode = g_steal_pointer(&features);
    return 0;
}

int
virDomainParseClock(virDomainDef *def, xmlNodePtr node)
{
    static const char *const attrs[] = { "offset", "adjustment", "basis", "timezone",
                                         "start", NULL };
    g_autofree char *offset = virXMLProp(node, "offset");
    xmlNodePtr cur;

    if (virDomainCheckAttrs(node, attrs) < 0)
        return -1;
    if (offset && (def->clockOffset = virDomainClockOffsetTypeFromString(offset)) <= 0) {
        virDomainXMLError(node, _("unknown offset '%s'"), offset);
        return -1;
    }
    g_clear_pointer(&def->clockRest, virXMLNodeFree);
    virDomainKeepAttrs(&def->clockRest, "clock", node, "offset");
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            virDomainKeepChild(&def->clockRest, "clock", cur,
                               virXMLIsElement(cur, "timer") ? 0 : -1) < 0)
            return -1;
    }
    if (def->clockRest)
        virDomainOrderCanonicalize(def->clockRest, "domain");
    return 0;
}

int
virDomainParseMemoryBacking(virDomainDef *def, xmlNodePtr node)
{
    xmlNodePtr cur;

    if (virDomainCheckAttrs(node, NULL) < 0)
        return -1;
    g_clear_pointer(&def->memoryBackingRest, virXMLNodeFree);
    def->nosharepages = false;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virXMLIsElement(cur, "nosharepages")) {
            def->nosharepages = true;
        } else if (virDomainKeepChild(&def->memoryBackingRest, "memoryBacking", cur,
                                      cur->ns ? -1 :
                                      virDomainMembackElemTypeFromString((const char *)cur->name)) < 0) {
            return -1;
        }
    }
    if (def->memoryBackingRest)
        virXMLNodeSortChildren(def->memoryBackingRest);
    return 0;
}
