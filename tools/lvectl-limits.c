/*
 * lvectl-limits.c: the limits of virtkit-lvectl, read, set and printed
 * through the public API
 *
 *   limit   domain (current, or config)          default (node memory)
 *   speed   schedinfo "speed" (uint %)            lve_default_speed
 *   pmem    memtune hard_limit (KiB)              lve_default_pmem
 *   vmem    memtune swap_hard_limit (KiB)         lve_default_vmem
 *   ep      <lve:limits ep=''> in the XML         lve_default_ep
 *   nproc   <lve:limits nproc=''> in the XML      lve_default_nproc
 *   io      blkiotune "io" (uint KB/s)            lve_default_io
 *   iops    blkiotune "iops" (uint)               lve_default_iops
 *
 * The tunables read the limits in force (the domain's own or the
 * default); nproc and ep are counts the XML writes as plain numbers, and
 * an LVE that does not write them follows the default.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "lvectl-limits.h"

#define LVECTL_NS_URI "urn:virtkit:lve:1"
#define LVECTL_NS_PREFIX "lve"

typedef enum {
    LVECTL_UNIT_PERCENT,
    LVECTL_UNIT_SIZE,
    LVECTL_UNIT_COUNT,
} lvectlUnit;

/* Where a limit of a domain is read and set. */
typedef enum {
    LVECTL_FAMILY_SCHED,
    LVECTL_FAMILY_MEMORY,
    LVECTL_FAMILY_BLKIO,
    LVECTL_FAMILY_XML,
    LVECTL_FAMILY_LAST
} lvectlFamily;

static const struct {
    const char *name;       /* the option, the XML attribute */
    const char *header;     /* the column */
    lvectlUnit unit;
    lvectlFamily family;
    const char *field;      /* the typed parameter of its family */
} lvectlLimits[LVECTL_LAST] = {
    [LVECTL_SPEED] = { "speed", "SPEED", LVECTL_UNIT_PERCENT, LVECTL_FAMILY_SCHED, "speed" },
    [LVECTL_PMEM] = { "pmem", "PMEM", LVECTL_UNIT_SIZE, LVECTL_FAMILY_MEMORY,
                      VIR_DOMAIN_MEMORY_HARD_LIMIT },
    [LVECTL_VMEM] = { "vmem", "VMEM", LVECTL_UNIT_SIZE, LVECTL_FAMILY_MEMORY,
                      VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT },
    [LVECTL_EP] = { "ep", "EP", LVECTL_UNIT_COUNT, LVECTL_FAMILY_XML, NULL },
    [LVECTL_NPROC] = { "nproc", "NPROC", LVECTL_UNIT_COUNT, LVECTL_FAMILY_XML, NULL },
    [LVECTL_IO] = { "io", "IO", LVECTL_UNIT_COUNT, LVECTL_FAMILY_BLKIO, "io" },
    [LVECTL_IOPS] = { "iops", "IOPS", LVECTL_UNIT_COUNT, LVECTL_FAMILY_BLKIO, "iops" },
};

typedef int (*lvectlGetParams)(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                               unsigned int flags);
typedef int (*lvectlSetParams)(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                               unsigned int flags);

static const struct {
    lvectlGetParams get;
    lvectlSetParams set;
} lvectlFamilies[LVECTL_FAMILY_XML] = {
    [LVECTL_FAMILY_SCHED] = { virDomainGetSchedulerParametersFlags,
                              virDomainSetSchedulerParametersFlags },
    [LVECTL_FAMILY_MEMORY] = { virDomainGetMemoryParameters, virDomainSetMemoryParameters },
    [LVECTL_FAMILY_BLKIO] = { virDomainGetBlkioParameters, virDomainSetBlkioParameters },
};

#define LVECTL_BIT(which) (1U << (which))

/* ---- parsing ------------------------------------------------------- */

static int
lvectlParseULL(const char *str, unsigned long long *value, const char **end)
{
    char *e = NULL;

    if (!g_ascii_isdigit(*str))
        return -1;
    errno = 0;
    *value = g_ascii_strtoull(str, &e, 10);
    if (errno)
        return -1;
    *end = e;
    return 0;
}

