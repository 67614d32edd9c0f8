/*
 * domain_parse.c: reading <domain> XML into a virDomainDef
 *
 * The tree is walked directly (no XPath): one pass over the children of
 * <domain>, one small function per element virtkit models.  The other
 * children libvirt's schema has are kept as written (def->extras);
 * elements it does not have, and values that are present but wrong, are
 * errors that name the line and the element.  Elements in another
 * driver's XML namespace (qemu:, lxc:...) are ignored, as libvirt's own
 * drivers ignore each other's, with a warning in the log.
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "domain_order.h"
#include "domain_parse_elems.h"
#include "domain_schema.h"
#include "virerror.h"
#include "virlog.h"
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

int
virDomainParseCpuset(xmlNodePtr node, const char *attr, virBitmap **map)
{
    g_autofree char *str = virXMLProp(node, attr);

    if (!str)
        return 0;
    g_clear_pointer(map, virBitmapFree);    /* from an earlier <vcpu> */
    /* virBitmapParse's error as it is: libvirt reports a bad cpuset so */
    if (!(*map = virBitmapParse(str, VIR_DOMAIN_CPUMASK_LEN)))
        return -1;
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
    static const char *const attrs[] = { "type", "id", NULL };
    g_autofree char *type = virXMLProp(root, "type");
    unsigned int id;
    int rc;

    if (virDomainCheckAttrs(root, attrs) < 0)
        return -1;
    if (!type) {
        virDomainXMLError(root, "%s", _("missing attribute 'type' (the hypervisor type)"));
        return -1;
    }
    if ((def->virtType = virDomainVirtTypeFromString(type)) < 0) {
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
    static const char *const attrs[] = { "placement", "cpuset", "current", NULL };
    unsigned int current = 0;
    int rc;

    if (virDomainCheckAttrs(node, attrs) < 0)
        return -1;
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
virDomainParseLifecycle(xmlNodePtr node, int *action)
{
    return virDomainParseEnumContent(node, virDomainLifecycleActionTypeFromString, action);
}

static int
virDomainParseMemory(virDomainDef *def, xmlNodePtr node)
{
    static const char *const attrs[] = { "unit", "dumpCore", NULL };

    if (virDomainCheckAttrs(node, attrs) < 0 ||
        virXMLContentKiB(VIR_FROM_THIS, node, &def->maxMemory) < 0)
        return -1;
    virDomainReplaceString(&def->dumpCore, virXMLProp(node, "dumpCore"));
    return 0;
}

/* The children of <domain> that are plain text. */
static int
virDomainParseText(virDomainDef *def, xmlNodePtr cur, int elem)
{
    if (elem == VIR_DOMAIN_ELEM_NAME) {
        virDomainReplaceString(&def->name, virXMLContent(cur));
    } else if (elem == VIR_DOMAIN_ELEM_TITLE) {
        virDomainReplaceString(&def->title, virXMLContent(cur));
        if (strchr(def->title, '\n')) {
            virDomainXMLError(cur, "%s", _("title must not contain newlines"));
            return -1;
        }
    } else if (elem == VIR_DOMAIN_ELEM_DESCRIPTION) {
        virDomainReplaceString(&def->description, virXMLContent(cur));
    } else if (elem == VIR_DOMAIN_ELEM_METADATA) {
        virDomainReplaceString(&def->metadata, virXMLSerializeChildren(cur, 4));
    } else if (elem == VIR_DOMAIN_ELEM_ON_POWEROFF) {
        return virDomainParseLifecycle(cur, &def->onPoweroff);
    } else if (elem == VIR_DOMAIN_ELEM_ON_REBOOT) {
        return virDomainParseLifecycle(cur, &def->onReboot);
    } else if (elem == VIR_DOMAIN_ELEM_ON_CRASH) {
        return virDomainParseLifecycle(cur, &def->onCrash);
    }
    return 0;
}

/* Elements libvirt's schema allows more than once. */
static bool
virDomainElemRepeats(int elem)
{
    return elem == VIR_DOMAIN_ELEM_SYSINFO || elem == VIR_DOMAIN_ELEM_SECLABEL;
}

/* A child of <domain> virtkit does not model: kept as written. */
static int
virDomainKeepElement(virDomainDef *def, xmlNodePtr cur, int elem)
{
    size_t i;

    for (i = 0; def->extras && !virDomainElemRepeats(elem) && i < def->extras->nchildren; i++) {
        if (def->extras->children[i]->rank == elem) {
            virDomainXMLError(cur, _("only one <%s> is allowed"), (const char *)cur->name);
            return -1;
        }
    }
    return virDomainKeepChild(&def->extras, "domain", cur, elem);
}

/* The children of <domain>, in no particular order. */
static int
virDomainParseElement(virDomainDef *def, xmlNodePtr cur, bool *haveOS)
{
    int elem = virDomainElemLookup((const char *)cur->name);
    int rc;

    switch (elem) {
    case VIR_DOMAIN_ELEM_UUID:
        return virDomainParseUUID(def, cur);
    case VIR_DOMAIN_ELEM_MEMORY:
        return virDomainParseMemory(def, cur);
    case VIR_DOMAIN_ELEM_CURRENT_MEMORY:
        return virXMLContentKiB(VIR_FROM_THIS, cur, &def->curMemory) < 0 ? -1 : 0;
    case VIR_DOMAIN_ELEM_VCPU:
        return virDomainParseVcpu(def, cur);
    case VIR_DOMAIN_ELEM_MEMTUNE:
        return virDomainParseMemtune(def, cur);
    case VIR_DOMAIN_ELEM_BLKIOTUNE:
        return virDomainParseBlkiotune(def, cur);
    case VIR_DOMAIN_ELEM_OS:
        if ((rc = virDomainParseOS(def, cur)) < 0)
            return -1;
        *haveOS = rc > 0;
        return 0;
    case VIR_DOMAIN_ELEM_MEMORY_BACKING:
        return virDomainParseMemoryBacking(def, cur);
    case VIR_DOMAIN_ELEM_FEATURES:
        return virDomainParseFeatures(def, cur);
    case VIR_DOMAIN_ELEM_CLOCK:
        return virDomainParseClock(def, cur);
    case VIR_DOMAIN_ELEM_DEVICES:
        return virDomainParseDevices(def, cur);
    case VIR_DOMAIN_ELEM_NAME:
    case VIR_DOMAIN_ELEM_TITLE:
    case VIR_DOMAIN_ELEM_DESCRIPTION:
    case VIR_DOMAIN_ELEM_METADATA:
    case VIR_DOMAIN_ELEM_ON_POWEROFF:
    case VIR_DOMAIN_ELEM_ON_REBOOT:
    case VIR_DOMAIN_ELEM_ON_CRASH:
        return virDomainParseText(def, cur, elem);
    }
    return virDomainKeepElement(def, cur, elem);
}

/* An element in an XML namespace: the driver's own namespace is read by
 * its callbacks; another driver's is ignored, as libvirt does. */
static void
virDomainSkipForeign(xmlNodePtr cur, const virDomainXMLOption *xmlopt)
{
    if (xmlopt->ns && xmlStrEqual(cur->ns->href, (const xmlChar *)xmlopt->ns->uri))
        return;
    if (xmlopt->readElsewhere &&
        xmlStrEqual(cur->ns->href, (const xmlChar *)xmlopt->readElsewhere))
        return;
    /* libvirt drops it without a word: a note for who asks (VIRTKIT_DEBUG),
     * not a warning on every define of such XML */
    VIR_INFO("domain XML, line %ld: ignoring <%s:%s>: namespace '%s' is not the '%s' driver's",
             xmlGetLineNo(cur), cur->ns->prefix ? (const char *)cur->ns->prefix : "",
             (const char *)cur->name, (const char *)cur->ns->href, xmlopt->driverName);
}

/* Whether a device says where it is in the boot order (<boot order=''/>),
 * which replaces <os><boot dev=''/>. */
static bool
virDomainDefHasBootOrder(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        if (virXMLNodeChild(def->devices[i].node, "boot"))
            return true;
    }
    return false;
}

