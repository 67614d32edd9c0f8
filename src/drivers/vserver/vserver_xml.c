/*
 * vserver_xml.c: <vserver:context> in domain XML: reading, writing and
 * copying what a domain asks of its context
 */
#include "internal.h"

#include <libxml/tree.h>

#include "vserver_abi.h"
#include "vserver_conf.h"
#include "virerror.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

#define vserverNodeError(node, ...) virXMLReportNode(VIR_FROM_THIS, node, __VA_ARGS__)

static bool
vserverIsNsElement(xmlNodePtr node)
{
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           STREQ((const char *)node->ns->href, VSERVER_NS_URI);
}

/* Refuses an attribute that is not in @allowed (NULL-terminated). */
static int
vserverCheckAttrs(xmlNodePtr node, const char *const *allowed)
{
    xmlAttrPtr attr;

    for (attr = node->properties; attr; attr = attr->next) {
        const char *name = (const char *)attr->name;

        if (attr->ns || !g_strv_contains(allowed, name)) {
            vserverNodeError(node, _("unknown attribute '%s'"), name);
            return -1;
        }
    }
    return 0;
}

/* A limit value: a count, or "unlimited".  0 when absent, 1 when read. */
static int
vserverParseLimitValue(xmlNodePtr node, const char *attr, unsigned long long *value)
{
    g_autofree char *str = virXMLProp(node, attr);

    if (!str)
        return 0;
    if (STREQ(str, "unlimited")) {
        *value = VSERVER_UNLIMITED;
        return 1;
    }
    if (virStrToULL(str, value) < 0 || *value >= VSERVER_UNLIMITED - 1) {
        vserverNodeError(node, _("%s must be a number or 'unlimited', not '%s'"), attr, str);
        return -1;
    }
    return 1;
}

static int
vserverParseRlimit(xmlNodePtr node, vserverDomainNs *ns)
{
    static const char *const attrs[] = { "name", "min", "soft", "hard", NULL };
    static const char *const values[] = { "min", "soft", "hard" };
    g_autofree char *name = virXMLProp(node, "name");
    vserverDefRlimit *lim;
    unsigned long long *fields[3];
    int which, rc;
    size_t i;

    if (vserverCheckAttrs(node, attrs) < 0)
        return -1;
    if (!name || (which = vserverRlimitTypeFromString(name)) < 0) {
        vserverNodeError(node, _("unknown limit '%s' (known: nproc, nofile, rss, as, anon, shmem, nsock, openfd)"),
                         NULLSTR(name));
        return -1;
    }
    lim = &ns->rlimits[which];
    if (lim->has) {
        vserverNodeError(node, _("the limit '%s' is given twice"), name);
        return -1;
    }
    fields[0] = &lim->minimum;
    fields[1] = &lim->soft;
    fields[2] = &lim->hard;
    for (i = 0; i < G_N_ELEMENTS(values); i++) {
        if ((rc = vserverParseLimitValue(node, values[i], fields[i])) < 0)
            return -1;
        if (rc)
            lim->has |= 1U << i;
    }
    if (!lim->has) {
        vserverNodeError(node, _("the limit '%s' gives no min, soft or hard value"), name);
        return -1;
    }
    if ((lim->has & VSERVER_RLIM_HAS_SOFT) && (lim->has & VSERVER_RLIM_HAS_HARD) &&
        lim->soft > lim->hard) {
        vserverNodeError(node, _("the soft limit of '%s' is above its hard limit"), name);
        return -1;
    }
    ns->hasRssHard |= which == VSERVER_LIMIT_RSS && (lim->has & VSERVER_RLIM_HAS_HARD);
    return 0;
}

/* The scheduler fields of @node into @bucket. */
static int
vserverParseBucket(xmlNodePtr node, vserverDefBucket *bucket)
{
    size_t i;

    for (i = 0; i < vserverSchedFieldCount; i++) {
        const vserverSchedField *f = &vserverSchedFields[i];
        g_autofree char *str = virXMLProp(node, f->attr);
        long long value;

        if (!str)
            continue;
        if (virStrToLL(str, &value) < 0) {
            vserverNodeError(node, _("%s must be an integer, not '%s'"), f->attr, str);
            return -1;
        }
        if (vserverBucketCheck(f, value, "<vserver:sched>") < 0) {
            g_autofree char *msg = g_strdup(virGetLastErrorMessage());

            vserverNodeError(node, "%s", msg);
            return -1;
        }
        *vserverBucketField(bucket, f->mask) = value;
        bucket->has |= f->mask;
    }
    return 0;
}