int
lvectlParseId(const char *str, unsigned int *id)
{
    unsigned long long n;
    const char *end;

    if (lvectlParseULL(str, &n, &end) < 0 || *end || n > G_MAXUINT32)
        return -1;
    *id = n;
    return 0;
}

/* A size with lvectl's suffixes, in KiB: a plain number is KiB. */
static int
lvectlParseSize(const char *str, unsigned long long *kib)
{
    static const char units[] = "KMGT";
    unsigned long long n;
    const char *end, *u;
    int shift;

    if (lvectlParseULL(str, &n, &end) < 0)
        return -1;
    if (!*end) {
        *kib = n;
        return 0;
    }
    if (!(u = strchr(units, g_ascii_toupper(*end))) || (end[1] && g_ascii_strcasecmp(end + 1, "B")))
        return -1;
    shift = 10 * (u - units);
    if (n > (G_MAXUINT64 >> shift))
        return -1;
    *kib = n << shift;
    return 0;
}

/* N, N% (of one core), or Nmhz / Nghz, converted once the host's clock
 * is known. */
static int
lvectlParseSpeed(const char *str, lvectlValues *v)
{
    unsigned long long n;
    const char *end;

    if (lvectlParseULL(str, &n, &end) < 0)
        return -1;
    v->speedMHz = false;
    if (g_ascii_strcasecmp(end, "mhz") == 0 || g_ascii_strcasecmp(end, "ghz") == 0) {
        v->speedMHz = true;
        n *= g_ascii_tolower(*end) == 'g' ? 1000 : 1;
    } else if (*end && strcmp(end, "%") != 0) {
        return -1;
    }
    v->value[LVECTL_SPEED] = n;
    return 0;
}

int
lvectlParseOption(lvectlLimit which, const char *str, lvectlValues *v)
{
    int rc;

    switch (lvectlLimits[which].unit) {
    case LVECTL_UNIT_PERCENT:
        rc = lvectlParseSpeed(str, v);
        break;
    case LVECTL_UNIT_SIZE:
        rc = lvectlParseSize(str, &v->value[which]);
        break;
    case LVECTL_UNIT_COUNT:
    default:
        {
            const char *end;

            rc = lvectlParseULL(str, &v->value[which], &end) < 0 || *end ? -1 : 0;
        }
        break;
    }
    if (rc < 0) {
        fprintf(stderr, "error: invalid --%s '%s': expected %s\n", lvectlLimits[which].name, str,
                lvectlLimits[which].unit == LVECTL_UNIT_PERCENT ?
                "a percentage of one core such as 150%, or MHz/GHz" :
                lvectlLimits[which].unit == LVECTL_UNIT_SIZE ?
                "a size such as 512M or 1G (a plain number is KiB)" :
                "a non-negative integer");
        return -1;
    }
    v->set |= LVECTL_BIT(which);
    return 0;
}

/* Speed given in MHz, as a share of one core of this host, rounded up. */
static int
lvectlResolveSpeed(virConnectPtr conn, lvectlValues *v)
{
    virNodeInfo info;

    if (!(v->set & LVECTL_BIT(LVECTL_SPEED)) || !v->speedMHz)
        return 0;
    if (virNodeGetInfo(conn, &info) < 0)
        return -1;
    if (info.mhz == 0) {
        fprintf(stderr, "error: this host does not report its CPU clock: give --speed in %%\n");
        return -1;
    }
    v->value[LVECTL_SPEED] = (v->value[LVECTL_SPEED] * 100 + info.mhz - 1) / info.mhz;
    v->speedMHz = false;
    return 0;
}

/* ---- typed parameters ---------------------------------------------- */

