/*
 * domain_metadata_xml.h: the elements of a domain's <metadata>, each
 * named by its namespace, read and replaced in the text a definition
 * keeps of them (virDomainDef.metadata)
 */
#ifndef VIR_DOMAIN_METADATA_XML_H
# define VIR_DOMAIN_METADATA_XML_H

# include "internal.h"

/**
 * virDomainMetadataGetElement:
 * @metadata: the children of <metadata> as a definition keeps them, or NULL
 * @uri: a namespace
 * @element: the first element in @uri, without its namespace, as libvirt
 *           gives it; NULL when there is none (OUT)
 *
 * Returns 0, or -1 with an error.
 */
int virDomainMetadataGetElement(const char *metadata, const char *uri, char **element);

/**
 * virDomainMetadataSetElement:
 * @metadata: the children of <metadata> as a definition keeps them, or NULL
 * @element: one element, whose unqualified elements are put in @uri under
 *           the prefix @key; NULL only removes
 * @key: the prefix (an XML NCName)
 * @uri: the namespace whose elements @element replaces
 * @changed: the new children of <metadata>, NULL when none is left (OUT)
 *
 * Returns 0, or -1 with an error (@element does not parse, @key is not a
 * prefix) and @changed untouched.
 */
int virDomainMetadataSetElement(const char *metadata, const char *element, const char *key,
                                const char *uri, char **changed);

/* The namespaces whose element differs between two <metadata> texts
 * (added, removed or changed); empty when none does. */
GPtrArray *virDomainMetadataChangedNamespaces(const char *before, const char *after);

#endif /* VIR_DOMAIN_METADATA_XML_H */
