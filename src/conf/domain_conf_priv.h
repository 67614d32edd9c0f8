/*
 * domain_conf_priv.h: what the files of the domain XML code share
 */
#ifndef VIR_DOMAIN_CONF_PRIV_H
# define VIR_DOMAIN_CONF_PRIV_H

# include "domain_conf.h"

int virDomainParseDevices(virDomainDef *def, xmlNodePtr node);
void virDomainDeviceAddressFree(virDomainDeviceAddress *addr);

/* An element given twice replaces what the first one set (the last one
 * wins, as for <name>), without leaking it. */
static inline void
virDomainReplaceString(char **slot, char *value)
{
    g_free(*slot);
    *slot = value;
}
void virDomainFormatDevices(GString *buf, int indent, const virDomainDef *def);

#endif /* VIR_DOMAIN_CONF_PRIV_H */