/* The value of @field in @params, whatever its integer type. */
static bool
lvectlParamValue(virTypedParameterPtr params, int n, const char *field,
                 unsigned long long *value)
{
    virTypedParameterPtr p = virTypedParamsGet(params, n, field);

    if (!p)
        return false;
    if (p->type == VIR_TYPED_PARAM_UINT)
        *value = p->value.ui;
    else if (p->type == VIR_TYPED_PARAM_ULLONG)
        *value = p->value.ul;
    else
        return false;
    /* memtune says "unlimited" with its own number; lvectl with 0 */
    if (*value >= VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
        *value = 0;
    return true;
}

/* Adds limit @which with the type its family takes. */
static int
lvectlAddParam(virTypedParameterPtr *params, int *n, int *max, const char *field,
               lvectlLimit which, unsigned long long value)
{
    if (lvectlLimits[which].unit == LVECTL_UNIT_SIZE)
        return virTypedParamsAddULLong(params, n, max, field, value);
    if (value > G_MAXUINT32) {
        fprintf(stderr, "error: --%s %llu is too large\n", lvectlLimits[which].name, value);
        return -1;
    }
    return virTypedParamsAddUInt(params, n, max, field, value);
}

int
lvectlGetDefaults(virConnectPtr conn, lvectlValues *defaults)
{
    virTypedParameterPtr params = NULL;
    int n = 0, i;

    memset(defaults, 0, sizeof(*defaults));
    if (virNodeGetMemoryParameters(conn, NULL, &n, 0) < 0)
        return -1;
    params = g_new0(virTypedParameter, MAX(n, 1));
    if (virNodeGetMemoryParameters(conn, params, &n, 0) < 0) {
        g_free(params);
        return -1;
    }
    for (i = 0; i < LVECTL_LAST; i++) {
        g_autofree char *field = g_strdup_printf("lve_default_%s", lvectlLimits[i].name);

        lvectlParamValue(params, n, field, &defaults->value[i]);
    }
    virTypedParamsFree(params, n);
    return 0;
}

int
lvectlSetDefaults(virConnectPtr conn, const lvectlValues *v)
{
    lvectlValues values = *v;
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, i, rc = -1;

    if (lvectlResolveSpeed(conn, &values) < 0)
        return -1;
    for (i = 0; i < LVECTL_LAST; i++) {
        g_autofree char *field = NULL;

        if (!(values.set & LVECTL_BIT(i)))
            continue;
        field = g_strdup_printf("lve_default_%s", lvectlLimits[i].name);
        if (lvectlAddParam(&params, &n, &max, field, i, values.value[i]) < 0)
            goto cleanup;
    }
    rc = virNodeSetMemoryParameters(conn, params, n, 0);
 cleanup:
    virTypedParamsFree(params, n);
    return rc;
}

/* ---- a domain's limits --------------------------------------------- */

/* The <lve:limits> element of @doc's domain; created when @create. */
static xmlNodePtr
lvectlLimitsElement(xmlDocPtr doc, bool create)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), cur;
    xmlNsPtr ns;

    for (cur = root->children; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && cur->ns && cur->ns->href &&
            strcmp((const char *)cur->ns->href, LVECTL_NS_URI) == 0 &&
            strcmp((const char *)cur->name, "limits") == 0)
            return cur;
    }
    if (!create)
        return NULL;
    if (!(ns = xmlSearchNsByHref(doc, root, BAD_CAST LVECTL_NS_URI)))
        ns = xmlNewNs(root, BAD_CAST LVECTL_NS_URI, BAD_CAST LVECTL_NS_PREFIX);
    return xmlNewChild(root, ns, BAD_CAST "limits", NULL);
}

static xmlDocPtr
lvectlReadXML(virDomainPtr dom, unsigned int flags)
{
    g_autofree char *xml = virDomainGetXMLDesc(dom, flags);

    if (!xml)
        return NULL;
    return xmlReadMemory(xml, strlen(xml), NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOBLANKS);
}

/* nproc and ep as the XML writes them; those it does not, unchanged. */
static int
lvectlGetXMLLimits(virDomainPtr dom, lvectlValues *out)
{
    xmlDocPtr doc = lvectlReadXML(dom, 0);
    xmlNodePtr limits;
    int i;

    if (!doc)
        return -1;
    limits = lvectlLimitsElement(doc, false);
    for (i = 0; limits && i < LVECTL_LAST; i++) {
        g_autofree char *prop = NULL;
        const char *end;

        if (lvectlLimits[i].family != LVECTL_FAMILY_XML ||
            !(prop = (char *)xmlGetProp(limits, BAD_CAST lvectlLimits[i].name)))
            continue;
        if (lvectlParseULL(prop, &out->value[i], &end) < 0 || *end)
            out->value[i] = 0;
    }
    xmlFreeDoc(doc);
    return 0;
}

