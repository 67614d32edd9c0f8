/*
 * domain_parse.c: reading <domain> XML into a virDomainDef
 *
 * The tree is walked directly (no XPath): one pass over the children of
 * <domain>, one small function per element.  Unknown elements are ignored,
 * as libvirt does; values that are present but wrong are errors that name
 * the line and the element.
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "domain_schema.h"
#include "virerror.h"
#include "virstring.h"
#include "viruuid.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define virDomainXMLError(node, ...) virXMLReportNode(VIR_FROM_THIS, node, __VA_ARGS__)

/* The highest CPU number a cpuset may name. */
#define VIR_DOMAIN_CPUMASK_LEN 16384

/* Reads an enum-valued attribute; absent leaves @value alone. */
static int
virDomainParseEnumProp(xmlNodePtr node, const char *name, int (*fromString)(const char *),
                       int *value)
{
    g_autofree char *str = virXMLProp(node, name);
    int v;

    if (!str)
        return 0;
    if ((v = fromString(str)) < 0) {
        virDomainXMLError(node, _("unknown %s '%s'"), name, str);
        return -1;
    }
    *value = v;
    return 1;
}

static int
virDomainParseEnumContent(xmlNodePtr node, int (*fromString)(const char *), int *value)
{
    g_autofree char *str = virXMLContent(node);
    int v = fromString(str);

    if (v <= 0) {
        virDomainXMLError(node, _("unknown value '%s'"), str);
        return -1;
    }
    *value = v;
    return 0;
}

static int
virDomainParseCpuset(xmlNodePtr node, const char *attr, virBitmap **map)
{
    g_autofree char *str = virXMLProp(node, attr);

    if (!str)
        return 0;
    g_clear_pointer(map, virBitmapFree);    /* from an earlier <vcpu> */
    if (!(*map = virBitmapParse(str, VIR_DOMAIN_CPUMASK_LEN))) {
        virDomainXMLError(node, _("invalid %s '%s': %s"), attr, str, virErrorDetail());
        return -1;
    }
    if (virBitmapIsAllClear(*map)) {
        virDomainXMLError(node, _("%s '%s' selects no CPU"), attr, str);
        g_clear_pointer(map, virBitmapFree);
        return -1;
    }
    return 1;
}

static int
virDomainParseRoot(virDomainDef *def, xmlNodePtr root, const virDomainXMLOption *xmlopt)
{
    g_autofree char *type = virXMLProp(root, "type");
    unsigned int id;
    int rc;

    if (!type) {
        virDomainXMLError(root, "%s", _("missing attribute 'type' (the hypervisor type)"));
        return -1;
    }
    if ((def->virtType = virDomainVirtTypeFromString(type)) <= 0) {
        virDomainXMLError(root, _("unknown domain type '%s'"), type);
        return -1;
    }
    def->fixedId = -1;
    if (!xmlopt->fixedId)
        return 0;   /* a run-time id in the document is ignored, as libvirt does */
    if ((rc = virXMLPropUInt(VIR_FROM_THIS, root, "id", &id)) <= 0) {
        if (rc == 0)
            virDomainXMLError(root, _("the '%s' driver needs the domain id in <domain id=''>"),
                              xmlopt->driverName);
        return -1;
    }
    if (id > G_MAXINT) {
        virDomainXMLError(root, _("domain id %u is too large"), id);
        return -1;
    }
    def->fixedId = id;
    return 0;
}

static int
virDomainParseUUID(virDomainDef *def, xmlNodePtr node)
{
    g_autofree char *str = virXMLContent(node);

    if (virUUIDParse(str, def->uuid) < 0) {
        virDomainXMLError(node, _("malformed UUID '%s'"), str);
        return -1;
    }
    return 0;
}

static int
virDomainParseVcpu(virDomainDef *def, xmlNodePtr node)
{
    unsigned int current = 0;
    int rc;

    if (virXMLContentUInt(VIR_FROM_THIS, node, &def->maxvcpus) < 0)
        return -1;
    if ((rc = virXMLPropUInt(VIR_FROM_THIS, node, "current", &current)) < 0)
        return -1;
    def->vcpus = rc ? current : def->maxvcpus;
    if (virDomainParseEnumProp(node, "placement", virDomainCpuPlacementTypeFromString,
                               &def->placement) < 0)
        return -1;
    return virDomainParseCpuset(node, "cpuset", &def->cpumask) < 0 ? -1 : 0;
}

