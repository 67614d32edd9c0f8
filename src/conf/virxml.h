/*
 * virxml.h: reading untrusted XML safely, and writing XML
 *
 * Documents are parsed with no network access, no DTD (a <!DOCTYPE> is
 * refused, so no entity can be declared or expanded) and a size cap.
 * Errors name the line and the element.
 */
#ifndef VIR_XML_H
# define VIR_XML_H

# include "internal.h"

# include <libxml/tree.h>

# include "virstring.h"

/* The largest document accepted: as large as libvirt's wire protocol
 * allows a string to be. */
# define VIR_XML_MAX_SIZE (4 * 1024 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc);

/**
 * virXMLParse:
 * @xml: the document
 * @what: what it is ("domain", "node"), for messages
 * @rootName: the required name of the root element, or NULL for any
 * @root: the root element (OUT)
 *
 * Returns the document to free with xmlFreeDoc(), or NULL with an error.
 */
xmlDocPtr virXMLParse(const char *xml, const char *what, const char *rootName,
                      xmlNodePtr *root);

/* Reports an XML error that names the element and its line. */
void virXMLReportNode(int domain, xmlNodePtr node, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* Element helpers.  Children are matched by local name, in no namespace. */
bool virXMLIsElement(xmlNodePtr node, const char *name);
xmlNodePtr virXMLChild(xmlNodePtr parent, const char *name);
char *virXMLProp(xmlNodePtr node, const char *name);
char *virXMLContent(xmlNodePtr node);
char *virXMLChildContent(xmlNodePtr parent, const char *name);

/* Numeric attribute and content readers: 0 when absent (value untouched),
 * 1 when read, -1 with an error naming the element and attribute. */
int virXMLPropULL(int domain, xmlNodePtr node, const char *name,
                  unsigned long long *value);
int virXMLPropUInt(int domain, xmlNodePtr node, const char *name,
                   unsigned int *value);
int virXMLContentULL(int domain, xmlNodePtr node, unsigned long long *value);
int virXMLContentLL(int domain, xmlNodePtr node, long long *value);
int virXMLContentUInt(int domain, xmlNodePtr node, unsigned int *value);

/* Reads a size element (<memory unit='MiB'>64</memory>) into KiB, rounding
 * up as libvirt does. */
int virXMLContentKiB(int domain, xmlNodePtr node, unsigned long long *kib);

/* The element children of @node as standalone XML text (namespaces
 * declared where used), each indented by @indent and ending in a newline;
 * NULL when there are none.  Used to keep data virtkit does not model,
 * such as <metadata>, verbatim. */
char *virXMLSerializeChildren(xmlNodePtr node, int indent);

/* Drops whitespace-only text between elements under @node, so that a copy
 * is indented afresh rather than carrying the indentation of its source. */
void virXMLStripBlanks(xmlNodePtr node);

/* Writing: text and attribute values are escaped. */
void virXMLEscape(GString *buf, const char *text);
void virXMLAddAttr(GString *buf, const char *name, const char *value);
void virXMLAddAttrULL(GString *buf, const char *name, unsigned long long value);
void virXMLAppendULL(GString *buf, unsigned long long value);
void virXMLAppendLL(GString *buf, long long value);
void virXMLAddElement(GString *buf, int indent, const char *name,
                      const char *text);
void virXMLAddElementULL(GString *buf, int indent, const char *name,
                         unsigned long long value);
# define VIR_XML_INDENT_MAX 32
extern const char virXMLSpaces[VIR_XML_INDENT_MAX + 1];
void virXMLIndentSlow(GString *buf, int indent);

static inline void
virXMLIndent(GString *buf, int indent)
{
    if (G_LIKELY(indent <= VIR_XML_INDENT_MAX))
        virStringAppendLen(buf, virXMLSpaces, indent);
    else
        virXMLIndentSlow(buf, indent);
}
void virXMLAddEmptyElement(GString *buf, int indent, const char *name);

#endif /* VIR_XML_H */
