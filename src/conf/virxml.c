/*
 * virxml.c: reading untrusted XML safely, and writing XML
 */
#include "internal.h"

#include <limits.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "virerror.h"
#include "virstring.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_XML

/* What the parser callbacks learn while a document is read. */
typedef struct {
    bool dtdRefused;
    int line;
    char *message;          /* the first error libxml2 raised */
} virXMLParseState;

/* A <!DOCTYPE> could declare entities (XXE, expansion bombs): stop at once. */
static void
virXMLRefuseDTD(void *ctx, const xmlChar *name G_GNUC_UNUSED,
                const xmlChar *ExternalID G_GNUC_UNUSED,
                const xmlChar *SystemID G_GNUC_UNUSED)
{
    xmlParserCtxtPtr ctxt = ctx;
    virXMLParseState *state = ctxt->_private;

    state->dtdRefused = true;
    state->line = xmlSAX2GetLineNumber(ctxt);
    xmlStopParser(ctxt);
}

static void
virXMLCatchError(void *userData, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = userData;
    virXMLParseState *state = ctxt->_private;

    if (state->message || !err || err->level < XML_ERR_ERROR)
        return;
    state->line = err->line;
    /* one line: some libxml2 messages carry a second line of bytes */
    state->message = g_strdelimit(g_strstrip(g_strdup(err->message ? err->message
                                                                    : "malformed document")),
                                  "\n", ' ');
}

static void
virXMLReportParseFailure(const char *what, virXMLParseState *state)
{
    if (state->dtdRefused)
        virReportError(VIR_ERR_XML_ERROR,
                       _("%s XML, line %d: a <!DOCTYPE> is not allowed (no DTDs or entities)"),
                       what, state->line);
    else if (state->message)
        virReportError(VIR_ERR_XML_DETAIL, _("%s XML, line %d: %s"), what,
                       state->line, state->message);
    else
        virReportError(VIR_ERR_XML_ERROR, _("%s XML is not well-formed"), what);
}

