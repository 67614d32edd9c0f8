/*
 * domain_metadata_xml.c: the elements of a domain's <metadata>, each
 * named by its namespace (libvirt's VIR_DOMAIN_METADATA_ELEMENT)
 *
 * A definition keeps <metadata> as text (virXMLSerializeChildren), so an
 * element is read or replaced in a document made of that text, which is
 * then written back the same way.
 */
#include "internal.h"

#include <libxml/parser.h>

#include "domain_metadata_xml.h"
#include "virerror.h"
#include "virxml.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* The indentation of <metadata>'s children in a domain's XML. */
#define VIR_DOMAIN_METADATA_INDENT 4

static xmlDocPtr
virDomainMetadataParse(const char *metadata, xmlNodePtr *root)
{
    g_autofree char *doc = g_strdup_printf("<metadata>%s</metadata>", metadata ? metadata : "");

    return virXMLParse(doc, "metadata", "metadata", root);
}

static bool
virDomainMetadataInNs(xmlNodePtr node, const char *uri)
{
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           g_str_equal((const char *)node->ns->href, uri);
}

/* Elements in @uri go out of it (@ns NULL); elements in none go into @ns. */
static void
virDomainMetadataSetNs(xmlNodePtr node, const char *uri, xmlNsPtr ns)
{
    xmlNodePtr cur;

    if (node->type != XML_ELEMENT_NODE)
        return;
    if (ns ? !node->ns : virDomainMetadataInNs(node, uri))
        xmlSetNs(node, ns);
    for (cur = node->children; cur; cur = cur->next)
        virDomainMetadataSetNs(cur, uri, ns);
}

static char *
virDomainMetadataDump(xmlDocPtr doc, xmlNodePtr node)
{
    xmlBufferPtr buf = xmlBufferCreate();
    char *ret;

    xmlNodeDump(buf, doc, node, 0, 1);
    ret = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return ret;
}

int
virDomainMetadataGetElement(const char *metadata, const char *uri, char **element)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(xmlDoc) out = NULL;
    xmlNodePtr root, cur, copy;
    xmlNsPtr *def;

    *element = NULL;
    if (!metadata)
        return 0;
    if (!(doc = virDomainMetadataParse(metadata, &root)))
        return -1;
    for (cur = root->children; cur && !virDomainMetadataInNs(cur, uri); cur = cur->next)
        ;
    if (!cur)
        return 0;
    /* a document of its own, so that what it uses is declared on it */
    out = xmlNewDoc((const xmlChar *)"1.0");
    copy = xmlDocCopyNode(cur, out, 1);
    xmlDocSetRootElement(out, copy);
    xmlReconciliateNs(out, copy);
    virXMLStripBlanks(copy);
    virDomainMetadataSetNs(copy, uri, NULL);
    for (def = &copy->nsDef; *def; def = &(*def)->next) {
        if ((*def)->href && g_str_equal((const char *)(*def)->href, uri)) {
            xmlNsPtr gone = *def;

            *def = gone->next;
            xmlFreeNs(gone);
            break;
        }
    }
    *element = virDomainMetadataDump(out, copy);
    return 0;
}

/* @element parsed and put in @uri under @key, as a node of @doc. */
static xmlNodePtr
virDomainMetadataNewElement(xmlDocPtr doc, const char *element, const char *key,
                            const char *uri)
{
    g_autoptr(xmlDoc) user = NULL;
    xmlNodePtr root;
    xmlNsPtr ns;

    if (!(user = virXMLParse(element, "metadata element", NULL, &root)))
        return NULL;
    if (xmlValidateNCName((const xmlChar *)key, 1) != 0) {
        /* libvirt's words */
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("failed to validate prefix for a new XML namespace"));
        return NULL;
    }
    ns = xmlNewNs(root, (const xmlChar *)uri, (const xmlChar *)key);
    virDomainMetadataSetNs(root, uri, ns);
    return xmlDocCopyNode(root, doc, 1);
}

int
virDomainMetadataSetElement(const char *metadata, const char *element, const char *key,
                            const char *uri, char **changed)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root, cur, next, added = NULL;

    if (!(doc = virDomainMetadataParse(metadata, &root)))
        return -1;
    if (element && !(added = virDomainMetadataNewElement(doc, element, key, uri)))
        return -1;
    for (cur = root->children; cur; cur = next) {
        next = cur->next;
        if (virDomainMetadataInNs(cur, uri)) {
            xmlUnlinkNode(cur);
            xmlFreeNode(cur);
        }
    }
    if (added)
        xmlAddChild(root, added);
    *changed = virXMLSerializeChildren(root, VIR_DOMAIN_METADATA_INDENT);
    return 0;
}

/* The namespaces of @metadata's elements, appended to @uris (each once). */
static void
virDomainMetadataAddNamespaces(const char *metadata, GPtrArray *uris)
{
    g_autoptr(xmlDoc) doc = NULL;
    xmlNodePtr root, cur;

    if (!metadata || !(doc = virDomainMetadataParse(metadata, &root))) {
        virResetLastError();
        return;
    }
    for (cur = root->children; cur; cur = cur->next) {
        const char *href;

        if (cur->type != XML_ELEMENT_NODE || !cur->ns || !cur->ns->href)
            continue;
        href = (const char *)cur->ns->href;
        if (!g_ptr_array_find_with_equal_func(uris, href, g_str_equal, NULL))
            g_ptr_array_add(uris, g_strdup(href));
    }
}

GPtrArray *
virDomainMetadataChangedNamespaces(const char *before, const char *after)
{
    GPtrArray *uris = g_ptr_array_new_with_free_func(g_free);
    guint i = 0;

    if (g_strcmp0(before, after) == 0)
        return uris;
    virDomainMetadataAddNamespaces(before, uris);
    virDomainMetadataAddNamespaces(after, uris);
    while (i < uris->len) {
        g_autofree char *was = NULL;
        g_autofree char *now = NULL;
        const char *uri = g_ptr_array_index(uris, i);

        if (virDomainMetadataGetElement(before, uri, &was) == 0 &&
            virDomainMetadataGetElement(after, uri, &now) == 0 && g_strcmp0(was, now) == 0)
            g_ptr_array_remove_index(uris, i);
        else
            i++;
        virResetLastError();
    }
    return uris;
}
