/*
 * lve_tune.h: what a change to a domain means for its LVE (the checkChange,
 * syncDef and applyLive hooks of the shared transaction)
 */
#ifndef VIR_LVE_TUNE_H
# define VIR_LVE_TUNE_H

# include "lve_private.h"

int lveDomainHookCheckChange(virDomainDriverBase *base, const virDomainDef *def, bool live,
                             virDomainDriverChange change);
void lveDomainHookSyncDef(virDomainDriverBase *base, virDomainDef *def,
                          virDomainDriverChange change);
int lveDomainHookApplyLive(virDomainDriverBase *base, virDomainObj *obj,
                           const virDomainDef *from, const virDomainDef *to,
                           unsigned int changes);

#endif /* VIR_LVE_TUNE_H */
