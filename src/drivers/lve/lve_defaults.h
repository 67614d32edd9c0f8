/*
 * lve_defaults.h: the default limits of LVEs, and the node memory
 * parameters that carry them beside KSM's
 */
#ifndef VIR_LVE_DEFAULTS_H
# define VIR_LVE_DEFAULTS_H

# include "lve_private.h"

/* Reads <root>/etc/virtkit/lve/defaults/limits.xml, or the kernel's. */
int lveDriverLoadDefaults(lveDriver *driver);
void lveDriverGetDefaults(lveDriver *driver, lveLimits *defaults);

int lveNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                               unsigned int flags);
int lveNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                               unsigned int flags);

#endif /* VIR_LVE_DEFAULTS_H */
