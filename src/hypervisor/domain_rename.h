/*
 * domain_rename.h: the shared method that gives a defined, shut off
 * domain another name, for a driver's table as it is
 */
#ifndef VIR_DOMAIN_RENAME_H
# define VIR_DOMAIN_RENAME_H

# include "domain_driver.h"

int sharedDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags);

#endif /* VIR_DOMAIN_RENAME_H */
