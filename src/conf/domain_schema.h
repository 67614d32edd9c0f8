/*
 * domain_schema.h: validating documents against the RelaxNG schemas
 */
#ifndef VIR_DOMAIN_SCHEMA_H
# define VIR_DOMAIN_SCHEMA_H

# include "internal.h"

# include <libxml/tree.h>

/* The directory of the installed schemas, or $VIRTKIT_SCHEMA_DIR. */
const char *virSchemaDir(void);

/* Validates @doc against domain.rng; the error names the first line and
 * element that do not match. */
int virDomainSchemaValidate(xmlDocPtr doc);

#endif /* VIR_DOMAIN_SCHEMA_H */
