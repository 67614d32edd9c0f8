/*
 * domain_parse_elems.h: reading the modelled children of <domain>
 */
#ifndef VIR_DOMAIN_PARSE_ELEMS_H
# define VIR_DOMAIN_PARSE_ELEMS_H

# include "domain_conf.h"

/* Each reads one element into @def; -1 with an error naming the element. */
int virDomainParseMemtune(virDomainDef *def, xmlNodePtr node);
int virDomainParseBlkiotune(virDomainDef *def, xmlNodePtr node);
int virDomainParseOS(virDomainDef *def, xmlNodePtr node);    /* 1: has a <type> */
int virDomainParseFeatures(virDomainDef *def, xmlNodePtr node);
int virDomainParseClock(virDomainDef *def, xmlNodePtr node);
int virDomainParseMemoryBacking(virDomainDef *def, xmlNodePtr node);

/* Refuses @cur, a child of <@parent> that libvirt's schema does not know. */
int virDomainUnknownChild(xmlNodePtr cur, const char *parent);

/* Refuses an attribute of @node not in @known (NULL-ended; NULL: none). */
int virDomainCheckAttrs(xmlNodePtr node, const char *const *known);

#endif /* VIR_DOMAIN_PARSE_ELEMS_H */