static const char *const vserverBucketAttrs[] = {
    "fill-rate", "interval", "fill-rate2", "interval2", "tokens", "tokens-min", "tokens-max",
    "priority-bias", NULL
};

static int
vserverParseCpuBucket(xmlNodePtr node, vserverDomainNs *ns)
{
    static const char *const attrs[] = {
        "id", "fill-rate", "interval", "fill-rate2", "interval2", "tokens", "tokens-min",
        "tokens-max", "priority-bias", NULL
    };
    vserverDefBucket bucket = { .cpu = -1 };
    unsigned int cpu = 0;
    int rc;
    size_t i;

    if (vserverCheckAttrs(node, attrs) < 0 ||
        (rc = virXMLPropUInt(VIR_FROM_THIS, node, "id", &cpu)) < 0)
        return -1;
    if (rc == 0 || cpu > G_MAXINT16) {
        vserverNodeError(node, "%s", _("a per-CPU bucket needs the CPU's number: id=''"));
        return -1;
    }
    for (i = 0; i < ns->ncpus; i++) {
        if (ns->cpus[i].cpu == (int)cpu) {
            vserverNodeError(node, _("CPU %u has two buckets"), cpu);
            return -1;
        }
    }
    bucket.cpu = cpu;
    if (vserverParseBucket(node, &bucket) < 0)
        return -1;
    ns->cpus = g_renew(vserverDefBucket, ns->cpus, ns->ncpus + 1);
    ns->cpus[ns->ncpus++] = bucket;
    return 0;
}

static int
vserverParseSched(xmlNodePtr node, vserverDomainNs *ns)
{
    xmlNodePtr cur;

    ns->sched.cpu = -1;
    if (vserverCheckAttrs(node, vserverBucketAttrs) < 0 ||
        vserverParseBucket(node, &ns->sched) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (!vserverIsNsElement(cur) || STRNEQ((const char *)cur->name, "cpu")) {
            vserverNodeError(cur, "%s", _("<vserver:sched> holds only <vserver:cpu> buckets"));
            return -1;
        }
        if (vserverParseCpuBucket(cur, ns) < 0)
            return -1;
    }
    return 0;
}

static int
vserverParseUts(xmlNodePtr node, vserverDomainNs *ns)
{
    static const char *const attrs[] = { "hostname", "domainname", "machine", "release", NULL };
    int i;

    if (vserverCheckAttrs(node, attrs) < 0)
        return -1;
    for (i = 0; i < VSERVER_UTS_LAST; i++) {
        char *value = virXMLProp(node, vserverUtsName(i));

        if (value && strlen(value) >= VS_VHI_NAME_LEN) {
            vserverNodeError(node, _("%s '%s' is longer than the kernel's %d bytes"),
                             vserverUtsName(i), value, VS_VHI_NAME_LEN - 1);
            g_free(value);
            return -1;
        }
        ns->uts[i] = value;
    }
    return 0;
}

static int
vserverParseDisk(xmlNodePtr node, vserverDomainNs *ns)
{
    static const char *const attrs[] = { "space", "inodes", NULL };

    ns->diskSpaceKiB = ns->diskInodes = VSERVER_UNLIMITED;
    if (vserverCheckAttrs(node, attrs) < 0 ||
        vserverParseLimitValue(node, "space", &ns->diskSpaceKiB) < 0 ||
        vserverParseLimitValue(node, "inodes", &ns->diskInodes) < 0)
        return -1;
    ns->hasDisk = true;
    return 0;
}

static int
vserverParseBits(xmlNodePtr node, vserverBitsKind kind, vserverDefBits *bits)
{
    static const char *const none[] = { NULL };
    g_autofree char *text = virXMLContent(node);

    if (vserverCheckAttrs(node, none) < 0)
        return -1;
    if (vserverBitsParse(kind, text ? text : "", bits) < 0) {
        g_autofree char *msg = g_strdup(virGetLastErrorMessage());

        vserverNodeError(node, "%s", msg);
        return -1;
    }
    return 0;
}

