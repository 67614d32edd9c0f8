/*
 * lve_tune.h: how the tuning calls of the LVE driver change a domain
 */
#ifndef VIR_LVE_TUNE_H
# define VIR_LVE_TUNE_H

# include "lve_private.h"

/**
 * lveDomainBeginChange:
 * @dom: the domain
 * @flags: virDomainModificationImpact
 * @live: set to a copy of the live definition to change, or NULL
 * @pers: set to a copy of the configuration to change, or NULL
 *
 * Returns the domain locked, or NULL.  End with lveDomainEndChange().
 */
virDomainObj *lveDomainBeginChange(virDomainPtr dom, unsigned int flags, virDomainDef **live,
                                   virDomainDef **pers);

/* With @rc 0, applies the limits in @mask of @live to the running LVE,
 * saves @pers, and puts both in place; frees what is left, unlocks. */
int lveDomainEndChange(lveDriver *driver, virDomainObj **obj, virDomainDef *live,
                       virDomainDef *pers, unsigned int mask, int rc);

#endif /* VIR_LVE_TUNE_H */