static int
virDomainParseVcpupin(virDomainDef *def, xmlNodePtr node)
{
    g_autoptr(virBitmap) map = NULL;
    unsigned int vcpu;
    int rc;

    if ((rc = virXMLPropUInt(VIR_FROM_THIS, node, "vcpu", &vcpu)) <= 0) {
        if (rc == 0)
            virDomainXMLError(node, "%s", _("missing attribute 'vcpu'"));
        return -1;
    }
    if ((rc = virDomainParseCpuset(node, "cpuset", &map)) <= 0) {
        if (rc == 0)
            virDomainXMLError(node, "%s", _("missing attribute 'cpuset'"));
        return -1;
    }
    if (vcpu >= def->maxvcpus) {
        virDomainXMLError(node, _("vcpu %u does not exist: the domain has %u vcpus"),
                          vcpu, def->maxvcpus);
        return -1;
    }
    if (!def->cputune.vcpupin)
        def->cputune.vcpupin = g_new0(virBitmap *, def->maxvcpus);
    if (def->cputune.vcpupin[vcpu]) {
        virDomainXMLError(node, _("vcpu %u is pinned twice"), vcpu);
        return -1;
    }
    def->cputune.vcpupin[vcpu] = g_steal_pointer(&map);
    return 0;
}

/* <cputune> comes after <vcpu> in libvirt's documents, but need not:
 * vcpupin is checked against the vcpu count once both are read. */
static int
virDomainParseCputune(virDomainDef *def, xmlNodePtr node)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (virXMLIsElement(cur, "shares")) {
            if (virXMLContentULL(VIR_FROM_THIS, cur, &def->cputune.shares) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "period")) {
            if (virXMLContentULL(VIR_FROM_THIS, cur, &def->cputune.period) < 0)
                return -1;
            if (def->cputune.period < 1000 || def->cputune.period > 1000000) {
                virDomainXMLError(cur, "%s", _("period must be 1000 to 1000000 microseconds"));
                return -1;
            }
        } else if (virXMLIsElement(cur, "quota")) {
            if (virXMLContentLL(VIR_FROM_THIS, cur, &def->cputune.quota) < 0)
                return -1;
            if (def->cputune.quota != -1 && def->cputune.quota < 1000) {
                virDomainXMLError(cur, "%s", _("quota must be -1 (unlimited) or at least 1000 microseconds"));
                return -1;
            }
        } else if (virXMLIsElement(cur, "vcpupin")) {
            if (virDomainParseVcpupin(def, cur) < 0)
                return -1;
        }
    }
    return 0;
}

static int
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
        for (i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (virXMLIsElement(cur, fields[i].name) &&
                virXMLContentKiB(VIR_FROM_THIS, cur, fields[i].value) < 0)
                return -1;
        }
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
        if (virXMLIsElement(cur, "path")) {
            g_free(dev->path);
            dev->path = virXMLContent(cur);
        } else if (virXMLIsElement(cur, "weight")) {
            if (virXMLContentUInt(VIR_FROM_THIS, cur, &dev->weight) < 0)
                return -1;
        }
        for (i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (virXMLIsElement(cur, fields[i].name) &&
                virXMLContentULL(VIR_FROM_THIS, cur, fields[i].value) < 0)
                return -1;
        }
    }
    if (!dev->path || dev->path[0] != '/') {
        virDomainXMLError(node, "%s", _("a blkiotune <device> needs an absolute <path>"));
        return -1;
    }
    return 0;
}

static int
virDomainParseBlkiotune(virDomainDef *def, xmlNodePtr node)
{
    virDomainBlkiotune *tune = &def->blkiotune;
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        if (virXMLIsElement(cur, "weight")) {
            if (virXMLContentUInt(VIR_FROM_THIS, cur, &tune->weight) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "device")) {
            tune->devices = g_renew(virBlkioDevice, tune->devices, tune->ndevices + 1);
            memset(&tune->devices[tune->ndevices], 0, sizeof(virBlkioDevice));
            tune->ndevices++;
            if (virDomainParseBlkioDevice(&tune->devices[tune->ndevices - 1], cur) < 0)
                return -1;
        }
    }
    return 0;
}

