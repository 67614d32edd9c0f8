/*
 * vserver_setup.h: what a domain's definition asks of its context, given
 * to the kernel: at start, everything; for a change, what differs
 */
#ifndef VIR_VSERVER_SETUP_H
# define VIR_VSERVER_SETUP_H

# include "internal.h"

# include "vserver_def.h"
# include "vserver_private.h"

/* Gives context @xid, in setup, everything @def asks: flags,
 * capabilities, UTS names, limits, the scheduler, the root and disk
 * limits (2003), the addresses and bandwidths (@run).  Returns 0, or -1
 * with the error of the first refusal. */
int vserverSetupContext(vserverDriver *driver, uint32_t xid, const virDomainDef *def,
                        const vserverDefRun *run);

/* Gives running context @xid the limits and scheduler values of @to that
 * differ from @from. */
int vserverSetupChanges(vserverDriver *driver, uint32_t xid, const virDomainDef *from,
                        const virDomainDef *to);

/* Removes the 2003 network devices of context @xid (those of the
 * interfaces of @def); what is not there is no error. */
void vserverSetupRemoveNetDevs(vserverDriver *driver, uint32_t xid, const virDomainDef *def);

#endif /* VIR_VSERVER_SETUP_H */
