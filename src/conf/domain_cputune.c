/*
 * domain_cputune.c: <cputune>
 *
 * virtkit models shares, period, quota and <vcpupin>; the rest (emulator
 * and iothread settings, schedulers, cache and memory bandwidth tuning)
 * is kept as written, put in the shape libvirt gives it: a scheduler per
 * thread, and cache and memory tuning only for vcpus that exist.
 */
#include "internal.h"

#include "domain_conf_priv.h"
#include "domain_order.h"
#include "domain_parse_elems.h"
#include "virerror.h"
#include "virlog.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define virDomainXMLError(node, ...) virXMLReportNode(VIR_FROM_THIS, node, __VA_ARGS__)

/* The largest thread number a scheduler or tuning element may name. */
#define VIR_DOMAIN_THREADS_MAX 16384

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

static int
virDomainParseCputuneChild(virDomainDef *def, xmlNodePtr cur)
{
    if (virXMLIsElement(cur, "shares"))
        return virXMLContentULL(VIR_FROM_THIS, cur, &def->cputune.shares) < 0 ? -1 : 0;
    if (virXMLIsElement(cur, "period")) {
        if (virXMLContentULL(VIR_FROM_THIS, cur, &def->cputune.period) < 0)
            return -1;
        if (def->cputune.period < 1000 || def->cputune.period > 1000000) {
            virDomainXMLError(cur, "%s", _("period must be 1000 to 1000000 microseconds"));
            return -1;
        }
        return 0;
    }
    if (virXMLIsElement(cur, "quota")) {
        if (virXMLContentLL(VIR_FROM_THIS, cur, &def->cputune.quota) < 0)
            return -1;
        if (def->cputune.quota != -1 && def->cputune.quota < 1000) {
            virDomainXMLError(cur, "%s", _("quota must be -1 (unlimited) or at least 1000 microseconds"));
            return -1;
        }
        return 0;
    }
    if (virXMLIsElement(cur, "vcpupin"))
        return virDomainParseVcpupin(def, cur);
    return virDomainKeepChild(&def->cputune.rest, "cputune", cur,
                              cur->ns ? -1 : virDomainCputuneElemTypeFromString((const char *)cur->name));
}

/* ---- the shape libvirt gives what is kept ---------------------------- */

/* The threads an attribute such as vcpus='0-3,^2' names. */
static virBitmap *
virDomainParseThreads(const virXMLNode *node, const char *attr)
{
    const char *str = virXMLNodeGetAttr(node, attr);

    if (!str) {
        virXMLNodeReport(VIR_FROM_THIS, node, _("missing attribute '%s'"), attr);
        return NULL;
    }
    /* virBitmapParse's error as it is, as libvirt reports it */
    return virBitmapParse(str, VIR_DOMAIN_THREADS_MAX);
}

/* One scheduler element per thread, in thread order: libvirt keeps a
 * scheduler per vcpu (or iothread) and writes it so. */
static int
virDomainSplitSchedulers(virXMLNode *rest, int rank, const char *attr, unsigned int limit)
{
    g_autoptr(GPtrArray) byThread = g_ptr_array_new_full(0, (GDestroyNotify)virXMLNodeFree);
    size_t i;

    for (i = 0; i < rest->nchildren; i++) {
        const virXMLNode *sched = rest->children[i];
        g_autoptr(virBitmap) map = NULL;
        ssize_t t = -1;

        if (sched->rank != rank)
            continue;
        if (!(map = virDomainParseThreads(sched, attr)))
            return -1;
        while ((t = virBitmapNextSetBit(map, t)) >= 0) {
            virXMLNode *one;
            g_autofree char *num = g_strdup_printf("%zd", t);

            if (limit && (size_t)t >= limit) {
                virXMLNodeReport(VIR_FROM_THIS, sched, _("vcpu %zd does not exist"), t);
                return -1;
            }
            if ((size_t)t < byThread->len && g_ptr_array_index(byThread, t)) {
                virXMLNodeReport(VIR_FROM_THIS, sched, _("%s '%zd' is given more than one scheduler"),
                                 attr, t);
                return -1;
            }
            if ((size_t)t >= byThread->len)
                g_ptr_array_set_size(byThread, t + 1);
            one = virXMLNodeCopy(sched);
            virXMLNodeSetAttr(one, attr, num);
            g_ptr_array_index(byThread, t) = one;
        }
    }
    for (i = rest->nchildren; i > 0; i--) {
        if (rest->children[i - 1]->rank == rank)
            virXMLNodeDelete(rest, i - 1);
    }
    for (i = 0; i < byThread->len; i++) {
        if (g_ptr_array_index(byThread, i))
            virXMLNodeAppend(rest, g_steal_pointer(&g_ptr_array_index(byThread, i)));
    }
    return 0;
}

