/*
 * capabilities.h: the capabilities XML of a host and a driver
 */
#ifndef VIR_CAPABILITIES_H
# define VIR_CAPABILITIES_H

# include "internal.h"

typedef struct _virCapsGuest {
    const char *osType;         /* "hvm", "exe", ... */
    const char *arch;
    unsigned int wordsize;
    const char *emulator;       /* or NULL */
    const char *domainType;     /* "test", "lve", ... */
} virCapsGuest;

typedef struct _virCaps {
    const char *arch;
    virNodeInfo node;           /* topology and memory */
    const char *secModel;       /* or NULL for none */
    const char *secDoi;
    size_t nguests;
    const virCapsGuest *guests;
    /* driver facts outside libvirt's schema, in the driver's namespace:
     * written inside <host> as given */
    const char *hostExtraXML;
} virCaps;

char *virCapabilitiesFormat(const virCaps *caps);

#endif /* VIR_CAPABILITIES_H */
