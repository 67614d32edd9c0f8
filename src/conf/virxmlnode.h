/*
 * virxmlnode.h: an element kept as the user wrote it
 *
 * Parts of a domain definition that virtkit does not act on are kept as a
 * small tree of these: name, attributes, text or child elements, and the
 * line they came from.  Nothing in the tree is a libxml2 object: it is
 * plain data that copies, compares and formats without a document, and
 * that drivers read through the accessors below.
 */
#ifndef VIR_XML_NODE_H
# define VIR_XML_NODE_H

# include "internal.h"

# include <libxml/tree.h>

typedef struct _virXMLAttr {
    const char *name;           /* interned */
    char *value;
} virXMLAttr;

typedef struct _virXMLNode virXMLNode;
struct _virXMLNode {
    const char *name;           /* interned */
    int line;                   /* in the document it came from; 0 if made here */
    int rank;                   /* its place among its siblings in libvirt's order */
    size_t nattrs;
    virXMLAttr *attrs;
    char *text;                 /* content of an element without children, or NULL */
    size_t nchildren;
    virXMLNode **children;
};

virXMLNode *virXMLNodeNew(const char *name);
void virXMLNodeFree(virXMLNode *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virXMLNode, virXMLNodeFree);
virXMLNode *virXMLNodeCopy(const virXMLNode *node);

/**
 * virXMLNodeParse:
 * @domain: the error domain to report in
 * @xml: a libxml2 element
 *
 * Copies @xml and everything under it.  Whatever cannot be kept is an
 * error naming the element and its line: an element or attribute in an
 * XML namespace, or text mixed with child elements.  Comments are not
 * content and are left out.  Returns the tree, or NULL.
 */
virXMLNode *virXMLNodeParse(int domain, xmlNodePtr xml);

/* Attributes: a missing one reads as NULL; setting replaces or appends. */
const char *virXMLNodeGetAttr(const virXMLNode *node, const char *name);
void virXMLNodeSetAttr(virXMLNode *node, const char *name, const char *value);
void virXMLNodeRemoveAttr(virXMLNode *node, const char *name);

/* Children: the first one named @name, or NULL. */
virXMLNode *virXMLNodeChild(const virXMLNode *node, const char *name);

/* Appends @child (taking it) and returns it. */
virXMLNode *virXMLNodeAppend(virXMLNode *node, virXMLNode *child);

/* Removes and frees the child at @i. */
void virXMLNodeDelete(virXMLNode *node, size_t i);

/* A new child named @name at the end of @node's children. */
virXMLNode *virXMLNodeAppendNew(virXMLNode *node, const char *name);

/* Orders the children by rank, keeping document order among equals. */
void virXMLNodeSortChildren(virXMLNode *node);

/* Whether @have says everything @want says: the same name, each of
 * @want's attributes with the same value, its text, and each of its
 * children matched by one of @have's (which may say more). */
bool virXMLNodeMatches(const virXMLNode *want, const virXMLNode *have);

/* Writes @node and its children, each level indented two more spaces. */
void virXMLNodeFormat(GString *buf, int indent, const virXMLNode *node);

/* Writes the attributes of @node (" name='value'..."). */
void virXMLNodeFormatAttrs(GString *buf, const virXMLNode *node);

/**
 * virXMLNodeFormatChildrenBefore:
 * @buf: the output
 * @indent: the children's indentation
 * @node: the parent, or NULL
 * @pos: in/out: the next child to write
 * @rank: write the children ranked below this
 *
 * Lets a formatter of a partly modelled element put the children it
 * kept as they were between the ones it writes itself, in libvirt's order.
 */
void virXMLNodeFormatChildrenBefore(GString *buf, int indent, const virXMLNode *node,
                                    size_t *pos, int rank);

/* Reports an error about @node: "line N, <name>: ...". */
void virXMLNodeReport(int domain, const virXMLNode *node, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

#endif /* VIR_XML_NODE_H */