/* One child of <vserver:context>; @seen: the elements read so far. */
static int
vserverParseContextChild(xmlNodePtr cur, vserverDomainNs *ns, GHashTable *seen)
{
    const char *name = (const char *)cur->name;

    if (STREQ(name, "rlimit"))
        return vserverParseRlimit(cur, ns);
    if (!g_hash_table_add(seen, (gpointer)name)) {
        vserverNodeError(cur, _("<vserver:%s> is given twice"), name);
        return -1;
    }
    if (STREQ(name, "sched"))
        return vserverParseSched(cur, ns);
    if (STREQ(name, "flags"))
        return vserverParseBits(cur, VSERVER_BITS_FLAGS, &ns->flags);
    if (STREQ(name, "ccaps"))
        return vserverParseBits(cur, VSERVER_BITS_CCAPS, &ns->ccaps);
    if (STREQ(name, "bcaps"))
        return vserverParseBits(cur, VSERVER_BITS_BCAPS, &ns->bcaps);
    if (STREQ(name, "uts"))
        return vserverParseUts(cur, ns);
    if (STREQ(name, "disklimit"))
        return vserverParseDisk(cur, ns);
    vserverNodeError(cur, "%s",
                     _("unknown element in <vserver:context> (known: rlimit, sched, flags, ccaps, bcaps, uts, disklimit)"));
    return -1;
}

static int
vserverParseContext(xmlNodePtr node, vserverDomainNs *ns)
{
    static const char *const none[] = { NULL };
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    xmlNodePtr cur;

    if (vserverCheckAttrs(node, none) < 0)
        return -1;
    for (cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (!vserverIsNsElement(cur)) {
            vserverNodeError(cur, "%s", _("<vserver:context> holds only elements of its namespace"));
            return -1;
        }
        if (vserverParseContextChild(cur, ns, seen) < 0)
            return -1;
    }
    return 0;
}

static void vserverNsFree(void *data);

static int
vserverNsParse(xmlNodePtr root, void **data)
{
    vserverDomainNs *ns = g_new0(vserverDomainNs, 1);
    xmlNodePtr cur, context = NULL;

    ns->sched.cpu = -1;
    for (cur = root->children; cur; cur = cur->next) {
        if (!vserverIsNsElement(cur))
            continue;
        if (STRNEQ((const char *)cur->name, "context") || context) {
            vserverNodeError(cur, "%s",
                             context ? _("<vserver:context> is given twice") :
                                       _("unknown element in the VServer namespace (only <vserver:context> is known)"));
            goto error;
        }
        context = cur;
    }
    if (context && vserverParseContext(context, ns) < 0)
        goto error;
    ns->hasCurMemory = virXMLChild(root, "currentMemory") != NULL;
    *data = ns;
    return 0;

 error:
    vserverNsFree(ns);
    return -1;
}

/* ---- writing ------------------------------------------------------- */

static void
vserverFormatLimitValue(GString *buf, const char *attr, unsigned long long value)
{
    if (value == VSERVER_UNLIMITED)
        virXMLAddAttr(buf, attr, "unlimited");
    else
        virXMLAddAttrULL(buf, attr, value);
}

static void
vserverFormatRlimits(GString *buf, int indent, const vserverDomainNs *ns)
{
    int i;

    for (i = 0; i < VSERVER_LIMIT_LAST; i++) {
        const vserverDefRlimit *lim = &ns->rlimits[i];

        if (!lim->has)
            continue;
        virXMLIndent(buf, indent);
        g_string_append(buf, "<" VSERVER_NS_PREFIX ":rlimit");
        virXMLAddAttr(buf, "name", vserverRlimitTypeToString(i));
        if (lim->has & VSERVER_RLIM_HAS_MIN)
            vserverFormatLimitValue(buf, "min", lim->minimum);
        if (lim->has & VSERVER_RLIM_HAS_SOFT)
            vserverFormatLimitValue(buf, "soft", lim->soft);
        if (lim->has & VSERVER_RLIM_HAS_HARD)
            vserverFormatLimitValue(buf, "hard", lim->hard);
        g_string_append(buf, "/>\n");
    }
}

static void
vserverFormatBucket(GString *buf, const vserverDefBucket *bucket)
{
    size_t i;

    for (i = 0; i < vserverSchedFieldCount; i++) {
        const vserverSchedField *f = &vserverSchedFields[i];

        if (bucket->has & f->mask)
            g_string_append_printf(buf, " %s='%d'", f->attr,
                                   *vserverBucketField((vserverDefBucket *)bucket, f->mask));
    }
}

