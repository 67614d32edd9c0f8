/*
 * lve_xml.c: <lve:limits> in domain XML, what makes a definition an LVE,
 * and the file of host default limits
 */
#include "internal.h"

#include <libxml/tree.h>

#include "lve_conf.h"
#include "virerror.h"
#include "virfile.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* What the namespace callbacks keep for a domain: its limits, and two
 * facts about the document that only the parser sees. */
typedef struct _lveDomainNs {
    lveLimits limits;
    bool hasVcpu;           /* <vcpu> was given */
    bool hasCurMemory;      /* <currentMemory> was given */
} lveDomainNs;

lveLimits *
lveDefLimits(const virDomainDef *def)
{
    return &((lveDomainNs *)def->nsData)->limits;
}

/* ---- the namespace ------------------------------------------------- */

static bool
lveIsNsElement(xmlNodePtr node)
{
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           STREQ((const char *)node->ns->href, LVE_NS_URI);
}

/* The value of @attr as parsed: the text of its one child, read in
 * place; a copy (to free) only when libxml2 made it several nodes. */
static const char *
lveAttrValue(xmlNodePtr node, xmlAttrPtr attr, char **copy)
{
    xmlNodePtr text = attr->children;

    *copy = NULL;
    if (text && text->type == XML_TEXT_NODE && !text->next && text->content)
        return (const char *)text->content;
    *copy = virXMLProp(node, (const char *)attr->name);
    return *copy ? *copy : "";
}

/* Reads the attributes of <lve:limits> or of the defaults file: every
 * definition loaded or created has them. */
static int
lveLimitsParseAttrs(xmlNodePtr node, lveLimits *lim)
{
    xmlAttrPtr attr;

    for (attr = node->properties; attr; attr = attr->next) {
        const char *name = (const char *)attr->name;
        g_autofree char *copy = NULL;
        const char *value;
        int which;

        if (attr->ns) {
            virXMLReportNode(VIR_FROM_THIS, node,
                             _("attribute '%s:%s' must not have a namespace prefix"),
                             (const char *)attr->ns->prefix, name);
            return -1;
        }
        if ((which = lveLimitFromName(name)) < 0) {
            virXMLReportNode(VIR_FROM_THIS, node,
                             _("unknown limit '%s' (known: speed, ncpu, pmem, vmem, io, iops, nproc, ep)"),
                             name);
            return -1;
        }
        value = lveAttrValue(node, attr, &copy);
        if (lveLimitParse(which, value, &lim->value[which]) < 0) {
            /* the detail only: the new error says "XML error" itself */
            virErrorPtr err = virGetLastError();
            g_autofree char *msg = g_strdup(err && err->str1 ? err->str1 :
                                            virGetLastErrorMessage());

            virXMLReportNode(VIR_FROM_THIS, node, "%s", msg);
            return -1;
        }
        lim->set |= 1U << which;
    }
    return 0;
}

static int
lveNsParse(xmlNodePtr root, void **data)
{
    g_autofree lveDomainNs *ns = g_new0(lveDomainNs, 1);
    xmlNodePtr cur, limits = NULL;

    for (cur = root->children; cur; cur = cur->next) {
        if (!lveIsNsElement(cur))
            continue;
        if (!STREQ((const char *)cur->name, "limits")) {
            virXMLReportNode(VIR_FROM_THIS, cur, "%s",
                             _("unknown element in the LVE namespace (only <lve:limits> is known)"));
            return -1;
        }
        if (limits) {
            virXMLReportNode(VIR_FROM_THIS, cur, "%s", _("<lve:limits> is given twice"));
            return -1;
        }
        limits = cur;
    }
    if (limits && lveLimitsParseAttrs(limits, &ns->limits) < 0)
        return -1;
    ns->hasVcpu = virXMLChild(root, "vcpu") != NULL;
    ns->hasCurMemory = virXMLChild(root, "currentMemory") != NULL;
    *data = g_steal_pointer(&ns);
    return 0;
}

static void
lveLimitsFormatAttrs(GString *buf, const lveLimits *lim)
{
    int i;

    /* names and values need no escaping; every status file of a changed
     * LVE has them, so they are appended without a call into GLib */
    for (i = 0; i < LVE_LIMIT_LAST; i++) {
        if (!lveLimitIsSet(lim, i))
            continue;
        virStringAppendLit(buf, " ");
        virStringAppend(buf, lveLimitName(i));
        virStringAppendLit(buf, "='");
        lveLimitAppend(buf, i, lim->value[i]);
        virStringAppendLit(buf, "'");
    }
}

static void
lveNsFormat(GString *buf, int indent, const void *data)
{
    const lveDomainNs *ns = data;

    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<" LVE_NS_PREFIX ":limits");
    lveLimitsFormatAttrs(buf, &ns->limits);
    virStringAppendLit(buf, "/>\n");
}

static void *
lveNsCopy(const void *data)
{
    return g_memdup2(data, sizeof(lveDomainNs));
}

const virXMLNamespace lveXMLNamespace = {
    .prefix = LVE_NS_PREFIX,
    .uri = LVE_NS_URI,
    .parse = lveNsParse,
    .format = lveNsFormat,
    .copy = lveNsCopy,
    .free = g_free,
};

/* ---- host defaults ------------------------------------------------- */

void
lveDefaultsBuiltin(lveLimits *defaults)
{
    static const unsigned long long builtin[LVE_LIMIT_LAST] = {
        [LVE_LIMIT_SPEED] = 100,
        [LVE_LIMIT_NCPU] = 1,
        [LVE_LIMIT_PMEM] = 1024 * 1024,
        [LVE_LIMIT_VMEM] = 0,
        [LVE_LIMIT_IO] = 1024,
        [LVE_LIMIT_IOPS] = 1024,
        [LVE_LIMIT_NPROC] = 100,
        [LVE_LIMIT_EP] = 20,
    };

    memcpy(defaults->value, builtin, sizeof(builtin));
    defaults->set = LVE_LIMITS_ALL;
}