/* Room for every parameter of a family: schedinfo takes no NULL array
 * to count them, and the LVE driver has at most three in each. */
#define LVECTL_FAMILY_MAX_PARAMS 16

static int
lvectlGetFamily(virDomainPtr dom, lvectlFamily family, unsigned int flags, lvectlValues *out)
{
    virTypedParameter params[LVECTL_FAMILY_MAX_PARAMS];
    int n = G_N_ELEMENTS(params), i;

    memset(params, 0, sizeof(params));
    if (lvectlFamilies[family].get(dom, params, &n, flags) < 0)
        return -1;
    for (i = 0; i < LVECTL_LAST; i++) {
        if (lvectlLimits[i].family == family)
            lvectlParamValue(params, n, lvectlLimits[i].field, &out->value[i]);
    }
    virTypedParamsClear(params, n);
    return 0;
}

int
lvectlGetLimits(virDomainPtr dom, const lvectlValues *defaults, lvectlValues *out)
{
    lvectlFamily f;

    *out = *defaults;
    out->set = 0;
    for (f = 0; f < LVECTL_FAMILY_XML; f++) {
        if (lvectlGetFamily(dom, f, 0, out) < 0)
            return -1;
    }
    return lvectlGetXMLLimits(dom, out);
}

/* nproc and ep into the configuration: the XML is defined again. */
static int
lvectlSetXMLLimits(virDomainPtr dom, const lvectlValues *v)
{
    virConnectPtr conn = virDomainGetConnect(dom);
    xmlDocPtr doc;
    xmlNodePtr limits;
    xmlChar *xml = NULL;
    virDomainPtr defined;
    int size, i;

    if (!(doc = lvectlReadXML(dom, VIR_DOMAIN_XML_INACTIVE)))
        return -1;
    limits = lvectlLimitsElement(doc, true);
    for (i = 0; i < LVECTL_LAST; i++) {
        char value[24];

        if (lvectlLimits[i].family != LVECTL_FAMILY_XML || !(v->set & LVECTL_BIT(i)))
            continue;
        g_snprintf(value, sizeof(value), "%llu", v->value[i]);
        xmlSetProp(limits, BAD_CAST lvectlLimits[i].name, BAD_CAST value);
    }
    xmlDocDumpMemory(doc, &xml, &size);
    xmlFreeDoc(doc);
    defined = virDomainDefineXML(conn, (const char *)xml);
    xmlFree(xml);
    if (!defined)
        return -1;
    virDomainFree(defined);
    return 0;
}

/* The limits of @v in @family, with @flags. */
static int
lvectlSetFamily(virDomainPtr dom, lvectlFamily family, const lvectlValues *v,
                unsigned int flags)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, i, rc = -1;

    for (i = 0; i < LVECTL_LAST; i++) {
        if (lvectlLimits[i].family != family || !(v->set & LVECTL_BIT(i)))
            continue;
        if (lvectlAddParam(&params, &n, &max, lvectlLimits[i].field, i, v->value[i]) < 0)
            goto cleanup;
    }
    rc = n == 0 ? 0 : lvectlFamilies[family].set(dom, params, n, flags);
 cleanup:
    virTypedParamsFree(params, n);
    return rc;
}

/* The configuration, and the running LVE if it runs. */
static int
lvectlImpact(virDomainPtr dom, unsigned int *flags)
{
    int active = virDomainIsActive(dom), persistent = virDomainIsPersistent(dom);

    if (active < 0 || persistent < 0)
        return -1;
    *flags = (active ? VIR_DOMAIN_AFFECT_LIVE : 0) | (persistent ? VIR_DOMAIN_AFFECT_CONFIG : 0);
    return 0;
}