static void
vserverFormatSched(GString *buf, int indent, const vserverDomainNs *ns)
{
    size_t i;

    if (!ns->sched.has && !ns->ncpus)
        return;
    virXMLIndent(buf, indent);
    g_string_append(buf, "<" VSERVER_NS_PREFIX ":sched");
    vserverFormatBucket(buf, &ns->sched);
    if (!ns->ncpus) {
        g_string_append(buf, "/>\n");
        return;
    }
    g_string_append(buf, ">\n");
    for (i = 0; i < ns->ncpus; i++) {
        virXMLIndent(buf, indent + 2);
        g_string_append_printf(buf, "<" VSERVER_NS_PREFIX ":cpu id='%d'", ns->cpus[i].cpu);
        vserverFormatBucket(buf, &ns->cpus[i]);
        g_string_append(buf, "/>\n");
    }
    virXMLIndent(buf, indent);
    g_string_append(buf, "</" VSERVER_NS_PREFIX ":sched>\n");
}

static void
vserverFormatBits(GString *buf, int indent, vserverBitsKind kind, const vserverDefBits *bits)
{
    g_autoptr(GString) names = g_string_new(NULL);
    g_autofree char *element = g_strdup_printf(VSERVER_NS_PREFIX ":%s", vserverBitsElement(kind));

    if (!bits->set && !bits->clear)
        return;
    vserverBitsFormat(kind, bits, names);
    virXMLAddElement(buf, indent, element, names->str);
}

static void
vserverFormatRest(GString *buf, int indent, const vserverDomainNs *ns)
{
    bool uts = false;
    int i;

    for (i = 0; i < VSERVER_UTS_LAST; i++)
        uts |= ns->uts[i] != NULL;
    if (uts) {
        virXMLIndent(buf, indent);
        g_string_append(buf, "<" VSERVER_NS_PREFIX ":uts");
        for (i = 0; i < VSERVER_UTS_LAST; i++) {
            if (ns->uts[i])
                virXMLAddAttr(buf, vserverUtsName(i), ns->uts[i]);
        }
        g_string_append(buf, "/>\n");
    }
    if (ns->hasDisk) {
        virXMLIndent(buf, indent);
        g_string_append(buf, "<" VSERVER_NS_PREFIX ":disklimit");
        vserverFormatLimitValue(buf, "space", ns->diskSpaceKiB);
        vserverFormatLimitValue(buf, "inodes", ns->diskInodes);
        g_string_append(buf, "/>\n");
    }
}

/* Always written: every VServer domain has its RSS limit. */
static void
vserverNsFormat(GString *buf, int indent, const void *data)
{
    int in = indent + 2;

    virXMLIndent(buf, indent);
    g_string_append(buf, "<" VSERVER_NS_PREFIX ":context>\n");
    vserverFormatRlimits(buf, in, data);
    vserverFormatSched(buf, in, data);
    vserverFormatBits(buf, in, VSERVER_BITS_FLAGS, &((const vserverDomainNs *)data)->flags);
    vserverFormatBits(buf, in, VSERVER_BITS_CCAPS, &((const vserverDomainNs *)data)->ccaps);
    vserverFormatBits(buf, in, VSERVER_BITS_BCAPS, &((const vserverDomainNs *)data)->bcaps);
    vserverFormatRest(buf, in, data);
    virXMLIndent(buf, indent);
    g_string_append(buf, "</" VSERVER_NS_PREFIX ":context>\n");
}

static void *
vserverNsCopy(const void *data)
{
    const vserverDomainNs *src = data;
    vserverDomainNs *ns = g_memdup2(src, sizeof(*src));
    int i;

    ns->cpus = g_memdup2(src->cpus, sizeof(*src->cpus) * src->ncpus);
    for (i = 0; i < VSERVER_UTS_LAST; i++)
        ns->uts[i] = g_strdup(src->uts[i]);
    return ns;
}

static void
vserverNsFree(void *data)
{
    vserverDomainNs *ns = data;
    int i;

    if (!ns)
        return;
    for (i = 0; i < VSERVER_UTS_LAST; i++)
        g_free(ns->uts[i]);
    g_free(ns->cpus);
    g_free(ns);
}

const virXMLNamespace vserverXMLNamespace = {
    .prefix = VSERVER_NS_PREFIX,
    .uri = VSERVER_NS_URI,
    .parse = vserverNsParse,
    .format = vserverNsFormat,
    .copy = vserverNsCopy,
    .free = vserverNsFree,
};
