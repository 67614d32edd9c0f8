/*
 * domain_metadata.h: the shared methods that read and change a domain's
 * title, description and <metadata> elements, for a driver's table as
 * they are
 */
#ifndef VIR_DOMAIN_METADATA_H
# define VIR_DOMAIN_METADATA_H

# include "domain_driver.h"

char *sharedDomainGetMetadata(virDomainPtr dom, int type, const char *uri, unsigned int flags);
int sharedDomainSetMetadata(virDomainPtr dom, int type, const char *metadata, const char *key,
                            const char *uri, unsigned int flags);

#endif /* VIR_DOMAIN_METADATA_H */