int
lvectlSetLimits(virDomainPtr dom, const lvectlValues *v)
{
    lvectlValues values = *v;
    unsigned int flags;
    lvectlFamily f;

    if (lvectlResolveSpeed(virDomainGetConnect(dom), &values) < 0 ||
        lvectlImpact(dom, &flags) < 0)
        return -1;
    if ((values.set & (LVECTL_BIT(LVECTL_EP) | LVECTL_BIT(LVECTL_NPROC))) &&
        lvectlSetXMLLimits(dom, &values) < 0)
        return -1;
    for (f = 0; f < LVECTL_FAMILY_XML; f++) {
        if (lvectlSetFamily(dom, f, &values, flags) < 0)
            return -1;
    }
    return 0;
}

int
lvectlApplyConfig(virDomainPtr dom)
{
    lvectlValues config = { .set = 0 };
    lvectlFamily f;
    int i;

    for (i = 0; i < LVECTL_LAST; i++) {
        if (lvectlLimits[i].family != LVECTL_FAMILY_XML)
            config.set |= LVECTL_BIT(i);
    }
    for (f = 0; f < LVECTL_FAMILY_XML; f++) {
        if (lvectlGetFamily(dom, f, VIR_DOMAIN_AFFECT_CONFIG, &config) < 0 ||
            lvectlSetFamily(dom, f, &config, VIR_DOMAIN_AFFECT_LIVE) < 0)
            return -1;
    }
    return 0;
}

/* ---- output -------------------------------------------------------- */

/* lvectl's sizes: 0K, 1024M, 1536K (megabytes when they are whole). */
static void
lvectlFormatValue(char *buf, size_t len, lvectlLimit which, unsigned long long value)
{
    if (lvectlLimits[which].unit != LVECTL_UNIT_SIZE)
        g_snprintf(buf, len, "%llu", value);
    else if (value && value % 1024 == 0)
        g_snprintf(buf, len, "%lluM", value / 1024);
    else
        g_snprintf(buf, len, "%lluK", value);
}

lvectlRow *
lvectlRowNew(const char *id, const lvectlValues *v)
{
    lvectlRow *row = g_new0(lvectlRow, 1);
    int i;

    g_strlcpy(row->id, id, sizeof(row->id));
    for (i = 0; i < LVECTL_LAST; i++)
        lvectlFormatValue(row->value[i], sizeof(row->value[i]), i, v->value[i]);
    return row;
}

lvectlRow *
lvectlRowNewId(unsigned int id, const lvectlValues *v)
{
    char buf[16];

    g_snprintf(buf, sizeof(buf), "%u", id);
    return lvectlRowNew(buf, v);
}

/* Columns of eight, right-aligned, as lvectl prints them. */
void
lvectlFormatTable(GString *out, GPtrArray *rows)
{
    guint r;
    int i;

    g_string_append_printf(out, "%8s", "ID");
    for (i = 0; i < LVECTL_LAST; i++)
        g_string_append_printf(out, "%8s", lvectlLimits[i].header);
    g_string_append_c(out, '\n');
    for (r = 0; r < rows->len; r++) {
        const lvectlRow *row = g_ptr_array_index(rows, r);

        g_string_append_printf(out, "%8s", row->id);
        for (i = 0; i < LVECTL_LAST; i++)
            g_string_append_printf(out, "%8s", row->value[i]);
        g_string_append_c(out, '\n');
    }
}

/* {"data": [{"ID": "default", "SPEED": "100", ...}]}: the values are
 * strings, as lvectl gives them; none needs escaping. */
void
lvectlFormatJSON(GString *out, GPtrArray *rows)
{
    guint r;
    int i;

    g_string_append(out, "{\"data\": [");
    for (r = 0; r < rows->len; r++) {
        const lvectlRow *row = g_ptr_array_index(rows, r);

        g_string_append_printf(out, "%s{\"ID\": \"%s\"", r ? ", " : "", row->id);
        for (i = 0; i < LVECTL_LAST; i++)
            g_string_append_printf(out, ", \"%s\": \"%s\"", lvectlLimits[i].header,
                                   row->value[i]);
        g_string_append_c(out, '}');
    }
    g_string_append(out, "]}\n");
}
