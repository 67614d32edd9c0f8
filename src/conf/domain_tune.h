/*
 * domain_tune.h: the generic tunables (<memtune>, <blkiotune>) as typed
 * parameters, shared by every driver that maps its limits onto them
 *
 * Get functions follow libvirt's protocol: with *nparams 0 they give the
 * number of parameters; otherwise they fill at most *nparams and set it
 * to the number filled.  Apply functions check every parameter before
 * changing anything.
 */
#ifndef VIR_DOMAIN_TUNE_H
# define VIR_DOMAIN_TUNE_H

# include "internal.h"
# include "domain_conf.h"

# define VIR_DOMAIN_MEMTUNE_NPARAMS 3
# define VIR_DOMAIN_BLKIOTUNE_NPARAMS 6

int virDomainMemtuneGetParams(const virDomainMemtune *tune, virTypedParameterPtr params,
                              int *nparams);
int virDomainMemtuneApplyParams(virDomainMemtune *tune, const virTypedParameter *params,
                                int nparams);

int virDomainBlkiotuneGetParams(const virDomainBlkiotune *tune, virTypedParameterPtr params,
                                int *nparams, unsigned int flags);
int virDomainBlkiotuneApplyParams(virDomainBlkiotune *tune, const virTypedParameter *params,
                                  int nparams);
void virDomainBlkiotuneCopy(virDomainBlkiotune *dst, const virDomainBlkiotune *src);
void virDomainBlkiotuneClear(virDomainBlkiotune *tune);

#endif /* VIR_DOMAIN_TUNE_H */
