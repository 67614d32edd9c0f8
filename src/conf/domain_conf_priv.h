/*
 * domain_conf_priv.h: what the files of the domain XML code share
 */
#ifndef VIR_DOMAIN_CONF_PRIV_H
# define VIR_DOMAIN_CONF_PRIV_H

# include "domain_conf.h"

int virDomainParseDevices(virDomainDef *def, xmlNodePtr node);
void virDomainFormatDevices(GString *buf, int indent, const virDomainDef *def);

#endif /* VIR_DOMAIN_CONF_PRIV_H */