xmlDocPtr
virXMLParse(const char *xml, const char *what, const char *rootName, xmlNodePtr *root)
{
    virXMLParseState state = { 0 };
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc = NULL;
    size_t len = strlen(xml);

    if (len > VIR_XML_MAX_SIZE) {
        virReportError(VIR_ERR_XML_ERROR, _("%s XML is %zu bytes, more than the limit of %d"),
                       what, len, VIR_XML_MAX_SIZE);
        return NULL;
    }
    if (!(ctxt = xmlNewParserCtxt())) {
        virReportError(VIR_ERR_NO_MEMORY, "%s", _("cannot create an XML parser"));
        return NULL;
    }
    ctxt->_private = &state;
    ctxt->sax->internalSubset = virXMLRefuseDTD;
    ctxt->sax->serror = virXMLCatchError;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    /* no NOENT, DTDLOAD, DTDATTR or XINCLUDE: nothing is fetched or expanded */
    doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (!doc || !ctxt->wellFormed || state.dtdRefused || state.message) {
        virXMLReportParseFailure(what, &state);
        g_clear_pointer(&doc, xmlFreeDoc);
    }
    xmlFreeParserCtxt(ctxt);
    g_free(state.message);
    if (!doc)
        return NULL;

    *root = xmlDocGetRootElement(doc);
    if (!*root || (rootName && !virXMLIsElement(*root, rootName))) {
        if (*root && (*root)->ns)
            virReportError(VIR_ERR_XML_ERROR,
                           _("%s XML: expected root element <%s>, found <%s> in namespace '%s'"),
                           what, rootName, (const char *)(*root)->name,
                           (const char *)(*root)->ns->href);
        else
            virReportError(VIR_ERR_XML_ERROR, _("%s XML: expected root element <%s>, found <%s>"),
                           what, rootName, *root ? (const char *)(*root)->name : "");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

void
virXMLReportNode(int domain, xmlNodePtr node, const char *fmt, ...)
{
    va_list args;
    g_autofree char *msg = NULL;

    va_start(args, fmt);
    msg = g_strdup_vprintf(fmt, args);
    va_end(args);
    virReportErrorFull(domain, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                       _("line %ld, <%s>: %s"), xmlGetLineNo(node),
                       (const char *)node->name, msg);
}

bool
virXMLIsElement(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
           strcmp((const char *)node->name, name) == 0;
}

xmlNodePtr
virXMLChild(xmlNodePtr parent, const char *name)
{
    xmlNodePtr cur;

    for (cur = parent->children; cur; cur = cur->next) {
        if (virXMLIsElement(cur, name))
            return cur;
    }
    return NULL;
}

char *
virXMLProp(xmlNodePtr node, const char *name)
{
    xmlChar *value = xmlGetNoNsProp(node, (const xmlChar *)name);
    char *ret;

    if (!value)
        return NULL;
    ret = g_strdup((const char *)value);
    xmlFree(value);
    return ret;
}

/* Content with surrounding whitespace removed, as libvirt reads it. */
char *
virXMLContent(xmlNodePtr node)
{
    xmlChar *value = xmlNodeGetContent(node);
    char *ret;

    if (!value)
        return g_strdup("");
    ret = g_strstrip(g_strdup((const char *)value));
    xmlFree(value);
    return ret;
}

char *
virXMLChildContent(xmlNodePtr parent, const char *name)
{
    xmlNodePtr child = virXMLChild(parent, name);

    return child ? virXMLContent(child) : NULL;
}

int
virXMLPropULL(int domain, xmlNodePtr node, const char *name, unsigned long long *value)
{
    g_autofree char *str = virXMLProp(node, name);

    if (!str)
        return 0;
    if (virStrToULL(str, value) < 0) {
        virXMLReportNode(domain, node, _("attribute '%s' must be a non-negative integer, not '%s'"),
                         name, str);
        return -1;
    }
    return 1;
}

int
virXMLPropUInt(int domain, xmlNodePtr node, const char *name, unsigned int *value)
{
    unsigned long long v;
    int rc = virXMLPropULL(domain, node, name, &v);

    if (rc <= 0)
        return rc;
    if (v > UINT_MAX) {
        virXMLReportNode(domain, node, _("attribute '%s' is too large (%llu)"), name, v);
        return -1;
    }
    *value = v;
    return 1;
}

int
virXMLContentULL(int domain, xmlNodePtr node, unsigned long long *value)
{
    g_autofree char *str = virXMLContent(node);

    if (virStrToULL(str, value) < 0) {
        virXMLReportNode(domain, node, _("must hold a non-negative integer, not '%s'"), str);
        return -1;
    }
    return 1;
}

int
virXMLContentLL(int domain, xmlNodePtr node, long long *value)
{
    g_autofree char *str = virXMLContent(node);

    if (virStrToLL(str, value) < 0) {
        virXMLReportNode(domain, node, _("must hold an integer, not '%s'"), str);
        return -1;
    }
    return 1;
}

int
virXMLContentUInt(int domain, xmlNodePtr node, unsigned int *value)
{
    g_autofree char *str = virXMLContent(node);

    if (virStrToUInt(str, value) < 0) {
        virXMLReportNode(domain, node, _("must hold a non-negative integer below 2^32, not '%s'"),
                         str);
        return -1;
    }
    return 1;
}

int
virXMLContentKiB(int domain, xmlNodePtr node, unsigned long long *kib)
{
    g_autofree char *unit = virXMLProp(node, "unit");
    unsigned long long value, scale = 1024;

    if (virXMLContentULL(domain, node, &value) < 0)
        return -1;
    if (unit && !(scale = virUnitScale(unit))) {
        virXMLReportNode(domain, node,
                         _("unknown unit '%s' (use b, KiB, MiB, GiB, TiB, KB, MB, GB, ...)"), unit);
        return -1;
    }
    /* sizes are kept in KiB; the limit keeps bytes within 63 bits */
    if (value > G_MAXINT64 / scale) {
        virXMLReportNode(domain, node, _("size %llu %s is too large"), value, unit ? unit : "KiB");
        return -1;
    }
    *kib = (value * scale + 1023) / 1024;
    return 1;
}

const char virXMLSpaces[VIR_XML_INDENT_MAX + 1] = "                                ";

/* Escapes markup; in attribute values, also the whitespace that an XML
 * parser would otherwise normalize to spaces.  Runs of plain characters
 * are copied at once: most text has nothing to escape. */
static void
virXMLEscapeFull(GString *buf, const char *text, bool attr)
{
    const char *special = attr ? "<>&'\"\n\r\t" : "<>&'\"\r";

    for (;;) {
        size_t plain = strcspn(text, special);

        virStringAppendLen(buf, text, plain);
        text += plain;
        switch (*text) {
        case '\0': return;
        case '<': virStringAppendLen(buf, "&lt;", 4); break;
        case '>': virStringAppendLen(buf, "&gt;", 4); break;
        case '&': virStringAppendLen(buf, "&amp;", 5); break;
        case '\'': virStringAppendLen(buf, "&apos;", 6); break;
        case '"': virStringAppendLen(buf, "&quot;", 6); break;
        case '\n': virStringAppendLen(buf, "&#10;", 5); break;
        case '\r': virStringAppendLen(buf, "&#13;", 5); break;
        case '\t': virStringAppendLen(buf, "&#9;", 4); break;
        }
        text++;
    }
}

void
virXMLEscape(GString *buf, const char *text)
{
    virXMLEscapeFull(buf, text, false);
}

void
virXMLAddAttr(GString *buf, const char *name, const char *value)
{
    if (!value)
        return;
    g_string_append_c(buf, ' ');
    virStringAppend(buf, name);
    virStringAppendLen(buf, "='", 2);
    virXMLEscapeFull(buf, value, true);
    g_string_append_c(buf, '\'');
}

void
virXMLAddAttrULL(GString *buf, const char *name, unsigned long long value)
{
    g_string_append_c(buf, ' ');
    virStringAppend(buf, name);
    virStringAppendLen(buf, "='", 2);
    virXMLAppendULL(buf, value);
    g_string_append_c(buf, '\'');
}

/* Formatting whole documents is hot (an XML dump of every domain, every
 * few seconds, on a host with thousands): numbers and indentation are
 * written without printf. */
void
virXMLAppendULL(GString *buf, unsigned long long value)
{
    virStringAppendULL(buf, value);
}

void
virXMLAppendLL(GString *buf, long long value)
{
    if (value < 0) {
        g_string_append_c(buf, '-');
        virXMLAppendULL(buf, -(unsigned long long)value);
    } else {
        virXMLAppendULL(buf, value);
    }
}

void
virXMLIndentSlow(GString *buf, int indent)
{
    while (indent > 0) {
        int n = MIN(indent, VIR_XML_INDENT_MAX);

        virStringAppendLen(buf, virXMLSpaces, n);
        indent -= n;
    }
}

/* "<name>" or "</name>" */
static void
virXMLAddTag(GString *buf, const char *name, bool close)
{
    virStringAppendLen(buf, close ? "</" : "<", close ? 2 : 1);
    virStringAppend(buf, name);
    g_string_append_c(buf, '>');
}

void
virXMLAddElement(GString *buf, int indent, const char *name, const char *text)
{
    if (!text)
        return;
    virXMLIndent(buf, indent);
    virXMLAddTag(buf, name, false);
    virXMLEscape(buf, text);
    virXMLAddTag(buf, name, true);
    g_string_append_c(buf, '\n');
}

void
virXMLAddElementULL(GString *buf, int indent, const char *name, unsigned long long value)
{
    virXMLIndent(buf, indent);
    virXMLAddTag(buf, name, false);
    virXMLAppendULL(buf, value);
    virXMLAddTag(buf, name, true);
    g_string_append_c(buf, '\n');
}

void
virXMLAddEmptyElement(GString *buf, int indent, const char *name)
{
    virXMLIndent(buf, indent);
    g_string_append_c(buf, '<');
    virStringAppend(buf, name);
    virStringAppendLen(buf, "/>\n", 3);
}

void
virXMLStripBlanks(xmlNodePtr node)
{
    xmlNodePtr cur = node->children;

    while (cur) {
        xmlNodePtr next = cur->next;

        if (cur->type == XML_TEXT_NODE && xmlIsBlankNode(cur) &&
            (cur->prev || cur->next)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        } else if (cur->type == XML_ELEMENT_NODE) {
            virXMLStripBlanks(cur);
        }
        cur = next;
    }
}

char *
virXMLSerializeChildren(xmlNodePtr node, int indent)
{
    GString *out = g_string_new(NULL);
    xmlNodePtr cur;

    for (cur = node->children; cur; cur = cur->next) {
        xmlDocPtr doc;
        xmlNodePtr copy;
        xmlBufferPtr xbuf;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        /* a copy in a document of its own, so that namespaces declared on
         * ancestors are declared on it */
        doc = xmlNewDoc((const xmlChar *)"1.0");
        copy = xmlDocCopyNode(cur, doc, 1);
        xmlDocSetRootElement(doc, copy);
        xmlReconciliateNs(doc, copy);
        virXMLStripBlanks(copy);
        xbuf = xmlBufferCreate();
        /* libxml2 indents element-only content by two spaces a level and
         * leaves mixed content alone: indenting the dump line by line
         * would add spaces inside text, and more at every round trip */
        xmlNodeDump(xbuf, doc, copy, indent / 2, 1);
        virXMLIndent(out, indent);
        g_string_append(out, (const char *)xmlBufferContent(xbuf));
        g_string_append_c(out, '\n');
        xmlBufferFree(xbuf);
        xmlFreeDoc(doc);
    }
    if (out->len == 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}