int
lveDefaultsLoad(const char *path, lveLimits *defaults)
{
    g_autofree char *xml = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    lveLimits lim = { 0 };
    xmlNodePtr root;
    int i;

    if (virFileReadLimitedFlags(path, 64 * 1024, &xml, NULL, VIR_FILE_READ_OWN) < 0 ||
        !(doc = virXMLParse(xml, "LVE defaults", "defaults", &root)) ||
        lveLimitsParseAttrs(root, &lim) < 0)
        return -1;
    lveDefaultsBuiltin(defaults);
    for (i = 0; i < LVE_LIMIT_LAST; i++) {
        if (lveLimitIsSet(&lim, i))
            defaults->value[i] = lim.value[i];
    }
    return 0;
}

int
lveDefaultsSave(const char *path, const lveLimits *defaults)
{
    g_autoptr(GString) buf = g_string_new("<defaults");
    g_autofree char *dir = g_path_get_dirname(path);

    lveLimitsFormatAttrs(buf, defaults);
    g_string_append(buf, "/>\n");
    if (virFileMakePath(dir, 0700) < 0)
        return -1;
    return virFileWriteAtomic(path, buf->str, buf->len, 0600);
}

/* ---- what makes a definition an LVE -------------------------------- */

/* Settings an LVE has no use for are refused, each with the LVE way of
 * saying it, rather than silently ignored. */
static int
lveDefCheckUnsupported(const virDomainDef *def)
{
    const char *what = NULL, *instead = NULL;
    g_autofree char *device = NULL;

    if (def->ndevices) {
        what = device = g_strdup_printf("<%s>", virDomainDeviceTypeToString(def->devices[0].type));
        instead = _("an LVE has no devices");
    } else if (def->cputune.shares || def->cputune.period || def->cputune.quota) {
        what = "<cputune> shares, period or quota";
        instead = _("use <lve:limits speed=''>");
    } else if (def->memtune.hard_limit || def->memtune.soft_limit ||
               def->memtune.swap_hard_limit || def->memtune.min_guarantee) {
        what = "<memtune>";
        instead = _("use <lve:limits pmem='' vmem=''>");
    } else if (def->blkiotune.weight || def->blkiotune.ndevices) {
        what = "<blkiotune>";
        instead = _("use <lve:limits io='' iops=''>");
    } else if (def->os.kernel || def->os.initrd || def->os.init) {
        what = "<os> kernel, initrd or init";
        instead = _("an LVE boots nothing: processes join it with virDomainEnter");
    }
    if (!what)
        return 0;
    virReportError(VIR_ERR_CONFIG_UNSUPPORTED, _("domain '%s': %s is not supported: %s"),
                   def->name, what, instead);
    return -1;
}

static int
lveDefReconcileVcpus(virDomainDef *def, const lveDomainNs *ns, size_t hostcpus)
{
    unsigned long long ncpu = ns->limits.value[LVE_LIMIT_NCPU];

    if (ns->hasVcpu) {
        if (ncpu && ncpu != def->vcpus) {
            virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                           _("domain '%s': ncpu='%llu' disagrees with <vcpu> (%u vcpus)"),
                           def->name, ncpu, def->vcpus);
            return -1;
        }
        return 0;
    }
    /* no <vcpu>: ncpu, or every CPU of this host */
    if (!ncpu)
        ncpu = MAX(hostcpus, 1);
    virDomainDefSetMaxVcpus(def, ncpu);
    def->vcpus = ncpu;
    return 0;
}

/* pmem is the current memory; pmem='0' lifts the limit, and the current
 * memory is then the maximum. */
static int
lveDefReconcileMemory(virDomainDef *def, lveDomainNs *ns)
{
    lveLimits *lim = &ns->limits;
    unsigned long long pmem = lim->value[LVE_LIMIT_PMEM];
    unsigned long long cur = pmem ? pmem : def->maxMemory;

    if (!lveLimitIsSet(lim, LVE_LIMIT_PMEM)) {
        lim->value[LVE_LIMIT_PMEM] = def->curMemory;
        return lveLimitCheck(LVE_LIMIT_PMEM, def->curMemory, def->name);
    }
    if (ns->hasCurMemory && cur != def->curMemory) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%s': pmem (%llu KiB, 0 meaning <memory>) disagrees with <currentMemory> (%llu KiB)"),
                       def->name, pmem, def->curMemory);
        return -1;
    }
    if (cur > def->maxMemory) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%s': pmem (%llu KiB) is more than <memory> (%llu KiB)"),
                       def->name, pmem, def->maxMemory);
        return -1;
    }
    def->curMemory = cur;
    return 0;
}

int
lveDomainDefPostParse(virDomainDef *def, void *opaque)
{
    const size_t *hostcpus = opaque;
    lveDomainNs *ns = def->nsData;

    if (def->fixedId == 0) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("domain '%s': LVE id 0 is the host itself and cannot be a domain"),
                       def->name);
        return -1;
    }
    /* pins and cpusets name CPUs this host has, as SECURITY.md promises */
    if (lveDefCheckUnsupported(def) < 0 ||
        virDomainDefCheckHostCpus(def, *hostcpus) < 0 ||
        lveDefReconcileVcpus(def, ns, *hostcpus) < 0 ||
        lveDefReconcileMemory(def, ns) < 0)
        return -1;
    ns->hasVcpu = ns->hasCurMemory = true;  /* from now on both are explicit */
    lveDefSyncLimits(def);
    return 0;
}