static int
virDomainParseOSType(virDomainDef *def, xmlNodePtr node)
{
    g_autofree char *type = virXMLContent(node);
    g_autofree char *arch = virXMLProp(node, "arch");
    g_autofree char *machine = virXMLProp(node, "machine");

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
    int dev = -1;

    if (virDomainParseEnumProp(node, "dev", virDomainBootDeviceTypeFromString, &dev) < 0)
        return -1;
    if (dev < 0) {
        virDomainXMLError(node, "%s", _("missing attribute 'dev'"));
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
virDomainParseOS(virDomainDef *def, xmlNodePtr node)
{
    xmlNodePtr cur;
    bool haveType = false;

    for (cur = node->children; cur; cur = cur->next) {
        if (virXMLIsElement(cur, "type")) {
            if (virDomainParseOSType(def, cur) < 0)
                return -1;
            haveType = true;
        } else if (virXMLIsElement(cur, "boot")) {
            if (virDomainParseBoot(def, cur) < 0)
                return -1;
        } else if (virXMLIsElement(cur, "kernel")) {
            virDomainReplaceString(&def->os.kernel, virXMLContent(cur));
        } else if (virXMLIsElement(cur, "initrd")) {
            virDomainReplaceString(&def->os.initrd, virXMLContent(cur));
        } else if (virXMLIsElement(cur, "cmdline")) {
            virDomainReplaceString(&def->os.cmdline, virXMLContent(cur));
        } else if (virXMLIsElement(cur, "init")) {
            virDomainReplaceString(&def->os.init, virXMLContent(cur));
        }
    }
    return haveType ? 1 : 0;
}

static int
virDomainParseFeatures(virDomainDef *def, xmlNodePtr node)
{
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        int feature;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if ((feature = virDomainFeatureTypeFromString((const char *)cur->name)) < 0) {
            virDomainXMLError(cur, "%s", _("unknown feature"));
            return -1;
        }
        def->features |= 1U << feature;
    }
    return 0;
}

static int
virDomainParseLifecycle(xmlNodePtr node, int *action)
{
    return virDomainParseEnumContent(node, virDomainLifecycleActionTypeFromString, action);
}

/* The elements of <domain> handled by this file, in no particular order. */
static int
virDomainParseElement(virDomainDef *def, xmlNodePtr cur, bool *haveOS)
{
    if (virXMLIsElement(cur, "name")) {
        g_free(def->name);
        def->name = virXMLContent(cur);
    } else if (virXMLIsElement(cur, "uuid")) {
        return virDomainParseUUID(def, cur);
    } else if (virXMLIsElement(cur, "title")) {
        virDomainReplaceString(&def->title, virXMLContent(cur));
        if (strchr(def->title, '\n')) {
            virDomainXMLError(cur, "%s", _("title must not contain newlines"));
            return -1;
        }
    } else if (virXMLIsElement(cur, "description")) {
        virDomainReplaceString(&def->description, virXMLContent(cur));
    } else if (virXMLIsElement(cur, "metadata")) {
        g_free(def->metadata);
        def->metadata = virXMLSerializeChildren(cur, 4);
    } else if (virXMLIsElement(cur, "memory")) {
        return virXMLContentKiB(VIR_FROM_THIS, cur, &def->maxMemory) < 0 ? -1 : 0;
    } else if (virXMLIsElement(cur, "currentMemory")) {
        return virXMLContentKiB(VIR_FROM_THIS, cur, &def->curMemory) < 0 ? -1 : 0;
    } else if (virXMLIsElement(cur, "vcpu")) {
        return virDomainParseVcpu(def, cur);
    } else if (virXMLIsElement(cur, "memtune")) {
        return virDomainParseMemtune(def, cur);
    } else if (virXMLIsElement(cur, "blkiotune")) {
        return virDomainParseBlkiotune(def, cur);
    } else if (virXMLIsElement(cur, "os")) {
        int rc = virDomainParseOS(def, cur);

        *haveOS = rc > 0;
        return rc < 0 ? -1 : 0;
    } else if (virXMLIsElement(cur, "memoryBacking")) {
        def->nosharepages = virXMLChild(cur, "nosharepages") != NULL;
    } else if (virXMLIsElement(cur, "features")) {
        return virDomainParseFeatures(def, cur);
    } else if (virXMLIsElement(cur, "clock")) {
        return virDomainParseEnumProp(cur, "offset", virDomainClockOffsetTypeFromString,
                                      &def->clockOffset) < 0 ? -1 : 0;
    } else if (virXMLIsElement(cur, "on_poweroff")) {
        return virDomainParseLifecycle(cur, &def->onPoweroff);
    } else if (virXMLIsElement(cur, "on_reboot")) {
        return virDomainParseLifecycle(cur, &def->onReboot);
    } else if (virXMLIsElement(cur, "on_crash")) {
        return virDomainParseLifecycle(cur, &def->onCrash);
    } else if (virXMLIsElement(cur, "devices")) {
        return virDomainParseDevices(def, cur);
    }
    return 0;
}

/* Defaults libvirt fills in, so that a round trip through either library
 * gives the same document. */
static void
virDomainDefFillDefaults(virDomainDef *def, const virDomainXMLOption *xmlopt)
{
    if (def->curMemory == 0 || def->curMemory > def->maxMemory)
        def->curMemory = def->maxMemory;
    if (!def->os.arch && xmlopt->defaultArch)
        def->os.arch = g_intern_static_string(xmlopt->defaultArch);
    if (def->os.type == VIR_DOMAIN_OSTYPE_HVM && def->os.nBootDevs == 0)
        def->os.bootDevs[def->os.nBootDevs++] = VIR_DOMAIN_BOOT_DISK;
    if (def->clockOffset == VIR_DOMAIN_CLOCK_OFFSET_DEFAULT)
        def->clockOffset = VIR_DOMAIN_CLOCK_OFFSET_UTC;
    if (def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT)
        def->onPoweroff = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    if (def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT)
        def->onReboot = VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    if (def->onCrash == VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT)
        def->onCrash = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
}

/* Reads every child of <domain> but <cputune>, which is left in @cputune
 * for later. */
static int
virDomainDefParseChildren(virDomainDef *def, xmlNodePtr root,
                          const virDomainXMLOption *xmlopt, xmlNodePtr *cputune)
{
    xmlNodePtr cur;
    bool haveOS = false;

    *cputune = NULL;
    for (cur = root->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (virXMLIsElement(cur, "cputune")) {
            *cputune = cur;
            continue;
        }
        if (virDomainParseElement(def, cur, &haveOS) < 0)
            return -1;
    }
    if (!haveOS) {
        if (xmlopt->defaultOSType < 0) {
            virDomainXMLError(root, "%s", _("an <os> element with a <type> is required"));
            return -1;
        }
        def->os.type = xmlopt->defaultOSType;
    }
    if (!virXMLChild(root, "vcpu"))
        def->maxvcpus = def->vcpus = 1;
    return 0;
}

virDomainDef *
virDomainDefParseNode(xmlNodePtr root, const virDomainXMLOption *xmlopt)
{
    g_autoptr(virDomainDef) def = g_new0(virDomainDef, 1);
    xmlNodePtr cputune;

    if (virDomainParseRoot(def, root, xmlopt) < 0 ||
        virDomainDefParseChildren(def, root, xmlopt, &cputune) < 0)
        return NULL;
    if (!def->name) {
        virDomainXMLError(root, "%s", _("missing <name> element"));
        return NULL;
    }
    if (virDomainNameValidate(def->name) < 0)
        return NULL;
    if (virUUIDIsZero(def->uuid) && virUUIDGenerate(def->uuid) < 0)
        return NULL;
    virDomainDefFillDefaults(def, xmlopt);
    if (xmlopt->ns) {
        def->ns = xmlopt->ns;
        if (xmlopt->ns->parse(root, &def->nsData) < 0)
            return NULL;
    }
    if (virDomainDefValidate(def, xmlopt) < 0)
        return NULL;
    /* <vcpupin> keeps a slot per vcpu: read it only once the vcpu count
     * is known to be within the limits, or <vcpu>4000000000</vcpu> would
     * allocate 32 GB */
    if (cputune && virDomainParseCputune(def, cputune) < 0)
        return NULL;
    if (xmlopt->postParse && xmlopt->postParse(def, xmlopt->opaque) < 0)
        return NULL;
    return g_steal_pointer(&def);
}

virDomainDef *
virDomainDefParseString(const char *xml, const virDomainXMLOption *xmlopt, unsigned int flags)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root;

    if (!(doc = virXMLParse(xml, "domain", "domain", &root)))
        return NULL;
    if ((flags & VIR_DOMAIN_DEF_PARSE_VALIDATE) && virDomainSchemaValidate(doc) < 0)
        return NULL;
    return virDomainDefParseNode(root, xmlopt);
}
