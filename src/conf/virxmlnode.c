/*
 * virxmlnode.c: an element kept as the user wrote it
 */
#include "internal.h"

#include "virerror.h"
#include "virstring.h"
#include "virxml.h"
#include "virxmlnode.h"

virXMLNode *
virXMLNodeNew(const char *name)
{
    virXMLNode *node = g_new0(virXMLNode, 1);

    node->name = g_intern_string(name);
    return node;
}

void
virXMLNodeFree(virXMLNode *node)
{
    size_t i;

    if (!node)
        return;
    for (i = 0; i < node->nattrs; i++)
        g_free(node->attrs[i].value);
    g_free(node->attrs);
    for (i = 0; i < node->nchildren; i++)
        virXMLNodeFree(node->children[i]);
    g_free(node->children);
    g_free(node->text);
    g_free(node);
}

virXMLNode *
virXMLNodeCopy(const virXMLNode *src)
{
    virXMLNode *node;
    size_t i;

    if (!src)
        return NULL;
    node = g_new0(virXMLNode, 1);
    *node = *src;
    node->attrs = g_new(virXMLAttr, src->nattrs);
    for (i = 0; i < src->nattrs; i++) {
        node->attrs[i].name = src->attrs[i].name;
        node->attrs[i].value = g_strdup(src->attrs[i].value);
    }
    node->text = g_strdup(src->text);
    node->children = g_new(virXMLNode *, src->nchildren);
    for (i = 0; i < src->nchildren; i++)
        node->children[i] = virXMLNodeCopy(src->children[i]);
    return node;
}

void
virXMLNodeReport(int domain, const virXMLNode *node, const char *fmt, ...)
{
    va_list args;
    g_autofree char *msg = NULL;

    va_start(args, fmt);
    msg = g_strdup_vprintf(fmt, args);
    va_end(args);
    virReportErrorFull(domain, VIR_ERR_XML_ERROR, __FILE__, __func__, __LINE__,
                       _("line %d, <%s>: %s"), node->line, node->name, msg);
}

/* ---- reading from libxml2 ------------------------------------------ */

static bool
virXMLNodeIsBlank(const char *text)
{
    return text[strspn(text, " \t\r\n")] == '\0';
}

static int
virXMLNodeParseAttrs(int domain, virXMLNode *node, xmlNodePtr xml)
{
    xmlAttrPtr attr;
    size_t n = 0;

    for (attr = xml->properties; attr; attr = attr->next)
        n++;
    node->attrs = g_new0(virXMLAttr, n);
    for (attr = xml->properties; attr; attr = attr->next) {
        xmlChar *value;

        if (attr->ns) {
            virXMLReportNode(domain, xml, _("attribute '%s:%s' is in an XML namespace and cannot be kept"),
                             (const char *)attr->ns->prefix, (const char *)attr->name);
            return -1;
        }
        value = xmlNodeGetContent((xmlNodePtr)attr);
        node->attrs[node->nattrs].name = g_intern_string((const char *)attr->name);
        node->attrs[node->nattrs].value = g_strdup(value ? (const char *)value : "");
        node->nattrs++;
        xmlFree(value);
    }
    return 0;
}

static int
virXMLNodeParseChildren(int domain, virXMLNode *node, xmlNodePtr xml)
{
    g_autoptr(GString) text = g_string_new(NULL);
    xmlNodePtr cur;

    for (cur = xml->children; cur; cur = cur->next) {
        virXMLNode *child;

        if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
            g_string_append(text, (const char *)cur->content);
            continue;
        }
        if (cur->type != XML_ELEMENT_NODE)
            continue;   /* comments and processing instructions are not content */
        if (!(child = virXMLNodeParse(domain, cur)))
            return -1;
        virXMLNodeAppend(node, child);
    }
    if (virXMLNodeIsBlank(text->str))
        return 0;
    if (node->nchildren) {
        virXMLReportNode(domain, xml, "%s",
                         _("text mixed with child elements cannot be kept"));
        return -1;
    }
    node->text = g_string_free(g_steal_pointer(&text), FALSE);
    return 0;
}

virXMLNode *
virXMLNodeParse(int domain, xmlNodePtr xml)
{
    g_autoptr(virXMLNode) node = NULL;

    if (xml->ns) {
        virXMLReportNode(domain, xml, _("element in XML namespace '%s' cannot be kept here"),
                         (const char *)xml->ns->href);
        return NULL;
    }
    node = virXMLNodeNew((const char *)xml->name);
    node->line = xmlGetLineNo(xml);
    if (virXMLNodeParseAttrs(domain, node, xml) < 0 ||
        virXMLNodeParseChildren(domain, node, xml) < 0)
        return NULL;
    return g_steal_pointer(&node);
}

/* ---- accessors ----------------------------------------------------- */

const char *
virXMLNodeGetAttr(const virXMLNode *node, const char *name)
{
    size_t i;

    for (i = 0; i < node->nattrs; i++) {
        if (strcmp(node->attrs[i].name, name) == 0)
            return node->attrs[i].value;
    }
    return NULL;
}