/* Cache and memory bandwidth tuning applies to vcpus that exist:
 * libvirt drops the others, and a tuning left with none. */
static int
virDomainClipTunes(virXMLNode *rest, unsigned int maxvcpus)
{
    size_t i = rest->nchildren;

    while (i-- > 0) {
        virXMLNode *tune = rest->children[i];
        g_autoptr(virBitmap) map = NULL;
        g_autoptr(virBitmap) kept = virBitmapNew(maxvcpus);
        g_autofree char *str = NULL;
        ssize_t v = -1;

        if (tune->rank != VIR_DOMAIN_CPUTUNE_ELEM_CACHETUNE &&
            tune->rank != VIR_DOMAIN_CPUTUNE_ELEM_MEMORYTUNE)
            continue;
        if (!(map = virDomainParseThreads(tune, "vcpus")))
            return -1;
        while ((v = virBitmapNextSetBit(map, v)) >= 0 && (size_t)v < maxvcpus)
            virBitmapSetBit(kept, v);
        /* the id is libvirt's name for the group at run time */
        virXMLNodeRemoveAttr(tune, "id");
        if (virBitmapIsAllClear(kept)) {
            /* libvirt drops it without a word; a note for who asks */
            VIR_INFO("line %d: <%s vcpus='%s'> names no vcpu of the domain: dropped, as libvirt does",
                     tune->line, tune->name, virXMLNodeGetAttr(tune, "vcpus"));
            virXMLNodeDelete(rest, i);
            continue;
        }
        str = virBitmapFormat(kept);
        virXMLNodeSetAttr(tune, "vcpus", str);
    }
    return 0;
}

int
virDomainParseCputune(virDomainDef *def, xmlNodePtr node)
{
    virXMLNode *rest;
    xmlNodePtr cur;

    if (virDomainCheckAttrs(node, NULL) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && virDomainParseCputuneChild(def, cur) < 0)
            return -1;
    }
    if (!(rest = def->cputune.rest))
        return 0;
    if (virDomainSplitSchedulers(rest, VIR_DOMAIN_CPUTUNE_ELEM_VCPUSCHED, "vcpus",
                                 def->maxvcpus) < 0 ||
        virDomainSplitSchedulers(rest, VIR_DOMAIN_CPUTUNE_ELEM_IOTHREADSCHED, "iothreads",
                                 0) < 0 ||
        virDomainClipTunes(rest, def->maxvcpus) < 0)
        return -1;
    virXMLNodeSortChildren(rest);
    return 0;
}

/* ---- formatting ------------------------------------------------------ */

static bool
virDomainCputuneHasPins(const virDomainDef *def)
{
    unsigned int i;

    for (i = 0; def->cputune.vcpupin && i < def->maxvcpus; i++) {
        if (def->cputune.vcpupin[i])
            return true;
    }
    return false;
}

static void
virDomainFormatVcpupins(GString *buf, int indent, const virDomainDef *def)
{
    unsigned int i;

    for (i = 0; def->cputune.vcpupin && i < def->maxvcpus; i++) {
        g_autofree char *cpuset = NULL;

        if (!def->cputune.vcpupin[i])
            continue;
        cpuset = virBitmapFormat(def->cputune.vcpupin[i]);
        virXMLIndent(buf, indent);
        virStringAppendLit(buf, "<vcpupin");
        virXMLAddAttrULL(buf, "vcpu", i);
        virXMLAddAttr(buf, "cpuset", cpuset);
        virStringAppendLen(buf, "/>\n", 3);
    }
}

void
virDomainFormatCputune(GString *buf, int indent, const virDomainDef *def)
{
    const virDomainCputune *tune = &def->cputune;
    int in = indent + 2;
    size_t pos = 0;

    if (!tune->shares && !tune->period && !tune->quota && !virDomainCputuneHasPins(def) &&
        !(tune->rest && tune->rest->nchildren))
        return;
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "<cputune>\n");
    if (tune->shares)
        virXMLAddElementULL(buf, in, "shares", tune->shares);
    if (tune->period)
        virXMLAddElementULL(buf, in, "period", tune->period);
    if (tune->quota) {
        virXMLIndent(buf, in);
        virStringAppendLen(buf, "<quota>", 7);
        virXMLAppendLL(buf, tune->quota);
        virStringAppendLen(buf, "</quota>\n", 9);
    }
    virXMLNodeFormatChildrenBefore(buf, in, tune->rest, &pos, VIR_DOMAIN_CPUTUNE_ELEM_VCPUPIN);
    virDomainFormatVcpupins(buf, in, def);
    virXMLNodeFormatChildrenBefore(buf, in, tune->rest, &pos, G_MAXINT);
    virXMLIndent(buf, indent);
    virStringAppendLit(buf, "</cputune>\n");
}
