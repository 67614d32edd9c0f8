/*
 * domain_conf_priv.h: what the files of the domain XML code share
 */
#ifndef VIR_DOMAIN_CONF_PRIV_H
# define VIR_DOMAIN_CONF_PRIV_H

# include "domain_conf.h"

/* domain_devices.c: the device list */
int virDomainParseDevices(virDomainDef *def, xmlNodePtr node);
virDomainDeviceDef *virDomainDefAddDevice(virDomainDef *def, int type, virXMLNode *node);
void virDomainDeviceDefClear(virDomainDeviceDef *dev);
void virDomainDevicesSort(virDomainDef *def);
void virDomainDevicesCopy(virDomainDef *dst, const virDomainDef *src);
void virDomainFormatDevices(GString *buf, int indent, const virDomainDef *def,
                            unsigned int flags);

/* domain_device_view.c: reading the modelled devices out of their nodes */
int virDomainDeviceReadView(virDomainDeviceDef *dev);
int virDomainDevicesReadViews(virDomainDef *def);

/* domain_device_defaults.c, domain_chr.c, domain_addr.c: what libvirt
 * fills in and how it orders devices, on every driver */
int virDomainDevicesPostParse(virDomainDef *def);
void virDomainChrPostParse(virDomainDef *def);
int virDomainAddrPostParse(virDomainDef *def);
int virDomainDiskNameToIndex(const char *name);

/* domain_parse.c: a cpuset attribute (0: absent, 1: read, -1: error) */
int virDomainParseCpuset(xmlNodePtr node, const char *attr, virBitmap **map);

/* domain_cputune.c: <cputune>, read after the vcpu count is known */
int virDomainParseCputune(virDomainDef *def, xmlNodePtr node);
void virDomainFormatCputune(GString *buf, int indent, const virDomainDef *def);

/* domain_parse.c: a child of a partly modelled element that is kept as
 * written, in @rest (created on first use) at its place in libvirt's
 * order; unknown children are refused */
int virDomainKeepChild(virXMLNode **rest, const char *parent, xmlNodePtr cur,
                       int rank);

/* An element given twice replaces what the first one set (the last one
 * wins, as for <name>), without leaking it. */
static inline void
virDomainReplaceString(char **slot, char *value)
{
    g_free(*slot);
    *slot = value;
}

#endif /* VIR_DOMAIN_CONF_PRIV_H */
