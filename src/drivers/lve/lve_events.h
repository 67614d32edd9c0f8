/*
 * lve_events.h: what the kernel tells of a running LVE, as domain events
 */
#ifndef VIR_LVE_EVENTS_H
# define VIR_LVE_EVENTS_H

# include "lve_private.h"

/* The hooks watchEvents and watchDomain (domain_driver.h). */
void lveDomainHookWatchEvents(virDomainDriverBase *base);
void lveDomainHookWatchDomain(virDomainDriverBase *base, const virDomainObj *obj);

/* Ends every watch, waiting for a notice under way: the driver's end. */
void lveDomainUnwatchAll(lveDriver *driver);

#endif /* VIR_LVE_EVENTS_H */