void
virXMLNodeSetAttr(virXMLNode *node, const char *name, const char *value)
{
    size_t i;

    for (i = 0; i < node->nattrs; i++) {
        if (strcmp(node->attrs[i].name, name) == 0) {
            g_free(node->attrs[i].value);
            node->attrs[i].value = g_strdup(value);
            return;
        }
    }
    node->attrs = g_renew(virXMLAttr, node->attrs, node->nattrs + 1);
    node->attrs[node->nattrs].name = g_intern_string(name);
    node->attrs[node->nattrs].value = g_strdup(value);
    node->nattrs++;
}

void
virXMLNodeRemoveAttr(virXMLNode *node, const char *name)
{
    size_t i;

    for (i = 0; i < node->nattrs; i++) {
        if (strcmp(node->attrs[i].name, name) == 0) {
            g_free(node->attrs[i].value);
            memmove(&node->attrs[i], &node->attrs[i + 1],
                    (node->nattrs - i - 1) * sizeof(virXMLAttr));
            node->nattrs--;
            return;
        }
    }
}

virXMLNode *
virXMLNodeChild(const virXMLNode *node, const char *name)
{
    size_t i;

    for (i = 0; i < node->nchildren; i++) {
        if (strcmp(node->children[i]->name, name) == 0)
            return node->children[i];
    }
    return NULL;
}

virXMLNode *
virXMLNodeAppend(virXMLNode *node, virXMLNode *child)
{
    node->children = g_renew(virXMLNode *, node->children, node->nchildren + 1);
    node->children[node->nchildren++] = child;
    return child;
}

virXMLNode *
virXMLNodeAppendNew(virXMLNode *node, const char *name)
{
    virXMLNode *child = virXMLNodeNew(name);

    child->line = node->line;
    return virXMLNodeAppend(node, child);
}

void
virXMLNodeDelete(virXMLNode *node, size_t i)
{
    virXMLNodeFree(node->children[i]);
    memmove(&node->children[i], &node->children[i + 1],
            (node->nchildren - i - 1) * sizeof(virXMLNode *));
    node->nchildren--;
}

/* An insertion sort: stable, and children lists are short and nearly
 * always in order already. */
void
virXMLNodeSortChildren(virXMLNode *node)
{
    size_t i, j;

    for (i = 1; i < node->nchildren; i++) {
        virXMLNode *cur = node->children[i];

        for (j = i; j > 0 && node->children[j - 1]->rank > cur->rank; j--)
            node->children[j] = node->children[j - 1];
        node->children[j] = cur;
    }
}

/* ---- writing ------------------------------------------------------- */

void
virXMLNodeFormatAttrs(GString *buf, const virXMLNode *node)
{
    size_t i;

    for (i = 0; i < node->nattrs; i++)
        virXMLAddAttr(buf, node->attrs[i].name, node->attrs[i].value);
}

void
virXMLNodeFormat(GString *buf, int indent, const virXMLNode *node)
{
    size_t i;

    virXMLIndent(buf, indent);
    g_string_append_c(buf, '<');
    virStringAppend(buf, node->name);
    virXMLNodeFormatAttrs(buf, node);
    if (node->text) {
        g_string_append_c(buf, '>');
        virXMLEscape(buf, node->text);
    } else if (node->nchildren) {
        virStringAppendLen(buf, ">\n", 2);
        for (i = 0; i < node->nchildren; i++)
            virXMLNodeFormat(buf, indent + 2, node->children[i]);
        virXMLIndent(buf, indent);
    } else {
        virStringAppendLen(buf, "/>\n", 3);
        return;
    }
    virStringAppendLen(buf, "</", 2);
    virStringAppend(buf, node->name);
    virStringAppendLen(buf, ">\n", 2);
}

void
virXMLNodeFormatChildrenBefore(GString *buf, int indent, const virXMLNode *node,
                               size_t *pos, int rank)
{
    if (!node)
        return;
    while (*pos < node->nchildren && node->children[*pos]->rank < rank)
        virXMLNodeFormat(buf, indent, node->children[(*pos)++]);
}

bool
virXMLNodeMatches(const virXMLNode *want, const virXMLNode *have)
{
    size_t i, j;

    if (strcmp(want->name, have->name) != 0)
        return false;
    for (i = 0; i < want->nattrs; i++) {
        if (g_strcmp0(virXMLNodeGetAttr(have, want->attrs[i].name), want->attrs[i].value) != 0)
            return false;
    }
    if (want->text && g_strcmp0(want->text, have->text) != 0)
        return false;
    for (i = 0; i < want->nchildren; i++) {
        for (j = 0; j < have->nchildren; j++) {
            if (virXMLNodeMatches(want->children[i], have->children[j]))
                break;
        }
        if (j == have->nchildren)
            return false;
    }
    return true;
}