/* A domain whose vcpus are placed automatically has its memory placed
 * the same way, unless <numatune> says otherwise. */
static void
virDomainDefNumatuneDefault(virDomainDef *def)
{
    virXMLNode *numatune, *memory;
    size_t i;

    if (def->placement != VIR_DOMAIN_CPU_PLACEMENT_AUTO)
        return;
    for (i = 0; def->extras && i < def->extras->nchildren; i++) {
        if (def->extras->children[i]->rank == VIR_DOMAIN_ELEM_NUMATUNE)
            return;
    }
    if (!def->extras)
        def->extras = virXMLNodeNew("domain");
    numatune = virXMLNodeAppendNew(def->extras, "numatune");
    numatune->rank = VIR_DOMAIN_ELEM_NUMATUNE;
    memory = virXMLNodeAppendNew(numatune, "memory");
    virXMLNodeSetAttr(memory, "mode", "strict");
    virXMLNodeSetAttr(memory, "placement", "auto");
    virXMLNodeSortChildren(def->extras);
}

/* <maxMemory> is a size libvirt keeps in KiB and writes so. */
static int
virDomainDefMaxMemoryKiB(virDomainDef *def)
{
    virXMLNode *max = NULL;
    g_autofree char *kib = NULL;
    unsigned long long value;
    size_t i;

    for (i = 0; def->extras && i < def->extras->nchildren; i++) {
        if (def->extras->children[i]->rank == VIR_DOMAIN_ELEM_MAX_MEMORY)
            max = def->extras->children[i];
    }
    if (!max)
        return 0;
    if (!max->text || virStrToULL(g_strstrip(max->text), &value) < 0 ||
        virScaleInteger(&value, virXMLNodeGetAttr(max, "unit"), 1024, G_MAXINT64) < 0) {
        virXMLNodeReport(VIR_FROM_THIS, max, _("invalid size '%s'"), NULLSTR(max->text));
        return -1;
    }
    kib = g_strdup_printf("%llu", (value + 1023) / 1024);
    virDomainReplaceString(&max->text, g_steal_pointer(&kib));
    virXMLNodeSetAttr(max, "unit", "KiB");
    virDomainOrderCanonicalize(max, "domain");
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
    if (def->os.type == VIR_DOMAIN_OSTYPE_HVM && def->os.nBootDevs == 0 &&
        !virDomainDefHasBootOrder(def))
        def->os.bootDevs[def->os.nBootDevs++] = VIR_DOMAIN_BOOT_DISK;
    if (def->clockOffset == VIR_DOMAIN_CLOCK_OFFSET_DEFAULT)
        def->clockOffset = VIR_DOMAIN_CLOCK_OFFSET_UTC;
    if (def->onPoweroff == VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT)
        def->onPoweroff = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    if (def->onReboot == VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT)
        def->onReboot = VIR_DOMAIN_LIFECYCLE_ACTION_RESTART;
    if (def->onCrash == VIR_DOMAIN_LIFECYCLE_ACTION_DEFAULT)
        def->onCrash = VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY;
    virDomainDefNumatuneDefault(def);
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
        if (cur->type == XML_TEXT_NODE && !xmlIsBlankNode(cur)) {
            virDomainXMLError(root, "%s", _("text between elements cannot be kept"));
            return -1;
        }
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (cur->ns) {
            virDomainSkipForeign(cur, xmlopt);
            continue;
        }
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
    if (def->extras)
        virXMLNodeSortChildren(def->extras);
    return virDomainDefMaxMemoryKiB(def);
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
    if (virDomainDevicesPostParse(def) < 0)
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
